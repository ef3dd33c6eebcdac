"""The page generator: golden pages, publishing levels, links and page counts."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import markdown
import pytest

from impactctl.site.context import ChangeLog, heading, md_text, title_text
from impactctl.site.html import href
from impactctl.site.options import OptionsProblem, Publish, SiteOptions
from impactctl.site.pages import generate, site_nav
from tests.golden import assert_golden
from tests.unit.site.tiny import CYCLE_2, tiny_data

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "site"
FULL = SiteOptions(publish=Publish.FULL, repo_url="https://github.com/example/assessments")


def test_golden_organisation_page(tmp_path: Path) -> None:
    files = generate(tiny_data(tmp_path), FULL)
    assert_golden(files["organisations/test-trust.md"], GOLDEN / "test-trust.md")


def test_golden_overview(tmp_path: Path) -> None:
    files = generate(tiny_data(tmp_path), FULL)
    assert_golden(files["index.md"], GOLDEN / "overview.md")


def test_full_shows_the_debate_and_links_repository_evidence(tmp_path: Path) -> None:
    page = generate(tiny_data(tmp_path), FULL)["organisations/test-trust.md"]
    assert "The lead governor felt it was too early to say." in page  # dissent
    assert "Support services were not asked." in page  # a perspective's note
    assert (
        '<a href="https://github.com/example/assessments/blob/HEAD/docs/engagement.md">'
        "Engagement report</a>"
    ) in page
    assert "Staff: " in page and "(from Starting to Growing)" in page  # the spread of views
    assert "Overdue" in page  # a-001 was due 2026-09-30; today is 2026-11-24
    assert 'href="https://github.com/example/assessments/pull/12"' in page


def test_levels_hides_rationale_evidence_dissent_and_notes(tmp_path: Path) -> None:
    options = replace(FULL, publish=Publish.LEVELS)
    files = generate(tiny_data(tmp_path), options)
    text = "\n".join(files.values())
    for secret in (
        "rewrote the purpose",
        "Engagement report",
        "lead governor",
        "Support services were not asked",
        "staff survey results",
    ):
        assert secret not in text, secret
    page = files["organisations/test-trust.md"]
    assert "Staff: " in page  # the spread of levels is still shown
    assert "Co-design the purpose" in page  # actions are published
    assert "This site publishes the levels, trends and actions" in page


def test_none_leaves_an_organisation_out_of_everything(tmp_path: Path) -> None:
    data = tiny_data(tmp_path)
    options = replace(FULL, organisations={"test-trust": Publish.NONE})
    files = generate(data, options)
    assert "organisations/test-trust.md" not in files
    assert not any("test-trust" in path for path in files)
    assert all("Test Trust" not in content for content in files.values())
    nav = str(site_nav(data, options, files, []))
    assert "test-trust" not in nav


def test_change_log_unavailable_is_said_on_the_page(tmp_path: Path) -> None:
    data = tiny_data(tmp_path, changes=ChangeLog(unavailable="this is a shallow clone"))
    page = generate(data, FULL)["organisations/test-trust.md"]
    assert "Change log unavailable: this is a shallow clone" in page


def test_every_page_says_when_the_data_last_changed(tmp_path: Path) -> None:
    files = generate(tiny_data(tmp_path), FULL)
    pages = [p for p in files if p.endswith(".md")]
    for path in pages:
        assert "Last updated" in files[path], path
        assert files[path].startswith("---\nimpactctl: generated\n---\n\n# "), path


def test_pages_grow_with_organisations_not_cycles(tmp_path: Path) -> None:
    base = generate(tiny_data(tmp_path / "a"), FULL)
    more = tiny_data(tmp_path / "b")
    extra = {}
    for year in range(2010, 2024):
        cycle = f"{year}-{(year + 1) % 100:02d}"
        extra[f"assessments/test-trust/{cycle}.yaml"] = CYCLE_2.replace("2025-26", cycle)
    from tests.gitrepo import write

    write(tmp_path / "b", extra)
    (tmp_path / "b/assessments/test-trust/organisation.yaml").write_text(
        "id: test-trust\nname: Test Trust\ntype: acute\nsystem: test-icb\n"
    )
    from impactctl.reading.repository import load_repository

    more = replace(more, repository=load_repository(tmp_path / "b").repository)
    assert len(more.repository.organisations["test-trust"].cycles) == 16
    grown = sorted(generate(more, FULL))
    # Past six cycles each statement's history is one CSV file instead of tables: one file.
    assert grown == sorted([*base, "data/organisations/test-trust-statements.csv"])


def test_generated_markdown_renders_and_keeps_anchors(tmp_path: Path) -> None:
    page = generate(tiny_data(tmp_path), FULL)["organisations/test-trust.md"]
    html = markdown.markdown(page.split("---\n", 2)[2], extensions=["attr_list", "toc"])
    for anchor in ("maturity-over-time", "statement-1-1", "action-plan", "change-log"):
        assert f'id="{anchor}"' in html
    assert "<figure" in html and "<table" in html and "&lt;figure" not in html


def test_text_from_the_repository_cannot_form_markup_in_headings() -> None:
    title = 'Purpose {: onclick="alert(1)" } [x](javascript:alert(1)) <b>*x*</b> {{ y }}'
    html = markdown.markdown(heading(2, title, "c"), extensions=["attr_list"])
    assert "onclick=" not in html.split(">", 1)[0]
    assert "<a" not in html and "<b>" not in html and "<em>" not in html
    assert 'id="c"' in html
    assert "{{" not in md_text("{{ y }}")
    assert title_text('</title><script>"x" & y') == (
        '\u2039/title\u203a\u2039script\u203a"x" &amp; y'
    )


@pytest.mark.parametrize(
    ("source", "target", "anchor", "directory", "expected"),
    [
        ("index.md", "organisations/a.md", "", True, "organisations/a/"),
        ("organisations/a.md", "organisations/b.md", "x", True, "../b/#x"),
        ("organisations/a.md", "organisations/a.md", "x", True, "#x"),
        ("organisations/a.md", "index.md", "", True, "../../"),
        ("organisations/index.md", "organisations/a.md", "", True, "a/"),
        ("organisations/a.md", "data/x.csv", "", True, "../../data/x.csv"),
        ("organisations/a.md", "organisations/b.md", "", False, "b.html"),
        ("index.md", "organisations/index.md", "", False, "organisations/index.html"),
        ("components/p.md", "data/x.csv", "", False, "../data/x.csv"),
    ],
)
def test_links_between_pages(
    source: str, target: str, anchor: str, directory: bool, expected: str
) -> None:
    assert href(source, target, anchor, directory_urls=directory) == expected


def test_navigation_mirrors_the_repository(tmp_path: Path) -> None:
    data = tiny_data(tmp_path)
    files = generate(data, FULL)
    nav = site_nav(data, FULL, files, ["about/index.md", "about/take-part.md", "extra.md"])
    assert [next(iter(item)) if isinstance(item, dict) else item for item in nav] == [
        "Overview",
        "Organisations",
        "Systems",
        "Components",
        "Framework",
        "Action plans",
        "About",
        "extra.md",
    ]
    about = nav[6]["About"]  # type: ignore[index]
    assert about == ["about/index.md", "about/take-part.md"]
    # The validation-code pages are built for editors, but not in the stakeholders' nav.
    assert "about/checks/index.md" in files
    assert "checks" not in str(nav)


def test_options_are_checked() -> None:
    with pytest.raises(OptionsProblem, match="publishing level"):
        SiteOptions.from_mapping({"publish": "everything"})
    with pytest.raises(OptionsProblem, match=r"organisations\.x"):
        SiteOptions.from_mapping({"organisations": {"x": "some"}})
    options = SiteOptions.from_mapping(
        {"organisations": {"x": "full"}}, repo_url="https://gitlab.example.org/g/r/"
    )
    assert options.publish_for("x") is Publish.FULL
    assert options.publish_for("y") is Publish.LEVELS  # the safe default
    assert options.commit_url("abc") == "https://gitlab.example.org/g/r/-/commit/abc"
    assert re.search("/-/blob/HEAD/a.md$", options.file_url("a.md") or "")
