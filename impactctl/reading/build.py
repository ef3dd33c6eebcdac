"""From a well-formed document to the domain's frozen objects, keeping positions."""

from __future__ import annotations

from datetime import date
from typing import Any

from impactctl.model import (
    Action,
    ActionPlan,
    Assessment,
    Component,
    Evidence,
    Framework,
    Level,
    Migration,
    Organisation,
    Participant,
    Perspective,
    Rating,
    Ratings,
    Statement,
    Update,
    Where,
)
from impactctl.reading.yaml import Document
from impactctl.reading.yaml import Path as DocPath


def _where(doc: Document, path: DocPath) -> Where:
    """An object is found at its key (if it has one); each field at its value."""
    return Where(doc.file, path, doc.values, doc.keys)


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def build_framework(doc: Document) -> Framework:
    d = doc.data
    levels = tuple(
        Level(lv["id"], lv["label"], lv["description"], rank, _where(doc, ("levels", i)))
        for i, (rank, lv) in enumerate(enumerate(d["levels"], start=1))
    )
    components = []
    for ci, c in enumerate(d["components"]):
        statements = tuple(
            Statement(
                s["id"],
                s["text"],
                s.get("guidance", ""),
                dict(s["descriptors"]),
                c["id"],
                _where(doc, ("components", ci, "statements", si)),
                s.get("title", ""),
            )
            for si, s in enumerate(c["statements"])
        )
        components.append(
            Component(
                c["id"],
                c["title"],
                c.get("summary", ""),
                statements,
                _where(doc, ("components", ci)),
            )
        )
    migration = None
    if "migrates_from" in d:
        m = d["migrates_from"]
        migration = Migration(m["framework"], dict(m["statements"]))
    return Framework(
        d["id"],
        d["version"],
        d["title"],
        d.get("source", ""),
        d.get("licence", ""),
        levels,
        tuple(components),
        migration,
        _where(doc, ()),
    )


def build_organisation(doc: Document) -> Organisation:
    d = doc.data
    cycles = tuple(d["cycles"]) if "cycles" in d else None
    return Organisation(d["id"], d["name"], d["type"], d.get("system"), cycles, _where(doc, ()))


def levels_of(data: dict[str, Any]) -> dict[str, str]:
    """Each rated statement's level id, from a cycle file's plain data: the one levels
    reader, for the model here and for ``history``, which reads old versions that need not
    be well-formed (a rating that is not a mapping, or a level that is not text, is left out)."""
    return {
        sid: r["level"]
        for sid, r in data["ratings"].items()
        if isinstance(r, dict) and isinstance(r.get("level"), str)
    }


def build_assessment(doc: Document) -> Assessment:
    d = doc.data
    participants = tuple(
        Participant(p["group"], p["role"], p.get("count", 1), _where(doc, ("participants", i)))
        for i, p in enumerate(d["participants"])
    )
    levels = levels_of(d)
    return Assessment(
        d["framework"],
        d["organisation"],
        d["cycle"],
        d["status"],
        participants,
        Ratings(lambda: _build_ratings(doc), levels),
        _date(d.get("assessed_on")),
        doc.file,
        _where(doc, ()),
    )


def _build_ratings(doc: Document) -> dict[str, Rating]:
    ratings = {}
    for sid, r in doc.data["ratings"].items():
        base: DocPath = ("ratings", sid)
        evidence = tuple(
            Evidence(
                e["title"],
                date.fromisoformat(e["date"]),
                e.get("url"),
                e.get("path"),
                _where(doc, (*base, "evidence", i)),
            )
            for i, e in enumerate(r.get("evidence", []))
        )
        perspectives = tuple(
            Perspective(
                p["group"],
                p["level"],
                p.get("note", ""),
                _where(doc, (*base, "perspectives", i)),
            )
            for i, p in enumerate(r.get("perspectives", []))
        )
        ratings[sid] = Rating(
            sid,
            r["level"],
            r["rationale"],
            r.get("target"),
            r.get("confidence"),
            evidence,
            r.get("dissent"),
            perspectives,
            _where(doc, base),
        )
    return ratings


def build_action_plan(doc: Document) -> ActionPlan:
    d = doc.data
    actions = []
    for i, a in enumerate(d["actions"]):
        updates = tuple(
            Update(
                date.fromisoformat(u["date"]),
                u["note"],
                _where(doc, ("actions", i, "updates", j)),
            )
            for j, u in enumerate(a.get("updates", []))
        )
        actions.append(
            Action(
                a["id"],
                a["title"],
                tuple(a["statements"]),
                a["owner"],
                a["status"],
                a.get("raised_in"),
                _date(a.get("due")),
                a.get("measure"),
                updates,
                _where(doc, ("actions", i)),
            )
        )
    return ActionPlan(d["organisation"], tuple(actions), doc.file, _where(doc, ()))


BUILDERS = {
    "framework": build_framework,
    "organisation": build_organisation,
    "assessment": build_assessment,
    "action-plan": build_action_plan,
}
