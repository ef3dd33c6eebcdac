"""history follows a statement: the organisation's cycle order, a framework's renumbering,
changes made in merge commits, pull-request numbers from every host, and filters."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from impactctl.cli import (
    cli,
)
from tests.acceptance.test_pr_comment_fits import MIGRATED
from tests.gitrepo import ORGANISATION, base_files, commit, cycle_yaml, git, new_repo

CYCLE = "assessments/test-trust/2025-26.yaml"


def run(repo: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def events(repo: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = run(repo, "history", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)["events"]  # type: ignore[no-any-return]


def moves(repo: Path, *args: str) -> list[tuple[object, ...]]:
    return [(e["cycle"], e["statement"], e["old"], e["new"], e["pr"]) for e in events(repo, *args)]


def test_a_renumbered_statement_keeps_one_history_and_a_retired_one_is_reported(
    tmp_path: Path,
) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, base_files(), "Agree 2024-25", "2024-03-11T10:00:00+00:00")
    commit(
        repo,
        {
            "framework/mini2/framework.yaml": MIGRATED,
            CYCLE: cycle_yaml(
                "2025-26", {"1.1": "starting", "1.3": "strong", "2.2": "growing"}
            ).replace("mini@1", "mini@2"),
        },
        "Rate 2025-26 on the revised framework",
        "2025-03-11T10:00:00+00:00",
    )
    assert moves(repo, "--statement", "1.3") == [
        ("2024-25", "1.2", None, "growing", None),
        ("2025-26", "1.3", "growing", "strong", None),
    ]
    retired = events(repo, "--statement", "2.1")
    assert [(e["cycle"], e["old"], e["new"], e["retired"]) for e in retired] == [
        ("2024-25", None, "starting", False),
        ("2025-26", "starting", None, True),
    ]
    _code, out, _err = run(repo, "history", "--statement", "1.3")
    assert "2024-25 1.2 (now 1.3) (new) -> growing" in out
    _code, out, _err = run(repo, "history", "--statement", "2.1")
    assert "2025-26 2.1 starting -> (retired by mini@2)" in out
    assert moves(repo, "--statement", "2.2") == [("2025-26", "2.2", None, "growing", None)]


def test_the_cycles_list_orders_cycles_not_their_names(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    files = base_files()
    del files["assessments/test-trust/2024-25.yaml"]
    files["assessments/test-trust/organisation.yaml"] = (
        ORGANISATION + "cycles: [2024-spring, 2024-autumn]\n"
    )
    files["assessments/test-trust/2024-spring.yaml"] = cycle_yaml(
        "2024-spring", {"1.1": "starting", "1.2": "growing", "2.1": "starting"}
    )
    files["assessments/test-trust/action-plan.yaml"] = files[
        "assessments/test-trust/action-plan.yaml"
    ].replace("raised_in: 2024-25", "raised_in: 2024-spring")
    commit(repo, files, "Spring", "2024-04-01T10:00:00+00:00")
    commit(
        repo,
        {
            "assessments/test-trust/2024-autumn.yaml": cycle_yaml(
                "2024-autumn", {"1.1": "growing", "1.2": "growing", "2.1": "starting"}
            )
        },
        "Autumn",
        "2024-10-01T10:00:00+00:00",
    )
    autumn = [e for e in events(repo) if e["cycle"] == "2024-autumn"]
    # Sorted as text, autumn would come before spring and read as three first ratings.
    assert [(e["statement"], e["old"], e["new"], e["since"]) for e in autumn] == [
        ("1.1", "starting", "growing", "2024-spring")
    ]


def _branch(repo: Path, name: str, levels: dict[str, str], message: str, when: str) -> None:
    git(repo, "checkout", "-q", "-b", name, "main")
    commit(repo, {CYCLE: cycle_yaml("2025-26", levels)}, message, when)
    git(repo, "checkout", "-q", "main")


def test_merge_requests_and_pull_requests_of_every_host(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, base_files(), "Agree 2024-25", "2024-03-11T10:00:00+00:00")
    start = {"1.1": "starting", "1.2": "growing", "2.1": "starting"}
    commit(repo, {CYCLE: cycle_yaml("2025-26", start)}, "Copy", "2025-01-01T10:00:00+00:00")
    # GitHub squash merge: the number ends the subject.
    commit(
        repo,
        {CYCLE: cycle_yaml("2025-26", {**start, "1.1": "growing"})},
        "Raise 1.1 after the survey (#12)",
        "2025-01-02T10:00:00+00:00",
    )
    # Azure DevOps merge: "Merged PR 57: ..." on the merge commit.
    _branch(repo, "azure", {**start, "1.1": "growing", "1.2": "strong"}, "1.2 up", at(3))
    git(repo, "merge", "-q", "--no-ff", "azure", "-m", "Merged PR 57: Raise 1.2", date=at(4))
    # GitLab merge: the number is in the body.
    _branch(
        repo,
        "gitlab",
        {"1.1": "growing", "1.2": "strong", "2.1": "growing"},
        "2.1 up",
        at(5),
    )
    git(
        repo,
        "merge",
        "-q",
        "--no-ff",
        "gitlab",
        "-m",
        "Merge branch 'gitlab' into 'main'\n\nRaise 2.1\n\n"
        "See merge request nhs/impact-self-assessment!42",
        date=at(6),
    )
    assert moves(repo, "--cycle", "2025-26") == [
        ("2025-26", "1.1", "starting", "growing", 12),
        ("2025-26", "1.2", "growing", "strong", 57),
        ("2025-26", "2.1", "starting", "growing", 42),
    ]
    subjects = [e["subject"] for e in events(repo, "--cycle", "2025-26")]
    assert subjects == ["Raise 1.1 after the survey (#12)", "1.2 up", "2.1 up"]


def test_a_level_set_in_a_merge_commit_appears_exactly_once(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, base_files(), "Agree 2024-25", "2024-03-11T10:00:00+00:00")
    start = {"1.1": "starting", "1.2": "growing", "2.1": "starting"}
    commit(repo, {CYCLE: cycle_yaml("2025-26", start)}, "Copy", "2025-01-01T10:00:00+00:00")
    # Two branches set 1.1 differently; the second merge conflicts and is resolved to a
    # level neither branch chose.
    _branch(repo, "staff", {**start, "1.1": "growing"}, "Staff view", at(2))
    _branch(repo, "board", {**start, "1.1": "strong", "2.1": "growing"}, "Board view", at(3))
    git(repo, "merge", "-q", "--no-ff", "board", "-m", "Merge pull request #3", date=at(4))
    with pytest.raises(subprocess.CalledProcessError):
        git(repo, "merge", "-q", "--no-ff", "staff", date=at(5))
    resolved = cycle_yaml("2025-26", {**start, "2.1": "growing"})
    commit(repo, {CYCLE: resolved}, "Merge pull request #4", at(5))
    assert len(git(repo, "log", "-1", "--format=%P").split()) == 2  # a real merge
    # The clean merge (#3) sets nothing of its own; the resolution is one event of #4.
    assert moves(repo, "--cycle", "2025-26") == [
        ("2025-26", "1.1", "starting", "growing", 4),
        ("2025-26", "1.1", "starting", "strong", 3),
        ("2025-26", "2.1", "starting", "growing", 3),
        ("2025-26", "1.1", "strong", "starting", 4),
    ]


def at(day: int) -> str:
    return f"2025-01-{day:02d}T10:00:00+00:00"


def test_filters_and_refusals(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, base_files(), "Agree 2024-25", "2024-03-11T10:00:00+00:00")
    git(repo, "tag", "board-2024-03")
    start = {"1.1": "growing", "1.2": "growing", "2.1": "starting"}
    commit(repo, {CYCLE: cycle_yaml("2025-26", start)}, "Draft", "2025-03-01T10:00:00+00:00")
    assert moves(repo, "--since", "board-2024-03") == [
        ("2025-26", "1.1", "starting", "growing", None)
    ]
    assert moves(repo, "--since", "2025-01-01") == moves(repo, "--since", "board-2024-03")
    assert len(moves(repo, "--since", "2024-01-01")) == 4
    assert moves(repo, "--org", "test-trust", "--cycle", "2024-25", "--statement", "2.1") == [
        ("2024-25", "2.1", None, "starting", None)
    ]
    assert moves(repo, "--statement", "1.2", "--cycle", "2025-26") == []
    for args, words in [
        (["--since", "last-tuesday"], "neither a git ref nor a date"),
        (["--statement", "9.9"], "no statement '9.9'"),
        (["--org", "nobody"], "no organisation 'nobody'"),
        (["--cycle", "1999-00"], "no cycle '1999-00'"),
    ]:
        code, out, err = run(repo, "history", *args)
        assert code == 2, args
        assert words in err and "Traceback" not in err and out == ""
        assert len(err.strip().splitlines()) <= 2  # one line, and perhaps a hint
