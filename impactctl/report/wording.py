"""Words every diff reporter uses: how a change, a place and a value read."""

from __future__ import annotations

from impactctl.model import NOT_ASSESSED
from impactctl.report import plural, visible
from impactctl.review.diff import DiffReport
from impactctl.review.ratings import Change


def arrow(change: Change) -> str:
    if change.field == "retired":
        return f"retired by {change.new}" if change.new else "retired"
    if change.old in (None, NOT_ASSESSED):
        return "🆕 first rating"
    if change.new is None:
        return "removed"
    if change.delta is None:
        return "changed"
    if change.delta > 0:
        return f"⬆️ raised +{change.delta}"
    if change.delta < 0:
        return f"⬇️ lowered {change.delta}"
    return "same rank"


def where(change: Change, names: dict[str, str] | None = None) -> str:
    org = (names or {}).get(change.organisation, change.organisation)
    parts = [org, change.cycle or "", change.statement or change.action or ""]
    return visible(" ".join(p for p in parts if p))


def value(v: object) -> str:
    if v is None:
        return "—"
    if isinstance(v, list):
        return visible(", ".join(str(x) for x in v)) or "—"
    return visible(str(v), lines=True)


def new_cycle_lines(report: DiffReport) -> list[str]:
    """ "new cycle 2026-27 started from 2025-26", with what it carried over."""
    out = []
    for n in report.comparison.new_cycles:
        name = report.organisation_names.get(n.organisation, n.organisation)
        if n.started_from is None:
            out.append(f"{name}: first cycle {n.cycle}")
            continue
        line = (
            f"{name}: new cycle {n.cycle} started from {n.started_from}: "
            f"{plural(n.carried_over, 'statement')} carried over unchanged, {n.changed} changed"
        )
        if n.cleared:
            line += (
                f"; dissent and perspectives cleared on {n.cleared} "
                "(the new discussion records its own)"
            )
        out.append(line)
    return out
