"""Maturity changes between two versions of an assessment, or of a whole repository.

The structural comparison is ``review.changes`` (DeepDiff); this module adds the meaning: a
level change has a direction and a size (rank delta), evidence is added or removed, a
statement renamed by a framework's ``migrates_from`` is a rename, not a delete plus an add,
and a statement the map retires is reported as retired.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from impactctl.model import (
    NOT_ASSESSED,
    Assessment,
    Framework,
    OrganisationRecord,
    Repository,
)
from impactctl.reading.layout import ACTION_PLAN_FILE
from impactctl.review.ratings import Change, compare_assessments
from impactctl.scores import component_levels

# A new cycle starts a new debate: `cycle new` clears these, so their disappearing is
# summarised, not listed as "dissent removed" on every statement.
CLEARED_BY_A_NEW_CYCLE = ("dissent", "perspectives")


@dataclass(frozen=True)
class ComponentShift:
    """A component's level (``scores.component_level``), before and after."""

    organisation: str
    component: str
    before: str | None
    after: str | None
    delta: int | None


@dataclass(frozen=True)
class NewCycle:
    """A cycle that is new on the head side, and what it carried over from the one before."""

    organisation: str
    cycle: str
    started_from: str | None
    carried_over: int = 0  # statements whose level and rationale are unchanged
    changed: int = 0  # statements with any change
    cleared: int = 0  # statements whose dissent or perspectives were cleared


# What each summary count counts: (key, test on a change).
_COUNTS: tuple[tuple[str, Any], ...] = (
    ("raised", lambda c: c.field == "level" and (c.delta or 0) > 0),
    ("lowered", lambda c: c.field == "level" and (c.delta or 0) < 0),
    ("level_changes", lambda c: c.field == "level"),
    ("first_ratings", lambda c: c.field == "level" and c.old in (None, NOT_ASSESSED)),
    ("retired", lambda c: c.field == "retired"),
    ("rationale_edits", lambda c: c.field == "rationale"),
    ("evidence_added", lambda c: c.field == "evidence" and c.old is None),
    ("evidence_removed", lambda c: c.field == "evidence" and c.new is None),
    ("actions_added", lambda c: c.field == "action" and c.old is None),
    ("actions_done", lambda c: c.field == "action.status" and c.new == "done"),
)
_HEADLINE = (
    ("raised", "raised", "raised"),
    ("lowered", "lowered", "lowered"),
    ("first_ratings", "first rating", "first ratings"),
    ("retired", "statement retired", "statements retired"),
    ("rationale_edits", "rationale edit", "rationale edits"),
    ("evidence_added", "evidence added", "evidence added"),
    ("actions_added", "new action", "new actions"),
    ("actions_done", "action done", "actions done"),
)


@dataclass(frozen=True)
class Comparison:
    changes: tuple[Change, ...]
    components: tuple[ComponentShift, ...] = ()
    notes: tuple[str, ...] = ()
    new_cycles: tuple[NewCycle, ...] = ()
    frameworks: tuple[str, ...] = ()  # "framework nhs-impact@2024.1: level order changed"

    @property
    def level_changes(self) -> list[Change]:
        return [c for c in self.changes if c.field == "level"]

    @cached_property
    def _counts(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for change in self.changes:
            counts.update(key for key, test in _COUNTS if test(change))
        return {key: counts[key] for key, _test in _COUNTS}

    def counts(self) -> dict[str, int]:
        """How many changes of each kind (raised, lowered, first ratings, ...)."""
        return dict(self._counts)

    def summary(self) -> dict[str, Any]:
        return {
            **self.counts(),
            "changes": len(self.changes),
            "components": [
                {
                    "organisation": s.organisation,
                    "component": s.component,
                    "before": s.before,
                    "after": s.after,
                    "delta": s.delta,
                }
                for s in self.components
            ],
            "notes": list(self.notes),
            "new_cycles": [
                {
                    "organisation": n.organisation,
                    "cycle": n.cycle,
                    "started_from": n.started_from,
                    "carried_over": n.carried_over,
                    "changed": n.changed,
                    "cleared": n.cleared,
                }
                for n in self.new_cycles
            ],
            "frameworks": list(self.frameworks),
        }

    def headline(self) -> str:
        counts = self.counts()
        words = [f"{counts[k]} {one if counts[k] == 1 else many}" for k, one, many in _HEADLINE]
        words = [w for w, (k, _o, _m) in zip(words, _HEADLINE, strict=True) if counts[k]]
        named = sum(counts[k] for k, _one, _many in _HEADLINE)
        other = len(self.changes) - named
        if other > 0:
            words.append(f"{other} other change{'s' if other != 1 else ''}")
        return ", ".join(words) if words else "no changes"


def _component_ranks(assessment: Assessment | None, fw: Framework | None) -> dict[str, int]:
    """Each component's level rank (the one measure, in ``scores``) by component title."""
    if assessment is None or fw is None:
        return {}
    measured = component_levels(assessment, fw).values()
    return {m.component.title: m.rank for m in measured if m.rank is not None}


def component_shifts(
    organisation: str,
    old: Assessment | None,
    new: Assessment | None,
    old_fw: Framework | None,
    new_fw: Framework | None,
) -> list[ComponentShift]:
    before, after = _component_ranks(old, old_fw), _component_ranks(new, new_fw)
    fw = new_fw or old_fw
    out = []
    for title in dict.fromkeys([*after, *before]):
        x, y = before.get(title), after.get(title)
        if x == y:
            continue
        label_x = old_fw.levels[x - 1].id if old_fw and x else None
        label_y = fw.levels[y - 1].id if fw and y else None
        out.append(
            ComponentShift(organisation, title, label_x, label_y, y - x if x and y else None)
        )
    return out


def compare_cycles(repo: Repository, old: Assessment, new: Assessment) -> Comparison:
    """Two cycle files (usually the same organisation's previous and latest cycles)."""
    old_fw, new_fw = repo.framework_for(old), repo.framework_for(new)
    changes = compare_assessments(old, new, old_fw, new_fw, new.organisation, new.cycle)
    shifts = component_shifts(new.organisation, old, new, old_fw, new_fw)
    return Comparison(tuple(changes), tuple(shifts))


@dataclass
class _Collected:
    changes: list[Change] = field(default_factory=list)
    shifts: list[ComponentShift] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    new_cycles: list[NewCycle] = field(default_factory=list)


def compare_repositories(
    base: Repository,
    head: Repository,
    only: Collection[str] | None = None,
    skip: Collection[str] = (),
) -> Comparison:
    """What a pull request changes: every cycle and action plan, organisation by organisation.

    ``only`` names the files to compare (the files git says changed; None: every file);
    ``skip`` the files that cannot be read on one side, which are never compared, so an
    unreadable file never reads as a removal. A cycle that is new in ``head`` is compared
    with the cycle before it, so reviewers see what moved since last time rather than 26
    "new" ratings.
    """
    from impactctl.review.frameworks import framework_changes
    from impactctl.review.plans import compare_action_plans

    wanted: Callable[[str], bool] = (
        (lambda rel: rel not in skip)
        if only is None
        else (lambda rel: rel in only and rel not in skip)
    )
    out = _Collected()
    for org_id in sorted(set(base.organisations) | set(head.organisations)):
        old_rec, new_rec = base.organisations.get(org_id), head.organisations.get(org_id)
        touched = _compare_cycles(base, head, old_rec, new_rec, org_id, wanted, out)
        blocked = any(rel.startswith(f"assessments/{org_id}/") for rel in skip)
        if touched and not blocked:
            out.shifts += _latest_shifts(base, head, old_rec, new_rec, org_id)
        if wanted(f"assessments/{org_id}/{ACTION_PLAN_FILE}"):
            out.changes += compare_action_plans(
                old_rec.action_plan if old_rec else None,
                new_rec.action_plan if new_rec else None,
                org_id,
            )
    return Comparison(
        tuple(out.changes),
        tuple(out.shifts),
        tuple(out.notes),
        tuple(out.new_cycles),
        tuple(framework_changes(base, head)),
    )


def _compare_cycles(
    base: Repository,
    head: Repository,
    old_rec: OrganisationRecord | None,
    new_rec: OrganisationRecord | None,
    org_id: str,
    wanted: Callable[[str], bool],
    out: _Collected,
) -> bool:
    """Compare the organisation's wanted cycle files; True if any was compared."""
    old_cycles = {a.cycle: a for a in (old_rec.cycles if old_rec else ())}
    new_cycles = {a.cycle: a for a in (new_rec.cycles if new_rec else ())}
    touched = False
    for cycle in _ordered(new_rec.cycle_ids if new_rec else (), old_cycles, new_cycles):
        a, b = old_cycles.get(cycle), new_cycles.get(cycle)
        if a == b or not wanted((b or a).file):  # type: ignore[union-attr]
            continue
        touched = True
        if a is None and b is not None and new_rec is not None:
            out.changes += _new_cycle(head, new_rec, b, org_id, out)
            continue
        if b is None:
            out.notes.append(f"{org_id}: cycle {cycle} removed")
        old_fw = base.framework_for(a) if a else None
        new_fw = head.framework_for(b) if b else None
        out.changes += compare_assessments(a, b, old_fw, new_fw, org_id, cycle)
    return touched


def _new_cycle(
    head: Repository, record: OrganisationRecord, new: Assessment, org_id: str, out: _Collected
) -> list[Change]:
    """A new cycle, compared with the one before it. What a new cycle clears (dissent,
    perspectives) is counted, not listed: the new debate records its own."""
    previous = record.previous(new)
    old_fw = head.framework_for(previous) if previous else None
    changes = compare_assessments(previous, new, old_fw, head.framework_for(new), org_id, new.cycle)
    kept = [c for c in changes if not (c.field in CLEARED_BY_A_NEW_CYCLE and c.new is None)]
    cleared = {c.statement for c in changes if c.field in CLEARED_BY_A_NEW_CYCLE and c.new is None}
    changed = {c.statement for c in kept if c.statement is not None}
    carried = len(set(new.levels) - changed) if previous else 0
    started_from = previous.cycle if previous else None
    out.new_cycles.append(
        NewCycle(org_id, new.cycle, started_from, carried, len(changed), len(cleared))
    )
    return kept


def _latest_shifts(
    base: Repository,
    head: Repository,
    old_rec: OrganisationRecord | None,
    new_rec: OrganisationRecord | None,
    org_id: str,
) -> list[ComponentShift]:
    old_latest = old_rec.latest if old_rec else None
    new_latest = new_rec.latest if new_rec else None
    if old_latest == new_latest:
        return []
    return component_shifts(
        org_id,
        old_latest,
        new_latest,
        base.framework_for(old_latest) if old_latest else None,
        head.framework_for(new_latest) if new_latest else None,
    )


def _ordered(order: Iterable[str], *cycle_maps: Mapping[str, Any]) -> list[str]:
    known = list(dict.fromkeys(order))
    extra = sorted({c for m in cycle_maps for c in m} - set(known))
    return [c for c in known if any(c in m for m in cycle_maps)] + extra
