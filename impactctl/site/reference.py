"""Reference pages: the framework itself, and one page per validation code."""

from __future__ import annotations

from collections.abc import Sequence

from impactctl.checks.rules import Rule
from impactctl.site.context import FRONT_MATTER, Context, heading, md_text, page
from impactctl.site.html import Table, block, level_chip, link
from impactctl.site.markdown import text as esc
from impactctl.site.measures import NO_VALUE, plural
from impactctl.site.revisions import versions_table

CHECKS_DIR = "about/checks"


def framework_pages(ctx: Context) -> dict[str, str]:
    fw = ctx.framework
    if fw is None:
        return {}
    path = "framework/index.md"
    source = (
        link(fw.source, "the published framework")
        if fw.source.startswith("https://")
        else esc(fw.source)
    )
    intro = (
        f"<p>Version {esc(fw.version)}: {esc(plural(len(fw.components), 'component'))}, "
        f"{esc(plural(len(fw.statements), 'statement'))} and "
        f"{esc(plural(len(fw.levels), 'maturity level'))}. Source: {source}.</p>"
        f"<p>{esc(fw.licence)}</p>"
    )
    levels = Table(
        "levels-table",
        "Maturity levels, lowest first",
        ["Rank", "Level", "What it looks like"],
        [
            [str(lv.rank), level_chip(lv.rank, lv.label, len(fw.levels)), lv.description]
            for lv in fw.levels
        ],
        row_headers=True,
    ).render()
    comps = Table(
        "framework-components-table",
        "Components and their statements",
        ["Component", "Statements", "What it is about"],
        [
            [
                link(ctx.href(path, f"framework/{c.id}.md"), c.title),
                ", ".join(s.id for s in c.statements),
                c.summary,
            ]
            for c in fw.components
        ],
    ).render()
    others = [f for ref, f in sorted(ctx.repo.frameworks.items()) if ref != fw.ref]
    blocks = [
        block(ctx.changed("framework"), intro),
        heading(2, "Levels", "levels"),
        block(levels),
        heading(2, "Components", "components"),
        block(comps),
    ]
    if others or fw.migrates_from is not None:
        blocks.append(heading(2, "Versions", "versions"))
        blocks.append(
            block(
                "<p>Every framework version in this repository is published, with what "
                "moved between versions.</p>",
                versions_table(ctx, path),
            )
        )
    files = {path: page(fw.title, *blocks)}
    for c in fw.components:
        cpath = f"framework/{c.id}.md"
        parts = [
            block(
                ctx.changed("framework"),
                f"<p>{esc(c.summary)}</p>",
                "<p>"
                + link(
                    ctx.href(cpath, f"components/{c.id}.md"),
                    "How the organisations rate themselves on this component",
                )
                + ".</p>",
            )
        ]
        for s in c.statements:
            anchor = "statement-" + s.id.replace(".", "-")
            rows = [
                [level_chip(lv.rank, lv.label, len(fw.levels)), s.descriptors.get(lv.id, NO_VALUE)]
                for lv in fw.levels
            ]
            parts += [
                heading(2, f"Statement {s.id}", anchor),
                block(
                    f'<p class="impact-statement__text">{esc(s.text)}</p>',
                    f"<p><strong>How to assess it:</strong> {esc(s.guidance)}</p>"
                    if s.guidance
                    else "",
                    Table(
                        f"{anchor}-levels",
                        f"Statement {s.id}: what each level looks like",
                        ["Level", "What it looks like"],
                        rows,
                        scroll=False,
                    ).render(),
                ),
            ]
        files[cpath] = page(c.title, *parts)
    return files


def check_path(code: str) -> str:
    return f"{CHECKS_DIR}/{code.lower()}.md"


def check_pages(ctx: Context, rules: Sequence[Rule]) -> dict[str, str]:
    if not rules:
        return {}
    index = f"{CHECKS_DIR}/index.md"
    files: dict[str, str] = {}
    groups: dict[str, list[Rule]] = {}
    for rule in rules:
        groups.setdefault(rule.group, []).append(rule)
    blocks = [
        block(
            ctx.changed(),
            "<p><code>impactctl validate</code> runs these checks on "
            "every pull request. Errors stop a change; warnings ask the group to look "
            "again at the quality of the reflection.</p>",
        )
    ]
    for n, (group, members) in enumerate(groups.items(), start=1):
        blocks.append(heading(2, group, f"group-{n}"))
        blocks.append(
            block(
                Table(
                    f"checks-{n}",
                    f"Checks: {group.lower()}",
                    ["Code", "Severity", "What it checks"],
                    [
                        [
                            link(ctx.href(index, check_path(r.code)), r.code),
                            r.severity.value,
                            r.title,
                        ]
                        for r in members
                    ],
                ).render()
            )
        )
    files[index] = page("Checks", *blocks)
    for rule in rules:
        # The rule's docstring is impactctl's own Markdown, published as written.
        meta = block(
            ctx.changed(),
            f'<p class="impact-meta">{esc(rule.severity.value.title())}'
            f" · {esc(rule.group)} · "
            + link(ctx.href(check_path(rule.code), index), "all checks")
            + "</p>",
        )
        files[check_path(rule.code)] = (
            f"{FRONT_MATTER}# {md_text(rule.code)}: {md_text(rule.title)}\n\n{meta}\n{rule.doc}\n"
        )
    return files
