"""The pieces every printed paper is made of: escaping, tables with real headers, the page
shell and its print stylesheet. Pure functions, HTML strings out.

Papers are written for A4 and for a phone: one column, body text at 10.5pt, headings that
say what follows, tables with ``<caption>`` and ``scope`` so a screen reader (and the
tagged PDF) knows which heading each number belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

FONT = "'Liberation Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif"


def e(value: object) -> str:
    return escape(str(value), quote=True)


def paragraphs(text: str | None) -> str:
    """Plain text (a rationale, a note) as escaped paragraphs; Markdown is shown as written."""
    if not text or not text.strip():
        return ""
    parts = [p.strip() for p in text.strip().split("\n\n") if p.strip()]
    return "".join(f"<p>{e(' '.join(p.split()))}</p>" for p in parts)


def table(
    caption: str,
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    row_headers: bool = True,
    css: str = "",
    raw: bool = False,
) -> str:
    """A data table: a caption, column headers, and the first cell of each row as the row's
    header. Cells are escaped unless ``raw`` (cells already HTML)."""
    cls = f' class="{e(css)}"' if css else ""
    out = [f"<table{cls}>", f"<caption>{e(caption)}</caption>", "<thead><tr>"]
    out += [f'<th scope="col">{e(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            text = cell if raw else e(cell)
            if i == 0 and row_headers:
                out.append(f'<th scope="row">{text}</th>')
            else:
                out.append(f"<td>{text}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def figure(svg: str, caption: str) -> str:
    """A chart and its caption; the SVG's own title is its text alternative."""
    return f'<figure class="chart">{svg}<figcaption>{e(caption)}</figcaption></figure>'


BASE_CSS = f"""
@page {{
  size: A4;
  margin: 18mm 16mm 20mm 16mm;
  @bottom-left {{ content: string(paper-title); font: 8pt {FONT}; color: #4c6272; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages);
                   font: 8pt {FONT}; color: #4c6272; }}
}}
html {{ font-family: {FONT}; font-size: 10.5pt; line-height: 1.4; color: #212b32; }}
body {{ margin: 0 auto; max-width: 190mm; }}
h1 {{ font-size: 19pt; line-height: 1.2; margin: 0 0 4pt; string-set: paper-title content(); }}
h2 {{ font-size: 14pt; margin: 16pt 0 6pt; break-after: avoid; }}
h3 {{ font-size: 11.5pt; margin: 12pt 0 4pt; break-after: avoid; }}
h4 {{ font-size: 10.5pt; margin: 8pt 0 2pt; break-after: avoid; }}
p {{ margin: 0 0 6pt; }}
.status {{ display: inline-block; border: 2pt solid #212b32; padding: 2pt 6pt;
           font-weight: bold; margin: 4pt 0 8pt; }}
.status.draft {{ border-style: dashed; }}
.headline {{ font-size: 12.5pt; font-weight: bold; border-left: 4pt solid #005eb8;
             padding: 4pt 0 4pt 8pt; margin: 8pt 0 10pt; }}
.meta {{ color: #4c6272; margin: 0 0 6pt; }}
.note {{ border-left: 3pt solid #4c6272; padding: 2pt 0 2pt 8pt; color: #212b32; }}
table {{ border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-size: 9.5pt;
         break-inside: auto; }}
caption {{ text-align: left; font-weight: bold; padding: 0 0 3pt; }}
th, td {{ border: 0.75pt solid #aeb7bd; padding: 3pt 4pt; text-align: left;
          vertical-align: top; }}
thead th {{ background: #e8edee; }}
tbody th {{ font-weight: normal; }}
tr {{ break-inside: avoid; }}
figure.chart {{ margin: 4pt 0 4pt; break-inside: avoid; }}
figure.chart svg {{ width: 100%; height: auto; }}
figcaption {{ font-size: 9pt; color: #4c6272; }}
ul {{ margin: 0 0 6pt; padding-left: 14pt; }}
.small {{ font-size: 9pt; }}
@media screen {{
  body {{ padding: 12px; }}
}}
"""


def page(title: str, body: str, *, css: str = "", lang: str = "en-GB") -> str:
    """A whole HTML document: the language and title a tagged PDF takes its own from."""
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="impactctl">\n<title>{e(title)}</title>\n'
        f"<style>{BASE_CSS}{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def words_list(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def long_date(value: object) -> str:
    """12 March 2026, the way a board paper writes a date."""
    from datetime import date

    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return str(value)
