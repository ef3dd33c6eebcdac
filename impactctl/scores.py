"""Maturity arithmetic, once: the component measure that every output shows.

A **component's level** is the median level of its assessed statements: sort the
statements' agreed levels and take the middle one (the lower middle when the count is
even). ``not-assessed`` statements are left out. The result is always one of the
framework's own levels, so it reads as a descriptor ("Developing") and never as an average
that no descriptor describes ("2.6"). Beside it, ``spread`` says how many statements sit at
each level, so a reader sees how settled the component is. docs/decisions.md says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from statistics import median_low

from impactctl.model import Assessment, Component, Framework, Level


@dataclass(frozen=True)
class ComponentLevel:
    """One component of one cycle, measured."""

    component: Component
    level: Level | None  # None: no statement of the component is assessed
    assessed: int  # statements with a level
    total: int  # statements in the component
    spread: Mapping[str, int]  # level id -> statements at that level, lowest level first

    @property
    def rank(self) -> int | None:
        return self.level.rank if self.level is not None else None


def component_level(
    component: Component, assessment: Assessment, framework: Framework
) -> ComponentLevel:
    levels = assessment.levels  # level ids only: the cycle's ratings are not built
    ranks = [
        rank
        for statement in component.statements
        if (rank := framework.rank(levels.get(statement.id))) is not None
    ]
    spread = {level.id: ranks.count(level.rank) for level in framework.levels}
    level = framework.levels[median_low(ranks) - 1] if ranks else None
    return ComponentLevel(component, level, len(ranks), len(component.statements), spread)


def component_levels(assessment: Assessment, framework: Framework) -> dict[str, ComponentLevel]:
    """Every component of the framework, in the framework's order, by component id."""
    return {c.id: component_level(c, assessment, framework) for c in framework.components}


def rank_change(old: ComponentLevel | None, new: ComponentLevel | None) -> int | None:
    """How many levels a component moved (new minus old); None when either has no level."""
    if old is None or new is None or old.rank is None or new.rank is None:
        return None
    return new.rank - old.rank
