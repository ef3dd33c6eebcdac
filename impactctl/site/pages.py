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

from impactctl.model import Framework, OrganisationRecord
from impactctl.site import (
    actions,
    components,
    organisation,
    overview,
    reference,
    revisions,
    systems,
)
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
from impactctl.site.scale import by_system
from impactctl.site.style import STYLESHEET, STYLESHEET_PATH


def generate(data: SiteData, options: SiteOptions) -> dict[str, str]:
    """Every generated file of the site: docs path -> content."""
    ctx = Context(data, options)
    files: dict[str, str] = {STYLESHEET_PATH: STYLESHEET}
    files.update(overview.overview(ctx))
    files.update(overview.organisations_index(ctx))
    for record in ctx.records:
        files.update(organisation.organisation_page(ctx, record))
    files.update(systems.system_pages(ctx))
    files.update(components.components(ctx))
    files.update(actions.action_plans(ctx))
    files.update(reference.framework_pages(ctx))
    if len(ctx.repo.frameworks) > 1 or any(f.migrates_from for f in ctx.repo.frameworks.values()):
        files.update(revisions.version_pages(ctx))
    files.update(reference.check_pages(ctx, data.rules))
    return files


NavItem = str | dict[str, Any]


def site_nav(
    data: SiteData, options: SiteOptions, generated: Mapping[str, str], handwritten: Sequence[str]
) -> list[NavItem]:
    """A navigation for stakeholders: overview, organisations, systems, components,
    framework, action plans, about. Hand-written pages go under About (those in ``about/``)
    or at the end; a hand-written page replaces a generated one of the same path. The
    validation-code pages are built (editors follow links to them) but are not listed:
    they are for the people who edit the YAML, not for the readers of the results."""
    records = published(data.repository, options)
    framework = main_framework(data.repository, records)
    nav: list[NavItem] = [{"Overview": "index.md"}]
    nav.append({"Organisations": ["organisations/index.md", *_organisations_nav(data, records)]})
    system_pages = sorted(p for p in generated if p.startswith("systems/") and p.endswith(".md"))
    if system_pages:
        nav.append({"Systems": [_system_entry(data, p) for p in system_pages]})
    if framework is not None:
        comps = _component_nav("components", framework)
        seen = {framework.id}
        for _, fw in sorted(data.repository.frameworks.items(), reverse=True):  # newest first
            folder = f"components/{fw.id}"
            if fw.id not in seen and f"{folder}/index.md" in generated:
                seen.add(fw.id)
                pages = [
                    p
                    for p in _component_nav(folder, fw)
                    if str(p) in generated or isinstance(p, dict)
                ]
                comps.append({title_text(fw.title): pages})
        nav.append({"Components": comps})
    nav.append({"Framework": _framework_nav(data, generated, framework)})
    nav.append({"Action plans": "action-plans/index.md"})
    about = _about_nav(handwritten)
    if about:
        nav.append({"About": about})
    listed = _paths(nav)
    nav += [
        p
        for p in sorted(handwritten)
        if p.endswith(".md") and p not in listed and not p.startswith(reference.CHECKS_DIR + "/")
    ]
    return nav


def _system_entry(data: SiteData, path: str) -> NavItem:
    system = path.removeprefix("systems/").removesuffix(".md")
    return {title_text(system_name(data.repository, system)): path}


def _component_nav(folder: str, framework: Framework) -> list[NavItem]:
    items: list[NavItem] = [f"{folder}/index.md"]
    items += [{title_text(c.title): f"{folder}/{c.id}.md"} for c in framework.components]
    return items


def _framework_nav(
    data: SiteData, generated: Mapping[str, str], framework: Framework | None
) -> list[NavItem]:
    items: list[NavItem] = ["framework/index.md"]
    if framework is not None:
        items += _component_nav("framework", framework)[1:]
    versions = sorted(
        p for p in generated if p.startswith("framework/versions/") and p.endswith(".md")
    )
    if versions:
        items.append({"Versions": versions})
    return items


def _about_nav(handwritten: Sequence[str]) -> list[NavItem]:
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
    return about


def nav_is_grouped(data: SiteData, options: SiteOptions) -> bool:
    return by_system(len(published(data.repository, options)))


def _organisations_nav(data: SiteData, records: Sequence[OrganisationRecord]) -> list[NavItem]:
    """One entry per organisation; past scale.NAV_GROUP_FROM of them, one section per system.

    Material renders the navigation into every page. A flat list of 250 organisations put
    130 KB of links on each page and was a quarter of the build; grouped by system (with
    ``navigation.prune``) a page carries only its own system's organisations.
    """

    def entry(r: OrganisationRecord) -> NavItem:
        return {title_text(r.name): f"organisations/{r.id}.md"}

    if not by_system(len(records)):
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
