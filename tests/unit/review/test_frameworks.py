"""impactctl.review.frameworks: a framework version edited in place is said, not hidden."""

from __future__ import annotations

from pathlib import Path

from impactctl.model import Repository
from impactctl.reading.repository import load_repository
from impactctl.review.frameworks import framework_changes
from tests.gitrepo import FRAMEWORK, write


def _repo(tmp: Path, name: str, framework: str) -> Repository:
    root = tmp / name
    write(root, {"framework/mini/framework.yaml": framework, "assessments/.keep": ""})
    return load_repository(root).repository


def test_the_same_framework_on_both_sides_is_no_change(tmp_path: Path) -> None:
    assert framework_changes(_repo(tmp_path, "a", FRAMEWORK), _repo(tmp_path, "b", FRAMEWORK)) == []


def test_reordered_relabelled_and_reworded_are_each_one_line(tmp_path: Path) -> None:
    edited = FRAMEWORK.replace(
        "  - {id: starting, label: Starting, description: Little is in place.}\n"
        "  - {id: growing, label: Growing, description: Some of it is in place.}\n",
        "  - {id: growing, label: Growing, description: Some of it is in place.}\n"
        "  - {id: starting, label: Just starting, description: Little is in place.}\n",
    ).replace("text: Purpose guides work.", "text: Purpose guides all our work.")
    lines = framework_changes(_repo(tmp_path, "a", FRAMEWORK), _repo(tmp_path, "b", edited))
    assert lines == [
        "framework mini@1: level order changed "
        "(starting, growing, strong → growing, starting, strong)",
        "framework mini@1: level starting relabelled (Starting → Just starting)",
        "framework mini@1: statements reworded (1.2)",
    ]


def test_a_statement_removed_from_a_version_is_said(tmp_path: Path) -> None:
    start = FRAMEWORK.index('      - id: "1.2"')
    end = FRAMEWORK.index("  - id: people")
    fewer = FRAMEWORK[:start] + FRAMEWORK[end:]
    assert framework_changes(_repo(tmp_path, "a", FRAMEWORK), _repo(tmp_path, "b", fewer)) == [
        "framework mini@1: statements removed (1.2)"
    ]
