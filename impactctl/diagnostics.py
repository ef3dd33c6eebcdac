"""The one value type for every finding: where, what, how bad, and how to fix it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


def column_letters(column: int) -> str:
    """A spreadsheet column's letters: 1 -> A, 26 -> Z, 27 -> AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True, order=True)
class Location:
    """A position in a file; ``line`` and ``column`` are 1-based.

    In a text file it is written ``file:line:column``. In a workbook, ``sheet`` names the
    sheet, ``line`` is the row and ``column`` the column number, and it is written the way a
    spreadsheet user reads it: ``capture.xlsx:Ratings!C12``.
    """

    file: str
    line: int = 1
    column: int = 1
    sheet: str | None = None

    @property
    def cell(self) -> str:
        """The cell's name (``C12``) in a workbook; empty in a text file."""
        return f"{column_letters(self.column)}{self.line}" if self.sheet is not None else ""

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.file}:{self.sheet}!{self.cell}"
        return f"{self.file}:{self.line}:{self.column}"


class Positions:
    """Where each key or value of one file starts, for every path in it.

    Stored compactly (a dict of joined path -> [line, column]) because a repository holds
    about a million of them: Location objects are made only when one is asked for, and the
    table goes into the parse cache as it is.
    """

    __slots__ = ("_load", "_table", "file")

    def __init__(
        self,
        file: str,
        table: dict[str, list[int]] | None = None,
        load: Callable[[], dict[str, list[int]]] | None = None,
    ) -> None:
        self.file = file
        self._table = table if table is not None or load is not None else {}
        self._load = load  # decodes the table from the cache on first use

    @property
    def table(self) -> dict[str, list[int]]:
        if self._table is None:
            assert self._load is not None
            self._table, self._load = self._load(), None
        return self._table

    @staticmethod
    def key(path: tuple[str | int, ...]) -> str:
        return "\x1f".join(map(str, path))

    def set(self, path: tuple[str | int, ...], line: int, column: int) -> None:
        self.table[self.key(path)] = [line, column]

    def get(self, path: tuple[str | int, ...]) -> Location | None:
        found = self.table.get(self.key(path))
        return Location(self.file, found[0], found[1]) if found else None

    def __getitem__(self, path: tuple[str | int, ...]) -> Location:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self.key(path) in self.table

    def __len__(self) -> int:
        return len(self.table)


@dataclass(frozen=True)
class Finding:
    """What a rule reports: where and what. The engine adds the code and severity."""

    location: Location
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    code: str
    severity: Severity
    message: str
    hint: str = ""

    @property
    def file(self) -> str:
        return self.location.file

    def sort_key(self) -> tuple[str, str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.sheet or "", loc.line, loc.column, self.code, self.message)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }
        if self.location.sheet is not None:  # a workbook: the row and column, and these
            out["sheet"] = self.location.sheet
            out["cell"] = self.location.cell
        return out


@dataclass(frozen=True)
class ValidationResult:
    diagnostics: tuple[Diagnostic, ...]
    files: int
    strict: bool = False

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        if self.errors:
            return False
        return not (self.strict and self.warnings)
