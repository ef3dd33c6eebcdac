"""Reading what the pages are made from: the repository (parsed once), its change log from
git, and when each organisation's data last changed.

This is the only part of the site that does I/O. It never logs or prints: problems come
back as ``Note``s, and each door (the MkDocs plugin, ``impactctl site build --stage``)
reports them its own way.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from impactctl.checks.rules import all_rules
from impactctl.clock import today as clock_today
from impactctl.errors import GitProblem, ShallowClone
from impactctl.gitio import Commit, GitRepo
from impactctl.reading.files import repository_files
from impactctl.reading.repository import Shared, load_repository
from impactctl.review.history import (
    RatingEvent,
    at_head,
    decode_events,
    encode_events,
    events_in,
)
from impactctl.site.context import ChangeLog, SiteData


@dataclass(frozen=True)
class Note:
    level: int  # a logging level
    message: str


@dataclass(frozen=True)
class Gathered:
    data: SiteData
    notes: list[Note] = field(default_factory=list)


def from_git(
    root: Path, *, history: bool = True
) -> tuple[ChangeLog, list[Note], dict[str, datetime]]:
    """The change log and when each organisation's data last changed, from ONE ``git log``
    of ``assessments/`` and ``framework/`` (cached under HEAD's commit id).

    Not a git repository: the change log is unavailable with an INFO note (a new
    repository, or a folder copied from a zip) and file times stand in for commit dates.
    A shallow clone: a WARNING, because CI was set up to fetch one commit only and the
    published change log would silently be empty.
    """
    changes = ChangeLog(unavailable="turned off in the site settings (history: false)")
    notes: list[Note] = []
    dates: dict[str, datetime] = {}
    try:
        with GitRepo(root) as git:
            prefix = git.prefix_of(root)
            if history:
                try:
                    git.require_full_history()
                except ShallowClone as exc:
                    reason = f"{exc.message} ({exc.hint})" if exc.hint else exc.message
                    changes = ChangeLog(unavailable=exc.message)
                    notes = [Note(logging.WARNING, f"change log unavailable: {reason}")]
                    history = False
            events, dates = at_head(
                git,
                ("site", prefix, str(history)),
                lambda: _read_log(git, prefix, history),
                _encode_facts,
                _decode_facts,
            )
            if history:
                changes = ChangeLog(events=tuple(events))
    except GitProblem as exc:
        if history:
            changes = ChangeLog(unavailable=exc.message)
            notes = [Note(logging.INFO, f"change log unavailable: {exc.message}")]
    return changes, notes, dates or _file_dates(root)


Facts = tuple[list[RatingEvent], dict[str, datetime]]


def _read_log(git: GitRepo, prefix: str, history: bool) -> Facts:
    commits = list(git.log(f"{prefix}assessments/", f"{prefix}framework/"))
    return (events_in(git, commits, prefix) if history else []), _commit_dates(commits, prefix)


def _encode_facts(facts: Facts) -> dict[str, Any]:
    events, dates = facts
    return {
        "events": encode_events(events),
        "dates": {k: when.isoformat() for k, when in dates.items()},
    }


def _decode_facts(data: dict[str, Any]) -> Facts:
    return (
        decode_events(data["events"]),
        {k: datetime.fromisoformat(when) for k, when in data["dates"].items()},
    )


def _key(rel: str) -> str | None:
    parts = rel.split("/")
    if len(parts) >= 2 and parts[0] == "assessments":
        return f"assessments/{parts[1]}"
    if parts[0] == "framework":
        return "framework"
    return None


def _commit_dates(commits: list[Commit], prefix: str) -> dict[str, datetime]:
    """When each organisation's files, the framework, and anything last changed."""
    out: dict[str, datetime] = {}
    for commit in commits:
        for change in commit.changes:
            if not change.path.startswith(prefix):
                continue
            key = _key(change.path[len(prefix) :])
            if key is not None:
                out[key] = commit.date
                if "" not in out or commit.date > out[""]:
                    out[""] = commit.date
    return out


def _file_dates(root: Path) -> dict[str, datetime]:
    """File times stand in for commit dates when there is no git history."""
    out: dict[str, datetime] = {}
    for rel in repository_files(root):
        key = _key(rel)
        if key is None:
            continue
        try:
            when = datetime.fromtimestamp((root / rel).stat().st_mtime, tz=UTC)
        except OSError:
            continue  # a link that loops or leads nowhere: reported (E100) by the reader
        for k in (key, ""):
            if k not in out or when > out[k]:
                out[k] = when
    return out


def gather(
    root: Path, *, history: bool = True, today: date | None = None, shared: Shared | None = None
) -> Gathered:
    """Read everything the pages need, once.

    The change log and the dates are read from git in a second thread while the work tree
    is parsed: git does much of that work in its own processes, so on a large repository
    the two together take little longer than the parse alone.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(from_git, root, history=history)
        loaded = load_repository(root, shared=shared)
        changes, notes, dates = pending.result()
    notes = [
        Note(
            logging.WARNING,
            f"{finding.location}: {code} {finding.message} (left out of "
            "the site; run `impactctl validate`)",
        )
        for code, finding in loaded.findings
    ] + notes
    data = SiteData(loaded.repository, changes, dates, today or clock_today(), all_rules())
    return Gathered(data, notes)


def links_outside(folder: Path, roots: Sequence[Path]) -> list[str]:
    """Hand-written site files (or folders) that are symbolic links resolving outside every
    one of ``roots``, as paths relative to ``folder``.

    A pull request could otherwise publish the build machine's own files (``/etc/passwd``,
    ``/proc/self/environ``) through a link under ``site/``, as assessment files cannot
    (``reading.files.read_file``). Links inside the repository are followed, once each.
    """
    bounds = [r.resolve() for r in roots]
    found: list[str] = []
    seen: set[Path] = set()

    def walk(path: Path, rel: str) -> None:
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            name = f"{rel}{entry.name}"
            if entry.is_symlink():
                real = Path(os.path.realpath(entry.path))
                if not any(real.is_relative_to(b) for b in bounds) or not real.exists():
                    found.append(name)
                    continue
                if real.is_dir() and real not in seen:
                    seen.add(real)
                    walk(real, f"{name}/")
            elif entry.is_dir(follow_symlinks=False):
                walk(Path(entry.path), f"{name}/")

    if folder.is_dir():
        seen.add(folder.resolve())
        walk(folder, "")
    return found


def gather_for_one_build(root: Path, *, history: bool = True) -> Gathered:
    """``gather`` for a process that builds once and exits (not ``serve``).

    The repository lives until the build ends, so the garbage collector need not walk it
    while it is read, nor after: it is frozen (the collector's first walk cost 1.4 s on
    5,000 cycles). A long-lived ``serve`` must keep collecting what each rebuild leaves.
    """
    gc.disable()
    try:
        return gather(root, history=history)
    finally:
        gc.freeze()
        gc.enable()
