"""The page of one organisation: all its cycles, its statements, its actions, its changes."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date

from impactctl.model import Action, Component, Framework, OrganisationRecord
from impactctl.papers.export import csv_text
from impactctl.review.history import RatingEvent
from impactctl.site import charts
from impactctl.site.context import Context, component_label, heading, human_date, page, words
from impactctl.site.html import (
    Html,
    Table,
    badge,
    block,
    csv_link,
    data_block,
    figure,
    join_html,
    link,
)
from impactctl.site.markdown import text as esc
from impactctl.site.measures import (
    NO_VALUE,
    CycleScores,
    delta,
    list_words,
    plural,
    score_text,
    signed,
)
from impactctl.site.options import Publish
from impactctl.site.statements import statement_link, statements_section

STATUS = {
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
    "blocked": "Blocked",
    "dropped": "Dropped",
}
TYPES = {
    "acute": "Acute trust",
    "mental-health": "Mental health trust",
    "community": "Community trust",
    "ambulance": "Ambulance trust",
    "primary-care": "Primary care",
    "icb": "Integrated care board",
    "system": "System",
    "other": "Organisation",
}


def organisation_page(ctx: Context, record: OrganisationRecord) -> dict[str, str]:
    path = f"organisations/{record.id}.md"
    scored = ctx.scores[record.id]
    publish = ctx.publish(record)
    files: dict[str, str] = {}
    blocks = [block(_meta(ctx, record, path, publish), ctx.changed(f"assessments/{record.id}"))]
    assessed = any(s.overall.value is not None for s in scored)
    if scored and not assessed:
        blocks += [
            heading(2, "Maturity over time", "maturity-over-time"),
            block(
                f"<p>No statement has been assessed yet (latest cycle: "
                f"{esc(scored[-1].cycle)}). The charts appear once the first levels "
                "are agreed.</p>"
            ),
        ]
    elif scored:
        trend, trend_csv = _trend(ctx, record, scored, path)
        blocks += [heading(2, "Maturity over time", "maturity-over-time"), trend]
        files[trend_csv[0]] = trend_csv[1]
    if scored:
        blocks.append(heading(2, "Latest against previous cycle", "latest-vs-previous"))
        if len(scored) > 1:
            lvp, lvp_csv = _latest_vs_previous(ctx, record, scored, path)
            blocks.append(lvp)
            files[lvp_csv[0]] = lvp_csv[1]
        else:
            blocks.append(
                block(
                    f"<p>{esc(scored[-1].cycle)} is the first review cycle, so "
                    "there is nothing to compare it with yet.</p>"
                )
            )
        blocks += statements_section(ctx, record, scored, publish)
    else:
        blocks.append(block("<p>No review cycle has been recorded for this organisation yet.</p>"))
    blocks += _action_plan(ctx, record)
    blocks += _change_log(ctx, record)
    files[path] = page(record.name, *blocks)
    return files


def _meta(ctx: Context, record: OrganisationRecord, path: str, publish: Publish) -> str:
    org = record.organisation
    parts = [esc(TYPES.get(org.type, words(org.type)) if org else "Organisation")]
    system = ctx.system_of(record)
    if system and system != record.id:
        target = ctx.repo.organisations.get(system)
        if target is not None and system in ctx.published_ids:
            parts.append(
                "part of " + link(ctx.href(path, f"organisations/{system}.md"), target.name)
            )
        else:
            parts.append("part of " + esc(ctx.system_name(system)))
    parts.append(esc(plural(len(record.cycles), "review cycle")))
    latest = record.latest
    lines = [f'<p class="impact-meta">{" · ".join(parts)}</p>']
    if latest is not None:
        status = "agreed" if latest.agreed else "draft, not yet agreed"
        when = f" on {human_date(latest.assessed_on)}" if latest.assessed_on else ""
        groups = sorted({p.group for p in latest.participants})
        people = sum(p.count for p in latest.participants)
        took_part = (
            f" {plural(people, 'person', 'people')} from "
            f"{plural(len(groups), 'group')} took part ("
            f"{list_words([words(g).lower() for g in groups])})."
            if groups
            else ""
        )
        lines.append(
            f"<p>Latest review cycle: <strong>{esc(latest.cycle)}</strong>, "
            f"{esc(status)}{esc(when)}.{esc(took_part)}</p>"
        )
    if publish is Publish.LEVELS:
        lines.append(
            '<p class="impact-meta">This site publishes the levels, trends and actions '
            "of this organisation. The reasons behind each rating (rationale, evidence, "
            "dissent and each group's notes) stay in the repository.</p>"
        )
    return "\n".join(lines)


def _components(scored: Sequence[CycleScores]) -> list[Component]:
    return list(scored[-1].framework.components)


def _trend(
    ctx: Context, record: OrganisationRecord, scored: Sequence[CycleScores], path: str
) -> tuple[str, tuple[str, str]]:
    framework = scored[-1].framework
    components = _components(scored)
    cycles = [s.cycle for s in scored]
    series = [
        charts.Series(
            component_label(c),
            tuple(s.components[c.id].value if c.id in s.components else None for s in scored),
        )
        for c in components
    ]
    headline = trend_headline(components, scored)
    firsts = []
    for c, s in zip(components, series, strict=True):
        known = [(cyc, v) for cyc, v in zip(cycles, s.values, strict=True) if v is not None]
        if known:
            firsts.append(
                f"{c.title}: {known[0][1]:.1f} in {known[0][0]}"
                + (f", {known[-1][1]:.1f} in {known[-1][0]}" if len(known) > 1 else "")
            )
    desc = (
        f"Line chart of the score of each of the {len(components)} components of "
        f"{record.name} (1 = {framework.levels[0].label} to {len(framework.levels)} = "
        f"{framework.levels[-1].label}) in each review cycle from {cycles[0]} to "
        f"{cycles[-1]}. " + "; ".join(firsts) + ". The table after the chart gives every "
        "value."
    )
    svg = charts.trend_chart(
        "trend", headline, desc, cycles, series, [lv.label for lv in framework.levels]
    )
    head = [
        "Component",
        *[f"{s.cycle}{' (draft)' if not s.assessment.agreed else ''}" for s in scored],
    ]
    rows: list[list[object]] = []
    csv_rows: list[list[object]] = []
    for c in components:
        values = [s.components.get(c.id) for s in scored]
        rows.append(
            [
                c.title,
                *[
                    score_text(s.framework, v.value if v else None)
                    for s, v in zip(scored, values, strict=True)
                ],
            ]
        )
        csv_rows.append([c.id, c.title, *[v.text if v else "" for v in values]])
    rows.append(
        [
            Html("<em>All components (overall)</em>"),
            *[score_text(s.framework, s.overall.value) for s in scored],
        ]
    )
    csv_rows.append(["overall", "All components (overall)", *[s.overall.text for s in scored]])
    table = Table(
        "trend-table",
        f"{record.name}: component scores per review cycle "
        "(mean level of each component's statements, 1 to "
        f"{len(framework.levels)})",
        head,
        rows,
        searchable=False,
    ).render()
    csv_path = f"data/organisations/{record.id}-maturity.csv"
    csv_body = csv_text(["component_id", "component", *cycles], csv_rows)
    html = data_block(
        figure(
            svg,
            headline,
            "Each line is a component; each point is the mean "
            "level of its statements in a review cycle.",
        ),
        table,
        csv_link(ctx.href(path, csv_path), "the maturity over time table"),
    )
    return html, (csv_path, csv_body)


Pair = tuple[Component, float, float]  # a component, its first and its latest score


def trend_headline(components: Sequence[Component], scored: Sequence[CycleScores]) -> str:
    first, last = scored[0], scored[-1]
    pairs: list[Pair] = []
    for c in components:
        a = first.components.get(c.id)
        b = last.components.get(c.id)
        if a and b and a.value is not None and b.value is not None:
            pairs.append((c, a.value, b.value))
    if len(scored) == 1 or not pairs:
        known = [
            (c, s.value)
            for c in components
            if (s := last.components.get(c.id)) and s.value is not None
        ]
        if not known:
            return f"No statement has been assessed yet in {last.cycle}"
        top = max(known, key=lambda k: k[1])
        low = min(known, key=lambda k: k[1])
        if top[1] == low[1]:
            return f"In {last.cycle} every component scores {top[1]:.1f}"
        return (
            f"In {last.cycle}, {component_label(top[0])} is the most mature component "
            f"({top[1]:.1f}) and {component_label(low[0])} the least ({low[1]:.1f})"
        )
    rose = [p for p in pairs if p[2] > p[1]]
    fell = [p for p in pairs if p[2] < p[1]]
    if len(pairs) < len(components):
        return _partial_headline(components, pairs, rose, fell, first.cycle)
    if len(rose) == len(pairs):
        text = f"Every component has matured since {first.cycle}"
    elif not rose:
        text = f"No component has matured since {first.cycle}"
    else:
        text = f"{len(rose)} of {len(pairs)} components have matured since {first.cycle}"
    if rose:
        best = max(rose, key=lambda p: p[2] - p[1])
        text += f"; {component_label(best[0])} rose most ({best[1]:.1f} to {best[2]:.1f})"
    if fell:
        text += f"; {list_words([component_label(p[0]) for p in fell])} fell"
    return text


def _partial_headline(
    components: Sequence[Component],
    pairs: list[Pair],
    rose: list[Pair],
    fell: list[Pair],
    since: str,
) -> str:
    """Some components were not assessed in both cycles: name what can be compared."""

    def names(group: Sequence[Component]) -> str:
        labels = [component_label(c) for c in group]
        return list_words(labels) if len(labels) <= 3 else f"{len(labels)} components"

    held = [p for p in pairs if p not in rose and p not in fell]
    bits = []
    if rose:
        bits.append(
            f"{names([p[0] for p in rose])} matured"
            + (f" ({rose[0][1]:.1f} to {rose[0][2]:.1f})" if len(rose) == 1 else "")
        )
    if fell:
        bits.append(f"{names([p[0] for p in fell])} fell")
    if held:
        bits.append(f"{names([p[0] for p in held])} held steady")
    compared = {p[0].id for p in pairs}
    missing = [c for c in components if c.id not in compared]
    text = f"Since {since}, " + "; ".join(bits) if bits else f"Since {since}"
    return text + f"; {names(missing)} cannot be compared (not assessed in both cycles)"


def _latest_vs_previous(
    ctx: Context, record: OrganisationRecord, scored: Sequence[CycleScores], path: str
) -> tuple[str, tuple[str, str]]:
    prev, last = scored[-2], scored[-1]
    framework = last.framework
    components = _components(scored)
    rows = []
    for c in components:
        a = prev.components.get(c.id)
        b = last.components.get(c.id)
        rows.append(
            charts.DotRow(component_label(c), a.value if a else None, b.value if b else None)
        )
    headline = movement_headline(rows, "components", f"since {prev.cycle}")
    desc = (
        f"Dot plot comparing each component's score in {prev.cycle} (hollow circle) with "
        f"{last.cycle} (filled circle), on the scale 1 = {framework.levels[0].label} to "
        f"{len(framework.levels)} = {framework.levels[-1].label}. "
        + "; ".join(f"{r.label}: {charts.dot_text(r)}" for r in rows)
        + "."
    )
    svg = charts.dot_plot(
        "lvp", headline, desc, rows, [lv.label for lv in framework.levels], prev.cycle, last.cycle
    )
    table_rows = []
    csv_rows = []
    for c, r in zip(components, rows, strict=True):
        d = delta(r.old, r.new)
        table_rows.append(
            [c.title, score_text(prev.framework, r.old), score_text(framework, r.new), signed(d)]
        )
        csv_rows.append(
            [
                c.id,
                c.title,
                "" if r.old is None else f"{r.old:.1f}",
                "" if r.new is None else f"{r.new:.1f}",
                "" if d is None else f"{d:.1f}",
            ]
        )
    table = Table(
        "lvp-table",
        f"{record.name}: component scores, {prev.cycle} against {last.cycle}",
        ["Component", f"Previous ({prev.cycle})", f"Latest ({last.cycle})", "Change"],
        table_rows,
        searchable=False,
    ).render()
    csv_path = f"data/organisations/{record.id}-latest-vs-previous.csv"
    csv_body = csv_text(["component_id", "component", prev.cycle, last.cycle, "change"], csv_rows)
    html = data_block(
        figure(
            svg,
            headline,
            f"Each row is a component: hollow circle {prev.cycle}, "
            f"filled circle {last.cycle}, arrow the direction of change.",
        ),
        table,
        csv_link(ctx.href(path, csv_path), "the latest against previous table"),
    )
    return html, (csv_path, csv_body)


def movement_headline(
    rows: Sequence[charts.DotRow], things: str, since: str, subject: str = ""
) -> str:
    """'4 of 5 components rose since 2024-25; none fell', counting moves of 0.1 or more."""
    compared = [(r.old, r.new) for r in rows if r.old is not None and r.new is not None]
    lead = f"{subject}: " if subject else ""
    if not compared:
        return f"{lead}nothing to compare with yet" if subject else "Nothing to compare with yet"
    n = len(compared)
    rose = sum(1 for old, new in compared if new - old >= 0.05)
    fell = sum(1 for old, new in compared if old - new >= 0.05)
    held = n - rose - fell
    one = things[:-1] if things.endswith("s") else things
    if rose == n and n > 1:
        text = f"all {n} {things} rose {since}"
    elif rose == 0 and n > 1:
        text = f"no {one} rose {since}"
    else:
        text = f"{rose} of {n} {things if n > 1 else one} rose {since}"
    if not subject:
        text = text[:1].upper() + text[1:]
    extra = []
    if held and rose != n:
        extra.append(f"{held} held steady")
    if rose != n or fell:
        extra.append(f"{fell} fell" if fell else "none fell")
    elif n > 1:
        extra.append("none fell")
    return lead + text + ("; " + " and ".join(extra) if extra else "")


def action_status(action: Action, today: date) -> Html:
    parts = [esc(STATUS.get(action.status, words(action.status)))]
    if action.overdue(today):
        parts.append(badge("Overdue", "overdue"))
    return join_html(parts, " ")


def _action_plan(ctx: Context, record: OrganisationRecord) -> list[str]:
    out = [heading(2, "Action plan", "action-plan")]
    plan = record.action_plan
    if plan is None or not plan.actions:
        return [*out, block("<p>No actions recorded yet.</p>")]
    today = ctx.data.today
    counts: dict[str, int] = {}
    for a in plan.actions:
        counts[a.status] = counts.get(a.status, 0) + 1
    overdue = sum(1 for a in plan.actions if a.overdue(today))
    summary = list_words(
        [
            f"{n} {STATUS.get(s, s).lower()}"
            for s, n in sorted(
                counts.items(), key=lambda kv: list(STATUS).index(kv[0]) if kv[0] in STATUS else 99
            )
        ]
    )
    summary_line = (
        f"{plural(len(plan.actions), 'action')}: {summary}"
        + (f"; {overdue} overdue at {human_date(today)}" if overdue else "")
        + "."
    )
    rows = []
    for a in plan.actions:
        title = Html(
            f"<strong>{esc(a.id)}</strong> {esc(a.title)}"
            + (
                f'<br><span class="impact-meta">Measure: {esc(a.measure)}</span>'
                if a.measure
                else ""
            )
        )
        statements = join_html([statement_link(s) for s in a.statements])
        due = _time(a.due) if a.due else NO_VALUE
        update = NO_VALUE
        if a.updates:
            u = max(a.updates, key=lambda u: u.date)
            update = Html(
                f"{_time(u.date)}: {ctx.render(u.note).removeprefix('<p>').removesuffix('</p>')}"
            )
        rows.append([title, action_status(a, today), a.owner, due, statements, update])
    table = Table(
        "action-plan-table",
        f"{record.name}: action plan",
        ["Action", "Status", "Owner (role)", "Due", "Statements", "Latest update"],
        rows,
    ).render()
    return [*out, block(f"<p>{esc(summary_line)}</p>", table)]


def _change_log(ctx: Context, record: OrganisationRecord) -> list[str]:
    out = [heading(2, "Change log", "change-log")]
    if ctx.data.changes.unavailable is not None:
        reason = esc(ctx.data.changes.unavailable)
        return [*out, block(f'<p class="impact-unavailable">Change log unavailable: {reason}</p>')]
    events = list(reversed(ctx.events.get(record.id, [])))
    if not events:
        return [*out, block("<p>No rating change has been recorded in git yet.</p>")]
    scored = ctx.scores[record.id]
    frameworks = {s.cycle: s.framework for s in scored}
    position: dict[str, int] = {}  # each cycle's first place in ``scored``
    for i, s in enumerate(scored):
        position.setdefault(s.cycle, i)
    fallback = ctx.framework
    # An organisation's changes come in a few commits: each commit's cell is made once.
    commits: dict[tuple[str, int | None], Html] = {}
    rows = []
    for e in events:
        fw = frameworks.get(e.cycle, fallback)
        words_ = _change_words(fw, e)
        if e.old is None and e.new is not None and position.get(e.cycle):
            # A new cycle file starts from the last one: a level carried forward unchanged
            # is not a change, and one that differs is a change from the previous cycle.
            before_cycle = scored[position[e.cycle] - 1]
            before = before_cycle.assessment.levels.get(e.statement)
            if before == e.new:
                continue
            if before is not None:
                words_ = (
                    f"{before_cycle.framework.label(before)} ({before_cycle.cycle})"
                    f" → {fw.label(e.new) if fw else e.new}"
                )
        commit = commits.get((e.commit, e.pr))
        if commit is None:
            commit = commits[e.commit, e.pr] = _commit(ctx, e)
        rows.append(
            [
                _time(e.date.date()),
                e.cycle,
                statement_link(e.statement) if fw and e.statement in fw.statements else e.statement,
                words_,
                commit,
            ]
        )
    if not rows:
        return [*out, block("<p>No rating change has been recorded in git yet.</p>")]
    intro = (
        "<p>Every change of an agreed level, newest first, from the repository's git "
        "history: which rating changed, in which commit or pull request, and when.</p>"
    )
    table = Table(
        "change-log-table",
        f"{record.name}: rating changes",
        ["Date", "Cycle", "Statement", "Change", "Commit"],
        rows,
        row_headers=False,
        searchable=False,
    ).render()
    return [*out, block(intro), data_block(table)]


@functools.lru_cache(maxsize=1024)
def _time(day: date) -> Html:
    """A day as a ``<time>`` element. Cached (bounded): the change logs and action plans
    of a large site show a few hundred days tens of thousands of times."""
    return Html(f'<time datetime="{day.isoformat()}">{esc(human_date(day))}</time>')


def _change_words(fw: Framework | None, e: RatingEvent) -> str:
    def label(level: str | None) -> str:
        return fw.label(level) if fw and level else str(level)

    if e.old is None:
        return f"first rated {label(e.new)}"
    if e.new is None:
        return f"rating removed (was {label(e.old)})"
    return f"{label(e.old)} → {label(e.new)}"


def _commit(ctx: Context, e: RatingEvent) -> Html:
    short = e.commit[:7]
    url = ctx.options.commit_url(e.commit)
    parts = [str(link(url, short)) if url else f"<code>{esc(short)}</code>"]
    if e.pr is not None:
        pr_url = ctx.options.pr_url(e.pr)
        parts.append(str(link(pr_url, f"#{e.pr}")) if pr_url else esc(f"#{e.pr}"))
    return join_html(parts, " · ")
