"""Every rating change over the git history.

One ``git log --raw`` names the blobs that changed in each commit that touched
``assessments/``; each blob is read once through git's ``cat-file --batch`` and parsed once
(blob ids never change, so a blob seen twice is never parsed twice).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from impactctl.gitio import EMPTY_BLOB, Commit, GitRepo
from impactctl.reading.build import levels_of
from impactctl.reading.cache import file_key, head_key, levels_key, open_cache
from impactctl.reading.files import is_text_name
from impactctl.reading.layout import cycle_id, kind_of, statement_key
from impactctl.reading.repository import cached_entry
from impactctl.reading.yaml import YamlProblem, read_document


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
    since: str | None = None  # for a new cycle file: the earlier cycle `old` comes from

    def as_json(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "date": self.date.isoformat(),
            "author": self.author,
            "organisation": self.organisation,
            "cycle": self.cycle,
            "statement": self.statement,
            "old": self.old,
            "new": self.new,
            "pr": self.pr,
            "since": self.since,
        }


Levels = dict[str, str]
T = TypeVar("T")


class _LevelReader:
    """Levels per statement of a cycle blob, each blob parsed at most once, ever: a blob id
    names its content for good, so what was read from it is cached by that id."""

    def __init__(self, git: GitRepo) -> None:
        self.git = git
        self.cache = open_cache()
        self.parsed: dict[str, Levels | None] = {EMPTY_BLOB: {}}

    def __call__(self, blob: str, path: str) -> Levels | None:
        if blob not in self.parsed:
            k = levels_key(blob, path)
            hit = self.cache.get("levels", k)
            if isinstance(hit, dict) and isinstance(hit.get("levels", {}), dict | None):
                self.parsed[blob] = hit.get("levels")
            else:
                raw = self.git.blob(blob)
                levels = self._already_parsed(raw, path)
                if levels is None:
                    levels = _levels(raw, path)
                self.cache.put("levels", k, {"levels": levels})
                self.parsed[blob] = levels
        return self.parsed[blob]

    def _already_parsed(self, raw: bytes, path: str) -> Levels | None:
        """The levels from the parse cache, when these exact bytes were parsed as this file
        before (by `validate` or the site: usually each cycle's latest version)."""
        entry = cached_entry(file_key("assessment", path, raw), self.cache)
        data = entry.get("data") if entry is not None else None
        if not isinstance(data, dict) or not isinstance(data.get("ratings"), dict):
            return None  # not cached, or not well-formed: read it here
        return levels_of(data)


def _levels(raw: bytes, path: str) -> Levels | None:
    """None when the blob cannot be read: a broken commit does not erase the history."""
    try:
        data = read_document(raw, path).data
    except YamlProblem:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("ratings"), dict):
        return None
    return levels_of(data)


def _previous_cycle(last: dict[str, dict[str, Levels]], rel: str) -> tuple[str | None, Levels]:
    """The same organisation's latest earlier cycle as history last saw it."""
    folder, name = rel.rsplit("/", 1)
    earlier = [n for n in last.get(folder, {}) if n < name]
    if not earlier:
        return None, {}
    previous = max(earlier)
    return cycle_id(previous), last[folder][previous]


def _events(
    commit: Commit,
    prefix: str,
    read: _LevelReader,
    last: dict[str, dict[str, Levels]],
    merged_in: int | None,
) -> Iterator[RatingEvent]:
    """Level changes in one commit. ``last`` holds, per organisation folder, each cycle
    file's levels as history last saw them."""
    pr = commit.pr if commit.pr is not None else merged_in
    for change in commit.changes:
        rel = change.path[len(prefix) :]
        if not change.path.startswith(prefix) or kind_of(rel) != "assessment":
            continue
        if not is_text_name(rel):
            continue  # a name that is not UTF-8: `validate` reports it (E100); never printed
        _, org, name = rel.split("/")
        new = read(change.new_blob, rel)
        if new is None:
            continue  # unreadable: keep the last good state, report nothing
        since = None
        folder, file_name = rel.rsplit("/", 1)
        seen = last.setdefault(folder, {})
        if change.old_blob == EMPTY_BLOB and file_name not in seen:
            # A new cycle: what changed is measured against the cycle before it, so an
            # unchanged rating is not an event and a raise shows as previous -> new.
            since, old = _previous_cycle(last, rel)
        else:
            was = read(change.old_blob, rel)
            old = was if was is not None else seen.get(file_name, {})
        seen[file_name] = new
        cycle = cycle_id(name)
        for sid in sorted(set(old) | set(new), key=statement_key):
            before, after = old.get(sid), new.get(sid)
            if before == after or (after is None and since is not None):
                continue  # a new cycle without a statement does not remove its history
            yield RatingEvent(
                commit.sha,
                commit.date,
                commit.author,
                org,
                cycle,
                sid,
                before,
                after,
                pr,
                commit.subject,
                since,
            )


def rating_history(root: Path, organisation: str | None = None) -> list[RatingEvent]:
    """Every level change, oldest first. Raises ShallowClone rather than show a silently
    truncated history, and GitProblem outside a git repository."""
    with GitRepo(root) as git:
        git.require_full_history()
        prefix = git.prefix_of(root)
        scope = f"{prefix}assessments/" + (f"{organisation}/" if organisation else "")
        return at_head(
            git,
            ("history", prefix, scope),
            lambda: events_in(git, git.log(scope), prefix),
            encode_events,
            decode_events,
        )


def at_head(
    git: GitRepo,
    parts: tuple[str, ...],
    compute: Callable[[], T],
    encode: Callable[[T], Any],
    decode: Callable[[Any], T],
) -> T:
    """What ``compute`` makes from the history HEAD reaches, cached under HEAD's commit id
    (as plain data): commits never change, so neither does anything computed from them
    alone. A second `history`, or a site rebuild with no new commit, reads one entry
    instead of the whole log."""
    head = git.head()
    if head is None:
        return compute()
    cache = open_cache()
    k = head_key(head, *parts)
    hit = cache.get("history", k)
    if hit is not None:
        try:
            return decode(hit)
        except (ValueError, TypeError, KeyError):
            pass  # written by another version: compute afresh
    value = compute()
    cache.put("history", k, encode(value))
    return value


def encode_events(events: Iterable[RatingEvent]) -> list[list[Any]]:
    return [
        [
            e.commit,
            e.date.isoformat(),
            e.author,
            e.organisation,
            e.cycle,
            e.statement,
            e.old,
            e.new,
            e.pr,
            e.subject,
            e.since,
        ]
        for e in events
    ]


def decode_events(rows: Any) -> list[RatingEvent]:
    """Events from ``encode_events``; ValueError or TypeError for anything else."""
    events = []
    for commit, when, *rest in rows:
        if len(rest) != 9:
            raise ValueError("not an event")
        events.append(RatingEvent(commit, datetime.fromisoformat(when), *rest))
    return events


def events_in(git: GitRepo, commits: Iterable[Commit], prefix: str) -> list[RatingEvent]:
    """The level changes in ``commits`` (oldest first), for a caller that reads the log
    for other things too (the site also wants each organisation's last change)."""
    read = _LevelReader(git)
    merged_by = git.merged_pull_requests()
    last: dict[str, dict[str, Levels]] = {}
    return [
        event
        for commit in commits
        for event in _events(commit, prefix, read, last, merged_by.get(commit.sha))
    ]
