"""The site's view of the one component measure (``impactctl.scores``), per cycle.

* A **component's level** is the median level of its assessed statements (``scores``):
  always one of the framework's own levels, never an average no descriptor describes.
* An **organisation's overall level** is the same rule one step up: the median of its
  component levels (each component counts the same however many statements it has).
* Charts plot a level by its rank (1 = the lowest level); tables and headlines give its name.

docs/decisions.md says why the median, and how drafts are shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median_low

from impactctl.model import Assessment, Framework, Level, OrganisationRecord
from impactctl.scores import component_levels

NO_VALUE = "\u2013"  # an en dash: shown where there is no value
MEASURE_WORDS = (
    "A component's level is the middle (median) level of its statements in that review "
    "cycle; an organisation's overall level is the middle of its component levels."
)


@dataclass(frozen=True)
class Score:
    """A component's (or an organisation's) level in one cycle."""

    level: Level | None  # None: nothing assessed
    assessed: int  # statements with a level
    total: int  # statements in the framework component(s)
    spread: Mapping[str, int] = field(default_factory=dict)  # level id -> statements

    @property
    def value(self) -> float | None:
        """The level's rank, for charts (None: not assessed)."""
        return float(self.level.rank) if self.level is not None else None

    @property
    def text(self) -> str:
        return "not assessed" if self.level is None else self.level.label


def overall_score(framework: Framework, scores: Mapping[str, Score]) -> Score:
    ranks = [s.level.rank for s in scores.values() if s.level is not None]
    level = framework.levels[median_low(ranks) - 1] if ranks else None
    return Score(
        level,
        sum(s.assessed for s in scores.values()),
        sum(s.total for s in scores.values()),
    )


def level_for(framework: Framework, value: float | None) -> Level | None:
    """The level of a rank (as charts carry it)."""
    if value is None or not framework.levels:
        return None
    rank = min(max(int(value + 0.5), 1), len(framework.levels))
    return framework.levels[rank - 1]


@dataclass(frozen=True)
class CycleScores:
    """One cycle of one organisation, measured."""

    assessment: Assessment
    framework: Framework
    components: dict[str, Score]
    overall: Score

    @property
    def cycle(self) -> str:
        return self.assessment.cycle

    @property
    def draft(self) -> bool:
        return not self.assessment.agreed

    @property
    def cycle_label(self) -> str:
        """The cycle id, with "(draft)" when it is not agreed yet."""
        return self.cycle + (" (draft)" if self.draft else "")


def score_record(record: OrganisationRecord, frameworks: dict[str, Framework]) -> list[CycleScores]:
    """Every cycle of an organisation (oldest first) whose framework is known, measured."""
    out = []
    for assessment in record.cycles:
        framework = frameworks.get(assessment.framework)
        if framework is None:
            continue
        comps = {
            cid: Score(m.level, m.assessed, m.total, m.spread)
            for cid, m in component_levels(assessment, framework).items()
        }
        out.append(CycleScores(assessment, framework, comps, overall_score(framework, comps)))
    return out


def delta(old: float | None, new: float | None) -> float | None:
    return None if old is None or new is None else new - old


def signed(d: float | None) -> str:
    """A change of level in words: 'up 1 level', 'no change'."""
    if d is None:
        return NO_VALUE
    steps = round(d)
    if steps == 0:
        return "no change"
    return f"{'up' if steps > 0 else 'down'} {plural(abs(steps), 'level')}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def list_words(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def score_text(framework: Framework, value: float | None) -> str:
    level = level_for(framework, value)
    return "Not assessed" if value is None or level is None else level.label


def spread_text(framework: Framework, score: Score) -> str:
    """'3 of 5 statements Developing, 2 Established' : how settled the level is."""
    parts = [f"{n} {framework.label(level_id)}" for level_id, n in score.spread.items() if n]
    return ", ".join(parts)


def movement_cells(
    previous: CycleScores | None, latest: CycleScores | None, old: float | None, new: float | None
) -> list[str]:
    """A table row's "previous", "latest" and "change" cells for one measure."""
    return [
        f"{previous.cycle_label}: {score_text(previous.framework, old)}" if previous else NO_VALUE,
        f"{latest.cycle_label}: {score_text(latest.framework, new)}" if latest else NO_VALUE,
        signed(delta(old, new)),
    ]
