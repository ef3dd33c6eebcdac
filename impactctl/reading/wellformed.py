"""Well-formedness (E110-E116): a document against its JSON Schema, reported at the
line and column of the offending key or value, with a "did you mean" where it helps."""

from __future__ import annotations

import difflib
import re
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

import fastjsonschema

from impactctl.clock import FIRST_YEAR, LAST_YEAR
from impactctl.diagnostics import Finding, Positions
from impactctl.reading.yaml import Document, Path
from impactctl.schemas import SCHEMAS, SLUG, STATEMENT_ID

Coded = tuple[str, Finding]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


def _real_date(value: str) -> date | None:
    if not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True  # not a date's job: the "type" keyword reports it
    day = _real_date(value)
    return day is not None and FIRST_YEAR <= day.year <= LAST_YEAR


def _whole_string(schema: Any) -> Any:
    """The schema with each pattern's final ``$`` as ``\\Z``.

    JSON Schema patterns are ECMA-262 searches, where ``$`` (no multiline flag) matches
    only at the very end; in Python's ``re`` it also matches before a final line break, so
    jsonschema would pass ``"example-trust\\n"`` as a slug. fastjsonschema makes the same
    change itself; the published schemas keep the ECMA spelling for editors."""
    if isinstance(schema, dict):
        return {
            k: (v[:-1] + "\\Z" if k == "pattern" and v.endswith("$") else _whole_string(v))
            for k, v in schema.items()
        }
    if isinstance(schema, list):
        return [_whole_string(v) for v in schema]
    return schema


def _ecma(pattern: Any) -> Any:
    """A pattern as the published schema spells it (for telling which one failed)."""
    return pattern[:-2] + "$" if isinstance(pattern, str) and pattern.endswith("\\Z") else pattern


@cache
def _validator(kind: str) -> Draft202012Validator:
    """jsonschema, imported only when a file fails the gate: most runs never need it."""
    from jsonschema import Draft202012Validator, FormatChecker

    formats = FormatChecker(formats=())
    formats.checks("date")(_is_date)
    return Draft202012Validator(_whole_string(SCHEMAS[kind]), format_checker=formats)


@cache
def _gate(kind: str) -> Any:
    """A compiled yes/no check, ~15x faster than jsonschema's: almost every file is valid,
    and only an invalid one needs jsonschema's full list of errors with their paths."""
    return fastjsonschema.compile(SCHEMAS[kind], formats={"date": _is_date})


def suggest(word: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    """A "did you mean" hint, or nothing."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping of fields",
    "array": "a list",
    "boolean": "true or false",
    "null": "empty",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{value!r}"


def _field(path: Path) -> str:
    """A path as a person would write it: ratings["1.1"].evidence[0].date"""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "." in part:
            out += f'["{part}"]'
        else:
            out += f".{part}" if out else part
    return out or "the file"


def _date_finding(doc: Document, path: Path, name: str, value: Any) -> Finding:
    if isinstance(value, str) and _real_date(value) is not None:
        return Finding(
            doc.at(path),
            f"{name}: {value!r} is outside the years {FIRST_YEAR} to {LAST_YEAR}",
            "correct the year; leave an optional date out rather than use a "
            "placeholder such as 9999-12-31",
        )
    return Finding(
        doc.at(path),
        f"{name}: {_describe(value)} is not a real date",
        "write dates as YYYY-MM-DD, e.g. 2026-03-31",
    )


def _from_error(doc: Document, error: ValidationError) -> list[Coded]:
    path: Path = tuple(error.absolute_path)
    name = _field(path)
    kind = error.validator
    value = error.instance
    # jsonschema types these as possibly "Unset"; on a reported error they are always set.
    schema: Any = error.schema
    rule: Any = _ecma(error.validator_value)
    if kind == "additionalProperties" and isinstance(value, dict):
        known = set(schema.get("properties", {}))
        out: list[Coded] = []
        for key in value:
            if key not in known:
                hint = suggest(key, known) or f"allowed fields: {', '.join(sorted(known))}"
                out.append(
                    ("E112", Finding(doc.key_at((*path, key)), f"unknown field {key!r}", hint))
                )
        return out
    if kind == "required" and isinstance(value, dict):
        # jsonschema raises one error per missing field; name only the one it is about.
        missing = [k for k in rule if k not in value and error.message.startswith(repr(k))]
        return [
            (
                "E111",
                Finding(doc.at(path), f"missing required field {k!r} in {name}", f"add `{k}:`"),
            )
            for k in missing
        ]
    if kind == "type":
        wanted = rule
        wanted_list = wanted if isinstance(wanted, list) else [wanted]
        words = " or ".join(_TYPE_NAMES.get(str(w), str(w)) for w in wanted_list)
        hint = ""
        if path and path[-1] in ("level", "target"):
            hint = "levels are words from the framework, such as 'developing'"
        elif "string" in wanted_list and value is not None and not isinstance(value, (list, dict)):
            hint = f'put it in quotes: "{doc.written.get(Positions.key(path), value)}"'
        return [
            (
                "E110",
                Finding(doc.at(path), f"{name} should be {words}, not {_describe(value)}", hint),
            )
        ]
    if kind == "format":
        return [("E113", _date_finding(doc, path, name, value))]
    if kind == "enum":
        allowed = [str(v) for v in rule]
        hint = suggest(str(value), allowed) or f"use one of: {', '.join(allowed)}"
        return [("E115", Finding(doc.at(path), f"{name}: {_describe(value)} is not allowed", hint))]
    if kind == "pattern" and "propertyNames" in error.absolute_schema_path:
        # A bad mapping key: jsonschema reports it at the parent, so point at the key.
        key = str(value)
        if rule == STATEMENT_ID:
            return [
                (
                    "E114",
                    Finding(
                        doc.key_at((*path, key)),
                        f"{key!r} is not a valid statement id",
                        'statement ids are dotted numbers in quotes, e.g. "1.1"',
                    ),
                )
            ]
        return [
            (
                "E114",
                Finding(
                    doc.key_at((*path, key)),
                    f"{key!r} is not a valid level id",
                    "level ids use lower-case letters, digits and hyphens",
                ),
            )
        ]
    if kind == "pattern":
        pattern = rule
        if pattern == STATEMENT_ID:
            hint = 'statement ids are dotted numbers in quotes, e.g. "1.1"'
        elif pattern == SLUG:
            hint = "ids use lower-case letters, digits and hyphens, e.g. example-trust"
        elif pattern.startswith("^https?"):
            return [
                (
                    "E114",
                    Finding(
                        doc.at(path),
                        f"{name}: {_describe(value)} is not a web address",
                        "links must start with https:// or http://",
                    ),
                )
            ]
        else:
            hint = "framework references look like nhs-impact@2024.1"
        return [
            ("E114", Finding(doc.at(path), f"{name}: {_describe(value)} is not a valid id", hint))
        ]
    if kind == "minLength":
        return [("E111", Finding(doc.at(path), f"{name} is empty", "write something here"))]
    if kind == "minItems":
        needed = rule
        return [
            (
                "E111",
                Finding(
                    doc.at(path),
                    f"{name} needs at least {needed} entr{'y' if needed == 1 else 'ies'}",
                    "",
                ),
            )
        ]
    if kind in {"minimum", "maximum", "uniqueItems"}:
        return [("E116", Finding(doc.at(path), f"{name}: {error.message}", ""))]
    return [("E110", Finding(doc.at(path), f"{name}: {error.message}", ""))]


def check(doc: Document, kind: str) -> list[Coded]:
    """Every well-formedness problem in ``doc``, each at its own position."""
    try:
        _gate(kind)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    out: list[Coded] = []
    for error in _validator(kind).iter_errors(doc.data):
        out.extend(_from_error(doc, error))
    if not out:  # the two validators disagree: fail closed rather than pass the file
        out.append(("E110", Finding(doc.at(()), f"the file does not match the {kind} schema")))
    return out
