"""Reporters for ``impactctl history``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from impactctl.report import json_document, paint, visible
from impactctl.review.history import RatingEvent


def _move(e: RatingEvent) -> str:
    move = f"{e.old or '(new)'} -> {e.new or '(removed)'}"
    return visible(f"{move} (since {e.since})" if e.since else move)


def _where(e: RatingEvent) -> str:
    return visible(f"{e.organisation} {e.cycle} {e.statement}")


def text(events: Sequence[RatingEvent], colour: bool = False) -> str:
    lines = []
    for e in events:
        pr = f" (#{e.pr})" if e.pr else ""
        lines.append(
            f"{e.date.date()} {paint(e.commit[:8], 'cyan', colour)} {visible(e.author)}: "
            f"{_where(e)} {_move(e)}{pr}"
        )
    lines.append(f"{len(events)} rating change{'s' if len(events) != 1 else ''}")
    return "\n".join(lines) + "\n"


def as_json(events: Sequence[RatingEvent], colour: bool = False) -> str:
    return json_document({}, "events", [e.as_json() for e in events])


def _cell(value: str) -> str:
    return visible(value).replace("|", "\\|").replace("<", "&lt;")


def markdown(events: Sequence[RatingEvent], colour: bool = False) -> str:
    rows = [
        "| Date | Commit | PR | Author | Organisation | Cycle | Statement | Change |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for e in events:
        rows.append(
            f"| {e.date.date()} | `{e.commit[:8]}` | {f'#{e.pr}' if e.pr else ''} | "
            f"{_cell(e.author)} | {_cell(e.organisation)} | {_cell(e.cycle)} | "
            f"{_cell(e.statement)} | "
            f"{_cell(_move(e))} |"
        )
    return "\n".join(rows) + "\n"


Reporter = Callable[[Sequence[RatingEvent], bool], str]
REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "markdown": markdown}
