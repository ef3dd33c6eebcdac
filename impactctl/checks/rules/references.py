"""E200-E213: references between files must hold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from impactctl.checks.registry import check
from impactctl.diagnostics import Finding, Location
from impactctl.model import NOT_ASSESSED, Framework, Repository, Where
from impactctl.reading.layout import cycle_id
from impactctl.reading.wellformed import suggest


def _hint(word: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    return suggest(word, choices) or f"known: {', '.join(sorted(choices))}"


@check("E201", "Unknown framework or version")
def unknown_framework(repo: Repository) -> Iterator[Finding]:
    """
    An assessment names a framework (`framework: nhs-impact@2024.1`) that is not in the
    repository's `framework/` folder, or names a version that folder does not hold.

    **Why it matters:** levels and statements are only meaningful against the framework
    they were rated on.

    **How to fix:** correct the reference, or add the framework file under
    `framework/<id>/framework.yaml`.
    """
    if any(rel.startswith("framework/") for rel in repo.broken):
        return  # the reference may be to the framework that could not be read
    for a in repo.assessments:
        if a.framework not in repo.frameworks:
            yield Finding(
                a.where.of("framework"),
                f"unknown framework {a.framework!r}",
                _hint(a.framework, set(repo.frameworks)),
            )


@check("E202", "Unknown statement")
def unknown_statement(repo: Repository) -> Iterator[Finding]:
    """
    A rating is given for a statement id that the framework does not have.

    **Why it matters:** a rating of a statement that does not exist is never shown or
    compared, so the discussion behind it is lost.

    **How to fix:** use the statement ids of the framework (see the framework reference
    pages); the message suggests the closest.
    """
    for a in repo.assessments:
        fw = repo.framework_for(a)
        if fw is None:
            continue
        known = fw.statements
        for sid, rating in a.ratings.items():
            if sid not in known:
                yield Finding(
                    rating.where.at, f"statement {sid!r} is not in {fw.ref}", _hint(sid, set(known))
                )


def _level_findings(
    fw: Framework, value: str | None, where: Where, what: str, allow_not_assessed: bool
) -> Iterator[Finding]:
    if value is None or value in fw.level_ids:
        return  # the common case: no position is looked up
    if allow_not_assessed and value == NOT_ASSESSED:
        return
    choices = list(fw.level_ids) + ([NOT_ASSESSED] if allow_not_assessed else [])
    yield Finding(
        where.of(what.rsplit(" ", 1)[-1]),
        f"{what} {value!r} is not a level of {fw.ref}",
        _hint(value, choices),
    )


@check("E203", "Unknown level")
def unknown_level(repo: Repository) -> Iterator[Finding]:
    """
    A `level`, `target` or perspective level is not one of the framework's levels
    (for NHS IMPACT: emerging, developing, established, embedded, leading). Only `level`
    may also be `not-assessed`.

    **Why it matters:** an unknown level cannot be placed on the maturity scale, so it
    cannot be charted or compared. This is also where `level: no` ends up: impactctl reads
    YAML 1.2, so `no` is the word "no", not "false".

    **How to fix:** use one of the level ids in the message.
    """
    for a in repo.assessments:
        fw = repo.framework_for(a)
        if fw is None:
            continue
        for r in a.ratings.values():
            yield from _level_findings(fw, r.level, r.where, "level", True)
            yield from _level_findings(fw, r.target, r.where, "target", False)
            for p in r.perspectives:
                yield from _level_findings(
                    fw, p.level, p.where, f"{p.group} perspective level", False
                )


@check("E204", "Statement not rated")
def statement_not_rated(repo: Repository) -> Iterator[Finding]:
    """
    A statement of the framework has no rating in the cycle.

    **Why it matters:** NHS IMPACT asks for an honest view on every part of the matrix.
    A silent gap reads as "fine"; a recorded `not-assessed` with a reason reads as a gap.

    **How to fix:** add the statement, or record `level: not-assessed` with a rationale that
    says why it was not discussed.
    """
    for a in repo.assessments:
        fw = repo.framework_for(a)
        if fw is None:
            continue
        missing = [sid for sid in fw.statements if sid not in a.ratings]
        if missing:
            yield Finding(
                a.where.of("ratings"),
                f"not rated: {', '.join(missing)}",
                "rate each statement, or give `level: not-assessed` and say why",
            )


@check("E205", "Duplicate action id")
def duplicate_action(repo: Repository) -> Iterator[Finding]:
    """
    Two actions in one action plan share an id.

    **Why it matters:** the id is how updates, history and the published site refer to an
    action; two actions with one id merge their history.

    **How to fix:** give the later action the next free id.
    """
    for record in repo.organisations.values():
        if record.action_plan is None:
            continue
        seen: dict[str, int] = {}
        for action in record.action_plan.actions:
            if action.id in seen:
                yield Finding(
                    action.where.of("id"),
                    f"action id {action.id!r} is used twice (first at line {seen[action.id]})",
                    "give this action a new id",
                )
            else:
                seen[action.id] = action.where.of("id").line


@check("E206", "Action points at an unknown statement")
def action_unknown_statement(repo: Repository) -> Iterator[Finding]:
    """
    An action lists a statement id that is not in any framework the organisation's cycles
    use.

    **Why it matters:** the link from an action to the statements it improves is how the
    site shows progress against the gaps the self-assessment found.

    **How to fix:** use statement ids from the framework.
    """
    for record in repo.organisations.values():
        if record.action_plan is None:
            continue
        refs = {a.framework for a in record.cycles} or set(repo.frameworks)
        known = {
            sid for ref in refs if ref in repo.frameworks for sid in repo.frameworks[ref].statements
        }
        if not known:
            continue
        for action in record.action_plan.actions:
            for sid in action.statements:
                if sid not in known:
                    yield Finding(
                        action.where.of("statements"),
                        f"action {action.id} lists unknown statement {sid!r}",
                        _hint(sid, known),
                    )


@check("E207", "Action points at an unknown cycle")
def action_unknown_cycle(repo: Repository) -> Iterator[Finding]:
    """
    An action's `raised_in` names a cycle the organisation does not have.

    **How to fix:** use the id of the cycle file the action came out of (e.g. `2025-26`).
    """
    for record in repo.organisations.values():
        if record.action_plan is None:
            continue
        for action in record.action_plan.actions:
            if action.raised_in is not None and action.raised_in not in record.cycle_ids:
                yield Finding(
                    action.where.of("raised_in"),
                    f"no cycle {action.raised_in!r} for {record.id}",
                    _hint(action.raised_in, record.cycle_ids or ("(none)",)),
                )


@check("E208", "File disagrees with its path")
def path_mismatch(repo: Repository) -> Iterator[Finding]:
    """
    The `organisation` (or `id`) or `cycle` written inside a file disagrees with the folder
    and file name it sits in (`assessments/<org-id>/<cycle-id>.yaml`).

    **Why it matters:** copying last year's file and forgetting to edit the header is easy,
    and would publish one organisation's ratings under another's name.

    **How to fix:** make the field match the path, or move the file.
    """
    for org_id, record in repo.organisations.items():
        if record.organisation and record.organisation.id != org_id:
            yield Finding(
                record.organisation.where.of("id"),
                f"id {record.organisation.id!r} but the folder is {org_id!r}",
            )
        if record.action_plan and record.action_plan.organisation != org_id:
            yield Finding(
                record.action_plan.where.of("organisation"),
                f"organisation {record.action_plan.organisation!r} but the folder is {org_id!r}",
            )
        for a in record.cycles:
            if a.organisation != org_id:
                yield Finding(
                    a.where.of("organisation"),
                    f"organisation {a.organisation!r} but the folder is {org_id!r}",
                )
            file_cycle = cycle_id(a.file)
            if a.cycle != file_cycle:
                yield Finding(
                    a.where.of("cycle"), f"cycle {a.cycle!r} but the file is {file_cycle}.yaml"
                )


@check("E209", "Unknown or missing organisation")
def organisation_reference(repo: Repository) -> Iterator[Finding]:
    """
    An organisation's `system` names an organisation the repository does not have, or an
    `assessments/<org-id>/` folder has no `organisation.yaml`.

    **How to fix:** add the missing `organisation.yaml`, or correct the `system` id.
    """
    for org_id, record in repo.organisations.items():
        org = record.organisation
        if org is None:
            if f"assessments/{org_id}/organisation.yaml" in repo.broken:
                continue  # it exists; its own errors are reported
            first = (
                record.cycles[0].file
                if record.cycles
                else (record.action_plan.file if record.action_plan else f"assessments/{org_id}")
            )
            if record.cycles or record.action_plan:
                yield Finding(
                    Location(first),
                    f"assessments/{org_id}/ has no organisation.yaml",
                    "add one (see `impactctl init`)",
                )
            continue
        if org.system is not None and org.system not in repo.organisations:
            yield Finding(
                org.where.of("system"),
                f"unknown system {org.system!r}",
                _hint(org.system, set(repo.organisations)),
            )


@check("E210", "Evidence path missing or outside the repository")
def evidence_path(repo: Repository) -> Iterator[Finding]:
    """
    An evidence `path` does not exist in the repository, or leaves it (`../`, an absolute
    path, or a link that points outside).

    **Why it matters:** reviewers and readers of the published site must be able to open
    the evidence; a path outside the repository could publish files that were never meant
    to be shared.

    **How to fix:** commit the evidence file into the repository (for example under
    `evidence/`) and give its path relative to the repository root, or use a `url`.
    """
    root = repo.root.resolve()
    for a in repo.assessments:
        for r in a.ratings.values():
            for e in r.evidence:
                if e.path is None:
                    continue
                path = PurePosixPath(e.path)
                inside = not path.is_absolute() and ".." not in path.parts
                if inside and repo.snapshot is None:
                    # On disk a symlink can still lead out; resolve and look.
                    inside = (root / e.path).resolve().is_relative_to(root)
                if not inside:
                    yield Finding(
                        e.where.of("path"),
                        f"evidence path {e.path!r} must stay inside the repository",
                        "give a path from the repository root, without '..'",
                    )
                elif not repo.has_file(path.as_posix()):
                    yield Finding(e.where.of("path"), f"evidence path {e.path!r} does not exist")


@check("E211", "Cycle list and cycle files disagree")
def cycle_list(repo: Repository) -> Iterator[Finding]:
    """
    `organisation.yaml` lists its cycles (to fix their order) but the list and the cycle
    files disagree: a listed cycle has no file, or a file is not listed.

    **How to fix:** add the cycle to `cycles`, or remove it from the list.
    """
    for org_id, record in repo.organisations.items():
        org = record.organisation
        if org is None or not org.cycles:
            continue  # no list (or an empty one): cycles sort by their ids
        files = set(record.cycle_ids) - set(org.cycles)
        for cycle in sorted(files):
            yield Finding(
                org.where.of("cycles"),
                f"assessments/{org_id}/{cycle}.yaml is not listed in `cycles`",
                "add it where it belongs in time order",
            )
        for cycle in org.cycles:
            if cycle not in record.cycle_ids:
                yield Finding(
                    org.where.of("cycles"),
                    f"cycle {cycle!r} is listed but has no file",
                    "if `impactctl cycle new` was stopped, run it again to finish",
                )


@check("E212", "Framework is inconsistent")
def framework_consistency(repo: Repository) -> Iterator[Finding]:
    """
    Inside a framework file: a level, component or statement id is used twice, or a
    statement's `descriptors` do not describe exactly the framework's levels.

    **Why it matters:** the descriptors are what people read to choose a level; a missing
    one leaves a level undefined for that statement.

    **How to fix:** give each id once, and one descriptor per level.
    """
    for fw in repo.frameworks.values():
        for label, ids in (
            ("level", [(lv.id, lv.where) for lv in fw.levels]),
            ("component", [(c.id, c.where) for c in fw.components]),
            ("statement", [(s.id, s.where) for c in fw.components for s in c.statements]),
        ):
            seen: set[str] = set()
            for ident, where in ids:
                if ident in seen:
                    yield Finding(where.of("id"), f"{label} id {ident!r} is used twice")
                seen.add(ident)
        levels = set(fw.level_ids)
        for statement in fw.statements.values():
            described = set(statement.descriptors)
            for level in sorted(levels - described):
                yield Finding(
                    statement.where.of("descriptors"),
                    f"statement {statement.id} has no descriptor for {level!r}",
                )
            for level in sorted(described - levels):
                yield Finding(
                    statement.where.of("descriptors"),
                    f"statement {statement.id} describes unknown level {level!r}",
                    _hint(level, levels),
                )


@check("E213", "Framework migration names an unknown statement")
def migration_targets(repo: Repository) -> Iterator[Finding]:
    """
    A framework's `migrates_from.statements` maps an old statement onto an id that the new
    framework does not have.

    **Why it matters:** the mapping is how history stays comparable when the framework is
    revised; a wrong target turns a renamed statement into a deleted one.

    **How to fix:** map each old id to a statement of this framework, or to `null` if it was
    removed.
    """
    for fw in repo.frameworks.values():
        if fw.migrates_from is None:
            continue
        for old, new in fw.migrates_from.statements.items():
            if new is not None and new not in fw.statements:
                yield Finding(
                    fw.where.of("migrates_from"),
                    f"{old!r} is mapped to {new!r}, which is not in {fw.ref}",
                    _hint(new, set(fw.statements)),
                )
