"""Hostile repositories, by class: whatever a file, a file name or a past commit holds, every
command reports it (a code, a position, exit 1) or refuses (exit 2), and never crashes
(exit 70), hangs or writes half a file.

The single-file cases are in the corpus (tests/data/bad/); these are the cases that need
a git history, a file system or more than one command to show.
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from impactctl.cli import cli
from impactctl.editing.scaffold import yaml_text
from impactctl.reading.yaml import read_document
from tests.browser.site_builds import ENV, IMPACTCTL, site_build
from tests.gitrepo import commit, git, new_repo

ROOT = Path(__file__).resolve().parents[2]
ORG = "test-trust"
CYCLE_REL = f"assessments/{ORG}/2026-27.yaml"


def run(repo: Path, *args: str) -> tuple[int, str]:
    """The CLI in-process; an escaped exception fails the test (it would be exit 70)."""
    result = CliRunner().invoke(cli, ["--repo", str(repo), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "internal error" not in result.output, result.output
    return result.exit_code, result.output


def initialised(folder: Path) -> Path:
    """A new repository from `impactctl init`, committed as the first commit."""
    result = CliRunner().invoke(cli, ["init", str(folder), "--org", "Test Trust"])
    assert result.exit_code == 0, result.output
    new_repo(folder)
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "Start (#1)", date="2026-04-01T10:00:00+00:00")
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return initialised(tmp_path / "repo")


# --- 1. numbers too large for Python: the bad version stays in git for good -------------


def test_a_huge_number_committed_once_never_breaks_a_command(repo: Path) -> None:
    """A 5,000-digit number passed Python's int-string limit and crashed every command; once
    committed, history, the site and `diff --base` kept reading it from git."""
    good = (repo / CYCLE_REL).read_text(encoding="utf-8")
    first = git(repo, "rev-parse", "HEAD")
    bad = good.replace("status: draft", "status: " + "9" * 5000)
    bad_commit = commit(repo, {CYCLE_REL: bad}, "Pasted by mistake", "2026-04-02T10:00:00+00:00")

    code, out = run(repo, "validate")
    assert code == 1 and f"{CYCLE_REL}:9:9: error E118" in out
    code, out = run(repo, "export", "--format", "csv", "--out", str(repo.parent / "x1"))
    assert code == 0  # the unreadable file is left out, and said so
    built = site_build(repo)
    assert "internal error" not in built.stderr and "Traceback" not in built.stderr

    good = good.replace("level: not-assessed\n", "level: developing\n", 1)
    commit(repo, {CYCLE_REL: good}, "Mended (#3)", "2026-04-03T10:00:00+00:00")
    assert run(repo, "validate")[0] == 0
    code, out = run(repo, "history", "--format", "json")
    assert code == 0
    events = json.loads(out)["events"]
    assert [(e["statement"], e["old"], e["new"], e["pr"]) for e in events if e["old"]] == [
        ("1.1", "not-assessed", "developing", 3)
    ]
    assert run(repo, "diff", "--base", first)[0] == 0
    code, out = run(repo, "diff", "--base", bad_commit, "--format", "json")
    assert code in (0, 1)  # the base side cannot be read: never a crash
    code, out = run(repo, "export", "--format", "csv", "--out", str(repo.parent / "x2"))
    assert code == 0
    built = site_build(repo)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "internal error" not in built.stderr


def test_cycle_new_refuses_a_huge_number_in_either_file_and_writes_nothing(repo: Path) -> None:
    """Both files `cycle new` rewrites go through the checking road before the round-trip
    loader, which would otherwise pass the number to Python's int()."""
    folder = repo / "assessments" / ORG
    org_file = folder / "organisation.yaml"
    good_org = org_file.read_text(encoding="utf-8")
    org_file.write_text(good_org.replace("type: other", "type: " + "7" * 5000), encoding="utf-8")
    code, out = run(repo, "cycle", "new", ORG, "2027-28")
    assert code == 1 and "organisation.yaml:4:7: E118" in out
    assert not (folder / "2027-28.yaml").exists()
    org_file.write_text(good_org, encoding="utf-8")
    cycle = folder / "2026-27.yaml"
    cycle.write_text(cycle.read_text().replace("assessed_on:", "assessed_on: 1e999"))
    code, out = run(repo, "cycle", "new", ORG, "2027-28")
    assert code == 1 and "2026-27.yaml:8:14: E118" in out
    assert sorted(p.name for p in folder.iterdir()) == [
        "2026-27.yaml",
        "action-plan.yaml",
        "organisation.yaml",
    ]


# --- 2. file names that are not UTF-8 (git stores bytes) ----------------------------------

LATIN1_NAME = os.fsdecode(f"assessments/{ORG}/caf\xe9.yaml".encode("latin-1"))


def test_a_file_name_that_is_not_utf8_is_reported_escaped_and_skipped(repo: Path) -> None:
    """Such a name reached the reporters as a surrogate escape and every command that
    printed it exited 70; git trees and logs carry the same bytes."""
    cycle = (repo / CYCLE_REL).read_text(encoding="utf-8")
    (repo / LATIN1_NAME).write_text(cycle.replace("level: not-assessed", "level: emerging"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Add a cycle from a Windows share", date="2026-04-02T10:00:00")
    shown = f"assessments/{ORG}/caf\\xe9.yaml"

    code, out = run(repo, "validate", "--format", "json")
    assert code == 1
    assert [(d["file"], d["code"]) for d in json.loads(out)["diagnostics"]] == [(shown, "E100")]
    code, out = run(repo, "validate")
    assert code == 1 and f"{shown}:1:1: error E100 file name is not valid UTF-8" in out
    for args in (
        ["diff", "--base", "HEAD~1", "--format", "markdown"],
        ["diff", "--base", "HEAD~1", "--head", "HEAD", "--format", "markdown"],
    ):
        code, out = run(repo, *args)
        assert code in (0, 1) and shown in out, args  # the PR comment's checks name it
    code, out = run(repo, "history")
    assert code == 0 and "emerging" not in out  # its ratings are not read, so no events
    assert run(repo, "export", "--format", "csv", "--out", str(repo.parent / "x"))[0] == 0
    built = site_build(repo)
    assert built.returncode == 0, built.stdout + built.stderr
    assert shown in built.stderr  # left out of the site, and said so


# --- 3 and special files: links, loops, pipes and folders named *.yaml --------------------


@pytest.mark.parametrize(
    ("make", "rel", "message"),
    [
        (lambda p: p.symlink_to(p.name), f"assessments/{ORG}/loop.yaml", "loops back"),
        (lambda p: p.symlink_to("nowhere.yaml"), f"assessments/{ORG}/dangling.yaml", "not exist"),
        (lambda p: p.symlink_to(p.name), "assessments/looped-org", "loops back"),
        (lambda p: p.symlink_to(p.name), "framework/looped", "loops back"),
        (lambda p: p.mkdir(), f"assessments/{ORG}/folder.yaml", "Is a directory"),
        (lambda p: os.mkfifo(p), f"assessments/{ORG}/pipe.yaml", "not a regular file"),
        (lambda p: os.mkfifo(p), "framework/piped/framework.yaml", "not a regular file"),
    ],
    ids=["link-loop", "dangling-link", "folder-loop", "framework-loop", "dir", "fifo", "fifo-fw"],
)
def test_links_loops_and_special_files_are_e100_and_never_hang(
    repo: Path, make: Callable[[Path], None], rel: str, message: str
) -> None:
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    make(repo / rel)
    # A real process with a timeout: a FIFO that is opened for reading blocks for ever.
    for args in (["validate", "--format", "json"], ["export", "--out", "x.xlsx"]):
        done = subprocess.run(
            [IMPACTCTL, *args], cwd=repo, env=ENV, capture_output=True, text=True, timeout=60
        )
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr
        if args[0] == "validate":
            assert done.returncode == 1, done.stdout + done.stderr
            found = [(d["file"], d["code"]) for d in json.loads(done.stdout)["diagnostics"]]
            assert (rel, "E100") in found
            assert message in done.stdout
        else:
            assert done.returncode == 0, done.stdout + done.stderr


def test_cycle_new_from_a_pipe_is_refused_not_waited_on(repo: Path) -> None:
    os.mkfifo(repo / "assessments" / ORG / "2027-28.yaml")
    done = subprocess.run(
        [IMPACTCTL, "cycle", "new", ORG, "2028-29", "--from", "2027-28"],
        cwd=repo,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "E100" in done.stderr, done.stderr


# --- non-ASCII paths in git: NUL-separated output everywhere -----------------------------


def test_a_repository_in_a_folder_with_a_non_ascii_name_keeps_its_history(tmp_path: Path) -> None:
    """`ls-tree` and `log` without -z quote such paths ("\\303\\251..."): every file of the
    repository was lost from `diff --base --head` and from `history`."""
    top = new_repo(tmp_path / "monorepo")
    result = CliRunner().invoke(cli, ["init", str(top / "évaluation"), "--org", "Test Trust"])
    assert result.exit_code == 0, result.output
    repo = top / "évaluation"
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "Start", date="2026-04-01T10:00:00+00:00")
    cycle = (repo / CYCLE_REL).read_text(encoding="utf-8")
    commit(
        top,
        {f"évaluation/{CYCLE_REL}": cycle.replace("level: not-assessed", "level: emerging", 1)},
        "Rate 1.1 (#2)",
        "2026-04-02T10:00:00+00:00",
    )
    code, out = run(repo, "diff", "--base", "HEAD~1", "--head", "HEAD", "--format", "json")
    assert code == 0
    assert [(c["statement"], c["old"], c["new"]) for c in json.loads(out)["changes"]] == [
        ("1.1", "not-assessed", "emerging")
    ]
    code, out = run(repo, "history", "--format", "json")
    moved = [(e["statement"], e["new"], e["pr"]) for e in json.loads(out)["events"] if e["old"]]
    assert code == 0 and moved == [("1.1", "emerging", 2)]


# --- dates at the edge -----------------------------------------------------------------


@pytest.mark.parametrize("today", ["1900-01-01", "2999-12-31"])
def test_every_date_at_the_edge_of_the_range_is_read_and_checked(repo: Path, today: str) -> None:
    """W310 took 24 months from a draft's "today" (or `assessed_on`): near year 1 that left
    Python's range and validate exited 70. Dates outside 1900-2999 are now E113, and the
    first and last days allowed go through every check, the site and the exports."""
    cycle = (repo / CYCLE_REL).read_text(encoding="utf-8")
    cycle = cycle.replace(
        "    rationale: Not yet discussed.\n",
        "    rationale: Not yet discussed.\n    evidence:\n"
        "      - {title: Old, url: 'https://example.org/a', date: 1900-01-01}\n"
        "      - {title: New, url: 'https://example.org/b', date: 2999-12-31}\n",
        1,
    )
    (repo / CYCLE_REL).write_text(cycle, encoding="utf-8")
    plan = repo / "assessments" / ORG / "action-plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "actions: []",
            "actions:\n"
            "  - {id: a-001, title: T, statements: ['1.1'], owner: O, raised_in: 2026-27,\n"
            "     due: 1900-01-01, status: planned}\n"
            "  - {id: a-002, title: T, statements: ['1.1'], owner: O, raised_in: 2026-27,\n"
            "     due: 2999-12-31, status: planned}",
        ),
        encoding="utf-8",
    )
    env = {**ENV, "IMPACTCTL_TODAY": today}
    for args in (
        ["validate"],
        ["export", "--out", "x.xlsx"],
        ["export", "--format", "csv", "--out", "x"],
        ["diff", "--base", "HEAD"],
        ["site", "build"],
    ):
        done = subprocess.run(
            [IMPACTCTL, *args], cwd=repo, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode in (0, 1), (args, done.stdout + done.stderr)
        assert "internal error" not in done.stderr, done.stderr
    done = subprocess.run(
        [IMPACTCTL, "validate"],
        cwd=repo,
        env={**ENV, "IMPACTCTL_TODAY": "0001-01-01"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "outside the years 1900 to 2999" in done.stderr


def test_a_commit_dated_beyond_year_9999_is_clamped_not_a_crash(repo: Path) -> None:
    """git stores any timestamp; `@300000000000` is the year 11476."""
    cycle = (repo / CYCLE_REL).read_text(encoding="utf-8")
    commit(
        repo,
        {CYCLE_REL: cycle.replace("level: not-assessed", "level: emerging", 1)},
        "From the future (#9)",
        "@300000000000 +0000",
    )
    code, out = run(repo, "history", "--format", "json")
    moved = [(e["statement"], e["date"][:4]) for e in json.loads(out)["events"] if e["old"]]
    assert code == 0 and moved == [("1.1", "9999")]
    built = site_build(repo)
    assert built.returncode == 0 and "internal error" not in built.stderr, built.stderr


# --- references between framework files, and between actions and cycles -----------------

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "good" / "minimal-repo"
FRAMEWORK_REL = "framework/test-framework/framework.yaml"


def diagnostics(repo: Path) -> tuple[int, list[tuple[str, str, int, str]]]:
    code, out = run(repo, "validate", "--format", "json")
    found = json.loads(out)["diagnostics"]
    return code, [(d["file"], d["code"], d["line"], d["message"]) for d in found]


@pytest.mark.parametrize("folder", ["a-shadow", "z-shadow"])
def test_a_second_definition_of_a_framework_version_is_e214_on_both(
    tmp_path: Path, folder: str
) -> None:
    """A copy with the levels in another order re-scored every cycle while `validate`
    passed: whichever folder sorts first, both files are named."""
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    text = (repo / FRAMEWORK_REL).read_text(encoding="utf-8")
    head, levels = text.split("levels:\n", 1)
    levels, rest = levels.split("components:\n", 1)
    items = ["  - id:" + item for item in levels.split("  - id:")[1:]]
    shadow = f"framework/{folder}/framework.yaml"
    (repo / shadow).parent.mkdir()
    reordered = head + "levels:\n" + "".join(reversed(items)) + "components:\n" + rest
    (repo / shadow).write_text(reordered, encoding="utf-8")
    code, found = diagnostics(repo)
    assert code == 1
    assert [(f, c, line) for f, c, line, _ in found] == sorted(
        [(FRAMEWORK_REL, "E214", 3), (shadow, "E214", 3)]
    )
    assert all(
        other in message for f, _, _, message in found for other in {FRAMEWORK_REL, shadow} - {f}
    )


def test_statement_ids_that_are_the_same_number_collide(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    text = (repo / FRAMEWORK_REL).read_text(encoding="utf-8")
    for twin in ('"01.1"', '"1.01"'):
        changed = text.replace('      - id: "1.2"', f"      - id: {twin}", 1)
        (repo / FRAMEWORK_REL).write_text(changed, encoding="utf-8")
        line = changed[: changed.index(f"id: {twin}")].count("\n") + 1
        code, found = diagnostics(repo)
        assert code == 1
        assert [(f, c, ln) for f, c, ln, _ in found if c == "E216"] == [
            (FRAMEWORK_REL, "E216", line)
        ], found


# --- terminal and comment safety ----------------------------------------------------------

RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")


def test_git_authors_and_subjects_never_reach_a_terminal_or_comment_raw(repo: Path) -> None:
    """Files cannot hold control characters (E103, raw or escaped); git authors and commit
    subjects can, so every reporter escapes them."""
    cycle = (repo / CYCLE_REL).read_text(encoding="utf-8")
    (repo / CYCLE_REL).write_text(cycle.replace("level: not-assessed", "level: emerging", 1))
    author = "Mallory\x1b[2J\x1b]0;owned\x07 \x9b31m"
    subject = "Raise 1.1 \u202e)5#( \u2066x"
    subprocess.run(
        ["git", "commit", "-qam", subject],
        cwd=repo,
        check=True,
        env={**ENV, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "m@example.org"},
    )
    for fmt in ("text", "markdown", "json"):
        code, out = run(repo, "history", "--format", fmt)
        assert code == 0 and "emerging" in out, out
        assert not any(ch in out for ch in RAW), (fmt, out)
        if fmt == "json":
            assert json.loads(out)["events"][-1]["author"] == author  # same data, escaped
        else:
            assert "\\x1b[2J" in out  # visible, not obeyed
    for fmt in ("text", "markdown", "json"):
        code, out = run(repo, "diff", "--base", "HEAD~1", "--head", "HEAD", "--format", fmt)
        assert code == 0 and not any(ch in out for ch in RAW), out


# --- pathological YAML: a large file's syntax error costs one fast parse --------------------


@pytest.mark.parametrize("tail", ["ratings2: [unclosed\n", "  - {url: https://x}\n"])
def test_a_syntax_error_at_the_end_of_a_5_mb_file_is_found_in_under_3_seconds(
    tmp_path: Path, tail: str
) -> None:
    """The C parser's error was confirmed by re-parsing the whole file in pure Python, about
    20 times slower: 41 s for 4 MB. Now only the one YAML 1.1 corner (a ':' in a flow
    value) is confirmed, and only in files up to 256 KB."""
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    cycle = repo / "assessments" / "test-trust" / "2025-26.yaml"
    many = "".join(
        f"  - {{group: staff, role: Ward manager {i}, count: 5}}\n" for i in range(93_000)
    )
    text = cycle.read_text(encoding="utf-8").replace("participants:\n", "participants:\n" + many)
    cycle.write_text(text + tail, encoding="utf-8")
    assert 4.5 * 2**20 < cycle.stat().st_size < 5 * 2**20
    started = time.process_time()
    result = CliRunner().invoke(
        cli, ["--repo", str(repo), "validate", "--format", "json"], env={"IMPACTCTL_NO_CACHE": "1"}
    )
    took = time.process_time() - started
    found = [(d["code"], d["line"]) for d in json.loads(result.output)["diagnostics"]]
    assert result.exit_code == 1 and [code for code, _ in found] == ["E101"], found
    assert found[0][1] > text.count("\n"), found  # at the end, where the error is
    assert took < 3.0, f"{took:.2f} s of CPU"


# --- init: every value written for where it lands; the site escapes what the theme prints --

HOSTILE_NAME = 'Evil <img src=x onerror=alert(1)> "Trust" `x` {: onclick="a"} & Co\''


class _Live(html.parser.HTMLParser):
    """Every event-handler attribute and injected <img> in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.live: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.live += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        if tag == "img" and dict(attrs).get("src") == "x":
            self.live.append("img src=x")


@pytest.mark.parametrize(
    "name", ["Evil Trust\nhooks:\n  - evil.py", "Evil Trust\rx", "Bell\x07", "   "]
)
def test_init_refuses_a_name_that_is_not_one_line_and_writes_nothing(
    tmp_path: Path, name: str
) -> None:
    """A line break in the name ended mkdocs.yml's `site_description` block and started
    keys of its own: `hooks:` runs Python at the next build."""
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "new"), "--org", name])
    assert result.exit_code == 2 and "one line of text" in result.output
    assert not (tmp_path / "new").exists()


def test_a_hostile_organisation_name_is_text_in_every_file_and_on_every_page(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "repo"
    result = CliRunner().invoke(cli, ["init", str(repo), "--org", HOSTILE_NAME, "--id", "evil"])
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    template = (ROOT / "impactctl/templates/mkdocs.yml").read_text(encoding="utf-8")
    assert set(config) == set(re.findall(r"^([a-z_]+):", template, re.M))  # none injected
    assert config["site_name"] == f"{HOSTILE_NAME} · NHS IMPACT self-assessment"
    assert HOSTILE_NAME in config["site_description"]
    organisation = yaml.safe_load((repo / "assessments/evil/organisation.yaml").read_text())
    assert organisation["name"] == HOSTILE_NAME
    assert run(repo, "validate")[0] == 0
    built = site_build(repo)
    assert built.returncode == 0, built.stdout + built.stderr
    pages = sorted((repo / "public").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        parser = _Live()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.live == [], (page, parser.live)
    front = (repo / "public/index.html").read_text(encoding="utf-8")
    assert "Evil \u2039img src=x onerror=alert(1)\u203a" in front  # shown, as text
    staged = tmp_path / "staged"
    done = site_build(repo, "--stage", str(staged))
    assert done.returncode == 0, done.stderr
    staged_config = yaml.safe_load((staged / "mkdocs.yml").read_text(encoding="utf-8"))
    assert not set("<>\"'") & set(staged_config["site_name"] + staged_config["site_description"])


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=60))
@settings(max_examples=200, deadline=None)
def test_the_yaml_writer_reads_back_as_the_same_text(value: str) -> None:
    assert read_document(f"name: {yaml_text(value)}\n".encode(), "o.yaml").data == {"name": value}


# --- ids from the command line; environment failures ---------------------------------------


def digest(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize(
    "args",
    [
        ["cycle", "new", ORG, "2027-28\n"],
        ["cycle", "new", "../../outside", "2027-28"],
        ["cycle", "new", ORG, "2027-28", "--from", "../organisation"],
        ["cycle", "new", ORG, "2027-28/../../x"],
        ["history", "Test-Trust"],
        ["init", "new", "--org", "A", "--id", "../a"],
        ["init", "new", "--org", "A", "--cycle", "2026-27\n"],
    ],
)
def test_an_id_from_the_command_line_is_a_slug_before_it_is_a_path(
    repo: Path, args: list[str]
) -> None:
    before = digest(repo.parent)
    result = CliRunner().invoke(cli, ["--repo", str(repo), *args])
    assert result.exit_code == 2 and "is not a valid id" in result.output, result.output
    assert digest(repo.parent) == before


def _limited(limit: int) -> Callable[[], None]:
    def apply() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize(
    ("args", "limit", "says"),
    [
        (["export", "--format", "csv", "--out", "afile/x"], None, "Not a directory: afile"),
        (["export", "--out", "afile/x.xlsx"], None, "a file is in the way"),
        (["init", "afile/new", "--org", "A"], None, "a file is in the way"),
        (["export", "--format", "csv", "--out", "out"], 1024, "File too large"),
        (["export", "--out", "out.xlsx"], 1024, "File too large"),
        (["cycle", "new", ORG, "2027-28"], 1024, "File too large"),
    ],
)
def test_environment_failures_are_one_line_exit_2_and_nothing_half_written(
    repo: Path, args: list[str], limit: int | None, says: str
) -> None:
    """A full disk (here: a file-size limit, EFBIG; ENOSPC takes the same road), or an
    output path under a file, was exit 70 with a Python error."""
    (repo / "afile").write_text("not a folder\n")
    before = digest(repo)
    done = subprocess.run(
        [IMPACTCTL, *args],
        cwd=repo,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limited(limit) if limit else None,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("impactctl: ") and says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert digest(repo) == before  # no file changed, none added, no temporary file left
