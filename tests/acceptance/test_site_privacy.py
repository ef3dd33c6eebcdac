"""Publishing levels hold on every road: with `levels` no rationale, evidence, dissent or
note is in any file of the built site (pages, search index, CSV), and with `none` the
organisation is nowhere, whichever builder made the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.acceptance.test_site_output import site_build
from tests.browser.site_builds import ENGINES
from tests.gitrepo import base_files, commit, new_repo

MKDOCS = """\
site_name: Privacy test
docs_dir: site
site_dir: public
theme:
  name: material
  font: false
plugins:
  - search
  - impactctl:
      publish: levels
      organisations:
        hidden-trust: none
"""

HIDDEN = {
    "assessments/hidden-trust/organisation.yaml": (
        "id: hidden-trust\nname: Secretive Hospital Trust\ntype: acute\n"
    ),
}


@pytest.mark.parametrize("engine", ENGINES)
def test_levels_and_none_leak_nothing_in_any_built_file(tmp_path: Path, engine: str) -> None:
    repo = new_repo(tmp_path / "repo")
    files = {**base_files(), **HIDDEN, "mkdocs.yml": MKDOCS, "site/index-about.md": "# About\n"}
    commit(repo, files, "First", "2025-01-01T12:00:00+00:00")
    out = tmp_path / "out"
    done = site_build(repo, "--engine", engine, "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    page = (out / "organisations/test-trust/index.html").read_text(encoding="utf-8")
    assert "This site publishes the levels, trends and actions" in page
    secrets = ("Discussed at the board development session", "Evidence for 1.1", "example.org/1.1")
    names = ("Secretive Hospital Trust", "hidden-trust")
    built = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.name.endswith(".json") for p in built)  # a search index was checked too
    for path in built:
        text = path.read_bytes().decode("utf-8", "replace")
        for secret in (*secrets, *names):
            assert secret not in text, (path.relative_to(out), secret)
