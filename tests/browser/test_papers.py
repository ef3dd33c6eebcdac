"""The papers' HTML form in Debian's Chromium: WCAG 2.2 AA by axe-core, and a phone's
width without sideways scrolling (board members read papers on their phones)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from impactctl.cli import cli

ROOT = Path(__file__).resolve().parents[2]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("papers")
    out = {}
    for name, args in (
        ("board", ["report", "example-trust"]),
        ("workshop", ["workshop", "example-icb"]),
    ):
        target = folder / f"{name}.html"
        result = CliRunner().invoke(
            cli, ["--repo", str(ROOT), *args, "--format", "html", "--out", str(target)]
        )
        assert result.exit_code == 0, result.output
        out[name] = target
    return out


@pytest.mark.parametrize("name", ["board", "workshop"])
def test_axe_finds_no_wcag_22_aa_violations(page: Any, papers: dict[str, Path], name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(papers[name].as_uri())
    page.wait_for_load_state("load")
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, results.generate_report()
    assert page.problems == []


@pytest.mark.parametrize("name", ["board", "workshop"])
def test_a_phone_reads_it_without_sideways_scrolling(
    browser: Any, papers: dict[str, Path], name: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        phone = context.new_page()
        phone.goto(papers[name].as_uri())
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width
        headings = phone.locator("h1, h2").all_inner_texts()
        assert headings and headings[0].startswith("Example")
    finally:
        context.close()
