"""What ``impactctl diff`` compares: two cycle files, or the repository at two git refs.

Each side is read once, through ``reading.repository.Side`` (a git commit or the work tree),
and nothing that cannot be read is ever compared: a file with a reading, well-formedness
or blocking reference error on either side is reported as "not compared", never as
ratings removed or added.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from impactctl.diagnostics import Diagnostic, ValidationResult
from impactctl.errors import ImpactError
from impactctl.gitio import GitRepo
from impactctl.model import Organisation
from impactctl.reading.files import read_file, read_regular
from impactctl.reading.layout import (
    ACTION_PLAN_FILE,
    ORGANISATION_FILE,
    cycle_id,
    cycle_order,
    kind_of,
)
from impactctl.reading.repository import LoadResult, Shared, Side, at_commit, work_tree
from impactctl.review.comparison import Comparison, compare_cycles, compare_repositories
from impactctl.review.risk import ChecksAboutChange, LevelRow, checks_about_change, level_rows

GITHUB_COMMENT_LIMIT = 65_536


@dataclass(frozen=True)
class NotCompared:
    """A file that could not be read, or fails a blocking check, on one side."""

    side: str  # "base" or "head"
    diagnostic: Diagnostic

    def as_json(self) -> dict[str, Any]:
        d = self.diagnostic
        return {
            "side": self.side,
            "file": d.file,
            "line": d.location.line,
            "column": d.location.column,
            "code": d.code,
            "message": d.message,
        }


@dataclass(frozen=True)
class DiffReport:
    comparison: Comparison
    title: str
    validation: ValidationResult | None = None
    not_compared: tuple[NotCompared, ...] = ()
    rows: tuple[LevelRow, ...] = ()  # every level change, with what a reviewer needs
    checks: ChecksAboutChange | None = None
    base_label: str = ""
    head_label: str = ""
    organisation_names: Mapping[str, str] = field(default_factory=dict)
    level_labels: Mapping[str, str] = field(default_factory=dict)  # level id -> label
    # How the markdown is presented (set by the command line): the most characters it may
    # take, and a link for each code's page ("{code}" is replaced by e.g. "w302").
    limit: int = GITHUB_COMMENT_LIMIT
    codes_url: str | None = None

    @property
    def ok(self) -> bool:
        """False when a file could not be compared: the exit code is then 1."""
        return not self.not_compared

    @property
    def skipped_files(self) -> list[str]:
        return sorted({n.diagnostic.file for n in self.not_compared})


def context_for(
    side: Side, changed: set[str], earlier: int = 1, shared: Shared | None = None
) -> set[str] | None:
    """The files of ``side`` needed to judge ``changed``: each changed organisation's own
    files, the ``earlier`` cycles before each changed cycle in the organisation's order
    (its ``cycles:`` list, read first; the comment looks two back for the previous agreed
    cycle), its latest cycle, and every framework. None (everything) when a framework
    changed, since that can move every rank."""
    if any(rel.startswith("framework/") for rel in changed):
        return None
    orgs = {rel.split("/")[1] for rel in changed if rel.startswith("assessments/")}
    by_org: dict[str, list[str]] = {}
    for rel in side.files:
        parts = rel.split("/")
        if parts[0] == "assessments" and parts[1] in orgs:
            by_org.setdefault(parts[1], []).append(rel)
    own = {f"assessments/{org}/{ORGANISATION_FILE}" for org in by_org} & set(side.files)
    records = side.load(own, shared).repository.organisations if own else {}
    wanted = {rel for rel in side.files if rel.startswith("framework/")}
    for org, rels in by_org.items():
        record = records.get(org)
        wanted |= _around(rels, record.organisation if record else None, changed, earlier)
    return wanted


def _around(
    rels: list[str], organisation: Organisation | None, changed: set[str], earlier: int
) -> set[str]:
    """One organisation's files needed to judge its changed ones, in its cycle order."""
    folder = rels[0].rsplit("/", 1)[0] + "/"
    wanted = {folder + ORGANISATION_FILE, folder + ACTION_PLAN_FILE} & set(rels)
    names = [cycle_id(r) for r in rels if kind_of(r) == "assessment"]
    cycles = [f"{folder}{name}.yaml" for name in cycle_order(organisation, names) if name in names]
    if cycles:
        wanted.add(cycles[-1])
    for i, rel in enumerate(cycles):
        if rel in changed:
            wanted.update(cycles[max(0, i - earlier) : i + 1])
    return wanted


def not_compared(side: str, loaded: LoadResult, files: Collection[str]) -> list[NotCompared]:
    from impactctl.checks.engine import file_problems

    return [NotCompared(side, d) for d in file_problems(loaded, files)]


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


def _cycle_files(root: Path, rels: list[str]) -> Side:
    """The work tree's frameworks and organisations, plus two cycle files (which may lie
    outside the repository: they are read from where they are)."""
    base = work_tree(root)
    outside = {rel for rel in rels if Path(rel).is_absolute()}

    def read(rel: str) -> bytes:
        return read_regular(rel, rel) if rel in outside else read_file(root, rel)

    return Side(root, tuple(dict.fromkeys([*base.files, *rels])), read, None, {})


def diff_cycles(root: Path, old: str, new: str) -> DiffReport:
    """Two cycle files, each a path or ORG/CYCLE."""
    root = root.resolve()
    a_rel, b_rel = _rel(root, old), _rel(root, new)
    side = _cycle_files(root, [a_rel, b_rel])
    context = {r for r in side.files if kind_of(r) in ("framework", "organisation")}
    loaded = side.load(context | {a_rel, b_rel}, kinds={a_rel: "assessment", b_rel: "assessment"})
    broken = [
        n
        for n in not_compared("old", loaded, [a_rel]) + not_compared("new", loaded, [b_rel])
        # A file given by a path outside the repository is not where its contents say.
        if not (n.diagnostic.code == "E208" and Path(n.diagnostic.file).is_absolute())
    ]
    by_file = {a.file: a for a in loaded.repository.assessments}
    a, b = by_file.get(a_rel), by_file.get(b_rel)
    if broken or a is None or b is None:
        return DiffReport(Comparison(()), f"{old} → {new}", not_compared=tuple(broken))
    comparison = compare_cycles(loaded.repository, a, b)
    title = f"{a.organisation} {a.cycle} → {b.organisation} {b.cycle}"
    rows = level_rows(comparison, loaded.repository, loaded.repository)
    return DiffReport(
        comparison,
        title,
        rows=tuple(rows),
        base_label=a.cycle,
        head_label=b.cycle,
        organisation_names=_names(loaded),
        level_labels=_labels(loaded),
    )


def diff_refs(
    root: Path,
    base: str,
    head: str | None,
    *,
    with_checks: bool = True,
    organisation: str | None = None,
    base_label: str | None = None,
    head_label: str | None = None,
) -> DiffReport:
    """The repository at ``base`` against ``head`` (default: the work tree), with the checks
    of the head side when ``with_checks`` (the PR comment shows them).

    Only what changed is compared: git names the changed files, and each side loads those
    plus the context needed to judge them (``context_for``). Each side is read once: the
    head's checks come from the cache, or from the load that the comparison then uses.
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
        checked = None
        if head_sha:
            new_side = at_commit(git, root, head_sha)
        else:
            unchanged = {r: b for r, b in old_side.blob_ids.items() if r not in changed}
            new_side = work_tree(root, unchanged)
        if organisation is not None:
            changed = _one_organisation(changed, organisation, old_side, new_side)
        shared = Shared()  # most context files are the same on both sides
        if with_checks:
            from impactctl.checks.engine import check_side, check_work_tree, finish

            checked = check_work_tree(root) if head_sha is None else check_side(new_side, shared)
            if head_sha is None:
                new_side = work_tree(root, unchanged, checked.contents)
        earlier = 2 if with_checks else 1  # the comment shows the previous agreed cycle
        old = old_side.load(context_for(old_side, changed, earlier, shared), shared)
        if checked is not None and checked.loaded is not None:
            new = checked.loaded  # the whole head was just read to check it
        else:
            new = new_side.load(context_for(new_side, changed, earlier, shared), shared)
        broken = not_compared("base", old, changed) + not_compared("head", new, changed)
        skip = {n.diagnostic.file for n in broken}
        comparison = compare_repositories(old.repository, new.repository, changed, skip)
        validation = checks = None
        if checked is not None:
            validation = finish(checked.diagnostics, checked.files)
            checks = checks_about_change(validation, old, changed, old_side, new_side, skip)
        rows = []  # the rows are the comment's: text and json list the changes alone
        if validation is not None:
            rows = level_rows(comparison, old.repository, new.repository, validation.diagnostics)
    left = base_label or base
    right = head_label or head or "working tree"
    return DiffReport(
        comparison,
        f"Maturity changes: {left} → {right}",
        validation,
        tuple(broken),
        tuple(rows),
        checks,
        left,
        right,
        _names(old, new),
        _labels(new),
    )


def _labels(loaded: LoadResult) -> dict[str, str]:
    return {
        level.id: level.label for fw in loaded.repository.frameworks.values() for level in fw.levels
    }


def _names(*loads: LoadResult) -> dict[str, str]:
    return {
        org: record.name
        for loaded in loads
        for org, record in loaded.repository.organisations.items()
    }


def _one_organisation(changed: set[str], organisation: str, *sides: Side) -> set[str]:
    folder = f"assessments/{organisation}/"
    if not any(rel.startswith(folder) for side in sides for rel in side.files):
        raise ImpactError(
            f"no organisation {organisation!r} in this repository",
            "use the folder name under assessments/",
        )
    return {rel for rel in changed if rel.startswith(folder) or rel.startswith("framework/")}
