"""Every workbook, written and read: the one module that imports openpyxl.

The papers describe a workbook as plain data (``Sheet``: a header, rows, column widths,
drop-down lists, which columns are locked); this module turns it into ``.xlsx`` bytes. The
importer reads a workbook back through ``read_workbook`` as plain cells (value, kind,
merged or not), so that everything it decides is decided without openpyxl.

openpyxl writes validation lists and sheet protection but enforces neither, and computes no
formula: the importer checks every value again and refuses formulas (NOTES.md, Excel).
"""

from __future__ import annotations

import errno
import io
import os
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from impactctl.diagnostics import column_letters

CellValue = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Sheet:
    """One sheet to write: row 1 is the header, then ``rows``."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[CellValue]]
    widths: Mapping[str, float] = field(default_factory=dict)  # by heading
    wrap: frozenset[str] = frozenset()  # headings whose text wraps
    choices: Mapping[str, Sequence[str]] = field(default_factory=dict)  # heading -> list
    dates: frozenset[str] = frozenset()  # headings whose cells must hold a date
    editable: frozenset[str] | None = None  # None: not protected; else the unlocked columns
    extra_rows: int = 0  # empty editable rows under the data (participants)
    filters: bool = True


@dataclass(frozen=True)
class Cell:
    """One cell as read back: its value and what kind of value the file says it is."""

    value: object
    kind: str  # "s" text, "n" number, "d" date, "b" true/false, "f" formula, "e" error
    merged: bool = False


@dataclass(frozen=True)
class ReadSheet:
    name: str
    cells: Mapping[tuple[int, int], Cell]  # (row, column), 1-based; empty cells left out
    rows: int
    merged: tuple[str, ...] = ()  # merged ranges such as "C4:D4"


class NotAWorkbook(ValueError):
    """The bytes are not an .xlsx workbook openpyxl can read; the message says why."""


def workbook_bytes(sheets: Sequence[Sheet], *, made: datetime, hidden: Sequence[str] = ()) -> bytes:
    """The workbook, one sheet per ``Sheet``, in order."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = "impactctl"
    wb.properties.created = made.replace(tzinfo=None)
    wb.properties.modified = made.replace(tzinfo=None)
    for index, spec in enumerate(sheets):
        ws = wb.active if index == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = spec.name
        _fill(ws, spec)
        if spec.name in hidden:
            ws.sheet_state = "hidden"
    buffer = io.BytesIO()
    try:
        wb.save(buffer)
    except Exception as exc:
        raise _environment(exc) from None
    return buffer.getvalue()


def _environment(exc: Exception) -> Exception:
    """openpyxl writes each sheet through lxml into a temporary file before zipping it; a
    full disk or a file-size limit then surfaces as lxml's ``SerialisationError: IO_EFBIG``.
    That is the environment, not impactctl: the OSError it stands for (exit 2)."""
    name = str(exc)
    code = getattr(errno, name.removeprefix("IO_"), None) if name.startswith("IO_") else None
    if not isinstance(code, int):
        return exc
    return OSError(code, os.strerror(code))


def _fill(ws: Any, spec: Sheet) -> None:
    from openpyxl.styles import Alignment, Font, Protection

    ws.append(list(spec.header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    last_row = len(spec.rows) + 1 + spec.extra_rows
    unlocked = Protection(locked=False)
    for r, row in enumerate(spec.rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
    for c, heading in enumerate(spec.header, start=1):
        letter = column_letters(c)
        ws.column_dimensions[letter].width = spec.widths.get(heading, 14)
        for r in range(2, last_row + 1):
            cell = ws.cell(row=r, column=c)
            cell.alignment = Alignment(wrap_text=heading in spec.wrap, vertical="top")
            if heading in spec.dates:
                cell.number_format = "yyyy-mm-dd"
            if spec.editable is not None and heading in spec.editable:
                cell.protection = unlocked
    _heights(ws, spec)
    _validations(ws, spec, last_row)
    ws.freeze_panes = "A2"
    # Printed: landscape, as wide as the page, the headings on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    if spec.filters:
        ws.auto_filter.ref = f"A1:{column_letters(len(spec.header))}{max(last_row, 1)}"
    if spec.editable is not None:
        # Locked cells (ids, statement text, headings) cannot be typed over; filters,
        # sorting, widths and formats stay usable. No password: it guards against slips.
        ws.protection.sheet = True
        for name in ("autoFilter", "sort", "formatColumns", "formatRows", "formatCells"):
            setattr(ws.protection, name, False)


LINE_HEIGHT = 15.0  # points per line of 11pt text


def _heights(ws: Any, spec: Sheet) -> None:
    """Rows tall enough for their wrapped text. Neither Excel nor LibreOffice fits a row to
    wrapped text in a file it did not write, so wrapped cells would overlap their
    neighbours."""
    wrapped = [(c, spec.widths.get(h, 14)) for c, h in enumerate(spec.header) if h in spec.wrap]
    if not wrapped:
        return
    for r, row in enumerate(spec.rows, start=2):
        lines = 1
        for c, width in wrapped:
            value = row[c] if c < len(row) else None
            if isinstance(value, str) and value:
                lines = max(lines, -(-len(value) // max(int(width * 1.1), 1)))
        if lines > 1:
            ws.row_dimensions[r].height = min(LINE_HEIGHT * lines + 3, 409)


def _validations(ws: Any, spec: Sheet, last_row: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    for c, heading in enumerate(spec.header, start=1):
        letter = column_letters(c)
        ref = f"{letter}2:{letter}{max(last_row, 2)}"
        if heading in spec.choices:
            listed = ",".join(spec.choices[heading])
            dv = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
            dv.error = f"Choose one of: {', '.join(spec.choices[heading])}"
            dv.errorTitle = heading
            dv.prompt = f"Choose from the list: {', '.join(spec.choices[heading])}"
            dv.promptTitle = heading
        elif heading in spec.dates and spec.editable is not None:
            dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
            dv.error = "Enter a date, for example 2026-03-12"
            dv.errorTitle = heading
        else:
            continue
        dv.showErrorMessage = True
        dv.showInputMessage = True
        dv.add(ref)
        ws.add_data_validation(dv)


def read_workbook(raw: bytes) -> dict[str, ReadSheet]:
    """Every sheet's cells, values as stored (formulas as their text, never computed)."""
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise NotAWorkbook("this is not an .xlsx workbook (not a zip package)")
    try:
        wb = load_workbook(io.BytesIO(raw), data_only=False, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise NotAWorkbook(
            f"this workbook cannot be read ({type(exc).__name__}: {exc})"[:200]
        ) from None
    out: dict[str, ReadSheet] = {}
    for ws in wb.worksheets:
        merged_cells = {
            (r, c)
            for rng in ws.merged_cells.ranges
            for r in range(rng.min_row, rng.max_row + 1)
            for c in range(rng.min_col, rng.max_col + 1)
        }
        cells: dict[tuple[int, int], Cell] = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or cell.value == "":
                    continue
                kind = "d" if cell.is_date else str(cell.data_type)
                key = (int(cell.row), int(cell.column))
                cells[key] = Cell(cell.value, kind, key in merged_cells)
        merged = tuple(str(rng) for rng in ws.merged_cells.ranges)
        out[ws.title] = ReadSheet(ws.title, cells, int(ws.max_row), merged)
    return out


def validation_lists(raw: bytes) -> dict[str, dict[str, list[str]]]:
    """Sheet -> cell range -> the drop-down list's choices (for tests and checks)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(raw))
    out: dict[str, dict[str, list[str]]] = {}
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            if dv.type == "list" and dv.formula1:
                out.setdefault(ws.title, {})[str(dv.sqref)] = dv.formula1.strip('"').split(",")
    return out
