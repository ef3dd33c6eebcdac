"""Everything that talks to git.

Speed: history is read with ONE ``git log --raw`` (which blobs changed in which commit)
and blob contents through GitPython's persistent ``git cat-file --batch`` process, never
with per-commit object walks. The other commands (rev-parse, diff, ls-tree, log) are run
directly: GitPython is imported only when a blob is read, so ``diff --base`` with a warm
cache does not pay 50 ms to import it. Safety: every user-supplied ref is checked with
``git rev-parse --verify --end-of-options REF^{commit}`` and refused if it looks like an
option, so no ref can become ``--output=...`` or a remote helper such as ``ext::``.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from impactctl.errors import GitProblem, ShallowClone

if TYPE_CHECKING:
    import git

EMPTY_BLOB = "0" * 40
_PR = re.compile(r"(?:Merge pull request #|\(#|See merge request !|PR #)(\d+)")
SHALLOW_HINT = (
    "fetch the full history: `git fetch --unshallow`, or in GitHub Actions set "
    "`fetch-depth: 0` on actions/checkout"
)


@dataclass(frozen=True)
class FileChange:
    path: str
    old_blob: str  # EMPTY_BLOB when the file was added
    new_blob: str  # EMPTY_BLOB when the file was deleted


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    date: datetime
    subject: str
    pr: int | None
    changes: tuple[FileChange, ...] = field(default=())


def pr_number(message: str) -> int | None:
    """The pull/merge-request number a commit message carries, if any."""
    match = _PR.search(message)
    return int(match.group(1)) if match else None


class _Failed(Exception):
    """A git command exited with an error."""


def _run(cwd: Path, *args: str) -> str:
    """A git command's output, less its final newline; _Failed if it fails."""
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError as exc:  # no git at all
        raise _Failed(str(exc)) from None
    if done.returncode != 0:
        raise _Failed(done.stderr.strip())
    return done.stdout.removesuffix("\n")


class GitRepo:
    def __init__(self, root: Path) -> None:
        try:
            top = _run(root, "rev-parse", "--show-toplevel")
        except _Failed:
            raise GitProblem(
                f"{root} is not a git repository", "run `git init` and commit, or run in a clone"
            ) from None
        self.root = Path(top)
        self._blobs: dict[str, bytes] = {}
        self._objects: git.Repo | None = None  # GitPython, for `cat-file --batch`

    def _git(self, *args: str) -> str:
        return _run(self.root, *args)

    def close(self) -> None:
        if self._objects is not None:
            self._objects.close()

    def __enter__(self) -> GitRepo:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def prefix_of(self, root: Path) -> str:
        """The assessment repository's folder inside this work tree, as a path prefix ("" at
        the top), so that git's paths and the repository's paths can be told apart."""
        prefix = root.resolve().relative_to(self.root.resolve()).as_posix()
        return "" if prefix == "." else prefix + "/"

    def is_shallow(self) -> bool:
        return self._git("rev-parse", "--is-shallow-repository").strip() == "true"

    def require_full_history(self) -> None:
        if self.is_shallow():
            raise ShallowClone("this is a shallow clone: the history is incomplete", SHALLOW_HINT)

    def has_commits(self) -> bool:
        return self.head() is not None

    def head(self) -> str | None:
        """The commit HEAD names, or None before the first commit."""
        try:
            return self._git("rev-parse", "--verify", "--quiet", "HEAD^{commit}").strip()
        except _Failed:
            return None

    def verify(self, ref: str) -> str:
        """The commit sha a user-supplied ref names; GitProblem if it names none."""
        if not ref or ref.startswith("-") or "::" in ref or any(c in ref for c in "\0\n\r"):
            raise GitProblem(f"{ref!r} is not a valid git ref")
        try:
            out = self._git(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
            )
        except _Failed:
            if self.is_shallow():
                raise ShallowClone(
                    f"unknown git ref {ref!r}: this is a shallow clone, so "
                    "older commits are missing",
                    SHALLOW_HINT,
                ) from None
            raise GitProblem(
                f"unknown git ref {ref!r}", "check the branch or commit name"
            ) from None
        return out.strip()

    def tree(self, commit: str, *prefixes: str) -> dict[str, str]:
        """path -> blob sha of every file under ``prefixes`` at ``commit`` (a verified sha)."""
        out = self._git("ls-tree", "-r", "--full-tree", commit, "--", *prefixes)
        files: dict[str, str] = {}
        for line in out.splitlines():
            meta, _, path = line.partition("\t")
            _mode, kind, sha = meta.split()
            if kind == "blob":
                files[path] = sha
        return files

    def blob(self, sha: str) -> bytes:
        """A blob's bytes; each blob is read once (its id never changes)."""
        cached = self._blobs.get(sha)
        if cached is None:
            if self._objects is None:
                import git  # GitPython's persistent `git cat-file --batch`, started on first use

                self._objects = git.Repo(self.root)
            cached = self._objects.odb.stream(bytes.fromhex(sha)).read()
            self._blobs[sha] = cached
        return cached

    def log(self, *paths: str) -> Iterator[Commit]:
        """Commits that touched ``paths``, oldest first, with the blobs each changed."""
        if not self.has_commits():
            return
        sep = "\x1e"
        raw = self._git(
            "log",
            "--reverse",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "--no-merges",
            f"--format={sep}%H%x00%an%x00%aI%x00%s%x00%b",
            "--",
            *paths,
        )
        for record in raw.split(sep)[1:]:
            header, _, body = record.partition("\n:")
            sha, author, date, subject, message = (header.split("\x00") + [""] * 5)[:5]
            changes = []
            for line in (":" + body).splitlines() if body else []:
                if not line.startswith(":"):
                    continue
                meta, _, path = line.partition("\t")
                parts = meta.split()
                changes.append(FileChange(path, parts[2], parts[3]))
            yield Commit(
                sha.strip(),
                author,
                datetime.fromisoformat(date),
                subject,
                pr_number(subject + "\n" + message),
                tuple(changes),
            )

    def changed_paths(self, base: str, head: str | None, *paths: str) -> set[str]:
        """Files under ``paths`` that differ between two verified commits, or between
        ``base`` and the work tree (``head`` None, including files git does not track)."""
        args = ["--name-only", "--no-renames", "-z", base, *([head] if head else []), "--"]
        out = self._git("diff", *args, *paths)
        changed = {p for p in out.split("\0") if p}
        if head is None:
            extra = self._git("ls-files", "--others", "--exclude-standard", "-z", "--", *paths)
            changed |= {p for p in extra.split("\0") if p}
        return changed

    def merged_pull_requests(self) -> dict[str, int]:
        """commit sha -> the pull request that merged it, for history made with merge
        commits ("Merge pull request #12"): the branch commits carry no number themselves.

        One ``git log`` of the topology; each branch commit belongs to the first merge that
        brought it onto the first-parent line of HEAD.
        """
        if not self.has_commits():
            return {}
        raw = self._git("log", "--reverse", "--format=%H %P%x00%s%x00%b%x1e", "HEAD")
        parents: dict[str, list[str]] = {}
        merges: list[tuple[str, int]] = []
        for record in raw.split("\x1e"):
            if not record.strip():
                continue
            shas, subject, body = [*record.strip().split("\x00"), "", ""][:3]
            sha, *its_parents = shas.split()
            parents[sha] = its_parents
            number = pr_number(subject + "\n" + body)
            if len(its_parents) > 1 and number is not None:
                merges.append((sha, number))
        mainline: set[str] = set()
        head: str | None = self._git("rev-parse", "HEAD").strip()
        while head:
            mainline.add(head)
            head = next(iter(parents.get(head, [])), None)
        owner: dict[str, int] = {}
        for merge, number in merges:
            stack = list(parents[merge][1:])
            while stack:
                sha = stack.pop()
                if sha in mainline or sha in owner or sha not in parents:
                    continue
                owner[sha] = number
                stack.extend(parents[sha])
        return owner


def holds_tracked_files(folder: Path) -> bool:
    """Whether git tracks any file under ``folder`` (False outside a git work tree)."""
    try:
        return bool(_run(folder, "ls-files", "-z", "--", "."))
    except _Failed:
        return False
