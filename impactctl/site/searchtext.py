"""What search reads of a block of prose: its words, without the parts marked
``data-search-exclude``, and only the opening of the parts marked ``data-search-excerpt``.

The MkDocs plugin hands Material's search a text-only copy of each prose block (see
``html.block``). The marked parts are what a reader does not search an organisation's page
for (the statement's wording, which the framework page holds once; levels, dates, evidence
titles) and the bulk of the rationale: a national site's rationale alone was 1.5 MB, and
its search index 5 MB. Search finds a rationale by its opening sentence; the page has all
of it. Zensical and Material also honour ``data-search-exclude`` on the finished page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

EXCERPT_WORDS = 25  # at most this many words of a rationale's first sentence

_MARKABLE = ("p", "dl", "ul", "div", "figure")  # the elements the site's pages mark
_MARKED = re.compile(
    rf"<({'|'.join(_MARKABLE)})\b[^>]*\bdata-search-(exclude|excerpt)\b[^>]*>", re.S
)
_SAME_TAG = {tag: re.compile(rf"<{tag}\b|</{tag}>") for tag in _MARKABLE}
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _replace_marked(html: str, kind: Callable[[str, str], str]) -> str:
    """The HTML with each marked element (nested elements of its tag included) replaced by
    ``kind(mark, inner_html)``."""
    out: list[str] = []
    pos = 0
    while match := _MARKED.search(html, pos):
        out.append(html[pos : match.start()])
        depth, inner_end, end = 1, len(html), len(html)
        for inner in _SAME_TAG[match.group(1)].finditer(html, match.end()):
            depth += -1 if inner.group(0).startswith("</") else 1
            if depth == 0:
                inner_end, end = inner.start(), inner.end()
                break
        out.append(kind(match.group(2), html[match.end() : inner_end]))
        pos = end
    out.append(html[pos:])
    return "".join(out)


def excerpt(text: str) -> str:
    """The first sentence of a text, cut at EXCERPT_WORDS words."""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    words = first.split()
    return " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")


def _words(html: str) -> str:
    return _SPACE.sub(" ", _TAG.sub(" ", html)).strip()


def search_words(html: str) -> str:
    """The words of a block of HTML as search should index them."""

    def kept(mark: str, inner: str) -> str:
        return "" if mark == "exclude" else " " + excerpt(_words(inner)) + " "

    return _words(_replace_marked(html, kept))
