from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from impactctl.review import changes as structdiff
from impactctl.review.changes import FieldDelta, compare


def test_equal_mappings_have_no_deltas() -> None:
    assert (
        compare(
            {"level": "a", "evidence": [{"title": "x"}]},
            {"level": "a", "evidence": [{"title": "x"}]},
        )
        == []
    )


def test_fields_added_removed_and_changed() -> None:
    deltas = compare({"level": "a", "dissent": "d"}, {"level": "b", "target": "c"})
    assert FieldDelta("level", "changed", "a", "b") in deltas
    assert FieldDelta("dissent", "removed", "d", None) in deltas
    assert FieldDelta("target", "added", None, "c") in deltas


def test_list_items_are_matched_by_identity_not_position() -> None:
    old = {"evidence": [{"title": "A", "date": "1"}, {"title": "B", "date": "1"}]}
    new = {"evidence": [{"title": "B", "date": "1"}, {"title": "C", "date": "2"}]}
    kinds = {
        (d.kind, (d.old or d.new or {}).get("title") if d.kind.startswith("item") else "")
        for d in compare(old, new)
    }
    assert ("item-removed", "A") in kinds
    assert ("item-added", "C") in kinds
    assert not any(k == "item-changed" for k, _ in kinds)


def test_an_edited_item_is_reported_once() -> None:
    deltas = compare(
        {"evidence": [{"title": "A", "date": "1", "url": "u"}]},
        {"evidence": [{"title": "A", "date": "2", "url": "v"}]},
    )
    edited = [d for d in deltas if d.kind == "item-changed"]
    assert len(edited) == 1 and edited[0].new["date"] == "2"


def test_one_side_empty() -> None:
    assert compare({}, {"level": "a"}) == [FieldDelta("level", "added", None, "a")]


# The direct identity match must say exactly what DeepDiff says for the lists it takes on.
_titles = st.sampled_from(["A", "B", "C", "D", "E"])
_item = st.fixed_dictionaries(
    {"title": _titles},
    optional={"date": st.sampled_from(["2024-01-01", "2025-01-01"]), "url": st.just("u")},
)
_items = st.lists(_item, max_size=5, unique_by=lambda item: item["title"])


def _key(d: FieldDelta) -> tuple[str, str, str, str]:
    return (d.field, d.kind, repr(d.old), repr(d.new))


@settings(max_examples=300, deadline=None)
@given(old=_items, new=_items)
def test_identity_match_agrees_with_deepdiff(
    old: list[dict[str, str]], new: list[dict[str, str]]
) -> None:
    direct = structdiff._identity_deltas("evidence", old, new)
    assert direct is not None
    assert sorted(map(_key, direct)) == sorted(
        map(_key, structdiff._deepdiff_deltas("evidence", old, new))
    )


def test_lists_without_a_shared_unique_identity_go_to_deepdiff() -> None:
    repeated = [{"title": "A", "date": "1"}, {"title": "A", "date": "2"}]
    assert structdiff._identity_deltas("evidence", repeated, []) is None
    assert structdiff._identity_deltas("participants", ["a"], ["b"]) is None
    deltas = compare({"evidence": repeated}, {"evidence": repeated[:1]})
    assert FieldDelta("evidence", "item-removed", repeated[1], None) in deltas
