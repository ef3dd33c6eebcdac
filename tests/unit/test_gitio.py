from __future__ import annotations

import os
from pathlib import Path

import pytest

from impactctl.errors import GitProblem
from impactctl.gitio import GitRepo, pr_number
from tests.gitrepo import commit, git, new_repo


@pytest.mark.parametrize(
    ("message", "number"),
    [
        ("Raise 1.2 after the staff survey (#7)", 7),
        ("Merge pull request #12 from trust/cycle", 12),
        ("Merge branch 'x' into 'main'\n\nSee merge request !31", 31),
        ("Merge branch 'x' into 'main'\n\nSee merge request nhs/trust-self-assessment!42", 42),
        ("Merged PR 57: Raise 2.1 after the audit", 57),
        ("Fix typo", None),
        ("Version 2 of the 1.2 rationale", None),
    ],
)
def test_pr_number_from_commit_messages(message: str, number: int | None) -> None:
    assert pr_number(message) == number


def test_log_reads_changes_oldest_first_and_blobs_once(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "r")
    first = commit(
        repo,
        {"assessments/o/a.yaml": "a: 1\n", "other.txt": "x"},
        "one",
        "2025-01-01T00:00:00+00:00",
    )
    second = commit(
        repo, {"assessments/o/a.yaml": "a: 2\n"}, "two (#3)", "2025-02-01T00:00:00+00:00"
    )
    with GitRepo(repo) as git:
        commits = list(git.log("assessments/"))
        assert [c.sha for c in commits] == [first, second]
        assert commits[1].pr == 3
        assert [c.path for c in commits[0].changes] == ["assessments/o/a.yaml"]
        blob = commits[1].changes[0].new_blob
        assert git.blob(blob) == b"a: 2\n"
        assert git.tree(first, "assessments") == {
            "assessments/o/a.yaml": commits[0].changes[0].new_blob
        }


@pytest.mark.parametrize("ref", ["--output=/tmp/x", "-n", "ext::sh", "", "a\nb", "nope"])
def test_hostile_or_unknown_refs_are_refused(tmp_path: Path, ref: str) -> None:
    repo = new_repo(tmp_path / "r")
    commit(repo, {"x.txt": "1"}, "one", "2025-01-01T00:00:00+00:00")
    with GitRepo(repo) as git, pytest.raises(GitProblem):
        git.verify(ref)


def test_an_empty_repository_has_no_history(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "r")
    with GitRepo(repo) as git:
        assert list(git.log("assessments/")) == []
        assert git.head() is None


def test_log_and_tree_keep_every_name_and_no_message_can_forge_a_change(tmp_path: Path) -> None:
    """NUL-separated output: names that are not ASCII (or not UTF-8) arrive as they are, and
    a commit message holding the old record separator and a raw line fakes nothing."""
    repo = new_repo(tmp_path / "r")
    names = ["assessments/o/été.yaml", os.fsdecode(b"assessments/o/caf\xe9.yaml"), 'a/"q"\t.yaml']
    for name in names:
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"a: 1\n")
    fake = "0" * 39 + "1"
    message = f"subject\n\nbody\x1e{fake}\n:100644 100644 {fake} {fake} M\tassessments/o/x.yaml\n"
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    with GitRepo(repo) as g:
        head = g.head()
        assert head is not None
        assert sorted(g.tree(head)) == sorted(names)
        commits = list(g.log())
        assert [c.sha for c in commits] == [head]
        assert sorted(c.path for c in commits[0].changes) == sorted(names)
        assert g.merged_pull_requests() == {}
