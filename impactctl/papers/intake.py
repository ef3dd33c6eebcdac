"""Reading a capture workbook (or a CSV with the same headings) back, cell by cell.

Every problem is a diagnostic at its cell (``capture.xlsx:Ratings!C12``; in a CSV,
``capture.csv:12:3``, row and column) with a code from the registry: E130-E137 for the
workbook's structure (``impactctl.checks.rules.workbook``), and the file format's own codes
for values (E203 an unknown level, E115 a value not allowed, E111 a missing rationale...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from impactctl.checks.rules import RULES, all_rules
from impactctl.diagnostics import Diagnostic, Location
from impactctl.model import NOT_ASSESSED, Framework
from impactctl.papers.capture import (
    HEADINGS,
    NOT_ASSESSED_LABEL,
    PARTICIPANT_HEADINGS,
    REQUIRED,
    VIEW_HEADINGS,
    Capture,
    Captured,
    Evidence,
)
from impactctl.papers.facts import GROUP_WORDS
from impactctl.papers.xlsx import Cell
from impactctl.reading.wellformed import suggest
from impactctl.schemas import CONFIDENCE


@dataclass(frozen=True)
class Grid:
    """One table of cells: a workbook sheet, or a CSV file."""

    file: str
    sheet: str | None  # None: a CSV file
    cells: Mapping[tuple[int, int], Cell]
    rows: int
    merged: tuple[str, ...] = ()

    def at(self, row: int, column: int) -> Location:
        return Location(self.file, row, column, self.sheet)


class Problems:
    def __init__(self) -> None:
        all_rules()  # fills the registry the severities come from
        self.found: list[Diagnostic] = []

    def add(self, where: Location, code: str, message: str, hint: str = "") -> None:
        found = Diagnostic(where, code, RULES[code].severity, message, hint)
        if found not in self.found:
            self.found.append(found)

    def at(self, where: Location) -> bool:
        """Whether a problem was already reported at ``where``."""
        return any(d.location == where for d in self.found)


_KINDS = {"n": "a number", "d": "a date", "b": "true or false"}


def cell_text(cell: Cell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    return " ".join(str(cell.value).split())


def _headings(grid: Grid) -> dict[str, int]:
    found: dict[str, int] = {}
    for (row, col), cell in grid.cells.items():
        if row == 1:
            found.setdefault(cell_text(cell).casefold(), col)
    return found


class Reader:
    """Turns the Ratings grid into Captured rows, collecting problems on the way."""

    def __init__(self, grid: Grid, fw: Framework, problems: Problems) -> None:
        self.grid, self.fw, self.problems = grid, fw, problems
        self.levels = {lv.id: lv.id for lv in fw.levels} | {
            lv.label.casefold(): lv.id for lv in fw.levels
        }
        self.columns = _headings(grid)

    def where(self, row: int, heading: str) -> Location:
        return self.grid.at(row, self.columns.get(heading.casefold(), 0))

    def cell(self, row: int, heading: str) -> tuple[Cell | None, Location]:
        col = self.columns.get(heading.casefold(), 0)
        where = self.grid.at(row, col)
        cell = self.grid.cells.get((row, col)) if col else None
        if cell is not None and cell.kind in ("f", "e"):
            self.problems.add(
                where,
                "E133",
                f"{heading.lower()} holds a formula or an error value ({str(cell.value)[:40]!r})",
                "type the value itself; formulas are never imported",
            )
            return None, where
        return cell, where

    def word(self, row: int, heading: str) -> tuple[str, Location]:
        cell, where = self.cell(row, heading)
        if cell is not None and cell.kind not in ("s", "str", "inlineStr"):
            what = _KINDS.get(cell.kind, "another kind of value")
            self.problems.add(
                where,
                "E110",
                f"{heading.lower()} {cell_text(cell)!r} is {what}, not text",
                "type it as text (format the column as Text)",
            )
            return "", where
        return cell_text(cell), where

    def level(self, row: int, heading: str, allow_not_assessed: bool) -> str | None:
        value, where = self.word(row, heading)
        if not value:
            return None
        key = value.casefold()
        if allow_not_assessed and key in (NOT_ASSESSED, NOT_ASSESSED_LABEL.casefold()):
            return NOT_ASSESSED
        if key in self.levels:
            return self.levels[key]
        choices = list(self.fw.level_ids) + ([NOT_ASSESSED] if allow_not_assessed else [])
        self.problems.add(
            where,
            "E203",
            f"{heading.lower()} {value!r} is not a level of {self.fw.ref}",
            suggest(value.lower(), choices) or f"choose one of: {', '.join(choices)}",
        )
        return None

    def when(self, row: int) -> date | None:
        cell, where = self.cell(row, "Evidence date")
        if cell is None:
            return None
        if isinstance(cell.value, datetime):
            return cell.value.date()
        if isinstance(cell.value, date):
            return cell.value
        text = cell_text(cell)
        try:
            return date.fromisoformat(text)
        except ValueError:
            code = "E135" if self.grid.sheet is not None else "E113"
            self.problems.add(
                where,
                code,
                f"evidence date {text!r} is text, not a date"
                if code == "E135"
                else f"evidence date {text!r} is not a date",
                "enter it as a date, or as text written YYYY-MM-DD (2026-03-12)",
            )
            return None

    def evidence(self, row: int) -> Evidence | None:
        title, where = self.word(row, "Evidence title")
        link, link_at = self.word(row, "Evidence link")
        when = self.when(row)
        if not (title or link):
            return None
        if self.problems.at(self.where(row, "Evidence date")):
            return None  # the date is wrong, and already reported
        if not title or not link or when is None:
            self.problems.add(
                where if not title else link_at,
                "E111",
                "evidence needs a title, a link and a date",
                "fill in all three evidence cells, or leave all three empty",
            )
            return None
        if ":" in link.split("/")[0] and not link.startswith(("https://", "http://")):
            self.problems.add(link_at, "E114", f"evidence link {link[:40]!r} is not a web address")
            return None
        return Evidence(title, link, when)

    def row(self, row: int) -> Captured | None:
        sid, where = self.word(row, "Statement")
        if not sid:
            return None
        if sid not in self.fw.statements:
            self.problems.add(
                where,
                "E202",
                f"statement {sid!r} is not in {self.fw.ref}",
                suggest(sid, list(self.fw.statements)),
            )
            return None
        present = frozenset(h for h in _ALL if h.casefold() in self.columns)
        got = Captured(sid, row, columns=present)
        got.level = self.level(row, "Level", allow_not_assessed=True)
        confidence, conf_at = self.word(row, "Confidence")
        if confidence and confidence.casefold() not in CONFIDENCE:
            self.problems.add(
                conf_at,
                "E115",
                f"confidence {confidence!r} is not one of {', '.join(CONFIDENCE)}",
                suggest(confidence.casefold(), CONFIDENCE),
            )
        got.confidence = confidence.casefold() or None
        got.target = self.level(row, "Target", allow_not_assessed=False)
        got.rationale, rationale_at = self.word(row, "Rationale")
        got.dissent = self.word(row, "Minority view")[0] or None
        for group, heading in VIEW_HEADINGS.items():
            if heading in present:
                got.views[group] = self.level(row, heading, allow_not_assessed=False)
        got.evidence = self.evidence(row)
        level_at = self.where(row, "Level")
        if got.level is None and not self.problems.at(level_at):
            self.problems.add(
                level_at,
                "E204",
                f"statement {sid} has no level",
                f"choose a level, or {NOT_ASSESSED_LABEL!r} with the reason in the rationale",
            )
        elif not got.rationale:
            self.problems.add(rationale_at, "E111", f"statement {sid} has no rationale")
        return got


_ALL = tuple(h for h in HEADINGS if h not in ("Statement", "Statement text", "Component"))


def _position(ref: str) -> tuple[int, int]:
    """``C12`` -> (12, 3)."""
    letters = ref.rstrip("0123456789")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch.upper()) - 64
    return int(ref[len(letters) :]), col


def _structure(grid: Grid, problems: Problems) -> bool:
    """Columns and merged cells; False when the sheet cannot be read row by row."""
    for merged in grid.merged:
        row, col = _position(merged.split(":")[0])
        problems.add(
            grid.at(row, col),
            "E134",
            f"cells {merged} are merged",
            "unmerge them: each statement needs its own row and each value its own cell",
        )
    columns = _headings(grid)
    missing = [h for h in REQUIRED if h.casefold() not in columns]
    for heading in missing:
        problems.add(
            grid.at(1, 1),
            "E132",
            f"no column headed {heading!r} in row 1",
            "row 1 holds the headings: Statement, Level, Rationale, and any others "
            "the user guide lists",
        )
    return not missing and not grid.merged


def read_ratings(grid: Grid, fw: Framework, capture: Capture, problems: Problems) -> None:
    if not _structure(grid, problems):
        return
    reader = Reader(grid, fw, problems)
    seen: dict[str, int] = {}
    for row in range(2, grid.rows + 1):
        got = reader.row(row)
        if got is None:
            continue
        if got.statement in seen:
            problems.add(
                grid.at(row, reader.columns["statement"]),
                "E136",
                f"statement {got.statement} is listed twice (first in row {seen[got.statement]})",
                "keep one row per statement",
            )
            continue
        seen[got.statement] = row
        capture.ratings.append(got)


def read_participants(grid: Grid, capture: Capture, problems: Problems) -> None:
    columns = _headings(grid)
    if any(h.casefold() not in columns for h in PARTICIPANT_HEADINGS):
        problems.add(grid.at(1, 1), "E132", "the Participants sheet needs Group, Role, Count")
        return
    groups = {g: g for g in GROUP_WORDS} | {w.casefold(): g for g, w in GROUP_WORDS.items()}
    people: list[tuple[str, str, int]] = []
    for row in range(2, grid.rows + 1):
        cells = [grid.cells.get((row, columns[h.casefold()])) for h in PARTICIPANT_HEADINGS]
        group, role = cell_text(cells[0]), cell_text(cells[1])
        if not (group or role):
            continue
        where = grid.at(row, columns["group"])
        if group.casefold() not in groups:
            problems.add(
                where,
                "E115",
                f"group {group!r} is not a participant group",
                suggest(group.casefold(), [w.casefold() for w in GROUP_WORDS.values()]),
            )
            continue
        if not role:
            problems.add(grid.at(row, columns["role"]), "E111", "a participant needs a role")
            continue
        count = cells[2].value if cells[2] is not None else 1
        if isinstance(count, float) and count.is_integer():
            count = int(count)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            problems.add(
                grid.at(row, columns["count"]),
                "E116",
                f"count {count!r} is not a whole number of people (1 or more)",
            )
            continue
        people.append((groups[group.casefold()], role, count))
    capture.participants = people
