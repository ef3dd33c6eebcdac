"""What the papers say about one organisation's cycle, worked out once, free of HTML.

* The **cycle** of a paper: the one named, else (board paper) the latest, or (workshop
  pack) the current draft, or the next cycle when the latest is agreed.
* The **previous agreed cycle**: the last agreed cycle before it, in the organisation's
  cycle order; what moved is measured against it.
* A **component's level** is ``impactctl.scores.component_levels``: the median level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from impactctl.errors import ImpactError
from impactctl.model import (
    Action,
    Assessment,
    Framework,
    OrganisationRecord,
    Rating,
    Repository,
)
from impactctl.scores import ComponentLevel, component_levels, rank_change

GROUP_WORDS = {
    "board": "Board",
    "executive": "Executive",
    "senior-leaders": "Senior leaders",
    "staff": "Staff",
    "stakeholders": "Stakeholders and partners",
    "lived-experience": "People with lived experience",
    "governors": "Governors",
}
DUE_NEXT_DAYS = 90


@dataclass(frozen=True)
class Focus:
    """One organisation's cycle, as a paper sees it."""

    record: OrganisationRecord
    framework: Framework
    cycle: str
    assessment: Assessment | None  # None: a workshop for a cycle not started yet
    previous: Assessment | None  # the previous agreed cycle

    @property
    def name(self) -> str:
        return self.record.name


def focus(repository: Repository, org: str, cycle: str | None, *, workshop: bool) -> Focus:
    record = repository.organisations.get(org)
    if record is None or not record.cycles:
        known = ", ".join(sorted(repository.organisations)) or "none"
        raise ImpactError(f"no organisation {org!r} with a readable cycle", f"known: {known}")
    by_id = {a.cycle: a for a in record.cycles}
    if cycle is not None and cycle not in by_id and not workshop:
        raise ImpactError(
            f"{org} has no cycle {cycle!r}", f"known: {', '.join(a.cycle for a in record.cycles)}"
        )
    latest = record.cycles[-1]
    if cycle is None:
        cycle = latest.cycle if (not workshop or not latest.agreed) else "next cycle"
    assessment = by_id.get(cycle)
    index = record.cycles.index(assessment) if assessment else len(record.cycles)
    previous = next((a for a in reversed(record.cycles[:index]) if a.agreed), None)
    framework = repository.framework_for(assessment or latest)
    if framework is None:
        raise ImpactError(
            f"the framework of {org} {cycle} cannot be read", "run `impactctl validate`"
        )
    return Focus(record, framework, cycle, assessment, previous)


@dataclass(frozen=True)
class Move:
    """A component, then and now."""

    component: ComponentLevel
    before: ComponentLevel | None
    change: int | None  # levels moved; None when either side has no level
    reasons: tuple[tuple[str, str, str, str], ...]  # statement, old label, new label, why


def moves(f: Focus) -> list[Move]:
    assert f.assessment is not None
    now = component_levels(f.assessment, f.framework)
    then = component_levels(f.previous, f.framework) if f.previous else {}
    out = []
    for cid, measured in now.items():
        before = then.get(cid)
        reasons = []
        for statement in measured.component.statements:
            new = f.assessment.levels.get(statement.id)
            old = f.previous.levels.get(statement.id) if f.previous else None
            if f.previous is not None and new != old and new is not None:
                rating = f.assessment.ratings[statement.id]
                reasons.append(
                    (
                        statement.id,
                        f.framework.label(old) if old else "not rated",
                        f.framework.label(new),
                        " ".join(rating.rationale.split()),
                    )
                )
        out.append(Move(measured, before, rank_change(before, measured), tuple(reasons)))
    return out


@dataclass(frozen=True)
class Disagreement:
    statement: str
    agreed: str  # label
    views: tuple[tuple[str, str, str], ...]  # group words, level label, note
    dissent: str
    spread: int  # levels between the lowest and highest view (and the agreed level)


def disagreements(assessment: Assessment, fw: Framework) -> list[Disagreement]:
    """Statements where the room did not start in one place: a recorded minority view, or
    groups whose views differ from each other or from the agreed level."""
    out = []
    for sid in fw.statements:
        if sid not in assessment.ratings:
            continue
        rating = assessment.ratings[sid]
        ranks = [fw.rank(p.level) for p in rating.perspectives] + [fw.rank(rating.level)]
        known = [r for r in ranks if r is not None]
        spread = max(known) - min(known) if known else 0
        if spread == 0 and not rating.dissent:
            continue
        views = tuple(
            (GROUP_WORDS.get(p.group, p.group), fw.label(p.level), " ".join(p.note.split()))
            for p in rating.perspectives
        )
        dissent = " ".join((rating.dissent or "").split())
        out.append(Disagreement(sid, fw.label(rating.level), views, dissent, spread))
    return out


def participation(assessment: Assessment | None) -> list[tuple[str, list[str], int]]:
    """Group in words, its roles (with counts), and how many people: in the group order of
    the file format."""
    if assessment is None:
        return []
    out = []
    for group, words in GROUP_WORDS.items():
        people = [p for p in assessment.participants if p.group == group]
        if people:
            roles = [p.role if p.count == 1 else f"{p.role} ({p.count})" for p in people]
            out.append((words, roles, sum(p.count for p in people)))
    return out


@dataclass(frozen=True)
class PlanStatus:
    overdue: tuple[Action, ...]
    blocked: tuple[Action, ...]
    due_next: tuple[Action, ...]  # open, due within DUE_NEXT_DAYS, not overdue
    done: tuple[Action, ...]
    open: int


def plan_status(record: OrganisationRecord, today: date) -> PlanStatus:
    actions: Sequence[Action] = record.action_plan.actions if record.action_plan else ()
    horizon = today + timedelta(days=DUE_NEXT_DAYS)
    return PlanStatus(
        overdue=tuple(a for a in actions if a.overdue(today)),
        blocked=tuple(a for a in actions if a.status == "blocked"),
        due_next=tuple(
            a
            for a in actions
            if a.open and a.due is not None and today <= a.due <= horizon and a.status != "blocked"
        ),
        done=tuple(a for a in actions if a.status == "done"),
        open=sum(1 for a in actions if a.open),
    )


def open_actions_citing(record: OrganisationRecord, statement: str) -> list[Action]:
    actions = record.action_plan.actions if record.action_plan else ()
    return [a for a in actions if a.open and statement in a.statements]


def previous_rating(f: Focus, statement: str) -> Rating | None:
    if f.previous is None or statement not in f.previous.ratings:
        return None
    return f.previous.ratings[statement]
