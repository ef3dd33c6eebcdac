"""impactctl.review.plans: what moved in an action plan, with days slipped for a due date."""

from __future__ import annotations

from impactctl.model import ActionPlan
from impactctl.reading.build import build_action_plan
from impactctl.reading.yaml import read_document
from impactctl.review.plans import compare_action_plans
from tests.gitrepo import ACTION_PLAN

REL = "assessments/test-trust/action-plan.yaml"


def _plan(text: str) -> ActionPlan:
    return build_action_plan(read_document(text.encode(), REL))


def test_an_unchanged_plan_has_no_changes() -> None:
    assert compare_action_plans(_plan(ACTION_PLAN), _plan(ACTION_PLAN), "test-trust") == []


def test_status_due_date_and_a_new_update_are_each_a_change() -> None:
    moved = (
        ACTION_PLAN.replace("due: 2027-09-30", "due: 2027-10-30")
        .replace("status: in-progress", "status: done")
        .replace(
            "      - {date: 2025-06-01, note: Workshops booked.}\n",
            "      - {date: 2025-06-01, note: Workshops booked.}\n"
            "      - {date: 2025-09-01, note: Strategy co-designed.}\n",
        )
    )
    changes = compare_action_plans(_plan(ACTION_PLAN), _plan(moved), "test-trust")
    by_field = {c.field: c for c in changes}
    assert by_field["action.status"].old == "in-progress"
    assert by_field["action.status"].new == "done"
    assert by_field["action.due"].delta == 30  # days slipped
    assert by_field["action.update"].new == "2025-09-01: Strategy co-designed."
    assert {c.action for c in changes} == {"a-001"}


def test_a_plan_that_appears_lists_each_action_as_new() -> None:
    [change] = compare_action_plans(None, _plan(ACTION_PLAN), "test-trust")
    assert (change.field, change.old, change.action) == ("action", None, "a-001")
