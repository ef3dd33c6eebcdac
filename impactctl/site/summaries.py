"""The overview's and the component pages' sections past the scale threshold: one row per
system, linking to the system's page, instead of one per organisation.

At national scale (250 organisations) a row per organisation made the overview 750 KB and
each component page 340 KB, too heavy for a board member's phone. Here a system is
measured as on its own page (``system_levels``); each organisation's own numbers stay on
its page and in the CSV files that the overview and the component pages offer beside these
tables. Headlines still count organisations, so they say the same as on a small site.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from statistics import median_low

from impactctl.csvtext import csv_text
from impactctl.model import Component, OrganisationRecord
from impactctl.site import charts
from impactctl.site.actions import Progress
from impactctl.site.context import Context, component_label
from impactctl.site.html import Html, Table, badge, figure, level_chip, link, wide_figure
from impactctl.site.markdown import text as esc
from impactctl.site.measures import MEASURE_WORDS, NO_VALUE, CycleScores, plural, score_text
from impactctl.site.org_charts import movement_headline
from impactctl.site.system_levels import SYSTEM_WORDS, system_level, systems, unaffiliated

Group = tuple[str | None, list[OrganisationRecord]]  # a system (None: no system), members
Measure = Callable[[CycleScores], float | None]  # one value of a cycle: a level's rank


def groups(ctx: Context) -> list[Group]:
    """Each system with its members, then the organisations that belong to none."""
    out: list[Group] = list(systems(ctx))
    rest = unaffiliated(ctx)
    if rest:
        out.append((None, rest))
    return out


def group_link(ctx: Context, source: str, system: str | None) -> Html:
    """A system's name, linked to its page; organisations of no system, to the list."""
    target = "organisations/index.md" if system is None else f"systems/{system}.md"
    return link(ctx.href(source, target), ctx.system_name(system))


def intro(ctx: Context, source: str, things: str) -> str:
    """The paragraph that says the page summarises by system, and where the detail is."""
    rest = (
        ", and the organisations that belong to no system share the last row"
        if unaffiliated(ctx)
        else ""
    )
    return (
        f"<p>With {esc(plural(len(ctx.records), 'published organisation'))} in "
        f"{esc(plural(len(systems(ctx)), 'system'))}, this page summarises by system: each "
        f"row is a system, linked to its page, which lists its members{esc(rest)}. Each "
        f"organisation's own {esc(things)} are on its page (from "
        + link(ctx.href(source, "organisations/index.md"), "the list of organisations")
        + ") and in the CSV downloads below each table, one row per organisation. "
        f"{esc(SYSTEM_WORDS)}</p>"
    )


# --- On track? -------------------------------------------------------------------------

ON_TRACK = ("overdue", "blocked", "due_soon", "done_since")


def on_track_table(
    ctx: Context,
    path: str,
    progress_by: Mapping[str, Progress],
    targets: Mapping[str, tuple[int, int]],
) -> str:
    """One row per system: its members' actions and targets, added up."""
    rows = []
    for system, members in groups(ctx):
        sums = [sum(getattr(progress_by[r.id], f) for r in members) for f in ON_TRACK]
        set_ = sum(targets[r.id][0] for r in members)
        reached = sum(targets[r.id][1] for r in members)
        rows.append(
            [
                group_link(ctx, path, system),
                str(len(members)),
                Html(badge(f"{sums[0]} overdue", "overdue")) if sums[0] else "0",
                *map(str, sums[1:]),
                f"{reached} of {set_}" if set_ else NO_VALUE,
            ]
        )
    return Table(
        "on-track-table",
        "On track? For each system, its members' actions overdue, blocked, due in the next "
        "three months and done since their previous review cycle; targets reached",
        ["System", "Members", "Overdue", "Blocked", "Due soon", "Done since", "Targets reached"],
        rows,
    ).render()


def on_track_csv(
    ctx: Context, progress_by: Mapping[str, Progress], targets: Mapping[str, tuple[int, int]]
) -> str:
    """Each organisation's row of the system table above, as data."""
    rows = []
    for r in ctx.records:
        system = ctx.system_of(r)
        p = progress_by[r.id]
        rows.append(
            [
                r.id,
                r.name,
                system or "",
                ctx.system_name(system) if system else "",
                *[getattr(p, f) for f in ON_TRACK],
                *targets[r.id],
            ]
        )
    head = ["organisation_id", "organisation", "system_id", "system", *ON_TRACK]
    return csv_text([*head, "targets_set", "targets_reached"], rows)


# --- The latest levels -----------------------------------------------------------------


def latest_levels(ctx: Context, path: str, components: Sequence[Component], headline: str) -> str:
    """The heatmap and table of each system's level per component."""
    fw = ctx.framework
    assert fw is not None
    names, cells, table_rows = [], [], []
    for system, members in groups(ctx):
        row: list[charts.Cell] = []
        chips: list[object] = []
        for c in components:
            measured = system_level(ctx, fw, members, c.id)
            if measured.level is None:
                row.append(charts.Cell(None, "Not assessed"))
                chips.append("Not assessed")
                continue
            level = measured.level
            row.append(charts.Cell(level.rank, level.label, measured.drafts > 0))
            chips.append(level_chip(level.rank, level.label, len(fw.levels)))
        drafts = sum(1 for r in members if (s := ctx.latest(r)) is not None and s.draft)
        names.append(ctx.system_name(system))
        cells.append(row)
        table_rows.append([group_link(ctx, path, system), str(len(members)), str(drafts), *chips])
    labels = [component_label(c) for c in components]
    desc = (
        "Heatmap: one row per system and one column per component; each cell names the "
        "system's level (the middle of its members' levels in their latest review cycles) "
        "and shows it as filled squares and a darker tint; a dashed border marks a level "
        "that counts a draft not yet agreed. "
    )
    desc += charts.cells_in_words(names, labels, cells, " (counts a draft)")
    levels = [lv.label for lv in fw.levels]
    svg = charts.heatmap("heatmap", headline, desc, names, labels, cells, levels, shared_cells=True)
    table = Table(
        "heatmap-table",
        "Each system's level per component, from its members' latest review cycles",
        ["System", "Members", "Drafts among them", *labels],
        table_rows,
        searchable=False,
    ).render()
    explanation = (
        "Each row is a system and each cell its level for a component, from its members' "
        "latest review cycles; a dashed border marks a level that counts a draft not yet "
        f"agreed. {SYSTEM_WORDS} {MEASURE_WORDS}"
    )
    return wide_figure(svg, headline, explanation) + "\n" + table


# --- Movement since the previous cycle -------------------------------------------------


@dataclass(frozen=True)
class Movement:
    """A system's members between their previous and latest review cycles, on one measure."""

    old: float | None  # the middle of the members' previous values
    new: float | None  # the middle of the members' latest values
    draft: bool  # a draft, not yet agreed, is among the latest values
    rose: int
    held: int
    fell: int
    unpaired: int  # members without a value in both cycles: not compared


def member_rows(
    ctx: Context, members: Sequence[OrganisationRecord], measure: Measure
) -> list[charts.DotRow]:
    """Each member's previous and latest value (the rows a small site draws)."""
    rows = []
    for r in members:
        latest, prev = ctx.latest(r), ctx.previous(r)
        new = measure(latest) if latest else None
        old = measure(prev) if prev else None
        rows.append(charts.DotRow(r.name, old, new, bool(latest and latest.draft)))
    return rows


def movement(rows: Sequence[charts.DotRow]) -> Movement:
    """What a system's member rows add up to. A change under a twentieth of a level is no
    change (as in the headlines)."""
    pairs = [(r.old, r.new) for r in rows if r.old is not None and r.new is not None]
    rose = sum(1 for old, new in pairs if new - old >= 0.05)
    fell = sum(1 for old, new in pairs if old - new >= 0.05)
    olds = [r.old for r in rows if r.old is not None]
    news = [r.new for r in rows if r.new is not None]
    return Movement(
        median_low(olds) if olds else None,
        median_low(news) if news else None,
        any(r.draft for r in rows if r.new is not None),
        rose,
        len(pairs) - rose - fell,
        fell,
        len(rows) - len(pairs),
    )


@dataclass(frozen=True)
class Trend:
    """One measure's movement per system, drawn and tabled."""

    chart_id: str
    what: str  # the measure in words: "overall levels", "levels for <component title>"
    measure: Measure


def trend_figure(ctx: Context, trend: Trend, subject: str = "") -> tuple[str, list[Movement]]:
    """The dot plot of each system's middle value, previous against latest; the headline
    counts organisations, as a small site's does."""
    fw = ctx.framework
    assert fw is not None
    levels = [lv.label for lv in fw.levels]
    every: list[charts.DotRow] = []
    dots, moves = [], []
    for system, members in groups(ctx):
        rows = member_rows(ctx, members, trend.measure)
        every += rows
        m = movement(rows)
        moves.append(m)
        dots.append(charts.DotRow(ctx.system_name(system), m.old, m.new, m.draft))
    headline = movement_headline(
        every, "organisations", "since their previous review cycle", subject
    )
    desc = (
        f"Dot plot of the middle of each system's members' {trend.what}: in their previous "
        "review cycles (hollow circle) and in their latest (filled circle, or a "
        f"hollow diamond when a draft is among them), on the scale 1 = {levels[0]} to "
        f"{len(levels)} = {levels[-1]}. "
    )
    desc += charts.dots_in_words(dots, levels)
    svg = charts.dot_plot(
        trend.chart_id, headline, desc, dots, levels, "Previous cycles", "Latest cycles"
    )
    explanation = (
        f"Each row is a system: hollow circle the middle of its members' {trend.what} in "
        "their previous review cycles, filled circle the middle in their latest (a hollow "
        "diamond when a draft not yet agreed is among them). The table counts the members "
        f"whose level rose, held steady or fell. {MEASURE_WORDS}"
    )
    return figure(svg, headline, explanation), moves


def movement_cells(ctx: Context, m: Movement) -> list[object]:
    """A table row's previous, rose, held steady, fell and not compared cells."""
    fw = ctx.framework
    assert fw is not None
    old = NO_VALUE if m.old is None else score_text(fw, m.old)
    return [old, str(m.rose), str(m.held), str(m.fell), str(m.unpaired)]


def _drafts(m: Movement) -> str:
    return " (counts a draft)" if m.draft else ""


MOVEMENT_HEAD = ["Previous (middle)", "Rose", "Held steady", "Fell", "Not compared"]
MOVEMENT_WORDS = (
    "; how many members rose, held steady or fell (not compared: no previous review cycle, "
    "or no level in one of the two)"
)


def overall_trend(ctx: Context, path: str) -> str:
    """The overview's trend: each system's members' overall levels."""
    fw = ctx.framework
    assert fw is not None
    trend = Trend("overall", "overall levels", lambda s: s.overall.value)
    chart, moves = trend_figure(ctx, trend)
    rows = []
    for (system, members), m in zip(groups(ctx), moves, strict=True):
        latest = NO_VALUE if m.new is None else score_text(fw, m.new) + _drafts(m)
        cells = movement_cells(ctx, m)
        rows.append(
            [group_link(ctx, path, system), str(len(members)), cells[0], latest, *cells[1:]]
        )
    head = ["System", "Members", MOVEMENT_HEAD[0], "Latest (middle)", *MOVEMENT_HEAD[1:]]
    table = Table(
        "overall-table",
        "Each system's members' overall level, the middle of their previous and of their "
        "latest review cycles" + MOVEMENT_WORDS,
        head,
        rows,
        searchable=False,
    ).render()
    return chart + "\n" + table


def component_by_system(ctx: Context, path: str, component: Component) -> str:
    """A component page's chart and table: each system's level and its members' spread."""
    fw = ctx.framework
    assert fw is not None
    cid = component.id
    trend = Trend(
        "component-systems",
        f"levels for {component.title}",
        lambda s: s.components[cid].value if cid in s.components else None,
    )
    chart, moves = trend_figure(ctx, trend, component_label(component))
    rows = []
    for (system, members), m in zip(groups(ctx), moves, strict=True):
        measured = system_level(ctx, fw, members, cid)
        level = (
            "Not assessed"
            if measured.level is None
            else Html(
                level_chip(measured.level.rank, measured.level.label, len(fw.levels)) + _drafts(m)
            )
        )
        link_ = group_link(ctx, path, system)
        rows.append(
            [link_, str(len(members)), level, measured.spread or NO_VALUE, *movement_cells(ctx, m)]
        )
    table = Table(
        "component-systems-table",
        f"{component.title}: each system's level (the middle of its members' levels in their "
        "latest review cycles) and how many members are at each level" + MOVEMENT_WORDS,
        ["System", "Members", "System level", "Members' spread", *MOVEMENT_HEAD],
        rows,
        searchable=False,
    ).render()
    return chart + "\n" + table
