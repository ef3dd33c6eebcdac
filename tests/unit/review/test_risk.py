"""impactctl.review.risk: each level change with what a reviewer needs, riskiest first."""

from __future__ import annotations

from pathlib import Path

from impactctl.diagnostics import Diagnostic, Location, Severity
from impactctl.model import Repository
from impactctl.reading.repository import load_repository
from impactctl.review.comparison import compare_repositories
from impactctl.review.risk import level_rows
from tests.gitrepo import base_files, cycle_yaml, write

CYCLE = "assessments/test-trust/2024-25.yaml"


def _repo(tmp: Path, name: str, levels: dict[str, str]) -> Repository:
    files = base_files()
    files[CYCLE] = cycle_yaml(
        "2024-25", levels, assessed_on="2024-03-10", evidence_date="2024-02-01"
    )
    write(tmp / name, files)
    return load_repository(tmp / name).repository


def test_rows_carry_names_labels_and_the_rationale_as_it_stands(tmp_path: Path) -> None:
    base = _repo(tmp_path, "base", {"1.1": "starting", "1.2": "growing", "2.1": "starting"})
    head = _repo(tmp_path, "head", {"1.1": "growing", "1.2": "growing", "2.1": "starting"})
    [row] = level_rows(compare_repositories(base, head), base, head)
    assert (row.organisation_name, row.status) == ("Test Trust", "agreed")
    assert (row.old_label, row.new_label) == ("Starting", "Growing")
    assert row.statement_text == "Purpose is shared."
    assert row.rationale is not None and "1.1 growing" in row.rationale
    assert not row.flagged


def test_a_flagged_row_comes_before_a_bigger_unflagged_move(tmp_path: Path) -> None:
    base = _repo(tmp_path, "base", {"1.1": "starting", "1.2": "starting", "2.1": "starting"})
    head = _repo(tmp_path, "head", {"1.1": "growing", "1.2": "strong", "2.1": "starting"})
    comparison = compare_repositories(base, head)
    unflagged = level_rows(comparison, base, head)
    assert [r.change.statement for r in unflagged] == ["1.2", "1.1"]  # the bigger move first
    line = head.organisations["test-trust"].cycles[0].ratings["1.1"].where.of("level").line
    warning = Diagnostic(
        Location(CYCLE, line, 5), "W302", Severity.WARNING, "raised without new evidence"
    )
    flagged = level_rows(comparison, base, head, [warning])
    assert [r.change.statement for r in flagged] == ["1.1", "1.2"]
    assert [d.code for d in flagged[0].flags] == ["W302"]
