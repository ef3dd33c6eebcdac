"""The theme's indentation, taken out of a finished page.

Material's templates (and Zensical's) indent every line of the navigation they write into
every page: a third of a national organisation's page. Outside the page's ``<article>``
there is no ``<pre>``, where spaces would matter, so runs of indentation and blank lines
there become one line break. The words and the markup are unchanged.
"""

from __future__ import annotations

import re

_INDENT = re.compile(r"\n[ \t\n]+")


def tightened(page: str) -> str:
    """The page with the indentation of everything but its content taken out."""
    start, end = page.find("<article"), page.rfind("</article>")
    if start < 0 or end < 0:
        return page if "<pre" in page else _INDENT.sub("\n", page)
    return _INDENT.sub("\n", page[:start]) + page[start:end] + _INDENT.sub("\n", page[end:])
