"""Reporters for ``impactctl history``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from impactctl.report import json_document, paint, visible
from impactctl.review.history import RatingEvent


def _move(e: RatingEvent) -> str:
    if e.retired:
        return visible(f"{e.old} -> (retired by {e.framework})")
    move = f"{e.old or '(new)'} -> {e.new or '(removed)'}"
    return visible(f"{move} (since {e.since})" if e.since else move)


def _statement(e: RatingEvent) -> str:
    """The statement as the cycle names it, and its id now if the framework renumbered it."""
    if e.current is not None and e.current != e.statement:
        return f"{e.statement} (now {e.current})"
    return e.statement


def text(events: Sequence[RatingEvent], colour: bool = False) -> str:
    lines = []
    for e in events:
        pr = f" (#{e.pr})" if e.pr else ""
        subject = f"  {paint(visible(e.subject), 'dim', colour)}" if e.subject else ""
        lines.append(
            f"{e.date.date()} {paint(e.commit[:8], 'cyan', colour)} {visible(e.author)}: "
            f"{visible(f'{e.organisation} {e.cycle} {_statement(e)}')} {_move(e)}{pr}{subject}"
        )
    lines.append(f"{len(events)} rating change{'s' if len(events) != 1 else ''}")
    return "\n".join(lines) + "\n"


def as_json(events: Sequence[RatingEvent], colour: bool = False) -> str:
    return json_document({}, "events", [e.as_json() for e in events])


def _cell(value: str) -> str:
    return visible(value).replace("|", "\\|").replace("<", "&lt;")


def markdown(events: Sequence[RatingEvent], colour: bool = False) -> str:
    rows = [
        "| Date | Commit | PR | Author | Subject | Organisation | Cycle | Statement | Change |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for e in events:
        rows.append(
            f"| {e.date.date()} | `{e.commit[:8]}` | {f'#{e.pr}' if e.pr else ''} | "
            f"{_cell(e.author)} | {_cell(e.subject)} | {_cell(e.organisation)} | "
            f"{_cell(e.cycle)} | {_cell(_statement(e))} | "
            f"{_cell(_move(e))} |"
        )
    return "\n".join(rows) + "\n"


Reporter = Callable[[Sequence[RatingEvent], bool], str]
REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "markdown": markdown}
