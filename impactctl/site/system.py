"""Pages across organisations: the overview, the list of organisations, each component
across the organisations of a system, and the action plans."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean

from impactctl.model import Component, OrganisationRecord
from impactctl.papers.export import csv_text
from impactctl.site import charts
from impactctl.site.context import (
    Context,
    component_label,
    heading,
    human_date,
    page,
    statement_anchor,
    words,
)
from impactctl.site.html import (
    Html,
    Table,
    badge,
    block,
    csv_link,
    data_block,
    figure,
    level_chip,
    link,
)
from impactctl.site.markdown import text as esc
from impactctl.site.measures import (
    NO_VALUE,
    delta,
    level_for,
    plural,
    rounded,
    score_text,
    signed,
)
from impactctl.site.organisation import STATUS, TYPES, action_status, movement_headline

MAX_DESC_ROWS = 20  # beyond this a chart's description points at the table instead


def _org_link(ctx: Context, source: str, record: OrganisationRecord, anchor: str = "") -> Html:
    return link(ctx.href(source, f"organisations/{record.id}.md", anchor), record.name)


def _cycle_note(ctx: Context, record: OrganisationRecord) -> str:
    latest = ctx.latest(record)
    if latest is None:
        return "no cycle yet"
    return latest.cycle + ("" if latest.assessment.agreed else " (draft)")


def overview(ctx: Context) -> dict[str, str]:
    path = "index.md"
    files: dict[str, str] = {}
    blocks = [block(ctx.changed())]
    fw = ctx.framework
    if not ctx.records or fw is None:
        blocks.append(block("<p>No organisation is published on this site yet.</p>"))
        return {path: page("Overview", *blocks)}
    intro = (
        f"<p>{esc(plural(len(ctx.records), 'organisation'))} "
        f"{'rates itself' if len(ctx.records) == 1 else 'rate themselves'} against the "
        f"framework <em>{esc(fw.title)}</em> ({esc(plural(len(fw.components), 'component'))}, "
        f"{esc(plural(len(fw.levels), 'level'))} from {esc(fw.levels[0].label)} to "
        f"{esc(fw.levels[-1].label)}). A component's score is the mean level of its "
        "statements in the organisation's latest review cycle.</p>"
    )
    blocks.append(block(intro))
    blocks.append(heading(2, "Latest level by organisation and component", "latest-levels"))
    heat, heat_csv = _heatmap(ctx, path, fw.components)
    blocks.append(heat)
    files[heat_csv[0]] = heat_csv[1]
    blocks.append(heading(2, "Trend since the previous cycle", "trend"))
    trend, trend_csv = _overall_trend(ctx, path)
    blocks.append(trend)
    files[trend_csv[0]] = trend_csv[1]
    files[path] = page("Overview", *blocks)
    return files


def _heatmap(
    ctx: Context, path: str, components: Sequence[Component]
) -> tuple[str, tuple[str, str]]:
    fw = ctx.framework
    assert fw is not None
    row_labels, cells, table_rows, csv_rows = [], [], [], []
    per_component: dict[str, list[float]] = {c.id: [] for c in components}
    for record in ctx.records:
        latest = ctx.latest(record)
        row_labels.append(record.name)
        row_cells, row_table = [], []
        for c in components:
            score = latest.components.get(c.id) if latest else None
            value = score.value if score else None
            level = level_for(latest.framework, value) if latest else None
            if value is not None:
                per_component[c.id].append(value)
            if value is None or level is None:
                row_cells.append(charts.Cell(None, "Not assessed"))
                row_table.append("Not assessed")
            else:
                row_cells.append(charts.Cell(level.rank, f"{level.label} {value:.1f}"))
                row_table.append(
                    Html(level_chip(level.rank, level.label, len(fw.levels)) + esc(f" {value:.1f}"))
                )
        cells.append(row_cells)
        table_rows.append([_org_link(ctx, path, record), _cycle_note(ctx, record), *row_table])
        csv_rows.append(
            [
                record.id,
                record.name,
                latest.cycle if latest else "",
                *[
                    (latest.components[c.id].text if latest and c.id in latest.components else "")
                    for c in components
                ],
            ]
        )
    means = {c.id: rounded(fmean(v)) for c in components if (v := per_component[c.id])}
    if means:
        low = min(components, key=lambda c: means.get(c.id, 99))
        high = max(components, key=lambda c: means.get(c.id, -1))
        who = (
            f"Across the {len(ctx.records)} organisations"
            if len(ctx.records) > 1
            else ctx.records[0].name
        )
        headline = (
            f"{who}, {component_label(low)} is the least mature component (average "
            f"{means[low.id]:.1f}) and {component_label(high)} the most "
            f"({means[high.id]:.1f})"
        )
    else:
        headline = "No statement has been assessed yet"
    desc = (
        "Heatmap: one row per organisation and one column per component; each cell "
        "names the level and gives the score of the organisation's latest review cycle, "
        "and darker cells are more mature. "
    )
    if len(ctx.records) <= MAX_DESC_ROWS:
        desc += " ".join(
            f"{label}: "
            + ", ".join(
                f"{component_label(c)} {cell.text}" for c, cell in zip(components, row, strict=True)
            )
            + "."
            for label, row in zip(row_labels, cells, strict=True)
        )
    else:
        desc += "The table after the chart gives every value."
    svg = charts.heatmap(
        "heatmap",
        headline,
        desc,
        row_labels,
        [component_label(c) for c in components],
        cells,
        [lv.label for lv in fw.levels],
    )
    table = Table(
        "heatmap-table",
        "Latest component scores by organisation (mean level of "
        f"each component's statements, 1 to {len(fw.levels)})",
        ["Organisation", "Latest cycle", *[component_label(c) for c in components]],
        table_rows,
        searchable=False,
    ).render()
    csv_path = "data/latest-levels.csv"
    body = csv_text(
        ["organisation_id", "organisation", "cycle", *[c.id for c in components]], csv_rows
    )
    html = data_block(
        figure(
            svg,
            headline,
            "Each cell is a component's level in the "
            "organisation's latest review cycle, with its score.",
        ),
        table,
        csv_link(ctx.href(path, csv_path), "the latest levels table"),
    )
    return html, (csv_path, body)


def _overall_trend(ctx: Context, path: str) -> tuple[str, tuple[str, str]]:
    fw = ctx.framework
    assert fw is not None
    rows, table_rows, csv_rows = [], [], []
    for record in ctx.records:
        latest, prev = ctx.latest(record), ctx.previous(record)
        old = prev.overall.value if prev else None
        new = latest.overall.value if latest else None
        rows.append(charts.DotRow(record.name, old, new))
        d = delta(old, new)
        table_rows.append(
            [
                _org_link(ctx, path, record),
                f"{prev.cycle}: {score_text(prev.framework, old)}" if prev else NO_VALUE,
                f"{latest.cycle}: {score_text(latest.framework, new)}" if latest else NO_VALUE,
                signed(d),
            ]
        )
        csv_rows.append(
            [
                record.id,
                record.name,
                prev.cycle if prev else "",
                "" if old is None else f"{old:.1f}",
                latest.cycle if latest else "",
                "" if new is None else f"{new:.1f}",
                "" if d is None else f"{d:.1f}",
            ]
        )
    headline = movement_headline(rows, "organisations", "since their previous review cycle")
    desc = (
        "Dot plot of each organisation's overall score (the mean of its component "
        "scores) in its previous review cycle (hollow circle) and its latest (filled "
        f"circle), on the scale 1 = {fw.levels[0].label} to {len(fw.levels)} = "
        f"{fw.levels[-1].label}. "
    )
    if len(rows) <= MAX_DESC_ROWS:
        desc += "; ".join(f"{r.label}: {charts.dot_text(r)}" for r in rows) + "."
    else:
        desc += "The table after the chart gives every value."
    svg = charts.dot_plot(
        "overall",
        headline,
        desc,
        rows,
        [lv.label for lv in fw.levels],
        "Previous cycle",
        "Latest cycle",
    )
    table = Table(
        "overall-table",
        "Overall score by organisation, previous against latest review cycle",
        ["Organisation", "Previous", "Latest", "Change"],
        table_rows,
        searchable=False,
    ).render()
    csv_path = "data/overall-latest-vs-previous.csv"
    body = csv_text(
        [
            "organisation_id",
            "organisation",
            "previous_cycle",
            "previous",
            "latest_cycle",
            "latest",
            "change",
        ],
        csv_rows,
    )
    html = data_block(
        figure(
            svg,
            headline,
            "Each row is an organisation: hollow circle its "
            "previous review cycle, filled circle its latest.",
        ),
        table,
        csv_link(ctx.href(path, csv_path), "the overall trend table"),
    )
    return html, (csv_path, body)


def organisations_index(ctx: Context) -> dict[str, str]:
    path = "organisations/index.md"
    rows = []
    for record in ctx.records:
        org = record.organisation
        latest = ctx.latest(record)
        rows.append(
            [
                _org_link(ctx, path, record),
                TYPES.get(org.type, words(org.type)) if org else NO_VALUE,
                ctx.system_name(ctx.system_of(record)) if ctx.system_of(record) else NO_VALUE,
                str(len(record.cycles)),
                _cycle_note(ctx, record),
                score_text(latest.framework, latest.overall.value) if latest else NO_VALUE,
            ]
        )
    body = [block(ctx.changed())]
    if rows:
        body.append(
            block(
                Table(
                    "organisations-table",
                    "Published organisations",
                    [
                        "Organisation",
                        "Type",
                        "System",
                        "Review cycles",
                        "Latest cycle",
                        "Overall score",
                    ],
                    rows,
                ).render()
            )
        )
    else:
        body.append(block("<p>No organisation is published on this site yet.</p>"))
    return {path: page("Organisations", *body)}


def _systems(ctx: Context) -> list[tuple[str | None, list[OrganisationRecord]]]:
    groups: dict[str | None, list[OrganisationRecord]] = {}
    for record in ctx.records:
        groups.setdefault(ctx.system_of(record), []).append(record)
    return sorted(groups.items(), key=lambda kv: (kv[0] is None, ctx.system_name(kv[0])))


def components(ctx: Context) -> dict[str, str]:
    fw = ctx.framework
    if fw is None:
        return {}
    files: dict[str, str] = {}
    index_rows = [
        [link(ctx.href("components/index.md", f"components/{c.id}.md"), c.title), c.summary]
        for c in fw.components
    ]
    files["components/index.md"] = page(
        "Components",
        block(ctx.changed()),
        block(
            "<p>Each component of the framework across the published organisations, "
            "grouped by system.</p>",
            Table(
                "components-table",
                "Components of the framework",
                ["Component", "What it is about"],
                index_rows,
            ).render(),
        ),
    )
    for c in fw.components:
        files.update(_component_page(ctx, c))
    return files


def _component_page(ctx: Context, component: Component) -> dict[str, str]:
    fw = ctx.framework
    assert fw is not None
    path = f"components/{component.id}.md"
    files: dict[str, str] = {}
    blocks = [
        block(
            ctx.changed(),
            f"<p>{esc(component.summary)}</p>",
            "<p>"
            + link(
                ctx.href(path, f"framework/{component.id}.md"),
                "The statements and level descriptors of this component",
            )
            + ".</p>",
        )
    ]
    csv_rows: list[list[object]] = []
    for n, (system, records) in enumerate(_systems(ctx), start=1):
        name = ctx.system_name(system)
        anchor = f"system-{system}" if system else "no-system"
        blocks.append(heading(2, name if system is None else f"System: {name}", anchor))
        rows, table_rows = [], []
        for record in records:
            latest, prev = ctx.latest(record), ctx.previous(record)
            new = (
                latest.components[component.id].value
                if latest and component.id in latest.components
                else None
            )
            old = (
                prev.components[component.id].value
                if prev and component.id in prev.components
                else None
            )
            rows.append(charts.DotRow(record.name, old, new))
            table_rows.append(
                [
                    _org_link(ctx, path, record, f"component-{component.id}"),
                    f"{prev.cycle}: {score_text(prev.framework, old)}" if prev else NO_VALUE,
                    f"{latest.cycle}: {score_text(latest.framework, new)}" if latest else NO_VALUE,
                    signed(delta(old, new)),
                ]
            )
            csv_rows.append(
                [
                    name,
                    record.id,
                    record.name,
                    prev.cycle if prev else "",
                    "" if old is None else f"{old:.1f}",
                    latest.cycle if latest else "",
                    "" if new is None else f"{new:.1f}",
                ]
            )
        headline = movement_headline(
            rows, "organisations", "since their previous review cycle", component_label(component)
        )
        desc = (
            f"Dot plot of the {component.title} score of each organisation in {name}: "
            "previous review cycle hollow, latest filled. "
            + (
                "; ".join(f"{r.label}: {charts.dot_text(r)}" for r in rows)
                if len(rows) <= MAX_DESC_ROWS
                else "The table after the chart gives every value."
            )
            + "."
        )
        chart_id = f"component-{n}"
        svg = charts.dot_plot(
            chart_id,
            headline,
            desc,
            rows,
            [lv.label for lv in fw.levels],
            "Previous cycle",
            "Latest cycle",
        )
        table = Table(
            f"{chart_id}-table",
            f"{component.title}: score by organisation in {name}",
            ["Organisation", "Previous", "Latest", "Change"],
            table_rows,
            searchable=False,
        ).render()
        blocks.append(
            data_block(
                figure(
                    svg,
                    headline,
                    "Each row is an organisation: hollow circle "
                    "its previous review cycle, filled circle its latest.",
                ),
                table,
            )
        )
        blocks.append(data_block(_statement_table(ctx, path, component, records, chart_id)))
    csv_path = f"data/components/{component.id}.csv"
    files[csv_path] = csv_text(
        [
            "system",
            "organisation_id",
            "organisation",
            "previous_cycle",
            "previous",
            "latest_cycle",
            "latest",
        ],
        csv_rows,
    )
    blocks.append(
        data_block(
            csv_link(
                ctx.href(path, csv_path),
                f"the {component.title.lower()} scores of every organisation",
            )
        )
    )
    files[path] = page(component.title, *blocks)
    return files


def _statement_table(
    ctx: Context,
    path: str,
    component: Component,
    records: Sequence[OrganisationRecord],
    chart_id: str,
) -> str:
    fw = ctx.framework
    assert fw is not None
    rows = []
    for record in records:
        latest = ctx.latest(record)
        row: list[object] = [_org_link(ctx, path, record, f"component-{component.id}")]
        for s in component.statements:
            level = latest.assessment.levels.get(s.id) if latest else None
            if latest is None or level is None:
                row.append(NO_VALUE)
                continue
            target = ctx.href(path, f"organisations/{record.id}.md", statement_anchor(s.id))
            chip = level_chip(
                latest.framework.rank(level), latest.framework.label(level), len(fw.levels)
            )
            row.append(Html(f'<a href="{esc(target)}">{chip}</a>'))
        rows.append(row)
    return Table(
        f"{chart_id}-statements",
        f"{component.title}: each statement's level in the latest review cycle",
        ["Organisation", *[f"Statement {s.id}" for s in component.statements]],
        rows,
        searchable=False,
    ).render()


def action_plans(ctx: Context) -> dict[str, str]:
    path = "action-plans/index.md"
    today = ctx.data.today
    summary_rows, attention_rows = [], []
    for record in ctx.records:
        actions = record.action_plan.actions if record.action_plan else ()
        counts = {s: sum(1 for a in actions if a.status == s) for s in STATUS}
        overdue = [a for a in actions if a.overdue(today)]
        summary_rows.append(
            [
                link(ctx.href(path, f"organisations/{record.id}.md", "action-plan"), record.name),
                str(len(actions)),
                *[str(counts[s]) for s in STATUS],
                Html(badge(f"{len(overdue)} overdue", "overdue")) if overdue else "0",
            ]
        )
        for a in actions:
            if a.overdue(today) or a.status == "blocked":
                due = human_date(a.due) if a.due else NO_VALUE
                attention_rows.append(
                    [
                        Html(f"<strong>{esc(a.id)}</strong> {esc(a.title)}"),
                        _org_link(ctx, path, record, "action-plan"),
                        action_status(a, today),
                        a.owner,
                        due,
                    ]
                )
    blocks = [
        block(
            ctx.changed(),
            f"<p>Each organisation's action plan: what it will do about the gaps its "
            f"self-assessment found. Overdue means open (planned, in progress or "
            f"blocked) and past its due date on {esc(human_date(today))}.</p>",
        )
    ]
    blocks.append(heading(2, "Progress by organisation", "progress"))
    blocks.append(
        block(
            Table(
                "action-summary-table",
                "Actions by status and organisation",
                ["Organisation", "Actions", *STATUS.values(), "Overdue"],
                summary_rows,
            ).render()
        )
    )
    blocks.append(heading(2, "Needing attention", "attention"))
    if attention_rows:
        blocks.append(
            block(
                f"<p>{esc(plural(len(attention_rows), 'action'))} overdue or blocked.</p>",
                Table(
                    "attention-table",
                    "Actions that are overdue or blocked",
                    ["Action", "Organisation", "Status", "Owner (role)", "Due"],
                    attention_rows,
                ).render(),
            )
        )
    else:
        blocks.append(block("<p>No action is overdue or blocked.</p>"))
    return {path: page("Action plans", *blocks)}
