"""The pages that summarise by system (past 20 organisations), as a board member reads
them on a phone and a laptop, on both builders: chart text never under 12 px, no chart
text past its chart's edge, nothing wider than the screen outside a labelled scroll
region, axe-core's WCAG 2.2 AA rules passing. The screenshots in docs/site.md come from
here (written only with IMPACTCTL_WRITE_DOCS=1)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_readable import (
    AXE_TAGS,
    SMALLEST_CHART_TEXT,
    TEXT_PAST_ITS_CHART,
    TOO_WIDE,
)

pytestmark = pytest.mark.browser

PAGES = {"national overview": "/", "national component": "/components/people/"}
DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images" / "site"


@pytest.mark.parametrize("kind", list(PAGES))
def test_the_system_summaries_read_at_both_widths(sized: Any, national_url: str, kind: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    sized.goto(national_url + PAGES[kind])
    sized.wait_for_load_state("load")
    assert sized.locator("article a[href*='systems/']").count() >= 5  # rows link systems
    smallest, seen = sized.evaluate(SMALLEST_CHART_TEXT)
    assert seen >= 10 and smallest >= 12 - 0.01, (kind, sized.width, smallest)
    assert sized.evaluate(TEXT_PAST_ITS_CHART) == []
    scroll_width, bad = sized.evaluate(TOO_WIDE)
    assert scroll_width <= sized.width and bad == [], (kind, sized.width, scroll_width, bad)
    results = Axe().run(
        sized,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, results.generate_report()


def test_screenshots_of_the_national_overview_for_the_docs(sized: Any, national_url: str) -> None:
    """docs/site.md shows the overview's heatmap of systems on a phone and a laptop."""
    sized.goto(national_url + "/")
    sized.wait_for_load_state("load")
    sized.locator("#latest-levels").scroll_into_view_if_needed()
    sized.wait_for_timeout(500)  # the header's title finishes sliding in
    shot = sized.screenshot(type="jpeg", quality=55)
    assert len(shot) > 10_000  # a rendered page, not a blank one
    if os.environ.get("IMPACTCTL_WRITE_DOCS") == "1":
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        (DOCS_IMAGES / f"national-overview-{sized.width}.jpg").write_bytes(shot)
