"""impactctl.reading.wellformed: each file kind against its JSON Schema, at the offending line and
column, with a "did you mean" where it helps."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactctl.diagnostics import Location
from impactctl.reading import wellformed
from impactctl.reading.yaml import read_document

BASE = Path(__file__).resolve().parents[2] / "data" / "good" / "minimal-repo"
FILES = {
    "framework": BASE / "framework" / "test-framework" / "framework.yaml",
    "organisation": BASE / "assessments" / "test-trust" / "organisation.yaml",
    "assessment": BASE / "assessments" / "test-trust" / "2025-26.yaml",
    "action-plan": BASE / "assessments" / "test-trust" / "action-plan.yaml",
}
F = "f.yaml"

CYCLE = """\
framework: test-framework@1
organisation: test-trust
cycle: 2025-26
assessed_on: 2026-03-18
status: agreed
participants:
  - {group: board, role: Chair}
ratings:
  "1.1":
    level: strong
    rationale: Because.
"""


def problems(text: str, kind: str = "assessment") -> list[tuple[str, int, int, str, str]]:
    doc = read_document(text.encode("utf-8"), F)
    out = []
    for code, finding in wellformed.check(doc, kind):
        loc = finding.location
        assert loc.file == F
        out.append((code, loc.line, loc.column, finding.message, finding.hint))
    return sorted(out)


def one(text: str, kind: str = "assessment") -> tuple[str, int, int, str, str]:
    found = problems(text, kind)
    assert len(found) == 1, found
    return found[0]


def base(kind: str) -> str:
    return FILES[kind].read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(FILES))
def test_the_minimal_repository_is_well_formed(kind: str) -> None:
    assert problems(base(kind), kind) == []


def test_a_small_cycle_is_well_formed() -> None:
    assert problems(CYCLE) == []


# --- E112 unknown fields ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wrong", "right", "line", "column"),
    [
        ("    rationale:", "rationale", 11, 5),
        ("    level:", "level", 10, 5),
        ("assessed_on:", "assessed_on", 4, 1),
        ("participants:", "participants", 6, 1),
    ],
)
def test_unknown_field_with_a_did_you_mean(wrong: str, right: str, line: int, column: int) -> None:
    typos = {
        "rationale": "rationle",
        "level": "levle",
        "assessed_on": "assesed_on",
        "participants": "particpants",
    }
    typo = wrong.replace(right, typos[right])
    found = problems(CYCLE.replace(wrong, typo))
    unknown = [p for p in found if p[0] == "E112"]
    assert unknown == [
        ("E112", line, column, f"unknown field {typos[right]!r}", f"did you mean {right!r}?")
    ]


def test_unknown_field_without_a_close_match_lists_the_fields() -> None:
    code, line, column, message, hint = one(base("organisation") + "colour: blue\n", "organisation")
    assert (code, line, column, message) == ("E112", 5, 1, "unknown field 'colour'")
    assert hint == "allowed fields: cycles, id, name, system, type"


def test_unknown_field_in_a_flow_mapping_points_at_the_key() -> None:
    text = CYCLE.replace("{group: board, role: Chair}", "{group: board, rol: Chair}")
    assert [p[:3] for p in problems(text)] == [("E111", 7, 5), ("E112", 7, 20)]


def test_evidance_typo() -> None:
    text = CYCLE + "    evidance: []\n"
    assert one(text)[:3] + one(text)[4:] == ("E112", 12, 5, "did you mean 'evidence'?")


# --- E111 missing or empty ---------------------------------------------------------------


def test_missing_required_fields_one_each_at_the_mapping() -> None:
    text = CYCLE.replace("    rationale: Because.\n", "").replace("cycle: 2025-26\n", "")
    found = problems(text)
    assert [(p[0], p[1], p[2]) for p in found] == [("E111", 1, 1), ("E111", 9, 5)]
    assert "'cycle'" in found[0][3]
    assert "'rationale'" in found[1][3] and 'ratings["1.1"]' in found[1][3]
    assert found[1][4] == "add `rationale:`"


def test_several_missing_fields_are_each_reported() -> None:
    found = problems("name: Test Trust\n", "organisation")
    assert sorted(p[3] for p in found) == [
        "missing required field 'id' in the file",
        "missing required field 'type' in the file",
    ]
    assert {p[:3] for p in found} == {("E111", 1, 1)}


def test_empty_text_is_e111() -> None:
    code, line, column, message, _ = one(CYCLE.replace("Because.", '""'))
    assert (code, line, column) == ("E111", 11, 16)
    assert "empty" in message


def test_an_empty_list_of_components_is_e111() -> None:
    text = base("framework")
    text = text[: text.index("components:")] + "components: []\n"
    code, line, _, message, _ = one(text, "framework")
    assert (code, line) == ("E111", text.count("\n"))
    assert "components" in message


def test_too_few_levels_says_how_many_are_needed() -> None:
    """A framework needs at least two levels; one level is not "empty"."""
    text = base("framework")
    start, end = text.index("  - id: growing"), text.index("components:")
    code, _, _, message, _ = one(text[:start] + text[end:], "framework")
    assert code == "E111"
    assert "levels" in message
    assert "empty" not in message
    assert "2" in message


# --- E110 wrong types --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "message"),
    [
        (
            "level: strong",
            "level: 3",
            10,
            12,
            'ratings["1.1"].level should be text, not the number 3',
        ),
        (
            "level: strong",
            "level: true",
            10,
            12,
            'ratings["1.1"].level should be text, not true/false (True)',
        ),
        ("level: strong", "level: ~", 10, 12, 'ratings["1.1"].level should be text, not nothing'),
        (
            "level: strong",
            "level: [strong]",
            10,
            12,
            'ratings["1.1"].level should be text, not a list',
        ),
        (
            "rationale: Because.",
            "rationale: {a: b}",
            11,
            16,
            'ratings["1.1"].rationale should be text, not a mapping',
        ),
        (
            "  - {group: board, role: Chair}\n",
            "  board: Chair\n",
            7,
            3,
            "participants should be a list, not a mapping",
        ),
        (
            "  - {group: board, role: Chair}\n",
            "  - board\n",
            7,
            5,
            "participants[0] should be a mapping of fields, not 'board'",
        ),
        (
            '  "1.1":\n    level: strong\n    rationale: Because.\n',
            '  - "1.1"\n',
            9,
            3,
            "ratings should be a mapping of fields, not a list",
        ),
        (
            "assessed_on: 2026-03-18",
            "assessed_on: 20260318",
            4,
            14,
            "assessed_on should be text or empty, not the number 20260318",
        ),
    ],
)
def test_wrong_types_are_e110(old: str, new: str, line: int, column: int, message: str) -> None:
    found = [p for p in problems(CYCLE.replace(old, new)) if p[0] == "E110"]
    assert [p[:4] for p in found] == [("E110", line, column, message)]


def test_a_number_where_text_is_wanted_suggests_quotes() -> None:
    assert (
        one(CYCLE.replace("participants:\n", "participants:\n  - {group: staff, role: 12}\n"))[4]
        == 'put it in quotes: "12"'
    )


def test_a_numeric_level_points_at_level_words_not_quotes() -> None:
    """Quoting `3` would only trade E110 for an unknown level (E203)."""
    assert "developing" in one(CYCLE.replace("level: strong", "level: 3"))[4]


def test_the_quote_hint_keeps_what_was_written() -> None:
    """`version: 2024.10` is read as 2024.1; the hint must not tell the user to write that."""
    text = base("framework").replace('version: "1"', "version: 2024.10")
    code, _, _, _, hint = one(text, "framework")
    assert code == "E110"
    assert hint == 'put it in quotes: "2024.10"'


def test_participant_count_must_be_a_whole_number() -> None:
    text = CYCLE.replace("{group: board, role: Chair}", "{group: board, role: Chair, count: two}")
    code, line, column, message, _ = one(text)
    assert (code, line, column) == ("E110", 7, 40)
    assert "whole number" in message


# --- E113 dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2025-02-30",
        "2025-02-29",
        "2025-13-01",
        "2025-00-10",
        "2025/03/01",
        "31-03-2025",
        "01/03/2025",
        "2025-3-1",
        '"20250301"',
        "2025-W10-1",
        "2025-03-01T10:00",
        "next year",
        "'2025-03-1'",
        '""',
    ],
)
def test_bad_dates_are_e113(value: str) -> None:
    found = problems(CYCLE.replace("2026-03-18", value))
    assert [(p[0], p[1], p[2]) for p in found] == [("E113", 4, 14)]
    assert found[0][4] == "write dates as YYYY-MM-DD, e.g. 2026-03-31"


@pytest.mark.parametrize("value", ["2024-02-29", "2026-12-31", "'2026-03-18'", '"2000-01-01"'])
def test_good_dates(value: str) -> None:
    assert problems(CYCLE.replace("2026-03-18", value)) == []


def test_bad_date_deep_inside_a_rating() -> None:
    text = CYCLE + (
        "    evidence:\n      - title: Paper\n        url: https://example.org/p\n"
        "        date: 2025-02-30\n"
    )
    code, line, column, message, _ = one(text)
    assert (code, line, column) == ("E113", 15, 15)
    assert message == "ratings[\"1.1\"].evidence[0].date: '2025-02-30' is not a real date"


def test_action_dates() -> None:
    text = base("action-plan").replace("due: 2027-09-30", "due: 30/09/2027")
    code, line, _, message, _ = one(text, "action-plan")
    assert (code, line) == ("E113", 19)
    assert message.startswith("actions[1].due:")


# --- E114 ids and links -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "hint_word"),
    [
        ("organisation: test-trust", "organisation: Example Trust", 2, 15, "lower-case"),
        ("organisation: test-trust", "organisation: TEST-TRUST", 2, 15, "lower-case"),
        ("cycle: 2025-26", "cycle: 2025_26", 3, 8, "lower-case"),
        ("level: strong", "level: Strong", 10, 12, "lower-case"),
        ("framework: test-framework@1", "framework: test-framework", 1, 12, "nhs-impact@2024.1"),
    ],
)
def test_bad_ids_are_e114(old: str, new: str, line: int, column: int, hint_word: str) -> None:
    code, got_line, got_column, message, hint = one(CYCLE.replace(old, new))
    assert (code, got_line, got_column) == ("E114", line, column)
    assert "is not a valid id" in message
    assert hint_word in hint


def test_an_unquoted_looking_statement_key_is_e114_at_the_key() -> None:
    text = CYCLE.replace('  "1.1":', '  "one":')
    code, line, column, message, hint = one(text)
    assert (code, line, column) == ("E114", 9, 3)
    assert message == "'one' is not a valid statement id"
    assert '"1.1"' in hint


def test_action_statements_must_be_statement_ids() -> None:
    text = base("action-plan").replace('statements: ["2.1"]', 'statements: ["2.1", "two"]')
    code, line, column, message, _ = one(text, "action-plan")
    assert (code, line, column) == ("E114", 16, 25)
    assert message == "actions[1].statements[1]: 'two' is not a valid id"


def test_a_bad_descriptor_key_is_a_level_id_problem_not_a_statement_id() -> None:
    text = base("framework").replace("          leading: Openness", "          Leading: Openness")
    code, line, column, message, hint = one(text, "framework")
    assert (code, line, column) == ("E114", 60, 11)
    assert "'Leading'" in message
    assert "statement" not in message + hint
    assert "lower-case" in hint


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.org/x",
        "www.example.org",
        "file:///etc/passwd",
        "data:text/html,x",
    ],
)
def test_links_must_be_web_addresses(url: str) -> None:
    text = CYCLE + f"    evidence:\n      - {{title: Paper, url: '{url}', date: 2025-01-01}}\n"
    code, line, column, message, hint = one(text)
    assert (code, line, column) == ("E114", 13, 29)
    assert "is not a web address" in message
    assert hint == "links must start with https:// or http://"


# --- E115 and E116 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "hint"),
    [
        ("status: agreed", "status: agred", 5, 9, "did you mean 'agreed'?"),
        ("status: agreed", "status: final", 5, 9, "use one of: draft, agreed"),
        ("{group: board,", "{group: staf,", 7, 13, "did you mean 'staff'?"),
        (
            "{group: board,",
            "{group: patients,",
            7,
            13,
            "use one of: board, executive, senior-leaders, staff, stakeholders, lived-experience, "
            "governors",
        ),
        (
            "    level: strong\n",
            "    level: strong\n    confidence: meh\n",
            11,
            17,
            "use one of: low, medium, high",
        ),
        (
            "    level: strong\n",
            "    level: strong\n    confidence: hgih\n",
            11,
            17,
            "did you mean 'high'?",
        ),
    ],
)
def test_values_from_a_fixed_list_are_e115(
    old: str, new: str, line: int, column: int, hint: str
) -> None:
    code, got_line, got_column, message, got_hint = one(CYCLE.replace(old, new))
    assert (code, got_line, got_column, got_hint) == ("E115", line, column, hint)
    assert "is not allowed" in message


def test_action_status_is_e115() -> None:
    text = base("action-plan").replace("status: planned", "status: ongoing")
    code, line, column, _, hint = one(text, "action-plan")
    assert (code, line, column) == ("E115", 30, 13)
    assert hint.startswith("use one of: planned, in-progress, done, blocked, dropped") or (
        hint.startswith("did you mean")
    )


def test_organisation_type_is_e115() -> None:
    text = base("organisation").replace("type: acute", "type: acute-trust")
    code, line, column, _, hint = one(text, "organisation")
    assert (code, line, column, hint) == ("E115", 3, 7, "did you mean 'acute'?")


def test_out_of_range_is_e116() -> None:
    text = CYCLE.replace("{group: board, role: Chair}", "{group: board, role: Chair, count: 0}")
    assert one(text)[:3] == ("E116", 7, 40)
    text = base("organisation").replace("[2024-25, 2025-26]", "[2024-25, 2025-26, 2024-25]")
    assert one(text, "organisation")[:3] == ("E116", 4, 9)


# --- many problems at once, and the hint helper ---------------------------------------------


def test_every_problem_in_one_pass() -> None:
    text = (
        CYCLE.replace("status: agreed", "status: agred")
        .replace("level: strong", "levle: strong")
        .replace("2026-03-18", "2026-02-30")
    )
    assert [(p[0], p[1]) for p in problems(text)] == [
        ("E111", 10),
        ("E112", 10),
        ("E113", 4),
        ("E115", 5),
    ]


def test_diagnostic_locations_are_locations() -> None:
    doc = read_document(CYCLE.replace("level: strong", "level: 3").encode(), F)
    [(_code, finding)] = wellformed.check(doc, "assessment")
    assert finding.location == Location(F, 10, 12)


@pytest.mark.parametrize(
    ("word", "choices", "hint"),
    [
        ("strnog", ["starting", "growing", "strong", "leading"], "did you mean 'strong'?"),
        ("growng", ("starting", "growing"), "did you mean 'growing'?"),
        ("rationle", {"level", "rationale", "target"}, "did you mean 'rationale'?"),
        ("xyz", ["starting", "growing"], ""),
        ("anything", [], ""),
    ],
)
def test_suggest(word: str, choices: list[str] | tuple[str, ...] | set[str], hint: str) -> None:
    assert wellformed.suggest(word, choices) == hint
