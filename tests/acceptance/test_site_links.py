"""Hand-written site files that are symbolic links out of the repository are refused on
every road (issue 10): before, both builds published whatever the link pointed at,
including the build's own environment (/proc/self/environ)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.acceptance.test_site_output import MKDOCS, site_build, snapshot
from tests.browser.site_builds import ENV
from tests.gitrepo import base_files, commit, new_repo

SECRET = "SECRET-TOKEN-3f9a"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text(f"# Secret\n\n{SECRET}\n")
    return folder


def repo_with(tmp_path: Path, links: dict[str, str]) -> Path:
    repo = new_repo(tmp_path / "repo")
    files = {**base_files(), "mkdocs.yml": MKDOCS, "site/about.md": "# About\n\nHello.\n"}
    commit(repo, files, "First", "2025-01-01T12:00:00+00:00")
    for rel, target in links.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, repo / rel)
    return repo


def leaked(folder: Path) -> bool:
    return folder.exists() and any(SECRET.encode() in data for data in snapshot(folder).values())


CASES = {
    "a file": lambda out: {"site/leak.md": str(out / "secret.md")},
    "a folder": lambda out: {"site/more": str(out)},
    "the environment": lambda out: {"site/env.md": "/proc/self/environ"},
    "an override": lambda out: {"site/overrides/main.html": str(out / "secret.md")},
    "a loop": lambda out: {"site/loop.md": "loop.md"},
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize(
    "road", [["--out", "OUT"], ["--stage", "OUT"], ["--engine", "zensical", "--out", "OUT"]]
)
def test_a_link_out_of_the_repository_is_refused(
    tmp_path: Path, outside: Path, case: str, road: list[str]
) -> None:
    repo = repo_with(tmp_path, CASES[case](outside))
    out = tmp_path / "built"
    done = site_build(repo, *[str(out) if a == "OUT" else a for a in road])
    assert done.returncode == 2, done.stdout + done.stderr
    first = done.stderr.splitlines()[0]
    assert "symbolic link" in first and "outside the repository" in first, done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(os.listdir(tmp_path)) == ["outside", "repo"]  # nothing built, nothing left


def test_plain_mkdocs_build_refuses_it_too(tmp_path: Path, outside: Path) -> None:
    repo = repo_with(tmp_path, {"site/leak.md": str(outside / "secret.md")})
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "built")],
        cwd=repo,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "symbolic link" in done.stdout + done.stderr
    assert not leaked(tmp_path / "built")


def test_a_link_inside_the_repository_is_published(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, {"site/also-about.md": "about.md"})
    out = tmp_path / "built"
    done = site_build(repo, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Hello." in (out / "also-about/index.html").read_text()
