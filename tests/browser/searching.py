"""The site's search box, driven as a reader does, on either builder's site."""

from __future__ import annotations

from typing import Any


def search(page: Any, words: str) -> list[str]:
    """Type into the site's search and return the result links. Material's search box is
    in the header; Zensical's opens a dialog (in a shadow root, which locators pierce)."""
    box = page.locator("input.md-search__input")
    if box.count():
        box.click()
        results = ".md-search-result__link"
    else:
        page.locator(".md-search__button").first.click()
        results = "[role=listbox] a[role=option]"
    page.keyboard.type(words, delay=30)
    page.locator(results).first.wait_for(timeout=10_000)
    links: list[str] = page.locator(results).evaluate_all("els => els.map(e => e.href)")
    return links
