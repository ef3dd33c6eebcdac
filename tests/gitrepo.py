"""Builders for real assessment repositories and git histories in tmp_path.

Authors and dates are fixed, so histories (and golden files made from them) are stable.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

AUTHOR = "Improvement Team"
AUTHOR_EMAIL = "improvement@example.nhs.uk"

FRAMEWORK = """\
id: mini
version: "1"
title: A small framework for tests
source: https://example.org/mini
licence: Test text.
levels:
  - {id: starting, label: Starting, description: Little is in place.}
  - {id: growing, label: Growing, description: Some of it is in place.}
  - {id: strong, label: Strong, description: Most of it is in place.}
components:
  - id: purpose
    title: Shared purpose
    summary: Why we improve.
    statements:
      - id: "1.1"
        text: Purpose is shared.
        guidance: Ask staff.
        descriptors: {starting: a, growing: b, strong: c}
      - id: "1.2"
        text: Purpose guides work.
        guidance: Look at plans.
        descriptors: {starting: a, growing: b, strong: c}
  - id: people
    title: People and culture
    summary: Who improves.
    statements:
      - id: "2.1"
        text: Staff can improve their work.
        guidance: Ask staff.
        descriptors: {starting: a, growing: b, strong: c}
"""

ORGANISATION = """\
id: test-trust
name: Test Trust
type: acute
"""

ACTION_PLAN = """\
organisation: test-trust
actions:
  - id: a-001
    title: Co-design the purpose with patient partners
    statements: ["1.1"]
    owner: Director of Strategy
    raised_in: 2024-25
    due: 2027-09-30
    status: in-progress
    measure: Patient partners say they shaped it.
    updates:
      - {date: 2025-06-01, note: Workshops booked.}
"""


def cycle_yaml(
    cycle: str,
    levels: dict[str, str],
    *,
    assessed_on: str = "2025-03-10",
    status: str = "agreed",
    rationale: str = "Discussed at the board development session.",
    evidence_date: str = "2025-02-01",
    extra: str = "",
) -> str:
    lines = [
        "framework: mini@1",
        "organisation: test-trust",
        f"cycle: {cycle}",
        f"assessed_on: {assessed_on}",
        f"status: {status}",
        "participants:",
        "  - {group: board, role: Chair}",
        "  - {group: staff, role: Ward manager, count: 4}",
        "  - {group: lived-experience, role: Patient partner}",
        "ratings:",
    ]
    for sid, level in levels.items():
        lines += [
            f'  "{sid}":',
            f"    level: {level}",
            f"    rationale: {rationale} ({sid} {level})",
            "    evidence:",
            f"      - {{title: Evidence for {sid} {level}, "
            f'url: "https://example.org/{sid}/{level}", date: {evidence_date}}}',
        ]
    return "\n".join(lines) + "\n" + extra


def git(repo: Path, *args: str, date: str = "2025-01-01T12:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": AUTHOR,
        "GIT_AUTHOR_EMAIL": AUTHOR_EMAIL,
        "GIT_COMMITTER_NAME": AUTHOR,
        "GIT_COMMITTER_EMAIL": AUTHOR_EMAIL,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def write(repo: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def commit(repo: Path, files: dict[str, str], message: str, date: str) -> str:
    write(repo, files)
    git(repo, "add", "-A", date=date)
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    return path


def base_files() -> dict[str, str]:
    """A small repository whose only cycle, 2024-25, is agreed."""
    return {
        "framework/mini/framework.yaml": FRAMEWORK,
        "assessments/test-trust/organisation.yaml": ORGANISATION,
        "assessments/test-trust/action-plan.yaml": ACTION_PLAN,
        "assessments/test-trust/2024-25.yaml": cycle_yaml(
            "2024-25",
            {"1.1": "starting", "1.2": "growing", "2.1": "starting"},
            assessed_on="2024-03-10",
            evidence_date="2024-02-01",
        ),
    }
