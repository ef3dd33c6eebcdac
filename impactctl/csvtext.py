"""CSV text that a spreadsheet opens safely: the one writer behind the site's data
downloads and the papers' CSV export (RFC 4180, a byte-order mark so Excel reads UTF-8,
and text that would start a formula defused)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

Value = str | int | date | None

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: Value) -> Value:
    """Text that would start a spreadsheet formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_cell(v: object) -> object:
    if v is None:
        return ""
    if isinstance(v, date):
        return v.isoformat()
    return defuse(v if isinstance(v, str | int) else str(v))


def csv_text(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """One CSV table: a byte-order mark, a header row, CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:  # a national site writes 200,000 cells: plain text skips the checks
        writer.writerow(
            [
                v if v.__class__ is str and not v.startswith(_FORMULA_START) else _csv_cell(v)
                for v in row
            ]
        )
    return "\ufeff" + out.getvalue()
