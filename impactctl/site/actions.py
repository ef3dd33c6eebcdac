"""Action plans: one organisation's plan (on its page), every organisation's progress (the
action plans page), and whether each is on track (overdue, blocked, due soon, done)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

from impactctl.model import Action, OrganisationRecord
from impactctl.site.context import Context, heading, human_date, page, words
from impactctl.site.html import Html, Table, badge, block, data_block, join_html, link
from impactctl.site.markdown import text as esc
from impactctl.site.measures import NO_VALUE, list_words, plural
from impactctl.site.statements import statement_link

STATUS = {
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
    "blocked": "Blocked",
    "dropped": "Dropped",
}
SOON = timedelta(days=91)  # "due in the next quarter"


@dataclass(frozen=True)
class Progress:
    """Where an action plan stands on a day."""

    total: int
    overdue: int
    blocked: int
    due_soon: int  # open, due within the next quarter (and not overdue)
    done_since: int  # done, with an update since the previous cycle was assessed
    open: int

    @property
    def words(self) -> str:
        if not self.total:
            return "No actions recorded yet."
        return (
            f"{plural(self.total, 'action')}, {self.open} open: {self.overdue} overdue, "
            f"{self.blocked} blocked, {self.due_soon} due in the next three months; "
            f"{self.done_since} done since the previous review cycle."
        )


def progress(ctx: Context, record: OrganisationRecord) -> Progress:
    today = ctx.data.today
    actions = record.action_plan.actions if record.action_plan else ()
    prev = ctx.previous(record)
    since = prev.assessment.assessed_on if prev is not None else None
    return Progress(
        total=len(actions),
        overdue=sum(1 for a in actions if a.overdue(today)),
        blocked=sum(1 for a in actions if a.status == "blocked"),
        due_soon=sum(
            1 for a in actions if a.open and a.due is not None and today <= a.due <= today + SOON
        ),
        done_since=sum(1 for a in actions if a.status == "done" and _done_since(a, since)),
        open=sum(1 for a in actions if a.open),
    )


def _done_since(action: Action, since: date | None) -> bool:
    if since is None:
        return True
    return any(u.date >= since for u in action.updates)


def action_status(action: Action, today: date) -> Html:
    parts = [esc(STATUS.get(action.status, words(action.status)))]
    if action.overdue(today):
        parts.append(badge("Overdue", "overdue"))
    return join_html(parts, " ")


@functools.lru_cache(maxsize=1024)
def time_html(day: date) -> Html:
    """A day as a ``<time>`` element. Cached (bounded): the change logs and action plans
    of a large site show a few hundred days tens of thousands of times."""
    return Html(f'<time datetime="{day.isoformat()}">{esc(human_date(day))}</time>')


def action_plan(ctx: Context, record: OrganisationRecord) -> list[str]:
    """An organisation's action plan: a line of where it stands, then every action."""
    out = [heading(2, "Action plan", "action-plan")]
    plan = record.action_plan
    if plan is None or not plan.actions:
        return [*out, block("<p>No actions recorded yet.</p>")]
    today = ctx.data.today
    counts: dict[str, int] = {}
    for a in plan.actions:
        counts[a.status] = counts.get(a.status, 0) + 1
    summary = list_words(
        [f"{counts[s]} {label.lower()}" for s, label in STATUS.items() if counts.get(s)]
    )
    overdue = sum(1 for a in plan.actions if a.overdue(today))
    line = (
        f"{plural(len(plan.actions), 'action')}: {summary}"
        + (f"; {overdue} overdue on {human_date(today)}" if overdue else "")
        + "."
    )
    rows = [_action_row(ctx, a, today) for a in plan.actions]
    table = Table(
        "action-plan-table",
        f"{record.name}: action plan",
        ["Action", "Status", "Due", "Owner (role)", "Statements", "Latest update"],
        rows,
    ).render()
    return [*out, block(f"<p>{esc(line)}</p>"), data_block(table)]


def _action_row(ctx: Context, a: Action, today: date) -> list[object]:
    title = Html(
        esc(a.title)
        + (f'<br><span class="impact-meta">Measure: {esc(a.measure)}</span>' if a.measure else "")
    )
    update: object = NO_VALUE
    if a.updates:
        u = max(a.updates, key=lambda u: u.date)
        note = ctx.render(u.note).removeprefix("<p>").removesuffix("</p>")
        update = Html(f"{time_html(u.date)}: {note}")
    statements = join_html([statement_link(s) for s in a.statements])
    due = time_html(a.due) if a.due else NO_VALUE
    return [title, action_status(a, today), due, a.owner, statements, update]


def action_plans(ctx: Context) -> dict[str, str]:
    path = "action-plans/index.md"
    today = ctx.data.today
    summary_rows, attention_rows = [], []
    for record in ctx.records:
        p = progress(ctx, record)
        summary_rows.append(
            [
                link(ctx.href(path, f"organisations/{record.id}.md", "action-plan"), record.name),
                Html(badge(f"{p.overdue} overdue", "overdue")) if p.overdue else "0",
                str(p.blocked),
                str(p.due_soon),
                str(p.done_since),
                str(p.open),
                str(p.total),
            ]
        )
        actions = record.action_plan.actions if record.action_plan else ()
        for a in actions:
            if a.overdue(today) or a.status == "blocked":
                attention_rows.append(
                    [
                        Html(esc(a.title)),
                        link(
                            ctx.href(path, f"organisations/{record.id}.md", "action-plan"),
                            record.name,
                        ),
                        action_status(a, today),
                        human_date(a.due) if a.due else NO_VALUE,
                        a.owner,
                    ]
                )
    blocks = [
        block(
            ctx.changed(),
            f"<p>Each organisation's action plan: what it will do about the gaps its "
            f"self-assessment found. Overdue means open (planned, in progress or "
            f"blocked) and past its due date on {esc(human_date(today))}.</p>",
        ),
        heading(2, "Progress by organisation", "progress"),
        block(
            Table(
                "action-summary-table",
                "Actions by organisation: overdue, blocked, due in the next three months, "
                "done since the previous review cycle, open and in all",
                ["Organisation", "Overdue", "Blocked", "Due soon", "Done since", "Open", "All"],
                summary_rows,
            ).render()
        ),
        heading(2, "Needing attention", "attention"),
    ]
    if attention_rows:
        blocks.append(
            block(
                f"<p>{esc(plural(len(attention_rows), 'action'))} overdue or blocked.</p>",
                Table(
                    "attention-table",
                    "Actions that are overdue or blocked",
                    ["Action", "Organisation", "Status", "Due", "Owner (role)"],
                    attention_rows,
                ).render(),
            )
        )
    else:
        blocks.append(block("<p>No action is overdue or blocked.</p>"))
    return {path: page("Action plans", *blocks)}
