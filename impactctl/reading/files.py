"""Finding and reading a repository's files on disk, safely.

The layout is two levels deep, and a file that resolves outside the repository is refused:
a pull request cannot make the build read the runner's own files through a symbolic link.
Only regular files are read (a FIFO named ``*.yaml`` would block a reader for ever), and a
name that is not UTF-8 (git can store one) is reported rather than passed on to output
that cannot print it. Every such problem is an E100 finding, never an exception.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from impactctl.diagnostics import Finding, Location
from impactctl.reading.yaml import YamlProblem, check_size

Coded = tuple[str, Finding]

# Controls (tab and line breaks included: no name needs one) and text-direction overrides.
_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# What a failed open or listing means, in words (the rest use the system's own message).
_WHY = {
    errno.ELOOP: "it is a symbolic link that loops back on itself",
    errno.ENOENT: "it is a symbolic link to something that does not exist",
    errno.EACCES: "permission denied",
}


def printable(rel: str) -> str:
    """A path as text that can always be printed: bytes that are not UTF-8 (kept by Python
    as surrogate escapes) are written as ``\\xe9``, control and text-direction characters
    as ``\\x1b`` or ``\\u202e``; everything else is unchanged."""
    if rel.isascii() and rel.isprintable():
        return rel
    text = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNSAFE_NAME.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def is_text_name(rel: str) -> bool:
    """Whether a path (from the file system or from git) is valid UTF-8 with no control
    or bidirectional-override character, so that it can be printed and published."""
    if rel.isascii() and rel.isprintable():
        return True
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not _UNSAFE_NAME.search(rel)


def name_problem(rel: str) -> Coded:
    try:
        rel.encode("utf-8")
        why = "holds a control or text-direction character"
    except UnicodeEncodeError:
        why = "is not valid UTF-8"
    return (
        "E100",
        Finding(
            Location(printable(rel)),
            f"file name {why}, so the file is not read",
            "rename the file with letters, digits and hyphens only",
        ),
    )


def _folder_problem(rel: str, exc: OSError) -> Coded:
    why = _WHY.get(exc.errno or 0, exc.strerror or str(exc))
    return ("E100", Finding(Location(printable(rel)), f"cannot read folder: {why}"))


def repository_files(root: Path, refused: list[Coded] | None = None) -> list[str]:
    """Every file of ours in the repository, as sorted posix paths relative to the root.

    Names that are not UTF-8, and folders that cannot be listed (a symbolic link loop, no
    permission), are left out and reported in ``refused`` when it is given.
    The layout is two levels deep, so two rounds of ``os.scandir`` find everything: a
    quarter of the time ``Path.glob`` took on a national repository.
    """
    problems: list[Coded] = refused if refused is not None else []
    found = [
        f"framework/{name}/{leaf}"
        for name in _subfolders(root, "framework", problems)
        for leaf in ("framework.yaml", "framework.yml")
        if os.path.lexists(root / "framework" / name / leaf)
    ]
    for org in _subfolders(root, "assessments", problems):
        try:
            with os.scandir(root / "assessments" / org) as entries:
                names = [e.name for e in entries if e.name.endswith((".yaml", ".yml"))]
        except OSError as exc:
            problems.append(_folder_problem(f"assessments/{org}", exc))
            continue
        found += [f"assessments/{org}/{name}" for name in names]
    problems += [name_problem(rel) for rel in found if not is_text_name(rel)]
    return sorted(rel for rel in found if is_text_name(rel))


def _subfolders(root: Path, top: str, problems: list[Coded]) -> list[str]:
    try:
        with os.scandir(root / top) as entries:
            listing = list(entries)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        problems.append(_folder_problem(top, exc))
        return []
    names = []
    for entry in listing:
        try:
            if entry.is_dir():
                names.append(entry.name)
        except OSError as exc:  # a link that loops: is_dir() follows it and fails
            problems.append(_folder_problem(f"{top}/{entry.name}", exc))
    return names


def read_file(root: Path, rel: str) -> bytes:
    """One repository file's bytes, refusing anything that resolves outside the repository
    or is not a regular file.

    Only a path with a symbolic link in it needs resolving; checking each part with lstat
    is much cheaper than resolving every one of thousands of files. The file is opened
    without blocking and checked with fstat before a byte is read, so a FIFO or a device
    named ``*.yaml`` is refused instead of waited on.
    """
    if not is_text_name(rel):
        raise YamlProblem(*name_problem(rel))
    path = prefix = str(root)  # plain strings: pathlib costs more than the read here
    linked = False
    for part in rel.split("/"):
        path = f"{path}{os.sep}{part}"
        linked = linked or os.path.islink(path)
    if linked:
        # Not strict: a loop or a dangling link is reported by the open.
        real = os.path.realpath(path)
        if not Path(real).is_relative_to(os.path.realpath(prefix)):
            raise YamlProblem(
                "E100",
                Finding(
                    Location(rel),
                    "file points outside the repository",
                    "replace the link with the file itself",
                ),
            )
        path = real
    return read_regular(path, rel, linked=linked)


def read_regular(path: str, rel: str, *, linked: bool = False) -> bytes:
    """The bytes of the regular file at ``path`` (reported as ``rel``), refusing pipes,
    devices and folders before a byte is read, and files over the size cap."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise YamlProblem(
                    "E100",
                    Finding(
                        Location(rel),
                        "not a regular file (a folder, a pipe or a device), so it is not read",
                        "replace it with an ordinary file",
                    ),
                )
            check_size(info.st_size, rel)  # before reading a byte
            return handle.read()
    except OSError as exc:
        raise _unreadable(rel, exc, linked) from None


def _unreadable(rel: str, exc: OSError, linked: bool) -> YamlProblem:
    why = _WHY.get(exc.errno or 0, exc.strerror or str(exc))
    if exc.errno == errno.ENOENT and not linked:
        why = exc.strerror or why
    return YamlProblem("E100", Finding(Location(printable(rel)), f"cannot read file: {why}"))
