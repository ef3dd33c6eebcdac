"""Small HTML builders for the generated pages: escaping, data tables, links between pages.

Generated pages are Markdown with raw HTML blocks (figures and tables need ``<caption>``,
``scope`` and ARIA that Markdown cannot express). Raw HTML is not rewritten by MkDocs, so
links are computed here for MkDocs' ``use_directory_urls`` setting.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from impactctl.site.markdown import text as esc


class Html(str):
    """Markup that is already safe; anything else put into a table is escaped."""


def cell_html(value: object) -> str:
    if type(value) is str:  # most cells: plain text
        return esc(value)
    if isinstance(value, Html):
        return str(value)
    return esc("" if value is None else str(value))


def page_url(path: str, directory_urls: bool) -> str:
    """The URL (relative to the site root) MkDocs gives a docs file."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if directory_urls:
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"
    return stem + ".html"


def href(source: str, target: str, anchor: str = "", *, directory_urls: bool = True) -> str:
    """A relative link from the page generated from ``source`` to ``target`` (docs paths)."""
    base = page_url(source, directory_urls)
    base_dir = base if base.endswith("/") or base == "" else posixpath.dirname(base) + "/"
    to = page_url(target, directory_urls)
    if to == base and anchor:
        return f"#{anchor}"
    rel = posixpath.relpath(to or ".", base_dir.rstrip("/") or ".")
    if to.endswith("/") or to == "":
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def link(url: str, label: str, **attrs: str) -> Html:
    extra = "".join(f' {k.rstrip("_")}="{esc(v)}"' for k, v in attrs.items())
    return Html(f'<a href="{esc(url)}"{extra}>{esc(label)}</a>')


@dataclass
class Table:
    """A data table with a caption, column headers (scope=col) and row headers (scope=row).

    It sits in a focusable region so that keyboard users can reach it and scroll it.
    """

    table_id: str
    caption: str
    head: Sequence[str]
    rows: Sequence[Sequence[object]] = field(default_factory=list)
    row_headers: bool = True  # first cell of each row is a header
    scroll: bool = True  # in a focusable, scrollable region (chart and wide tables)
    searchable: bool = True  # False for tables of numbers: kept out of the search index
    # True: on a narrow screen each row becomes a card of "column: value" lines, so no
    # column is ever off screen. False (tables of cycles): the region scrolls sideways,
    # with a visible shadow as the cue, and the first column stays put.
    reflow: bool = True

    def render(self) -> str:
        skip = "" if self.searchable else " data-search-exclude"
        region = (
            f'<div class="impact-table" role="region" tabindex="0" '
            f'aria-labelledby="{self.table_id}-caption"{skip}>'
            if self.scroll
            else f'<div class="impact-table impact-table--small"{skip}>'
        )
        kind = "impact-data impact-reflow" if self.reflow else "impact-data impact-wide"
        out = [
            region,
            f'<table class="{kind}" id="{self.table_id}">',
            f'<caption id="{self.table_id}-caption">{esc(self.caption)}</caption>',
            "<thead><tr>"
            + "".join(f'<th scope="col">{cell_html(h)}</th>' for h in self.head)
            + "</tr></thead>",
            "<tbody>",
        ]
        # Tables of statements x cycles run to thousands of cells: no per-cell branching.
        first = 1 if self.row_headers else 0
        if self.reflow:
            opens = [f'<td data-label="{esc(str(h))}">' for h in self.head[first:]]
            for row in self.rows:
                header = f'<th scope="row">{cell_html(row[0])}</th>' if first and row else ""
                data = "".join(
                    f"{o}{cell_html(c)}</td>" for o, c in zip(opens, row[first:], strict=False)
                )
                out.append(f"<tr>{header}{data}</tr>")
        for row in self.rows if not self.reflow else ():
            header = f'<th scope="row">{cell_html(row[0])}</th>' if first and row else ""
            cells = row[first:]
            data = f"<td>{'</td><td>'.join(map(cell_html, cells))}</td>" if cells else ""
            out.append(f"<tr>{header}{data}</tr>")
        out.append("</tbody></table>")
        out.append("</div>")
        return "\n".join(out)


def csv_link(url: str, what: str) -> str:
    return (
        f'<p class="impact-csv" data-search-exclude><a href="{esc(url)}" download>'
        f"Download {esc(what)} (CSV)</a></p>"
    )


def figure(svg: str, headline: str, explanation: str) -> str:
    """A chart: the headline (the finding) and what it shows, then the SVG."""
    return "\n".join(
        [
            '<figure class="impact-chart" data-search-exclude>',
            f'<figcaption><strong class="impact-headline">{esc(headline)}</strong> '
            f"{esc(explanation)}</figcaption>",
            svg,
            "</figure>",
        ]
    )


def multiples(panels: Sequence[str], headline: str, explanation: str) -> str:
    """Small multiples: the headline and what they show, then one small SVG per panel, laid
    out by the stylesheet (several a row on a laptop, one a row on a phone)."""
    return "\n".join(
        [
            '<figure class="impact-chart impact-multiples" data-search-exclude>',
            f'<figcaption><strong class="impact-headline">{esc(headline)}</strong> '
            f"{esc(explanation)}</figcaption>",
            '<div class="impact-panels">',
            *panels,
            "</div>",
            "</figure>",
        ]
    )


def wide_figure(svg: str, headline: str, explanation: str) -> str:
    """A chart that may be wider than a laptop's column: in a labelled, focusable region
    that scrolls sideways (its shadow is the cue). On a phone the stylesheet hides it and
    the table after it, which reflows, is the phone form."""
    return "\n".join(
        [
            '<figure class="impact-chart impact-chart--wide" data-search-exclude>',
            f'<figcaption><strong class="impact-headline">{esc(headline)}</strong> '
            f"{esc(explanation)}</figcaption>",
            f'<div class="impact-scroll" role="region" tabindex="0" '
            f'aria-label="Chart, scrolls sideways: {esc(headline)}">',
            svg,
            "</div>",
            "</figure>",
        ]
    )


def _raw(*parts: str) -> str:
    """Raw HTML as one Markdown block: blank lines around it and none inside."""
    body = "\n".join(p for p in parts if p)
    lines = [line for line in body.splitlines() if line.strip()]
    return "\n" + "\n".join(lines) + "\n"


DEFER_BEGIN = "<!-- impactctl:begin -->"
DEFER_END = "<!-- impactctl:end -->"
PROSE_BEGIN = "<!-- impactctl:prose -->"
PROSE_END = "<!-- impactctl:prose-end -->"


def block(*parts: str) -> str:
    """Raw HTML that search should find (statements, rationale, actions), between markers.

    Any Markdown builder publishes it as the raw HTML it is. The MkDocs plugin keeps it
    away from Markdown (which would parse every tag twice, for nothing: raw HTML passes
    through unchanged) and gives search a text-only copy; the HTML goes back into the
    finished page. Contributor text never contains the markers (comments are stripped,
    text escaped).
    """
    return "\n" + PROSE_BEGIN + _raw(*parts) + PROSE_END + "\n"


def data_block(*parts: str) -> str:
    """A block of charts and tables of numbers, between markers.

    Any Markdown builder publishes it as the raw HTML it is. The MkDocs plugin goes
    further: it takes such blocks out before Markdown and search see the page and puts
    them back into the finished HTML, because parsing thousands of SVG and table tags a
    page is most of the build time of a large site, and numbers are no use to search.
    Contributor text never contains the markers (comments are stripped, text escaped).
    """
    return "\n" + DEFER_BEGIN + _raw(*parts) + DEFER_END + "\n"


def badge(label: str, kind: str) -> Html:
    return Html(f'<span class="impact-badge impact-badge--{esc(kind)}">{esc(label)}</span>')


@functools.lru_cache(maxsize=256)
def level_chip(rank: int | None, label: str, levels: int) -> Html:
    """A level as text with its colour class; the text is what carries the meaning.

    Cached (bounded): a large site shows a handful of levels tens of thousands of times.
    """
    if rank is None:
        return Html(f'<span class="impact-level impact-level--none">{esc(label)}</span>')
    index = round((rank - 1) * 4 / (levels - 1)) + 1 if levels > 1 else 5
    # The rank as squares comes from the stylesheet (impact-pips-R-N), silent to screen
    # readers and out of copied text: the words carry the meaning.
    return Html(
        f'<span class="impact-level impact-level--{index} impact-pips-{rank}-{levels}">'
        f"{esc(label)}</span>"
    )


def join_html(parts: Iterable[str], sep: str = ", ") -> Html:
    return Html(sep.join(parts))
