"""Reporters for ``impactctl diff``: text for a terminal, json (SPEC shape), and markdown
(``report.comment``), which CI posts as the pull-request comment reviewers debate in."""

from __future__ import annotations

from collections.abc import Callable

from impactctl.report import json_document, paint, visible
from impactctl.report.comment import comment
from impactctl.report.wording import arrow, new_cycle_lines, value, where
from impactctl.review.diff import DiffReport
from impactctl.review.ratings import Change


def text(report: DiffReport, colour: bool = False) -> str:
    c = report.comparison
    lines = [paint(visible(report.title), "bold", colour)]
    for n in report.not_compared:
        d = n.diagnostic
        lines.append(
            paint(
                visible(f"not compared ({n.side}): {d.location}: {d.code} {d.message}"),
                "red",
                colour,
            )
        )
    lines += [c.headline(), ""]
    notes = [*c.frameworks, *new_cycle_lines(report), *c.notes]
    lines += [f"note: {visible(line)}" for line in notes]
    names = dict(report.organisation_names)
    for change in c.changes:
        lines.append(_text_line(change, names, colour))
    if c.components:
        lines += ["", "Components (median level):"]
        for s in c.components:
            lines.append(
                f"  {visible(f'{s.organisation} {s.component}')}: "
                f"{value(s.before)} -> {value(s.after)}"
            )
    return "\n".join(lines) + "\n"


def _text_line(change: Change, names: dict[str, str], colour: bool) -> str:
    at = where(change, names)
    if change.field == "level":
        style = "green" if (change.delta or 0) > 0 else "red"
        return (
            f"{at}: level {value(change.old)} -> {value(change.new)} "
            f"{paint(arrow(change), style, colour)}  [{change.component or ''}]"
        )
    if change.field == "retired":
        return f"{at}: {arrow(change)} (was {value(change.old)})"
    if change.field == "rationale":
        return f"{at}: rationale edited"
    if change.field == "evidence" and change.old is None:
        return f"{at}: evidence added: {value(change.new)}"
    if change.field == "evidence" and change.new is None:
        return f"{at}: evidence removed: {value(change.old)}"
    if change.field == "evidence":
        return f"{at}: evidence edited: {value(change.old)} -> {value(change.new)}"
    return f"{at}: {change.field} {value(change.old)} -> {value(change.new)}"


def as_json(report: DiffReport, colour: bool = False) -> str:
    c = report.comparison
    return json_document(
        {
            "summary": c.summary(),
            "not_compared": [n.as_json() for n in report.not_compared],
        },
        "changes",
        [ch.as_json() for ch in c.changes],
    )


def markdown(report: DiffReport, colour: bool = False) -> str:
    return comment(report)


Reporter = Callable[[DiffReport, bool], str]
REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "markdown": markdown}
