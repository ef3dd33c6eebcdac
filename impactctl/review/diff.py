"""What ``impactctl diff`` compares: two cycle files, or the repository at two git refs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from impactctl.diagnostics import ValidationResult
from impactctl.errors import ContentError, ImpactError
from impactctl.gitio import GitRepo
from impactctl.model import Assessment, Repository
from impactctl.reading.build import build_assessment
from impactctl.reading.entries import document_of, findings_of, parse_entry
from impactctl.reading.files import read_file, read_regular
from impactctl.reading.layout import ACTION_PLAN_FILE, ORGANISATION_FILE, kind_of
from impactctl.reading.repository import Shared, Side, at_commit, load_repository, work_tree
from impactctl.reading.yaml import YamlProblem
from impactctl.review.comparison import Comparison, compare_cycles, compare_repositories


@dataclass(frozen=True)
class DiffReport:
    comparison: Comparison
    title: str
    validation: ValidationResult | None = None


def context_for(side: Side, changed: set[str]) -> set[str] | None:
    """The files of ``side`` needed to judge ``changed``: each changed organisation's own
    files, the cycle before each changed cycle, its latest cycle, and every framework.
    None (everything) when a framework changed, since that can move every rank."""
    if any(rel.startswith("framework/") for rel in changed):
        return None
    orgs = {rel.split("/")[1] for rel in changed if rel.startswith("assessments/")}
    by_org: dict[str, list[str]] = {}
    wanted = {rel for rel in side.files if rel.startswith("framework/")}
    for rel in side.files:
        parts = rel.split("/")
        if parts[0] == "assessments" and parts[1] in orgs:
            by_org.setdefault(parts[1], []).append(rel)
    for org, rels in by_org.items():
        folder = f"assessments/{org}/"
        wanted |= {folder + ORGANISATION_FILE, folder + ACTION_PLAN_FILE} & set(rels)
        cycles = sorted(r for r in rels if kind_of(r) == "assessment")
        if cycles:
            wanted.add(cycles[-1])
        for i, rel in enumerate(cycles):
            if rel in changed:
                wanted.add(rel)
                if i > 0:
                    wanted.add(cycles[i - 1])
    return wanted


_ORG_CYCLE = re.compile(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*")


def _rel(root: Path, spec: str) -> str:
    path = Path(spec)
    if path.is_file():
        real = path.resolve()
        if real.is_relative_to(root):
            return real.relative_to(root).as_posix()
        return str(real)
    if _ORG_CYCLE.fullmatch(spec):
        rel = f"assessments/{spec}.yaml"
        if (root / rel).is_file():
            return rel
    raise ImpactError(
        f"{spec!r} is neither a cycle file nor ORG/CYCLE of this repository",
        "e.g. `impactctl diff example-trust/2024-25 example-trust/2025-26`",
    )


def _assessment(repo: Repository, root: Path, rel: str) -> Assessment:
    for a in repo.assessments:
        if a.file == rel:
            return a
    try:
        raw = read_regular(rel, rel) if Path(rel).is_absolute() else read_file(root, rel)
    except YamlProblem as problem:
        raise ContentError(
            f"{problem.finding.location}: {problem.code} {problem.finding.message}"
        ) from None
    entry = parse_entry(raw, rel, "assessment")
    doc = document_of(entry, rel)
    if doc is None:
        code, finding = findings_of(entry)[0]
        raise ContentError(
            f"{finding.location}: {code} {finding.message}",
            "run `impactctl validate` for every problem",
        )
    return build_assessment(doc)


def diff_cycles(root: Path, old: str, new: str) -> DiffReport:
    repo = load_repository(root).repository
    a = _assessment(repo, root, _rel(root, old))
    b = _assessment(repo, root, _rel(root, new))
    comparison: Comparison = compare_cycles(repo, a, b)
    title = f"{a.organisation} {a.cycle} → {b.organisation} {b.cycle}"
    return DiffReport(comparison, title)


def diff_refs(root: Path, base: str, head: str | None, *, with_checks: bool = True) -> DiffReport:
    """The repository at ``base`` against ``head`` (default: the work tree), with the checks
    of the head side when ``with_checks`` (the PR comment shows them).

    Only what changed is compared: git names the changed files, and each side loads those
    plus the context needed to judge them (see ``revisions.context_for``).
    """
    root = root.resolve()
    with GitRepo(root) as git:
        # Only the two commits are needed; an unknown ref in a shallow clone is explained
        # by verify(), so nothing is ever compared against a missing base.
        base_sha = git.verify(base)
        head_sha = git.verify(head) if head is not None else None
        prefix = git.prefix_of(root)
        scope = [f"{prefix}assessments", f"{prefix}framework"]
        changed = {p[len(prefix) :] for p in git.changed_paths(base_sha, head_sha, *scope)}
        old_side = at_commit(git, root, base_sha)
        if head_sha:
            new_side = at_commit(git, root, head_sha)
        else:
            unchanged = {r: b for r, b in old_side.blob_ids.items() if r not in changed}
            new_side = work_tree(root, unchanged)
        shared = Shared()  # most context files are the same on both sides
        old = old_side.load(context_for(old_side, changed), shared)
        new = new_side.load(context_for(new_side, changed), shared)
        validation = None
        if with_checks:
            from impactctl.checks.engine import diagnose, finish, validate  # the checks are heavy

            if head_sha is None:
                validation = validate(root)
            else:
                whole = new_side.load()
                validation = finish(diagnose(whole), whole.files_read)
    comparison = compare_repositories(old.repository, new.repository)
    title = f"Maturity changes: {base} → {head or 'working tree'}"
    return DiffReport(comparison, title, validation)
