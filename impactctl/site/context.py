"""The page toolkit: what every page module needs, and nothing that dispatches.

``SiteData`` is everything the pages are made from (read once by the caller); ``Context``
is what is worked out from it once per build (the published organisations, their scores,
links between pages); the small functions make headings, titles and text safe for Markdown.
Page modules import this; only ``pages`` imports the page modules, so nothing circles.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from impactctl.checks.rules import Rule
from impactctl.model import Component, Framework, OrganisationRecord, Repository
from impactctl.review.history import RatingEvent
from impactctl.site.html import href as _href
from impactctl.site.html import page_url as _page_url
from impactctl.site.markdown import Renderer
from impactctl.site.markdown import text as esc
from impactctl.site.measures import CycleScores, score_record
from impactctl.site.options import Publish, SiteOptions

SYSTEM_TYPES = ("icb", "system")
# Marks a generated page for the theme (which adds "data last changed" to other pages only).
# Every generated page starts with it, so text from the repository never starts a page.
FRONT_MATTER = "---\nimpactctl: generated\n---\n\n"


@dataclass(frozen=True)
class ChangeLog:
    """The rating changes from git, or why they could not be read."""

    events: tuple[RatingEvent, ...] = ()
    unavailable: str | None = None


@dataclass(frozen=True)
class SiteData:
    """Everything the pages are made from, read once by the caller."""

    repository: Repository
    changes: ChangeLog = ChangeLog()
    # When the data last changed: "" (anything), "framework", "assessments/<org-id>".
    last_changed: Mapping[str, datetime] = field(default_factory=dict)
    today: date = date(1970, 1, 1)
    rules: Sequence[Rule] = ()


def component_label(component: Component) -> str:
    """A short name for chart labels: the component id in words (purpose -> Purpose)."""
    words = component.id.replace("-", " ").replace("_", " ").strip()
    words = words[:1].upper() + words[1:]
    return words if len(words) <= 24 else words[:23] + "…"


def words(slug: str) -> str:
    text = slug.replace("-", " ")
    return text[:1].upper() + text[1:]


def statement_anchor(sid: str) -> str:
    return "statement-" + sid.replace(".", "-")


def human_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def published(repo: Repository, options: SiteOptions) -> list[OrganisationRecord]:
    """The organisations on the site, by name."""
    return sorted(
        (r for r in repo.organisations.values() if options.publish_for(r.id) is not Publish.NONE),
        key=lambda r: (r.name.casefold(), r.id),
    )


def main_framework(repo: Repository, records: Sequence[OrganisationRecord]) -> Framework | None:
    """The framework most organisations' latest cycles use (else the first one)."""
    counts: dict[str, int] = {}
    for r in records:
        ref = next(
            (a.framework for a in reversed(r.cycles) if a.framework in repo.frameworks), None
        )
        if ref is not None:
            counts[ref] = counts.get(ref, 0) + 1
    if counts:
        return repo.frameworks[max(sorted(counts), key=lambda k: counts[k])]
    return next(iter(sorted(repo.frameworks.items())), (None, None))[1]


def system_of(record: OrganisationRecord) -> str | None:
    """The system an organisation belongs to: its ``system``, or itself for an ICB."""
    org = record.organisation
    if org is None:
        return None
    if org.system:
        return org.system
    return org.id if org.type in SYSTEM_TYPES else None


def system_name(repo: Repository, system: str | None) -> str:
    if system is None:
        return "Not part of a system"
    record = repo.organisations.get(system)
    return record.name if record is not None else system


class Context:
    """What every page needs, computed once per build."""

    def __init__(self, data: SiteData, options: SiteOptions) -> None:
        self.data = data
        self.options = options
        self.repo = data.repository
        self.render = Renderer(options.file_url)
        self.records = published(self.repo, options)
        frameworks = dict(self.repo.frameworks)
        self.scores: dict[str, list[CycleScores]] = {
            r.id: score_record(r, frameworks) for r in self.records
        }
        self.framework = main_framework(self.repo, self.records)
        self.published_ids = {r.id for r in self.records}
        self.events: dict[str, list[RatingEvent]] = {}
        for event in data.changes.events:
            if event.organisation in self.published_ids:
                self.events.setdefault(event.organisation, []).append(event)
        # (source, target) -> (link, same page): see href
        self._links: dict[tuple[str, str], tuple[str, bool]] = {}

    def publish(self, record: OrganisationRecord) -> Publish:
        return self.options.publish_for(record.id)

    def href(self, source: str, target: str, anchor: str = "") -> str:
        """``html.href``, worked out once per pair of pages: the component pages link each
        organisation's page once per statement, and a relative path is slow to compute."""
        known = self._links.get((source, target))
        if known is None:
            urls = self.options.directory_urls
            known = (
                _href(source, target, directory_urls=urls),
                _page_url(source, urls) == _page_url(target, urls),
            )
            self._links[source, target] = known
        link, same_page = known
        if not anchor:
            return link
        return f"#{anchor}" if same_page else f"{link}#{anchor}"

    def latest(self, record: OrganisationRecord) -> CycleScores | None:
        scored = self.scores.get(record.id) or []
        return scored[-1] if scored else None

    def previous(self, record: OrganisationRecord) -> CycleScores | None:
        scored = self.scores.get(record.id) or []
        return scored[-2] if len(scored) > 1 else None

    def system_of(self, record: OrganisationRecord) -> str | None:
        return system_of(record)

    def system_name(self, system: str | None) -> str:
        return system_name(self.repo, system)

    def changed(self, key: str = "") -> str:
        """The 'last updated' line every page carries: when its data last changed."""
        when = self.data.last_changed.get(key) or self.data.last_changed.get("")
        if when is None:
            return '<p class="impact-changed">Last updated: not recorded.</p>'
        day = when.date()
        return (
            f'<p class="impact-changed">Last updated <time datetime="{day.isoformat()}">'
            f"{esc(human_date(day))}</time>.</p>"
        )


def md_text(value: str) -> str:
    """Text from the repository, made inert for Markdown *and* HTML: markup characters are
    backslash-escaped, ``& < >`` become entities, braces become character references (so
    attr_list's ``{: ...}`` and template ``{{ }}`` cannot form)."""
    safe = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\`*_[]()#+-.!":
        safe = safe.replace(ch, "\\" + ch)
    return " ".join(safe.replace("{", "&#123;").replace("}", "&#125;").split())


def title_text(value: str) -> str:
    """A title MkDocs and the theme can use anywhere. Titles reach templates that do not
    escape (the header, the navigation) and ``<title>`` through ``striptags``, which turns
    ``&lt;`` back into ``<``; so angle brackets become look-alike quotation marks, and ``&``
    is escaped for the places that print the title as HTML."""
    return html.escape(value.replace("<", "\u2039").replace(">", "\u203a"), quote=False)


_LOOK_ALIKES = str.maketrans({"<": "\u2039", ">": "\u203a", '"': "\u201d", "'": "\u2019"})


def shown_settings(settings: MutableMapping[str, Any]) -> None:
    """Make safe, in place, the words of mkdocs.yml that the theme prints without escaping:
    ``site_name`` in the header, ``<title>`` and ``aria-label="..."``, ``site_description``
    and ``site_author`` in ``<meta ... content="...">``. Angle brackets and quotes become
    look-alike marks (U+2039, U+203A, U+201D, U+2019), which can neither open a tag nor
    end an attribute, and,
    unlike entities, read the same where the theme does escape. Both site roads (the
    plugin and ``--stage``) call it."""
    for key in ("site_name", "site_description", "site_author"):
        value = settings.get(key)
        if isinstance(value, str):
            settings[key] = value.translate(_LOOK_ALIKES)


def page(title: str, *blocks: str) -> str:
    """A Markdown page: the title as its only h1, then the blocks."""
    body = "\n".join(b.strip("\n") + "\n" for b in blocks if b)
    clean = title.replace("<", "\u2039").replace(">", "\u203a")
    return f"{FRONT_MATTER}# {md_text(clean)}\n\n{body}"


def heading(level: int, title: str, anchor: str, *, searched: bool = True) -> str:
    """A Markdown heading with a fixed anchor (attr_list). ``searched=False`` keeps its
    section out of the search index (charts, counts, the same words on every page)."""
    clean = title.replace("<", "\u2039").replace(">", "\u203a")  # see title_text
    skip = "" if searched else " data-search-exclude"
    return f"\n{'#' * level} {md_text(clean)} {{ #{anchor}{skip} }}\n"
