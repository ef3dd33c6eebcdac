"""Opening what `impactctl import` is given: an .xlsx workbook's sheets, or a CSV file, as
grids of cells for ``impactctl.papers.intake`` to read. A file that cannot be opened is a
diagnostic too (E130, E131), never a traceback."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from impactctl.diagnostics import Diagnostic, Location
from impactctl.model import Framework
from impactctl.papers.capture import ABOUT, MARK, PARTICIPANTS, RATINGS, Capture
from impactctl.papers.intake import Grid, Problems, cell_text, read_participants, read_ratings
from impactctl.papers.xlsx import Cell, NotAWorkbook, ReadSheet, read_workbook


def _about(grid: Grid, capture: Capture) -> bool:
    values = {
        cell_text(grid.cells.get((r, 1))).casefold(): cell_text(grid.cells.get((r, 2)))
        for r in range(1, grid.rows + 1)
    }
    capture.organisation = values.get("organisation") or None
    capture.cycle = values.get("cycle") or None
    return values.get("made by") == MARK


def read_capture(path: Path, fw: Framework) -> tuple[Capture, list[Diagnostic]]:
    """Everything the file says, and every problem with it."""
    problems = Problems()
    capture = Capture(path.name)
    raw = path.read_bytes()
    if path.suffix.lower() == ".csv":
        grid = _csv_grid(path.name, raw, problems)
        if grid is not None:
            read_ratings(grid, fw, capture, problems)
        return capture, problems.found
    try:
        sheets = read_workbook(raw)
    except NotAWorkbook as exc:
        problems.add(Location(path.name), "E130", str(exc), "export it from Excel as .xlsx")
        return capture, problems.found
    if ABOUT in sheets:
        _about(_grid(path.name, sheets[ABOUT]), capture)
    if RATINGS not in sheets:
        problems.add(
            Location(path.name),
            "E131",
            f"no sheet named {RATINGS!r} (found: {', '.join(sheets) or 'none'})",
            "use the workbook `impactctl workshop ORG --capture FILE.xlsx` makes, or name "
            "the sheet Ratings",
        )
        return capture, problems.found
    read_ratings(_grid(path.name, sheets[RATINGS]), fw, capture, problems)
    if PARTICIPANTS in sheets:
        read_participants(_grid(path.name, sheets[PARTICIPANTS]), capture, problems)
    return capture, problems.found


def _grid(file: str, sheet: ReadSheet) -> Grid:
    return Grid(file, sheet.name, sheet.cells, sheet.rows, sheet.merged)


def _csv_grid(file: str, raw: bytes, problems: Problems) -> Grid | None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.add(
            Location(file), "E130", "this CSV file is not UTF-8 text", "save it as CSV UTF-8"
        )
        return None
    cells: dict[tuple[int, int], Cell] = {}
    rows = 0
    for rows, record in enumerate(csv.reader(io.StringIO(text)), start=1):
        for col, value in enumerate(record, start=1):
            if value.strip():
                kind = "f" if value.startswith("=") else "s"
                cells[(rows, col)] = Cell(value, kind)
    return Grid(file, None, cells, rows)
