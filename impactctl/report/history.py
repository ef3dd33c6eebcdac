"""Reporters for ``impactctl history``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from impactctl.report import json_document, paint
from impactctl.review.history import RatingEvent


def _move(e: RatingEvent) -> str:
    move = f"{e.old or '(new)'} -> {e.new or '(removed)'}"
    return f"{move} (since {e.since})" if e.since else move


def text(events: Sequence[RatingEvent], colour: bool = False) -> str:
    lines = []
    for e in events:
        pr = f" (#{e.pr})" if e.pr else ""
        lines.append(
            f"{e.date.date()} {paint(e.commit[:8], 'cyan', colour)} {e.author}: "
            f"{e.organisation} {e.cycle} {e.statement} {_move(e)}{pr}"
        )
    lines.append(f"{len(events)} rating change{'s' if len(events) != 1 else ''}")
    return "\n".join(lines) + "\n"


def as_json(events: Sequence[RatingEvent], colour: bool = False) -> str:
    return json_document({}, "events", [e.as_json() for e in events])


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("<", "&lt;")


def markdown(events: Sequence[RatingEvent], colour: bool = False) -> str:
    rows = [
        "| Date | Commit | PR | Author | Organisation | Cycle | Statement | Change |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for e in events:
        rows.append(
            f"| {e.date.date()} | `{e.commit[:8]}` | {f'#{e.pr}' if e.pr else ''} | "
            f"{_cell(e.author)} | {e.organisation} | {e.cycle} | {e.statement} | "
            f"{_cell(_move(e))} |"
        )
    return "\n".join(rows) + "\n"


Reporter = Callable[[Sequence[RatingEvent], bool], str]
REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "markdown": markdown}
