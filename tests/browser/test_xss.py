"""Contributor text full of script, handlers and javascript: links builds into pages where
none of it is live: no dialog fires, and no such element or attribute is in the DOM."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.searching import search

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/organisations/",
    "/organisations/hostile-trust/",
    "/components/purpose/",
    "/framework/",
    "/framework/purpose/",
    "/action-plans/",
]

LIVE_CONTENT = """() => {
  const found = [];
  const urls = ['href', 'src', 'action', 'formaction', 'xlink:href'];
  const all = [];
  const walk = root => {
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);  // Zensical's search dialog
    }
  };
  walk(document);
  for (const el of all) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(el.tagName + '[' + attr.name + ']');
      if (urls.includes(name) && /^\\s*(javascript|data|vbscript):/i.test(attr.value))
        found.push(el.tagName + ' ' + attr.value);
    }
  }
  const embedded = 'iframe, object, embed, frame, base, article form, meta[http-equiv=refresh]';
  for (const el of document.querySelectorAll(embedded)) found.push(el.outerHTML.slice(0, 80));
  for (const el of document.querySelectorAll('script')) {
    const ours = /\\/assets\\/(javascripts|impactctl)\\//.test(el.src);
    if (!(el.type === 'application/json' || ours))
      found.push('script ' + (el.src || el.textContent.slice(0, 60)));
  }
  return found;
}"""


FIRE_EVENTS = """() => {
  for (const el of document.querySelectorAll('article *'))
    for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'load', 'error'])
      el.dispatchEvent(new Event(type));
}"""


def test_hostile_text_is_inert(page: Any, hostile_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in PAGES:
        page.goto(hostile_url + path)
        page.wait_for_load_state("load")
        assert page.evaluate(LIVE_CONTENT) == [], path
        # Fire every event a reader could trigger on every element of the content.
        page.evaluate(FIRE_EVENTS)
        page.wait_for_timeout(50)
    page.goto(hostile_url + "/organisations/hostile-trust/")
    text = page.locator("article").inner_text()
    assert "a javascript link" in text  # the link text survives as plain text
    assert "{{ config.site_name }}" in text  # shown literally, never templated
    assert search(page, "hostile")
    assert page.evaluate(LIVE_CONTENT) == []  # search results render the text inert too
    page.wait_for_timeout(300)
    assert dialogs == []
