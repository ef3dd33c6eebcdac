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

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
INK = "#212b32"  # text: 14.9:1 on white
MUTED = "#4c6272"  # axes, previous markers: 6.4:1 on white
GRID = "#d8dde0"  # gridlines are guides, not data
LATEST = "#005eb8"  # NHS blue: 6.4:1 on white

# Level fills, lowest first (a sequential blue ramp). Each is >= 3:1 on white; the text on
# it is black on the two lightest (>= 5:1) and white on the rest (>= 6:1).
LEVEL_FILLS = ("#6a93c4", "#4f7fb8", "#2a64a3", "#1b4a85", "#0e2e5c")
LEVEL_TEXT = ("#000000", "#000000", "#ffffff", "#ffffff", "#ffffff")

# Series (components): Okabe-Ito hues darkened to >= 3.8:1 on white, each with its own
# marker and dash pattern so the lines can be told apart in greyscale print.
SERIES_COLOURS = ("#0072b2", "#d55e00", "#007a5a", "#a4487b", "#4c6272")
SERIES_MARKERS = ("circle", "square", "triangle", "diamond", "cross")
SERIES_DASHES = ("", "7 4", "2 3", "9 3 2 3", "12 4")


def _e(value: object) -> str:
    return escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _n(value: float) -> str:
    """Numbers for SVG attributes: short and stable."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: float = 13) -> float:
    """A generous estimate of rendered width (no font metrics at build time)."""
    return len(text) * size * 0.58


def level_style(rank: int, levels: int) -> tuple[str, str]:
    """(fill, text colour) for a rank on a scale of ``levels`` levels."""
    if levels <= 1:
        index = len(LEVEL_FILLS) - 1
    else:
        index = round((rank - 1) * (len(LEVEL_FILLS) - 1) / (levels - 1))
    return LEVEL_FILLS[index], LEVEL_TEXT[index]


def _open(chart_id: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="impact-svg" id="{_e(chart_id)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'role="img" aria-labelledby="{_e(chart_id)}-title {_e(chart_id)}-desc" '
        f'font-family="{FONT}" font-size="13" fill="{INK}">',
        f'<title id="{_e(chart_id)}-title">{_e(title)}</title>',
        f'<desc id="{_e(chart_id)}-desc">{_e(desc)}</desc>',
        f'<rect width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
    ]


def _marker(shape: str, x: float, y: float, colour: str, size: float = 5.5) -> str:
    if shape == "square":
        s = size * 0.9
        return (f'<rect x="{_n(x - s)}" y="{_n(y - s)}" width="{_n(2 * s)}" height="{_n(2 * s)}" '
                f'fill="{colour}"/>')
    if shape == "triangle":
        s = size * 1.2
        return (f'<path d="M{_n(x)} {_n(y - s)}L{_n(x + s)} {_n(y + s * 0.8)}'
                f'L{_n(x - s)} {_n(y + s * 0.8)}Z" fill="{colour}"/>')
    if shape == "diamond":
        s = size * 1.25
        return (f'<path d="M{_n(x)} {_n(y - s)}L{_n(x + s)} {_n(y)}L{_n(x)} {_n(y + s)}'
                f'L{_n(x - s)} {_n(y)}Z" fill="{colour}"/>')
    if shape == "cross":
        s = size
        return (f'<path d="M{_n(x - s)} {_n(y - s)}L{_n(x + s)} {_n(y + s)}M{_n(x - s)} '
                f'{_n(y + s)}L{_n(x + s)} {_n(y - s)}" stroke="{colour}" stroke-width="3" '
                f'fill="none"/>')
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(size)}" fill="{colour}"/>'


def _spread(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Move label positions apart by at least ``gap``, keeping their order, within bounds."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [wanted[i] for i in order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    overflow = placed[-1] - high if placed else 0
    if overflow > 0:
        placed = [p - overflow for p in placed]
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    placed = [max(p, low) for p in placed]
    out = [0.0] * len(wanted)
    for i, index in enumerate(order):
        out[index] = placed[i]
    return out


@dataclass(frozen=True)
class Series:
    label: str  # short, for the line-end label and the legend
    values: tuple[float | None, ...]  # one per x label; None: a gap


def trend_chart(chart_id: str, title: str, desc: str, x_labels: Sequence[str],
                series: Sequence[Series], levels: Sequence[str]) -> str:
    """Lines of a score per cycle (one per component) on the level scale."""
    left = max(text_width(f"{len(levels)} {lv}") for lv in levels) + 24 if levels else 60
    end_labels = [f"{s.label} {_last_text(s.values)}" for s in series]
    right = max((text_width(t) for t in end_labels), default=0) + 28
    n = len(x_labels)
    plot_w = max(420.0, min(70.0 * max(n - 1, 1), 900.0))
    row = 54.0
    plot_h = row * max(len(levels) - 1, 1)
    top, bottom = 18.0, 46.0
    width, height = left + plot_w + right, top + plot_h + bottom

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    def y_at(v: float) -> float:
        return top + plot_h - (v - 1) * row

    out = _open(chart_id, width, height, title, desc)
    out.append('<g class="impact-grid">')
    for rank, label in enumerate(levels, start=1):
        y = y_at(rank)
        out.append(f'<line x1="{_n(left)}" x2="{_n(left + plot_w)}" y1="{_n(y)}" y2="{_n(y)}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{_n(left - 10)}" y="{_n(y + 4)}" text-anchor="end">'
                   f'{rank} {_e(label)}</text>')
    out.append(f'<line x1="{_n(left)}" x2="{_n(left + plot_w)}" y1="{_n(top + plot_h)}" '
               f'y2="{_n(top + plot_h)}" stroke="{MUTED}" stroke-width="1"/>')
    step = max(1, math.ceil(n * 64 / plot_w))
    for i, label in enumerate(x_labels):
        if i % step and i != n - 1:
            continue
        out.append(f'<text x="{_n(x_at(i))}" y="{_n(top + plot_h + 22)}" text-anchor="middle">'
                   f'{_e(label)}</text>')
    out.append(f'<text x="{_n(left + plot_w / 2)}" y="{_n(height - 6)}" text-anchor="middle" '
               f'fill="{MUTED}">Review cycle</text>')
    out.append("</g>")

    ends: list[tuple[int, float]] = []
    for k, s in enumerate(series):
        colour = SERIES_COLOURS[k % len(SERIES_COLOURS)]
        shape = SERIES_MARKERS[k % len(SERIES_MARKERS)]
        dash = SERIES_DASHES[k % len(SERIES_DASHES)]
        # A small sideways offset per series keeps equal values from hiding each other.
        shift = (k - (len(series) - 1) / 2) * 3.0
        points = [(x_at(i) + shift, y_at(v)) for i, v in enumerate(s.values) if v is not None]
        out.append(f'<g class="impact-series" aria-hidden="true">')
        segment: list[str] = []
        for i, v in enumerate(list(s.values) + [None]):
            if v is None:
                if len(segment) > 1:
                    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                    out.append(f'<path d="M{"L".join(segment)}" fill="none" stroke="{colour}" '
                               f'stroke-width="2.5"{dash_attr}/>')
                segment = []
            else:
                segment.append(f"{_n(x_at(i) + shift)} {_n(y_at(v))}")
        for x, y in points:
            out.append(_marker(shape, x, y, colour))
        out.append("</g>")
        if points:
            ends.append((k, points[-1][1]))

    label_y = _spread([y for _, y in ends], 17.0, top, top + plot_h + 10)
    for (k, y_end), y in zip(ends, label_y, strict=True):
        colour = SERIES_COLOURS[k % len(SERIES_COLOURS)]
        shape = SERIES_MARKERS[k % len(SERIES_MARKERS)]
        x = left + plot_w + 14
        out.append(_marker(shape, x, y, colour, 4.5))
        out.append(f'<text x="{_n(x + 10)}" y="{_n(y + 4.5)}">{_e(end_labels[k])}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _last_text(values: Sequence[float | None]) -> str:
    for v in reversed(values):
        if v is not None:
            return f"{v:.1f}"
    return "not assessed"


@dataclass(frozen=True)
class DotRow:
    label: str
    old: float | None
    new: float | None


def dot_plot(chart_id: str, title: str, desc: str, rows: Sequence[DotRow],
             levels: Sequence[str], old_label: str, new_label: str) -> str:
    """Previous (hollow) against latest (filled) per row, with an arrow and the numbers."""
    label_w = min(max((text_width(r.label) for r in rows), default=60), 300.0)
    left = label_w + 20
    plot_w = max(360.0, 90.0 * max(len(levels) - 1, 1))
    right = 150.0
    top, row_h = 64.0, 34.0
    bottom = 28.0
    height = top + row_h * len(rows) + bottom
    width = left + plot_w + right
    n_levels = max(len(levels), 2)

    def x_at(v: float) -> float:
        return left + plot_w * (v - 1) / (n_levels - 1)

    out = _open(chart_id, width, height, title, desc)
    out.append(
        f'<defs><marker id="{_e(chart_id)}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0 0L10 5L0 10Z" fill="{MUTED}"/></marker></defs>'
    )
    # Legend: shapes and words, not colour alone.
    out.append(f'<circle cx="{_n(left + 6)}" cy="16" r="6" fill="#ffffff" stroke="{MUTED}" '
               f'stroke-width="2"/>')
    out.append(f'<text x="{_n(left + 18)}" y="20">{_e(old_label)} (hollow)</text>')
    lx = left + 18 + text_width(f"{old_label} (hollow)") + 24
    out.append(f'<circle cx="{_n(lx)}" cy="16" r="6.5" fill="{LATEST}"/>')
    out.append(f'<text x="{_n(lx + 12)}" y="20">{_e(new_label)} (filled)</text>')
    for rank, label in enumerate(levels, start=1):
        x = x_at(rank)
        out.append(f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{_n(top - 12)}" '
                   f'y2="{_n(top + row_h * len(rows))}" stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{_n(x)}" y="{_n(top - 18)}" text-anchor="middle" font-size="12">'
                   f'{rank} {_e(label)}</text>')
    for i, r in enumerate(rows):
        y = top + row_h * i + row_h / 2
        shown = r.label if text_width(r.label) <= 300 else r.label[: int(300 / 7.5)] + "…"
        out.append(f'<text x="{_n(left - 12)}" y="{_n(y + 4.5)}" text-anchor="end">'
                   f'{_e(shown)}</text>')
        out.append('<g aria-hidden="true">')
        if r.old is not None and r.new is not None and abs(r.new - r.old) >= 0.05:
            gap = 9 if r.new > r.old else -9
            out.append(f'<line x1="{_n(x_at(r.old) + gap * 0.8)}" x2="{_n(x_at(r.new) - gap)}" '
                       f'y1="{_n(y)}" y2="{_n(y)}" stroke="{MUTED}" stroke-width="2" '
                       f'marker-end="url(#{_e(chart_id)}-arrow)"/>')
        if r.old is not None:
            out.append(f'<circle cx="{_n(x_at(r.old))}" cy="{_n(y)}" r="6" fill="#ffffff" '
                       f'stroke="{MUTED}" stroke-width="2"/>')
        if r.new is not None:
            out.append(f'<circle cx="{_n(x_at(r.new))}" cy="{_n(y)}" r="6.5" fill="{LATEST}"/>')
        out.append("</g>")
        out.append(f'<text x="{_n(left + plot_w + 16)}" y="{_n(y + 4.5)}">'
                   f'{_e(_dot_text(r))}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _dot_text(r: DotRow) -> str:
    if r.new is None:
        return "not assessed"
    if r.old is None:
        return f"{r.new:.1f} (no earlier)"
    d = round(r.new - r.old + 1e-9, 1)
    change = "±0.0" if d == 0 else f"{d:+.1f}"
    return f"{r.old:.1f} → {r.new:.1f} ({change})"


@dataclass(frozen=True)
class Cell:
    rank: int | None  # None: not assessed
    text: str  # shown in the cell, e.g. "Established 3.2"


def heatmap(chart_id: str, title: str, desc: str, row_labels: Sequence[str],
            col_labels: Sequence[str], cells: Sequence[Sequence[Cell]],
            levels: Sequence[str]) -> str:
    """Rows (organisations) by columns (components), each cell filled by level and labelled."""
    cell_w = max(112.0, max((text_width(c.text, 12) for row in cells for c in row), default=0)
                 + 16)
    cell_h = 34.0
    label_w = min(max((text_width(r) for r in row_labels), default=60), 300.0)
    left = label_w + 18
    top = 40.0
    legend_h = 58.0
    width = max(left + cell_w * len(col_labels) + 10, 620.0)
    height = top + cell_h * len(row_labels) + legend_h
    out = _open(chart_id, width, height, title, desc)
    for j, label in enumerate(col_labels):
        out.append(f'<text x="{_n(left + cell_w * j + cell_w / 2)}" y="{_n(top - 12)}" '
                   f'text-anchor="middle" font-weight="bold">{_e(label)}</text>')
    for i, label in enumerate(row_labels):
        y = top + cell_h * i
        shown = label if text_width(label) <= 300 else label[: int(300 / 7.5)] + "…"
        out.append(f'<text x="{_n(left - 10)}" y="{_n(y + cell_h / 2 + 4.5)}" '
                   f'text-anchor="end">{_e(shown)}</text>')
        for j, cell in enumerate(cells[i]):
            x = left + cell_w * j
            if cell.rank is None:
                out.append(f'<rect x="{_n(x + 1)}" y="{_n(y + 1)}" width="{_n(cell_w - 2)}" '
                           f'height="{_n(cell_h - 2)}" fill="#ffffff" stroke="{MUTED}" '
                           f'stroke-dasharray="4 3"/>')
                colour = INK
            else:
                fill, colour = level_style(cell.rank, len(levels))
                out.append(f'<rect x="{_n(x + 1)}" y="{_n(y + 1)}" width="{_n(cell_w - 2)}" '
                           f'height="{_n(cell_h - 2)}" fill="{fill}"/>')
            out.append(f'<text x="{_n(x + cell_w / 2)}" y="{_n(y + cell_h / 2 + 4.5)}" '
                       f'text-anchor="middle" font-size="12" fill="{colour}">'
                       f'{_e(cell.text)}</text>')
    # Legend: the scale, each swatch with its name.
    y = top + cell_h * len(row_labels) + 22
    x = left
    out.append(f'<text x="{_n(left - 10)}" y="{_n(y + 13)}" text-anchor="end" '
               f'fill="{MUTED}">Key</text>')
    for rank, label in enumerate(levels, start=1):
        fill, colour = level_style(rank, len(levels))
        w = text_width(f"{rank} {label}", 12) + 16
        out.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="20" fill="{fill}"/>')
        out.append(f'<text x="{_n(x + w / 2)}" y="{_n(y + 14)}" text-anchor="middle" '
                   f'font-size="12" fill="{colour}">{rank} {_e(label)}</text>')
        x += w + 4
    out.append("</svg>")
    return "\n".join(out)
