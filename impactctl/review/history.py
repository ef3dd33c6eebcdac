"""Every rating change over the git history, statement by statement.

One ``git log --raw`` names the blobs that changed in each commit that touched
``assessments/`` (merges included, with what they set themselves); each blob is read once
through git's ``cat-file --batch`` and parsed once (blob ids never change, so a blob seen
twice is never parsed twice). A new cycle is measured against the cycle before it in the
organisation's order (its ``cycles:`` list), through the framework's ``migrates_from`` map
when the framework changed between them: a renumbered statement keeps one history, and a
statement the map retires is reported as retired.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from impactctl.gitio import EMPTY_BLOB, Commit, FileChange, GitRepo
from impactctl.reading.build import levels_of
from impactctl.reading.cache import file_key, head_key, levels_key, open_cache
from impactctl.reading.files import is_text_name
from impactctl.reading.layout import cycle_id, kind_of, statement_key
from impactctl.reading.repository import cached_entry
from impactctl.reading.yaml import YamlProblem, read_document
from impactctl.review.following import Following, HistoryFilter, following_at_head


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
    new: str | None  # None: the rating was removed (or retired, see below)
    pr: int | None = None  # pull-request number when the commit message carries one
    subject: str = ""  # first line of the commit message
    since: str | None = None  # for a new cycle file: the earlier cycle `old` comes from
    framework: str | None = None  # the framework the cycle is rated on
    current: str | None = None  # the statement's id in the newest framework (None: retired)
    retired: bool = False  # the framework's migration map retired the statement here

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
            "subject": self.subject,
            "framework": self.framework,
            "current_statement": self.current,
            "retired": self.retired,
        }


Levels = dict[str, str]
T = TypeVar("T")


@dataclass(frozen=True)
class Version:
    """What history reads from one cycle blob."""

    levels: Levels
    framework: str | None


EMPTY = Version({}, None)


class _LevelReader:
    """Levels per statement of a cycle blob, each blob parsed at most once, ever: a blob id
    names its content for good, so what was read from it is cached by that id."""

    def __init__(self, git: GitRepo) -> None:
        self.git = git
        self.cache = open_cache()
        self.parsed: dict[str, Version | None] = {EMPTY_BLOB: EMPTY}

    def __call__(self, blob: str, path: str) -> Version | None:
        if blob not in self.parsed:
            k = levels_key(blob, path)
            hit = self.cache.get("levels", k)
            if isinstance(hit, dict) and "framework" in hit:
                levels = hit.get("levels")
                self.parsed[blob] = (
                    Version(levels, hit["framework"]) if levels is not None else None
                )
            else:
                raw = self.git.blob(blob)
                version = self._already_parsed(raw, path) or _version(raw, path)
                self.cache.put(
                    "levels",
                    k,
                    {
                        "levels": version.levels if version else None,
                        "framework": version.framework if version else None,
                    },
                )
                self.parsed[blob] = version
        return self.parsed[blob]

    def _already_parsed(self, raw: bytes, path: str) -> Version | None:
        """The levels from the parse cache, when these exact bytes were parsed as this file
        before (by `validate` or the site: usually each cycle's latest version)."""
        entry = cached_entry(file_key("assessment", path, raw), self.cache)
        data = entry.get("data") if entry is not None else None
        return _from_data(data)


def _from_data(data: Any) -> Version | None:
    if not isinstance(data, dict) or not isinstance(data.get("ratings"), dict):
        return None  # not cached, or not well-formed
    framework = data.get("framework")
    return Version(levels_of(data), framework if isinstance(framework, str) else None)


def _version(raw: bytes, path: str) -> Version | None:
    """None when the blob cannot be read: a broken commit does not erase the history."""
    try:
        return _from_data(read_document(raw, path).data)
    except YamlProblem:
        return None


class _Walk:
    """The state of one walk through the log: each cycle file's levels as last seen."""

    def __init__(self, git: GitRepo, prefix: str, follow: Following) -> None:
        self.read = _LevelReader(git)
        self.prefix = prefix
        self.follow = follow
        self.last: dict[str, dict[str, Version]] = {}  # org folder -> file name -> version
        self.merged_by = git.merged_pull_requests()

    def events(self, commit: Commit) -> Iterator[RatingEvent]:
        pr = commit.pr if commit.pr is not None else self.merged_by.get(commit.sha)
        for change in commit.changes:
            rel = change.path[len(self.prefix) :]
            if not change.path.startswith(self.prefix) or kind_of(rel) != "assessment":
                continue
            if not is_text_name(rel):
                continue  # a name that is not UTF-8: `validate` reports it (E100); never printed
            new = self.read(change.new_blob, rel)
            if new is None:
                continue  # unreadable: keep the last good state, report nothing
            for event in self._changes(change, rel, new):
                yield replace(
                    event,
                    commit=commit.sha,
                    date=commit.date,
                    author=commit.author,
                    pr=pr,
                    subject=commit.subject,
                )

    def _changes(self, change: FileChange, rel: str, new: Version) -> Iterator[RatingEvent]:
        folder, file_name = rel.rsplit("/", 1)
        seen = self.last.setdefault(folder, {})
        others = [b for b in change.other_blobs if b != EMPTY_BLOB]
        parents = [v for b in others if (v := self.read(b, rel)) is not None]
        since = None
        retired: Levels = {}
        if change.old_blob == EMPTY_BLOB and file_name not in seen and not parents:
            # A new cycle: what changed is measured against the cycle before it, so an
            # unchanged rating is not an event and a raise shows as previous -> new.
            since, old, retired = self._previous(rel, new)
        else:
            was = self.read(change.old_blob, rel)
            old = was.levels if was is not None else seen.get(file_name, EMPTY).levels
        seen[file_name] = new
        org, cycle = rel.split("/")[1], cycle_id(file_name)
        for sid, level in sorted(retired.items(), key=lambda item: statement_key(item[0])):
            yield self._event(org, cycle, sid, level, None, since, new, retired=True)
        for sid in sorted(set(old) | set(new.levels), key=statement_key):
            before, after = old.get(sid), new.levels.get(sid)
            if before == after or (after is None and since is not None):
                continue  # a new cycle without a statement does not remove its history
            if any(p.levels.get(sid) == after for p in parents):
                continue  # a merge that took one side's level: that side's commit has it
            yield self._event(org, cycle, sid, before, after, since, new)

    def _event(
        self,
        org: str,
        cycle: str,
        sid: str,
        old: str | None,
        new: str | None,
        since: str | None,
        version: Version,
        retired: bool = False,
    ) -> RatingEvent:
        current = self.follow.current(version.framework, sid)
        return RatingEvent(
            "", datetime.min, "", org, cycle, sid, old, new,
            since=since, framework=version.framework, current=current, retired=retired,
        )  # fmt: skip

    def _previous(self, rel: str, new: Version) -> tuple[str | None, Levels, Levels]:
        """The same organisation's cycle before this one (in its order) as history last
        saw it, keyed by this cycle's statement ids; and what the migration retired."""
        folder, name = rel.rsplit("/", 1)
        org = folder.split("/")[1]
        earlier = self.follow.before(org, cycle_id(name), [cycle_id(n) for n in self.last[folder]])
        if earlier is None:
            return None, {}, {}
        version = self.last[folder][f"{earlier}.yaml"]
        levels, retired = self.follow.migrate(version.levels, version.framework, new.framework)
        return earlier, levels, retired


def rating_history(
    root: Path, organisation: str | None = None, only: HistoryFilter | None = None
) -> list[RatingEvent]:
    """Every level change, oldest first, or those ``only`` selects. Raises ShallowClone
    rather than show a silently truncated history, GitProblem outside a git repository,
    and ImpactError for a filter that names nothing (an unknown statement, ref or date)."""
    with GitRepo(root) as git:
        git.require_full_history()
        prefix = git.prefix_of(root)
        scope = f"{prefix}assessments/" + (f"{organisation}/" if organisation else "")
        events = at_head(
            git,
            ("history", prefix, scope),
            lambda: events_in(git, git.log(scope), prefix),
            encode_events,
            decode_events,
        )
        if only is None:
            return events
        keep = only.resolve(git, root, prefix, events)
        return [e for e in events if keep(e)]


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


_FIELDS = 14  # RatingEvent's fields, as encode_events writes them


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
            e.framework,
            e.current,
            e.retired,
        ]
        for e in events
    ]


def decode_events(rows: Any) -> list[RatingEvent]:
    """Events from ``encode_events``; ValueError or TypeError for anything else."""
    events = []
    for commit, when, *rest in rows:
        if len(rest) != _FIELDS - 2:
            raise ValueError("not an event")
        events.append(RatingEvent(commit, datetime.fromisoformat(when), *rest))
    return events


def events_in(git: GitRepo, commits: Iterable[Commit], prefix: str) -> list[RatingEvent]:
    """The level changes in ``commits`` (oldest first), for a caller that reads the log
    for other things too (the site also wants each organisation's last change)."""
    walk = _Walk(git, prefix, following_at_head(git, prefix))
    return [event for commit in commits for event in walk.events(commit)]
