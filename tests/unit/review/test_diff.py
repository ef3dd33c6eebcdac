"""impactctl.review.diff: what a diff compares, read from real files and real git commits."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactctl.errors import GitProblem, ImpactError
from impactctl.gitio import GitRepo
from impactctl.reading.repository import at_commit, work_tree
from impactctl.review.diff import context_for, diff_cycles, diff_refs
from tests.gitrepo import base_files, commit, cycle_yaml, new_repo, write

ORG = "assessments/test-trust"


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = new_repo(tmp_path / "repo")
    commit(root, base_files(), "Agree 2024-25", "2024-03-10T10:00:00+00:00")
    return root


def _levels(one_one: str, one_two: str, two_one: str) -> str:
    return cycle_yaml("2025-26", {"1.1": one_one, "1.2": one_two, "2.1": two_one})


def test_two_cycle_files_compare_by_org_slash_cycle(repo: Path) -> None:
    write(repo, {f"{ORG}/2025-26.yaml": _levels("growing", "growing", "strong")})
    report = diff_cycles(repo, "test-trust/2024-25", "test-trust/2025-26")
    moved = {(c.statement, c.delta) for c in report.comparison.level_changes}
    assert moved == {("1.1", 1), ("2.1", 2)}
    assert report.validation is None


def test_a_cycle_that_cannot_be_read_is_not_compared_and_says_why(repo: Path) -> None:
    write(repo, {f"{ORG}/2025-26.yaml": "framework: mini@1\nratings: [\n"})
    report = diff_cycles(repo, "test-trust/2024-25", "test-trust/2025-26")
    assert not report.ok and report.skipped_files == [f"{ORG}/2025-26.yaml"]
    assert [n.diagnostic.code for n in report.not_compared] == ["E101"]
    assert report.comparison.changes == ()  # nothing reported as removed


def test_an_unknown_cycle_is_a_usage_problem(repo: Path) -> None:
    with pytest.raises(ImpactError):
        diff_cycles(repo, "test-trust/2024-25", "test-trust/1999-00")


def test_refs_compare_the_work_tree_with_the_head_side_checked(repo: Path) -> None:
    write(repo, {f"{ORG}/2025-26.yaml": _levels("strong", "growing", "starting")})
    report = diff_refs(repo, "HEAD", None)
    assert [(c.statement, c.old, c.new) for c in report.comparison.level_changes] == [
        ("1.1", "starting", "strong")
    ]
    assert report.validation is not None
    assert "W301" in {d.code for d in report.validation.diagnostics}  # two levels at once


def test_an_unknown_ref_is_refused(repo: Path) -> None:
    with pytest.raises(GitProblem):
        diff_refs(repo, "no-such-branch", None)


def test_context_is_the_changed_files_their_neighbours_and_every_framework(repo: Path) -> None:
    commit(
        repo,
        {f"{ORG}/2025-26.yaml": _levels("growing", "growing", "starting")},
        "Start 2025-26",
        "2025-03-10T10:00:00+00:00",
    )
    with GitRepo(repo) as git:
        side = at_commit(git, repo, git.verify("HEAD"))
    wanted = context_for(side, {f"{ORG}/2025-26.yaml"})
    assert wanted == {
        "framework/mini/framework.yaml",
        f"{ORG}/organisation.yaml",
        f"{ORG}/action-plan.yaml",
        f"{ORG}/2024-25.yaml",  # the cycle before the changed one
        f"{ORG}/2025-26.yaml",
    }
    assert context_for(work_tree(repo), {"framework/mini/framework.yaml"}) is None
