"""Where a build may write: the output folders of ``site build --out`` and ``--stage``.

A build replaces its output folder as a whole, so the folder it is pointed at must be one
it may delete. MkDocs empties ``site_dir`` whatever it holds; ``--out assessments`` or
``--out ~/Documents`` would lose data. So:

* never (not even with ``--force``): the repository root or a folder that holds it, the
  repository's own folders (``assessments/``, ``framework/``, ``.git``, the hand-written
  pages and theme overrides) or anything inside them, and any folder that holds files git
  tracks;
* only with ``--force``: a non-empty folder that no build made;
* always: a new or empty folder, or one a previous build marked as its own.

The build writes into a new folder beside the target, marks it, and renames it into place,
so a failed build leaves the old output as it was and nothing half-written. Two builds
into one folder at once: the second stops at once (exit 2).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from impactctl.errors import ImpactError, RefusedToOverwrite
from impactctl.gitio import holds_tracked_files

SITE_MARKER = ".impactctl-site"
STAGE_MARKER = ".impactctl-stage"
_MARKER_TEXT = {
    SITE_MARKER: "made by `impactctl site build`: the next build may replace this folder\n",
    STAGE_MARKER: "made by `impactctl site build --stage`: the next one may replace it\n",
}


@dataclass(frozen=True)
class Protected:
    """What an output folder must never be, hold, or sit inside."""

    roots: Sequence[Path]  # the repository, and the folder of mkdocs.yml
    folders: Sequence[Path] = ()  # its own folders: data, pages, overrides, .git

    @classmethod
    def of(cls, root: Path, config_dir: Path, *extra: Path | None) -> Protected:
        roots = (root.resolve(), config_dir.resolve())
        own = [r / name for r in roots for name in ("assessments", "framework", ".git")]
        own += [p.resolve() for p in extra if p is not None]
        return cls(roots, tuple(own))


def _absolute(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise ImpactError(f"cannot use {path} as an output folder: {exc}") from None


def _refusal(target: Path, protected: Protected) -> str | None:
    """Why ``target`` may never be replaced, or None."""
    if any(root.is_relative_to(target) for root in protected.roots):
        return "it is the repository, or holds it"
    for folder in protected.folders:
        if target.is_relative_to(folder) or folder.is_relative_to(target):
            return f"it is, holds, or is inside the repository's own folder {folder.name}/"
    if target.is_dir() and holds_tracked_files(target):
        return "it holds files tracked by git"
    return None


def check_target(target: Path, protected: Protected, *, marker: str, force: bool) -> Path:
    """The absolute output folder, or RefusedToOverwrite naming it."""
    target = _absolute(target)
    reason = _refusal(target, protected)
    if reason is not None:
        raise RefusedToOverwrite(
            f"will not build into {target}: {reason}",
            "choose a new folder for the output, such as public/ (--force does not change this)",
        )
    if target.exists() and not target.is_dir():
        raise ImpactError(f"{target} is a file, not a folder", "choose a folder for the output")
    if target.is_dir() and not force and not (target / marker).is_file() and _nonempty(target):
        raise RefusedToOverwrite(
            f"will not replace {target}: it is not empty and no impactctl build made it",
            "choose a new or empty folder, or pass --force to replace it and all it holds",
        )
    return target


def _nonempty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return any(True for _ in entries)


@contextlib.contextmanager
def _exclusive(target: Path) -> Iterator[None]:
    """One build at a time per output folder (the lock dies with the process)."""
    locks = Path(tempfile.gettempdir()) / f"impactctl-locks-{os.getuid()}"
    locks.mkdir(mode=0o700, exist_ok=True)
    name = hashlib.sha256(str(target).encode()).hexdigest()[:32]
    with open(locks / f"{name}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ImpactError(
                f"another build is writing {target} right now",
                "wait for it to finish, or build into another folder",
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _new_folder_beside(target: Path) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent))
        new.chmod(0o777 & ~_umask())  # mkdtemp's 0700 would hide a published site
        return new
    except FileExistsError:
        raise ImpactError(
            f"cannot create {target}: a part of that path is a file", "choose another folder"
        ) from None
    except OSError as exc:
        raise ImpactError(f"cannot create {target}: {exc.strerror}") from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _swap_in(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, in two renames; the old output goes last."""
    old: Path | None = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        os.replace(target, old / "output")
    try:
        os.replace(new, target)
    except OSError:
        if old is not None:
            os.replace(old / "output", target)
            old.rmdir()
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def replacing(
    target: Path, protected: Protected, *, marker: str, force: bool = False
) -> Iterator[Path]:
    """A new folder to build into; when the block ends well it replaces ``target``.

    Refused (exit 2) when ``target`` may not be replaced (see the module's docstring);
    if the block fails, ``target`` is left as it was and the new folder is removed.
    """
    target = check_target(target, protected, marker=marker, force=force)
    with _exclusive(target):
        check_target(target, protected, marker=marker, force=force)  # as it is now
        new = _new_folder_beside(target)
        try:
            yield new
            (new / marker).write_text(_MARKER_TEXT[marker], encoding="utf-8")
            _swap_in(new, target)
        except OSError as exc:
            raise ImpactError(f"cannot write {target}: {exc.strerror or exc}") from None
        finally:
            shutil.rmtree(new, ignore_errors=True)
