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


def _e(value: object) -> str:
    return escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _n(value: float) -> str:
    """Numbers for SVG attributes: short and stable."""
    return f"{value:.1f}".removesuffix(".0")


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


@dataclass(frozen=True)
class Series:
    label: str  # short, for the panel title
    values: tuple[float | None, ...]  # one per x label; None: a gap


def trend_chart(
    chart_id: str,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    levels: Sequence[str],
) -> str:
    """Small multiples: one panel per component, its score per cycle on the level scale.

    One line per panel means no legend, no colour to decode and no lines hiding each other;
    every panel shares the same scales so the panels can be compared at a glance.
    """
    n = len(x_labels)
    columns = min(3, max(len(series), 1))
    rows = math.ceil(len(series) / columns) if series else 1
    axis_w = max((text_width(f"{i} {lv}", 12) for i, lv in enumerate(levels, 1)), default=40) + 14
    panel_w, gap_x = 170.0, 26.0
    row = 26.0
    plot_h = row * max(len(levels) - 1, 1)
    title_h, foot_h, gap_y = 30.0, 40.0, 16.0
    panel_h = title_h + plot_h + foot_h
    width = axis_w + columns * panel_w + (columns - 1) * gap_x + 12
    height = rows * panel_h + (rows - 1) * gap_y + 22
    out = _open(chart_id, width, height, title, desc)
    label_every = max(1, math.ceil(n / 3))

    for k, s in enumerate(series):
        col, r = k % columns, k // columns
        x0 = axis_w + col * (panel_w + gap_x)
        y0 = r * (panel_h + gap_y) + title_h
        inner = panel_w - 24

        def x_at(i: int, x0: float = x0, inner: float = inner) -> float:
            return x0 + 12 + (inner / 2 if n == 1 else inner * i / (n - 1))

        def y_at(v: float, y0: float = y0) -> float:
            return y0 + plot_h - (v - 1) * row

        out.append(f'<text x="{_n(x0)}" y="{_n(y0 - 12)}" font-weight="bold">{_e(s.label)}</text>')
        for rank, label in enumerate(levels, start=1):
            y = y_at(rank)
            out.append(
                f'<line x1="{_n(x0)}" x2="{_n(x0 + panel_w)}" y1="{_n(y)}" y2="{_n(y)}" '
                f'stroke="{GRID}" stroke-width="1"/>'
            )
            if col == 0:
                out.append(
                    f'<text x="{_n(x0 - 8)}" y="{_n(y + 4)}" text-anchor="end" '
                    f'font-size="12">{rank} {_e(label)}</text>'
                )
        out.append(
            f'<line x1="{_n(x0)}" x2="{_n(x0 + panel_w)}" y1="{_n(y_at(1))}" '
            f'y2="{_n(y_at(1))}" stroke="{MUTED}" stroke-width="1"/>'
        )
        for i, label in enumerate(x_labels):
            if i in (0, n - 1) or (i % label_every == 0 and n <= 6):
                anchor = (
                    "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
                )
                nudge = 6 if anchor == "start" else -6 if anchor == "end" else 0
                out.append(
                    f'<text x="{_n(x_at(i) - nudge)}" '
                    f'y="{_n(y_at(1) + 17)}" text-anchor="{anchor}" font-size="12" '
                    f'fill="{MUTED}">{_e(label)}</text>'
                )
        # Each point's coordinates, formatted once for the line and for its marker.
        points = {i: (_n(x_at(i)), _n(y_at(v))) for i, v in enumerate(s.values) if v is not None}
        segment: list[str] = []
        for i in range(len(s.values) + 1):
            if i in points:
                cx, cy = points[i]
                segment.append(f"{cx} {cy}")
            else:
                if len(segment) > 1:
                    out.append(
                        f'<path d="M{"L".join(segment)}" fill="none" stroke="{LATEST}" '
                        f'stroke-width="2.5"/>'
                    )
                segment = []
        for cx, cy in points.values():
            out.append(f'<circle cx="{cx}" cy="{cy}" r="4.5" fill="{LATEST}"/>')
        known = [(i, v) for i, v in enumerate(s.values) if v is not None]
        labelled = {known[0][0], known[-1][0]} if known else set()
        if n <= 6:
            labelled |= {i for i, _ in known}
        for i, v in known:
            if i in labelled:
                out.append(
                    f'<text x="{_n(x_at(i))}" y="{_n(y_at(v) - 9)}" text-anchor="middle" '
                    f'font-size="12" font-weight="bold">{v:.1f}</text>'
                )
        if not known:
            out.append(
                f'<text x="{_n(x0 + panel_w / 2)}" y="{_n(y0 + plot_h / 2)}" '
                f'text-anchor="middle" fill="{MUTED}">not assessed</text>'
            )
    out.append(
        f'<text x="{_n(axis_w)}" y="{_n(height - 6)}" fill="{MUTED}" font-size="12">'
        f"Score per review cycle ({_e(x_labels[0]) if x_labels else ''} to "
        f"{_e(x_labels[-1]) if x_labels else ''}); 1 = {_e(levels[0]) if levels else ''}, "
        f"{len(levels)} = {_e(levels[-1]) if levels else ''}</text>"
    )
    out.append("</svg>")
    return "\n".join(out)


def wrap(label: str, chars: int, lines: int = 2) -> list[str]:
    """Split a label into at most ``lines`` lines of about ``chars`` characters."""
    words, out, current = label.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > chars:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
        if len(out[-1]) > chars:
            out[-1] = out[-1][: chars - 1].rstrip() + "…"
    return out


def _label(
    x: float, y: float, label: str, chars: int, anchor: str = "end", size: float = 13
) -> str:
    """A row label, on one or two lines, vertically centred on ``y``."""
    lines = wrap(label, chars)
    first = y + size * 0.35 - (len(lines) - 1) * size * 0.55
    spans = "".join(
        f'<tspan x="{_n(x)}" dy="{_n(0 if i == 0 else size * 1.1)}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{_n(x)}" y="{_n(first)}" text-anchor="{anchor}">{spans}</text>'


@dataclass(frozen=True)
class DotRow:
    label: str
    old: float | None
    new: float | None
    text: str | None = None  # the row's numbers in words; None: from old and new (dot_text)


LABEL_CHARS = 30  # row labels wrap onto two lines of about this many characters


def dot_plot(
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[DotRow],
    levels: Sequence[str],
    old_label: str,
    new_label: str,
) -> str:
    """Previous (hollow) against latest (filled) per row, with an arrow and the numbers."""
    longest = max((len(line) for r in rows for line in wrap(r.label, LABEL_CHARS)), default=8)
    spacing = max((text_width(f"{i} {lv}", 12) for i, lv in enumerate(levels, 1)), default=60)
    plot_w = max(300.0, (spacing + 12) * max(len(levels) - 1, 1))
    left = max(text_width("x" * longest) + 18, spacing / 2 + 4)
    # Rows that carry their own words (a paper's "Developing → Established (+1)") get room
    # for them; the site's numbers fit the fixed width.
    right = max(
        136.0, spacing / 2 + 4, *(text_width(r.text) + 22 for r in rows if r.text is not None)
    )
    top, row_h = 62.0, 38.0
    bottom = 14.0
    height = top + row_h * len(rows) + bottom
    width = left + plot_w + right
    n_levels = max(len(levels), 2)

    def x_at(v: float) -> float:
        return left + plot_w * (v - 1) / (n_levels - 1)

    out = _open(chart_id, width, height, title, desc)
    out.append(
        f'<defs><marker id="{_e(chart_id)}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        f'<path d="M0 0L10 5L0 10Z" fill="{MUTED}"/></marker></defs>'
    )
    # Legend: shapes and words, not colour alone.
    out.append(
        f'<circle cx="{_n(left + 6)}" cy="14" r="6" fill="#ffffff" stroke="{MUTED}" '
        f'stroke-width="2"/>'
    )
    out.append(f'<text x="{_n(left + 18)}" y="18.5">{_e(old_label)} (hollow)</text>')
    lx = left + 18 + text_width(f"{old_label} (hollow)") + 22
    out.append(f'<circle cx="{_n(lx)}" cy="14" r="6.5" fill="{LATEST}"/>')
    out.append(f'<text x="{_n(lx + 12)}" y="18.5">{_e(new_label)} (filled)</text>')
    for rank, label in enumerate(levels, start=1):
        x = x_at(rank)
        out.append(
            f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{_n(top - 10)}" '
            f'y2="{_n(top + row_h * len(rows))}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_n(x)}" y="{_n(top - 16)}" text-anchor="middle" '
            f'font-size="12">{rank} {_e(label)}</text>'
        )
    for i, r in enumerate(rows):
        y = top + row_h * i + row_h / 2
        if i:
            out.append(
                f'<line x1="0" x2="{_n(width)}" y1="{_n(y - row_h / 2)}" '
                f'y2="{_n(y - row_h / 2)}" stroke="#f0f4f5" stroke-width="1"/>'
            )
        out.append(_label(left - 12, y, r.label, LABEL_CHARS))
        if r.old is not None and r.new is not None and abs(x_at(r.new) - x_at(r.old)) > 24:
            sign = 1 if r.new > r.old else -1
            out.append(
                f'<line x1="{_n(x_at(r.old) + sign * 8)}" x2="{_n(x_at(r.new) - sign * 9)}" '
                f'y1="{_n(y)}" y2="{_n(y)}" stroke="{MUTED}" stroke-width="2" '
                f'marker-end="url(#{_e(chart_id)}-arrow)"/>'
            )
        if r.old is not None:
            out.append(
                f'<circle cx="{_n(x_at(r.old))}" cy="{_n(y)}" r="6" fill="#ffffff" '
                f'stroke="{MUTED}" stroke-width="2"/>'
            )
        if r.new is not None:
            out.append(f'<circle cx="{_n(x_at(r.new))}" cy="{_n(y)}" r="6" fill="{LATEST}"/>')
        out.append(f'<text x="{_n(left + plot_w + 14)}" y="{_n(y + 4.5)}">{_e(dot_text(r))}</text>')
    out.append("</svg>")
    return "\n".join(out)


def dot_text(r: DotRow) -> str:
    """A row's numbers in words: '2.6 → 3.4 (+0.8)', or the row's own ``text``."""
    if r.text is not None:
        return r.text
    if r.new is None:
        return "not assessed"
    if r.old is None:
        return f"{r.new:.1f} (first cycle)"
    d = round(r.new - r.old + 1e-9, 1)
    change = "±0.0" if d == 0 else f"{d:+.1f}"
    return f"{r.old:.1f} → {r.new:.1f} ({change})"


@dataclass(frozen=True)
class Cell:
    rank: int | None  # None: not assessed
    text: str  # shown in the cell, e.g. "Established 3.2"


def heatmap(
    chart_id: str,
    title: str,
    desc: str,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    cells: Sequence[Sequence[Cell]],
    levels: Sequence[str],
) -> str:
    """Rows (organisations) by columns (components), each cell filled by level and labelled."""
    cell_w = max(
        92.0,
        max((text_width(c.text, 12) for row in cells for c in row), default=0) + 10,
        max((text_width(c, 12) for c in col_labels), default=0) + 8,
    )
    cell_h = 38.0
    longest = max((len(line) for r in row_labels for line in wrap(r, LABEL_CHARS)), default=8)
    left = text_width("x" * longest) + 16
    top = 30.0
    legend_h = 48.0
    key = [
        (rank, label, text_width(f"{rank} {label}", 12) + 14)
        for rank, label in enumerate(levels, start=1)
    ]
    width = max(left + cell_w * len(col_labels) + 4, left + sum(w + 4 for _, _, w in key) + 4)
    height = top + cell_h * len(row_labels) + legend_h
    out = _open(chart_id, width, height, title, desc)
    for j, label in enumerate(col_labels):
        out.append(
            f'<text x="{_n(left + cell_w * j + cell_w / 2)}" y="{_n(top - 10)}" '
            f'text-anchor="middle" font-size="12" font-weight="bold">{_e(label)}</text>'
        )
    for i, label in enumerate(row_labels):
        y = top + cell_h * i
        out.append(_label(left - 10, y + cell_h / 2, label, LABEL_CHARS))
        for j, cell in enumerate(cells[i]):
            x = left + cell_w * j
            if cell.rank is None:
                out.append(
                    f'<rect x="{_n(x + 1.5)}" y="{_n(y + 1.5)}" width="{_n(cell_w - 3)}" '
                    f'height="{_n(cell_h - 3)}" fill="#ffffff" stroke="{MUTED}" '
                    f'stroke-dasharray="4 3"/>'
                )
                colour = INK
            else:
                fill, colour = level_style(cell.rank, len(levels))
                out.append(
                    f'<rect x="{_n(x + 1)}" y="{_n(y + 1)}" width="{_n(cell_w - 2)}" '
                    f'height="{_n(cell_h - 2)}" fill="{fill}"/>'
                )
            out.append(
                f'<text x="{_n(x + cell_w / 2)}" y="{_n(y + cell_h / 2 + 4.5)}" '
                f'text-anchor="middle" font-size="12" fill="{colour}">'
                f"{_e(cell.text)}</text>"
            )
    # Legend: the scale, each swatch with its name.
    y = top + cell_h * len(row_labels) + 18
    x = left
    out.append(
        f'<text x="{_n(left - 10)}" y="{_n(y + 14)}" text-anchor="end" fill="{MUTED}">Key</text>'
    )
    for rank, label, w in key:
        fill, colour = level_style(rank, len(levels))
        out.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="20" fill="{fill}"/>')
        out.append(
            f'<text x="{_n(x + w / 2)}" y="{_n(y + 14)}" text-anchor="middle" '
            f'font-size="12" fill="{colour}">{rank} {_e(label)}</text>'
        )
        x += w + 4
    out.append("</svg>")
    return "\n".join(out)
