"""An organisation's charts: maturity over time (small multiples, one panel a component)
and the latest cycle against the previous one, each with its headline, table and CSV."""

from __future__ import annotations

from collections.abc import Sequence

from impactctl.csvtext import csv_text
from impactctl.model import Component, OrganisationRecord
from impactctl.site import charts
from impactctl.site.context import Context, component_label
from impactctl.site.html import Html, Table, csv_link, data_block, figure, multiples
from impactctl.site.measures import (
    MEASURE_WORDS,
    CycleScores,
    Score,
    delta,
    list_words,
    score_text,
    signed,
)


def trend(
    ctx: Context, record: OrganisationRecord, scored: Sequence[CycleScores], path: str
) -> tuple[str, tuple[str, str]]:
    """Maturity over time: one small panel per component (they reflow on a phone)."""
    framework = scored[-1].framework
    components = list(framework.components)
    cycles = [s.cycle for s in scored]
    drafts = [s.draft for s in scored]
    levels = [lv.label for lv in framework.levels]
    headline = trend_headline(components, scored)
    panels = []
    for k, c in enumerate(components):
        values = tuple(s.components[c.id].value if c.id in s.components else None for s in scored)
        panels.append(
            charts.trend_chart(
                f"trend-{k + 1}",
                f"{c.title}: {_panel_words(scored, c)}",
                f"Line chart of the level of {c.title} in each review cycle from {cycles[0]} "
                f"to {cycles[-1]}, on the scale 1 = {levels[0]} to {len(levels)} = "
                f"{levels[-1]}. The table after the charts gives every value.",
                cycles,
                [charts.Series(component_label(c), values)],
                levels,
                drafts=drafts,
                columns=1,
            )
        )
    head = ["Component", *[s.cycle_label for s in scored]]
    rows: list[list[object]] = []
    csv_rows: list[list[object]] = []
    for c in components:
        measured = [s.components.get(c.id) for s in scored]
        rows.append([c.title, *[m.text.capitalize() if m else "Not assessed" for m in measured]])
        csv_rows.append([c.id, c.title, *[m.text if m else "" for m in measured]])
    rows.append([Html("<em>Overall</em>"), *[s.overall.text.capitalize() for s in scored]])
    csv_rows.append(["overall", "Overall", *[s.overall.text for s in scored]])
    table = Table(
        "trend-table",
        f"{record.name}: each component's level per review cycle",
        head,
        rows,
        searchable=False,
        reflow=False,
    ).render()
    csv_path = f"data/organisations/{record.id}-maturity.csv"
    csv_body = csv_text(["component_id", "component", *cycles], [*csv_rows])
    explanation = "Each panel is a component: its level in each review cycle. " + MEASURE_WORDS
    html = data_block(
        multiples(panels, headline, explanation),
        table,
        csv_link(ctx.href(path, csv_path), "the maturity over time table"),
    )
    return html, (csv_path, csv_body)


def _panel_words(scored: Sequence[CycleScores], c: Component) -> str:
    known = [(s.cycle_label, m.text) for s in scored if (m := s.components.get(c.id)) and m.level]
    if not known:
        return "not assessed yet"
    if len(known) == 1:
        return f"{known[0][1]} in {known[0][0]}"
    return f"{known[0][1]} in {known[0][0]}, {known[-1][1]} in {known[-1][0]}"


Pair = tuple[Component, Score, Score]  # a component, its first and its latest level


def _pairs(components: Sequence[Component], first: CycleScores, last: CycleScores) -> list[Pair]:
    out = []
    for c in components:
        a, b = first.components.get(c.id), last.components.get(c.id)
        if a and b and a.level is not None and b.level is not None:
            out.append((c, a, b))
    return out


def trend_headline(components: Sequence[Component], scored: Sequence[CycleScores]) -> str:
    """What the agreed cycles say; a draft at the end is named as pending, never counted."""
    agreed = [s for s in scored if not s.draft]
    pending = f"; {scored[-1].cycle} is a draft, not yet agreed" if scored[-1].draft else ""
    if not agreed:
        return f"No review cycle has been agreed yet{pending}"
    first, last = agreed[0], agreed[-1]
    pairs = _pairs(components, first, last)
    if len(agreed) == 1 or not pairs:
        return _single_headline(components, last) + pending
    return _movement(components, pairs, first.cycle, last.cycle) + pending


def _single_headline(components: Sequence[Component], last: CycleScores) -> str:
    known = [(c, s) for c in components if (s := last.components.get(c.id)) and s.level]
    if not known:
        return f"No statement has been assessed yet in {last.cycle}"
    top = max(known, key=lambda k: k[1].value or 0)
    low = min(known, key=lambda k: k[1].value or 0)
    if top[1].level == low[1].level:
        return f"In {last.cycle} (agreed) every component is {top[1].text}"
    return (
        f"In {last.cycle} (agreed), {component_label(top[0])} is the most mature component "
        f"({top[1].text}) and {component_label(low[0])} the least ({low[1].text})"
    )


def _movement(components: Sequence[Component], pairs: list[Pair], since: str, to: str) -> str:
    rose = [p for p in pairs if (p[2].value or 0) > (p[1].value or 0)]
    fell = [p for p in pairs if (p[2].value or 0) < (p[1].value or 0)]
    if len(pairs) < len(components):
        return _partial_headline(components, pairs, rose, fell, since)
    if len(rose) == len(pairs):
        text = f"Every component has matured between the agreed cycles {since} and {to}"
    elif not rose:
        text = f"No component has matured between the agreed cycles {since} and {to}"
    else:
        text = (
            f"{len(rose)} of {len(pairs)} components have matured between the agreed cycles "
            f"{since} and {to}"
        )
    if rose:
        best = max(rose, key=lambda p: (p[2].value or 0) - (p[1].value or 0))
        text += f"; {component_label(best[0])} rose most ({best[1].text} to {best[2].text})"
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
            + (f" ({rose[0][1].text} to {rose[0][2].text})" if len(rose) == 1 else "")
        )
    if fell:
        bits.append(f"{names([p[0] for p in fell])} fell")
    if held:
        bits.append(f"{names([p[0] for p in held])} held steady")
    compared = {p[0].id for p in pairs}
    missing = [c for c in components if c.id not in compared]
    text = f"Since {since}, " + "; ".join(bits) if bits else f"Since {since}"
    return text + f"; {names(missing)} cannot be compared (not assessed in both cycles)"


def latest_vs_previous(
    ctx: Context, record: OrganisationRecord, scored: Sequence[CycleScores], path: str
) -> tuple[str, tuple[str, str]]:
    prev, last = scored[-2], scored[-1]
    framework = last.framework
    components = list(framework.components)
    levels = [lv.label for lv in framework.levels]
    rows = []
    for c in components:
        a, b = prev.components.get(c.id), last.components.get(c.id)
        rows.append(
            charts.DotRow(
                component_label(c), a.value if a else None, b.value if b else None, last.draft
            )
        )
    headline = movement_headline(rows, "components", f"since {prev.cycle_label}")
    desc = (
        f"Dot plot comparing each component's level in {prev.cycle_label} (hollow circle) "
        f"with {last.cycle_label} ({'hollow diamond' if last.draft else 'filled circle'}), "
        f"on the scale 1 = {levels[0]} to {len(levels)} = {levels[-1]}. "
        + "; ".join(f"{r.label}: {charts.dot_text(r, levels)}" for r in rows)
        + "."
    )
    svg = charts.dot_plot("lvp", headline, desc, rows, levels, prev.cycle_label, last.cycle_label)
    table_rows, csv_rows = [], []
    for c, r in zip(components, rows, strict=True):
        d = delta(r.old, r.new)
        table_rows.append(
            [c.title, score_text(prev.framework, r.old), score_text(framework, r.new), signed(d)]
        )
        csv_rows.append(
            [c.id, c.title, score_text(prev.framework, r.old), score_text(framework, r.new)]
        )
    table = Table(
        "lvp-table",
        f"{record.name}: each component's level, {prev.cycle_label} against {last.cycle_label}",
        ["Component", f"Previous ({prev.cycle_label})", f"Latest ({last.cycle_label})", "Change"],
        table_rows,
        searchable=False,
    ).render()
    csv_path = f"data/organisations/{record.id}-latest-vs-previous.csv"
    csv_body = csv_text(["component_id", "component", prev.cycle, last.cycle], csv_rows)
    html = data_block(
        figure(
            svg,
            headline,
            f"Each row is a component: hollow circle {prev.cycle_label}, "
            f"{'hollow diamond' if last.draft else 'filled circle'} {last.cycle_label}. "
            + MEASURE_WORDS,
        ),
        table,
        csv_link(ctx.href(path, csv_path), "the latest against previous table"),
    )
    return html, (csv_path, csv_body)


def movement_headline(
    rows: Sequence[charts.DotRow], things: str, since: str, subject: str = ""
) -> str:
    """'4 of 5 components rose since 2024-25; none fell', counting whole levels, and
    saying how many of the latest values are drafts not yet agreed."""
    compared = [(r.old, r.new) for r in rows if r.old is not None and r.new is not None]
    lead = f"{subject}: " if subject else ""
    if not compared:
        return f"{lead}nothing to compare with yet" if subject else "Nothing to compare with yet"
    n = len(compared)
    rose = sum(1 for old, new in compared if new - old >= 0.05)
    fell = sum(1 for old, new in compared if old - new >= 0.05)
    text = _rose_words(n, rose, things, since)
    if not subject:
        text = text[:1].upper() + text[1:]
    extra = _fell_words(n, rose, fell)
    return lead + text + ("; " + " and ".join(extra) if extra else "") + _drafts_words(rows)


def _rose_words(n: int, rose: int, things: str, since: str) -> str:
    one = things[:-1] if things.endswith("s") else things
    if rose == n and n > 1:
        return f"all {n} {things} rose {since}"
    if rose == 0 and n > 1:
        return f"no {one} rose {since}"
    return f"{rose} of {n} {things if n > 1 else one} rose {since}"


def _fell_words(n: int, rose: int, fell: int) -> list[str]:
    held = n - rose - fell
    extra = []
    if held and rose != n:
        extra.append(f"{held} held steady")
    if rose != n or fell:
        extra.append(f"{fell} fell" if fell else "none fell")
    elif n > 1:
        extra.append("none fell")
    return extra


def _drafts_words(rows: Sequence[charts.DotRow]) -> str:
    drafts = sum(1 for r in rows if r.draft and r.new is not None)
    if not drafts:
        return ""
    if drafts == len(rows) == 1 or all(r.draft for r in rows):
        return " (the latest cycle is a draft, not yet agreed)"
    return f" (including {drafts} draft{'s' if drafts > 1 else ''}, not yet agreed)"
