"""Loads that share what they built: the two sides of a diff, and `mkdocs serve` rebuilds."""

from __future__ import annotations

from pathlib import Path

from impactctl.reading.repository import Shared, load_repository
from tests.gitrepo import base_files, cycle_yaml, write


def test_a_second_load_builds_only_the_file_that_changed(tmp_path: Path) -> None:
    write(tmp_path, base_files())
    shared = Shared()
    first = load_repository(tmp_path, shared=shared).repository
    cycle = "assessments/test-trust/2024-25.yaml"
    (tmp_path / cycle).write_text(
        cycle_yaml("2024-25", {"1.1": "strong", "1.2": "starting", "2.1": "starting"})
    )
    second = load_repository(tmp_path, shared=shared).repository

    assert second.frameworks["mini@1"] is first.frameworks["mini@1"]
    before = first.organisations["test-trust"].cycles[0]
    after = second.organisations["test-trust"].cycles[0]
    assert after is not before and after.levels["1.1"] == "strong"
    # What the first load built for the old version is forgotten, not kept forever.
    assert before not in shared.built.values()
    assert len(shared.built) == len(shared.last_load)
