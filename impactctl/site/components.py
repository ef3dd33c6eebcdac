"""Each component across the organisations, grouped by system."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from impactctl.csvtext import csv_text
from impactctl.model import Component, Framework, OrganisationRecord
from impactctl.site import charts, summaries
from impactctl.site.context import Context, component_label, heading, page, statement_anchor
from impactctl.site.html import Html, Table, block, csv_link, data_block, figure, level_chip, link
from impactctl.site.markdown import text as esc
from impactctl.site.measures import (
    MEASURE_WORDS,
    NO_VALUE,
    movement_cells,
    score_text,
)
from impactctl.site.org_charts import movement_headline
from impactctl.site.overview import org_link
from impactctl.site.revisions import version_path
from impactctl.site.scale import by_system


def _systems(ctx: Context) -> list[tuple[str | None, list[OrganisationRecord]]]:
    groups: dict[str | None, list[OrganisationRecord]] = {}
    for record in ctx.records:
        groups.setdefault(ctx.system_of(record), []).append(record)
    return sorted(groups.items(), key=lambda kv: (kv[0] is None, ctx.system_name(kv[0])))


def other_frameworks(ctx: Context) -> list[Context]:
    """A view of the site for each other framework id that an organisation's latest cycle
    uses: its latest version, and only those organisations (so a repository with two
    frameworks publishes the component pages of both)."""
    main = ctx.framework
    latest_ids = {
        s.framework.id: s.framework
        for r in ctx.records
        if (s := ctx.latest(r)) is not None and main is not None and s.framework.id != main.id
    }
    views = []
    for fw_id, fw in sorted(latest_ids.items()):
        view = copy.copy(ctx)
        view.framework = fw
        view.records = [
            r for r in ctx.records if (s := ctx.latest(r)) is not None and s.framework.id == fw_id
        ]
        views.append(view)
    return views


def _framework_page(fw: Framework, component: Component, folder: str) -> str:
    """Where a component's statements and descriptors are: the framework pages of the main
    framework, or the version page of another."""
    if folder == "components":
        return f"framework/{component.id}.md"
    return version_path(fw)


def components(ctx: Context) -> dict[str, str]:
    files = _components(ctx, "components")
    for view in other_frameworks(ctx):
        assert view.framework is not None
        files.update(_components(view, f"components/{view.framework.id}"))
    return files


def _components(ctx: Context, folder: str) -> dict[str, str]:
    fw = ctx.framework
    if fw is None:
        return {}
    files: dict[str, str] = {}
    index = f"{folder}/index.md"
    index_rows = [
        [link(ctx.href(index, f"{folder}/{c.id}.md"), c.title), c.summary] for c in fw.components
    ]
    files[index] = page(
        "Components" if folder == "components" else f"Components: {fw.title}",
        block(ctx.changed()),
        block(
            f"<p>Each component of the framework <em>{esc(fw.title)}</em> across the "
            "published organisations, grouped by system.</p>",
            Table(
                "components-table",
                "Components of the framework",
                ["Component", "What it is about"],
                index_rows,
            ).render(),
        ),
    )
    for c in fw.components:
        files.update(_component_page(ctx, c, folder))
    return files


def _component_page(ctx: Context, component: Component, folder: str) -> dict[str, str]:
    fw = ctx.framework
    assert fw is not None
    path = f"{folder}/{component.id}.md"
    files: dict[str, str] = {}
    blocks = [
        block(
            ctx.changed(),
            f"<p>{esc(component.summary)}</p>",
            "<p>"
            + link(
                ctx.href(path, _framework_page(fw, component, folder)),
                "The statements and level descriptors of this component",
            )
            + ".</p>",
        )
    ]
    csv_rows: list[list[object]] = []
    if by_system(len(ctx.records)):
        blocks.append(block(summaries.intro(ctx, path, "levels for this component")))
        blocks.append(heading(2, "By system", "by-system"))
        blocks.append(data_block(summaries.component_by_system(ctx, path, component)))
        for system, records in _systems(ctx):  # each organisation's row, for the CSV file
            _system_rows(ctx, path, component, ctx.system_name(system), records, csv_rows)
    else:
        blocks += _by_organisation(ctx, path, component, csv_rows)
    csv_path = f"data/{folder}/{component.id}.csv"
    if len(ctx.records) > STATEMENTS_INLINE:
        files.update(_statement_csv(ctx, component, folder))
        blocks.append(
            data_block(
                csv_link(
                    ctx.href(path, f"data/{folder}/{component.id}-statements.csv"),
                    "each organisation's level for each statement of this component",
                )
            )
        )
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
                f"the {component.title.lower()} levels of every organisation",
            )
        )
    )
    files[path] = page(component.title, *blocks)
    return files


def _by_organisation(
    ctx: Context, path: str, component: Component, csv_rows: list[list[object]]
) -> list[str]:
    """A section per system: a chart and table of its organisations (and their CSV rows)."""
    fw = ctx.framework
    assert fw is not None
    blocks: list[str] = []
    levels = [lv.label for lv in fw.levels]
    for n, (system, records) in enumerate(_systems(ctx), start=1):
        name = ctx.system_name(system)
        anchor = f"system-{system}" if system else "no-system"
        blocks.append(heading(2, name if system is None else f"System: {name}", anchor))
        rows, table_rows = _system_rows(ctx, path, component, name, records, csv_rows)
        headline = movement_headline(
            rows, "organisations", "since their previous review cycle", component_label(component)
        )
        desc = (
            f"Dot plot of the {component.title} level of each organisation in {name}: "
            "previous review cycle hollow, latest filled (a hollow diamond for a draft). "
            + charts.dots_in_words(rows, levels)
        )
        chart_id = f"component-{n}"
        svg = charts.dot_plot(
            chart_id,
            headline,
            desc,
            rows,
            levels,
            "Previous cycle",
            "Latest cycle",
        )
        table = Table(
            f"{chart_id}-table",
            f"{component.title}: level by organisation in {name}",
            ["Organisation", "Previous", "Latest", "Change"],
            table_rows,
            searchable=False,
        ).render()
        blocks.append(
            data_block(
                figure(
                    svg,
                    headline,
                    "Each row is an organisation: hollow circle its previous review cycle, "
                    "filled circle its latest (a hollow diamond when that is a draft). "
                    + MEASURE_WORDS,
                ),
                table,
            )
        )
        if len(ctx.records) <= STATEMENTS_INLINE:
            blocks.append(data_block(_statement_table(ctx, path, component, records, chart_id)))
    return blocks


def _system_rows(
    ctx: Context,
    path: str,
    component: Component,
    name: str,
    records: Sequence[OrganisationRecord],
    csv_rows: list[list[object]],
) -> tuple[list[charts.DotRow], list[list[object]]]:
    """One system's organisations: chart rows and table rows (and their CSV rows)."""
    fw = ctx.framework
    assert fw is not None
    rows: list[charts.DotRow] = []
    table_rows: list[list[object]] = []
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
        rows.append(charts.DotRow(record.name, old, new, bool(latest and latest.draft)))
        table_rows.append(
            [
                org_link(ctx, path, record, f"component-{component.id}"),
                *movement_cells(prev, latest, old, new),
            ]
        )
        csv_rows.append(
            [
                name,
                record.id,
                record.name,
                prev.cycle if prev else "",
                "" if old is None else score_text(fw, old),
                latest.cycle_label if latest else "",
                "" if new is None else score_text(fw, new),
            ]
        )
    return rows, table_rows


STATEMENTS_INLINE = 20  # more organisations: each statement's level is a CSV, not a table


def _statement_csv(ctx: Context, component: Component, folder: str) -> dict[str, str]:
    """Each statement's latest level for every organisation, as data: at national scale
    the table was half of a component page (250 organisations x its statements)."""
    rows = []
    for record in ctx.records:
        latest = ctx.latest(record)
        levels = latest.assessment.levels if latest else {}
        rows.append(
            [
                record.id,
                record.name,
                latest.cycle_label if latest else "",
                *[
                    latest.framework.label(levels[s.id]) if latest and s.id in levels else ""
                    for s in component.statements
                ],
            ]
        )
    head = [
        "organisation_id",
        "organisation",
        "cycle",
        *[f"{s.id} {s.short_title}" for s in component.statements],
    ]
    return {f"data/{folder}/{component.id}-statements.csv": csv_text(head, rows)}


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
        row: list[object] = [org_link(ctx, path, record, f"component-{component.id}")]
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
        ["Organisation", *[f"{s.id} {s.short_title}" for s in component.statements]],
        rows,
        searchable=False,
        reflow=False,
    ).render()
