"""``impactctl cycle new``: the next review cycle as a draft, started from the last one.

The new file is the previous cycle's file edited in place through ruamel's round-trip
loader, so comments, key order, quoting and long lines survive. Carried forward for the
group to revisit: levels, targets, confidence, rationale and evidence. Cleared, because
they recorded the previous conversation and would otherwise be misattributed to the new
one: `assessed_on`, participants, perspectives and dissent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedSeq

from impactctl.editing.comments import delete_keeping_comments
from impactctl.editing.files import atomic_write, write_files
from impactctl.editing.roundtrip import dump_round_trip, load_round_trip
from impactctl.errors import ContentError, ImpactError, RefusedToOverwrite
from impactctl.reading import wellformed
from impactctl.reading.files import read_file
from impactctl.reading.layout import NOT_CYCLES, ORGANISATION_FILE, cycle_id, cycle_order
from impactctl.reading.repository import load_repository
from impactctl.reading.yaml import YamlProblem, read_document
from impactctl.schemas import SLUG_RE

CLEARED_RATING_FIELDS = ("dissent", "perspectives")


def _read_checked(root: Path, rel: str, kind: str) -> bytes:
    """A repository file's bytes, read safely and checked: the round-trip loader is only
    ever given a file the checking road has accepted."""
    try:
        raw = read_file(root, rel)
    except YamlProblem as problem:
        raise ContentError(
            f"{problem.finding.location}: {problem.code} {problem.finding.message}"
        ) from None
    _check(raw, rel, kind)
    return raw


def _check(raw: bytes, rel: str, kind: str) -> None:
    """Refuse to start from, or write, anything that is not well-formed."""
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


def draft_from(data: Any, cycle: str) -> Any:
    """Edit a round-trip-loaded cycle into the next draft, in place."""
    data["cycle"] = cycle
    data["status"] = "draft"
    if "assessed_on" in data:
        data["assessed_on"] = None
    if "participants" in data:
        data["participants"] = CommentedSeq()
        data["participants"].fa.set_flow_style()
    for rating in (data.get("ratings") or {}).values():
        for name in CLEARED_RATING_FIELDS:
            if name in rating:
                delete_keeping_comments(rating, name)
    return data


def new_cycle(root: Path, organisation: str, cycle: str, source: str | None) -> list[str]:
    """Write the draft (and the organisation's updated cycle list); returns paths written."""
    files = draft_files(root, organisation, cycle, source)
    target_rel, *org = files
    # Everything is rendered and checked; only now is anything written.
    write_files(root, {target_rel: files[target_rel]}, overwrite=False)
    for rel in org:
        atomic_write(root / rel, files[rel])
    return list(files)


def draft_files(root: Path, organisation: str, cycle: str, source: str | None) -> dict[str, bytes]:
    """The new draft's bytes (first) and, if its cycle list changes, the organisation
    file's: rendered and checked, nothing written. ``impactctl import`` starts a new cycle
    from here too, so both commands write new cycles in the same layout."""
    if not SLUG_RE.fullmatch(cycle):
        raise ImpactError(
            f"{cycle!r} is not a valid cycle id",
            "use lower-case letters, digits and hyphens, e.g. 2026-27",
        )
    folder = root / "assessments" / organisation
    if not folder.is_dir():
        raise ImpactError(f"no organisation {organisation!r} in {root / 'assessments'}")
    target_rel = f"assessments/{organisation}/{cycle}.yaml"
    if (root / target_rel).exists():
        raise RefusedToOverwrite(
            f"{target_rel} already exists", "cycles are never overwritten; choose another cycle id"
        )
    record = load_repository(root).repository.organisations.get(organisation)
    files = sorted(cycle_id(p.name) for p in folder.glob("*.yaml") if p.name not in NOT_CYCLES)
    order = cycle_order(record.organisation if record else None, files)
    source = source or (order[-1] if order else None)
    if source is None or source not in files:
        raise ImpactError(
            f"no cycle {source!r} to start from for {organisation}",
            "pass --from with an existing cycle id",
        )
    source_rel = f"assessments/{organisation}/{source}.yaml"
    source_bytes = _read_checked(root, source_rel, "assessment")  # reported precisely
    data, layout = load_round_trip(source_bytes, source_rel)
    new_bytes = dump_round_trip(draft_from(data, cycle), layout)
    _check(new_bytes, target_rel, "assessment")

    org_rel = f"assessments/{organisation}/{ORGANISATION_FILE}"
    org_bytes = None
    if (root / org_rel).is_file():
        org, org_layout = load_round_trip(_read_checked(root, org_rel, "organisation"), org_rel)
        cycles = org.get("cycles") if isinstance(org, dict) else None
        if isinstance(cycles, list) and cycle not in cycles:
            cycles.append(cycle)
            org_bytes = dump_round_trip(org, org_layout)
            _check(org_bytes, org_rel, "organisation")

    drafted = {target_rel: new_bytes}
    if org_bytes is not None:
        drafted[org_rel] = org_bytes
    return drafted
