"""Maturity semantics on top of the structural comparison."""

from __future__ import annotations

from pathlib import Path

from impactctl.reading.repository import load_repository
from impactctl.review.comparison import compare_cycles
from impactctl.review.plans import compare_action_plans
from tests.gitrepo import ACTION_PLAN, FRAMEWORK, ORGANISATION, cycle_yaml, write

FRAMEWORK_V2 = (
    FRAMEWORK.replace('version: "1"', 'version: "2"').replace('id: "1.2"', 'id: "1.3"')
    + """\
migrates_from:
  framework: mini@1
  statements: {"1.2": "1.3"}
"""
)


def _repo(tmp_path: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    write(tmp_path, files)
    loaded = load_repository(tmp_path)
    return loaded.repository


def test_a_renamed_statement_is_compared_not_deleted_and_added(tmp_path: Path) -> None:
    new_cycle = cycle_yaml("2025-26", {"1.1": "starting", "1.3": "strong", "2.1": "starting"})
    repo = _repo(
        tmp_path,
        {
            "framework/mini/framework.yaml": FRAMEWORK,
            "framework/mini-2/framework.yaml": FRAMEWORK_V2.replace("id: mini\n", "id: mini\n"),
            "assessments/test-trust/organisation.yaml": ORGANISATION,
            "assessments/test-trust/2024-25.yaml": cycle_yaml(
                "2024-25", {"1.1": "starting", "1.2": "growing", "2.1": "starting"}
            ),
            "assessments/test-trust/2025-26.yaml": new_cycle.replace("mini@1", "mini@2"),
        },
    )
    record = repo.organisations["test-trust"]
    comparison = compare_cycles(repo, record.cycles[0], record.cycles[1])
    levels = [(c.statement, c.old, c.new, c.delta) for c in comparison.level_changes]
    assert levels == [("1.3", "growing", "strong", 1)]


def test_action_plan_changes_status_slip_and_new_action(tmp_path: Path) -> None:
    later = (
        ACTION_PLAN.replace("due: 2027-09-30", "due: 2027-10-30").replace(
            "status: in-progress", "status: blocked"
        )
        + """\
  - id: a-002
    title: Protected time for improvement
    statements: ["2.1"]
    owner: Chief People Officer
    status: planned
"""
    )
    old = _repo(tmp_path / "old", {"assessments/test-trust/action-plan.yaml": ACTION_PLAN})
    new = _repo(tmp_path / "new", {"assessments/test-trust/action-plan.yaml": later})
    changes = compare_action_plans(
        old.organisations["test-trust"].action_plan,
        new.organisations["test-trust"].action_plan,
        "test-trust",
    )
    got = {(c.action, c.field, c.old, c.new, c.delta) for c in changes}
    assert ("a-001", "action.status", "in-progress", "blocked", None) in got
    assert ("a-001", "action.due", "2027-09-30", "2027-10-30", 30) in got
    assert ("a-002", "action", None, "Protected time for improvement", None) in got
