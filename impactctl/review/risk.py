"""What a reviewer needs beside each level change, riskiest first, and which checks speak
about the change.

A level change is shown with its change since the base branch and since the previous
agreed cycle (labelled, so the two never look contradictory), the warnings about that
rating, the rationale as it now stands, the new evidence, and the spread of perspectives.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from impactctl.diagnostics import Diagnostic, Severity, ValidationResult
from impactctl.model import Assessment, Framework, Rating, Repository, migrate
from impactctl.reading.repository import LoadResult, Side
from impactctl.reading.yaml import YamlProblem
from impactctl.review.comparison import Comparison
from impactctl.review.ratings import Change


@dataclass(frozen=True)
class LevelRow:
    """One level change, with everything the comment shows beside it."""

    change: Change
    organisation_name: str
    status: str | None  # the cycle's status on the head side: draft | agreed
    statement_text: str | None
    old_label: str | None
    new_label: str | None
    previous_cycle: str | None = None  # the previous agreed cycle
    previous_label: str | None = None  # the level there
    since_previous: int | None = None  # rank difference since that cycle
    flags: tuple[Diagnostic, ...] = ()  # warnings (and errors) about this rating
    rationale: str | None = None  # as it now stands
    rationale_before: str | None = None  # when this change edited it
    new_evidence: tuple[tuple[str, str | None], ...] = ()  # title, link
    perspectives: tuple[tuple[str, str], ...] = ()  # group, level label

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    def risk(self) -> tuple[int, int, int]:
        """Sort key: flagged rows first (errors before warnings), then the bigger moves."""
        errors = sum(1 for d in self.flags if d.severity is Severity.ERROR)
        size = max(abs(self.change.delta or 0), abs(self.since_previous or 0))
        return (-errors, -len(self.flags), -size)


def level_rows(
    comparison: Comparison,
    base: Repository,
    head: Repository,
    diagnostics: Sequence[Diagnostic] = (),
) -> list[LevelRow]:
    """Every level change of ``comparison`` as a row, riskiest first."""
    edits = {
        (c.organisation, c.cycle, c.statement): c
        for c in comparison.changes
        if c.field == "rationale"
    }
    added: dict[tuple[str, str | None, str | None], list[str]] = {}
    for c in comparison.changes:
        if c.field == "evidence" and c.old is None and c.new is not None:
            added.setdefault((c.organisation, c.cycle, c.statement), []).append(str(c.new))
    by_file: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_file.setdefault(d.file, []).append(d)
    rows = [
        _row(c, base, head, edits.get(_key(c)), added.get(_key(c), []), by_file)
        for c in comparison.level_changes
    ]
    return sorted(rows, key=LevelRow.risk)


def _key(c: Change) -> tuple[str, str | None, str | None]:
    return (c.organisation, c.cycle, c.statement)


def _cycle(repo: Repository, org: str, cycle: str | None) -> Assessment | None:
    record = repo.organisations.get(org)
    if record is None:
        return None
    return next((a for a in record.cycles if a.cycle == cycle), None)


def _row(
    c: Change,
    base: Repository,
    head: Repository,
    edit: Change | None,
    evidence_titles: list[str],
    by_file: dict[str, list[Diagnostic]],
) -> LevelRow:
    record = head.organisations.get(c.organisation)
    name = record.name if record else c.organisation
    now = _cycle(head, c.organisation, c.cycle)
    if now is None:  # a removed cycle: only the change itself is known
        return LevelRow(c, name, None, None, _label(None, c.old), _label(None, c.new))
    was = _cycle(base, c.organisation, c.cycle)
    fw = head.framework_for(now)
    old_fw = (base.framework_for(was) if was else None) or fw
    sid = c.statement or ""
    statement = fw.statements.get(sid) if fw else None
    rating = now.ratings.get(sid)
    previous = _previous_agreed(head, now)
    prev_label, since = _since(head, previous, fw, sid, c.new)
    return LevelRow(
        c,
        name,
        now.status,
        statement.text if statement else None,
        _label(old_fw, c.old),
        _label(fw, c.new),
        previous.cycle if previous else None,
        prev_label,
        since,
        tuple(_flags(by_file.get(now.file, []), now, sid)),
        rating.rationale if rating else None,
        str(edit.old) if edit is not None and edit.old is not None else None,
        _evidence(rating, evidence_titles),
        _views(rating, fw),
    )


def _evidence(rating: Rating | None, titles: list[str]) -> tuple[tuple[str, str | None], ...]:
    links = {e.title: e.url or e.path for e in rating.evidence} if rating else {}
    return tuple((title, links.get(title)) for title in titles)


def _views(rating: Rating | None, fw: Framework | None) -> tuple[tuple[str, str], ...]:
    if rating is None:
        return ()
    return tuple((p.group, fw.label(p.level) if fw else p.level) for p in rating.perspectives)


def _since(
    head: Repository, previous: Assessment | None, fw: Framework | None, sid: str, new: object
) -> tuple[str | None, int | None]:
    """The level in the previous agreed cycle, and the rank difference since then."""
    if previous is None or fw is None:
        return None, None
    prev_fw = head.framework_for(previous)
    prev_rating = migrate(previous, prev_fw, fw).get(sid)
    if prev_rating is None or prev_fw is None:
        return None, None
    a, b = prev_fw.rank(prev_rating.level), fw.rank(str(new))
    return prev_fw.label(prev_rating.level), (b - a if a is not None and b is not None else None)


def _label(fw: Framework | None, level: object) -> str | None:
    if level is None:
        return None
    return fw.label(str(level)) if fw is not None else str(level)


def _previous_agreed(repo: Repository, assessment: Assessment) -> Assessment | None:
    """The latest agreed cycle before ``assessment`` that this side holds."""
    record = repo.organisations.get(assessment.organisation)
    if record is None:
        return None
    cycles = list(record.cycles)
    if assessment not in cycles:
        return None
    earlier = cycles[: cycles.index(assessment)]
    return next((a for a in reversed(earlier) if a.agreed), None)


def _flags(
    diagnostics: Iterable[Diagnostic], assessment: Assessment | None, sid: str
) -> list[Diagnostic]:
    """The findings that point inside this statement's rating."""
    diagnostics = list(diagnostics)
    if not diagnostics or assessment is None or sid not in assessment.ratings:
        return []
    starts = sorted((assessment.ratings[s].where.at.line, s) for s in assessment.ratings)
    spans = {
        s: (line, nxt)
        for (line, s), (nxt, _n) in zip(starts, [*starts[1:], (10**9, "")], strict=True)
    }
    first, end = spans[sid]
    return [d for d in diagnostics if first <= d.location.line < end]


@dataclass(frozen=True)
class ChecksAboutChange:
    """The head's findings, split by whether they speak about this change."""

    about: tuple[Diagnostic, ...]  # in changed files and new: touched lines first
    touched_lines: frozenset[tuple[str, int]]  # (file, line) this change wrote
    on_base: tuple[Diagnostic, ...]  # in changed files, and already there on the base side
    outside: tuple[Diagnostic, ...]  # in files this change does not touch

    @property
    def folded(self) -> int:
        return len(self.on_base) + len(self.outside)


def checks_about_change(
    validation: ValidationResult,
    base: LoadResult,
    changed: Collection[str],
    old_side: Side,
    new_side: Side,
    skip: Collection[str] = (),
) -> ChecksAboutChange:
    """Sort the head's findings for the comment: about this change, or not."""
    from impactctl.checks.engine import diagnose

    # Findings already on the base side: only files that exist there can have any.
    on_base_side = {rel for rel in changed if rel in old_side.files}
    before = (
        {(d.file, d.code, d.message) for d in diagnose(base) if d.file in on_base_side}
        if on_base_side
        else set()
    )
    about, on_base, outside = [], [], []
    for d in validation.diagnostics:
        if d.file not in changed:
            outside.append(d)
        elif (d.file, d.code, d.message) in before:
            on_base.append(d)
        else:
            about.append(d)
    # Which lines the change wrote matters only where a finding points.
    touched = _touched_lines({d.file for d in about}, old_side, new_side, skip)
    about.sort(key=lambda d: ((d.file, d.location.line) not in touched, d.sort_key()))
    return ChecksAboutChange(tuple(about), frozenset(touched), tuple(on_base), tuple(outside))


def _lines(side: Side, rel: str) -> list[str]:
    if rel not in side.files:
        return []
    try:
        return side.read(rel).decode("utf-8", "replace").splitlines()
    except YamlProblem:  # unreadable: reported on its own; no line of it is "touched"
        return []


def _touched_lines(
    changed: Collection[str], old_side: Side, new_side: Side, skip: Collection[str]
) -> set[tuple[str, int]]:
    """(file, line) of every head line this change inserted or replaced."""
    out: set[tuple[str, int]] = set()
    for rel in changed:
        if rel in skip or rel not in new_side.files:
            continue
        a, b = _lines(old_side, rel), _lines(new_side, rel)
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for op, _i1, _i2, j1, j2 in matcher.get_opcodes():
            if op in ("insert", "replace"):
                out.update((rel, n + 1) for n in range(j1, j2))
    return out
