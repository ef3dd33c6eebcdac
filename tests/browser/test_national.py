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

from tests.browser.test_readable import assert_reads_well

pytestmark = pytest.mark.browser

PAGES = {"national overview": "/", "national component": "/components/people/"}
DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images" / "site"


@pytest.mark.parametrize("kind", list(PAGES))
def test_the_system_summaries_read_at_both_widths(sized: Any, national_url: str, kind: str) -> None:
    sized.goto(national_url + PAGES[kind])
    sized.wait_for_load_state("load")
    assert sized.locator("article a[href*='systems/']").count() >= 5  # rows link systems
    assert_reads_well(sized, kind, charted=True)


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
