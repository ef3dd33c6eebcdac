"""The capture workbook: its shape, and what is read back from it (or from a CSV with the
same headings).

``Ratings`` has one row per statement. The statement id and text (and the component) are
locked; the rest is typed during or after the session: the agreed level, confidence and
target and each group's view from drop-down lists, and the rationale, the minority view and
one piece of evidence (title, link, date) as free text. ``Participants`` lists groups and
roles with counts (never names). ``About`` says which organisation and cycle the workbook
was made for, so it cannot be imported into another by mistake.

Reading never trusts the drop-down lists (a pasted value bypasses them): every cell is
checked again here, and each problem is a diagnostic whose position is the cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from impactctl.model import Assessment, Framework, Rating
from impactctl.papers.facts import GROUP_WORDS
from impactctl.papers.xlsx import CellValue, Sheet
from impactctl.schemas import CONFIDENCE

RATINGS, PARTICIPANTS, ABOUT = "Ratings", "Participants", "About"
MARK = "impactctl capture workbook"
VIEW = " view"
VIEW_HEADINGS = {
    "board": "Board view",
    "executive": "Executive view",
    "senior-leaders": "Senior leaders view",
    "staff": "Staff view",
    "stakeholders": "Stakeholders view",
    "lived-experience": "Lived experience view",
    "governors": "Governors view",
}
HEADINGS = (
    "Statement",
    "Statement text",
    "Level",
    "Confidence",
    "Target",
    "Rationale",
    "Minority view",
    *VIEW_HEADINGS.values(),
    "Evidence title",
    "Evidence link",
    "Evidence date",
    "Component",
)
REQUIRED = ("Statement", "Level", "Rationale")
LOCKED = frozenset({"Statement", "Statement text", "Component"})
PARTICIPANT_HEADINGS = ("Group", "Role", "Count")
NOT_ASSESSED_LABEL = "Not assessed"
PARTICIPANT_ROWS = 30  # empty, editable rows under the participants already recorded


def level_choices(fw: Framework) -> list[str]:
    return [lv.label for lv in fw.levels] + [NOT_ASSESSED_LABEL]


def _views(rating: Rating | None) -> dict[str, str]:
    views: dict[str, str] = {}
    for p in rating.perspectives if rating else ():
        views.setdefault(p.group, p.level)
    return views


def _row(fw: Framework, sid: str, rating: Rating | None) -> list[CellValue]:
    statement = fw.statements[sid]
    component = fw.component_of(sid)
    views = _views(rating)
    return [
        sid,
        " ".join(statement.text.split()),
        fw.label(rating.level) if rating else None,
        rating.confidence if rating else None,
        fw.label(rating.target) if rating and rating.target else None,
        " ".join(rating.rationale.split()) if rating else None,
        " ".join(rating.dissent.split()) if rating and rating.dissent else None,
        *(fw.label(views[g]) if g in views else None for g in VIEW_HEADINGS),
        None,
        None,
        None,
        component.title if component else None,
    ]


@dataclass(frozen=True)
class CaptureBook:
    organisation: str
    cycle: str
    statements: int
    sheets: list[Sheet]


def capture_sheets(
    fw: Framework, organisation: str, cycle: str, current: Assessment | None, made: datetime
) -> CaptureBook:
    """The workbook's sheets, filled in with the cycle's current values when it exists."""
    ratings = current.ratings if current else {}
    rows = [_row(fw, sid, ratings.get(sid)) for sid in fw.statements]
    levels = level_choices(fw)
    widths = {h: 16.0 for h in HEADINGS} | {
        "Statement": 10,
        "Statement text": 50,
        "Rationale": 60,
        "Minority view": 40,
        "Evidence title": 30,
        "Evidence link": 30,
        "Evidence date": 13,
        "Component": 30,
    }
    ratings_sheet = Sheet(
        RATINGS,
        HEADINGS,
        rows,
        widths=widths,
        wrap=frozenset({"Statement text", "Rationale", "Minority view", "Component"}),
        choices={"Level": levels, "Target": levels[:-1], "Confidence": list(CONFIDENCE)}
        | {h: levels[:-1] for h in VIEW_HEADINGS.values()},
        dates=frozenset({"Evidence date"}),
        editable=frozenset(HEADINGS) - LOCKED,
        filters=False,
    )
    people: list[list[CellValue]] = [
        [GROUP_WORDS.get(p.group, p.group), p.role, p.count]
        for p in (current.participants if current else ())
    ]
    participants_sheet = Sheet(
        PARTICIPANTS,
        PARTICIPANT_HEADINGS,
        people,
        widths={"Group": 30, "Role": 40, "Count": 8},
        choices={"Group": list(GROUP_WORDS.values())},
        editable=frozenset(PARTICIPANT_HEADINGS),
        extra_rows=PARTICIPANT_ROWS,
        filters=False,
    )
    about_rows = [
        ["Made by", MARK],
        ["Organisation", organisation],
        ["Cycle", cycle],
        ["Framework", fw.ref],
        ["Made on", made.strftime("%Y-%m-%d %H:%M")],
        [
            "How to use it",
            "Fill in the Ratings sheet (one row per statement) and the Participants sheet "
            "(roles and counts, no names), then bring it back with "
            f"`impactctl import {organisation} {cycle} FILE.xlsx`.",
        ],
    ]
    about_sheet = Sheet(
        ABOUT,
        ("About", ""),
        about_rows,
        widths={"About": 16, "": 90},
        wrap=frozenset({""}),
        editable=frozenset(),
        filters=False,
    )
    return CaptureBook(
        organisation, cycle, len(rows), [ratings_sheet, participants_sheet, about_sheet]
    )


# --- what comes back -------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    title: str
    link: str
    when: date


@dataclass
class Captured:
    """One statement's row, as read and checked. ``columns`` names the headings that were
    present: a missing optional column leaves its field as it is in the file."""

    statement: str
    row: int
    level: str | None = None
    confidence: str | None = None
    target: str | None = None
    rationale: str | None = None
    dissent: str | None = None
    views: dict[str, str | None] = field(default_factory=dict)
    evidence: Evidence | None = None
    columns: frozenset[str] = frozenset()


@dataclass
class Capture:
    source: str  # the file name, as diagnostics show it
    ratings: list[Captured] = field(default_factory=list)
    participants: list[tuple[str, str, int]] | None = None  # None: no Participants sheet
    organisation: str | None = None  # from About, when there is one
    cycle: str | None = None
