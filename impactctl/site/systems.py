"""A page per system (an ICB and the organisations whose ``system`` names it): its members,
the system's level per component and its trend over cycles, and how the members spread."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median_low

from impactctl.model import Framework, OrganisationRecord
from impactctl.site import charts
from impactctl.site.context import Context, component_label, heading, page
from impactctl.site.html import Table, block, data_block, level_chip, multiples
from impactctl.site.markdown import text as esc
from impactctl.site.measures import NO_VALUE, CycleScores, plural
from impactctl.site.organisation import TYPES
from impactctl.site.overview import org_link
from impactctl.site.system_levels import SYSTEM_WORDS, system_level, systems


def system_pages(ctx: Context) -> dict[str, str]:
    fw = ctx.framework
    if fw is None:
        return {}
    return {
        f"systems/{system}.md": _system_page(ctx, fw, system, members)
        for system, members in systems(ctx)
    }


def _system_page(
    ctx: Context, fw: Framework, system: str, members: Sequence[OrganisationRecord]
) -> str:
    path = f"systems/{system}.md"
    rows = []
    for r in members:
        latest = ctx.latest(r)
        org = r.organisation
        rows.append(
            [
                org_link(ctx, path, r),
                TYPES.get(org.type, org.type) if org else NO_VALUE,
                latest.cycle_label if latest else NO_VALUE,
                latest.overall.text.capitalize() if latest else NO_VALUE,
            ]
        )
    members_table = Table(
        "members-table",
        f"Members of {ctx.system_name(system)}",
        ["Organisation", "Type", "Latest cycle", "Overall level"],
        rows,
    ).render()
    blocks = [
        block(
            ctx.changed(),
            f"<p>{esc(plural(len(members), 'published organisation'))} in this system. "
            f"{esc(SYSTEM_WORDS)}</p>",
        ),
        heading(2, "Members", "members"),
        block(members_table),
        heading(2, "The system by component", "by-component"),
        data_block(_by_component(ctx, fw, members)),
        heading(2, "The system over time", "over-time"),
        data_block(_over_time(ctx, fw, members)),
    ]
    return page(ctx.system_name(system), *blocks)


def _by_component(ctx: Context, fw: Framework, members: Sequence[OrganisationRecord]) -> str:
    drafts = sum(1 for r in members if (s := ctx.latest(r)) is not None and s.draft)
    rows = []
    for c in fw.components:
        measured = system_level(ctx, fw, members, c.id)
        if measured.level is None:
            rows.append([c.title, "Not assessed", NO_VALUE])
            continue
        mid = measured.level
        rows.append([c.title, level_chip(mid.rank, mid.label, len(fw.levels)), measured.spread])
    note = f" ({plural(drafts, 'draft')} not yet agreed among them)" if drafts else ""
    return Table(
        "system-components-table",
        f"The system's level per component, from each member's latest review cycle{note}; "
        "and how many members are at each level",
        ["Component", "System level", "Members' spread"],
        rows,
        searchable=False,
    ).render()


def _over_time(ctx: Context, fw: Framework, members: Sequence[OrganisationRecord]) -> str:
    cycles: dict[str, list[CycleScores]] = {}
    order: list[str] = []
    for r in members:
        for s in ctx.scores.get(r.id, []):
            if s.framework is not fw:
                continue
            if s.cycle not in cycles:
                order.append(s.cycle)
            cycles.setdefault(s.cycle, []).append(s)
    order.sort()
    if not order:
        return "<p>No review cycle recorded yet.</p>"
    drafts = [any(s.draft for s in cycles[c]) for c in order]
    levels = [lv.label for lv in fw.levels]
    panels, rows = [], []
    for k, comp in enumerate(fw.components):
        values: list[float | None] = []
        for c in order:
            ranks = [
                m.level.rank for s in cycles[c] if (m := s.components.get(comp.id)) and m.level
            ]
            values.append(float(median_low(ranks)) if ranks else None)
        panels.append(
            charts.trend_chart(
                f"system-trend-{k + 1}",
                f"{comp.title}: the system's level per review cycle",
                f"Line chart of the middle level of the members for {comp.title} in each "
                f"review cycle from {order[0]} to {order[-1]}. The table after the charts "
                "gives every value.",
                order,
                [charts.Series(component_label(comp), tuple(values))],
                levels,
                drafts=drafts,
                columns=1,
            )
        )
        rows.append([comp.title, *[levels[int(v) - 1] if v else NO_VALUE for v in values]])
    table = Table(
        "system-trend-table",
        "The system's level per component and review cycle (middle of the members who "
        "assessed that cycle)",
        [
            "Component",
            *[c + (" (incl. drafts)" if d else "") for c, d in zip(order, drafts, strict=True)],
        ],
        rows,
        searchable=False,
        reflow=False,
    ).render()
    headline = f"The system's level per component, {order[0]} to {order[-1]}" + (
        "; hollow points include drafts not yet agreed" if any(drafts) else ""
    )
    return multiples(panels, headline, SYSTEM_WORDS) + "\n" + table
