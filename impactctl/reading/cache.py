"""A content-addressed cache of parsed files, safe to delete at any time.

It lives OUTSIDE the repository (``$IMPACTCTL_CACHE_DIR``, else ``$XDG_CACHE_HOME/impactctl``,
else ``~/.cache/impactctl``), so a pull request can never plant a cache entry that makes an
invalid file look valid, and git never sees it. Entries are plain data (dicts, lists,
strings, numbers) written with ``marshal``, ~10x faster than JSON for this shape; unlike
pickle, loading marshal data builds no class instances and runs no code. Keys hash
impactctl's version, the file's kind, its path and its bytes, so an entry can never be
stale. ``IMPACTCTL_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from pathlib import Path
from typing import Any

from impactctl.version import __version__

FORMAT = 4  # raised whenever what a file reads as changes (4: E118, dates, escapes, $)


def cache_dir() -> Path | None:
    if os.environ.get("IMPACTCTL_NO_CACHE") == "1":
        return None
    explicit = os.environ.get("IMPACTCTL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "impactctl"


def key(*parts: str | bytes) -> str:
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


# The key recipes. Two loads share an entry exactly when they compute the same key, so
# every reader of the cache asks for keys here, by name, and none builds its own.


def file_key(kind: str, rel: str, raw: bytes) -> str:
    """A parsed file (``reading.entries``), by its bytes: what any load of those bytes as
    that file finds, whether they came from the work tree or from git."""
    return key(kind, rel, raw)


def blob_key(kind: str, rel: str, blob_id: str) -> str:
    """The same parsed file, by git's blob id, so a cached commit file need not be read."""
    return key(kind, rel, "git-blob", blob_id)


def levels_key(blob_id: str, rel: str) -> str:
    """A cycle blob's levels per statement, as ``history`` reads them."""
    return key("levels", blob_id, rel)


def head_key(head: str, *parts: str) -> str:
    """Something computed from the history HEAD reaches (commits never change)."""
    return key("at-head", head, *parts)


def results_key(digest: str) -> str:
    """A whole repository's diagnostics, by a digest of every file it read."""
    return key("results", digest)


class Cache:
    """Best effort: a cache that cannot be read or written is simply not used."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, name: str, k: str) -> str:
        # Plain strings: pathlib's joins cost more than the read for thousands of entries.
        return f"{self.folder}{os.sep}{name}{os.sep}{k[:2]}{os.sep}{k}.bin"

    def get(self, name: str, k: str) -> Any:
        if self.folder is None:
            return None
        try:
            with open(self._path(name, k), "rb") as handle:
                return marshal.loads(handle.read())
        except (OSError, ValueError, EOFError, TypeError):
            return None

    def get_bytes(self, name: str, k: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            with open(self._path(name, k), "rb") as handle:
                return handle.read()
        except OSError:
            return None

    def put(self, name: str, k: str, value: Any) -> None:
        try:
            self.put_bytes(name, k, marshal.dumps(value))
        except ValueError:
            return

    def put_bytes(self, name: str, k: str, data: bytes) -> None:
        """Store already-marshalled data (what worker processes send back)."""
        if self.folder is None:
            return
        path = self._path(name, k)
        # A per-process temporary name, then an atomic rename: readers never see half an
        # entry, and two processes writing the same entry cannot collide.
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(tmp, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def alias(self, name: str, existing: str, k: str) -> None:
        """Make ``k`` name what ``existing`` names: a hard link (no copy to read and
        write), or a copy where the file system has no links."""
        if self.folder is None:
            return
        path, source = self._path(name, k), self._path(name, existing)
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            os.link(source, tmp)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if (data := self.get_bytes(name, existing)) is not None:
                self.put_bytes(name, k, data)


def open_cache() -> Cache:
    return Cache(cache_dir())
