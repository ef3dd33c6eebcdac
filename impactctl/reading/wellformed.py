"""Well-formedness (E110-E116): a document against its JSON Schema, reported at the
line and column of the offending key or value, with a "did you mean" where it helps."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _Error:
    """One jsonschema error, unpacked once for the translators below."""

    doc: Document
    path: Path
    name: str  # the field as a person would write it
    value: Any
    schema: Any  # jsonschema types these as possibly "Unset"; on an error they are set
    rule: Any
    message: str
    in_property_names: bool

    def at(self, code: str, message: str, hint: str = "") -> list[Coded]:
        return [(code, Finding(self.doc.at(self.path), message, hint))]


def _unknown_fields(e: _Error) -> list[Coded]:
    if not isinstance(e.value, dict):
        return _other(e)
    known = set(e.schema.get("properties", {}))
    return [
        (
            "E112",
            Finding(
                e.doc.key_at((*e.path, key)),
                f"unknown field {key!r}",
                suggest(key, known) or f"allowed fields: {', '.join(sorted(known))}",
            ),
        )
        for key in e.value
        if key not in known
    ]


def _missing(e: _Error) -> list[Coded]:
    if not isinstance(e.value, dict):
        return _other(e)
    # jsonschema raises one error per missing field; name only the one it is about.
    missing = [k for k in e.rule if k not in e.value and e.message.startswith(repr(k))]
    return [
        (
            "E111",
            Finding(e.doc.at(e.path), f"missing required field {k!r} in {e.name}", f"add `{k}:`"),
        )
        for k in missing
    ]


def _wrong_type(e: _Error) -> list[Coded]:
    wanted = e.rule if isinstance(e.rule, list) else [e.rule]
    words = " or ".join(_TYPE_NAMES.get(str(w), str(w)) for w in wanted)
    hint = ""
    if e.path and e.path[-1] in ("level", "target"):
        hint = "levels are words from the framework, such as 'developing'"
    elif "string" in wanted and e.value is not None and not isinstance(e.value, (list, dict)):
        hint = f'put it in quotes: "{e.doc.written.get(Positions.key(e.path), e.value)}"'
    return e.at("E110", f"{e.name} should be {words}, not {_describe(e.value)}", hint)


def _not_a_date(e: _Error) -> list[Coded]:
    if isinstance(e.value, str) and _real_date(e.value) is not None:
        return e.at(
            "E113",
            f"{e.name}: {e.value!r} is outside the years {FIRST_YEAR} to {LAST_YEAR}",
            "correct the year; leave an optional date out rather than use a "
            "placeholder such as 9999-12-31",
        )
    return e.at(
        "E113",
        f"{e.name}: {_describe(e.value)} is not a real date",
        "write dates as YYYY-MM-DD, e.g. 2026-03-31",
    )


def _not_allowed(e: _Error) -> list[Coded]:
    allowed = [str(v) for v in e.rule]
    hint = suggest(str(e.value), allowed) or f"use one of: {', '.join(allowed)}"
    return e.at("E115", f"{e.name}: {_describe(e.value)} is not allowed", hint)


def _bad_pattern(e: _Error) -> list[Coded]:
    if e.in_property_names:
        # A bad mapping key: jsonschema reports it at the parent, so point at the key.
        key = str(e.value)
        what, hint = (
            ("statement id", 'statement ids are dotted numbers in quotes, e.g. "1.1"')
            if e.rule == STATEMENT_ID
            else ("level id", "level ids use lower-case letters, digits and hyphens")
        )
        return [
            ("E114", Finding(e.doc.key_at((*e.path, key)), f"{key!r} is not a valid {what}", hint))
        ]
    if e.rule.startswith("^https?"):
        return e.at(
            "E114",
            f"{e.name}: {_describe(e.value)} is not a web address",
            "links must start with https:// or http://",
        )
    hint = _PATTERN_HINTS.get(e.rule, "framework references look like nhs-impact@2024.1")
    return e.at("E114", f"{e.name}: {_describe(e.value)} is not a valid id", hint)


_PATTERN_HINTS = {
    STATEMENT_ID: 'statement ids are dotted numbers in quotes, e.g. "1.1"',
    SLUG: "ids use lower-case letters, digits and hyphens, e.g. example-trust",
}


def _empty(e: _Error) -> list[Coded]:
    return e.at("E111", f"{e.name} is empty", "write something here")


def _too_few(e: _Error) -> list[Coded]:
    needed = e.rule
    return e.at("E111", f"{e.name} needs at least {needed} entr{'y' if needed == 1 else 'ies'}")


def _out_of_range(e: _Error) -> list[Coded]:
    return e.at("E116", f"{e.name}: {e.message}")


def _other(e: _Error) -> list[Coded]:
    return e.at("E110", f"{e.name}: {e.message}")


_TRANSLATORS: dict[str, Callable[[_Error], list[Coded]]] = {
    "additionalProperties": _unknown_fields,
    "required": _missing,
    "type": _wrong_type,
    "format": _not_a_date,
    "enum": _not_allowed,
    "pattern": _bad_pattern,
    "minLength": _empty,
    "minItems": _too_few,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "uniqueItems": _out_of_range,
}


def _from_error(doc: Document, error: ValidationError) -> list[Coded]:
    """jsonschema's error as impactctl's findings, each at the key or value it is about."""
    path: Path = tuple(error.absolute_path)
    unpacked = _Error(
        doc,
        path,
        _field(path),
        error.instance,
        error.schema,
        _ecma(error.validator_value),
        error.message,
        "propertyNames" in error.absolute_schema_path,
    )
    return _TRANSLATORS.get(str(error.validator), _other)(unpacked)


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


def extra_checks(doc: Document, kind: str) -> list[Coded]:
    """Well-formedness that JSON Schema cannot say simply."""
    out: list[Coded] = []
    d = doc.data
    if kind == "assessment" and d.get("status") == "agreed" and not d.get("assessed_on"):
        out.append(
            (
                "E111",
                Finding(
                    doc.key_at(("status",)),
                    "an agreed cycle needs `assessed_on`",
                    "add the date the board agreed the ratings",
                ),
            )
        )
    if kind == "assessment" and isinstance(d.get("ratings"), dict):
        for sid, r in d["ratings"].items():
            evidence = r.get("evidence") if isinstance(r, dict) else None
            # Anything but a list (`evidence:` left empty is None) is E110's to report.
            for i, e in enumerate(evidence if isinstance(evidence, list) else []):
                if isinstance(e, dict) and "url" not in e and "path" not in e:
                    out.append(
                        (
                            "E111",
                            Finding(
                                doc.at(("ratings", sid, "evidence", i)),
                                "evidence needs a `url` or a `path`",
                                "link to where a reader can see it",
                            ),
                        )
                    )
    return out
