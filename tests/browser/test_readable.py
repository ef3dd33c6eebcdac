"""The example site as a board member reads it: on a phone (390 px) and a laptop (1280 px),
every page type: chart text never under 12 px, nothing wider than the screen outside a
labelled scroll region, and axe-core's WCAG 2.2 AA rules all passing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGES = {
    "overview": "/",
    "organisation": "/organisations/example-trust/",
    "component": "/components/purpose/",
    "system": "/systems/example-icb/",
    "framework": "/framework/",
    "action plans": "/action-plans/",
}
CHARTED = {"overview", "organisation", "component", "system"}

# The smallest rendered size of chart text: font size times the SVG's scale on screen.
SMALLEST_CHART_TEXT = """() => {
  let smallest = Infinity, seen = 0;
  for (const t of document.querySelectorAll('article svg text')) {
    const box = t.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;  // not displayed (the phone form)
    const svg = t.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
    seen += 1;
  }
  return [smallest, seen];
}"""

# Elements that reach past the right edge of the viewport, unless they sit in a labelled,
# keyboard-focusable region that scrolls sideways.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const region = el.closest('[role=region][tabindex="0"]');
    if (region && region !== el
        && (region.getAttribute('aria-label') || region.getAttribute('aria-labelledby'))
        && ['auto', 'scroll'].includes(getComputedStyle(region).overflowX)
        && region.getBoundingClientRect().right <= width + 1) continue;
    bad.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(box.right));
  }
  return [document.documentElement.scrollWidth, bad.slice(0, 10)];
}"""


# Chart text whose box runs past its SVG's box: a label cut off at the chart's edge.
TEXT_PAST_ITS_CHART = """() => {
  const bad = [];
  for (const svg of document.querySelectorAll('article svg')) {
    const frame = svg.getBoundingClientRect();
    if (frame.width === 0) continue;  // not displayed (the phone form)
    for (const t of svg.querySelectorAll('text')) {
      const box = t.getBoundingClientRect();
      if (box.width && (box.right > frame.right + 1 || box.left < frame.left - 1))
        bad.push(t.textContent);
    }
  }
  return bad.slice(0, 5);
}"""


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_page_type_reads_at_both_widths(sized: Any, example_url: str, kind: str) -> None:
    sized.goto(example_url + PAGES[kind])
    sized.wait_for_load_state("load")
    assert_reads_well(sized, kind, charted=kind in CHARTED)


def assert_reads_well(sized: Any, kind: str, *, charted: bool) -> None:
    """Chart text at least 12 px and inside its chart, nothing wider than the screen
    outside a scroll region, and no axe WCAG 2.2 AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    smallest, seen = sized.evaluate(SMALLEST_CHART_TEXT)
    if charted:
        assert seen >= 10, f"{kind}: no chart text measured"
        assert smallest >= 12 - 0.01, f"{kind} at {sized.width}px: chart text {smallest:.1f}px"
    assert sized.evaluate(TEXT_PAST_ITS_CHART) == [], (kind, sized.width)
    scroll_width, bad = sized.evaluate(TOO_WIDE)
    assert scroll_width <= sized.width and bad == [], (kind, sized.width, scroll_width, bad)
    results = Axe().run(
        sized,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, results.generate_report()


def test_on_a_phone_no_action_column_is_off_screen(browser: Any, example_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    try:
        pg.goto(example_url + "/action-plans/")
        overdue = pg.locator("#action-summary-table td[data-label='Overdue']").first
        box = overdue.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert overdue.evaluate("td => getComputedStyle(td, '::before').content").startswith(
            '"Overdue'
        )
    finally:
        context.close()


def test_the_width_check_catches_a_wide_element(browser: Any, example_url: str) -> None:
    """The check above can fail: an element wider than a phone is reported."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    try:
        pg.goto(example_url + "/")
        pg.evaluate(
            "() => { const d = document.createElement('div'); d.style.width = '900px';"
            " d.style.height = '10px'; document.querySelector('article').append(d); }"
        )
        _, bad = pg.evaluate(TOO_WIDE)
        assert any(b.startswith("div.") for b in bad)
    finally:
        context.close()


DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images" / "site"


@pytest.mark.parametrize("kind", list(PAGES))
def test_screenshots_of_each_page_type_for_the_docs(
    sized: Any, example_url: str, kind: str
) -> None:
    """docs/site.md shows these: the first screen of each page type on a phone and a
    laptop. Written only with IMPACTCTL_WRITE_DOCS=1 (then commit them)."""
    sized.goto(example_url + PAGES[kind])
    sized.wait_for_load_state("load")
    if kind == "organisation":  # past the heading: where the charts start
        sized.locator("#maturity-over-time").scroll_into_view_if_needed()
        sized.wait_for_timeout(500)  # the header's title finishes sliding in
    shot = sized.screenshot(type="jpeg", quality=55)
    assert len(shot) > 10_000  # a rendered page, not a blank one
    if os.environ.get("IMPACTCTL_WRITE_DOCS") == "1":
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        name = kind.replace(" ", "-")
        (DOCS_IMAGES / f"{name}-{sized.width}.jpg").write_bytes(shot)
