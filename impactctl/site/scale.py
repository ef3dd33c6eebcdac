"""When the site summarises by system instead of listing every organisation.

Past ``NAV_GROUP_FROM`` published organisations the navigation groups them by system, and
the overview and the component pages give one row per system (linking to the system's
page) instead of one per organisation: a board member reads them on a phone, and each
organisation's own numbers are one click away on its page and in the CSV downloads.
It imports nothing, so every page module (and ``pages``) can ask it.
"""

from __future__ import annotations

NAV_GROUP_FROM = 20  # more published organisations than this: summarise and group by system


def by_system(organisations: int) -> bool:
    """Whether a site of this many published organisations summarises by system."""
    return organisations > NAV_GROUP_FROM


MAX_DESC_ROWS = 20  # beyond this a chart's description points at the table instead
