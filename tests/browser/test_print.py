"""The largest example organisation printed as a board member would print it: Chromium's
own print to PDF (A4), read back with pypdf."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def largest_organisation() -> str:
    """The organisation with the most YAML: the longest page on the site."""
    sizes = {
        folder.name: sum(f.stat().st_size for f in folder.glob("*.yaml"))
        for folder in (ROOT / "assessments").iterdir()
        if folder.is_dir()
    }
    return max(sizes, key=lambda k: sizes[k])


def test_the_largest_organisation_prints_on_at_most_8_a4_pages(
    browser: Any, example_url: str
) -> None:
    import pypdf

    org = largest_organisation()
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{example_url}/organisations/{org}/")
        page.wait_for_load_state("load")
        name = page.locator("article h1").inner_text()
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        context.close()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert 1 < pages <= 8, pages
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    for number, sheet in enumerate(reader.pages, start=1):
        text = sheet.extract_text()
        # The footer of every sheet: the organisation, the date printed, page N of M.
        assert f"{name} · printed " in text, number
        assert f"Page {number} of {pages}" in text, number
    assert "Action plan" in reader.pages[-1].extract_text() or any(
        "Action plan" in p.extract_text() for p in reader.pages[-3:]
    )
