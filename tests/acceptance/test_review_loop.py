"""diff --base, history, the PR comment and cycle new, over real git repositories."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from impactctl.cli import (
    cli,
)
from tests.gitrepo import (
    ACTION_PLAN,
    FRAMEWORK,
    ORGANISATION,
    base_files,
    commit,
    cycle_yaml,
    git,
    new_repo,
)
from tests.golden import assert_golden

GOLDEN = Path(__file__).parent.parent / "golden"


def run(repo: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def history_repo(tmp_path: Path) -> Path:
    """main: 2024-25 agreed, then 2025-26 proposed on a branch and merged; a second branch
    open with a further change."""
    repo = new_repo(tmp_path / "repo")
    commit(
        repo,
        base_files(),
        "Agree 2024-25 self-assessment (#1)",
        "2024-03-11T10:00:00+00:00",
    )
    git(repo, "checkout", "-q", "-b", "cycle-2025-26")
    commit(
        repo,
        {
            "assessments/test-trust/2025-26.yaml": cycle_yaml(
                "2025-26", {"1.1": "growing", "1.2": "growing", "2.1": "starting"}
            ),
        },
        "Draft 2025-26 from the board session",
        "2025-03-10T10:00:00+00:00",
    )
    commit(
        repo,
        {
            "assessments/test-trust/2025-26.yaml": cycle_yaml(
                "2025-26", {"1.1": "growing", "1.2": "strong", "2.1": "starting"}
            ),
        },
        "Raise 1.2 after the staff survey (#7)",
        "2025-03-12T10:00:00+00:00",
    )
    git(repo, "checkout", "-q", "main")
    git(
        repo,
        "merge",
        "-q",
        "--no-ff",
        "cycle-2025-26",
        "-m",
        "Merge pull request #7",
        date="2025-03-13T10:00:00+00:00",
    )
    git(repo, "checkout", "-q", "-b", "lower-2-1")
    commit(
        repo,
        {
            "assessments/test-trust/2025-26.yaml": cycle_yaml(
                "2025-26",
                {"1.1": "growing", "1.2": "growing", "2.1": "starting"},
                rationale="Staff disagreed with the board's view.",
            ),
            "assessments/test-trust/action-plan.yaml": ACTION_PLAN.replace(
                "status: in-progress", "status: done"
            ),
        },
        "Lower 1.2 back after challenge",
        "2025-04-02T10:00:00+00:00",
    )
    return repo


def test_history_lists_every_level_change_with_commit_author_and_pr(history_repo: Path) -> None:
    code, out = run(history_repo, "history", "--format", "json")
    assert code == 0
    events = json.loads(out)["events"]
    moves = [(e["cycle"], e["statement"], e["old"], e["new"], e["pr"]) for e in events]
    assert moves == [
        ("2024-25", "1.1", None, "starting", 1),
        ("2024-25", "1.2", None, "growing", 1),
        ("2024-25", "2.1", None, "starting", 1),
        # A new cycle is measured against the one before it: only 1.1 moved. Drafted on
        # the branch that "Merge pull request #7" brought in, so it is #7 too.
        ("2025-26", "1.1", "starting", "growing", 7),
        ("2025-26", "1.2", "growing", "strong", 7),
        ("2025-26", "1.2", "strong", "growing", None),
    ]
    first = events[0]
    assert set(first) >= {
        "commit",
        "date",
        "author",
        "organisation",
        "cycle",
        "statement",
        "old",
        "new",
    }
    assert first["author"] == "Improvement Team"
    assert first["date"].startswith("2024-03-11T10:00:00")
    assert len(first["commit"]) == 40


def test_history_is_remembered_per_head_commit(history_repo: Path) -> None:
    """A second run reads one cache entry; a new commit, or an entry of another shape,
    means reading the log again."""
    code, first = run(history_repo, "history", "--format", "json")
    assert code == 0
    assert run(history_repo, "history", "--format", "json") == (0, first)
    entries = list(Path(os.environ["IMPACTCTL_CACHE_DIR"], "history").rglob("*.bin"))
    assert entries
    for entry in entries:
        entry.write_bytes(marshal.dumps({"not": "events"}))
    assert run(history_repo, "history", "--format", "json") == (0, first)
    commit(
        history_repo,
        {
            "assessments/test-trust/2025-26.yaml": cycle_yaml(
                "2025-26", {"1.1": "strong", "1.2": "growing", "2.1": "starting"}
            )
        },
        "Raise 1.1",
        "2025-05-01T10:00:00+00:00",
    )
    code, after = run(history_repo, "history", "--format", "json")
    assert len(json.loads(after)["events"]) == len(json.loads(first)["events"]) + 1


def test_history_after_validate_reuses_its_parse_and_says_the_same(
    history_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMPACTCTL_CACHE_DIR", str(tmp_path / "alone"))
    alone = run(history_repo, "history", "--format", "json")
    monkeypatch.setenv("IMPACTCTL_CACHE_DIR", str(tmp_path / "after-validate"))
    assert run(history_repo, "validate")[0] == 0
    assert run(history_repo, "history", "--format", "json") == alone


def test_history_of_one_organisation_and_text_format(history_repo: Path) -> None:
    code, out = run(history_repo, "history", "test-trust")
    assert code == 0
    assert "test-trust 2025-26 1.2 growing -> strong (#7)" in out
    assert "test-trust 2025-26 1.1 starting -> growing (since 2024-25) (#7)" in out
    assert out.rstrip().endswith("6 rating changes")
    code, out = run(history_repo, "history", "../")
    assert code == 2
    code, out = run(history_repo, "history", "no-such-org", "--format", "json")
    assert code == 2


def test_diff_base_lists_level_changes_with_rank_delta(history_repo: Path) -> None:
    code, out = run(history_repo, "diff", "--base", "main", "--format", "json")
    assert code == 0
    data = json.loads(out)
    levels = [c for c in data["changes"] if c["field"] == "level"]
    assert [(c["statement"], c["old"], c["new"], c["delta"], c["component"]) for c in levels] == [
        ("1.2", "strong", "growing", -1, "Shared purpose"),
    ]
    fields = {(c["field"], c.get("action")) for c in data["changes"]}
    assert ("rationale", None) in fields
    assert ("action.status", "a-001") in fields
    assert data["summary"]["lowered"] == 1
    assert data["summary"]["actions_done"] == 1


def test_diff_base_head_between_two_refs(history_repo: Path) -> None:
    code, out = run(history_repo, "diff", "--base", "main~1", "--head", "main", "--format", "json")
    assert code == 0
    levels = [c for c in json.loads(out)["changes"] if c["field"] == "level"]
    # 2025-26 is new on main: it is compared with 2024-25, the cycle before it.
    assert [(c["cycle"], c["statement"], c["old"], c["new"], c["delta"]) for c in levels] == [
        ("2025-26", "1.1", "starting", "growing", 1),
        ("2025-26", "1.2", "growing", "strong", 1),
    ]


def test_diff_base_sees_uncommitted_and_untracked_files(history_repo: Path) -> None:
    """Files git reports unchanged come from the base's blobs; edited and new ones from disk."""
    folder = history_repo / "assessments" / "test-trust"
    (folder / "2025-26.yaml").write_text(
        cycle_yaml("2025-26", {"1.1": "growing", "1.2": "growing", "2.1": "growing"})
    )
    (folder / "2026-27.yaml").write_text(
        cycle_yaml("2026-27", {"1.1": "strong", "1.2": "growing", "2.1": "growing"})
    )
    code, out = run(history_repo, "diff", "--base", "HEAD", "--format", "json")
    assert code == 0, out
    levels = [c for c in json.loads(out)["changes"] if c["field"] == "level"]
    assert [(c["cycle"], c["statement"], c["old"], c["new"]) for c in levels] == [
        ("2025-26", "2.1", "starting", "growing"),
        ("2026-27", "1.1", "growing", "strong"),  # against the edited 2025-26
    ]


def test_markdown_comment_matches_golden(history_repo: Path) -> None:
    code, out = run(history_repo, "diff", "--base", "main", "--format", "markdown")
    assert code == 0
    assert_golden(out, GOLDEN / "review" / "pr-comment.md")


def test_markdown_comment_stays_under_github_limit(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "big")
    long_text = "A long rationale sentence about the board's discussion. " * 40
    files = {"framework/mini/framework.yaml": FRAMEWORK}
    for n in range(120):
        org = f"org-{n:03d}"
        files[f"assessments/{org}/organisation.yaml"] = ORGANISATION.replace("test-trust", org)
        files[f"assessments/{org}/2024-25.yaml"] = cycle_yaml(
            "2024-25",
            {"1.1": "starting", "1.2": "starting", "2.1": "starting"},
            rationale=long_text,
        ).replace("test-trust", org)
    commit(repo, files, "Many organisations", "2025-01-01T00:00:00+00:00")
    for n in range(120):
        org = f"org-{n:03d}"
        (repo / f"assessments/{org}/2024-25.yaml").write_text(
            cycle_yaml(
                "2024-25",
                {"1.1": "growing", "1.2": "growing", "2.1": "growing"},
                rationale=long_text + " Changed.",
            ).replace("test-trust", org)
        )
    code, out = run(repo, "diff", "--base", "HEAD", "--format", "markdown")
    assert code == 0
    assert len(out) < 65_536
    assert "360 raised" in out


def test_diff_of_two_cycles_of_the_example_repository() -> None:
    root = Path(__file__).resolve().parents[2]
    code, out = run(
        root, "diff", "example-trust/2024-25", "example-trust/2025-26", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    from impactctl.reading.repository import load_repository

    repo = load_repository(root).repository
    record = repo.organisations["example-trust"]
    old = next(a for a in record.cycles if a.cycle == "2024-25")
    new = next(a for a in record.cycles if a.cycle == "2025-26")
    fw = repo.framework_for(new)
    assert fw is not None
    expected = sorted(
        (
            sid,
            old.ratings[sid].level,
            r.level,
            (fw.rank(r.level) or 0) - (fw.rank(old.ratings[sid].level) or 0),
        )
        for sid, r in new.ratings.items()
        if r.level != old.ratings[sid].level
    )
    got = sorted(
        (c["statement"], c["old"], c["new"], c["delta"])
        for c in data["changes"]
        if c["field"] == "level"
    )
    assert got == expected
    assert expected, "the example should move between cycles"


def test_unknown_and_hostile_refs_exit_2_without_traceback(history_repo: Path) -> None:
    for ref in ["no-such-branch", "--output=/tmp/pwned", "ext::sh -c touch% /tmp/pwned"]:
        code, out = run(history_repo, "diff", "--base", ref)
        assert code == 2, ref
        assert "Traceback" not in out
    assert not Path("/tmp/pwned").exists()


def test_not_a_git_repository_exits_2(tmp_path: Path) -> None:
    (tmp_path / "assessments").mkdir()
    for args in (["history"], ["diff", "--base", "HEAD"]):
        code, out = run(tmp_path, *args)
        assert code == 2
        assert "not a git repository" in out


def test_shallow_clone_is_explained_not_truncated(history_repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{history_repo}", str(shallow)], check=True
    )
    for args in (["history"], ["diff", "--base", "HEAD~1"]):
        code, out = run(shallow, *args)
        assert code == 2, args
        assert "shallow" in out and "fetch-depth: 0" in out
    # diff needs only the two commits: one that the clone has is fine.
    assert run(shallow, "diff", "--base", "HEAD")[0] == 0


def test_history_survives_a_broken_commit(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    levels = {"1.1": "starting", "1.2": "growing", "2.1": "starting"}
    commit(
        repo,
        {
            "framework/mini/framework.yaml": FRAMEWORK,
            "assessments/test-trust/organisation.yaml": ORGANISATION,
            "assessments/test-trust/2024-25.yaml": cycle_yaml("2024-25", levels),
        },
        "first",
        "2025-01-01T00:00:00+00:00",
    )
    commit(
        repo,
        {"assessments/test-trust/2024-25.yaml": "ratings: [unclosed\n"},
        "broken by mistake",
        "2025-01-02T00:00:00+00:00",
    )
    commit(
        repo,
        {
            "assessments/test-trust/2024-25.yaml": cycle_yaml(
                "2024-25", {**levels, "2.1": "growing"}
            )
        },
        "mended (#4)",
        "2025-01-03T00:00:00+00:00",
    )
    code, out = run(repo, "history", "--format", "json")
    assert code == 0
    later = [
        (e["statement"], e["old"], e["new"], e["pr"])
        for e in json.loads(out)["events"]
        if e["old"] is not None
    ]
    assert later == [("2.1", "starting", "growing", 4)]
