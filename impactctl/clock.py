"""Today's date, overridable so that checks and sites are reproducible.

``IMPACTCTL_TODAY=YYYY-MM-DD`` pins the date (tests, and rebuilding an old site exactly).
"""

from __future__ import annotations

import calendar
import os
from datetime import date


def today() -> date:
    pinned = os.environ.get("IMPACTCTL_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, or the month's last day if it is shorter."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))
