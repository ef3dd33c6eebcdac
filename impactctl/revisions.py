"""The two sides of a comparison: the repository at a git commit (read straight from git's
blobs, no checkout) or the work tree, loaded through the same loader.

A side can load only some of its files: ``diff --base`` needs just what changed plus the
context to judge it, not a national repository twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from impactctl.gitio import GitRepo
from impactctl.loader import (
    ACTION_PLAN_FILE,
    ORGANISATION_FILE,
    LoadResult,
    Shared,
    kind_of,
    load_sources,
    read_file,
    repository_files,
)


@dataclass(frozen=True)
class Side:
    root: Path
    files: tuple[str, ...]  # our files on this side, repository-relative
    read: Callable[[str], bytes]
    snapshot: frozenset[str] | None  # every file of a git tree; None: the work tree
    blob_ids: Mapping[str, str]  # git object ids of files whose content git knows

    def load(self, only: Iterable[str] | None = None, shared: Shared | None = None) -> LoadResult:
        rels = sorted(set(only)) if only is not None else list(self.files)
        return load_sources(
            self.root,
            rels,
            self.read,
            snapshot=self.snapshot,
            shared=shared,
            blob_ids=self.blob_ids,
        )


def prefix_of(git: GitRepo, root: Path) -> str:
    """The assessment repository's folder inside the git work tree ("" at the top)."""
    prefix = root.resolve().relative_to(git.root.resolve()).as_posix()
    return "" if prefix == "." else prefix + "/"


def at_commit(git: GitRepo, root: Path, commit: str) -> Side:
    """The repository at ``commit`` (a verified sha)."""
    prefix = prefix_of(git, root)
    everything = git.tree(commit, *([prefix] if prefix else []))
    ours = {path[len(prefix) :]: sha for path, sha in everything.items() if path.startswith(prefix)}
    files = tuple(sorted(rel for rel in ours if kind_of(rel) is not None))
    return Side(root, files, lambda rel: git.blob(ours[rel]), frozenset(ours), ours)


def work_tree(root: Path, same_as: Mapping[str, str] | None = None) -> Side:
    """The files on disk; ``same_as`` names the git blobs of files git reports unchanged."""
    files = tuple(rel for rel in repository_files(root) if kind_of(rel) is not None)
    return Side(root, files, lambda rel: read_file(root, rel), None, same_as or {})


def context_for(side: Side, changed: set[str]) -> set[str] | None:
    """The files of ``side`` needed to judge ``changed``: each changed organisation's own
    files, the cycle before each changed cycle, its latest cycle, and every framework.
    None (everything) when a framework changed, since that can move every rank."""
    if any(rel.startswith("framework/") for rel in changed):
        return None
    orgs = {rel.split("/")[1] for rel in changed if rel.startswith("assessments/")}
    by_org: dict[str, list[str]] = {}
    wanted = {rel for rel in side.files if rel.startswith("framework/")}
    for rel in side.files:
        parts = rel.split("/")
        if parts[0] == "assessments" and parts[1] in orgs:
            by_org.setdefault(parts[1], []).append(rel)
    for org, rels in by_org.items():
        folder = f"assessments/{org}/"
        wanted |= {folder + ORGANISATION_FILE, folder + ACTION_PLAN_FILE} & set(rels)
        cycles = sorted(r for r in rels if kind_of(r) == "assessment")
        if cycles:
            wanted.add(cycles[-1])
        for i, rel in enumerate(cycles):
            if rel in changed:
                wanted.add(rel)
                if i > 0:
                    wanted.add(cycles[i - 1])
    return wanted
