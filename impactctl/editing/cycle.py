"""``impactctl cycle new``: the next review cycle as a draft, started from the last one.

The new file is the previous cycle's own text with only the changed values rewritten
(``impactctl.editing.textedit``): every comment, key order, quote and line survives.
Carried forward for the group to revisit: levels, targets, confidence, rationale and
evidence. Cleared, because they recorded the previous conversation and would otherwise be
misattributed to the new one: `assessed_on`, participants, perspectives and dissent.

Two files change: the organisation's `cycles` list, then the cycle file. A run stopped
between the two (killed, power cut) leaves the cycle listed without its file, which the
next `cycle new` for that cycle completes; temporary files a stopped run left beside the
two files are removed first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from impactctl.editing.files import atomic_write, remove_stale_temporaries, write_files
from impactctl.editing.textedit import Edit, Text, apply
from impactctl.errors import ContentError, ImpactError, RefusedToOverwrite
from impactctl.reading import wellformed
from impactctl.reading.files import read_file, repository_files
from impactctl.reading.layout import ORGANISATION_FILE, cycle_id, cycle_order, kind_of
from impactctl.reading.repository import load_repository
from impactctl.reading.yaml import YamlProblem, decode, read_document
from impactctl.schemas import SLUG_RE

CLEARED_RATING_FIELDS = ("dissent", "perspectives")


def _read_checked(root: Path, rel: str, kind: str) -> bytes:
    """A repository file's bytes, read safely and checked on the checking road."""
    try:
        raw = read_file(root, rel)
    except YamlProblem as problem:
        raise ContentError(
            f"{problem.finding.location}: {problem.code} {problem.finding.message}"
        ) from None
    _check(raw, rel, kind)
    return raw


def _check(raw: bytes, rel: str, kind: str) -> Any:
    """Refuse to start from, or write, anything that is not well-formed; its data."""
    try:
        doc = read_document(raw, rel)
    except YamlProblem as problem:
        raise ContentError(
            f"{problem.finding.location}: {problem.code} {problem.finding.message}"
        ) from None
    problems = wellformed.check(doc, kind)
    if problems:
        code, finding = problems[0]
        raise ContentError(
            f"{finding.location}: {code} {finding.message}",
            "fix the source cycle first (`impactctl validate`)",
        )
    return doc.data


def expected_draft(data: dict[str, Any], cycle: str) -> dict[str, Any]:
    """What the draft must read as: the contract the text edits are checked against."""
    out = dict(data, cycle=cycle, status="draft", participants=[])
    if "assessed_on" in out:
        out["assessed_on"] = None
    out["ratings"] = {
        sid: {k: v for k, v in r.items() if k not in CLEARED_RATING_FIELDS}
        for sid, r in data["ratings"].items()
    }
    return out


def draft_text(text: str, cycle: str) -> str:
    """A well-formed cycle's text (``\\n`` line ends, no BOM) edited into the next draft."""
    doc = Text(text)
    root = doc.root
    edits: list[Edit] = []
    for name, value in (("cycle", cycle), ("status", "draft")):
        pair = root.get(name)
        if pair is not None:
            edits.append(doc.replace_scalar(pair.value, value))
    dated = root.get("assessed_on")
    if dated is not None and dated.value.end > dated.value.start:
        edits.append(doc.replace_value(dated, "null" if root.flow else ""))
    people = root.get("participants")
    if people is not None:
        edits.append(doc.replace_value(people, "[]"))
    ratings = root.get("ratings")
    for rating in ratings.value.pairs if ratings is not None else []:
        edits += doc.delete_pairs(rating.value, CLEARED_RATING_FIELDS)
    return apply(text, edits)


def _rewrite(raw: bytes, rel: str, edit: Callable[[str], str]) -> bytes:
    """``edit`` applied to a file's text, keeping its byte-order mark and line endings."""
    text, bom, newline = decode(raw, rel)
    new = edit(text.replace("\r\n", "\n"))
    if newline != "\n":
        new = new.replace("\n", newline)
    return ("\ufeff" if bom else "").encode("utf-8") + new.encode("utf-8")


def new_cycle(root: Path, organisation: str, cycle: str, source: str | None) -> list[str]:
    """Write the draft (and the organisation's updated cycle list); returns paths written."""
    target_rel, org_rel = _paths(root, organisation, cycle)
    if _exists(root / target_rel):
        raise RefusedToOverwrite(
            f"{target_rel} already exists", "cycles are never overwritten; choose another cycle id"
        )
    for rel in (target_rel, org_rel):
        remove_stale_temporaries(root / rel)  # left by a run that was stopped
    drafted = draft_files(root, organisation, cycle, source)
    new_bytes, org_bytes = drafted[target_rel], drafted.get(org_rel)

    # Everything is rendered and checked; only now is anything written. The list first:
    # stopped between the two writes, the next run finds the cycle listed and finishes.
    written = []
    if org_bytes is not None:
        original = read_file(root, org_rel)
        atomic_write(root / org_rel, org_bytes)
        written.append(org_rel)
    try:
        write_files(root, {target_rel: new_bytes}, overwrite=False)
    except Exception:
        if written:  # put the list back; if even that fails, a re-run finishes the job
            with contextlib.suppress(OSError):
                atomic_write(root / org_rel, original)
        raise
    return [target_rel, *written]


def draft_files(root: Path, organisation: str, cycle: str, source: str | None) -> dict[str, bytes]:
    """The new draft's bytes (first) and, if its cycle list changes, the organisation
    file's: rendered and checked, nothing written. ``impactctl import`` starts a new cycle
    from here too, so both commands write new cycles in the same layout."""
    target_rel, org_rel = _paths(root, organisation, cycle)
    drafted = {target_rel: _draft(root, organisation, cycle, source)}
    org_bytes = _listed_bytes(root, org_rel, cycle) if _exists(root / org_rel) else None
    if org_bytes is not None:
        drafted[org_rel] = org_bytes
    return drafted


def _paths(root: Path, organisation: str, cycle: str) -> tuple[str, str]:
    """The new cycle file and the organisation file, once both ids are checked."""
    if not SLUG_RE.fullmatch(cycle):
        raise ImpactError(
            f"{cycle!r} is not a valid cycle id",
            "use lower-case letters, digits and hyphens, e.g. 2026-27",
        )
    folder = root / "assessments" / organisation
    if not SLUG_RE.fullmatch(organisation) or not folder.is_dir():
        raise ImpactError(f"no organisation {organisation!r} in {root / 'assessments'}")
    return (
        f"assessments/{organisation}/{cycle}.yaml",
        f"assessments/{organisation}/{ORGANISATION_FILE}",
    )


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _draft(root: Path, organisation: str, cycle: str, source: str | None) -> bytes:
    """The new cycle file's bytes, from ``source`` or the latest cycle that has a file."""
    record = load_repository(root).repository.organisations.get(organisation)
    files = [
        cycle_id(rel)
        for rel in repository_files(root)
        if rel.startswith(f"assessments/{organisation}/") and kind_of(rel) == "assessment"
    ]
    order = cycle_order(record.organisation if record else None, files)
    source = source or next((c for c in reversed(order) if c in files), None)
    if source is None or source not in files:
        raise ImpactError(
            f"no cycle {source!r} to start from for {organisation}",
            "pass --from with an existing cycle id",
        )
    source_rel = f"assessments/{organisation}/{source}.yaml"
    target_rel = f"assessments/{organisation}/{cycle}.yaml"
    source_bytes = _read_checked(root, source_rel, "assessment")  # reported precisely
    new_bytes = _rewrite(source_bytes, source_rel, lambda text: draft_text(text, cycle))
    wanted = expected_draft(_check(source_bytes, source_rel, "assessment"), cycle)
    if _check(new_bytes, target_rel, "assessment") != wanted:
        raise RuntimeError(f"the draft of {target_rel} does not read as intended")
    return new_bytes


def _listed_bytes(root: Path, org_rel: str, cycle: str) -> bytes | None:
    """organisation.yaml with ``cycle`` added to its `cycles` list; None if it has no list
    or already lists it (a stopped run wrote it)."""
    org_raw = _read_checked(root, org_rel, "organisation")
    org = _check(org_raw, org_rel, "organisation")
    cycles = org.get("cycles")
    if not isinstance(cycles, list) or cycle in cycles:
        return None
    org_bytes = _rewrite(org_raw, org_rel, lambda text: _listed(text, cycle))
    if _check(org_bytes, org_rel, "organisation") != dict(org, cycles=[*cycles, cycle]):
        raise RuntimeError(f"the cycle list of {org_rel} does not read as intended")
    return org_bytes


def _listed(text: str, cycle: str) -> str:
    doc = Text(text)
    pair = doc.root.get("cycles")
    assert pair is not None  # the caller read the list
    return apply(text, [doc.append_item(pair.value, cycle)])
