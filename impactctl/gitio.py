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
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from impactctl.errors import GitProblem, ShallowClone

if TYPE_CHECKING:
    import git

EMPTY_BLOB = "0" * 40
# Pull/merge-request numbers as each host writes them in the commits it makes: GitHub's
# merge ("Merge pull request #12 from ...") and squash ("Title (#12)"), GitLab's merge
# ("See merge request group/project!42"), Azure DevOps' ("Merged PR 57: Title").
_PR = re.compile(
    r"Merge pull request #(\d+)|\(#(\d+)\)|See merge request [\w./-]*!(\d+)"
    r"|Merged PR (\d+)|\bPR #(\d+)"
)
SHALLOW_HINT = (
    "fetch the full history: `git fetch --unshallow`, or in GitHub Actions set "
    "`fetch-depth: 0` on actions/checkout"
)


@dataclass(frozen=True)
class FileChange:
    path: str
    old_blob: str  # EMPTY_BLOB when the file was added (in a merge: the first parent's)
    new_blob: str  # EMPTY_BLOB when the file was deleted
    other_blobs: tuple[str, ...] = ()  # a merge's other parents' versions


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
    if match is None:
        return None
    return int(next(g for g in match.groups() if g is not None))


def _file_change(meta: str, path: str) -> FileChange:
    """One change of ``git log --raw``: ``:mode mode sha sha M``; a merge's (``-c``) has a
    colon, a mode and a sha per parent: ``::mode mode mode sha sha sha MM``."""
    parents = len(meta) - len(meta.lstrip(":"))
    shas = meta.lstrip(":").split()[parents + 1 : 2 * parents + 2]
    return FileChange(path, shas[0], shas[-1], tuple(shas[1:-1]))


class _Failed(Exception):
    """A git command exited with an error."""


def _run(cwd: Path, *args: str) -> str:
    """A git command's output as text, less its final newline; _Failed if it fails."""
    return _run_raw(cwd, *args).decode("utf-8", "replace").removesuffix("\n")


def _run_raw(cwd: Path, *args: str) -> bytes:
    """A git command's output as bytes: paths in it are read with ``_path``."""
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except OSError as exc:  # no git at all
        raise _Failed(str(exc)) from None
    if done.returncode != 0:
        raise _Failed(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


def _path(raw: bytes) -> str:
    """A path git printed with ``-z`` (never quoted), as the file system would name it: bytes
    that are not UTF-8 become surrogate escapes, which the reader reports (E100) by name."""
    return raw.decode("utf-8", "surrogateescape")


def _text(raw: bytes) -> str:
    """An author or a commit message: for people, so bad bytes simply become U+FFFD."""
    return raw.decode("utf-8", "replace")


_LOG_FIELDS = "%H%x00%an%x00%aI%x00%s%x00%b%x00"  # five NUL-ended fields, then -z's NUL


# Within Python's range with a day to spare, so a change of time zone cannot overflow.
_LATEST = datetime(9999, 12, 30, tzinfo=UTC)
_EARLIEST = datetime(1, 1, 2, tzinfo=UTC)


def _commit_date(text: str) -> datetime:
    """A commit's author date. git stores any timestamp (``@300000000000`` is the year
    11476), which Python cannot hold: such a date is clamped, never a crash."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return _LATEST if text[:5].isdigit() else _EARLIEST


def _commits(fields: list[bytes]) -> Iterator[Commit]:
    """Commits from ``git log -z --raw --format=_LOG_FIELDS``: six fields per commit, then
    for each change a ``:meta`` field and a path field."""
    at = 0
    while at + 6 <= len(fields):
        sha, author, date, subject, message = (_text(f) for f in fields[at : at + 5])
        at += 6
        while at < len(fields) and not fields[at].strip():
            at += 1  # a merge's combined changes (``-c``) follow one more empty field
        changes = []
        while at + 1 < len(fields) and fields[at].lstrip(b"\n").startswith(b":"):
            meta = _text(fields[at].lstrip(b"\n"))
            changes.append(_file_change(meta, _path(fields[at + 1])))
            at += 2
        yield Commit(
            sha.strip(),
            author,
            _commit_date(date),
            subject,
            pr_number(subject + "\n" + message),
            tuple(changes),
        )


class GitRepo:
    def __init__(self, root: Path) -> None:
        try:
            top = _path(_run_raw(root, "rev-parse", "--show-toplevel")).removesuffix("\n")
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
        """path -> blob sha of every file under ``prefixes`` at ``commit`` (a verified sha).

        NUL-separated (``-z``): without it git quotes every name that is not ASCII, and such
        files were lost from comparisons."""
        out = _run_raw(self.root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *prefixes)
        files: dict[str, str] = {}
        for record in out.split(b"\0"):
            meta, _, path = record.partition(b"\t")
            fields = meta.split()
            if len(fields) == 3 and fields[1] == b"blob":
                files[_path(path)] = fields[2].decode("ascii")
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
        """Commits that touched ``paths``, oldest first (never a child before its parents),
        with the blobs each changed. A merge is included with the files that differ from
        every parent (``-c``): what it set itself, such as a resolved conflict.

        Everything is NUL-separated (``-z``): paths arrive unquoted whatever their
        characters, and no text in a commit message can pass for a field or a change (git
        refuses NUL bytes in messages and names)."""
        if not self.has_commits():
            return
        raw = _run_raw(
            self.root,
            "log",
            "-z",
            "--reverse",
            "--date-order",
            "--raw",
            "-c",
            "--no-abbrev",
            "--no-renames",
            f"--format={_LOG_FIELDS}",
            "--",
            *paths,
        )
        yield from _commits(raw.split(b"\0"))

    def commits_since(self, ref: str) -> set[str]:
        """The commits HEAD reaches and ``ref`` (verified) does not."""
        out = self._git("rev-list", "--end-of-options", f"{ref}..HEAD")
        return set(out.split())

    def changed_paths(self, base: str, head: str | None, *paths: str) -> set[str]:
        """Files under ``paths`` that differ between two verified commits, or between
        ``base`` and the work tree (``head`` None, including files git does not track)."""
        args = ["--name-only", "--no-renames", "-z", base, *([head] if head else []), "--"]
        out = _run_raw(self.root, "diff", *args, *paths)
        changed = {_path(p) for p in out.split(b"\0") if p}
        if head is None:
            extra = _run_raw(
                self.root, "ls-files", "--others", "--exclude-standard", "-z", "--", *paths
            )
            changed |= {_path(p) for p in extra.split(b"\0") if p}
        return changed

    def merged_pull_requests(self) -> dict[str, int]:
        """commit sha -> the pull request that merged it, for history made with merge
        commits ("Merge pull request #12"): the branch commits carry no number themselves.

        One ``git log`` of the topology; each branch commit belongs to the first merge that
        brought it onto the first-parent line of HEAD.
        """
        if not self.has_commits():
            return {}
        # -z: each commit is three NUL-ended fields and a NUL; a message cannot hold a NUL.
        fields = _run_raw(
            self.root, "log", "-z", "--reverse", "--format=%H %P%x00%s%x00%b%x00", "HEAD"
        ).split(b"\0")
        parents: dict[str, list[str]] = {}
        merges: list[tuple[str, int]] = []
        for at in range(0, len(fields) - 3, 4):
            shas, subject, body = (_text(f) for f in fields[at : at + 3])
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
