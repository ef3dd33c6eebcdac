"""Reading an assessment repository: the one front door every command uses.

Files are found by the layout in SPEC section 2, read through ``yamlio`` (refusing hostile
YAML), checked against their JSON Schema, and only then turned into domain objects. A file
with a well-formedness error is reported and left out of the model, so one typo does not
cascade into dozens of reference errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from impactctl import wellformed
from impactctl.diagnostics import Finding, Location
from impactctl.errors import RepositoryNotFound
from impactctl.model import (
    Action,
    ActionPlan,
    Assessment,
    Component,
    Evidence,
    Framework,
    Level,
    Migration,
    Organisation,
    OrganisationRecord,
    Participant,
    Perspective,
    Rating,
    Repository,
    Statement,
    Update,
    Where,
)
from impactctl.yamlio import Document, Path as DocPath, YamlProblem, read_document

Coded = tuple[str, Finding]

FRAMEWORK_GLOB = "framework/*/framework.yaml"
ORGANISATION_FILE = "organisation.yaml"
ACTION_PLAN_FILE = "action-plan.yaml"


@dataclass
class LoadResult:
    repository: Repository
    findings: list[Coded] = field(default_factory=list)
    files_read: int = 0


def find_root(start: Path) -> Path:
    """The nearest enclosing directory that has ``assessments/`` (or ``framework/``)."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / "assessments").is_dir():
            return candidate
    raise RepositoryNotFound(
        f"no assessment repository found at or above {start}",
        "run inside a repository made by `impactctl init`, or pass --repo DIR",
    )


def kind_of(rel: str) -> str | None:
    """Which file kind a repository-relative path is, by the layout; None if it is not ours."""
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == "framework" and parts[2] == "framework.yaml":
        return "framework"
    if len(parts) == 3 and parts[0] == "assessments" and parts[2].endswith(".yaml"):
        if parts[2] == ORGANISATION_FILE:
            return "organisation"
        if parts[2] == ACTION_PLAN_FILE:
            return "action-plan"
        return "assessment"
    return None


def repository_files(root: Path) -> list[str]:
    """Every file of ours in the repository, as sorted posix paths relative to the root."""
    found = [p for p in root.glob(FRAMEWORK_GLOB)]
    found += [p for p in root.glob("assessments/*/*.yaml")]
    return sorted(p.relative_to(root).as_posix() for p in found)


def read_file(root: Path, rel: str) -> Document:
    """Read one repository file, refusing anything that resolves outside the repository."""
    path = root / rel
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(root.resolve()):
            raise YamlProblem("E100", Finding(Location(rel), "file points outside the repository",
                                              "replace the link with the file itself"))
        raw = real.read_bytes()
    except OSError as exc:
        raise YamlProblem("E100", Finding(Location(rel), f"cannot read file: {exc.strerror}")) from None
    return read_document(raw, rel)


def _where(doc: Document, path: DocPath, data: dict[str, Any]) -> Where:
    """An object is found at its key (if it has one); each field at its value."""
    return Where(doc.key_at(path), {k: doc.at((*path, k)) for k in data})


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def build_framework(doc: Document) -> Framework:
    d = doc.data
    levels = tuple(
        Level(lv["id"], lv["label"], lv["description"], rank, _where(doc, ("levels", i), lv))
        for i, (rank, lv) in enumerate(enumerate(d["levels"], start=1))
    )
    components = []
    for ci, c in enumerate(d["components"]):
        statements = tuple(
            Statement(
                s["id"], s["text"], s.get("guidance", ""), dict(s["descriptors"]), c["id"],
                _where(doc, ("components", ci, "statements", si), s),
            )
            for si, s in enumerate(c["statements"])
        )
        components.append(
            Component(c["id"], c["title"], c.get("summary", ""), statements,
                      _where(doc, ("components", ci), c))
        )
    migration = None
    if "migrates_from" in d:
        m = d["migrates_from"]
        migration = Migration(m["framework"], dict(m["statements"]))
    return Framework(
        d["id"], d["version"], d["title"], d.get("source", ""), d.get("licence", ""),
        levels, tuple(components), migration, _where(doc, (), d),
    )


def build_organisation(doc: Document) -> Organisation:
    d = doc.data
    cycles = tuple(d["cycles"]) if "cycles" in d else None
    return Organisation(d["id"], d["name"], d["type"], d.get("system"), cycles, _where(doc, (), d))


def build_assessment(doc: Document) -> Assessment:
    d = doc.data
    participants = tuple(
        Participant(p["group"], p["role"], p.get("count", 1), _where(doc, ("participants", i), p))
        for i, p in enumerate(d["participants"])
    )
    ratings = {}
    for sid, r in d["ratings"].items():
        base: DocPath = ("ratings", sid)
        evidence = tuple(
            Evidence(e["title"], date.fromisoformat(e["date"]), e.get("url"), e.get("path"),
                     _where(doc, (*base, "evidence", i), e))
            for i, e in enumerate(r.get("evidence", []))
        )
        perspectives = tuple(
            Perspective(p["group"], p["level"], p.get("note", ""),
                        _where(doc, (*base, "perspectives", i), p))
            for i, p in enumerate(r.get("perspectives", []))
        )
        ratings[sid] = Rating(
            sid, r["level"], r["rationale"], r.get("target"), r.get("confidence"), evidence,
            r.get("dissent"), perspectives, _where(doc, base, r),
        )
    return Assessment(
        d["framework"], d["organisation"], d["cycle"], d["status"], participants, ratings,
        _date(d.get("assessed_on")), doc.file, _where(doc, (), d),
    )


def build_action_plan(doc: Document) -> ActionPlan:
    d = doc.data
    actions = []
    for i, a in enumerate(d["actions"]):
        updates = tuple(
            Update(date.fromisoformat(u["date"]), u["note"],
                   _where(doc, ("actions", i, "updates", j), u))
            for j, u in enumerate(a.get("updates", []))
        )
        actions.append(
            Action(
                a["id"], a["title"], tuple(a["statements"]), a["owner"], a["status"],
                a.get("raised_in"), _date(a.get("due")), a.get("measure"), updates,
                _where(doc, ("actions", i), a),
            )
        )
    return ActionPlan(d["organisation"], tuple(actions), doc.file, _where(doc, (), d))


def _extra_checks(doc: Document, kind: str) -> list[Coded]:
    """Well-formedness that JSON Schema cannot say simply."""
    out: list[Coded] = []
    d = doc.data
    if kind == "assessment" and d.get("status") == "agreed" and not d.get("assessed_on"):
        out.append(("E111", Finding(doc.key_at(("status",)),
                                    "an agreed cycle needs `assessed_on`",
                                    "add the date the board agreed the ratings")))
    if kind == "assessment" and isinstance(d.get("ratings"), dict):
        for sid, r in d["ratings"].items():
            for i, e in enumerate(r.get("evidence", []) if isinstance(r, dict) else []):
                if isinstance(e, dict) and "url" not in e and "path" not in e:
                    out.append(("E111", Finding(doc.at(("ratings", sid, "evidence", i)),
                                                "evidence needs a `url` or a `path`",
                                                "link to where a reader can see it")))
    return out


_BUILDERS = {
    "framework": build_framework,
    "organisation": build_organisation,
    "assessment": build_assessment,
    "action-plan": build_action_plan,
}


Reader = Callable[[str], Document]


def load_repository(root: Path, files: Iterable[str] | None = None) -> LoadResult:
    """Read the repository's work tree into a Repository, collecting findings on the way."""
    root = root.resolve()
    rels = list(files) if files is not None else repository_files(root)
    return load_sources(root, rels, lambda rel: read_file(root, rel), snapshot=None)


def load_sources(root: Path, rels: list[str], read: Reader,
                 snapshot: frozenset[str] | None) -> LoadResult:
    """Build a Repository from any source of files (the work tree, or a git commit).

    ``snapshot`` lists every file of a git tree, so that evidence paths are checked against
    that commit rather than the work tree; None means "look on disk under root".
    """
    findings: list[Coded] = []
    built: dict[str, Any] = {}
    cycle_ids: dict[str, list[str]] = {}
    read_count = 0
    for rel in rels:
        kind = kind_of(rel)
        if kind is None:
            continue
        read_count += 1
        if kind == "assessment":
            org = rel.split("/")[1]
            cycle_ids.setdefault(org, []).append(rel.rsplit("/", 1)[1].removesuffix(".yaml"))
        try:
            doc = read(rel)
        except YamlProblem as problem:
            findings.append((problem.code, problem.finding))
            continue
        problems = wellformed.check(doc, kind) + (
            [] if not isinstance(doc.data, dict) else _extra_checks(doc, kind)
        )
        if problems:
            findings.extend(problems)
            continue
        built[rel] = _BUILDERS[kind](doc)
    return LoadResult(_assemble(root, built, cycle_ids, snapshot), findings, read_count)


def _assemble(root: Path, built: dict[str, Any], cycle_ids: dict[str, list[str]],
              snapshot: frozenset[str] | None) -> Repository:
    frameworks: dict[str, Framework] = {}
    orgs: dict[str, Organisation] = {}
    plans: dict[str, ActionPlan] = {}
    cycles: dict[str, list[Assessment]] = {}
    for rel, obj in built.items():
        org_dir = rel.split("/")[1]
        if isinstance(obj, Framework):
            frameworks.setdefault(obj.ref, obj)
        elif isinstance(obj, Organisation):
            orgs[org_dir] = obj
        elif isinstance(obj, ActionPlan):
            plans[org_dir] = obj
        elif isinstance(obj, Assessment):
            cycles.setdefault(org_dir, []).append(obj)
    records: dict[str, OrganisationRecord] = {}
    for org_id in sorted(set(orgs) | set(plans) | set(cycles) | set(cycle_ids)):
        organisation = orgs.get(org_id)
        order = cycle_order(organisation, cycle_ids.get(org_id, []))
        ordered = sorted(
            cycles.get(org_id, []),
            key=lambda a: order.index(_cycle_of(a)) if _cycle_of(a) in order else len(order),
        )
        records[org_id] = OrganisationRecord(org_id, organisation, tuple(ordered),
                                             plans.get(org_id), tuple(order))
    return Repository(root, frameworks, records, snapshot)


def _cycle_of(assessment: Assessment) -> str:
    return assessment.file.rsplit("/", 1)[1].removesuffix(".yaml")


def cycle_order(organisation: Organisation | None, file_cycles: list[str]) -> list[str]:
    """Cycle ids oldest first: the organisation's explicit list, else string order (SPEC 2)."""
    if organisation is not None and organisation.cycles:
        listed = list(organisation.cycles)
        return listed + sorted(c for c in file_cycles if c not in listed)
    return sorted(file_cycles)
