"""E130-E137: a capture workbook (or CSV) that `impactctl import` cannot read as it is.

Raised by ``impactctl.papers.intake`` with the cell as the position
(``capture.xlsx:Ratings!C12``; in a CSV file, ``capture.csv:ROW:COLUMN``). Problems with the
values themselves use the file format's own codes: E203 for a level that is not a level,
E115 for a confidence or group not on the list, E111 for a missing rationale, E202 for an
unknown statement, E204 for a statement with no level."""

from __future__ import annotations

from impactctl.checks.registry import reading


@reading("E130", "Not a workbook impactctl can read")
def not_a_workbook() -> None:
    """
    The file given to `impactctl import` is not an Excel workbook (`.xlsx`) or a UTF-8 CSV
    file: an old `.xls` file, a damaged download, a file saved in another format, or a
    CSV saved in a legacy encoding.

    **How to fix:** open it in Excel or LibreOffice and save it as "Excel Workbook (.xlsx)"
    or "CSV UTF-8".
    """


@reading("E131", "Missing sheet")
def missing_sheet() -> None:
    """
    The workbook has no sheet named `Ratings`, so it is not a capture workbook (or the
    sheet was renamed).

    **How to fix:** use the workbook that `impactctl workshop ORG --capture FILE.xlsx`
    makes, or name the sheet that holds one row per statement `Ratings`. The user guide
    shows how to map another spreadsheet into these columns.
    """


@reading("E132", "Missing column")
def missing_column() -> None:
    """
    Row 1 of the `Ratings` sheet (or the CSV file) has no heading for a column the import
    needs: `Statement`, `Level` and `Rationale` are always needed; the others (confidence,
    target, minority view, each group's view, evidence) are read when present. The
    `Participants` sheet needs `Group`, `Role` and `Count`.

    **How to fix:** put the headings back in row 1, spelt as in the workbook impactctl made.
    """


@reading("E133", "Formula where a value belongs")
def formula() -> None:
    """
    A cell holds a formula (or an error such as `#REF!`) instead of a value.

    **Why it matters:** a workbook does not store a formula's result reliably for another
    program to read, and a formula could pull text from elsewhere that nobody agreed. Only
    what the room typed is imported.

    **How to fix:** replace the formula with its value (in Excel, copy and "Paste Values").
    """


@reading("E134", "Merged cells")
def merged() -> None:
    """
    Cells of the `Ratings` sheet are merged, so a value belongs to several rows or columns
    at once and the import cannot tell which statement it is for.

    **How to fix:** unmerge the cells and type each value in its own cell.
    """


@reading("E135", "Date typed as text")
def date_as_text() -> None:
    """
    An evidence date in the workbook is text that is not a date impactctl can read, such as
    `12/03/2026` (which could be 12 March or 3 December).

    **How to fix:** enter a real date (Excel shows it right-aligned), or type it as
    year-month-day: `2026-03-12`.
    """


@reading("E136", "Statement listed twice")
def statement_twice() -> None:
    """
    Two rows of the `Ratings` sheet are for the same statement, so the import cannot tell
    which the room agreed.

    **How to fix:** keep one row per statement; move anything worth keeping from the other
    row into it, then delete the other.
    """


@reading("E137", "Workbook for another organisation or cycle")
def other_cycle() -> None:
    """
    The workbook's `About` sheet says it was made for another organisation or review cycle
    than the one named on the command line.

    **Why it matters:** ratings agreed by one room must not land in another organisation's
    file, or in the wrong year.

    **How to fix:** check the command (`impactctl import ORG CYCLE FILE`) and the file; if
    the workbook is the right one, make a fresh one for this cycle with `impactctl workshop
    ORG --cycle CYCLE --capture FILE.xlsx` and copy the rows across.
    """
