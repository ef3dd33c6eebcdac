"""An organisation's change log, for people: the rating changes read from git, grouped by
review cycle (newest first) and, within a cycle, by the review (pull request) or edit that
made them; a draft cycle's changes are labelled; the first screen shows the latest groups
(about a dozen changes, and always the latest group) and folds the rest."""

from __future__ import annotations

from collections.abc import Sequence

from impactctl.model import Framework, OrganisationRecord
from impactctl.review.history import RatingEvent
from impactctl.site.actions import time_html
from impactctl.site.context import Context, heading, human_date
from impactctl.site.html import Html, block, data_block, link
from impactctl.site.markdown import text as esc
from impactctl.site.measures import CycleScores, plural

GROUP_ITEMS = 8  # changes listed per group before the rest of it is folded
SHOWN_CHANGES = 12  # about a screen: later groups are folded away once this many are shown


def change_log(ctx: Context, record: OrganisationRecord) -> list[str]:
    out = [heading(2, "Change log", "change-log", searched=False)]
    if ctx.data.changes.unavailable is not None:
        reason = esc(ctx.data.changes.unavailable)
        return [*out, block(f'<p class="impact-unavailable">Change log unavailable: {reason}</p>')]
    scored = ctx.scores[record.id]
    groups = _groups(ctx.events.get(record.id, []), scored)
    if not groups:
        return [*out, block("<p>No change of level has been recorded yet.</p>")]
    by_cycle = {s.cycle: s for s in scored}
    rendered = [_group(ctx, by_cycle, events) for events in groups]
    intro = (
        "<p>How the levels changed, newest first: each review or edit, the review cycle it "
        "belongs to, and each statement that moved. Changes to a draft cycle are labelled: "
        "they are proposals until that cycle is agreed.</p>"
    )
    shown, count = 0, 0
    sizes = [min(len(g), GROUP_ITEMS) for g in groups]
    while shown < len(groups) and (shown == 0 or count + sizes[shown] <= SHOWN_CHANGES):
        count += sizes[shown]
        shown += 1
    parts = [intro, *rendered[:shown]]
    if len(rendered) > shown:
        rest = len(rendered) - shown
        more = plural(rest, "more review or edit", "more reviews and edits")
        parts.append(
            f'<details class="impact-older"><summary>Earlier changes ({esc(more)})</summary>'
            + "".join(rendered[shown:])
            + "</details>"
        )
    # Not searched (people search for organisations, statements and reasons; at national
    # scale the changes were a fifth of the index, and the intro is the same on every page).
    return [*out, block(parts[0]), data_block(*parts[1:])]


def _groups(
    events: Sequence[RatingEvent], scored: Sequence[CycleScores]
) -> list[list[RatingEvent]]:
    """Events grouped by (cycle, review or commit); newest cycle first, then newest group."""
    order = {s.cycle: i for i, s in enumerate(scored)}
    groups: dict[tuple[str, object], list[RatingEvent]] = {}
    for e in events:
        groups.setdefault((e.cycle, e.pr if e.pr is not None else e.commit), []).append(e)
    return sorted(
        groups.values(),
        key=lambda g: (order.get(g[0].cycle, -1), max(e.date for e in g)),
        reverse=True,
    )


def _group(ctx: Context, by_cycle: dict[str, CycleScores], events: list[RatingEvent]) -> str:
    first = events[0]
    cycle = by_cycle.get(first.cycle)
    framework = cycle.framework if cycle else ctx.framework
    draft = cycle is not None and cycle.draft
    when = max(e.date for e in events).date()
    label = f"Review #{first.pr}" if first.pr is not None else f"Edit of {human_date(when)}"
    url = (
        ctx.options.pr_url(first.pr)
        if first.pr is not None
        else ctx.options.commit_url(first.commit)
    )
    title = str(link(url, label)) if url else esc(label)
    status = (
        ' <span class="impact-badge impact-badge--draft">draft cycle, not yet agreed</span>'
        if draft
        else ""
    )
    items = [f"<li>{_change(framework, e)}</li>" for e in sorted(events, key=lambda e: e.statement)]
    more = ""
    if len(items) > GROUP_ITEMS:
        more = (
            f'<details class="impact-older"><summary>{len(items) - GROUP_ITEMS} more changes '
            f"in this review</summary><ul>{''.join(items[GROUP_ITEMS:])}</ul></details>"
        )
    dated = "" if first.pr is None else f" · {time_html(when)}"  # an edit's title is its date
    return (
        f'<div class="impact-change"><p><strong>{esc(first.cycle)}</strong>{status} · '
        f"{title}{dated}</p><ul>{''.join(items[:GROUP_ITEMS])}</ul>{more}</div>"
    )


def _change(fw: Framework | None, e: RatingEvent) -> Html:
    def label(level: str | None) -> str:
        return fw.label(level) if fw and level else str(level)

    statement = fw.statements.get(e.statement) if fw else None
    name = esc(e.statement) + (f" {esc(statement.short_title)}" if statement else "")
    if e.old is None:
        words = f"first rated {label(e.new)}"
    elif e.new is None:
        words = f"rating removed (was {label(e.old)})"
    else:
        words = f"{label(e.old)} → {label(e.new)}"
        if e.since:
            words += f" (from {e.since})"
    return Html(f"{name}: {esc(words)}")
