from __future__ import annotations

from datetime import date

import pytest

from impactctl.clock import months_before, today
from impactctl.errors import ImpactError


def test_months_before_handles_short_months_and_years() -> None:
    assert months_before(date(2026, 3, 12), 24) == date(2024, 3, 12)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_today_can_be_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACTCTL_TODAY", "2026-11-24")
    assert today() == date(2026, 11, 24)


def test_months_before_never_leaves_the_range_dates_can_hold() -> None:
    assert months_before(date(1, 1, 1), 24) == date.min
    assert months_before(date(3, 12, 31), 24) == date(1, 12, 31)
    assert months_before(date(2, 12, 31), 24) == date.min
    assert months_before(date.max, 24) == date(9997, 12, 31)


@pytest.mark.parametrize("pinned", ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"])
def test_today_outside_the_years_files_may_hold_is_refused(
    monkeypatch: pytest.MonkeyPatch, pinned: str
) -> None:
    monkeypatch.setenv("IMPACTCTL_TODAY", pinned)
    with pytest.raises(ImpactError, match="outside the years 1900 to 2999"):
        today()
