"""The staged pages' Markdown extension: marked raw HTML goes through untouched and
unparsed; the Markdown around it is rendered as usual."""

from __future__ import annotations

import markdown

from impactctl.site.html import block, data_block

# A block whose text looks like Markdown, with an unclosed tag: it must come out as it went in.
TABLE = '<div class="impact-table"><table><tr><td>*not emphasis*</td></tr></table>\n<p>[x](y)'
PROSE = '<div class="impact-prose"><p>Rationale &amp; <em>words</em></p></div>'


def render(text: str) -> str:
    return markdown.Markdown(extensions=["attr_list", "impactctl.site.setaside"]).convert(text)


def test_marked_blocks_come_out_byte_for_byte_and_without_markers() -> None:
    page = "# Title { #top }\n" + data_block(TABLE) + "\nSome *Markdown*.\n" + block(PROSE)
    html = render(page)
    assert TABLE in html and PROSE in html
    assert "impactctl:" not in html
    assert '<h1 id="top">Title</h1>' in html
    assert "<p>Some <em>Markdown</em>.</p>" in html


def test_a_page_without_markers_is_left_to_markdown() -> None:
    assert render("Plain *text*.") == "<p>Plain <em>text</em>.</p>"
