"""Every rating change over the git history (implementation in progress)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RatingEvent:
    """One statement's level changing in one commit."""

    commit: str  # full sha
    date: datetime  # the commit's author date, timezone-aware
    author: str  # as git records it
    organisation: str
    cycle: str
    statement: str
    old: str | None  # None: the rating first appeared in this commit
    new: str | None  # None: the rating was removed
    pr: int | None = None  # pull-request number when the commit message carries one
    subject: str = ""  # first line of the commit message
