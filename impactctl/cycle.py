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

from impactctl import wellformed
from impactctl.errors import ContentError, ImpactError, RefusedToOverwrite
from impactctl.loader import ORGANISATION_FILE, cycle_order, load_repository
from impactctl.schemas import SLUG_RE
from impactctl.writer import atomic_write, write_files
from impactctl.yamlio import YamlProblem, dump_round_trip, load_round_trip, read_document

CLEARED_RATING_FIELDS = ("dissent", "perspectives")


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


def _deepest(node: Any, key: Any) -> tuple[Any, Any]:
    """The container and key of the last scalar inside ``node[key]``."""
    value = node[key]
    while isinstance(value, (dict, list)) and len(value) and hasattr(value, "ca"):
        node, key = value, (list(value)[-1] if isinstance(value, dict) else len(value) - 1)
        value = node[key]
    return node, key


def _eol_token(node: Any, key: Any) -> Any:
    slots = node.ca.items.get(key) if hasattr(node, "ca") else None
    if not slots:
        return None
    index = 0 if isinstance(node, list) else 2
    return slots[index]


def _lines_after(node: Any, key: Any) -> str:
    """The full-line comments that follow ``node[key]`` in the file, however deep ruamel
    stored them (after an end-of-line comment, or at the end of a nested list or mapping)."""
    token = _eol_token(node, key)
    value, containers = node[key], []
    while isinstance(value, (dict, list)) and len(value) and hasattr(value, "ca"):
        containers.append(value)
        last = list(value)[-1] if isinstance(value, dict) else len(value) - 1
        token = _eol_token(value, last) or token
        value = value[last]
    text = token.value.split("\n", 1)[1] if token is not None and "\n" in token.value else ""
    for container in reversed(containers):
        for end in getattr(container.ca, "end", None) or []:
            text += " " * end.column + end.value
    return text


def delete_keeping_comments(mapping: Any, key: str) -> None:
    """Delete ``mapping[key]`` but keep the full-line comments that follow it.

    ruamel attaches a comment on its own line to the value *above* it, so deleting a field
    would silently delete the next paragraph's comment too. Those lines move to the end of
    the previous field. The deleted field's own end-of-line comment goes with it.
    """
    following = _lines_after(mapping, key)
    keys = list(mapping)
    index = keys.index(key)
    del mapping[key]
    mapping.ca.items.pop(key, None)
    if not following.strip():
        return
    if index == 0:
        mapping.yaml_set_start_comment(following.strip("\n"))
        return
    host, host_key = _deepest(mapping, keys[index - 1])
    token = _eol_token(host, host_key)
    if token is None:
        host.yaml_add_eol_comment("#", host_key)
        token = _eol_token(host, host_key)
        token.value = "\n"
    elif not token.value.endswith("\n"):
        token.value += "\n"
    token.value += following


def new_cycle(root: Path, organisation: str, cycle: str, source: str | None) -> list[str]:
    """Write the draft (and the organisation's updated cycle list); returns paths written."""
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
    files = sorted(
        p.stem
        for p in folder.glob("*.yaml")
        if p.name not in (ORGANISATION_FILE, "action-plan.yaml")
    )
    order = cycle_order(record.organisation if record else None, files)
    source = source or (order[-1] if order else None)
    if source is None or source not in files:
        raise ImpactError(
            f"no cycle {source!r} to start from for {organisation}",
            "pass --from with an existing cycle id",
        )
    source_rel = f"assessments/{organisation}/{source}.yaml"
    source_bytes = (root / source_rel).read_bytes()
    _check(source_bytes, source_rel, "assessment")  # the checking road reports it precisely
    data, layout = load_round_trip(source_bytes, source_rel)
    new_bytes = dump_round_trip(draft_from(data, cycle), layout)
    _check(new_bytes, target_rel, "assessment")

    org_rel = f"assessments/{organisation}/{ORGANISATION_FILE}"
    org_bytes = None
    if (root / org_rel).is_file():
        org, org_layout = load_round_trip((root / org_rel).read_bytes(), org_rel)
        cycles = org.get("cycles") if isinstance(org, dict) else None
        if isinstance(cycles, list) and cycle not in cycles:
            cycles.append(cycle)
            org_bytes = dump_round_trip(org, org_layout)
            _check(org_bytes, org_rel, "organisation")

    # Everything is rendered and checked; only now is anything written.
    write_files(root, {target_rel: new_bytes}, overwrite=False)
    written = [target_rel]
    if org_bytes is not None:
        atomic_write(root / org_rel, org_bytes)
        written.append(org_rel)
    return written
