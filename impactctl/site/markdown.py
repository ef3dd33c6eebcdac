"""Contributor-written Markdown (rationale, dissent, notes) to HTML that is safe to publish.

Anyone who can open a pull request writes this text, so it is untrusted. Python-Markdown
passes raw HTML, event handlers and ``javascript:`` links straight through, so its output is
cleaned with nh3 against a tight allowlist:

* only text-level tags survive (paragraphs, emphasis, code, lists, quotes, links); script,
  style, iframe, object, embed, svg, math, template and form controls are removed *with*
  their content; every other tag is removed and its text kept;
* the only attributes are ``href`` and ``title`` on links, so no ``on*=`` handler, no
  ``style``, no ``class``/``id`` and no ``markdown="1"`` (which would re-open Markdown);
* links go only to ``https:``, ``http:``, ``mailto:`` or a path inside the repository
  (sent to the hosting service when ``repo_url`` is known, otherwise left as plain text);
* the Markdown is rendered with no extensions, so ``{: onclick=...}`` (attr_list) stays
  literal text; braces are written as entities so that ``{{ }}``/``{% %}`` can never reach
  a template engine (for example a macros plugin), and the text never starts a page, so a
  ``---`` line cannot become front matter.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable
from urllib.parse import quote, urlsplit

import markdown as md
import nh3

FileLink = Callable[[str], str | None]  # repository path -> URL, or None: no link

TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr"}
# Removed together with everything inside them (must not overlap TAGS).
DROP_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "template",
    "noscript",
    "svg",
    "math",
    "textarea",
    "select",
    "title",
    "frame",
    "frameset",
    "noembed",
    "xmp",
    "plaintext",
}
ATTRIBUTES = {"a": {"href", "title"}}
SCHEMES = {"https", "http", "mailto"}

# Text that Python-Markdown would render as exactly <p>escaped text</p>: no markup
# characters, one line, not starting like a list, heading or quote. Most rationale is
# like this, and skipping the parser keeps a 250-organisation site fast.
_PLAIN = re.compile(r"[^*_\[\]<>&`\\#!{}|~\n\r]*")
_BLOCK_START = re.compile(r"\s*(?:[-+*>#=]|\d+[.)])(?:\s|$)")


def neutralise_braces(text: str) -> str:
    """``{`` and ``}`` as character references: no template engine sees ``{{ }}``."""
    return text.replace("{", "&#123;").replace("}", "&#125;")


def _escape(value: str) -> str:
    return neutralise_braces(html.escape(value, quote=True))


@functools.lru_cache(maxsize=8192)
def text(value: str) -> str:
    """Plain text for HTML: escaped, braces neutralised.

    Cached (bounded): a large site escapes the same few strings, such as level labels and
    cycle names, hundreds of thousands of times. (Contributor prose, different every time,
    goes through ``Renderer`` and is not cached.)
    """
    return _escape(value)


def repository_path(path: str) -> str | None:
    """A normalised path inside the repository, or None if it is not one."""
    if not path or "\\" in path or path.startswith("//") or any(ord(c) < 32 for c in path):
        return None
    parts = urlsplit(path)
    if parts.scheme or parts.netloc:
        return None
    clean = posixpath.normpath(parts.path.lstrip("/"))
    if clean in (".", "") or clean == ".." or clean.startswith("../"):
        return None
    return clean


def link_target(url: str, file_link: FileLink) -> str | None:
    """Where a contributor's link may point, or None to drop the link."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("https", "http"):
        return url if parts.hostname else None
    if scheme == "mailto":
        return url
    if scheme or url.startswith("#"):
        return None  # javascript:, data:, vbscript:, file:, ...; in-page anchors
    path = repository_path(url)
    if path is None:
        return None
    target = file_link(path)
    if target is None:
        return None
    return target if not parts.fragment else f"{target}#{quote(parts.fragment)}"


def evidence_target(url: str | None, path: str | None, file_link: FileLink) -> str | None:
    """Evidence links: only http(s) addresses, or repository paths."""
    if url:
        parts = urlsplit(url.strip())
        return url.strip() if parts.scheme.lower() in ("https", "http") and parts.hostname else None
    if path:
        clean = repository_path(path)
        return file_link(quote(clean)) if clean else None
    return None


class Renderer:
    """Renders contributor Markdown; one parser reused for every text of a build."""

    def __init__(self, file_link: FileLink) -> None:
        self.file_link = file_link
        self._md = md.Markdown(extensions=[], output_format="html")

    def _filter(self, element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href":
            return link_target(value, self.file_link)
        return value

    def __call__(self, source: str) -> str:
        source = source.strip()
        if not source:
            return ""
        if _PLAIN.fullmatch(source) and not _BLOCK_START.match(source):
            return f"<p>{_escape(source)}</p>"
        self._md.reset()
        rendered = self._md.convert(source)
        cleaned = nh3.clean(
            rendered,
            tags=TAGS,
            clean_content_tags=DROP_WITH_CONTENT,
            attributes=ATTRIBUTES,
            attribute_filter=self._filter,
            url_schemes=SCHEMES,
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
        )
        return neutralise_braces(cleaned)
