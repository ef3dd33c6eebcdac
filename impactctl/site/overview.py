"""The overview (where everyone stands, on track?, the trend) and the list of organisations."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median_low

from impactctl.csvtext import csv_text
from impactctl.model import Component, OrganisationRecord
from impactctl.site import charts, summaries
from impactctl.site.actions import progress
from impactctl.site.context import Context, component_label, heading, page, words
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
    wide_figure,
)
from impactctl.site.markdown import text as esc
from impactctl.site.measures import (
    MEASURE_WORDS,
    NO_VALUE,
    movement_cells,
    plural,
    score_text,
)
from impactctl.site.org_charts import movement_headline
from impactctl.site.organisation import TYPES, target_words
from impactctl.site.scale import by_system


def org_link(ctx: Context, source: str, record: OrganisationRecord, anchor: str = "") -> Html:
    return link(ctx.href(source, f"organisations/{record.id}.md", anchor), record.name)


def _cycle_note(ctx: Context, record: OrganisationRecord) -> str:
    latest = ctx.latest(record)
    return "no cycle yet" if latest is None else latest.cycle_label


def overview(ctx: Context) -> dict[str, str]:
    path = "index.md"
    files: dict[str, str] = {}
    blocks = [block(ctx.changed())]
    fw = ctx.framework
    if not ctx.records or fw is None:
        blocks.append(block("<p>No organisation is published on this site yet.</p>"))
        return {path: page("Overview", *blocks)}
    drafts = sum(1 for r in ctx.records if (s := ctx.latest(r)) is not None and s.draft)
    intro = (
        f"<p>{esc(plural(len(ctx.records), 'organisation'))} "
        f"{'rates itself' if len(ctx.records) == 1 else 'rate themselves'} against the "
        f"framework <em>{esc(fw.title)}</em> ({esc(plural(len(fw.components), 'component'))}, "
        f"{esc(plural(len(fw.levels), 'level'))} from {esc(fw.levels[0].label)} to "
        f"{esc(fw.levels[-1].label)}). Each shows its latest review cycle"
        + (
            f"; {esc(plural(drafts, 'of them is a draft', 'of them are drafts'))}, not yet "
            "agreed, and marked as such"
            if drafts
            else ""
        )
        + f". {esc(MEASURE_WORDS)}</p>"
    )
    blocks.append(block(intro))
    scaled = by_system(len(ctx.records))
    if scaled:
        blocks.append(block(summaries.intro(ctx, path, "levels, trend and actions")))
    blocks += _on_track(ctx, path, files)
    who = "system" if scaled else "organisation"
    blocks.append(heading(2, f"Latest level by {who} and component", "latest-levels"))
    heat, heat_csv = _heatmap(ctx, path, fw.components)
    blocks.append(heat)
    files[heat_csv[0]] = heat_csv[1]
    blocks.append(heading(2, "Trend since the previous cycle", "trend"))
    trend_csv = _trend_csv(ctx)
    trend = summaries.overall_trend(ctx, path) if scaled else _overall_trend(ctx, path)
    what = "each organisation's overall trend" if scaled else "the overall trend table"
    blocks.append(data_block(trend, csv_link(ctx.href(path, trend_csv[0]), what)))
    files[trend_csv[0]] = trend_csv[1]
    files[path] = page("Overview", *blocks)
    return files


def _on_track(ctx: Context, path: str, files: dict[str, str]) -> list[str]:
    """Are we on track? Actions and targets across the organisations, in words and a table
    (one row per organisation, or past the scale threshold per system with a CSV file)."""
    progress_by = [(r, progress(ctx, r)) for r in ctx.records]
    totals = [sum(getattr(p, f) for _, p in progress_by) for f in FIELDS]
    targets = {r.id: target_words(ctx, r)[:2] for r in ctx.records}
    set_ = sum(s for s, _ in targets.values())
    reached = sum(k for _, k in targets.values())
    words_ = (
        f"Across the action plans: {totals[0]} overdue, {totals[1]} blocked, {totals[2]} due "
        f"in the next three months and {totals[3]} done since each organisation's previous "
        "review cycle."
    )
    if set_:
        words_ += (
            f" Of {plural(set_, 'target')} set in the previous review cycles, {reached} "
            f"{'was' if reached == 1 else 'were'} reached in the latest."
        )
    words_html = block(f"<p>{esc(words_)}</p>")
    if by_system(len(ctx.records)):
        by_id = {r.id: p for r, p in progress_by}
        csv_path = "data/on-track.csv"
        files[csv_path] = summaries.on_track_csv(ctx, by_id, targets)
        table = summaries.on_track_table(ctx, path, by_id, targets)
        link_ = csv_link(ctx.href(path, csv_path), "each organisation's actions and targets")
        return [heading(2, "On track?", "on-track"), words_html, data_block(table, link_)]
    rows = [
        [
            org_link(ctx, path, r, "on-track"),
            Html(badge(f"{p.overdue} overdue", "overdue")) if p.overdue else "0",
            str(p.blocked),
            str(p.due_soon),
            str(p.done_since),
            _targets(ctx, r),
        ]
        for r, p in progress_by
    ]
    table = Table(
        "on-track-table",
        "On track? Actions overdue, blocked, due in the next three months and done since the "
        "previous review cycle; targets reached",
        ["Organisation", "Overdue", "Blocked", "Due soon", "Done since", "Targets reached"],
        rows,
    ).render()
    return [heading(2, "On track?", "on-track"), words_html, data_block(table)]


FIELDS = ("overdue", "blocked", "due_soon", "done_since")


def _targets(ctx: Context, record: OrganisationRecord) -> str:
    set_, reached, _ = target_words(ctx, record)
    return f"{reached} of {set_}" if set_ else NO_VALUE


def _heat_row(
    ctx: Context, record: OrganisationRecord, components: Sequence[Component]
) -> tuple[list[charts.Cell], list[object], list[object]]:
    fw = ctx.framework
    assert fw is not None
    latest = ctx.latest(record)
    cells: list[charts.Cell] = []
    table: list[object] = []
    csv: list[object] = []
    for c in components:
        score = latest.components.get(c.id) if latest else None
        if latest is None or score is None or score.level is None:
            cells.append(charts.Cell(None, "Not assessed"))
            table.append("Not assessed")
            csv.append("")
            continue
        cells.append(charts.Cell(score.level.rank, score.level.label, latest.draft))
        table.append(level_chip(score.level.rank, score.level.label, len(fw.levels)))
        csv.append(score.level.label)
    return cells, table, csv


def _heatmap(
    ctx: Context, path: str, components: Sequence[Component]
) -> tuple[str, tuple[str, str]]:
    fw = ctx.framework
    assert fw is not None
    cells, table_rows, csv_rows = [], [], []
    for record in ctx.records:
        row_cells, row_table, row_csv = _heat_row(ctx, record, components)
        cells.append(row_cells)
        table_rows.append([org_link(ctx, path, record), _cycle_note(ctx, record), *row_table])
        latest = ctx.latest(record)
        csv_rows.append(
            [
                record.id,
                record.name,
                latest.cycle if latest else "",
                "draft" if latest and latest.draft else "agreed",
                *row_csv,
            ]
        )
    headline = _heat_headline(ctx, components, cells)
    csv_path = "data/latest-levels.csv"
    body = csv_text(
        ["organisation_id", "organisation", "cycle", "status", *[c.id for c in components]],
        csv_rows,
    )
    if by_system(len(ctx.records)):
        link_ = csv_link(ctx.href(path, csv_path), "each organisation's latest levels")
        heat = summaries.latest_levels(ctx, path, components, headline)
        return data_block(heat, link_), (csv_path, body)
    desc = (
        "Heatmap: one row per organisation and one column per component; each cell "
        "names the level of the organisation's latest review cycle and shows it as filled "
        "squares and a darker tint; a dashed border marks a draft. "
    )
    names = [r.name for r in ctx.records]
    labels = [component_label(c) for c in components]
    desc += charts.cells_in_words(names, labels, cells, " (draft)")
    svg = charts.heatmap(
        "heatmap",
        headline,
        desc,
        names,
        labels,
        cells,
        [lv.label for lv in fw.levels],
    )
    table = Table(
        "heatmap-table",
        "Each component's level in each organisation's latest review cycle",
        ["Organisation", "Latest cycle", *[component_label(c) for c in components]],
        table_rows,
        searchable=False,
    ).render()
    html = data_block(
        wide_figure(
            svg,
            headline,
            "Each cell is a component's level in the organisation's latest review cycle. "
            + MEASURE_WORDS,
        ),
        table,
        csv_link(ctx.href(path, csv_path), "the latest levels table"),
    )
    return html, (csv_path, body)


def _heat_headline(
    ctx: Context, components: Sequence[Component], cells: Sequence[Sequence[charts.Cell]]
) -> str:
    """The least and most mature components, by the median across the agreed cycles."""
    ranks: dict[str, list[int]] = {c.id: [] for c in components}
    drafts = 0
    for row in cells:
        drafts += any(cell.draft for cell in row)
        for c, cell in zip(components, row, strict=True):
            if cell.rank is not None and not cell.draft:
                ranks[c.id].append(cell.rank)
    fw = ctx.framework
    assert fw is not None
    middle = {c.id: median_low(v) for c in components if (v := ranks[c.id])}
    if not middle:
        return "Every organisation's latest review cycle is a draft, not yet agreed"
    low = min((c for c in components if c.id in middle), key=lambda c: middle[c.id])
    high = max((c for c in components if c.id in middle), key=lambda c: middle[c.id])
    agreed = len(ctx.records) - drafts
    who = f"Across the {plural(agreed, 'agreed latest cycle')}"
    if middle[low.id] == middle[high.id]:
        text = f"{who}, every component's middle level is {fw.levels[middle[low.id] - 1].label}"
    else:
        text = (
            f"{who}, {component_label(low)} is the least mature component (middle level "
            f"{fw.levels[middle[low.id] - 1].label}) and {component_label(high)} the most "
            f"({fw.levels[middle[high.id] - 1].label})"
        )
    return text + (f"; {plural(drafts, 'draft')} not yet agreed not counted" if drafts else "")


def _overall_trend(ctx: Context, path: str) -> str:
    """Each organisation's overall level, previous against latest: chart and table."""
    fw = ctx.framework
    assert fw is not None
    levels = [lv.label for lv in fw.levels]
    rows, table_rows = [], []
    for record in ctx.records:
        latest, prev = ctx.latest(record), ctx.previous(record)
        old = prev.overall.value if prev else None
        new = latest.overall.value if latest else None
        rows.append(charts.DotRow(record.name, old, new, latest is not None and latest.draft))
        table_rows.append([org_link(ctx, path, record), *movement_cells(prev, latest, old, new)])
    headline = movement_headline(rows, "organisations", "since their previous review cycle")
    desc = (
        "Dot plot of each organisation's overall level (the middle of its component "
        "levels) in its previous review cycle (hollow circle) and its latest (filled "
        f"circle, or a hollow diamond for a draft), on the scale 1 = {levels[0]} to "
        f"{len(levels)} = {levels[-1]}. "
    )
    desc += charts.dots_in_words(rows, levels)
    svg = charts.dot_plot("overall", headline, desc, rows, levels, "Previous cycle", "Latest cycle")
    table = Table(
        "overall-table",
        "Overall level by organisation, previous against latest review cycle",
        ["Organisation", "Previous", "Latest", "Change"],
        table_rows,
        searchable=False,
    ).render()
    chart = figure(
        svg,
        headline,
        "Each row is an organisation: hollow circle its previous review cycle, filled "
        "circle its latest (a hollow diamond when that is a draft). " + MEASURE_WORDS,
    )
    return chart + "\n" + table


def _trend_csv(ctx: Context) -> tuple[str, str]:
    """Each organisation's overall level, previous against latest, as data."""
    fw = ctx.framework
    assert fw is not None
    rows = []
    for record in ctx.records:
        latest, prev = ctx.latest(record), ctx.previous(record)
        old = prev.overall.value if prev else None
        new = latest.overall.value if latest else None
        rows.append(
            [
                record.id,
                record.name,
                prev.cycle if prev else "",
                score_text(fw, old) if old is not None else "",
                latest.cycle if latest else "",
                "draft" if latest is not None and latest.draft else "agreed",
                score_text(fw, new) if new is not None else "",
            ]
        )
    head = ["organisation_id", "organisation", "previous_cycle", "previous", "latest_cycle"]
    return "data/overall-latest-vs-previous.csv", csv_text([*head, "latest_status", "latest"], rows)


def organisations_index(ctx: Context) -> dict[str, str]:
    path = "organisations/index.md"
    rows = []
    for record in ctx.records:
        org = record.organisation
        latest = ctx.latest(record)
        rows.append(
            [
                org_link(ctx, path, record),
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
                        "Overall level",
                    ],
                    rows,
                ).render()
            )
        )
    else:
        body.append(block("<p>No organisation is published on this site yet.</p>"))
    return {path: page("Organisations", *body)}
