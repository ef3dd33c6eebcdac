"""Systems, their members, and the one system measure.

A system is an ICB with the organisations whose ``system`` names it. Its level for a
component is the middle (median, the lower of two) of its members' levels for that
component in their latest review cycles, and its members' spread says how many sit at
each level. The system pages, and past the scale threshold the overview and the component
pages, all measure a system here, so a system has one level wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median_low

from impactctl.model import Framework, Level, OrganisationRecord
from impactctl.site.context import Context

SYSTEM_WORDS = (
    "The system's level for a component is the middle (median) of its members' levels for "
    "that component."
)


def systems(ctx: Context) -> list[tuple[str, list[OrganisationRecord]]]:
    """Each system (by name) and its published members, the ICB first."""
    groups: dict[str, list[OrganisationRecord]] = {}
    for record in ctx.records:
        system = ctx.system_of(record)
        if system is not None:
            groups.setdefault(system, []).append(record)
    return sorted(
        ((s, sorted(m, key=lambda r: (r.id != s, r.name.casefold()))) for s, m in groups.items()),
        key=lambda kv: ctx.system_name(kv[0]).casefold(),
    )


def unaffiliated(ctx: Context) -> list[OrganisationRecord]:
    """The published organisations that belong to no system, by name."""
    return [r for r in ctx.records if ctx.system_of(r) is None]


@dataclass(frozen=True)
class SystemLevel:
    """A system's level for one component, from its members' latest review cycles."""

    level: Level | None  # None: no member has assessed the component
    counts: tuple[tuple[Level, int], ...]  # members at each level, lowest first, none at 0
    drafts: int  # members counted whose latest cycle is a draft, not yet agreed

    @property
    def spread(self) -> str:
        """'2 Emerging, 3 Developing': how the members spread over the levels."""
        return ", ".join(f"{n} {level.label}" for level, n in self.counts)


def system_level(
    ctx: Context, fw: Framework, members: Sequence[OrganisationRecord], component: str
) -> SystemLevel:
    """The system's level for ``component``: the middle of its members' latest levels."""
    ranks, drafts = [], 0
    for record in members:
        latest = ctx.latest(record)
        score = latest.components.get(component) if latest else None
        if latest is None or score is None or score.level is None:
            continue
        ranks.append(score.level.rank)
        drafts += latest.draft
    if not ranks:
        return SystemLevel(None, (), 0)
    counts = tuple((lv, ranks.count(lv.rank)) for lv in fw.levels if ranks.count(lv.rank))
    return SystemLevel(fw.levels[median_low(ranks) - 1], counts, drafts)
