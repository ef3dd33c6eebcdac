"""The stylesheet for the generated pages, published as a generated file beside them.

It lives in code (not in the user's repository) so that it always matches the HTML this
version of impactctl generates. Colours: every level colour and mark has at least 3:1
contrast with white, and text at least 4.5:1 with its background. No rule here is needed
to understand a page: the meaning is always in the text too.
"""

from __future__ import annotations

STYLESHEET_PATH = "assets/impactctl/impactctl.css"

STYLESHEET = """\
/* impactctl: styles for generated pages (see impactctl/site/style.py) */
:root {
  --md-primary-fg-color: #005eb8;
  --md-primary-fg-color--light: #41b6e6;
  --md-primary-fg-color--dark: #003087;
  --md-accent-fg-color: #003087;
  --md-typeset-a-color: #005eb8;
  --impact-ink: #212b32;
  --impact-muted: #4c6272;
}
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
.md-typeset .impact-chart svg { max-width: 100%; height: auto; display: block; }
.md-typeset .impact-table { overflow-x: auto; margin: .5em 0 1em; }
.md-typeset .impact-table:focus-visible {
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
.md-typeset table.impact-data tbody th .impact-meta { font-weight: 400; }
.md-typeset .impact-csv { font-size: .7rem; }
.md-typeset .impact-level {
  display: inline-block; padding: 0 .45em; border-radius: .2em; font-weight: 600;
  white-space: nowrap;
}
.md-typeset .impact-level--1 { background: #6a93c4; color: #000; }
.md-typeset .impact-level--2 { background: #4f7fb8; color: #000; }
.md-typeset .impact-level--3 { background: #2a64a3; color: #fff; }
.md-typeset .impact-level--4 { background: #1b4a85; color: #fff; }
.md-typeset .impact-level--5 { background: #0e2e5c; color: #fff; }
.md-typeset .impact-level--none {
  border: 1px dashed var(--impact-muted); color: var(--impact-ink);
}
.md-typeset .impact-badge {
  display: inline-block; padding: 0 .4em; border-radius: .2em; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap;
}
.md-typeset .impact-badge--overdue { color: #8a1538; background: #fff; }
.md-typeset .impact-badge--blocked { color: #7a3b00; background: #fff; }
.md-typeset .impact-badge--done { color: #00703c; background: #fff; }
.md-typeset .impact-badge--draft { color: #7a3b00; background: #fff; }
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
@media print {
  .md-typeset .impact-chart, .md-typeset .impact-table, .md-typeset .impact-statement {
    break-inside: avoid;
  }
  .md-typeset .impact-level, .impact-svg {
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }
  .md-typeset .impact-table { overflow: visible; }
  .md-typeset .impact-csv { display: none; }
}
"""
