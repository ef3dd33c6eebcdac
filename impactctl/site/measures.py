"""Maturity figures for the site, computed one way everywhere.

* A **statement's level** is its agreed level; its rank is the level's position (1-based).
  ``not-assessed`` has no rank and is left out of every average.
* A **component's score** is the mean rank of its assessed statements (one decimal), so a
  component moves when any of its statements moves. Its **level** is the level nearest to
  the score (halves round up): 2.5 reads as the third level.
* An **organisation's overall score** is the mean of its component scores, so each
  component counts equally however many statements it has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from impactctl.model import Assessment, Component, Framework, Level, OrganisationRecord

NO_VALUE = "\u2013"  # an en dash: shown where there is no value


@dataclass(frozen=True)
class Score:
    """A component's (or an organisation's) score in one cycle."""

    value: float | None  # None: nothing assessed
    assessed: int  # statements with a level
    total: int  # statements in the framework component(s)

    @property
    def text(self) -> str:
        return "not assessed" if self.value is None else f"{self.value:.1f}"


def rounded(value: float) -> float:
    return round(value + 1e-9, 1)


def component_score(component: Component, assessment: Assessment, framework: Framework) -> Score:
    levels = assessment.levels  # level ids only: the cycle's ratings are not built
    ranks = [
        rank
        for statement in component.statements
        if (rank := framework.rank(levels.get(statement.id))) is not None
    ]
    value = rounded(fmean(ranks)) if ranks else None
    return Score(value, len(ranks), len(component.statements))


def component_scores(assessment: Assessment, framework: Framework) -> dict[str, Score]:
    return {c.id: component_score(c, assessment, framework) for c in framework.components}


def overall_score(scores: dict[str, Score]) -> Score:
    values = [s.value for s in scores.values() if s.value is not None]
    return Score(
        rounded(fmean(values)) if values else None,
        sum(s.assessed for s in scores.values()),
        sum(s.total for s in scores.values()),
    )


def level_for(framework: Framework, value: float | None) -> Level | None:
    """The level nearest to a score; halves round up (2.5 -> the third level)."""
    if value is None or not framework.levels:
        return None
    rank = min(max(int(value + 0.5 + 1e-9), 1), len(framework.levels))
    return framework.levels[rank - 1]


@dataclass(frozen=True)
class CycleScores:
    """One cycle of one organisation, scored."""

    assessment: Assessment
    framework: Framework
    components: dict[str, Score]
    overall: Score

    @property
    def cycle(self) -> str:
        return self.assessment.cycle


def score_record(record: OrganisationRecord, frameworks: dict[str, Framework]) -> list[CycleScores]:
    """Every cycle of an organisation (oldest first) whose framework is known, scored."""
    out = []
    for assessment in record.cycles:
        framework = frameworks.get(assessment.framework)
        if framework is None:
            continue
        comps = component_scores(assessment, framework)
        out.append(CycleScores(assessment, framework, comps, overall_score(comps)))
    return out


def delta(old: float | None, new: float | None) -> float | None:
    return None if old is None or new is None else rounded(new - old)


def signed(d: float | None) -> str:
    if d is None:
        return NO_VALUE
    return "±0.0" if d == 0 else f"{d:+.1f}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def list_words(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def score_text(framework: Framework, value: float | None) -> str:
    level = level_for(framework, value)
    return "Not assessed" if value is None or level is None else f"{value:.1f} {level.label}"
