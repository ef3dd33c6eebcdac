"""Reading the site's data: the change log from git (or why not), and last-changed dates."""

from __future__ import annotations

import logging
import subprocess
from datetime import datetime
from pathlib import Path

from impactctl.site.sources import from_git, gather
from tests.gitrepo import ACTION_PLAN, FRAMEWORK, ORGANISATION, commit, cycle_yaml, git, new_repo


def _repo(path: Path) -> Path:
    repo = new_repo(path)
    commit(
        repo,
        {
            "framework/mini/framework.yaml": FRAMEWORK,
            "assessments/test-trust/organisation.yaml": ORGANISATION,
            "assessments/test-trust/action-plan.yaml": ACTION_PLAN,
            "assessments/test-trust/2024-25.yaml": cycle_yaml(
                "2024-25", {"1.1": "starting", "1.2": "starting", "2.1": "starting"}
            ),
        },
        "First cycle",
        "2025-03-10T12:00:00+00:00",
    )
    commit(
        repo,
        {
            "assessments/test-trust/2024-25.yaml": cycle_yaml(
                "2024-25", {"1.1": "growing", "1.2": "starting", "2.1": "starting"}
            )
        },
        "Raise 1.1 (#4)",
        "2025-04-01T09:00:00+00:00",
    )
    return repo


def test_change_log_and_dates_from_git(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    changes, notes, dates = from_git(repo)
    assert notes == [] and changes.unavailable is None
    raised = [e for e in changes.events if e.old == "starting"]
    assert [(e.statement, e.new, e.pr) for e in raised] == [("1.1", "growing", 4)]
    assert dates["assessments/test-trust"] == datetime.fromisoformat("2025-04-01T09:00:00+00:00")
    assert dates["framework"] == datetime.fromisoformat("2025-03-10T12:00:00+00:00")
    assert dates[""] == dates["assessments/test-trust"]


def test_a_shallow_clone_is_a_warning_and_no_git_is_information(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)],
        check=True,
        capture_output=True,
    )
    changes, notes, _ = from_git(shallow)
    assert changes.unavailable and "shallow" in changes.unavailable
    assert [n.level for n in notes] == [logging.WARNING]
    assert "fetch-depth: 0" in notes[0].message

    plain = tmp_path / "plain"
    subprocess.run(["cp", "-r", str(repo), str(plain)], check=True)
    subprocess.run(["rm", "-rf", str(plain / ".git")], check=True)
    changes, notes, dates = from_git(plain)
    assert "not a git repository" in (changes.unavailable or "")
    assert [n.level for n in notes] == [logging.INFO]
    assert dates[""]  # file times stand in for commit dates
    assert from_git(repo, history=False)[0].unavailable == (
        "turned off in the site settings (history: false)"
    )


def test_gather_reads_the_repository_once_and_reports_unreadable_files(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    (repo / "assessments/test-trust/2025-26.yaml").write_text("ratings: [unclosed\n")
    gathered = gather(repo, today=None)
    assert "test-trust" in gathered.data.repository.organisations
    assert any("2025-26.yaml" in n.message and n.level == logging.WARNING for n in gathered.notes)
    assert git(repo, "status", "--porcelain")  # we wrote the broken file, not the reader
