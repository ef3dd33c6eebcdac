"""Changes to an organisation's action plan: new and removed actions, a status or due date
that moved, and updates added."""

from __future__ import annotations

from collections.abc import Iterator

from impactctl.model import Action, ActionPlan
from impactctl.review.ratings import Change, jsonable


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
            value_x = list(x) if isinstance(x, tuple) else jsonable(x)
            value_y = list(y) if isinstance(y, tuple) else jsonable(y)
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
