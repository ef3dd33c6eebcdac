"""The impactctl MkDocs plugin: a thin adapter from MkDocs events to the page generator.

Enabled in ``mkdocs.yml``::

    plugins:
      - search
      - impactctl:
          publish: levels          # full | levels | none: the default for every organisation
          organisations:           # per-organisation overrides
            example-trust: full

``mkdocs build`` and ``mkdocs serve`` then generate the pages from the YAML with no manual
step; ``serve`` also watches ``assessments/`` and ``framework/`` and rebuilds when a file
changes. Nothing generated is written into the repository.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from impactctl.reading.repository import Shared
from impactctl.site.config import (
    ImpactConfig,
    data_changed,
    site_options,
    with_extensions,
    with_prune,
    with_stylesheet,
)
from impactctl.site.context import shown_settings
from impactctl.site.html import DEFER_BEGIN, DEFER_END, PROSE_BEGIN, PROSE_END
from impactctl.site.options import SiteOptions
from impactctl.site.output import SITE_MARKER
from impactctl.site.pages import generate, nav_is_grouped, site_nav
from impactctl.site.searchtext import search_words
from impactctl.site.sources import gather, gather_for_one_build, links_outside
from impactctl.site.tighten import tightened

log = get_plugin_logger(__name__)

WATCHED = ("assessments", "framework")
PLUGIN_NAME = "impactctl"
_SET_ASIDE = re.compile(
    f"{re.escape(DEFER_BEGIN)}\n(?P<data>.*?)\n{re.escape(DEFER_END)}"
    f"|{re.escape(PROSE_BEGIN)}\n(?P<prose>.*?)\n{re.escape(PROSE_END)}",
    re.S,
)
_PLACEHOLDER = re.compile(r"<!-- impactctl:(block|prose) (\d+) -->")
_SEARCH_COPY = re.compile(r"<!-- impactctl:text (\d+) -->.*?<!-- impactctl:text-end -->", re.S)

# `mkdocs serve` injects an inline live-reload script; the theme's Content-Security-Policy
# allows inline scripts only while serving. MkDocs reloads the configuration (and makes new
# plugin instances) on every rebuild but calls on_startup once, so this is per process.
_SERVING = False
# While serving, files parsed and built for one rebuild are kept for the next: after one
# file changes, only that file is built again. (MkDocs 1.x still renders every page.)
_BUILT_WHILE_SERVING = Shared()


def _prune_navigation(config: MkDocsConfig) -> None:
    if config.theme.name != "material":
        return
    if "features" not in config.theme:
        config.theme["features"] = []
    if with_prune(config.theme["features"]):
        log.info("many organisations: navigation grouped by system, with navigation.prune")


class ImpactPlugin(BasePlugin[ImpactConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root = Path(".")
        self.options = SiteOptions()
        self._kept: dict[str, list[str]] = {}  # page -> its data blocks, while it renders

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        global _SERVING
        _SERVING = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (base_dir / (self.config.repository or ".")).resolve()
        if not (self.root / "assessments").is_dir():
            raise PluginError(
                f"impactctl: {self.root} has no assessments/ folder; set the "
                "plugin's `repository` option to the assessment repository"
            )
        self.options = site_options(
            self.config, repo_url=config.repo_url, directory_urls=config.use_directory_urls
        )
        roots = (base_dir, self.root)
        for folder in (config.docs_dir, config.theme.custom_dir):
            outside = links_outside(Path(folder), roots) if folder else []
            if folder and outside:
                raise PluginError(
                    f"impactctl: {Path(folder) / outside[0]} is a symbolic link that leads "
                    "outside the repository (or nowhere): replace it with the file itself; "
                    "a site never publishes files from outside its repository"
                )
        shown_settings(config)  # the theme prints these without escaping
        config.extra_css = with_stylesheet(config.extra_css)
        config.markdown_extensions = with_extensions(config.markdown_extensions, "attr_list")
        return config

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Drop the theme templates' indentation and blank lines around template tags: a
        third of a national page was the navigation's whitespace. The words and the markup
        are unchanged: a national site's 364 pages read word for word the same before and
        after, and a test reads every navigation label against its page's title."""
        env.trim_blocks = True
        env.lstrip_blocks = True
        return env

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if _SERVING:
            gathered = gather(self.root, history=self.config.history, shared=_BUILT_WHILE_SERVING)
        else:
            gathered = gather_for_one_build(self.root, history=self.config.history)
        for note in gathered.notes:
            log.log(note.level, note.message)
        for org in self.options.organisations:
            if org not in gathered.data.repository.organisations:
                log.warning(f"publishing level set for unknown organisation {org!r}")
        generated = generate(gathered.data, self.options)
        handwritten = [f.src_uri for f in files.documentation_pages()]
        for path, content in generated.items():
            if files.get_file_from_path(path) is not None:
                log.info(f"{path} in {config.docs_dir} replaces the generated page")
                continue
            files.append(File.generated(config, path, content=content))
        if config.nav is None:
            config.nav = site_nav(gathered.data, self.options, generated, handwritten)
            if nav_is_grouped(gathered.data, self.options):
                _prune_navigation(config)
        config.extra["impactctl"] = data_changed(gathered.data, serving=_SERVING)
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Set every raw HTML block aside (see ``html.data_block`` and ``html.block``):
        Markdown sees only the headings, and search a text-only copy of the prose."""
        if page.file.generated_by != PLUGIN_NAME:
            return None
        kept: list[str] = []

        def keep(match: re.Match[str]) -> str:
            kind = "block" if match.group("data") is not None else "prose"
            kept.append(match.group("data") if kind == "block" else match.group("prose"))
            return f"\n<!-- impactctl:{kind} {len(kept) - 1} -->\n"

        markdown = _SET_ASIDE.sub(keep, markdown)
        self._kept[page.file.src_uri] = kept
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """In place of each prose block, its text for search to index (it reads the page
        content next); the HTML itself goes back in ``on_post_page``."""
        kept = self._kept.get(page.file.src_uri)
        if not kept:
            return None

        def search_copy(match: re.Match[str]) -> str:
            if match.group(1) == "block":
                return match.group(0)
            n = int(match.group(2))
            words = search_words(kept[n])
            return f"<!-- impactctl:text {n} --><p>{words}</p><!-- impactctl:text-end -->"

        return _PLACEHOLDER.sub(search_copy, html)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put the charts, tables and prose back into the finished page, and take the
        indentation out of the theme's part of it."""
        output = tightened(output)
        kept = self._kept.pop(page.file.src_uri, None)
        if not kept:
            return output
        output = _SEARCH_COPY.sub(lambda m: kept[int(m.group(1))], output)
        return _PLACEHOLDER.sub(lambda m: kept[int(m.group(2))], output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Mark the folder as one a build made, so that the next `impactctl site build`
        may replace it (see ``output``); MkDocs' own clean-up keeps hidden files."""
        if not _SERVING:
            (Path(config.site_dir) / SITE_MARKER).write_text(
                "made by a build of the impactctl site: the next build may replace it\n",
                encoding="utf-8",
            )

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        for name in WATCHED:
            folder = self.root / name
            if folder.is_dir():
                server.watch(str(folder))
        return server
