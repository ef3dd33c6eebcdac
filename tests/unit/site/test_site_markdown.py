"""Contributor Markdown: rendered, then cleaned so that nothing in it can run."""

from __future__ import annotations

import pytest

from impactctl.site.markdown import Renderer, evidence_target, link_target, repository_path

REPO = "https://github.com/example/assessments/blob/HEAD/"


def render(text: str, repo: bool = True) -> str:
    return Renderer(lambda p: REPO + p if repo else None)(text)


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=https://evil.example></iframe>",
        "<svg onload=alert(1)><script>alert(1)</script></svg>",
        '<a href="https://example.org" onclick="alert(1)">x</a>',
        "<p onmouseover=alert(1)>x</p>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox(1))",
        "<a href='javascript:alert(1)'>x</a>",
        "<form action=https://evil.example><button>go</button></form>",
        "<object data=x></object><embed src=x>",
        "<details open ontoggle=alert(1)>x</details>",
        '<div markdown="1">*x*</div>',
        "<style>body{display:none}</style>",
        "<!-- <script>alert(1)</script> -->",
    ],
)
def test_nothing_executable_survives(attack: str) -> None:
    out = render(f"Before. {attack} After.").lower()
    for bad in (
        "<script",
        "onerror",
        "onclick",
        "onload",
        "onmouseover",
        "ontoggle",
        "javascript:",
        "vbscript:",
        "data:",
        "<iframe",
        "<svg",
        "<form",
        "<object",
        "<embed",
        "<style",
        "markdown=",
        "<img",
        "<!--",
    ):
        assert bad not in out, (attack, out)
    assert "after." in out


def test_attr_list_and_templates_stay_text() -> None:
    out = render('A claim {: onclick="alert(1)" } and {{ config.site_name }} {% raw %}')
    assert "onclick=" in out and "<p>" in out  # literal text, not an attribute
    assert "{" not in out and "&#123;&#123; config.site_name &#125;&#125;" in out


def test_front_matter_lines_do_not_survive_as_front_matter() -> None:
    out = render("---\ntitle: owned\n---\nText")
    assert not out.startswith("---")


def test_safe_markdown_is_kept() -> None:
    out = render("**Bold**, *em*, `code`\n\n- one\n- two\n\n> quoted")
    assert "<strong>Bold</strong>" in out and "<em>em</em>" in out and "<code>code</code>" in out
    assert "<ul>" in out and "<blockquote>" in out


def test_plain_text_fast_path_matches_the_parser() -> None:
    text = 'Eight of ten staff (asked at random) said "yes"; the board agreed.'
    fast = render(text)
    slow = Renderer(lambda p: None)._md.convert(text)
    assert fast == slow.replace('"', "&quot;")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=c", "https://example.org/a?b=c"),
        ("http://example.org", "http://example.org"),
        ("mailto:team@example.nhs.uk", "mailto:team@example.nhs.uk"),
        ("docs/board paper.pdf", REPO + "docs/board paper.pdf"),
        ("./docs/x.md#part", REPO + "docs/x.md#part"),
        ("/framework/nhs-impact/framework.yaml", REPO + "framework/nhs-impact/framework.yaml"),
        ("../../etc/passwd", None),
        ("//evil.example/x", None),
        ("#anchor", None),
        ("https:///nohost", None),
        ("file:///etc/passwd", None),
        ("ftp://example.org", None),
        ("docs\\x", None),
    ],
)
def test_links_go_only_to_the_web_mail_or_the_repository(url: str, expected: str | None) -> None:
    assert link_target(url, lambda p: REPO + p) == expected


def test_repository_links_without_a_repo_url_become_plain_text() -> None:
    out = render("[paper](docs/paper.pdf)", repo=False)
    assert "href" not in out and "paper" in out


def test_evidence_targets() -> None:
    link = lambda p: REPO + p  # noqa: E731
    assert evidence_target("https://example.org/x", None, link) == "https://example.org/x"
    assert evidence_target("javascript:alert(1)", None, link) is None
    assert evidence_target(None, "docs/a b.pdf", link) == REPO + "docs/a%20b.pdf"
    assert evidence_target(None, "../outside", link) is None
    assert evidence_target(None, "docs/a.pdf", lambda p: None) is None
    assert repository_path("docs/../docs/a.pdf") == "docs/a.pdf"
