"""What changed in one rating, and in one cycle's own fields.

The structural comparison is ``review.changes`` (DeepDiff); this module adds the meaning: a
level change has a direction and a size (rank delta), evidence is added or removed, a
statement renamed by a framework's ``migrates_from`` is a rename, not a delete plus an add,
and a statement the map retires is reported as retired.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from impactctl.model import Assessment, Framework, Rating, migrate
from impactctl.reading.layout import statement_key
from impactctl.review.changes import FieldDelta, compare

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
    """One changed field. For a level, ``delta`` is the rank difference (new minus old).
    A statement that a framework migration retires is ``field == "retired"``."""

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


def _retired(
    old: Assessment | None, old_fw: Framework | None, new_fw: Framework | None
) -> dict[str, str]:
    """Statements of ``old`` that the new framework's migration map retires (maps to null),
    with the level they had."""
    if old is None or old_fw is None or new_fw is None or new_fw.migrates_from is None:
        return {}
    if new_fw.migrates_from.framework != old_fw.ref:
        return {}
    mapping = new_fw.migrates_from.statements
    return {sid: old.levels[sid] for sid in old.levels if sid in mapping and mapping[sid] is None}


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

    for sid, level in _retired(old, old_fw, new_fw).items():
        found = old_fw.component_of(sid) if old_fw else None
        title = found.title if found else None
        out.append(
            Change(
                organisation, cycle, sid, title, "retired", level, new_fw.ref if new_fw else None
            )
        )
    for sid in sorted(set(before) | set(after), key=statement_key):
        a, b = before.get(sid), after.get(sid)
        if a == b:
            continue
        deltas = compare(_plain(a) if a else {}, _plain(b) if b else {})
        for d in sorted(deltas, key=lambda d: _FIELD_ORDER.get(d.field, 99)):
            out.extend(_rating_change(d, organisation, cycle, sid, component(sid), old_fw, new_fw))
    if old and new:
        out.extend(_cycle_fields(old, new, organisation, cycle))
    return out


def _cycle_fields(
    old: Assessment, new: Assessment, organisation: str, cycle: str
) -> Iterator[Change]:
    for name in ("status", "assessed_on", "framework"):
        x, y = getattr(old, name), getattr(new, name)
        if x != y:
            yield Change(organisation, cycle, None, None, name, jsonable(x), jsonable(y))
    if old.participants != new.participants:
        yield Change(organisation, cycle, None, None, "participants", _groups(old), _groups(new))


def _groups(a: Assessment) -> list[str]:
    """Who took part, as readable lines: group, role and how many."""
    return sorted(
        f"{p.group}: {p.role}" + (f" x{p.count}" if p.count > 1 else "") for p in a.participants
    )


def jsonable(value: Any) -> Any:
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
