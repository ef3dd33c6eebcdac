"""impactctl.review.following: cycle order and framework migrations, as history follows them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from impactctl.errors import ImpactError
from impactctl.gitio import GitRepo
from impactctl.model import Migration, Organisation
from impactctl.review.following import Following, HistoryFilter
from impactctl.review.history import RatingEvent
from tests.gitrepo import base_files, commit, new_repo

ORDERED = Following(
    organisations={
        "trust": Organisation("trust", "Trust", "acute", None, ("spring", "autumn", "winter"))
    },
    forward={"mini@1": ("mini@2", Migration("mini@1", {"1.1": "1.3", "2.1": None}))},
)


def test_the_cycle_before_follows_the_organisations_own_order() -> None:
    assert ORDERED.before("trust", "winter", ["spring", "autumn"]) == "autumn"
    assert ORDERED.before("trust", "autumn", ["winter", "spring"]) == "spring"
    assert ORDERED.before("trust", "spring", ["autumn"]) is None
    assert ORDERED.before("other", "2025-26", ["2024-25"]) == "2024-25"  # string order


def test_a_migration_renumbers_and_retires() -> None:
    moved, retired = ORDERED.migrate(
        {"1.1": "growing", "1.2": "strong", "2.1": "starting"}, "mini@1", "mini@2"
    )
    assert moved == {"1.3": "growing", "1.2": "strong"}
    assert retired == {"2.1": "starting"}
    assert ORDERED.migrate({"1.1": "growing"}, "mini@1", "mini@1") == ({"1.1": "growing"}, {})
    assert ORDERED.current("mini@1", "1.1") == "1.3"
    assert ORDERED.current("mini@1", "2.1") is None


def _event(day: int) -> RatingEvent:
    when = datetime(2025, 3, day, tzinfo=UTC)
    return RatingEvent("sha", when, "team", "test-trust", "2024-25", "1.1", None, "starting")


def test_since_takes_a_date_and_refuses_what_is_neither_date_nor_ref(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    commit(root, base_files(), "Agree 2024-25", "2024-03-10T10:00:00+00:00")
    with GitRepo(root) as git:
        keep = HistoryFilter(since="2025-03-05").resolve(git, root, "", [])
        assert keep(_event(6)) and not keep(_event(4))
        with pytest.raises(ImpactError):
            HistoryFilter(since="last-tuesday").resolve(git, root, "", [])
        with pytest.raises(ImpactError):
            HistoryFilter(cycle="1999-00").resolve(git, root, "", [])
