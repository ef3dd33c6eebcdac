from __future__ import annotations

from impactctl.structdiff import FieldDelta, compare


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
