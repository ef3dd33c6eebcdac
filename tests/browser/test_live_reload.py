"""`impactctl site serve` rebuilds when an assessment file changes, and the open page
reloads by itself (click 8.3 once broke MkDocs' live reload; this is the check)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.browser.site_builds import ENV, HOSTILE_MKDOCS, IMPACTCTL, ROOT
from tests.gitrepo import ACTION_PLAN, FRAMEWORK, ORGANISATION, commit, cycle_yaml, new_repo

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_reloads_the_page_when_an_assessment_changes(page: Any, tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    shutil.copytree(ROOT / "site" / "overrides", repo / "site" / "overrides")
    commit(
        repo,
        {
            "framework/mini/framework.yaml": FRAMEWORK,
            "assessments/test-trust/organisation.yaml": ORGANISATION,
            "assessments/test-trust/action-plan.yaml": ACTION_PLAN,
            "assessments/test-trust/2025-26.yaml": cycle_yaml(
                "2025-26", {"1.1": "growing", "1.2": "growing", "2.1": "starting"}
            ),
            "mkdocs.yml": HOSTILE_MKDOCS.replace("Hostile test site", "Reload test"),
        },
        "First cycle",
        "2025-03-10T12:00:00+00:00",
    )
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [IMPACTCTL, "--repo", str(repo), "site", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=repo,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/organisations/test-trust/"
        _wait_for(url, 60)
        page.goto(url)
        first = page.locator("#statement-1-1-detail dd").first
        assert first.inner_text().startswith("Growing")
        time.sleep(0.5)  # let the page's live-reload poll start
        path = repo / "assessments/test-trust/2025-26.yaml"
        path.write_text(
            cycle_yaml("2025-26", {"1.1": "strong", "1.2": "growing", "2.1": "starting"}),
            encoding="utf-8",
        )
        # No page.reload(): the page must reload by itself.
        page.wait_for_function(
            "() => { const d = document.querySelector('#statement-1-1-detail dd');"
            " return d && d.innerText.startsWith('Strong'); }",
            timeout=30_000,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and its mkdocs child
        server.wait(timeout=20)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert "Building documentation" in output
