"""Debian's Chromium driven by Playwright (never `playwright install`), and a local HTTP
server on 127.0.0.1 for each built site."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.site_builds import ENGINES, example_site, hostile_site, national_site

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session", params=ENGINES)
def example_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The example site, built by each builder (every test that uses it runs on both)."""
    built = example_site(tmp_path_factory.mktemp("example"), request.param)
    yield from _serve(built.site)


@pytest.fixture(scope="session", params=ENGINES)
def hostile_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    built = hostile_site(tmp_path_factory.mktemp("hostile"), request.param)
    yield from _serve(built.site)


@pytest.fixture(scope="session", params=ENGINES)
def national_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A generated site past the scale threshold (30 organisations), built by each builder."""
    built = national_site(tmp_path_factory.mktemp("national"), request.param)
    yield from _serve(built.site)


@pytest.fixture(params=[390, 1280], ids=["phone", "laptop"])
def sized(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page in a phone's (390 px) or a laptop's (1280 px) viewport."""
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 800 else 900})
    pg = context.new_page()
    pg.width = width
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page that records Content-Security-Policy violations and console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.problems = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    try:
        yield pg
    finally:
        context.close()
