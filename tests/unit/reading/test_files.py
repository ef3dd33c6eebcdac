"""impactctl.reading.files: finding our files on disk, and reading them safely."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from impactctl.reading.files import read_file, repository_files
from impactctl.reading.yaml import MAX_BYTES, YamlProblem


def _touch(root: Path, rel: str, text: str = "id: x\n") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_repository_files_lists_the_layout_two_levels_deep_and_sorted(tmp_path: Path) -> None:
    for rel in [
        "framework/mini/framework.yaml",
        "assessments/b-org/2025-26.yaml",
        "assessments/a-org/organisation.yaml",
        "assessments/a-org/notes.txt",  # not YAML: not ours
        "assessments/a-org/old.yml",  # listed, so that E117 can name it
        "site/index.md",
    ]:
        _touch(tmp_path, rel)
    assert repository_files(tmp_path) == [
        "assessments/a-org/old.yml",
        "assessments/a-org/organisation.yaml",
        "assessments/b-org/2025-26.yaml",
        "framework/mini/framework.yaml",
    ]


def test_a_missing_assessments_folder_is_no_files(tmp_path: Path) -> None:
    assert repository_files(tmp_path) == []


def test_read_file_returns_the_bytes(tmp_path: Path) -> None:
    _touch(tmp_path, "assessments/org/2025-26.yaml", "cycle: 2025-26\n")
    assert read_file(tmp_path, "assessments/org/2025-26.yaml") == b"cycle: 2025-26\n"


def test_a_link_out_of_the_repository_is_e100(tmp_path: Path) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "secret.yaml"
    outside.write_text("token: x\n", encoding="utf-8")
    (repo / "assessments" / "org").mkdir(parents=True)
    os.symlink(outside, repo / "assessments" / "org" / "2025-26.yaml")
    with pytest.raises(YamlProblem) as caught:
        read_file(repo, "assessments/org/2025-26.yaml")
    assert caught.value.code == "E100"
    assert "outside the repository" in caught.value.finding.message


def test_a_link_inside_the_repository_is_followed(tmp_path: Path) -> None:
    _touch(tmp_path, "assessments/org/2024-25.yaml", "cycle: 2024-25\n")
    os.symlink("2024-25.yaml", tmp_path / "assessments" / "org" / "2025-26.yaml")
    assert read_file(tmp_path, "assessments/org/2025-26.yaml") == b"cycle: 2024-25\n"


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "assessments" / "org" / "2025-26.yaml"
    path.parent.mkdir(parents=True)
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is written, nothing need be read
    with pytest.raises(YamlProblem) as caught:
        read_file(tmp_path, "assessments/org/2025-26.yaml")
    assert caught.value.code == "E104"


def test_a_missing_file_is_e100_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(YamlProblem) as caught:
        read_file(tmp_path, "assessments/org/none.yaml")
    assert caught.value.code == "E100"
    assert "cannot read file" in caught.value.finding.message
