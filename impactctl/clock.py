"""Today's date, overridable so that checks and sites are reproducible.

``IMPACTCTL_TODAY=YYYY-MM-DD`` pins the date (tests, and rebuilding an old site exactly).
"""

from __future__ import annotations

import calendar
import os
from datetime import date

from impactctl.errors import ImpactError

# The years a date in an impactctl file (E113 outside them) or a pinned today may have.
# Dates here are about NHS improvement work: anything else is a typo or a placeholder
# (9999-12-31 for "never"), and arithmetic near year 1 or 9999 (evidence age, overdue
# days) would leave the range Python's dates can hold.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def today() -> date:
    pinned = os.environ.get("IMPACTCTL_TODAY")
    if not pinned:
        return date.today()
    try:
        day = date.fromisoformat(pinned)
    except ValueError:
        raise ImpactError(
            f"IMPACTCTL_TODAY={pinned!r} is not a date", "write it as YYYY-MM-DD, or unset it"
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ImpactError(
            f"IMPACTCTL_TODAY={pinned!r} is outside the years {FIRST_YEAR} to {LAST_YEAR}",
            "pin a date in the years the files may hold, or unset it",
        )
    return day


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, or the month's last day if it is shorter; never
    before the first day Python can represent (nothing can be older than that)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    if year < date.min.year:
        return date.min
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))
