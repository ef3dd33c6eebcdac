"""E214-E216: what the framework files say must be one unambiguous framework per version.

A framework defines what every level and statement means; if two files can claim one
version, or two statement ids can name one place in the matrix, a rating can change
meaning without any cycle file changing.
"""

from __future__ import annotations

from collections.abc import Iterator

from impactctl.checks.registry import check
from impactctl.diagnostics import Finding
from impactctl.model import Repository
from impactctl.reading.layout import statement_key
from impactctl.reading.wellformed import suggest


@check("E214", "Two definitions of one framework version")
def framework_defined_twice(repo: Repository) -> Iterator[Finding]:
    """
    Two framework files (`framework/<folder>/framework.yaml`) give the same `id` and
    `version`. Each definition is reported, naming the other.

    **Why it matters:** a cycle names its framework as `id@version`. A second definition
    of the same version can change every level's meaning, order or descriptors, and so
    re-score every cycle that uses it, while `validate` and the pull-request diff show no
    change to any rating.

    **How to fix:** give a revised framework a new `version` (and a `migrates_from` that
    maps the old statement ids), or delete the copy.
    """
    for used in repo.frameworks.values():
        copies = [fw for fw in repo.shadowed if fw.ref == used.ref]
        if not copies:
            continue
        every = [used, *copies]
        for fw in every:
            others = ", ".join(o.where.file for o in every if o is not fw)
            yield Finding(
                fw.where.of("version"),
                f"{fw.ref} is also defined in {others}",
                "give a revised framework a new `version`, or delete the copy",
            )


@check("E215", "Framework migrates from an unknown framework")
def migration_source(repo: Repository) -> Iterator[Finding]:
    """
    A framework's `migrates_from.framework` names an `id@version` that is not in the
    repository's `framework/` folder, or names the framework itself.

    **Why it matters:** the migration maps the statement ids of an earlier version onto
    this one, so that history stays comparable across a revision. Against a framework
    that is not there, the mapping is never used, and every renamed statement looks like
    a deletion and an addition.

    **How to fix:** name the earlier version exactly as its `framework.yaml` gives it
    (`nhs-impact@2024.1`), and keep that file in the repository while any cycle uses it.
    """
    if any(rel.startswith("framework/") for rel in repo.broken):
        return  # the earlier version may be the file that could not be read
    for fw in repo.frameworks.values():
        if fw.migrates_from is None:
            continue
        source = fw.migrates_from.framework
        where = fw.where._replace(path=("migrates_from",)).of("framework")
        if source == fw.ref:
            yield Finding(where, f"{fw.ref} migrates from itself", "name the earlier version")
        elif source not in repo.frameworks:
            others = set(repo.frameworks) - {fw.ref}
            yield Finding(
                where,
                f"{fw.ref} migrates from {source!r}, which is not in framework/",
                suggest(source, others) or "add the earlier version's framework.yaml",
            )


@check("E216", "Statement ids that are the same number")
def statement_ids_collide(repo: Repository) -> Iterator[Finding]:
    """
    Two statement ids of one framework differ as text but are the same dotted number:
    `1.1`, `01.1` and `1.01` all read as component 1, statement 1.

    **Why it matters:** statements are put in order, and matched across cycles, by their
    numbers. Two ids with one number sort as one place in the matrix, so the site and the
    comparisons can show one statement's rating under the other.

    **How to fix:** write statement ids without leading zeros (`1.1`), and give each
    statement its own number.
    """
    for fw in repo.frameworks.values():
        seen: dict[tuple[int, ...], str] = {}
        for statement in (s for c in fw.components for s in c.statements):
            key = statement_key(statement.id)
            first = seen.setdefault(key, statement.id)
            if first != statement.id:
                yield Finding(
                    statement.where.of("id"),
                    f"statement id {statement.id!r} is the same number as {first!r}",
                    "write statement ids without leading zeros, one number per statement",
                )
