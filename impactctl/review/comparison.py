"""Maturity changes between two versions of an assessment, or of a whole repository.

The structural comparison is ``structdiff`` (DeepDiff); this module adds the meaning: a
level change has a direction and a size (rank delta), evidence is added or removed, an
action moves status or slips its due date, and a statement renamed by a framework's
``migrates_from`` is a rename, not a delete plus an add.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from impactctl.model import (
    NOT_ASSESSED,
    Action,
    ActionPlan,
    Assessment,
    Framework,
    Rating,
    Repository,
    migrate,
)
from impactctl.reading.layout import statement_key
from impactctl.review.changes import FieldDelta, compare
from impactctl.scores import component_levels

RATING_FIELDS = (
    "level",
    "target",
    "confidence",
    "rationale",
    "evidence",
    "dissent",
    "perspectives",
)
_FIELD_ORDER = {name: i for i, name in enumerate(RATING_FIELDS)}


@dataclass(frozen=True)
class Change:
    """One changed field. For a level, ``delta`` is the rank difference (new minus old)."""

    organisation: str
    cycle: str | None
    statement: str | None
    component: str | None
    field: str
    old: Any
    new: Any
    delta: int | None = None
    action: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation,
            "cycle": self.cycle,
            "statement": self.statement,
            "component": self.component,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "delta": self.delta,
            "action": self.action,
        }


@dataclass(frozen=True)
class ComponentShift:
    """A component's level (``scores.component_level``), before and after."""

    organisation: str
    component: str
    before: str | None
    after: str | None
    delta: int | None


@dataclass(frozen=True)
class Comparison:
    changes: tuple[Change, ...]
    components: tuple[ComponentShift, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def level_changes(self) -> list[Change]:
        return [c for c in self.changes if c.field == "level"]

    def summary(self) -> dict[str, Any]:
        levels = self.level_changes
        counts = Counter(c.field for c in self.changes)
        return {
            "raised": sum(1 for c in levels if (c.delta or 0) > 0),
            "lowered": sum(1 for c in levels if (c.delta or 0) < 0),
            "level_changes": len(levels),
            "first_ratings": sum(1 for c in levels if c.old in (None, NOT_ASSESSED)),
            "rationale_edits": counts["rationale"],
            "evidence_added": sum(
                1 for c in self.changes if c.field == "evidence" and c.old is None
            ),
            "evidence_removed": sum(
                1 for c in self.changes if c.field == "evidence" and c.new is None
            ),
            "actions_added": sum(1 for c in self.changes if c.field == "action" and c.old is None),
            "actions_done": sum(
                1 for c in self.changes if c.field == "action.status" and c.new == "done"
            ),
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
        }

    def headline(self) -> str:
        s = self.summary()
        parts = [
            (s["raised"], "raised", "raised"),
            (s["lowered"], "lowered", "lowered"),
            (s["first_ratings"], "first rating", "first ratings"),
            (s["rationale_edits"], "rationale edit", "rationale edits"),
            (s["evidence_added"], "evidence added", "evidence added"),
            (s["actions_added"], "new action", "new actions"),
            (s["actions_done"], "action done", "actions done"),
        ]
        words = [f"{n} {one if n == 1 else many}" for n, one, many in parts if n]
        other = (
            s["changes"]
            - s["raised"]
            - s["lowered"]
            - s["first_ratings"]
            - s["rationale_edits"]
            - s["evidence_added"]
            - s["actions_added"]
            - s["actions_done"]
        )
        if other > 0:
            words.append(f"{other} other change{'s' if other != 1 else ''}")
        return ", ".join(words) if words else "no changes"


def _plain(rating: Rating) -> dict[str, Any]:
    """A rating as plain data for the structural comparison (positions left out)."""
    out: dict[str, Any] = {"level": rating.level, "rationale": rating.rationale}
    for name in ("target", "confidence", "dissent"):
        if getattr(rating, name) is not None:
            out[name] = getattr(rating, name)
    if rating.evidence:
        out["evidence"] = [
            {
                k: v
                for k, v in (
                    ("title", e.title),
                    ("url", e.url),
                    ("path", e.path),
                    ("date", e.date.isoformat()),
                )
                if v is not None
            }
            for e in rating.evidence
        ]
    if rating.perspectives:
        out["perspectives"] = [
            {"group": p.group, "level": p.level, "note": p.note} for p in rating.perspectives
        ]
    return out


def _rank_delta(
    old_fw: Framework | None, new_fw: Framework | None, old: Any, new: Any
) -> int | None:
    if old_fw is None or new_fw is None:
        return None
    a, b = old_fw.rank(old), new_fw.rank(new)
    return b - a if a is not None and b is not None else None


def compare_assessments(
    old: Assessment | None,
    new: Assessment | None,
    old_fw: Framework | None,
    new_fw: Framework | None,
    organisation: str,
    cycle: str,
) -> list[Change]:
    """Every changed field of every rating, plus the cycle's own fields."""
    fw = new_fw or old_fw
    before = migrate(old, old_fw, new_fw) if old else {}
    after = dict(new.ratings) if new else {}
    out: list[Change] = []

    def component(sid: str) -> str | None:
        found = fw.component_of(sid) if fw else None
        return found.title if found else None

    for sid in sorted(set(before) | set(after), key=statement_key):
        a, b = before.get(sid), after.get(sid)
        if a == b:
            continue
        deltas = compare(_plain(a) if a else {}, _plain(b) if b else {})
        for d in sorted(deltas, key=lambda d: _FIELD_ORDER.get(d.field, 99)):
            out.extend(_rating_change(d, organisation, cycle, sid, component(sid), old_fw, new_fw))
    if old and new:
        for name in ("status", "assessed_on", "framework"):
            x, y = getattr(old, name), getattr(new, name)
            if x != y:
                out.append(
                    Change(organisation, cycle, None, None, name, _jsonable(x), _jsonable(y))
                )
        if old.participants != new.participants:
            out.append(
                Change(organisation, cycle, None, None, "participants", _groups(old), _groups(new))
            )
    return out


def _groups(a: Assessment) -> list[str]:
    """Who took part, as readable lines: group, role and how many."""
    return sorted(
        f"{p.group}: {p.role}" + (f" x{p.count}" if p.count > 1 else "") for p in a.participants
    )


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _rating_change(
    d: FieldDelta,
    org: str,
    cycle: str,
    sid: str,
    component: str | None,
    old_fw: Framework | None,
    new_fw: Framework | None,
) -> Iterator[Change]:
    if d.field == "evidence":
        if d.kind == "item-added":
            yield Change(org, cycle, sid, component, "evidence", None, d.new.get("title"))
        elif d.kind == "item-removed":
            yield Change(org, cycle, sid, component, "evidence", d.old.get("title"), None)
        elif d.kind == "item-changed":
            yield Change(
                org, cycle, sid, component, "evidence", _evidence_line(d.old), _evidence_line(d.new)
            )
        elif d.kind in ("added", "removed"):
            for item in d.new or []:
                yield Change(org, cycle, sid, component, "evidence", None, item.get("title"))
            for item in d.old or []:
                yield Change(org, cycle, sid, component, "evidence", item.get("title"), None)
        return
    if d.field == "perspectives":
        if d.kind in ("changed", "added", "removed"):
            yield Change(org, cycle, sid, component, "perspectives", _spread(d.old), _spread(d.new))
        return
    delta = _rank_delta(old_fw, new_fw, d.old, d.new) if d.field == "level" else None
    yield Change(org, cycle, sid, component, d.field, d.old, d.new, delta)


def _evidence_line(item: dict[str, Any]) -> str:
    where = item.get("url") or item.get("path") or ""
    return f"{item.get('title')} ({item.get('date')}{', ' + where if where else ''})"


def _spread(items: Any) -> str | None:
    if not items:
        return None
    return ", ".join(f"{p['group']}: {p['level']}" for p in items)


def compare_action_plans(
    old: ActionPlan | None, new: ActionPlan | None, organisation: str
) -> list[Change]:
    before = {a.id: a for a in (old.actions if old else ())}
    after = {a.id: a for a in (new.actions if new else ())}
    out: list[Change] = []
    for aid in sorted(set(before) | set(after)):
        a, b = before.get(aid), after.get(aid)
        if a == b:
            continue
        if a is None and b is not None:
            out.append(
                Change(organisation, b.raised_in, None, None, "action", None, b.title, action=aid)
            )
        elif b is None and a is not None:
            out.append(
                Change(organisation, a.raised_in, None, None, "action", a.title, None, action=aid)
            )
        elif a is not None and b is not None:
            out.extend(_action_changes(a, b, organisation))
    return out


def _action_changes(a: Action, b: Action, organisation: str) -> Iterator[Change]:
    for name in ("status", "due", "title", "owner", "measure", "statements"):
        x, y = getattr(a, name), getattr(b, name)
        if x != y:
            value_x = list(x) if isinstance(x, tuple) else _jsonable(x)
            value_y = list(y) if isinstance(y, tuple) else _jsonable(y)
            delta = (y - x).days if name == "due" and x is not None and y is not None else None
            yield Change(
                organisation,
                b.raised_in,
                None,
                None,
                f"action.{name}",
                value_x,
                value_y,
                delta,
                action=b.id,
            )
    added = len(b.updates) - len(a.updates)
    if added > 0:
        for update in b.updates[len(a.updates) :]:
            yield Change(
                organisation,
                b.raised_in,
                None,
                None,
                "action.update",
                None,
                f"{update.date}: {update.note}",
                action=b.id,
            )


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


def compare_repositories(base: Repository, head: Repository) -> Comparison:
    """What a pull request changes: every cycle and action plan, organisation by organisation.

    A cycle that is new in ``head`` is compared with the cycle before it, so reviewers see
    what moved since last time rather than 26 "new" ratings.
    """
    changes: list[Change] = []
    shifts: list[ComponentShift] = []
    notes: list[str] = []
    for org_id in sorted(set(base.organisations) | set(head.organisations)):
        old_rec, new_rec = base.organisations.get(org_id), head.organisations.get(org_id)
        old_cycles = {a.cycle: a for a in (old_rec.cycles if old_rec else ())}
        new_cycles = {a.cycle: a for a in (new_rec.cycles if new_rec else ())}
        for cycle in _ordered(new_rec.cycle_ids if new_rec else (), old_cycles, new_cycles):
            a, b = old_cycles.get(cycle), new_cycles.get(cycle)
            if a == b:
                continue
            if a is None and b is not None and new_rec is not None:
                a = new_rec.previous(b)
                notes.append(
                    f"{org_id}: new cycle {cycle}" + (f", compared with {a.cycle}" if a else "")
                )
                old_fw = head.framework_for(a) if a else None
            else:
                old_fw = base.framework_for(a) if a else None
                if b is None:
                    notes.append(f"{org_id}: cycle {cycle} removed")
            new_fw = head.framework_for(b) if b else None
            changes += compare_assessments(a, b, old_fw, new_fw, org_id, cycle)
        old_latest = old_rec.latest if old_rec else None
        new_latest = new_rec.latest if new_rec else None
        if old_latest != new_latest:
            shifts += component_shifts(
                org_id,
                old_latest,
                new_latest,
                base.framework_for(old_latest) if old_latest else None,
                head.framework_for(new_latest) if new_latest else None,
            )
        changes += compare_action_plans(
            old_rec.action_plan if old_rec else None,
            new_rec.action_plan if new_rec else None,
            org_id,
        )
    return Comparison(tuple(changes), tuple(shifts), tuple(notes))


def _ordered(order: Iterable[str], *cycle_maps: Mapping[str, Any]) -> list[str]:
    known = list(dict.fromkeys(order))
    extra = sorted({c for m in cycle_maps for c in m} - set(known))
    return [c for c in known if any(c in m for m in cycle_maps)] + extra
