"""The one threshold past which the site groups and summarises by system."""

from __future__ import annotations

from impactctl.site.scale import NAV_GROUP_FROM, by_system


def test_twenty_organisations_are_listed_and_twenty_one_are_summarised() -> None:
    assert NAV_GROUP_FROM == 20
    assert not by_system(0) and not by_system(20)
    assert by_system(21) and by_system(250)
