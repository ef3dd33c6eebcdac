"""The heatmap: organisations by components, each cell tinted by level, with the level as
pips (the second encoding) and as text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from impactctl.site.scale import MAX_DESC_ROWS
from impactctl.site.svg import DRAFT_NOTE, INK, MUTED, level_style, text_width, wrap
from impactctl.site.svg import e as _e
from impactctl.site.svg import label as _label
from impactctl.site.svg import n as _n
from impactctl.site.svg import open_svg as _open

HEAT_CHARS = 24  # the heatmap's row labels, so five columns fit a laptop's column


@dataclass(frozen=True)
class Cell:
    rank: int | None  # None: not assessed
    text: str  # shown in the cell, e.g. "Established"
    draft: bool = False  # from a cycle not yet agreed: dashed border, "(draft)" in the text


def _pips(chart_id: str, levels: int) -> str:
    """Each rank as filled squares out of ``levels`` (the level without reading the text),
    defined once and placed in each cell with ``<use>``: a national overview has over a
    thousand cells."""

    def squares(ks: range) -> str:
        return "".join(f"M{k * 8} 0h6v6h-6z" for k in ks)

    groups = []
    for rank in range(1, levels + 1):
        hollow = (
            f'<path d="{squares(range(rank, levels))}" fill="none" stroke="{INK}"/>'
            if rank < levels
            else ""
        )
        groups.append(
            f'<g id="{_e(chart_id)}-pips-{rank}"><path d="{squares(range(rank))}" '
            f'fill="{INK}" stroke="{INK}"/>{hollow}</g>'
        )
    return "<defs>" + "".join(groups) + "</defs>"


def _heat_cell(
    chart_id: str, x: float, y: float, w: float, h: float, cell: Cell, levels: int
) -> list[str]:
    if cell.rank is None:
        return [
            f'<rect x="{_n(x + 1.5)}" y="{_n(y + 1.5)}" width="{_n(w - 3)}" '
            f'height="{_n(h - 3)}" fill="#ffffff" stroke="{MUTED}" stroke-dasharray="4 3"/>',
            f'<text x="{_n(x + w / 2)}" y="{_n(y + h / 2 + 4.5)}" text-anchor="middle" '
            f'font-size="12">{_e(cell.text)}</text>',
        ]
    fill, colour = level_style(cell.rank, levels)
    dash = ' stroke-dasharray="5 3" stroke-width="2"' if cell.draft else ""
    return [
        f'<rect x="{_n(x + 1)}" y="{_n(y + 1)}" width="{_n(w - 2)}" height="{_n(h - 2)}" '
        f'fill="{fill}" stroke="{MUTED}"{dash}/>',
        f'<use href="#{_e(chart_id)}-pips-{cell.rank}" '
        f'x="{_n(x + w / 2 - (levels * 8 - 2) / 2)}" y="{_n(y + 6)}"/>',
        f'<text x="{_n(x + w / 2)}" y="{_n(y + h - 9)}" text-anchor="middle" '
        f'font-size="12" fill="{colour}">{_e(cell.text)}</text>',
    ]


def _cell_kinds(
    chart_id: str, cells: Sequence[Sequence[Cell]], w: float, h: float, levels: int
) -> dict[Cell, str]:
    """Each kind of cell drawn once at the origin, in ``<defs>``, for ``<use>``."""
    kinds: dict[Cell, str] = {}
    for cell in (c for row in cells for c in row):
        if cell not in kinds:
            drawn = "".join(_heat_cell(chart_id, 0, 0, w, h, cell, levels))
            kinds[cell] = f'<defs><g id="{_e(chart_id)}-cell-{len(kinds)}">{drawn}</g></defs>'
    return kinds


def heatmap(
    chart_id: str,
    title: str,
    desc: str,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    cells: Sequence[Sequence[Cell]],
    levels: Sequence[str],
    *,
    shared_cells: bool = False,
) -> str:
    """Rows (organisations) by columns (components): each cell tinted by level, with the
    level as pips and as text; a draft's cell has a dashed border and says so.

    ``shared_cells`` draws each kind of cell once, in ``<defs>``, and places it with
    ``<use>``: the same picture in a fraction of the bytes, for a national overview's
    hundreds of cells."""
    cell_w = max(
        92.0,
        max((text_width(c.text, 12) for row in cells for c in row), default=0) + 10,
        max((text_width(c, 12) for c in col_labels), default=0) + 8,
    )
    cell_h = 42.0
    longest = max((len(line) for r in row_labels for line in wrap(r, HEAT_CHARS)), default=8)
    left = text_width("x" * longest) + 16
    top = 30.0
    key = [
        (rank, label, max(text_width(f"{rank} {label}", 12), len(levels) * 8) + 14)
        for rank, label in enumerate(levels, start=1)
    ]
    width = max(left + cell_w * len(col_labels) + 4, left + sum(w + 4 for _, _, w in key) + 4)
    drafts = any(c.draft for row in cells for c in row)
    height = top + cell_h * len(row_labels) + (84.0 if drafts else 64.0)
    out = _open(chart_id, width, height, title, desc)
    out.append(_pips(chart_id, len(levels)))
    for j, label in enumerate(col_labels):
        out.append(
            f'<text x="{_n(left + cell_w * j + cell_w / 2)}" y="{_n(top - 10)}" '
            f'text-anchor="middle" font-size="12" font-weight="bold">{_e(label)}</text>'
        )
    kinds = _cell_kinds(chart_id, cells, cell_w, cell_h, len(levels)) if shared_cells else {}
    out += kinds.values()
    kind_ids = {cell: f"{chart_id}-cell-{k}" for k, cell in enumerate(kinds)}
    for i, label in enumerate(row_labels):
        y = top + cell_h * i
        out.append(_label(left - 10, y + cell_h / 2, label, HEAT_CHARS))
        for j, cell in enumerate(cells[i]):
            x = left + cell_w * j
            if shared_cells:
                out.append(f'<use href="#{_e(kind_ids[cell])}" x="{_n(x)}" y="{_n(y)}"/>')
            else:
                out += _heat_cell(chart_id, x, y, cell_w, cell_h, cell, len(levels))
    # Key: the scale, each swatch with its pips and its name.
    y = top + cell_h * len(row_labels) + 16
    x = left
    out.append(
        f'<text x="{_n(left - 10)}" y="{_n(y + 26)}" text-anchor="end" fill="{MUTED}">Key</text>'
    )
    for rank, label, w in key:
        out += _heat_cell(chart_id, x, y, w, cell_h, Cell(rank, f"{rank} {label}"), len(levels))
        x += w + 4
    if drafts:
        out.append(
            f'<text x="{_n(left)}" y="{_n(height - 4)}" font-size="12">Dashed border: '
            f"{DRAFT_NOTE}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


def cells_in_words(
    names: Sequence[str], columns: Sequence[str], cells: Sequence[Sequence[Cell]], draft: str
) -> str:
    """A heatmap's cells in words, row by row, for its description (``draft`` follows a
    cell from a draft); past MAX_DESC_ROWS rows, where to find them instead."""
    if len(names) > MAX_DESC_ROWS:
        return "The table after the chart gives every value."
    return " ".join(
        f"{name}: "
        + ", ".join(
            f"{column} {cell.text}{draft if cell.draft else ''}"
            for column, cell in zip(columns, row, strict=True)
        )
        + "."
        for name, row in zip(names, cells, strict=True)
    )
