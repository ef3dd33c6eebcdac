"""The page generator: a Repository (with its change log and dates) in, files out.

``generate`` returns ``{docs path: content}``: Markdown pages, the CSV file behind every
chart, and the site's stylesheet. It is pure (no I/O, no MkDocs), so the MkDocs plugin, the
``impactctl site build --stage`` road and the golden-file tests all call the same thing.
This module only dispatches to the page modules; their shared toolkit is ``context``.

The page count grows with organisations, never with organisations x cycles: one page per
organisation holds all of its cycles. The repository is parsed once, by the caller, and
every organisation is scored once, in the Context.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from impactctl.model import OrganisationRecord
from impactctl.site import organisation, reference, system
from impactctl.site.context import (
    Context,
    SiteData,
    main_framework,
    published,
    system_name,
    system_of,
    title_text,
)
from impactctl.site.options import SiteOptions
from impactctl.site.style import STYLESHEET, STYLESHEET_PATH

NAV_GROUP_FROM = 20  # more published organisations than this: the navigation groups them


def generate(data: SiteData, options: SiteOptions) -> dict[str, str]:
    """Every generated file of the site: docs path -> content."""
    ctx = Context(data, options)
    files: dict[str, str] = {STYLESHEET_PATH: STYLESHEET}
    files.update(system.overview(ctx))
    files.update(system.organisations_index(ctx))
    for record in ctx.records:
        files.update(organisation.organisation_page(ctx, record))
    files.update(system.components(ctx))
    files.update(system.action_plans(ctx))
    files.update(reference.framework_pages(ctx))
    files.update(reference.check_pages(ctx, data.rules))
    return files


NavItem = str | dict[str, Any]


def site_nav(
    data: SiteData, options: SiteOptions, generated: Mapping[str, str], handwritten: Sequence[str]
) -> list[NavItem]:
    """A navigation that mirrors the repository: overview, organisations, components,
    framework, action plans, about. Hand-written pages go under About (those in
    ``about/``) or at the end; a hand-written page replaces a generated one of the same
    path."""
    records = published(data.repository, options)
    framework = main_framework(data.repository, records)
    nav: list[NavItem] = [{"Overview": "index.md"}]
    nav.append({"Organisations": ["organisations/index.md", *_organisations_nav(data, records)]})
    if framework is not None:
        comps: list[NavItem] = ["components/index.md"]
        comps += [{title_text(c.title): f"components/{c.id}.md"} for c in framework.components]
        nav.append({"Components": comps})
        fw: list[NavItem] = ["framework/index.md"]
        fw += [{title_text(c.title): f"framework/{c.id}.md"} for c in framework.components]
        nav.append({"Framework": fw})
    nav.append({"Action plans": "action-plans/index.md"})
    about: list[NavItem] = []
    if "about/index.md" in handwritten:
        about.append("about/index.md")
    about += [
        p
        for p in sorted(handwritten, key=lambda p: (p != "about/take-part.md", p))
        if p.startswith("about/")
        and p.endswith(".md")
        and p != "about/index.md"
        and not p.startswith(reference.CHECKS_DIR + "/")
    ]
    checks = sorted(
        p for p in generated if p.startswith(reference.CHECKS_DIR + "/") and p.endswith(".md")
    )
    if checks:
        index = f"{reference.CHECKS_DIR}/index.md"
        rest = [p for p in checks if p != index]
        about.append({"Checks": [index] + [{p.rsplit("/", 1)[1][:-3].upper(): p} for p in rest]})
    if about:
        nav.append({"About": about})
    listed = _paths(nav)
    nav += [p for p in sorted(handwritten) if p.endswith(".md") and p not in listed]
    return nav


def nav_is_grouped(data: SiteData, options: SiteOptions) -> bool:
    return len(published(data.repository, options)) > NAV_GROUP_FROM


def _organisations_nav(data: SiteData, records: Sequence[OrganisationRecord]) -> list[NavItem]:
    """One entry per organisation; past NAV_GROUP_FROM of them, one section per system.

    Material renders the navigation into every page. A flat list of 250 organisations put
    130 KB of links on each page and was a quarter of the build; grouped by system (with
    ``navigation.prune``) a page carries only its own system's organisations.
    """

    def entry(r: OrganisationRecord) -> NavItem:
        return {title_text(r.name): f"organisations/{r.id}.md"}

    if len(records) <= NAV_GROUP_FROM:
        return [entry(r) for r in records]
    groups: dict[str | None, list[OrganisationRecord]] = {}
    for record in records:
        groups.setdefault(system_of(record), []).append(record)
    repo = data.repository
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] is None, system_name(repo, kv[0])))
    return [
        {
            title_text(system_name(repo, system)): [
                entry(r) for r in sorted(members, key=lambda r: (r.id != system, r.name.casefold()))
            ]
        }
        for system, members in ordered
    ]


def _paths(nav: Sequence[NavItem]) -> set[str]:
    out: set[str] = set()
    for item in nav:
        if isinstance(item, str):
            out.add(item)
        else:
            for value in item.values():
                out |= _paths(value) if isinstance(value, list) else {value}
    return out
