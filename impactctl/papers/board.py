"""The board paper: two to four A4 pages on one organisation's cycle, for a board meeting.

Data in, one HTML document out (``impactctl.papers.pdf`` makes it a tagged PDF). In order:
the status of the cycle and a one-sentence headline; each component's level against the
previous agreed cycle (the site's own dot-plot function, and the same numbers as a table);
what moved and why; where the room disagreed (only when the publishing level shows the
debate; otherwise counts, and a note saying why); who took part; how the action plan
stands.
"""

from __future__ import annotations

from datetime import date

from impactctl.model import Action
from impactctl.papers.facts import (
    GROUP_WORDS,
    Focus,
    Move,
    disagreements,
    moves,
    participation,
    plan_status,
)
from impactctl.papers.html import (
    e,
    figure,
    long_date,
    page,
    plural,
    table,
)
from impactctl.site import charts
from impactctl.site.options import Publish

REASON_CHARS = 320  # a rationale is cut here, so that the paper stays short


def _short(text: str, limit: int = REASON_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _status(f: Focus) -> str:
    a = f.assessment
    assert a is not None
    if a.agreed:
        when = f" on {long_date(a.assessed_on)}" if a.assessed_on else ""
        return f'<p class="status agreed">Status: agreed by the room{e(when)}</p>'
    return (
        '<p class="status draft">Status: DRAFT. These levels are not yet agreed and may change.</p>'
    )


def headline(f: Focus, moved: list[Move]) -> str:
    """The paper's finding, in one sentence."""
    levelled = [m for m in moved if m.component.level is not None]
    if not levelled:
        return f"In {f.cycle}, no statement has been assessed yet."
    top = max(levelled, key=lambda m: m.component.rank or 0)
    low = min(levelled, key=lambda m: m.component.rank or 0)
    assert top.component.level is not None and low.component.level is not None
    if top.component.rank == low.component.rank:
        lead = f"every assessed component sits at {top.component.level.label}"
    else:
        lead = (
            f"{top.component.component.title.lower()} is the most mature component "
            f"({top.component.level.label}) and {low.component.component.title.lower()} "
            f"the least ({low.component.level.label})"
        )
    if f.previous is None:
        return f"In {f.cycle}, its first review cycle, {lead}."
    up = sum(1 for m in moved if (m.change or 0) > 0)
    down = sum(1 for m in moved if (m.change or 0) < 0)
    return (
        f"Since {f.previous.cycle}, {_count(up)} of {len(moved)} components moved up a level "
        f"and {_count(down)} moved down; {lead}."
    )


def _count(n: int) -> str:
    return "none" if n == 0 else str(n)


def _chart(f: Focus, moved: list[Move]) -> str:
    from impactctl.site.context import component_label

    rows = [
        charts.DotRow(
            component_label(m.component.component),
            float(m.before.rank) if m.before and m.before.rank else None,
            float(m.component.rank) if m.component.rank else None,
            draft=f.assessment is not None and not f.assessment.agreed,
            text=_change_words(m),
        )
        for m in moved
    ]
    levels = [lv.label for lv in f.framework.levels]
    old = f.previous.cycle if f.previous else "previous"
    if f.previous:
        up = sum(1 for m in moved if (m.change or 0) > 0)
        down = sum(1 for m in moved if (m.change or 0) < 0)
        title = (
            f"Each component's level, {old} to {f.cycle}: {_count(up)} up, "
            f"{_count(down)} down, {_count(len(moved) - up - down)} unchanged"
        )
    else:
        title = f"Each component's level in {f.cycle}, the first cycle"
    desc = "; ".join(f"{r.label}: {r.text}" for r in rows)
    return charts.dot_plot("board-levels", title, desc, rows, levels, old, f.cycle, width=640.0)


def _change_words(m: Move) -> str:
    now = m.component.level.label if m.component.level else "not assessed"
    if m.before is None or m.before.level is None:
        return now
    if m.change == 0:
        return f"{now} (no change)"
    return f"{m.before.level.label} → {now} ({m.change:+d})"


def _component_words(m: Move) -> str:
    now = m.component.level.label if m.component.level else "not assessed"
    if m.change is None or m.before is None or m.before.level is None:
        return f"the component is at {now}"
    if m.change == 0:
        return f"the component stays at {now}"
    return f"the component moved from {m.before.level.label} to {now}"


def _levels_table(f: Focus, moved: list[Move]) -> str:
    head = ["Component"]
    if f.previous:
        head.append(f.previous.cycle)
    head += [f.cycle, "Statements at each level"]
    rows = []
    for m in moved:
        spread = ", ".join(
            f"{n} {f.framework.label(level)}" for level, n in m.component.spread.items() if n
        )
        row = [m.component.component.title]
        if f.previous:
            row.append(m.before.level.label if m.before and m.before.level else "Not assessed")
        row += [
            m.component.level.label if m.component.level else "Not assessed",
            f"{spread or 'none assessed'} (of {m.component.total})",
        ]
        rows.append(row)
    return table(
        "Each component's level: the middle level of its statements", head, rows, css="levels"
    )


def _what_moved(f: Focus, moved: list[Move]) -> str:
    if f.previous is None:
        return "<p>This is the first review cycle: there is nothing to compare with yet.</p>"
    parts = []
    for m in moved:
        if not m.reasons:
            continue
        count = plural(len(m.reasons), "statement")
        parts.append(
            f"<h3>{e(m.component.component.title)}: {count} moved; "
            f"{e(_component_words(m))}</h3><ul>"
        )
        for sid, old, new, why in m.reasons:
            parts.append(
                f"<li><strong>{e(sid)}</strong> {e(old)} → {e(new)}. {e(_short(why))}</li>"
            )
        parts.append("</ul>")
    if not parts:
        return f"<p>No statement changed level since {e(f.previous.cycle)}.</p>"
    return "".join(parts)


def _debate(f: Focus, publish: Publish) -> str:
    assert f.assessment is not None
    found = disagreements(f.assessment, f.framework)
    minority = sum(1 for d in found if d.dissent)
    widest = max((d.spread for d in found), default=0)
    counts = (
        f"<p>The groups in the room saw {plural(len(found), 'statement')} differently "
        f"(up to {plural(widest, 'level')} apart), and a minority view was recorded for "
        f"{plural(minority, 'statement')}.</p>"
    )
    if not publish.shows_reasons:
        return counts + (
            f'<p class="note">The publishing level for this organisation is '
            f"<strong>{e(publish.value)}</strong>, so this paper gives the levels and counts "
            "but not the views of each group or the minority views. The organisation sets "
            "it in mkdocs.yml (publish: full shows the debate).</p>"
        )
    if not found:
        return counts
    rows = []
    for d in found:
        views = "; ".join(f"{g}: {lv}" + (f" ({n})" if n else "") for g, lv, n in d.views)
        rows.append([d.statement, d.agreed, views or "none recorded", d.dissent or "none"])
    return counts + table(
        "Statements where views differed",
        ["Statement", "Agreed level", "Each group's view", "Minority view"],
        rows,
        css="debate",
    )


def _people(f: Focus) -> str:
    groups = participation(f.assessment)
    if not groups:
        return "<p>No participants are recorded for this cycle yet.</p>"
    total = sum(n for _, _, n in groups)
    rows = [[g, ", ".join(roles), str(n)] for g, roles, n in groups]
    present = {g for g, _, _ in groups}
    absent = [
        GROUP_WORDS[g] for g in ("staff", "lived-experience") if GROUP_WORDS[g] not in present
    ]
    gap = (
        f'<p class="note">No {" and no ".join(w.lower() for w in absent)} took part: '
        "NHS IMPACT asks for their voice in the room.</p>"
        if absent
        else ""
    )
    return (
        f"<p>{plural(total, 'person', 'people')} from {plural(len(groups), 'group')} "
        "took part.</p>"
        + gap
        + table("Who took part, by group", ["Group", "Roles", "People"], rows)
    )


def _action_rows(actions: tuple[Action, ...]) -> list[list[str]]:
    from impactctl.papers.export import ACTION_STATUS_WORDS

    return [
        [
            a.id,
            a.title,
            a.owner,
            long_date(a.due) if a.due else "no date",
            ACTION_STATUS_WORDS.get(a.status, a.status),
        ]
        for a in actions
    ]


def _plan(f: Focus, today: date) -> str:
    s = plan_status(f.record, today)
    out = [
        f"<p>{plural(s.open, 'action')} open: {len(s.overdue)} overdue, "
        f"{len(s.blocked)} blocked, {len(s.due_next)} due in the next 90 days; "
        f"{len(s.done)} done.</p>"
    ]
    head = ["Action", "Title", "Owner", "Due", "Status"]
    for caption, actions in (
        ("Overdue", s.overdue),
        ("Blocked", tuple(a for a in s.blocked if a not in s.overdue)),
        ("Due next", s.due_next),
    ):
        if actions:
            out.append(table(caption, head, _action_rows(actions), css="actions"))
    return "".join(out)


CSS = """
table.levels td:last-child { font-size: 8.5pt; }
table.debate td:nth-child(3), table.debate td:nth-child(4) { font-size: 8.5pt; }
"""


def board_paper(f: Focus, publish: Publish, today: date) -> str:
    """The whole paper as one HTML document."""
    assert f.assessment is not None
    moved = moves(f)
    since = f" since {f.previous.cycle}" if f.previous else ""
    body = [
        f"<h1>{e(f.name)}: NHS IMPACT self-assessment {e(f.cycle)}</h1>",
        f'<p class="meta">Paper for the board · made {e(long_date(today))} · '
        f"{e(f.framework.title)} {e(f.framework.version)}</p>",
        _status(f),
        f'<p class="headline">{e(headline(f, moved))}</p>',
        "<h2>Maturity by component</h2>",
        figure(
            _chart(f, moved),
            "Hollow circle: the previous agreed cycle; filled circle: this cycle. "
            "The table below gives the same levels.",
        ),
        _levels_table(f, moved),
        f"<h2>What moved{e(since)}, and why</h2>",
        _what_moved(f, moved),
        "<h2>Where the room disagreed</h2>",
        _debate(f, publish),
        "<h2>Who took part</h2>",
        _people(f),
        "<h2>How the action plan stands</h2>",
        _plan(f, today),
        '<p class="small meta">Each component\'s level is the middle (median) level of its '
        "assessed statements. The self-assessment is for the organisation's own reflection "
        "and planning; NHS England does not ask for it to be returned.</p>",
    ]
    title = f"{f.name}: NHS IMPACT self-assessment {f.cycle}, board paper"
    return page(title, "\n".join(body), css=CSS)
