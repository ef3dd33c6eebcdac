"""Make the broken-workbook corpus: each case is the capture workbook for the example ICB's
2025-26 draft (``impactctl workshop example-icb --capture``), broken in one way, as a
person or another program might break it. Run from the repository root:

    .venv/bin/python tests/data/bad/workbook/generate.py

EXPECTED.yaml (beside this script) says what each file must produce: the code and, where
there is one, the cell (``Sheet!C12``; ``ROW:COLUMN`` in a CSV file).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from impactctl.papers.documents import capture_workbook

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
MADE = datetime(2026, 11, 24, 9, 0)


def _set(sheet: str, cell: str, value: object) -> Callable[[Worksheet, dict[str, Worksheet]], None]:
    def edit(_: Worksheet, sheets: dict[str, Worksheet]) -> None:
        sheets[sheet][cell] = value

    return edit


def _merge(_: Worksheet, sheets: dict[str, Worksheet]) -> None:
    sheets["Ratings"].merge_cells("F6:G6")


def _rename(_: Worksheet, sheets: dict[str, Worksheet]) -> None:
    sheets["Ratings"].title = "Sheet1"


def _evidence(value: object, link: str = "https://example.nhs.uk/e") -> Callable[..., None]:
    def edit(_: Worksheet, sheets: dict[str, Worksheet]) -> None:
        ws = sheets["Ratings"]
        ws["O7"], ws["P7"], ws["Q7"] = "Partner survey", link, value

    return edit


XLSX_CASES: dict[str, Callable[[Worksheet, dict[str, Worksheet]], None]] = {
    "level-typo.xlsx": _set("Ratings", "C3", "Develping"),
    "level-number.xlsx": _set("Ratings", "C4", 3),
    "level-formula.xlsx": _set("Ratings", "C5", "=A1"),
    "confidence-not-allowed.xlsx": _set("Ratings", "D4", "very"),
    "target-unknown.xlsx": _set("Ratings", "E4", "Excellent"),
    "view-unknown.xlsx": _set("Ratings", "K6", "Brilliant"),
    "empty-level.xlsx": _set("Ratings", "C4", None),
    "empty-rationale.xlsx": _set("Ratings", "F4", None),
    "merged-cells.xlsx": _merge,
    "date-as-text.xlsx": _evidence("12/03/2026"),
    "evidence-without-link.xlsx": _evidence(date(2026, 3, 12), link=""),
    "evidence-javascript-link.xlsx": _evidence(date(2026, 3, 12), link="javascript:alert(1)"),
    "statement-twice.xlsx": _set("Ratings", "A5", "1.1"),
    "statement-unknown.xlsx": _set("Ratings", "A5", "9.9"),
    "statement-as-number.xlsx": _set("Ratings", "A4", 1.3),
    "missing-level-column.xlsx": _set("Ratings", "C1", None),
    "missing-ratings-sheet.xlsx": _rename,
    "participant-group-typo.xlsx": _set("Participants", "A2", "Staf"),
    "participant-count-zero.xlsx": _set("Participants", "C2", 0),
    "other-organisation.xlsx": _set("About", "B3", "example-trust"),
}


def _workbook() -> bytes:
    return capture_workbook(ROOT, "example-icb", None, MADE).data


def _rows(base: bytes) -> list[list[object]]:
    ws = load_workbook(io.BytesIO(base))["Ratings"]
    return [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]


def _csv(rows: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def main() -> None:
    base = _workbook()
    for name, edit in XLSX_CASES.items():
        wb = load_workbook(io.BytesIO(base))
        sheets = {ws.title: ws for ws in wb.worksheets}
        edit(wb.active, sheets)
        wb.properties.modified = MADE
        wb.save(HERE / name)
    (HERE / "not-a-workbook.xlsx").write_bytes(b"Statement,Level\n1.1,developing\n")
    rows = _rows(base)
    header = [str(h) for h in rows[0]]

    def column(name: str) -> int:
        return header.index(name)

    bad_date = [list(r) for r in rows]
    bad_date[6][column("Evidence title")] = "Partner survey"
    bad_date[6][column("Evidence link")] = "https://example.nhs.uk/e"
    bad_date[6][column("Evidence date")] = "12/03/2026"
    (HERE / "csv-bad-date.csv").write_text(_csv(bad_date), encoding="utf-8")
    formula = [list(r) for r in rows]
    formula[2][column("Level")] = "=HYPERLINK(1)"
    (HERE / "csv-formula.csv").write_text(_csv(formula), encoding="utf-8")
    renamed = [list(r) for r in rows]
    renamed[0][column("Rationale")] = "Reasons"
    (HERE / "csv-missing-column.csv").write_text(_csv(renamed), encoding="utf-8")
    (HERE / "csv-not-utf8.csv").write_bytes(
        _csv([rows[0], ["1.1", "Caf\u00e9", "Developing"]]).encode("latin-1", "replace")
    )


if __name__ == "__main__":
    main()
