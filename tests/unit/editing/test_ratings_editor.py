"""editing.ratings: each edit changes one value, and every comment and untouched line of
the file stays as it was."""

from __future__ import annotations

from datetime import date
from typing import Any

from impactctl.editing.ratings import Change, RatingEditor, rating_for, set_participants
from impactctl.editing.roundtrip import dump_round_trip, load_round_trip

CYCLE = """\
# A draft, annotated by hand.
cycle: 2026-27
participants: []
ratings:
  "1.1":
    level: developing
    confidence: low  # the room was unsure
    # Why: the board's own words.
    rationale: >-
      The board agreed the vision in
      the spring.
    perspectives:
      - {group: staff, level: emerging, note: Not yet felt on the wards.}
      - {group: board, level: developing}
  # Statement 1.3 is next.
  "1.3":
    level: emerging
    rationale: Not yet discussed.
"""


def _edit(fn: Any) -> tuple[str, list[Change]]:
    data, layout = load_round_trip(CYCLE.encode(), "c.yaml")
    changes: list[Change] = []
    fn(data, changes)
    return dump_round_trip(data, layout).decode(), changes


def test_the_same_text_however_it_is_wrapped_is_no_change() -> None:
    def same(data: Any, changes: list[Change]) -> None:
        editor = RatingEditor("1.1", data["ratings"]["1.1"], changes)
        editor.set("level", "developing")
        editor.set("rationale", "The board agreed the vision in the spring.")
        editor.view("staff", "emerging")

    text, changes = _edit(same)
    assert text == CYCLE and changes == []


def test_removing_a_field_keeps_the_comment_that_follows_it() -> None:
    def clear(data: Any, changes: list[Change]) -> None:
        RatingEditor("1.1", data["ratings"]["1.1"], changes).set("confidence", None)

    text, changes = _edit(clear)
    assert "confidence" not in text and "# Why: the board's own words." in text
    assert [c.field for c in changes] == ["confidence"]
    assert text.count("\n") == CYCLE.count("\n") - 1  # only the confidence line went


def test_a_view_changes_in_place_and_keeps_its_note() -> None:
    def view(data: Any, changes: list[Change]) -> None:
        editor = RatingEditor("1.1", data["ratings"]["1.1"], changes)
        editor.view("staff", "developing")
        editor.view("board", None)

    text, _ = _edit(view)
    assert "- {group: staff, level: developing, note: Not yet felt on the wards.}" in text
    assert "group: board" not in text


def test_a_new_rating_lands_in_framework_order_and_new_fields_in_reading_order() -> None:
    order = ["1.1", "1.2", "1.3"]

    def add(data: Any, changes: list[Change]) -> None:
        editor = RatingEditor("1.2", rating_for(data, "1.2", order), changes)
        editor.set("rationale", "Heard from partners.")
        editor.set("level", "developing")
        editor.evidence("Partner survey", "https://example.nhs.uk/s", date(2026, 10, 1))
        editor.evidence("Partner survey", "https://example.nhs.uk/s2", date(2026, 10, 2))

    text, changes = _edit(add)
    block = text[text.index('"1.2"') : text.index('"1.3"')]
    assert block.index("level:") < block.index("rationale:") < block.index("evidence:")
    assert "url: https://example.nhs.uk/s2" in block and block.count("title:") == 1
    assert text.index('"1.1"') < text.index('"1.2"') < text.index('"1.3"')
    # Kept, though above the new rating: ruamel ties a comment to the value before it
    # (docs/decisions.md, "Import changes a value only when it differs").
    assert "# Statement 1.3 is next." in text
    assert [c.field for c in changes] == ["rationale", "level", "evidence", "evidence"]


def test_participants_fill_an_empty_flow_list_as_a_block_list() -> None:
    def people(data: Any, changes: list[Change]) -> None:
        set_participants(data, [("staff", "Ward manager", 3), ("board", "Chair", 1)], changes)

    text, changes = _edit(people)
    assert "participants:\n  - {group: staff, role: Ward manager, count: 3}\n" in text
    assert "  - {group: board, role: Chair}\n" in text
    assert text.startswith("# A draft, annotated by hand.\n")
    assert len(changes) == 1
