"""What history needs to follow a statement through time: each organisation's cycle order
and each framework's ``migrates_from`` map, as HEAD declares them; and the filters of
``impactctl history``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from impactctl.errors import GitProblem, ImpactError
from impactctl.gitio import GitRepo
from impactctl.model import Migration, Organisation
from impactctl.reading.layout import cycle_order, kind_of
from impactctl.reading.repository import at_commit


class RatingEvent(Protocol):
    """What the filters read of a ``review.history.RatingEvent`` (a protocol, so that this
    module need not import the one that imports it)."""

    @property
    def commit(self) -> str: ...
    @property
    def date(self) -> datetime: ...
    @property
    def cycle(self) -> str: ...
    @property
    def statement(self) -> str: ...
    @property
    def current(self) -> str | None: ...


Levels = dict[str, str]


@dataclass(frozen=True)
class Following:
    organisations: Mapping[str, Organisation] = field(default_factory=dict)
    # framework ref -> (the ref that migrates from it, the map of statement ids)
    forward: Mapping[str, tuple[str, Migration]] = field(default_factory=dict)
    statements: frozenset[str] = frozenset()  # every statement id of every framework

    def before(self, org: str, cycle: str, seen: Sequence[str]) -> str | None:
        """The cycle just before ``cycle`` among those ``seen``, in the organisation's order
        (its ``cycles:`` list, else string order)."""
        order = cycle_order(self.organisations.get(org), [*seen, cycle])
        earlier = order[: order.index(cycle)]
        return next((c for c in reversed(earlier) if c in seen), None)

    def migrate(self, levels: Levels, old: str | None, new: str | None) -> tuple[Levels, Levels]:
        """``levels`` rated on framework ``old`` keyed by framework ``new``'s statement ids,
        and the levels of the statements the migration retired."""
        step = self.forward.get(old or "")
        if old == new or step is None or step[0] != new:
            return levels, {}
        mapping = step[1].statements
        moved: Levels = {}
        retired: Levels = {}
        for sid, level in levels.items():
            target = mapping.get(sid, sid)
            if target is None:
                retired[sid] = level
            else:
                moved[target] = level
        return moved, retired

    def current(self, framework: str | None, sid: str) -> str | None:
        """The statement's id in the newest framework that migrates from ``framework``;
        None if a migration retired it."""
        ref, seen = framework or "", set()
        current: str | None = sid
        while ref in self.forward and ref not in seen and current is not None:
            seen.add(ref)
            ref, migration = self.forward[ref]
            current = migration.statements.get(current, current)
        return current


def following_at_head(git: GitRepo, prefix: str) -> Following:
    """The organisations' cycle order and the frameworks' migrations at HEAD."""
    head = git.head()
    if head is None:
        return Following()
    side = at_commit(git, git.root / prefix if prefix else git.root, head)
    wanted = [rel for rel in side.files if kind_of(rel) in ("organisation", "framework")]
    repo = side.load(wanted).repository
    orgs = {
        org: record.organisation
        for org, record in repo.organisations.items()
        if record.organisation is not None
    }
    forward = {
        fw.migrates_from.framework: (fw.ref, fw.migrates_from)
        for fw in repo.frameworks.values()
        if fw.migrates_from is not None
    }
    old_ids = {
        sid
        for fw in repo.frameworks.values()
        if fw.migrates_from
        for sid in fw.migrates_from.statements
    }
    ids = {sid for fw in repo.frameworks.values() for sid in fw.statements} | old_ids
    return Following(orgs, forward, frozenset(ids))


@dataclass(frozen=True)
class HistoryFilter:
    """``history --statement --cycle --since``: which events to show."""

    statement: str | None = None
    cycle: str | None = None
    since: str | None = None  # a git ref, or a date (YYYY-MM-DD)

    def resolve(
        self, git: GitRepo, root: Path, prefix: str, events: Sequence[RatingEvent]
    ) -> Callable[[RatingEvent], bool]:
        """The test each event must pass; ImpactError (exit 2) for a filter that names
        nothing in this repository."""
        tests: list[Callable[[RatingEvent], bool]] = []
        if self.statement is not None:
            tests.append(self._statement(git, prefix, events))
        if self.cycle is not None:
            cycle = self.cycle
            if not any(e.cycle == cycle for e in events) and not list(
                root.glob(f"assessments/*/{cycle}.yaml")
            ):
                raise ImpactError(f"no cycle {cycle!r} in this repository")
            tests.append(lambda e: e.cycle == cycle)
        if self.since is not None:
            tests.append(_since(git, self.since))
        return lambda e: all(test(e) for test in tests)

    def _statement(
        self, git: GitRepo, prefix: str, events: Sequence[RatingEvent]
    ) -> Callable[[RatingEvent], bool]:
        wanted = self.statement
        known = following_at_head(git, prefix).statements
        if wanted not in known and not any(e.statement == wanted for e in events):
            raise ImpactError(
                f"no statement {wanted!r} in this repository's frameworks or history",
                "use a statement id of the framework, such as 1.1",
            )
        return lambda e: _followed(e) == wanted


def _followed(e: RatingEvent) -> str:
    """The id a statement's history is filed under: its id now, or its own if retired."""
    return e.current if e.current is not None else e.statement


def _since(git: GitRepo, since: str) -> Callable[[RatingEvent], bool]:
    try:
        ref = git.verify(since)
    except GitProblem:
        try:
            day = date.fromisoformat(since)
        except ValueError:
            raise ImpactError(
                f"--since {since!r} is neither a git ref nor a date",
                "give a branch, tag or commit (e.g. board-2026-03), or a date as YYYY-MM-DD",
            ) from None
        return lambda e: e.date.date() >= day
    after = git.commits_since(ref)
    return lambda e: e.commit in after
