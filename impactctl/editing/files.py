"""Writing files without ever leaving half a file behind.

Every write goes to a temporary file in the same folder, is flushed to disk, takes the
original's mode bits, and replaces the original in one ``os.replace``. A failure at any
point leaves the original byte for byte as it was and removes the temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from impactctl.errors import RefusedToOverwrite


def make_folder(folder: Path) -> None:
    """``mkdir -p``, saying which part is a file when one is in the way (``--out`` under a
    file): mkdir's own error names the whole path and says "File exists"."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        blocker = next(p for p in (folder, *folder.parents) if p.exists() and not p.is_dir())
        raise NotADirectoryError(errno.ENOTDIR, "a file is in the way", str(blocker)) from None


def atomic_write(path: Path, data: bytes) -> None:
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _stage(path: Path, data: bytes) -> str:
    """``data`` in a temporary file beside ``path``, flushed to disk, with the mode bits
    ``path`` has (or a new file would get); nothing is left behind if that fails."""
    make_folder(path.parent)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def remove_stale_temporaries(path: Path) -> None:
    """Delete the temporary files that ``atomic_write`` of ``path`` leaves only when its
    process is killed mid-write (``.NAME.<random>.tmp``, regular files, never links).

    Called by a command before it writes ``path`` again, so that a stopped run leaves
    nothing behind once the command has been run again."""
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith(f".{path.name}.") and name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_files(root: Path, files: Mapping[str, str | bytes], *, overwrite: bool) -> None:
    """Write ``files`` (relative path -> content) under ``root``, all or none."""
    if not overwrite:
        clashes = [rel for rel in files if (root / rel).exists()]
        if clashes:
            raise RefusedToOverwrite(
                f"{root / clashes[0]} already exists",
                "choose another name, or remove the file first",
            )
    # Every file is staged before any is replaced: a full disk half-way leaves every
    # original as it was, not some files new and some old.
    staged: list[tuple[str, Path]] = []
    try:
        for rel, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            staged.append((_stage(root / rel, data), root / rel))
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _path in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def write_tree(target: Path, files: Mapping[str, str | bytes]) -> None:
    """Create a whole new folder at once: build it beside ``target``, then rename it in.

    ``target`` must not exist or be an empty folder; if anything fails, nothing appears.
    """
    target = target.resolve()
    make_folder(target.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for rel, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if target.exists():
            target.rmdir()  # only an empty folder; a non-empty one was refused earlier
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
