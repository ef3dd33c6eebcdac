"""Loading the repository as it was at a git commit, straight from git's blobs (no
checkout), through the same loader as the work tree."""

from __future__ import annotations

from pathlib import Path

from impactctl.gitio import GitRepo
from impactctl.loader import LoadResult, kind_of, load_repository, load_sources


def load_at(git: GitRepo, root: Path, commit: str) -> LoadResult:
    """The repository at ``commit`` (a verified sha). ``root`` is the assessment repository
    inside the git work tree (they may differ when the repository is a sub-folder)."""
    prefix = root.resolve().relative_to(git.root.resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    everything = git.tree(commit, *([prefix] if prefix else []))
    ours = {path[len(prefix) :]: sha for path, sha in everything.items() if path.startswith(prefix)}
    rels = sorted(rel for rel in ours if kind_of(rel) is not None)
    return load_sources(root, rels, lambda rel: git.blob(ours[rel]), snapshot=frozenset(ours))


def load_revision(root: Path, git: GitRepo, ref: str | None) -> LoadResult:
    """``ref`` verified and loaded from git, or the work tree when ``ref`` is None."""
    if ref is None:
        return load_repository(root)
    return load_at(git, root, git.verify(ref))
