"""Which file is what: the repository layout of SPEC section 2, cycle ids and their order,
and the order of statement ids. Every other module asks here rather than splitting paths."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from impactctl.errors import RepositoryNotFound

if TYPE_CHECKING:  # the model asks this module for cycle ids: no import at run time
    from impactctl.model import Organisation

ORGANISATION_FILE = "organisation.yaml"
ACTION_PLAN_FILE = "action-plan.yaml"
NOT_CYCLES = (ORGANISATION_FILE, ACTION_PLAN_FILE)


def find_root(start: Path) -> Path:
    """The nearest enclosing directory that has ``assessments/`` (or ``framework/``)."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / "assessments").is_dir():
            return candidate
    raise RepositoryNotFound(
        f"no assessment repository found at or above {start}",
        "run inside a repository made by `impactctl init`, or pass --repo DIR",
    )


def kind_of(rel: str) -> str | None:
    """Which file kind a repository-relative path is, by the layout; None if it is not ours."""
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == "framework" and parts[2] == "framework.yaml":
        return "framework"
    if len(parts) == 3 and parts[0] == "assessments" and parts[2].endswith(".yaml"):
        if parts[2] == ORGANISATION_FILE:
            return "organisation"
        if parts[2] == ACTION_PLAN_FILE:
            return "action-plan"
        return "assessment"
    return None


def cycle_id(rel: str) -> str:
    """The cycle id a cycle file's path names: ``assessments/org/2025-26.yaml`` -> 2025-26."""
    return rel.rsplit("/", 1)[-1].removesuffix(".yaml")


def cycle_order(organisation: Organisation | None, file_cycles: Sequence[str]) -> list[str]:
    """Cycle ids oldest first: the organisation's explicit list, else string order (SPEC 2)."""
    if organisation is not None and organisation.cycles:
        listed = list(organisation.cycles)
        return listed + sorted(c for c in file_cycles if c not in listed)
    return sorted(file_cycles)


def statement_key(sid: str) -> tuple[int, ...]:
    """Statement ids in reading order: 1.2 before 1.10; anything not a dotted number last."""
    try:
        return tuple(int(p) for p in sid.split("."))
    except ValueError:
        return (10**9,)
