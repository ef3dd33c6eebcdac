"""Reporters turn results into text. They are picked by ``--format`` from registries, so a
new format changes no checking code."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from impactctl.diagnostics import ValidationResult

# Characters that must never reach a terminal or a rendered comment raw: C0 and C1 controls
# (ESC starts terminal sequences that can rewrite the screen), DEL, and the bidirectional
# overrides and isolates that make text read differently from what it holds.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_LINE = re.compile(f"{_UNSAFE.pattern[:-1]}\\n\\r]")


def visible(text: str, *, lines: bool = False) -> str:
    """Text from outside impactctl's checks (a git author, a commit subject, a ref) made
    safe to print: each unsafe character is written as its escape (``\\x1b``, ``\\u202e``).
    Line breaks are escaped too unless ``lines``."""
    pattern = _UNSAFE if lines else _UNSAFE_LINE
    if text.isascii() and text.isprintable():
        return text
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_safe(document: str) -> str:
    """JSON with every unsafe character written as a ``\\u`` escape: the same JSON to a
    parser, and nothing raw for a terminal (the encoder leaves C1 controls and bidi
    characters as they are). They can only stand inside strings, so this is exact."""
    if document.isascii():
        return document
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


_CODES = {"red": "31", "yellow": "33", "green": "32", "bold": "1", "dim": "2", "cyan": "36"}


def paint(text: str, style: str, enabled: bool) -> str:
    return f"\x1b[{_CODES[style]}m{text}\x1b[0m" if enabled else text


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def validation_summary(result: ValidationResult) -> str:
    """``2 errors, 1 warning in 5 files``: the last line of every validation report."""
    return (
        f"{plural(len(result.errors), 'error')}, {plural(len(result.warnings), 'warning')} "
        f"in {plural(result.files, 'file')}"
    )


def json_document(fields: dict[str, object], records_key: str, records: list[object]) -> str:
    """A JSON object with one record per line under ``records_key``.

    Readable and grep-able like indented JSON, but every record goes through the json
    module's C encoder: ``indent=`` switches to the pure-Python one, which took a second
    for the 20,000 changes of a national diff.
    """
    head = "".join(f"  {json.dumps(k)}: {_compact(v)},\n" for k, v in fields.items())
    if not records:
        return _json_safe(f"{{\n{head}  {json.dumps(records_key)}: []\n}}\n")
    body = ",\n".join(f"    {_compact(r)}" for r in records)
    return _json_safe(f"{{\n{head}  {json.dumps(records_key)}: [\n{body}\n  ]\n}}\n")


def _record_encoder() -> Callable[[object], str]:
    """Encode one value as compact JSON through a single C encoder made once.

    ``json.dumps`` builds a new encoder for every call, which cost more than the encoding
    itself over 20,000 records. ``c_make_encoder`` is what ``json.dumps`` uses inside; on
    an interpreter without it, fall back to the documented API.
    """
    from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]

    encoder = json.JSONEncoder(ensure_ascii=False)
    if c_make_encoder is None:
        return encoder.encode
    make = c_make_encoder(
        None, encoder.default, encode_basestring, None, ": ", ", ", False, False, True
    )
    return lambda value: "".join(make(value, 0))


_compact = _record_encoder()
