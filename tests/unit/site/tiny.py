"""A tiny, fixed repository for the page and chart tests (no git: the change log and the
dates are given, so the output is the same on every machine)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from impactctl.checks.rules import all_rules
from impactctl.reading.repository import load_repository
from impactctl.review.history import RatingEvent
from impactctl.site.context import ChangeLog, SiteData
from tests.gitrepo import ACTION_PLAN, FRAMEWORK, write

ORGANISATION = """\
id: test-trust
name: Test Trust
type: acute
system: test-icb
cycles: [2024-25, 2025-26]
"""

ICB = """\
id: test-icb
name: Test Integrated Care Board
type: icb
"""

CYCLE_1 = """\
framework: mini@1
organisation: test-trust
cycle: 2024-25
assessed_on: 2025-03-10
status: agreed
participants:
  - {group: board, role: Chair}
  - {group: staff, role: Ward manager, count: 4}
  - {group: lived-experience, role: Patient partner}
ratings:
  "1.1": {level: starting, rationale: Only the executive wrote it.}
  "1.2": {level: growing, rationale: Team plans mention it.}
  "2.1": {level: starting, rationale: Few staff have tried a change.}
"""

CYCLE_2 = """\
framework: mini@1
organisation: test-trust
cycle: 2025-26
assessed_on: 2026-03-12
status: agreed
participants:
  - {group: board, role: Chair}
  - {group: staff, role: Ward manager, count: 4}
  - {group: lived-experience, role: Patient partner, count: 2}
ratings:
  "1.1":
    level: growing
    target: strong
    confidence: medium
    rationale: >-
      Staff and **patient partners** rewrote the purpose together; see the
      [engagement report](docs/engagement.md).
    evidence:
      - {title: Engagement report, path: docs/engagement.md, date: 2025-11-06}
      - {title: Board paper, url: "https://example.org/board/2026-01", date: 2026-01-29}
    dissent: The lead governor felt it was too early to say.
    perspectives:
      - {group: staff, level: starting, note: Support services were not asked.}
      - {group: board, level: growing}
  "1.2": {level: growing, confidence: high, rationale: Every team plan now starts with it.}
  "2.1": {level: not-assessed, rationale: The staff survey results are not out yet.}
"""

ICB_CYCLE = """\
framework: mini@1
organisation: test-icb
cycle: 2025-26
assessed_on: 2026-02-01
status: draft
participants:
  - {group: board, role: Chair}
ratings:
  "1.1": {level: strong, rationale: Shared across the system.}
  "1.2": {level: growing, rationale: Most partners use it.}
  "2.1": {level: growing, rationale: A faculty is running.}
"""

PLAN = (
    ACTION_PLAN.replace("due: 2027-09-30", "due: 2026-09-30")
    + """\
  - id: a-002
    title: Publish the survey results to every team
    statements: ["2.1"]
    owner: Chief People Officer
    raised_in: 2025-26
    due: 2027-06-30
    status: planned
"""
)

FILES = {
    "framework/mini/framework.yaml": FRAMEWORK,
    "assessments/test-trust/organisation.yaml": ORGANISATION,
    "assessments/test-trust/2024-25.yaml": CYCLE_1,
    "assessments/test-trust/2025-26.yaml": CYCLE_2,
    "assessments/test-trust/action-plan.yaml": PLAN,
    "assessments/test-icb/organisation.yaml": ICB,
    "assessments/test-icb/2025-26.yaml": ICB_CYCLE,
    "docs/engagement.md": "# Engagement\n",
}

WHEN = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


def events() -> tuple[RatingEvent, ...]:
    def ev(
        sha: str, day: str, cycle: str, sid: str, old: str | None, new: str | None, pr: int | None
    ) -> RatingEvent:
        return RatingEvent(
            sha * 40,
            datetime.fromisoformat(day),
            "Someone",
            "test-trust",
            cycle,
            sid,
            old,
            new,
            pr,
            "subject",
        )

    return (
        ev("a", "2025-03-10T12:00:00+00:00", "2024-25", "1.1", None, "starting", None),
        ev("b", "2026-03-12T12:00:00+00:00", "2025-26", "1.1", "starting", "growing", 12),
    )


def tiny_data(tmp: Path, *, changes: ChangeLog | None = None) -> SiteData:
    write(tmp, FILES)
    loaded = load_repository(tmp)
    assert loaded.findings == [], loaded.findings
    return SiteData(
        loaded.repository,
        changes if changes is not None else ChangeLog(events=events()),
        {
            "": WHEN,
            "framework": datetime(2025, 1, 5, tzinfo=UTC),
            "assessments/test-trust": WHEN,
            "assessments/test-icb": WHEN,
        },
        date(2026, 11, 24),
        all_rules()[:2],
    )
