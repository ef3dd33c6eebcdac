"""The checking road of impactctl.reading.yaml: YAML 1.2 values, 1-based positions, and refusals."""

from __future__ import annotations

import math

import pytest

from impactctl.diagnostics import Location
from impactctl.reading.yaml import (
    MAX_BYTES,
    MAX_DEPTH,
    YamlProblem,
    decode,
    read_document,
    resolve_plain,
)

F = "assessments/t/2025-26.yaml"


def refused(raw: bytes) -> tuple[str, int, int, str, str]:
    with pytest.raises(YamlProblem) as info:
        read_document(raw, F)
    problem = info.value
    loc = problem.finding.location
    assert loc.file == F
    return problem.code, loc.line, loc.column, problem.finding.message, problem.finding.hint


def where(raw: bytes) -> tuple[str, int, int]:
    code, line, column, _, _ = refused(raw)
    return code, line, column


# --- YAML 1.2 core schema --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "No",
        "NO",
        "yes",
        "Yes",
        "on",
        "On",
        "off",
        "OFF",
        "y",
        "n",
        "Y",
        "N",
        "2025-03-01",
        "2025-03-01T10:00:00",
        "12:30",
        "1_000",
        "0b101",
        "017x",
        "0o18",
        "0xg",
        "-0o17",
        "nULL",
        "tRUE",
        "1.1.1",
        ".",
        "+",
        "-",
        "e3",
        ".inf.",
        "example-trust",
    ],
)
def test_text_stays_text(text: str) -> None:
    assert resolve_plain(text) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", None),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("0", 0),
        ("17", 17),
        ("-17", -17),
        ("+17", 17),
        ("017", 17),
        ("0o17", 15),
        ("0x1F", 31),
        ("0xff", 255),
    ],
)
def test_core_schema_values(text: str, value: object) -> None:
    resolved = resolve_plain(text)
    assert resolved == value
    assert type(resolved) is type(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.10", 1.1),
        ("1.1", 1.1),
        ("2024.10", 2024.1),
        ("1.", 1.0),
        (".5", 0.5),
        ("-.5", -0.5),
        ("1e3", 1000.0),
        ("1.5E-2", 0.015),
        ("+2.5", 2.5),
        (".inf", math.inf),
        (".Inf", math.inf),
        ("+.INF", math.inf),
        ("-.inf", -math.inf),
    ],
)
def test_floats(text: str, value: float) -> None:
    resolved = resolve_plain(text)
    assert isinstance(resolved, float) and resolved == value


@pytest.mark.parametrize("text", [".nan", ".NaN", ".NAN"])
def test_nan(text: str) -> None:
    value = resolve_plain(text)
    assert isinstance(value, float) and math.isnan(value)


def test_documents_read_with_yaml_1_2() -> None:
    doc = read_document(
        b"level: no\ntarget: yes\nshow: on\nversion: 1.10\nmode: 0o17\nflag: true\n"
        b"date: 2025-03-01\nquoted: '1.10'\nempty:\nnothing: ~\nbig: 1e3\ntime: 12:30\n",
        F,
    )
    assert doc.data == {
        "level": "no",
        "target": "yes",
        "show": "on",
        "version": 1.1,
        "mode": 15,
        "flag": True,
        "date": "2025-03-01",
        "quoted": "1.10",
        "empty": None,
        "nothing": None,
        "big": 1000.0,
        "time": "12:30",
    }


def test_quoted_and_block_scalars_are_never_resolved() -> None:
    doc = read_document(b'a: "no"\nb: \'1.1\'\nc: |\n  true\nd: >-\n  12\nf: "null"\n', F)
    assert doc.data == {"a": "no", "b": "1.1", "c": "true\n", "d": "12", "f": "null"}


def test_the_non_specific_tag_makes_text() -> None:
    """YAML 1.2 (3.3.2): a scalar with the non-specific tag `!` is a string."""
    doc = read_document(b"a: ! 12\nb: ! true\n! 1.1: x\n", F)
    assert doc.data == {"a": "12", "b": "true", "1.1": "x"}


def test_flow_mappings_with_urls_are_yaml_1_2() -> None:
    """libyaml refuses `{url: https://x}`; the reader falls back to ruamel's 1.2 parser."""
    raw = (
        b"framework: x@1\n"
        b"evidence:\n"
        b"  - {title: Board paper, url: https://example.org/a?b=c, date: 2025-01-20}\n"
    )
    doc = read_document(raw, F)
    assert doc.data["evidence"] == [
        {"title": "Board paper", "url": "https://example.org/a?b=c", "date": "2025-01-20"}
    ]
    assert doc.values[("evidence", 0, "url")] == Location(F, 3, 31)
    assert doc.keys[("evidence", 0, "date")] == Location(F, 3, 58)


# --- positions are 1-based ------------------------------------------------------------------


def test_positions_are_one_based() -> None:
    raw = (
        b"framework: x@1\n"
        b"ratings:\n"
        b'  "1.1":\n'
        b"    level: strong\n"
        b"    evidence:\n"
        b"      - title: Paper\n"
        b"        date: 2025-01-01\n"
        b"participants: [{group: board, role: Chair}]\n"
    )
    doc = read_document(raw, F)
    assert doc.keys[("framework",)] == Location(F, 1, 1)
    assert doc.values[("framework",)] == Location(F, 1, 12)
    assert doc.keys[("ratings", "1.1")] == Location(F, 3, 3)
    assert doc.values[("ratings", "1.1")] == Location(F, 4, 5)
    assert doc.keys[("ratings", "1.1", "level")] == Location(F, 4, 5)
    assert doc.values[("ratings", "1.1", "level")] == Location(F, 4, 12)
    assert doc.values[("ratings", "1.1", "evidence", 0)] == Location(F, 6, 9)
    assert doc.values[("ratings", "1.1", "evidence", 0, "date")] == Location(F, 7, 15)
    assert doc.values[("participants", 0)] == Location(F, 8, 16)
    assert doc.values[("participants", 0, "role")] == Location(F, 8, 37)
    assert doc.values[()] == Location(F, 1, 1)


def test_at_falls_back_to_the_nearest_enclosing_value() -> None:
    doc = read_document(b"a:\n  b: 1\n", F)
    assert doc.at(("a", "b", "missing", 0)) == Location(F, 2, 6)
    assert doc.at(("nothing",)) == Location(F, 1, 1)
    assert doc.key_at(("a", "b")) == Location(F, 2, 3)
    assert doc.key_at(("a", "zzz")) == Location(F, 2, 3)  # no key: the enclosing value


def test_columns_count_characters_not_bytes() -> None:
    doc = read_document("t: {a: é, b: ü}\nu: [😀, x]\n".encode(), F)
    assert doc.values[("t", "b")] == Location(F, 1, 14)
    assert doc.values[("u", 1)] == Location(F, 2, 8)
    assert where("b: [é, ü, !!str 2]\n".encode()) == ("E106", 1, 11)


# --- decoding ----------------------------------------------------------------------------


def test_bad_byte_position_after_multibyte_characters() -> None:
    raw = ("framework: x@1\nrationale: >-\n  Café \u2013 naïve ").encode() + b"\xe9t\xe9\n"
    with pytest.raises(YamlProblem) as info:
        decode(raw, F)
    problem = info.value
    assert problem.code == "E102"
    # "  Café, en dash, naïve " is 15 characters (19 bytes): the bad byte is character 16.
    assert problem.finding.location == Location(F, 3, 16)
    assert "0xe9" in problem.finding.message


def test_bad_byte_on_the_first_line_after_a_bom() -> None:
    raw = b"\xef\xbb\xbfa: caf\xe9\n"
    assert where(raw) == ("E102", 1, 7)


def test_bad_byte_in_a_crlf_file() -> None:
    raw = b"a: 1\r\nb: \xff\r\n"
    assert where(raw) == ("E102", 2, 4)


@pytest.mark.parametrize(
    "raw",
    [
        "a: 1\n".encode("utf-16"),  # little-endian with its BOM
        b"\xfe\xff" + "a: 1\n".encode("utf-16-be"),
    ],
)
def test_utf16_is_refused(raw: bytes) -> None:
    code, line, column, message, _ = refused(raw)
    assert (code, line, column) == ("E102", 1, 1)
    assert "UTF-16" in message


@pytest.mark.parametrize(
    ("raw", "line", "column", "char"),
    [
        (b"a: x\x0cy\n", 1, 5, "U+000C"),
        (b"a: 1\nb: \x00\n", 2, 4, "U+0000"),
        (b"a: 1\nb: \x1b[1mbold\n", 2, 4, "U+001B"),
        ("a: 1\nb: é\x7f\n".encode(), 2, 5, "U+007F"),
        ("a: 1\nb: ü\u0085x\u0086\n".encode(), 2, 7, "U+0086"),
        (b"a: 1\r\nb: x\x08\r\n", 2, 5, "U+0008"),
    ],
)
def test_control_characters(raw: bytes, line: int, column: int, char: str) -> None:
    code, got_line, got_column, message, _ = refused(raw)
    assert (code, got_line, got_column) == ("E103", line, column)
    assert char in message


def test_tabs_and_line_breaks_are_not_control_characters() -> None:
    text, _, _ = decode(b"a: 'x\ty'\r\nb: 2\n", F)
    assert text == "a: 'x\ty'\r\nb: 2\n"


def test_bom_and_crlf_are_recorded() -> None:
    doc = read_document(b"\xef\xbb\xbfa: 1\r\nb: two\r\n", F)
    assert doc.data == {"a": 1, "b": "two"}
    assert doc.bom is True
    assert doc.newline == "\r\n"
    assert doc.keys[("a",)] == Location(F, 1, 1)  # the BOM is not a column
    assert doc.values[("b",)] == Location(F, 2, 4)
    plain = read_document(b"a: 1\n", F)
    assert (plain.bom, plain.newline) == (False, "\n")


def test_decode_returns_text_bom_and_newline() -> None:
    assert decode(b"\xef\xbb\xbfa: 1\n", F) == ("a: 1\n", True, "\n")
    assert decode(b"a: 1\r\n", F) == ("a: 1\r\n", False, "\r\n")


def test_size_limit() -> None:
    at_limit = b"a: 1\n" + b"#" * (MAX_BYTES - 6) + b"\n"
    assert len(at_limit) == MAX_BYTES
    assert decode(at_limit, F)[0].startswith("a: 1")
    with pytest.raises(YamlProblem) as info:
        decode(at_limit + b"#", F)
    assert info.value.code == "E104"
    assert info.value.finding.location == Location(F, 1, 1)


# --- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "line", "column", "word"),
    [
        (b"a: &x 1\nb: 2\n", 1, 4, "anchor &x"),
        (b"&k a: 1\n", 1, 1, "anchor &k"),
        (b"a: 1\nb: *x\n", 2, 4, "alias *x"),
        (b"a: &x [1]\nb: *x\n", 1, 4, "anchor &x"),
        (b"a: !!str 1\n", 1, 4, "tag"),
        (b"a: !!python/object/apply:os.system ['echo hi']\n", 1, 4, "tag"),
        (b"a: !custom x\n", 1, 4, "tag"),
        (b"a: !!map {b: 1}\n", 1, 4, "tag"),
        (b"a:\n  - !!seq [1]\n", 2, 5, "tag"),
        (b"%YAML 1.1\n---\na: no\n", 1, 1, "%YAML"),
        (b"%YAML 1.2\n---\na: 1\n", 1, 1, "%YAML"),
        (b"%TAG !e! tag:example.org,2025:\n---\na: 1\n", 1, 1, "%TAG"),
        (b"a: 1\n---\nb: 2\n", 2, 1, "one YAML document"),
        (b"---\na: 1\n...\n---\nb: 2\n", 4, 1, "one YAML document"),
    ],
)
def test_forbidden_features_are_e106(raw: bytes, line: int, column: int, word: str) -> None:
    code, got_line, got_column, message, hint = refused(raw)
    assert (code, got_line, got_column) == ("E106", line, column)
    assert word in message
    assert hint


def test_billion_laughs_is_refused_before_anything_is_built() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    assert where(("\n".join(lines) + "\n").encode()) == ("E106", 1, 4)


def test_nesting_limit() -> None:
    ok = read_document(b"a: " + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"\n", F)
    assert ok.data["a"] is not None
    deep = b"a: " + b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1) + b"\n"
    assert where(deep) == ("E107", 1, 4 + MAX_DEPTH)
    hundred = "".join("  " * i + f"k{i}:\n" for i in range(100)).encode()
    assert where(hundred) == ("E107", MAX_DEPTH + 2, 2 * (MAX_DEPTH + 1) + 1)


def test_duplicate_keys_are_e108_at_the_second() -> None:
    code, line, column, message, _ = refused(b"a: 1\nb:\n  c: 1\n  c: 2\n")
    assert (code, line, column) == ("E108", 4, 3)
    assert "'c'" in message and "line 3" in message
    assert where(b'"a": 1\na: 2\n') == ("E108", 2, 1)  # quoting does not make a new key
    assert where(b'ratings:\n  "1.1": {}\n  "1.1": {}\n') == ("E108", 3, 3)


def test_same_key_in_different_mappings_is_fine() -> None:
    doc = read_document(b'a: {level: x}\nb: {level: y}\n"1.1": 1\n"1.10": 2\n', F)
    assert doc.data == {"a": {"level": "x"}, "b": {"level": "y"}, "1.1": 1, "1.10": 2}


@pytest.mark.parametrize(
    ("raw", "column", "hint"),
    [
        (b"ratings:\n  1.1:\n    level: x\n", 3, 'put it in quotes: "1.1"'),
        (b"ratings:\n  1.10: {}\n", 3, 'put it in quotes: "1.10"'),
        (b"ratings:\n  4: {}\n", 3, 'put it in quotes: "4"'),
        (b"ratings:\n  yes: {}\n  true: {}\n", 3, 'put it in quotes: "true"'),
        (b"ratings:\n  ~: {}\n", 3, 'put it in quotes: "~"'),
        (b"ratings:\n  [a]: 1\n", 3, ""),
        (b"ratings:\n  ? {a: 1}\n  : x\n", 5, ""),
    ],
)
def test_keys_must_be_text(raw: bytes, column: int, hint: str) -> None:
    code, line, got_column, message, got_hint = refused(raw)
    assert (code, got_column, got_hint) == ("E109", column, hint)
    assert line == (3 if b"yes" in raw else 2)
    assert "text" in message


@pytest.mark.parametrize(
    "raw", [b"", b"# only a comment\n# and another\n", b"\n\n", b"---\n", b"\xef\xbb\xbf"]
)
def test_empty_files_are_e105(raw: bytes) -> None:
    assert where(raw) == ("E105", 1, 1)


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b"- a\n- b\n", 1),
        (b"# c\njust text\n", 2),
        (b"~\n", 1),
        (b"42\n", 1),
        (b"'a: 1'\n", 1),
        (b"# c\n[a, b]\n", 2),
    ],
)
def test_a_root_that_is_not_a_mapping_is_e105(raw: bytes, line: int) -> None:
    code, got_line, _, message, _ = refused(raw)
    assert (code, got_line) == ("E105", line)
    assert "mapping" in message


def test_a_root_list_with_an_anchor_is_refused_as_an_anchor() -> None:
    assert where(b"&x [1]\n") == ("E106", 1, 1)


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        (b"a: 1\nb 2\nc: 3\n", 3, 1),  # missing colon: found where the key ends
        (b"a: [1, 2\nb: 3\n", 2, 2),  # unclosed bracket
        (b"a:\n  b: 1\n c: 2\n", 3, 2),  # indentation does not line up
        (b"a: 'x\n", 2, 1),  # unclosed quote
        (b"a: 1\n  b: 2\n", 2, 4),  # mapping value where none is allowed
        (b"a: {b: 1\n", 2, 1),
    ],
)
def test_syntax_errors_are_e101_at_one_based_positions(raw: bytes, line: int, column: int) -> None:
    code, got_line, got_column, message, hint = refused(raw)
    assert (code, got_line, got_column) == ("E101", line, column)
    assert message.startswith("YAML syntax: ")
    assert hint


@pytest.mark.parametrize("raw", [b"a:\n\tb: 1\n", b"a: 1\r\n\tb: 2\r\n", "é: 1\n\tb: 2\n".encode()])
def test_tab_indentation_gets_its_own_hint(raw: bytes) -> None:
    code, line, column, _, hint = refused(raw)
    assert (code, line, column) == ("E101", 2, 1)
    assert hint == "indent with spaces, not tabs"


# --- numbers too large for our files (E118) ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("9223372036854775807", 2**63 - 1),
        ("-9223372036854775807", -(2**63) + 1),
        ("0x7fffffffffffffff", 2**63 - 1),
        ("0" * 31 + "7", 7),
        ("1e308", 1e308),
        ("-1.7976931348623157e308", -1.7976931348623157e308),
        ("1e-999", 0.0),
    ],
)
def test_numbers_at_the_edge_of_the_range_are_read(text: str, value: object) -> None:
    resolved = resolve_plain(text)
    assert resolved == value and type(resolved) is type(value)


@pytest.mark.parametrize(
    "text",
    [
        "9223372036854775808",
        "-9223372036854775808",
        "0x8000000000000000",
        "0o1000000000000000000000",
        "0" * 32 + "7",
        "9" * 5000,
        "0x" + "f" * 4000,
        "1e309",
        "-1e999",
        "1" * 40 + ".5",
    ],
)
def test_numbers_beyond_the_range_are_refused_where_they_stand(text: str) -> None:
    code, line, column, message, hint = refused(f"a: 1\nb: [x, {text}]\n".encode())
    assert (code, line, column) == ("E118", 2, 8)
    assert len(message) < 80 and "quotes" in hint
    assert where(f"a: 1\n{text[:1000]}: x\n".encode()) == ("E118", 2, 1)
