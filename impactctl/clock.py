"""Today's date, overridable so that checks and sites are reproducible.

``IMPACTCTL_TODAY=YYYY-MM-DD`` pins the date (tests, and rebuilding an old site exactly).
"""

from __future__ import annotations

import calendar
import os
from datetime import date

from impactctl.errors import ImpactError


def today() -> date:
    pinned = os.environ.get("IMPACTCTL_TODAY")
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise ImpactError(
            f"IMPACTCTL_TODAY={pinned!r} is not a date", "write it as YYYY-MM-DD, or unset it"
        ) from None


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, or the month's last day if it is shorter."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))
