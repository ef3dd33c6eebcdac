"""Charts as inline SVG: data in, an SVG string out (no I/O, no JavaScript, no fonts).

Every chart follows the same rules (NOTES.md, charts):

* ``role="img"`` and ``aria-labelledby`` pointing at its own ``<title>`` (the headline that
  states the finding) and ``<desc>`` (the numbers in words);
* real ``<text>`` labels, never text baked into paths;
* colour is never the only cue: lines also differ by marker shape and dash pattern and are
  labelled at their ends; cells carry their level as text; previous and latest differ by
  hollow and filled markers;
* every mark has at least 3:1 contrast with white and text at least 4.5:1 with what is
  behind it; presentation attributes only (no ``style``), so a strict Content Security
  Policy allows it and it prints as it looks.

Ids inside a chart are prefixed with the chart id, so several charts can share a page.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from impactctl.site.heatmap import Cell, heatmap
from impactctl.site.svg import (
    DRAFT_NOTE,
    FONT,
    GRID,
    INK,
    LATEST,
    LEVEL_FILLS,
    LEVEL_TEXT,
    MUTED,
    level_style,
    text_width,
    wrap,
)
from impactctl.site.svg import (
    e as _e,
)
from impactctl.site.svg import (
    n as _n,
)
from impactctl.site.svg import (
    num as _num,
)
from impactctl.site.svg import (
    open_svg as _open,
)

__all__ = [
    "DRAFT_NOTE",
    "FONT",
    "GRID",
    "INK",
    "LATEST",
    "LEVEL_FILLS",
    "LEVEL_TEXT",
    "MUTED",
    "Cell",
    "DotRow",
    "Series",
    "dot_plot",
    "dot_text",
    "heatmap",
    "level_style",
    "text_width",
    "trend_chart",
    "wrap",
]


@dataclass(frozen=True)
class Series:
    label: str  # short, for the panel title
    values: tuple[float | None, ...]  # one per x label; None: a gap


@dataclass(frozen=True)
class _Panel:
    """Where one small multiple sits and how values map into it."""

    x0: float
    y0: float
    width: float
    plot_h: float
    row: float
    n: int

    def x_at(self, i: int) -> float:
        inner = self.width - 24
        return self.x0 + 12 + (inner / 2 if self.n == 1 else inner * i / (self.n - 1))

    def y_at(self, v: float) -> float:
        return self.y0 + self.plot_h - (v - 1) * self.row


def _panel_axes(
    p: _Panel, levels: Sequence[str], x_labels: Sequence[str], first: bool
) -> list[str]:
    out = []
    for rank, label in enumerate(levels, start=1):
        y = p.y_at(rank)
        out.append(
            f'<line x1="{_n(p.x0)}" x2="{_n(p.x0 + p.width)}" y1="{_n(y)}" y2="{_n(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        if first:
            out.append(
                f'<text x="{_n(p.x0 - 8)}" y="{_n(y + 4)}" text-anchor="end" '
                f'font-size="12">{rank} {_e(label)}</text>'
            )
    base = _n(p.y_at(1))
    out.append(
        f'<line x1="{_n(p.x0)}" x2="{_n(p.x0 + p.width)}" y1="{base}" y2="{base}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    every = max(1, math.ceil(p.n / 3))
    for i, label in enumerate(x_labels):
        if i in (0, p.n - 1) or (i % every == 0 and p.n <= 6):
            one = p.n == 1
            anchor = "middle" if one else "start" if i == 0 else "end" if i == p.n - 1 else "middle"
            nudge = 6 if anchor == "start" else -6 if anchor == "end" else 0
            out.append(
                f'<text x="{_n(p.x_at(i) - nudge)}" y="{_n(p.y_at(1) + 17)}" '
                f'text-anchor="{anchor}" font-size="12" fill="{MUTED}">{_e(label)}</text>'
            )
    return out


def _panel_marks(p: _Panel, values: Sequence[float | None], drafts: Sequence[bool]) -> list[str]:
    """The line and points of one panel: agreed points filled, draft points hollow and
    reached by a dashed line."""
    out = []
    points = {i: (_n(p.x_at(i)), _n(p.y_at(v))) for i, v in enumerate(values) if v is not None}
    order = sorted(points)
    for a, b in itertools.pairwise(order):
        if b != a + 1:
            continue
        dash = ' stroke-dasharray="5 4"' if b < len(drafts) and drafts[b] else ""
        (x1, y1), (x2, y2) = points[a], points[b]
        out.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{LATEST}" '
            f'stroke-width="2.5"{dash}/>'
        )
    for i, (cx, cy) in points.items():
        if i < len(drafts) and drafts[i]:
            out.append(
                f'<circle cx="{cx}" cy="{cy}" r="5" fill="#ffffff" stroke="{LATEST}" '
                f'stroke-width="2.5"/>'
            )
        else:
            out.append(f'<circle cx="{cx}" cy="{cy}" r="4.5" fill="{LATEST}"/>')
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    labelled = {known[0][0], known[-1][0]} if known else set()
    if p.n <= 6:
        labelled |= {i for i, _ in known}
    for i, v in known:
        if i in labelled:
            out.append(
                f'<text x="{_n(p.x_at(i))}" y="{_n(p.y_at(v) - 9)}" text-anchor="middle" '
                f'font-size="12" font-weight="bold">{_num(v)}</text>'
            )
    if not known:
        out.append(
            f'<text x="{_n(p.x0 + p.width / 2)}" y="{_n(p.y0 + p.plot_h / 2)}" '
            f'text-anchor="middle" fill="{MUTED}">not assessed</text>'
        )
    return out


def trend_chart(
    chart_id: str,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    levels: Sequence[str],
    *,
    drafts: Sequence[bool] = (),
    columns: int = 3,
    scale_note: str = "",
) -> str:
    """Small multiples: one panel per series, its value per cycle on the level scale.

    One line per panel means no legend, no colour to decode and no lines hiding each other;
    every panel shares the same scales so the panels can be compared at a glance. ``drafts``
    (one flag per x label) draws the points of cycles not yet agreed hollow, reached by a
    dashed line, and adds a key. ``columns=1`` with one series gives a single panel that a
    page can lay out itself (so the panels reflow on a phone).
    """
    n = len(x_labels)
    columns = max(1, min(columns, max(len(series), 1)))
    rows = math.ceil(len(series) / columns) if series else 1
    axis_w = max((text_width(f"{i} {lv}", 12) for i, lv in enumerate(levels, 1)), default=40) + 14
    panel_w, gap_x, row = 170.0, 26.0, 26.0
    plot_h = row * max(len(levels) - 1, 1)
    title_h, foot_h, gap_y = 30.0, 40.0, 16.0
    panel_h = title_h + plot_h + foot_h
    has_drafts = any(drafts)
    key_h = 34.0 if has_drafts else 0.0
    width = axis_w + columns * panel_w + (columns - 1) * gap_x + 12
    height = rows * panel_h + (rows - 1) * gap_y + 22 + key_h
    out = _open(chart_id, width, height, title, desc)
    for k, s in enumerate(series):
        col, r = k % columns, k // columns
        p = _Panel(
            axis_w + col * (panel_w + gap_x),
            r * (panel_h + gap_y) + title_h,
            panel_w,
            plot_h,
            row,
            n,
        )
        out.append(
            f'<text x="{_n(p.x0)}" y="{_n(p.y0 - 12)}" font-weight="bold">{_e(s.label)}</text>'
        )
        out += _panel_axes(p, levels, x_labels, col == 0)
        out += _panel_marks(p, s.values, drafts)
    foot = scale_note or (
        f"Level per review cycle ({x_labels[0] if x_labels else ''} to "
        f"{x_labels[-1] if x_labels else ''})"
    )
    if text_width(foot, 12) <= width - axis_w:  # a single panel has no room for it
        out.append(
            f'<text x="{_n(axis_w)}" y="{_n(height - 6 - key_h)}" fill="{MUTED}" '
            f'font-size="12">{_e(foot)}</text>'
        )
    if has_drafts:
        y = height - 24
        out.append(
            f'<circle cx="{_n(axis_w + 6)}" cy="{_n(y - 4)}" r="5" fill="#ffffff" '
            f'stroke="{LATEST}" stroke-width="2.5"/>'
        )
        out.append(
            f'<text x="{_n(axis_w + 18)}" y="{_n(y)}" font-size="12">'
            f'<tspan x="{_n(axis_w + 18)}">Hollow point, dashed line:</tspan>'
            f'<tspan x="{_n(axis_w + 18)}" dy="15">{DRAFT_NOTE}</tspan></text>'
        )
    out.append("</svg>")
    return "\n".join(out)


@dataclass(frozen=True)
class DotRow:
    label: str
    old: float | None
    new: float | None
    draft: bool = False  # the latest value comes from a cycle not yet agreed
    text: str | None = None  # the row in words (a paper's); None: from the values


LABEL_CHARS = 30  # row labels wrap onto two lines of about this many characters


def _draft_mark(cx: float, cy: float, r: float = 7) -> str:
    """A hollow diamond: a draft's latest value."""
    return (
        f'<path d="M{_n(cx)} {_n(cy - r)}L{_n(cx + r)} {_n(cy)}L{_n(cx)} {_n(cy + r)}'
        f'L{_n(cx - r)} {_n(cy)}Z" fill="#ffffff" stroke="{LATEST}" stroke-width="2.5"/>'
    )


def _dot_legend(
    chart_id: str, left: float, old_label: str, new_label: str, drafts: bool
) -> list[str]:
    out = [
        f'<defs><marker id="{_e(chart_id)}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        f'<path d="M0 0L10 5L0 10Z" fill="{MUTED}"/></marker></defs>',
        f'<circle cx="{_n(left + 6)}" cy="14" r="6" fill="#ffffff" stroke="{MUTED}" '
        f'stroke-width="2"/>',
        f'<text x="{_n(left + 18)}" y="18.5">{_e(old_label)} (hollow)</text>',
        f'<circle cx="{_n(left + 6)}" cy="38" r="6.5" fill="{LATEST}"/>',
        f'<text x="{_n(left + 18)}" y="42.5">{_e(new_label)} (filled)</text>',
    ]
    if drafts:
        out.append(_draft_mark(left + 6, 62))
        out.append(f'<text x="{_n(left + 18)}" y="66.5">Draft, not yet agreed (diamond)</text>')
    return out


def dot_plot(
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[DotRow],
    levels: Sequence[str],
    old_label: str,
    new_label: str,
    *,
    width: float = 340.0,
) -> str:
    """Previous (hollow) against latest (filled; a hollow diamond when the latest cycle is a
    draft) per row, with an arrow. Each row's label sits above its dots, and the level names
    on the axis alternate between two lines, so the chart is ``width`` wide (a phone's
    column) whatever the labels and keeps its 12-13 px text unscaled."""
    drafts = any(r.draft for r in rows)
    pad = 8.0
    side = max((text_width(lv, 12) for lv in levels), default=40) / 2 + 2
    left, right = max(pad, side), max(pad, side)
    plot_w = width - left - right
    top = 118.0 if drafts else 94.0
    row_h = 44.0
    height = top + row_h * len(rows) + 8.0
    n_levels = max(len(levels), 2)
    chars = int((width - 2 * pad) / (13 * 0.58))

    def x_at(v: float) -> float:
        return left + plot_w * (v - 1) / (n_levels - 1)

    out = _open(chart_id, width, height, title, desc)
    out += _dot_legend(chart_id, pad, old_label, new_label, drafts)
    axis_y = top - 30
    for rank, label in enumerate(levels, start=1):
        x = x_at(rank)
        y = axis_y + (0 if rank % 2 else 14)
        out.append(
            f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{_n(y + 4)}" '
            f'y2="{_n(top + row_h * len(rows))}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="middle" font-size="12">{_e(label)}</text>'
        )
    for i, r in enumerate(rows):
        y = top + row_h * i
        out += _dot_row(chart_id, r, y, pad, width, chars, x_at, i)
    out.append("</svg>")
    return "\n".join(out)


def _dot_row(
    chart_id: str,
    r: DotRow,
    y: float,
    pad: float,
    width: float,
    chars: int,
    x_at: Callable[[float], float],
    i: int,
) -> list[str]:
    out = []
    if i:
        out.append(
            f'<line x1="0" x2="{_n(width)}" y1="{_n(y)}" y2="{_n(y)}" stroke="#f0f4f5" '
            f'stroke-width="1"/>'
        )
    label = r.label if len(r.label) <= chars else r.label[: chars - 1].rstrip() + "…"
    out.append(f'<text x="{_n(pad)}" y="{_n(y + 15)}" font-weight="bold">{_e(label)}</text>')
    if r.text is not None:  # a paper's words for the row, beside its label
        out.append(
            f'<text x="{_n(width - pad)}" y="{_n(y + 15)}" text-anchor="end" '
            f'fill="{MUTED}">{_e(r.text)}</text>'
        )
    dy = y + 30
    if r.old is not None and r.new is not None and abs(x_at(r.new) - x_at(r.old)) > 24:
        sign = 1 if r.new > r.old else -1
        out.append(
            f'<line x1="{_n(x_at(r.old) + sign * 8)}" x2="{_n(x_at(r.new) - sign * 9)}" '
            f'y1="{_n(dy)}" y2="{_n(dy)}" stroke="{MUTED}" stroke-width="2" '
            f'marker-end="url(#{_e(chart_id)}-arrow)"/>'
        )
    if r.old is not None:
        out.append(
            f'<circle cx="{_n(x_at(r.old))}" cy="{_n(dy)}" r="6" fill="#ffffff" '
            f'stroke="{MUTED}" stroke-width="2"/>'
        )
    if r.new is not None:
        if r.draft:
            out.append(_draft_mark(x_at(r.new), dy))
        else:
            out.append(f'<circle cx="{_n(x_at(r.new))}" cy="{_n(dy)}" r="6" fill="{LATEST}"/>')
    return out


def dot_text(r: DotRow, levels: Sequence[str] = ()) -> str:
    """A row's values in words: the row's own ``text`` when it has one, else
    'Developing → Established (up 1)' with level names, or '2.6 → 3.4 (+0.8)' without;
    '(draft)' when the latest value is a draft's."""
    if r.text is not None:
        return r.text

    def name(v: float) -> str:
        k = int(v + 0.5)
        return (
            levels[k - 1] if levels and float(v).is_integer() and 1 <= k <= len(levels) else _num(v)
        )

    draft = " (draft)" if r.draft else ""
    if r.new is None:
        return "not assessed"
    if r.old is None:
        return f"{name(r.new)} (first cycle){draft}"
    d = round(r.new - r.old + 1e-9, 1)
    if levels and float(d).is_integer():
        change = "same" if d == 0 else f"{'up' if d > 0 else 'down'} {abs(int(d))}"
    else:
        change = "±0.0" if d == 0 else f"{d:+.1f}"
    return f"{name(r.old)} → {name(r.new)} ({change}){draft}"
