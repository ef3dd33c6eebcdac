"""Board-pack tables: every rating, every action and a summary, as CSV or an Excel workbook.

Three tables, each with its headings in words and the ids kept beside the names (so a
table can still be filtered and joined by id):

* **Ratings**: one row per statement per cycle: the organisation (id and name), the cycle
  and its status (draft or agreed), the component (id and title), the statement (id and
  text), the agreed level (id, label and rank), target and confidence. ``not-assessed``
  has an empty rank.
* **Actions**: one row per action: organisation, action, title, statements, owner role,
  raised in, due, status, overdue, and the latest update's date and text, and the measure.
* **Summary**: one row per organisation and component, one column per cycle: the
  component's level (``impactctl.scores.component_levels``, the median of its assessed
  statements), the same measure the site and the board paper show.

How each format carries three tables:

* ``xlsx`` is one workbook with ``Summary``, ``Ratings``, ``Actions`` and ``About`` sheets
  (``impactctl.papers.xlsx``);
* ``csv`` is a folder holding ``summary.csv``, ``ratings.csv`` and ``actions.csv`` (UTF-8
  with a byte-order mark so that Excel reads accents and dashes correctly, comma-separated,
  one header row). A CSV file can only hold one table, and a folder keeps each file
  importable as it is. A ``--out`` ending in ``.csv`` is refused rather than made a folder.

Text that a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) is written with a leading apostrophe in CSV and as a plain string
cell in Excel: a pull request cannot smuggle a formula into a board pack.

Everything is exported whatever the site's publishing level: this is a local command for
the organisation's own board papers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from impactctl.csvtext import csv_text
from impactctl.editing.files import atomic_write, write_files
from impactctl.errors import ImpactError, RefusedToOverwrite
from impactctl.model import NOT_ASSESSED, Assessment, Framework, OrganisationRecord, Repository
from impactctl.reading.layout import statement_key
from impactctl.scores import component_levels

RATING_COLUMNS = (
    "Organisation id",
    "Organisation",
    "Cycle",
    "Status",
    "Component id",
    "Component",
    "Statement",
    "Statement text",
    "Level id",
    "Level",
    "Rank",
    "Target",
    "Confidence",
)
ACTION_COLUMNS = (
    "Organisation id",
    "Organisation",
    "Action",
    "Title",
    "Statements",
    "Owner",
    "Raised in",
    "Due",
    "Status",
    "Overdue",
    "Latest update date",
    "Latest update",
    "Measure",
)
SUMMARY_LEAD = ("Organisation id", "Organisation", "Component id", "Component")
CSV_FILES = ("summary.csv", "ratings.csv", "actions.csv")

Value = str | int | date | None
Row = tuple[Value, ...]
STATUS_WORDS = {"draft": "Draft", "agreed": "Agreed"}
ACTION_STATUS_WORDS = {
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
    "blocked": "Blocked",
    "dropped": "Dropped",
}


@dataclass(frozen=True)
class Table:
    name: str  # the sheet name, and the CSV file's stem in lower case
    header: tuple[str, ...]
    rows: list[Row]


@dataclass(frozen=True)
class Tables:
    summary: Table
    ratings: Table
    actions: Table

    def all(self) -> tuple[Table, Table, Table]:
        return (self.summary, self.ratings, self.actions)


def _rating_rows(record: OrganisationRecord, a: Assessment, fw: Framework | None) -> list[Row]:
    order = {sid: i for i, sid in enumerate(fw.statements)} if fw else {}
    rows: list[Row] = []
    for sid in sorted(a.ratings, key=lambda s: (order.get(s, len(order)), statement_key(s))):
        rating = a.ratings[sid]
        component = fw.component_of(sid) if fw else None
        statement = fw.statements.get(sid) if fw else None
        rank = fw.rank(rating.level) if fw else None
        rows.append(
            (
                record.id,
                record.name,
                a.cycle,
                STATUS_WORDS.get(a.status, a.status),
                component.id if component else None,
                component.title if component else None,
                sid,
                statement.text.strip() if statement else None,
                rating.level,
                fw.label(rating.level) if fw else rating.level,
                rank if rating.level != NOT_ASSESSED else None,
                fw.label(rating.target) if fw and rating.target else rating.target,
                rating.confidence.capitalize() if rating.confidence else None,
            )
        )
    return rows


def _action_rows(record: OrganisationRecord, today: date) -> list[Row]:
    rows: list[Row] = []
    for action in record.action_plan.actions if record.action_plan else ():
        latest = max(action.updates, key=lambda u: u.date, default=None)
        rows.append(
            (
                record.id,
                record.name,
                action.id,
                action.title,
                "; ".join(action.statements),
                action.owner,
                action.raised_in,
                action.due,
                ACTION_STATUS_WORDS.get(action.status, action.status),
                "Yes" if action.overdue(today) else "No",
                latest.date if latest else None,
                latest.note.strip() if latest else None,
                action.measure.strip() if action.measure else None,
            )
        )
    return rows


def _summary(repository: Repository) -> Table:
    """Component by cycle, per organisation: the component's median level."""
    cycles = sorted({a.cycle for a in repository.assessments})
    rows: list[Row] = []
    for org_id in sorted(repository.organisations):
        record = repository.organisations[org_id]
        by_cycle: dict[str, dict[str, str]] = {}
        components: dict[str, str] = {}
        for a in record.cycles:
            fw = repository.framework_for(a)
            if fw is None:
                continue
            for cid, measured in component_levels(a, fw).items():
                components.setdefault(cid, measured.component.title)
                label = measured.level.label if measured.level else "Not assessed"
                draft = " (draft)" if not a.agreed else ""
                by_cycle.setdefault(a.cycle, {})[cid] = label + draft
        for cid, title in components.items():
            rows.append(
                (org_id, record.name, cid, title, *(by_cycle.get(c, {}).get(cid) for c in cycles))
            )
    return Table("Summary", (*SUMMARY_LEAD, *cycles), rows)


def tables(repository: Repository, today: date) -> Tables:
    """The three tables, organisations in id order, cycles in each organisation's order,
    statements in framework order."""
    ratings: list[Row] = []
    actions: list[Row] = []
    for org_id in sorted(repository.organisations):
        record = repository.organisations[org_id]
        for assessment in record.cycles:
            ratings += _rating_rows(record, assessment, repository.framework_for(assessment))
        actions += _action_rows(record, today)
    return Tables(
        _summary(repository),
        Table("Ratings", RATING_COLUMNS, ratings),
        Table("Actions", ACTION_COLUMNS, actions),
    )


def write_csv(folder: Path, data: Tables, *, force: bool = False) -> list[Path]:
    """``summary.csv``, ``ratings.csv`` and ``actions.csv`` in ``folder``; refuses to
    replace them unless ``force``."""
    if folder.suffix.lower() == ".csv":
        raise ImpactError(
            f"--out {folder} ends in .csv, but CSV export writes a folder of three files "
            "(summary.csv, ratings.csv, actions.csv)",
            f"name a folder instead, e.g. --out {folder.with_suffix('')}",
        )
    if folder.exists() and not folder.is_dir():
        raise RefusedToOverwrite(
            f"{folder} exists and is not a folder",
            "CSV export writes a folder with summary.csv, ratings.csv and actions.csv",
        )
    targets = [folder / name for name in CSV_FILES]
    _refuse_existing(targets, force)
    tables = {
        target.name: csv_text(table.header, table.rows)
        for target, table in zip(targets, data.all(), strict=True)
    }
    write_files(folder, tables, overwrite=True)  # all three or none (a full disk)
    return targets


def write_xlsx(
    path: Path, data: Tables, *, made: datetime, source: str, force: bool = False
) -> list[Path]:
    """One workbook with Summary, Ratings, Actions and About sheets."""
    _refuse_existing([path], force)
    atomic_write(path, xlsx_bytes(data, made=made, source=source))
    return [path]


def _refuse_existing(paths: Sequence[Path], force: bool) -> None:
    clash = next((p for p in paths if p.exists()), None)
    if clash is not None and not force:
        raise RefusedToOverwrite(
            f"{clash} already exists", "choose another --out, or pass --force to replace it"
        )


ABOUT = (
    (
        "Summary",
        "One row per organisation and component, one column per review cycle: the "
        "component's level, the median level of its assessed statements (the same measure "
        "as the site and the board paper). '(draft)' marks a cycle not yet agreed.",
    ),
    (
        "Ratings",
        "One row per statement per review cycle, with the cycle's status (Draft or Agreed). "
        "Rank: the level's position, lowest = 1; empty when not assessed.",
    ),
    (
        "Actions",
        "One row per action of each organisation's action plan. Overdue: Yes when the "
        "action is open (planned, in progress or blocked) and past its due date. Latest "
        "update: the most recent update's date and text.",
    ),
)

WIDTHS = {
    "Organisation id": 20,
    "Organisation": 40,
    "Cycle": 10,
    "Status": 9,
    "Component id": 14,
    "Component": 34,
    "Statement": 10,
    "Statement text": 60,
    "Level id": 13,
    "Level": 13,
    "Rank": 6,
    "Target": 13,
    "Confidence": 11,
    "Action": 8,
    "Title": 50,
    "Statements": 12,
    "Owner": 28,
    "Raised in": 10,
    "Due": 11,
    "Overdue": 9,
    "Latest update date": 12,
    "Latest update": 50,
    "Measure": 50,
}
WRAPPED = frozenset(
    {"Organisation", "Statement text", "Title", "Latest update", "Measure", "Component"}
)


def xlsx_bytes(data: Tables, *, made: datetime, source: str) -> bytes:
    """The workbook: Summary, Ratings, Actions, then About."""
    from impactctl.papers.xlsx import Sheet, workbook_bytes

    sheets = [
        Sheet(t.name, t.header, t.rows, widths=WIDTHS, wrap=WRAPPED, dates=frozenset({"Due"}))
        for t in data.all()
    ]
    about = [
        ("impactctl export", ""),
        ("Made", made.strftime("%Y-%m-%d %H:%M")),
        ("Repository", source),
        *ABOUT,
    ]
    sheets.append(
        Sheet(
            "About",
            ("About this workbook", ""),
            about,
            widths={"About this workbook": 18, "": 100},
            wrap=frozenset({""}),
            filters=False,
        )
    )
    return workbook_bytes(sheets, made=made)
