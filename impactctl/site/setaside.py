"""A Python-Markdown extension for the staged pages: raw HTML skips Markdown's parser.

Every block of raw HTML on a generated page sits between impactctl's markers (see
``html.block`` and ``html.data_block``). Python-Markdown would walk each of its tags with
``html.parser`` only to pass the block through unchanged: on a national repository that
is most of a plugin-free build. This preprocessor runs before Markdown's own HTML block
reader and puts each marked block straight into Markdown's stash of raw HTML, which
Markdown puts back, untouched, into the finished page.

It is a plain Markdown extension, not an MkDocs plugin, so every builder that reads
``markdown_extensions`` from ``mkdocs.yml`` honours it: MkDocs and Zensical alike. The
staged ``mkdocs.yml`` names it (``impactctl.site.setaside``). Contributor text never
contains the markers (comments are stripped, text escaped).
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from impactctl.site.html import DEFER_BEGIN, DEFER_END, PROSE_BEGIN, PROSE_END

_BLOCK = re.compile(
    f"^(?:{re.escape(DEFER_BEGIN)}|{re.escape(PROSE_BEGIN)})\n(.*?)\n"
    f"(?:{re.escape(DEFER_END)}|{re.escape(PROSE_END)})$",
    re.S | re.M,
)
_MARK = "<!-- impactctl:"


class _SetAside(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if _MARK not in text:
            return lines
        stash = self.md.htmlStash.store
        return _BLOCK.sub(lambda m: f"\n{stash(m.group(1))}\n", text).split("\n")


class SetAsideExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown names it
        # After whitespace is normalised (30), before raw HTML blocks are read (20).
        md.preprocessors.register(_SetAside(md), "impactctl_set_aside", 25)


def makeExtension(**kwargs: Any) -> SetAsideExtension:  # the hook Markdown looks for
    return SetAsideExtension(**kwargs)
