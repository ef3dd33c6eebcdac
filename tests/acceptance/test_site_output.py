"""Where `site build` may write (issue 10): real folders of real files, before and after.

Before the fix, `--out DIR` emptied DIR whatever it held: each refusal below would have
deleted the files it now checks are still there.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.browser.site_builds import ENV, IMPACTCTL
from tests.gitrepo import base_files, commit, git, new_repo, write

MKDOCS = """\
site_name: Output test
docs_dir: site
site_dir: public
theme:
  name: material
  font: false
plugins:
  - search
  - impactctl:
      publish: full
      history: false
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = new_repo(tmp_path / "repo")
    files = {**base_files(), "mkdocs.yml": MKDOCS, "site/about.md": "# About\n\nHello.\n"}
    commit(repo, files, "First", "2025-01-01T12:00:00+00:00")
    return repo


def site_build(repo: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [IMPACTCTL, "--repo", str(repo), "site", "build", *args],
        cwd=cwd or repo,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )


def refused(done: subprocess.CompletedProcess[str], folder: Path) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    first = done.stderr.splitlines()[0]
    assert str(folder.resolve()) in first, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("road", ["--out", "--stage"])
@pytest.mark.parametrize("name", ["assessments", "framework", "site", ".git", "."])
def test_the_repository_and_its_own_folders_are_never_replaced(
    repo: Path, road: str, name: str
) -> None:
    before = snapshot(repo)
    for extra in ([], ["--force"]):
        done = site_build(repo, road, name, *extra)
        refused(done, repo / name)
        assert snapshot(repo) == before
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.parametrize("road", ["--out", "--stage"])
def test_a_folder_inside_the_data_or_above_the_repository_is_refused(repo: Path, road: str) -> None:
    before = snapshot(repo)
    for target in (repo / "assessments" / "new", repo.parent):
        refused(site_build(repo, road, str(target), "--force"), target)
    assert snapshot(repo) == before
    assert not (repo / "assessments" / "new").exists()


def test_a_folder_holding_tracked_files_is_refused_even_with_force(repo: Path) -> None:
    commit(repo, {"docs/guide.md": "# Our guide\n"}, "Docs", "2025-02-01T12:00:00+00:00")
    before = snapshot(repo / "docs")
    for extra in ([], ["--force"]):
        refused(site_build(repo, "--out", "docs", *extra), repo / "docs")
    assert snapshot(repo / "docs") == before


@pytest.mark.parametrize("road", ["--out", "--stage"])
def test_a_persons_folder_is_kept_unless_forced(repo: Path, tmp_path: Path, road: str) -> None:
    documents = tmp_path / "Documents"
    write(documents, {"cv.docx": "my cv", "photos/2024/beach.jpg": "jpeg bytes"})
    before = snapshot(documents)
    done = site_build(repo, road, str(documents))
    refused(done, documents)
    assert "--force" in done.stderr
    assert snapshot(documents) == before

    forced = site_build(repo, road, str(documents), "--force")
    assert forced.returncode == 0, forced.stderr
    assert not (documents / "cv.docx").exists()  # replaced, as --force said


def test_a_folder_a_build_made_is_replaced_whole(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    first = site_build(repo, "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert (out / "organisations/test-trust/index.html").is_file()
    (out / "stale.html").write_text("left over")
    again = site_build(repo, "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert (out / "organisations/test-trust/index.html").is_file()
    assert not (out / "stale.html").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_default_site_dir_is_replaced_only_once_marked(repo: Path) -> None:
    (repo / "public").mkdir()
    (repo / "public" / "notes.txt").write_text("mine")
    refused(site_build(repo), repo / "public")
    assert (repo / "public" / "notes.txt").read_text() == "mine"
    (repo / "public" / "notes.txt").unlink()
    assert site_build(repo).returncode == 0  # empty: fine
    assert site_build(repo).returncode == 0  # made by a build: fine


@pytest.mark.parametrize("road", ["--out", "--stage"])
def test_an_output_path_under_a_file_is_one_clear_line(
    repo: Path, tmp_path: Path, road: str
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    done = site_build(repo, road, str(tmp_path / "a-file" / "site"))
    assert done.returncode == 2, done.stderr
    assert "a-file" in done.stderr and "Traceback" not in done.stderr
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_stage_then_build_replaces_both_folders_it_made(repo: Path, tmp_path: Path) -> None:
    stage, out = tmp_path / "stage", tmp_path / "out"
    for _ in range(2):
        done = site_build(repo, "--stage", str(stage), "--out", str(out))
        assert done.returncode == 0, done.stderr
    assert (stage / "mkdocs.yml").is_file() and (out / "index.html").is_file()


@pytest.mark.parametrize("road", ["--out", "--stage"])
def test_two_builds_racing_for_one_folder(repo: Path, tmp_path: Path, road: str) -> None:
    """The second build stops with exit 2 while the first is writing; the first finishes
    and its output is whole. (The first is paused while it writes, so that the second
    surely starts before it ends.)"""
    out = tmp_path / "public"
    argv = [IMPACTCTL, "--repo", str(repo), "site", "build", road, str(out)]
    first = subprocess.Popen(argv, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".new") for p in tmp_path.iterdir()):
        assert first.poll() is None, "the first build ended before it started writing"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    first.send_signal(signal.SIGSTOP)
    try:
        second = site_build(repo, road, str(out))
    finally:
        first.send_signal(signal.SIGCONT)
    _, first_err = first.communicate(timeout=120)
    assert first.returncode == 0, first_err
    assert second.returncode == 2, second.stdout + second.stderr
    assert "another build is writing" in second.stderr and str(out) in second.stderr
    whole = "organisations/test-trust/index.html" if road == "--out" else "mkdocs.yml"
    assert (out / whole).is_file()
    assert sorted(os.listdir(tmp_path)) == ["public", "repo"]
