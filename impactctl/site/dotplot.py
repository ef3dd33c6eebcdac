"""The dot plot: each row's previous level (hollow) and latest (filled), joined by an arrow.
The rules every chart follows are in ``charts``, which re-exports this module's names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from impactctl.site.scale import MAX_DESC_ROWS
from impactctl.site.svg import GRID, LATEST, MUTED, text_width
from impactctl.site.svg import e as _e
from impactctl.site.svg import n as _n
from impactctl.site.svg import num as _num
from impactctl.site.svg import open_svg as _open


@dataclass(frozen=True)
class DotRow:
    label: str
    old: float | None
    new: float | None
    draft: bool = False  # the latest value comes from a cycle not yet agreed
    text: str | None = None  # the row in words (a paper's); None: from the values


BOLD_EM = 0.66  # a bold 13 px character's width, generously: row labels are bold
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
    chars = int((width - 2 * pad) / (13 * BOLD_EM))

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


def dots_in_words(rows: Sequence[DotRow], levels: Sequence[str]) -> str:
    """A dot plot's rows in words, for its description; past MAX_DESC_ROWS rows, where to
    find them instead (a screen reader would otherwise read out hundreds)."""
    if len(rows) <= MAX_DESC_ROWS:
        return "; ".join(f"{r.label}: {dot_text(r, levels)}" for r in rows) + "."
    return "The table after the chart gives every value."
