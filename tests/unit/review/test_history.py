"""impactctl.review.history: every level change over real git commits, oldest first."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactctl.errors import GitProblem
from impactctl.review.history import RatingEvent, decode_events, encode_events, rating_history
from tests.gitrepo import base_files, commit, cycle_yaml, new_repo

ORG = "assessments/test-trust"


def _cycle(one_one: str) -> str:
    return cycle_yaml("2025-26", {"1.1": one_one, "1.2": "growing", "2.1": "starting"})


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IMPACTCTL_CACHE_DIR", str(tmp_path / "cache"))
    root = new_repo(tmp_path / "repo")
    commit(root, base_files(), "Agree 2024-25", "2024-03-10T10:00:00+00:00")
    commit(
        root,
        {
            f"{ORG}/2025-26.yaml": cycle_yaml(
                "2025-26", {"1.1": "growing", "1.2": "growing", "2.1": "starting"}
            )
        },
        "Start 2025-26 (#7)",
        "2025-03-01T10:00:00+00:00",
    )
    commit(
        root,
        {
            f"{ORG}/2025-26.yaml": cycle_yaml(
                "2025-26", {"1.1": "strong", "1.2": "growing", "2.1": "starting"}
            )
        },
        "Raise 1.1 after the board session",
        "2025-03-10T10:00:00+00:00",
    )
    return root


def test_a_new_cycle_counts_only_what_moved_since_the_cycle_before(repo: Path) -> None:
    events = rating_history(repo)
    firsts = [e for e in events if e.cycle == "2024-25"]
    assert {e.statement for e in firsts} == {"1.1", "1.2", "2.1"}  # first ratings
    moved = [(e.cycle, e.statement, e.old, e.new, e.since, e.pr) for e in events[len(firsts) :]]
    assert moved == [
        ("2025-26", "1.1", "starting", "growing", "2024-25", 7),
        ("2025-26", "1.1", "growing", "strong", None, None),
    ]
    assert events[-1].subject == "Raise 1.1 after the board session"


def test_the_history_of_one_organisation_and_of_none(repo: Path) -> None:
    assert rating_history(repo, "test-trust") == rating_history(repo)
    assert rating_history(repo, "other-trust") == []


def test_events_survive_their_cache_encoding(repo: Path) -> None:
    events = rating_history(repo)
    assert decode_events(encode_events(events)) == events
    with pytest.raises((ValueError, TypeError)):
        decode_events([["sha", "2025-01-01T00:00:00+00:00", "too", "short"]])
    assert isinstance(events[0], RatingEvent)


def test_outside_git_history_is_refused(tmp_path: Path) -> None:
    (tmp_path / "assessments").mkdir()
    with pytest.raises(GitProblem):
        rating_history(tmp_path)
