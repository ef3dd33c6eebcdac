"""Framework revisions on the site: an earlier cycle's levels read in a later framework's
statement ids (``migrates_from``), and a page per framework version saying what moved."""

from __future__ import annotations

from collections.abc import Mapping

from impactctl.model import Framework
from impactctl.site.context import Context, heading, page
from impactctl.site.html import Table, block, level_chip, link
from impactctl.site.markdown import text as esc
from impactctl.site.measures import NO_VALUE, plural

VERSIONS_DIR = "framework/versions"


def migrated(levels: Mapping[str, str], old: Framework, new: Framework) -> Mapping[str, str]:
    """``levels`` (statement id -> level id, in ``old``'s ids) in ``new``'s ids, when
    ``new`` says how it migrates from ``old``; otherwise unchanged."""
    move = new.migrates_from
    if old.ref == new.ref or move is None or move.framework != old.ref:
        return levels
    out: dict[str, str] = {}
    for sid, level in levels.items():
        target = move.statements.get(sid, sid)
        if target is not None:
            out[target] = level
    return out


def version_path(fw: Framework) -> str:
    return f"{VERSIONS_DIR}/{fw.id}-{fw.version.replace('.', '-')}.md"


def moves(fw: Framework, frameworks: Mapping[str, Framework]) -> list[list[object]]:
    """What moved from the version ``fw`` migrates from: renumbered, removed, new."""
    move = fw.migrates_from
    if move is None:
        return []
    old = frameworks.get(move.framework)
    rows: list[list[object]] = []
    for old_id, new_id in sorted(move.statements.items()):
        if new_id is None:
            rows.append([old_id, NO_VALUE, "removed"])
        elif new_id != old_id:
            rows.append([old_id, new_id, "renumbered"])
    if old is not None:
        carried = {move.statements.get(s, s) for s in old.statements}
        rows += [[NO_VALUE, s, "new"] for s in fw.statements if s not in carried]
    return rows


def version_pages(ctx: Context) -> dict[str, str]:
    """One page per framework version in the repository (every framework id is published),
    and the index of versions."""
    frameworks = dict(ctx.repo.frameworks)
    files: dict[str, str] = {}
    for fw in frameworks.values():
        files[version_path(fw)] = _version_page(ctx, fw, frameworks)
    return files


def versions_table(ctx: Context, source: str) -> str:
    frameworks = dict(ctx.repo.frameworks)
    rows = [
        [
            link(ctx.href(source, version_path(fw)), f"{fw.title}, version {fw.version}"),
            fw.id,
            plural(len(fw.statements), "statement"),
            (
                f"from {fw.migrates_from.framework}: "
                + plural(len(moves(fw, frameworks)), "statement")
                + " moved"
                if fw.migrates_from
                else NO_VALUE
            ),
        ]
        for _, fw in sorted(frameworks.items())
    ]
    return Table(
        "framework-versions-table",
        "Framework versions in this repository",
        ["Version", "Framework id", "Statements", "Revision of"],
        rows,
    ).render()


def _version_page(ctx: Context, fw: Framework, frameworks: Mapping[str, Framework]) -> str:
    users = sorted(r.name for r in ctx.records if any(a.framework == fw.ref for a in r.cycles))
    blocks = [
        block(
            ctx.changed("framework"),
            f"<p>{esc(fw.title)}, version {esc(fw.version)} (<code>{esc(fw.ref)}</code>): "
            f"{esc(plural(len(fw.components), 'component'))}, "
            f"{esc(plural(len(fw.statements), 'statement'))}. "
            + (
                f"Used by {esc(', '.join(users))}."
                if users
                else "No published review cycle uses it."
            )
            + "</p>",
        )
    ]
    rows = moves(fw, frameworks)
    if fw.migrates_from is not None:
        blocks.append(heading(2, "What moved", "what-moved"))
        blocks.append(
            block(
                f"<p>A revision of {esc(fw.migrates_from.framework)}. Levels from review "
                "cycles under the earlier version are shown against the new numbers.</p>",
                Table(
                    "what-moved-table",
                    f"Statements that moved from {fw.migrates_from.framework}",
                    ["Before", "Now", "What happened"],
                    rows,
                ).render()
                if rows
                else "<p>No statement moved.</p>",
            )
        )
    levels = [[level_chip(lv.rank, lv.label, len(fw.levels)), lv.description] for lv in fw.levels]
    blocks += [
        heading(2, "Levels", "levels"),
        block(
            Table(
                "version-levels", "Levels, lowest first", ["Level", "What it means"], levels
            ).render()
        ),
    ]
    for c in fw.components:
        blocks.append(heading(2, c.title, f"component-{c.id}"))
        blocks.append(
            block(
                Table(
                    f"version-{c.id}",
                    f"{c.title}: statements",
                    ["Statement", "Title", "Text"],
                    [[s.id, s.short_title, s.text] for s in c.statements],
                ).render()
            )
        )
    return page(f"{fw.title} {fw.version}", *blocks)
