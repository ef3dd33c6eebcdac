"""impactctl.review.ratings: what changed in one rating, with its meaning."""

from __future__ import annotations

from impactctl.model import Assessment, Framework
from impactctl.reading.build import build_assessment, build_framework
from impactctl.reading.yaml import read_document
from impactctl.review.ratings import compare_assessments
from tests.gitrepo import FRAMEWORK, cycle_yaml

FW: Framework = build_framework(read_document(FRAMEWORK.encode(), "framework/mini/framework.yaml"))


def _cycle(levels: dict[str, str], **kwargs: str) -> Assessment:
    text = cycle_yaml("2025-26", levels, **kwargs)
    return build_assessment(read_document(text.encode(), "assessments/test-trust/2025-26.yaml"))


def test_a_raise_has_its_rank_delta_and_component() -> None:
    old = _cycle({"1.1": "starting", "1.2": "growing", "2.1": "starting"})
    new = _cycle({"1.1": "strong", "1.2": "growing", "2.1": "starting"})
    changes = compare_assessments(old, new, FW, FW, "test-trust", "2025-26")
    [level] = [c for c in changes if c.field == "level"]
    assert (level.statement, level.old, level.new, level.delta) == ("1.1", "starting", "strong", 2)
    assert level.component == "Shared purpose"
    assert {c.field for c in changes} >= {"level", "rationale", "evidence"}


def test_equal_cycles_have_no_changes() -> None:
    same = {"1.1": "growing", "1.2": "growing", "2.1": "starting"}
    assert compare_assessments(_cycle(same), _cycle(same), FW, FW, "t", "2025-26") == []


def test_a_cycle_field_that_changed_is_listed_without_a_statement() -> None:
    levels = {"1.1": "growing", "1.2": "growing", "2.1": "starting"}
    old, new = _cycle(levels, status="draft"), _cycle(levels, status="agreed")
    [status] = compare_assessments(old, new, FW, FW, "test-trust", "2025-26")
    assert (status.field, status.statement, status.old, status.new) == (
        "status",
        None,
        "draft",
        "agreed",
    )
    assert status.as_json()["delta"] is None
