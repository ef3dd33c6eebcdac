"""The domain, in the words an NHS improvement lead uses. Frozen, typed, and free of YAML.

Every object carries a ``where`` (not part of equality) so that a check can point at the
exact line of the field it is talking about.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from impactctl.diagnostics import Location, Positions
from impactctl.reading.layout import cycle_id

NOT_ASSESSED = "not-assessed"
OPEN_ACTION_STATUSES = frozenset({"planned", "in-progress", "blocked"})


class Where(NamedTuple):
    """Where an object and each of its fields stand in their file (looked up on demand in
    the file's position tables, so a million ratings cost no extra objects). A named tuple
    rather than a frozen dataclass: one is made for every rating and item, and a tuple is
    made in a third of the time."""

    file: str
    path: tuple[str | int, ...] = ()
    values: Positions | None = None
    keys: Positions | None = None

    @property
    def at(self) -> Location:
        """The object's key if it has one (``"1.1":``), else where its value starts."""
        found = (self.keys.get(self.path) if self.keys else None) or (
            self.values.get(self.path) if self.values else None
        )
        return found or Location(self.file)

    def of(self, name: str) -> Location:
        """Where one field's value starts; the object itself if the field is absent."""
        found = self.values.get((*self.path, name)) if self.values else None
        return found or self.at


NOWHERE = Where("<memory>")


def _where() -> Where:
    where: Where = field(default=NOWHERE, compare=False, repr=False)
    return where


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    description: str
    rank: int
    where: Where = _where()


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    guidance: str
    descriptors: Mapping[str, str]
    component: str
    where: Where = _where()
    title: str = ""  # optional short title ("Psychological safety"); see ``short_title``

    @cached_property  # a national site asks for it tens of thousands of times
    def short_title(self) -> str:
        """The statement's title, or a few words of its text when the framework gives none:
        the first clause, cut at a word boundary to about 40 characters."""
        if self.title:
            return self.title
        text = " ".join(self.text.split()).rstrip(".")
        if len(text) <= 40:
            return text
        for stop in (":", ";", ",", "."):
            head = text.split(stop, 1)[0]
            if stop in text and len(head.split()) >= 3 and len(head) <= 40:
                return head
        cut = text[:40].rsplit(" ", 1)[0]
        return cut.rstrip(",;:.") + "…"


@dataclass(frozen=True)
class Component:
    id: str
    title: str
    summary: str
    statements: tuple[Statement, ...]
    where: Where = _where()


@dataclass(frozen=True)
class Migration:
    """How statement ids of an earlier framework version map onto this one."""

    framework: str
    statements: Mapping[str, str | None]


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    title: str
    source: str
    licence: str
    levels: tuple[Level, ...]
    components: tuple[Component, ...]
    migrates_from: Migration | None = None
    where: Where = _where()

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    @cached_property
    def statements(self) -> dict[str, Statement]:
        return {s.id: s for c in self.components for s in c.statements}

    @cached_property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)

    @cached_property
    def _ranks(self) -> dict[str, int]:
        ranks: dict[str, int] = {}
        for level in self.levels:
            ranks.setdefault(level.id, level.rank)  # a duplicate id (E212) keeps its first rank
        return ranks

    def rank(self, level_id: str | None) -> int | None:
        """1-based rank of a level; None for `not-assessed` or an unknown id."""
        return self._ranks.get(level_id) if level_id is not None else None

    def label(self, level_id: str | None) -> str:
        for level in self.levels:
            if level.id == level_id:
                return level.label
        return "Not assessed" if level_id == NOT_ASSESSED else str(level_id)

    def component_of(self, statement_id: str) -> Component | None:
        return self._components_by_statement.get(statement_id)

    @cached_property
    def _components_by_statement(self) -> dict[str, Component]:
        return {s.id: c for c in self.components for s in c.statements}


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    type: str
    system: str | None = None
    cycles: tuple[str, ...] | None = None
    where: Where = _where()


@dataclass(frozen=True)
class Participant:
    group: str
    role: str
    count: int = 1
    where: Where = _where()


@dataclass(frozen=True)
class Evidence:
    title: str
    date: date
    url: str | None = None
    path: str | None = None
    where: Where = _where()


@dataclass(frozen=True)
class Perspective:
    group: str
    level: str
    note: str = ""
    where: Where = _where()


@dataclass(frozen=True)
class Rating:
    statement: str
    level: str
    rationale: str
    target: str | None = None
    confidence: str | None = None
    evidence: tuple[Evidence, ...] = ()
    dissent: str | None = None
    perspectives: tuple[Perspective, ...] = ()
    where: Where = _where()

    @property
    def assessed(self) -> bool:
        return self.level != NOT_ASSESSED


class Ratings(Mapping[str, "Rating"]):
    """An assessment's ratings by statement id, built the first time one is read.

    A national site charts 5,000 cycles but reads the rationale, evidence and views of
    only each organisation's latest: ``levels`` answers the charts without building
    130,000 ratings. Read-only, like everything in the model.
    """

    __slots__ = ("_build", "_built", "levels")

    def __init__(self, build: Callable[[], dict[str, Rating]], levels: dict[str, str]) -> None:
        self._build: Callable[[], dict[str, Rating]] | None = build
        self._built: dict[str, Rating] | None = None
        self.levels = levels  # statement id -> level id, without building anything

    def _all(self) -> dict[str, Rating]:
        if self._built is None:
            assert self._build is not None
            self._built, self._build = self._build(), None
        return self._built

    def __getitem__(self, sid: str) -> Rating:
        return self._all()[sid]

    def __contains__(self, sid: object) -> bool:
        return sid in self.levels

    def __iter__(self) -> Iterator[str]:
        return iter(self.levels)

    def __len__(self) -> int:
        return len(self.levels)

    def __repr__(self) -> str:
        return f"Ratings({self.levels!r})"


@dataclass(frozen=True)
class Assessment:
    """One review cycle's agreed ratings for one organisation."""

    framework: str
    organisation: str
    cycle: str
    status: str
    participants: tuple[Participant, ...]
    ratings: Ratings
    assessed_on: date | None = None
    file: str = ""
    where: Where = _where()

    @property
    def levels(self) -> Mapping[str, str]:
        """Statement id -> level id: all that charts and scores need, and cheap."""
        return self.ratings.levels

    @property
    def agreed(self) -> bool:
        return self.status == "agreed"


@dataclass(frozen=True)
class Update:
    date: date
    note: str
    where: Where = _where()


@dataclass(frozen=True)
class Action:
    id: str
    title: str
    statements: tuple[str, ...]
    owner: str
    status: str
    raised_in: str | None = None
    due: date | None = None
    measure: str | None = None
    updates: tuple[Update, ...] = ()
    where: Where = _where()

    @property
    def open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def overdue(self, today: date) -> bool:
        return self.open and self.due is not None and self.due < today


@dataclass(frozen=True)
class ActionPlan:
    organisation: str
    actions: tuple[Action, ...]
    file: str = ""
    where: Where = _where()


@dataclass(frozen=True)
class OrganisationRecord:
    """Everything a repository holds about one organisation, cycles oldest first."""

    id: str
    organisation: Organisation | None
    cycles: tuple[Assessment, ...]
    action_plan: ActionPlan | None
    cycle_ids: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.organisation.name if self.organisation else self.id

    @property
    def latest(self) -> Assessment | None:
        return self.cycles[-1] if self.cycles else None

    def previous(self, assessment: Assessment) -> Assessment | None:
        """The cycle just before, by the organisation's order; None if that one is missing
        from the model (say, not well-formed), so nothing is compared across a gap."""
        name = cycle_id(assessment.file)
        if name not in self.cycle_ids:
            return None
        index = self.cycle_ids.index(name)
        if index == 0:
            return None
        wanted = self.cycle_ids[index - 1]
        return next(
            (a for a in self.cycles if cycle_id(a.file) == wanted),
            None,
        )


@dataclass(frozen=True)
class Repository:
    root: Path
    frameworks: Mapping[str, Framework]
    organisations: Mapping[str, OrganisationRecord]
    snapshot: frozenset[str] | None = None  # every file of a git tree; None: the work tree
    # Files that could not be read or are not well-formed: already reported, and left out
    # of the model, so checks that would need them stay silent rather than guess.
    broken: frozenset[str] = frozenset()
    # Framework files that define an id@version another file (earlier by path) already
    # defines: never used, only reported (E214).
    shadowed: tuple[Framework, ...] = ()

    def has_file(self, rel: str) -> bool:
        if self.snapshot is not None:
            return rel in self.snapshot
        return (self.root / rel).is_file()

    def framework_for(self, assessment: Assessment) -> Framework | None:
        return self.frameworks.get(assessment.framework)

    @property
    def assessments(self) -> list[Assessment]:
        return [a for record in self.organisations.values() for a in record.cycles]


def migrate(
    assessment: Assessment, old_fw: Framework | None, new_fw: Framework | None
) -> dict[str, Rating]:
    """The old assessment's ratings keyed by the new framework's statement ids."""
    ratings = dict(assessment.ratings)
    if old_fw is None or new_fw is None or new_fw.migrates_from is None:
        return ratings
    if new_fw.migrates_from.framework != old_fw.ref:
        return ratings
    mapping = new_fw.migrates_from.statements
    out: dict[str, Rating] = {}
    for sid, rating in ratings.items():
        target = mapping.get(sid, sid)
        if target is not None:
            out[target] = rating
    return out
