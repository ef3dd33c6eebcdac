"""The golden pull-request comment, rendered as GitHub would show it, in Chromium.

The Markdown goes through Python-Markdown with GitHub's habits added (tables, Markdown
inside ``<details>``, ``~~strike~~``) and a GitHub-like stylesheet. With
IMPACTCTL_WRITE_DOCS=1 the screenshot the reviewer's guide shows is written to
docs/images/pr-comment.png.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests/golden/review/risk-first-comment.md"
SCREENSHOT = ROOT / "docs/images/pr-comment.png"

CSS = """
body { margin: 0; background: #f6f8fa; }
.comment { max-width: 1012px; margin: 16px auto; background: #fff; border: 1px solid #d0d7de;
  border-radius: 6px; padding: 16px 20px; color: #1f2328; font-size: 14px; line-height: 1.5;
  font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
h3 { font-size: 1.25em; border-bottom: 1px solid #d8dee4; padding-bottom: .3em; margin-top: 0; }
h4 { font-size: 1em; margin: 24px 0 16px; }
table { border-collapse: collapse; display: block; overflow: auto; margin-bottom: 16px; }
th, td { border: 1px solid #d0d7de; padding: 6px 13px; vertical-align: top; }
tr:nth-child(2n) { background: #f6f8fa; }
th { font-weight: 600; }
code { background: rgba(175, 184, 193, .2); border-radius: 6px; padding: .2em .4em;
  font-size: 85%; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
blockquote { margin: 0 0 16px; padding: 0 1em; color: #59636e; border-left: .25em solid #d0d7de; }
a { color: #0969da; text-decoration: none; }
details summary { cursor: pointer; }
"""


def render(comment: str) -> str:
    text = re.sub(r"~~(.+?)~~", r"<del>\1</del>", comment)
    text = text.replace("<details><summary>", '<details markdown="1"><summary>')
    body = markdown.markdown(text, extensions=["tables", "md_in_html"])
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>impactctl comment</title><style>{CSS}</style></head>"
        f'<body><div class="comment">{body}</div></body></html>'
    )


def test_the_golden_comment_reads_as_a_reviewer_sees_it(page: object, tmp_path: Path) -> None:
    html = tmp_path / "comment.html"
    html.write_text(render(GOLDEN.read_text(encoding="utf-8")), encoding="utf-8")
    page.goto(html.as_uri())  # type: ignore[attr-defined]
    first_row = page.locator("table").first.locator("tbody tr").first  # type: ignore[attr-defined]
    assert "Purpose is shared" in first_row.inner_text()
    assert "⚠" in first_row.inner_text()
    flag = page.locator("table").first.locator("tbody tr").nth(1)  # type: ignore[attr-defined]
    assert "W301" in flag.inner_text()
    assert page.locator("a[href$='/about/checks/w302/']").count() >= 1  # type: ignore[attr-defined]
    # The findings not about this change are folded: their table is hidden until opened.
    folded = page.locator("details", has_text="not about this change")  # type: ignore[attr-defined]
    assert not folded.locator("table").is_visible()
    assert "|" not in page.locator("h4").first.inner_text()  # type: ignore[attr-defined]
    if os.environ.get("IMPACTCTL_WRITE_DOCS") == "1":
        page.set_viewport_size({"width": 1100, "height": 900})  # type: ignore[attr-defined]
        page.locator(".comment").screenshot(path=str(SCREENSHOT))  # type: ignore[attr-defined]
    assert SCREENSHOT.is_file(), "run with IMPACTCTL_WRITE_DOCS=1 and look at the image"
