"""What every chart shares: the palette, escaping, numbers, the SVG opening and labels."""

from __future__ import annotations

from html import escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
INK = "#212b32"  # text: 14.9:1 on white
MUTED = "#4c6272"  # axes, previous markers: 6.4:1 on white
GRID = "#d8dde0"  # gridlines are guides, not data
LATEST = "#005eb8"  # NHS blue: 6.4:1 on white

# Level fills, lowest first: light tints of NHS blue that step darker with each level, so
# that one text colour (INK) reads on every one of them (at least 4.5:1). Neighbouring
# tints differ by only about 1.3:1 in lightness, so lightness is not what tells adjacent
# levels apart: every level also carries its rank as pips (filled squares, one per level),
# the second encoding, and its name as text. docs/decisions.md says why.
LEVEL_FILLS = ("#eaf1f9", "#c4daf0", "#9bc0e6", "#7aaadd", "#5a96d4")
LEVEL_TEXT = (INK, INK, INK, INK, INK)
DRAFT_NOTE = "draft, not yet agreed"


def e(value: object) -> str:
    return escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def n(value: float) -> str:
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


def open_svg(chart_id: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="impact-svg" id="{e(chart_id)}" '
        f'viewBox="0 0 {n(width)} {n(height)}" width="{n(width)}" height="{n(height)}" '
        f'role="img" aria-labelledby="{e(chart_id)}-title {e(chart_id)}-desc" '
        f'font-family="{FONT}" font-size="13" fill="{INK}">',
        f'<title id="{e(chart_id)}-title">{e(title)}</title>',
        f'<desc id="{e(chart_id)}-desc">{e(desc)}</desc>',
        f'<rect width="{n(width)}" height="{n(height)}" fill="#ffffff"/>',
    ]


def num(v: float) -> str:
    """A value as a label: a whole rank as '3', anything else to one decimal."""
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


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


def label(x: float, y: float, label: str, chars: int, anchor: str = "end", size: float = 13) -> str:
    """A row label, on one or two lines, vertically centred on ``y``."""
    lines = wrap(label, chars)
    first = y + size * 0.35 - (len(lines) - 1) * size * 0.55
    spans = "".join(
        f'<tspan x="{n(x)}" dy="{n(0 if i == 0 else size * 1.1)}">{e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{n(x)}" y="{n(first)}" text-anchor="{anchor}">{spans}</text>'
