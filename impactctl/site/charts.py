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
from collections.abc import Sequence
from dataclasses import dataclass

from impactctl.site.dotplot import DotRow, dot_plot, dot_text, dots_in_words
from impactctl.site.heatmap import Cell, cells_in_words, heatmap
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
    "cells_in_words",
    "dot_plot",
    "dot_text",
    "dots_in_words",
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


def _runs(
    points: dict[int, tuple[str, str]], drafts: Sequence[bool]
) -> list[tuple[list[int], bool]]:
    """The line through a panel's points as runs of neighbouring cycles, each solid or
    dashed (a segment is dashed when it reaches a draft cycle); a gap breaks the line."""
    runs: list[tuple[list[int], bool]] = []
    for a, b in itertools.pairwise(sorted(points)):
        dashed = b < len(drafts) and drafts[b]
        if b != a + 1:
            continue
        if runs and runs[-1][0][-1] == a and runs[-1][1] == dashed:
            runs[-1][0].append(b)
        else:
            runs.append(([a, b], dashed))
    return runs


def _polyline(points: Sequence[tuple[str, str]], dashed: bool) -> str:
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    xy = " ".join(f"{x},{y}" for x, y in points)
    return (
        f'<polyline points="{xy}" fill="none" stroke="{LATEST}" stroke-width="2.5"'
        f' stroke-linejoin="round"{dash}/>'
    )


def _panel_marks(p: _Panel, values: Sequence[float | None], drafts: Sequence[bool]) -> list[str]:
    """The line and points of one panel: agreed points filled, draft points hollow and
    reached by a dashed line."""
    points = {i: (_n(p.x_at(i)), _n(p.y_at(v))) for i, v in enumerate(values) if v is not None}
    out = [_polyline([points[i] for i in run], dashed) for run, dashed in _runs(points, drafts)]
    drafted = {i for i, d in enumerate(drafts) if d}
    draft = [xy for i, xy in points.items() if i in drafted]
    agreed = [xy for i, xy in points.items() if i not in drafted]
    if agreed:  # one group: a national page draws a hundred points
        out.append(f'<g fill="{LATEST}">')
        out += [f'<circle cx="{cx}" cy="{cy}" r="4.5"/>' for cx, cy in agreed]
        out.append("</g>")
    out += [
        f'<circle cx="{cx}" cy="{cy}" r="5" fill="#ffffff" stroke="{LATEST}" stroke-width="2.5"/>'
        for cx, cy in draft
    ]
    return out + _panel_labels(p, values)


def _panel_labels(p: _Panel, values: Sequence[float | None]) -> list[str]:
    """The first and last values in words beside their points (every value, when few)."""
    out = []
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
