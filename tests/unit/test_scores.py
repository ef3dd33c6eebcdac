"""impactctl.scores: a component's level is the median level of its assessed statements."""

from __future__ import annotations

from impactctl.model import Assessment, Component, Framework, Level, Ratings, Statement
from impactctl.scores import component_level, component_levels, rank_change

LEVELS = tuple(
    Level(lid, lid.title(), "", rank)
    for rank, lid in enumerate(["starting", "emerging", "developing", "embedded", "leading"], 1)
)


def _framework(count: int) -> Framework:
    statements = tuple(Statement(f"1.{i}", "", "", {}, "purpose") for i in range(1, count + 1))
    return Framework(
        "mini", "1", "Mini", "", "", LEVELS, (Component("purpose", "P", "", statements),)
    )


def _cycle(*levels: str) -> Assessment:
    by_id = {f"1.{i}": level for i, level in enumerate(levels, 1)}
    return Assessment("mini@1", "t", "c", "agreed", (), Ratings(dict, by_id), None, "f")


def test_odd_count_takes_the_middle_level() -> None:
    fw = _framework(3)
    measured = component_level(fw.components[0], _cycle("starting", "leading", "developing"), fw)
    assert measured.level is not None and measured.level.id == "developing"
    assert (measured.assessed, measured.total) == (3, 3)


def test_even_count_takes_the_lower_middle_so_the_level_is_never_flattered() -> None:
    fw = _framework(4)
    measured = component_level(
        fw.components[0], _cycle("emerging", "emerging", "embedded", "leading"), fw
    )
    assert measured.level is not None and measured.level.id == "emerging"


def test_not_assessed_is_left_out_and_counted_in_the_spread_of_nothing() -> None:
    fw = _framework(3)
    measured = component_level(fw.components[0], _cycle("not-assessed", "embedded", "embedded"), fw)
    assert measured.level is not None and measured.level.id == "embedded"
    assert measured.assessed == 2
    assert measured.spread == {
        "starting": 0,
        "emerging": 0,
        "developing": 0,
        "embedded": 2,
        "leading": 0,
    }


def test_nothing_assessed_has_no_level_and_no_change() -> None:
    fw = _framework(2)
    empty = component_levels(_cycle("not-assessed", "not-assessed"), fw)["purpose"]
    assert empty.level is None and empty.rank is None
    full = component_levels(_cycle("leading", "leading"), fw)["purpose"]
    assert rank_change(empty, full) is None
    assert rank_change(component_levels(_cycle("starting", "starting"), fw)["purpose"], full) == 4
