"""impactctl.reading.build: well-formed documents to the domain's objects, with positions."""

from __future__ import annotations

from datetime import date

from impactctl.reading.build import (
    build_action_plan,
    build_assessment,
    build_framework,
    levels_of,
)
from impactctl.reading.yaml import read_document
from tests.gitrepo import ACTION_PLAN, FRAMEWORK, cycle_yaml


def test_a_framework_keeps_its_level_order_and_statements() -> None:
    fw = build_framework(read_document(FRAMEWORK.encode(), "framework/mini/framework.yaml"))
    assert fw.ref == "mini@1"
    assert [(lv.id, lv.rank) for lv in fw.levels] == [
        ("starting", 1),
        ("growing", 2),
        ("strong", 3),
    ]
    assert list(fw.statements) == ["1.1", "1.2", "2.1"]
    assert fw.component_of("2.1") is not None and fw.component_of("2.1").id == "people"
    assert str(fw.statements["1.2"].where.at).startswith("framework/mini/framework.yaml:")


def test_an_assessment_answers_levels_before_building_its_ratings() -> None:
    text = cycle_yaml("2025-26", {"1.1": "growing", "1.2": "strong"})
    doc = read_document(text.encode(), "assessments/test-trust/2025-26.yaml")
    cycle = build_assessment(doc)
    assert dict(cycle.levels) == {"1.1": "growing", "1.2": "strong"}
    assert cycle.assessed_on == date(2025, 3, 10) and cycle.agreed
    rating = cycle.ratings["1.2"]
    assert rating.level == "strong" and rating.evidence[0].date == date(2025, 2, 1)
    assert rating.where.of("level").line == 17


def test_levels_of_leaves_out_what_an_old_broken_version_cannot_say() -> None:
    data = {"ratings": {"1.1": {"level": "growing"}, "1.2": "strong", "2.1": {"level": 3}}}
    assert levels_of(data) == {"1.1": "growing"}


def test_an_action_plan_keeps_updates_and_dates() -> None:
    plan = build_action_plan(
        read_document(ACTION_PLAN.encode(), "assessments/test-trust/action-plan.yaml")
    )
    [action] = plan.actions
    assert action.id == "a-001" and action.due == date(2027, 9, 30)
    assert action.updates[0].note == "Workshops booked." and action.open
