"""Board-pack tables: every rating and every action, as CSV or an Excel workbook.

Two tables:

* **ratings**: organisation, cycle, component, statement, level, rank, target, confidence;
  one row per statement per cycle (``not-assessed`` has an empty rank).
* **actions**: organisation, action, title, statements, owner, raised_in, due, status,
  overdue, last_update, measure; one row per action.

How each format carries two tables:

* ``xlsx`` is one workbook with a ``Ratings`` and an ``Actions`` sheet (header row, frozen
  panes, filters, column widths), and an ``About`` sheet saying what the columns mean and
  when the export was made;
* ``csv`` is a folder holding ``ratings.csv`` and ``actions.csv`` (UTF-8 with a byte-order
  mark so that Excel reads accents and dashes correctly, comma-separated, one header row).
  A CSV file can only hold one table, and a folder keeps each file importable as it is.

Text that a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) is written with a leading apostrophe in CSV and as a plain string
cell in Excel: a pull request cannot smuggle a formula into a board pack.

Everything is exported whatever the site's publishing level: this is a local command for
the organisation's own board papers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from impactctl.editing.files import atomic_write
from impactctl.errors import RefusedToOverwrite
from impactctl.model import NOT_ASSESSED, Repository
from impactctl.reading.layout import statement_key

RATING_COLUMNS = (
    "organisation",
    "cycle",
    "component",
    "statement",
    "level",
    "rank",
    "target",
    "confidence",
)
ACTION_COLUMNS = (
    "organisation",
    "action",
    "title",
    "statements",
    "owner",
    "raised_in",
    "due",
    "status",
    "overdue",
    "last_update",
    "measure",
)
CSV_FILES = ("ratings.csv", "actions.csv")

Value = str | int | date | None
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Tables:
    ratings: list[tuple[Value, ...]]
    actions: list[tuple[Value, ...]]


def tables(repository: Repository, today: date) -> Tables:
    """The two tables, organisations and cycles in repository order, statements in
    framework order."""
    ratings: list[tuple[Value, ...]] = []
    actions: list[tuple[Value, ...]] = []
    for org_id in sorted(repository.organisations):
        record = repository.organisations[org_id]
        for assessment in record.cycles:
            framework = repository.framework_for(assessment)
            order = list(framework.statements) if framework else []
            sids = sorted(
                assessment.ratings,
                key=lambda s: (order.index(s) if s in order else len(order), statement_key(s)),
            )
            for sid in sids:
                rating = assessment.ratings[sid]
                component = framework.component_of(sid) if framework else None
                rank = framework.rank(rating.level) if framework else None
                ratings.append(
                    (
                        org_id,
                        assessment.cycle,
                        component.id if component else None,
                        sid,
                        rating.level,
                        rank if rating.level != NOT_ASSESSED else None,
                        rating.target,
                        rating.confidence,
                    )
                )
        if record.action_plan is not None:
            for action in record.action_plan.actions:
                last = max((u.date for u in action.updates), default=None)
                actions.append(
                    (
                        org_id,
                        action.id,
                        action.title,
                        "; ".join(action.statements),
                        action.owner,
                        action.raised_in,
                        action.due,
                        action.status,
                        "yes" if action.overdue(today) else "no",
                        last,
                        action.measure,
                    )
                )
    return Tables(ratings, actions)


def defuse(value: Value) -> Value:
    """Text that would start a spreadsheet formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """One CSV table: a byte-order mark, a header row, CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                ""
                if v is None
                else v.isoformat()
                if isinstance(v, date)
                else defuse(v if isinstance(v, str | int) else str(v))
                for v in row
            ]
        )
    return "\ufeff" + out.getvalue()


def write_csv(folder: Path, data: Tables, *, force: bool = False) -> list[Path]:
    """``ratings.csv`` and ``actions.csv`` in ``folder``; refuses to replace them unless
    ``force``."""
    targets = [folder / name for name in CSV_FILES]
    if folder.exists() and not folder.is_dir():
        raise RefusedToOverwrite(
            f"{folder} exists and is not a folder",
            "CSV export writes a folder with ratings.csv and actions.csv",
        )
    _refuse_existing(targets, force)
    atomic_write(targets[0], csv_text(RATING_COLUMNS, data.ratings).encode("utf-8"))
    atomic_write(targets[1], csv_text(ACTION_COLUMNS, data.actions).encode("utf-8"))
    return targets


def write_xlsx(
    path: Path, data: Tables, *, made: datetime, source: str, force: bool = False
) -> list[Path]:
    """One workbook with Ratings, Actions and About sheets."""
    _refuse_existing([path], force)
    atomic_write(path, xlsx_bytes(data, made=made, source=source))
    return [path]


def _refuse_existing(paths: Sequence[Path], force: bool) -> None:
    clash = next((p for p in paths if p.exists()), None)
    if clash is not None and not force:
        raise RefusedToOverwrite(
            f"{clash} already exists", "choose another --out, or pass --force to replace it"
        )


def xlsx_bytes(data: Tables, *, made: datetime, source: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.properties.creator = "impactctl"
    wb.properties.created = made.replace(tzinfo=None)
    wb.properties.modified = made.replace(tzinfo=None)
    widths = {
        "organisation": 26,
        "cycle": 10,
        "component": 14,
        "statement": 10,
        "level": 14,
        "rank": 7,
        "target": 14,
        "confidence": 12,
        "action": 9,
        "title": 60,
        "statements": 14,
        "owner": 30,
        "raised_in": 10,
        "due": 12,
        "status": 12,
        "overdue": 9,
        "last_update": 12,
        "measure": 60,
    }
    sheets = [("Ratings", RATING_COLUMNS, data.ratings), ("Actions", ACTION_COLUMNS, data.actions)]
    for index, (name, header, rows) in enumerate(sheets):
        ws = wb.active if index == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = name
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
        last = get_column_letter(len(header))
        ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 1)}"
        for c, column in enumerate(header, start=1):
            ws.column_dimensions[get_column_letter(c)].width = widths.get(column, 14)
    about = wb.create_sheet("About")
    lines = [
        ("impactctl export", ""),
        ("Made", made.strftime("%Y-%m-%d %H:%M")),
        ("Repository", source),
        (
            "Ratings",
            "One row per statement per review cycle. rank: the level's position, "
            "lowest = 1; empty when not assessed.",
        ),
        (
            "Actions",
            "One row per action of each organisation's action plan. overdue: yes when "
            "the action is open (planned, in progress or blocked) and past its due date.",
        ),
    ]
    for row in lines:
        about.append(list(row))
        for cell in about[about.max_row]:
            cell.data_type = "s"
    about["A1"].font = Font(bold=True)
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
