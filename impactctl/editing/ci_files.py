"""The CI files of an assessment repository: which ones each platform gets, the exact
impactctl version they install, and refreshing them for a newer impactctl without ever
overwriting a file someone edited.

Each file starts with two comment lines: who wrote it, and the digest of the rest as it
was written. A file whose digest still matches is ours to rewrite; one that does not has
been edited and is refused unless ``force``. The exact pin ``impactctl==X.Y.Z`` is left
out of the digest, so the upgrade a dependency bot proposes is not mistaken for an edit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

from impactctl.editing.files import write_files
from impactctl.errors import ImpactError, RefusedToOverwrite
from impactctl.version import __version__

REQUIREMENTS = "requirements-ci.txt"
GITHUB = (
    ".github/workflows/validate.yml",
    ".github/workflows/comment.yml",
    ".github/workflows/publish.yml",
    ".github/dependabot.yml",
)
CI_FILES: dict[str, tuple[str, ...]] = {
    "github": (*GITHUB, REQUIREMENTS),
    "gitlab": (".gitlab-ci.yml", REQUIREMENTS),
    "azure": ("azure-pipelines.yml", REQUIREMENTS),
}
PLATFORMS = tuple(CI_FILES)
ALL_CI_FILES = frozenset(path for paths in CI_FILES.values() for path in paths)
VERSION = "@@IMPACTCTL_VERSION@@"
_PIN = re.compile(r"impactctl==[0-9][0-9A-Za-z.+!-]*")
_DIGEST = re.compile(r"# impactctl-ci-digest: sha256:([0-9a-f]{64})\n")


def digest(body: str) -> str:
    return hashlib.sha256(_PIN.sub("impactctl==", body).encode("utf-8")).hexdigest()


def stamp(body: str) -> str:
    """Put the two header lines on a rendered CI file."""
    return (
        f"# Written by impactctl {__version__} (`impactctl init`). `impactctl ci update` "
        "rewrites it for a newer\n# impactctl unless it has been edited; see docs/ci.md.\n"
        f"# impactctl-ci-digest: sha256:{digest(body)}\n{body}"
    )


def is_unedited(text: str) -> bool:
    """True when the file is exactly as impactctl wrote it (apart from the version pin)."""
    lines = text.split("\n", 2)
    if len(lines) < 3 or not lines[0].startswith("# Written by impactctl "):
        return False
    head, _, body = lines[2].partition("\n")
    match = _DIGEST.fullmatch(head + "\n")
    return match is not None and match.group(1) == digest(body)


def render(templates: Mapping[str, str], platform: str) -> dict[str, str]:
    """The platform's CI files from the package templates, pinned to this version."""
    if platform not in CI_FILES:
        raise ImpactError(f"unknown CI platform {platform!r}", f"one of {', '.join(PLATFORMS)}")
    return {
        path: stamp(templates[path].replace(VERSION, __version__)) for path in CI_FILES[platform]
    }


def detect(root: Path) -> str:
    """The platform whose CI files the repository has."""
    found = [p for p, paths in CI_FILES.items() if any((root / f).is_file() for f in paths[:1])]
    if len(found) != 1:
        raise ImpactError(
            "cannot tell which CI platform this repository uses"
            + (f" (it has files for {' and '.join(found)})" if found else ""),
            "pass --platform github, gitlab or azure",
        )
    return found[0]


def _release(version: str) -> tuple[int, ...] | None:
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", version)
    return tuple(int(part) for part in match.groups()) if match else None


def refuse_downgrade(root: Path) -> None:
    """A dependency bot may have moved the pin past the impactctl that is running: then
    rewriting the files would quietly take the repository back to an older release."""
    path = root / REQUIREMENTS
    pinned = (
        _PIN.findall(path.read_text(encoding="utf-8", errors="replace")) if path.is_file() else []
    )
    ours = _release(__version__)
    for pin in pinned:
        theirs = _release(pin.removeprefix("impactctl=="))
        if ours and theirs and theirs > ours:
            raise ImpactError(
                f"{REQUIREMENTS} pins {pin}, newer than this impactctl {__version__}",
                f"install that release first: pip install -r {REQUIREMENTS}",
            )


def update(
    root: Path, templates: Mapping[str, str], platform: str | None, *, force: bool
) -> tuple[str, list[str], list[str]]:
    """Rewrite the platform's CI files for this version: returns the platform, the files
    written and the files already up to date. Refuses (writing nothing) when a file was
    edited since impactctl wrote it, unless ``force``, or when requirements-ci.txt pins a
    newer impactctl than this one; never touches any other file."""
    root = root.resolve()
    platform = platform or detect(root)
    refuse_downgrade(root)
    wanted = render(templates, platform)
    edited, same, changes = [], [], {}
    for rel, text in wanted.items():
        path = root / rel
        if path.is_symlink() or not path.resolve().is_relative_to(root):
            raise RefusedToOverwrite(f"{rel} is a link or leads outside {root}")
        if not path.exists():
            changes[rel] = text
            continue
        current = path.read_text(encoding="utf-8", errors="replace")
        if current == text:
            same.append(rel)
        elif is_unedited(current) or force:
            changes[rel] = text
        else:
            edited.append(rel)
    if edited:
        raise RefusedToOverwrite(
            f"not rewriting {', '.join(edited)}: edited since impactctl wrote "
            f"{'it' if len(edited) == 1 else 'them'}",
            "carry your changes over by hand, or pass --force to replace "
            f"{'it' if len(edited) == 1 else 'them'} (git keeps the old version)",
        )
    write_files(root, changes, overwrite=True)
    return platform, sorted(changes), sorted(same)
