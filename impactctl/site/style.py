"""The stylesheet for the generated pages, published as a generated file beside them.

It lives in code (not in the user's repository) so that it always matches the HTML this
version of impactctl generates. Colours: every level colour and mark has at least 3:1
contrast with white, and text at least 4.5:1 with its background. No rule here is needed
to understand a page: the meaning is always in the text too.
"""

from __future__ import annotations

STYLESHEET_PATH = "assets/impactctl/impactctl.css"
MAX_PIPS = 9  # frameworks of up to nine levels get the squares


def _pips() -> str:
    """Each level's rank as filled and hollow squares before its name (the second encoding
    beside the tint); the empty alternative text keeps them out of what is read aloud."""
    rules = [".md-typeset [class*='impact-pips-']::before { letter-spacing: -.05em; }"]
    for levels in range(2, MAX_PIPS + 1):
        for rank in range(1, levels + 1):
            squares = "\\25A0" * rank + "\\25A1" * (levels - rank)
            rules.append(
                f".md-typeset .impact-pips-{rank}-{levels}::before "
                f'{{ content: "{squares}\\00A0" / ""; }}'
            )
    return "\n".join(rules) + "\n"


STYLESHEET = """\
/* impactctl: styles for generated pages (see impactctl/site/style.py) */
/* NHS colours and type, offline: NHS blue, dark bold headings, the NHS font stack
   (Frutiger where the machine has it, else Arial and the system's sans-serif). With
   theme.palette.primary set to "custom" (mkdocs.yml) these colours apply; any other
   Material colour name there replaces them. */
:root, [data-md-color-primary="custom"] {
  --md-primary-fg-color: #005eb8;
  --md-primary-fg-color--light: #41b6e6;
  --md-primary-fg-color--dark: #003087;
  --md-primary-bg-color: #ffffff;
  --md-primary-bg-color--light: #ffffffb3;
  --md-typeset-a-color: #005eb8;
}
:root, [data-md-color-accent="custom"] {
  --md-accent-fg-color: #003087;
}
:root {
  --md-text-font: "Frutiger W01", Frutiger, Arial;
  --impact-ink: #212b32;
  --impact-muted: #4c6272;
}
body { font-family: "Frutiger W01", Frutiger, Arial, system-ui, -apple-system, "Segoe UI",
  Roboto, Helvetica, sans-serif; }
.md-typeset { color: var(--impact-ink); }
.md-typeset h1, .md-typeset h2, .md-typeset h3, .md-typeset h4 {
  color: var(--impact-ink); font-weight: 700; letter-spacing: 0;
}
.md-typeset h1 { font-size: 1.9em; margin-bottom: .6em; }
.md-typeset h2 { border-top: 1px solid #d8dde0; padding-top: .8em; }
.md-header, .md-tabs {
  background-color: var(--md-primary-fg-color); color: var(--md-primary-bg-color);
}
/* One colour scheme and no toggle: the scheme's hidden radio button is not a control for
   anyone (Zensical leaves it focusable inside an aria-hidden form). */
.md-header__option[data-md-component="palette"]:not(:has(label)) { display: none; }
/* Zensical's header search button takes the header's text colour (white on NHS blue). */
.md-header .md-search__button { color: var(--md-primary-bg-color); }
/* Links in running text are underlined: colour alone must not tell them apart (WCAG 1.4.1). */
.md-typeset a:not(.headerlink):not(.md-button) {
  text-decoration: underline; text-underline-offset: .15em;
}
.md-typeset .impact-changed, .md-typeset .impact-meta { color: var(--impact-muted); }
.md-typeset .impact-changed { font-size: .75rem; }
.md-typeset .impact-chart { margin: 1em 0; text-align: left; }
.md-typeset .impact-chart figcaption {
  max-width: none; margin: 0 0 .6em; font-style: normal; text-align: left;
}
.md-typeset .impact-headline { display: block; font-size: .9rem; color: var(--impact-ink); }
/* Charts are never scaled down: their 12-13 px text stays 12-13 px. Small multiples wrap
   (one a row on a phone); a chart wider than the column scrolls in a labelled region. */
.md-typeset .impact-chart svg { max-width: none; height: auto; display: block; }
.md-typeset .impact-panels { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
.md-typeset .impact-scroll { overflow-x: auto; }
.md-typeset .impact-table, .md-typeset .impact-scroll {
  margin: .5em 0 1em; overflow-x: auto;
  /* The cue that there is more to the side: a shadow at an edge with hidden content. */
  background:
    linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 2em 100% no-repeat local,
    linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 2em 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(33,43,50,.35), transparent)
      left / .9em 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(33,43,50,.35), transparent)
      right / .9em 100% no-repeat scroll;
}
.md-typeset .impact-table:focus-visible, .md-typeset .impact-scroll:focus-visible {
  outline: 3px solid #ffeb3b; box-shadow: 0 0 0 5px #212b32;
}
.md-typeset table.impact-data {
  border-collapse: collapse; font-size: .7rem; display: table; width: auto; min-width: 50%;
  border: 1px solid #aeb7bd;
}
.md-typeset table.impact-data caption {
  caption-side: top; text-align: left; font-weight: 700; padding: .4em 0; color: var(--impact-ink);
}
.md-typeset table.impact-data th, .md-typeset table.impact-data td {
  border: 1px solid #d8dde0; padding: .35em .6em; vertical-align: top; text-align: left;
}
.md-typeset table.impact-data thead th { background: #f0f4f5; color: var(--impact-ink); }
.md-typeset table.impact-data tbody th { font-weight: 600; }
/* In a table that scrolls sideways, the row's name stays in view. */
.md-typeset table.impact-wide tbody th { position: sticky; left: 0; background: #fff; }
.md-typeset table.impact-wide thead th:first-child {
  position: sticky; left: 0; background: #f0f4f5;
}
.md-typeset table.impact-data tbody th .impact-meta { font-weight: 400; }
.md-typeset .impact-csv { font-size: .7rem; }
/* Levels: ink text on a tint that darkens with the level, and the rank as squares. */
.md-typeset .impact-level {
  display: inline-block; padding: 0 .45em; border-radius: .2em; font-weight: 600;
  white-space: nowrap; color: #212b32; border: 1px solid #4c6272;
}
/* PIPS */
.md-typeset .impact-level--1 { background: #eaf1f9; }
.md-typeset .impact-level--2 { background: #c4daf0; }
.md-typeset .impact-level--3 { background: #9bc0e6; }
.md-typeset .impact-level--4 { background: #7aaadd; }
.md-typeset .impact-level--5 { background: #5a96d4; }
.md-typeset .impact-level--none { border-style: dashed; background: #fff; }
/* Badges: one rule, dark text on white with a coloured border, each at least 4.5:1. */
.md-typeset .impact-badge {
  display: inline-block; padding: 0 .4em; border-radius: .2em; font-weight: 600;
  border: 2px solid currentColor; white-space: nowrap; background: #fff;
}
.md-typeset .impact-badge--overdue { color: #8a1538; }
.md-typeset .impact-badge--blocked { color: #7a3b00; }
.md-typeset .impact-badge--done { color: #00703c; }
.md-typeset .impact-badge--draft { color: #7a3b00; border-style: dashed; }
.md-typeset .impact-statement {
  border-left: 4px solid #d8dde0; padding: 0 0 0 1em; margin: .5em 0 1.5em;
}
.md-typeset .impact-statement__text {
  font-size: .85rem; font-weight: 600; color: var(--impact-ink);
}
.md-typeset dl.impact-facts {
  display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em;
}
.md-typeset dl.impact-facts dt { font-weight: 600; margin: 0; }
.md-typeset dl.impact-facts dd { margin: 0; }
.md-typeset .impact-prose { margin: .4em 0; }
.md-typeset .impact-prose > :first-child { margin-top: 0; }
.md-typeset .impact-unavailable { border-left: 4px solid #7a3b00; padding-left: .8em; }
.md-typeset .impact-change { border-left: 4px solid #d8dde0; padding-left: .8em; margin: .6em 0; }
.md-typeset .impact-change p { margin: 0; }
.md-typeset .impact-change ul { margin-top: .2em; }
.md-typeset details.impact-older > summary { cursor: pointer; font-weight: 600; }
/* Phones: a table whose rows reflow becomes a card per row ("column: value" lines), so no
   column is off screen; the heatmap gives way to that table (its phone form). */
@media screen and (max-width: 44.9375em) {
  .md-typeset table.impact-reflow, .md-typeset table.impact-reflow tbody,
  .md-typeset table.impact-reflow tr, .md-typeset table.impact-reflow th,
  .md-typeset table.impact-reflow td { display: block; width: auto; min-width: 0; }
  .md-typeset table.impact-reflow { border: 0; }
  .md-typeset table.impact-reflow caption { display: block; }
  .md-typeset table.impact-reflow thead {
    position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  }
  .md-typeset table.impact-reflow tr {
    border: 1px solid #aeb7bd; margin: 0 0 .6em; padding: .3em .6em;
  }
  .md-typeset table.impact-reflow th, .md-typeset table.impact-reflow td {
    border: 0; padding: .15em 0;
  }
  .md-typeset table.impact-reflow td::before {
    content: attr(data-label) ": "; font-weight: 600;
  }
  .md-typeset .impact-chart--wide .impact-scroll { display: none; }
}
@media print {
  @page {
    size: A4; margin: 12mm 11mm 15mm;
    @bottom-left { content: var(--impact-footer, ""); font-size: 8pt; color: #4c6272; }
    @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }
  }
  .md-typeset { font-size: 8pt; line-height: 1.3; }
  .md-typeset h1 { font-size: 15pt; margin: 0 0 .4em; }
  .md-typeset h2 { font-size: 12pt; margin: .9em 0 .3em; padding-top: .3em; }
  .md-typeset h3 { font-size: 10pt; margin: .7em 0 .2em; }
  .md-typeset h4 { font-size: 8.5pt; margin: .5em 0 .1em; }
  .md-typeset h1, .md-typeset h2, .md-typeset h3, .md-typeset h4 {
    break-after: avoid; page-break-after: avoid;
  }
  .md-typeset p, .md-typeset li, .md-typeset dd { orphans: 2; widows: 2; }
  .md-typeset .impact-chart svg, .md-typeset tr, .md-typeset dl.impact-facts,
  .md-typeset .impact-change, .md-typeset .impact-chart figcaption { break-inside: avoid; }
  /* Prose (the statements) runs in three columns; headings of sections, charts, tables
     and the action plan span the page. */
  .md-content__inner { column-count: 3; column-gap: 5mm; }
  .md-typeset h1, .md-typeset .impact-chart, .md-typeset .impact-table,
  .md-typeset .impact-meta, .md-typeset .impact-changed { column-span: all; }
  .md-typeset .impact-panels { gap: 0 1%; }
  .md-typeset .impact-panels svg { width: 32%; height: auto; }
  .md-typeset figure.impact-chart:not(.impact-multiples) svg { width: 45%; height: auto; }
  .md-typeset .impact-level, .md-typeset .impact-badge, .impact-svg {
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }
  .md-typeset .impact-level { padding: 0 .2em; }
  .md-typeset .impact-table, .md-typeset .impact-scroll { overflow: visible; background: none; }
  .md-typeset table.impact-data { font-size: 7.5pt; width: 100%; }
  .md-typeset table.impact-data th, .md-typeset table.impact-data td { padding: .1em .3em; }
  /* The detail a reader wants as data is in the CSV files the site links. */
  .md-typeset .impact-csv, .md-typeset .headerlink, .md-typeset table[id$="-history"],
  .md-typeset details.impact-older { display: none; }
  .md-typeset .impact-statement { margin: .2em 0 .5em; padding-left: .5em; }
  .md-typeset .impact-statement__text { font-size: 8pt; }
  .md-typeset dl.impact-facts { gap: 0 .6em; margin: .2em 0; }
  .md-content__inner > .impact-changed:last-child { display: none; }
}
"""
STYLESHEET = STYLESHEET.replace("/* PIPS */\n", _pips())
