from __future__ import annotations

from datetime import date

import pytest

from impactctl.clock import months_before, today


def test_months_before_handles_short_months_and_years() -> None:
    assert months_before(date(2026, 3, 12), 24) == date(2024, 3, 12)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_today_can_be_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACTCTL_TODAY", "2026-11-24")
    assert today() == date(2026, 11, 24)
