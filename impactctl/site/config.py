"""MkDocs' side of the site: ``mkdocs.yml`` read and written, the settings the generated
pages need, and MkDocs run.

The plugin and ``site build --stage`` make the same changes to the configuration (the
stylesheet, ``attr_list``, the navigation, ``navigation.prune`` for a grouped navigation,
the "data last changed" date); both take them from here, so the two roads cannot drift
apart. This module and ``plugin`` are the only ones that import MkDocs (and PyYAML, for the
staged ``mkdocs.yml``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError

from impactctl.errors import ContentError, ImpactError
from impactctl.site.context import SiteData, human_date, shown_settings
from impactctl.site.options import PUBLISH_CHOICES, OptionsProblem, SiteOptions
from impactctl.site.sources import Note
from impactctl.site.style import STYLESHEET_PATH

PLUGIN = "impactctl"
PLUGIN_LOGGER = "mkdocs.plugins.impactctl"
ENGINES = ("mkdocs", "zensical")
# A Python-Markdown extension: the staged pages' raw HTML blocks skip Markdown's parser.
SET_ASIDE = "impactctl.site.setaside"
# Zensical's search dialog styles its shadow DOM with one <style> element, which the
# Content-Security-Policy (style-src 'self') blocks. The staged site allows exactly that
# stylesheet by its hash (Zensical 0.0.73; the browser tests fail if a new version's
# differs: Chromium reports the hash it wanted).
ZENSICAL_STYLES = ("sha256-NwSx/R2V/U4jnW0Tq5pQ53Y/rzPVJ4dqE7D6UTA/J1k=",)


class ImpactConfig(base.Config):  # type: ignore[no-untyped-call]
    """The impactctl plugin's options in ``mkdocs.yml`` (docs/site.md lists them)."""

    publish = c.Choice(PUBLISH_CHOICES, default="levels")
    organisations = c.DictOfItems(c.Choice(PUBLISH_CHOICES), default={})
    # The assessment repository, relative to mkdocs.yml (default: the folder of mkdocs.yml).
    repository = c.Optional(c.Type(str))
    # Read the change log from git (turn off to build faster while writing pages).
    history = c.Type(bool, default=True)
    # The branch that links to repository files point at (with repo_url).
    branch = c.Type(str, default="HEAD")
    # What `impactctl site build` runs by default: MkDocs with this plugin, or Zensical on
    # the staged pages. `mkdocs build` and `mkdocs serve` always use the plugin.
    engine = c.Choice(ENGINES, default="mkdocs")


def site_options(
    plugin: ImpactConfig, *, repo_url: str | None, directory_urls: bool
) -> SiteOptions:
    try:
        return SiteOptions.from_mapping(
            {
                "publish": plugin.publish,
                "organisations": plugin.organisations,
                "branch": plugin.branch,
            },
            repo_url=repo_url,
            directory_urls=directory_urls,
        )
    except OptionsProblem as exc:
        raise PluginError(f"impactctl: {exc}") from None


def with_stylesheet(css: Sequence[str]) -> list[str]:
    return [*css, STYLESHEET_PATH] if STYLESHEET_PATH not in css else list(css)


def _name(extension: Any) -> str:
    return extension if isinstance(extension, str) else next(iter(extension), "")


def with_extensions(extensions: Sequence[Any], *names: str) -> list[Any]:
    """Generated headings carry fixed anchors (``{ #statement-1-1 }``): ``attr_list``."""
    have = {_name(e) for e in extensions}
    return [*extensions, *(n for n in names if n not in have)]


def with_prune(features: list[str]) -> bool:
    """Material's ``navigation.prune`` for a grouped navigation: each page carries only
    the open section's links. True if it was added."""
    if "navigation.prune" in features:
        return False
    features.append("navigation.prune")
    return True


def data_changed(data: SiteData, *, serving: bool) -> dict[str, Any]:
    """``extra.impactctl``: what the theme overrides show and need."""
    when = data.last_changed.get("")
    return {
        "data_changed": human_date(when.date()) if when else None,
        "data_changed_iso": when.date().isoformat() if when else None,
        "serving": serving,
    }


@dataclass(frozen=True)
class SiteConfig:
    """What ``site build`` needs from ``mkdocs.yml``, read without running MkDocs."""

    path: Path
    raw: Mapping[str, Any]
    plugins: list[Any]  # the plugin list without impactctl
    plugin: ImpactConfig
    options: SiteOptions

    @property
    def base(self) -> Path:
        return self.path.parent

    @property
    def repository(self) -> Path:
        return (self.base / (self.plugin.repository or ".")).resolve()

    @property
    def docs_dir(self) -> Path:
        return (self.base / str(self.raw.get("docs_dir", "docs"))).resolve()

    @property
    def site_dir(self) -> Path:
        return (self.base / str(self.raw.get("site_dir", "site"))).resolve()

    @property
    def theme(self) -> dict[str, Any]:
        theme = self.raw.get("theme") or {}
        return {"name": theme} if isinstance(theme, str) else dict(theme)

    @property
    def custom_dir(self) -> Path | None:
        custom = self.theme.get("custom_dir")
        return (self.base / str(custom)).resolve() if custom else None


def _split_plugins(plugins: Any) -> tuple[list[Any], Mapping[str, Any] | None]:
    """The plugin list without impactctl, and impactctl's options (None if absent)."""
    if isinstance(plugins, Mapping):
        plugins = [{k: v} for k, v in plugins.items()]
    rest, options = [], None
    for item in plugins or []:
        if _name(item) == PLUGIN:
            options = {} if isinstance(item, str) else (item[PLUGIN] or {})
        else:
            rest.append(item)
    return rest, options


def read_site_config(path: Path) -> SiteConfig:
    """``mkdocs.yml`` and the impactctl plugin's options, checked as MkDocs checks them."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(path, "rb") as fd:
            raw = yaml_load(fd)
    except (OSError, yaml.YAMLError) as exc:
        raise ImpactError(f"cannot read {path}: {exc}") from None
    if not isinstance(raw, Mapping):
        raise ImpactError(f"{path} is not a mapping of settings")
    plugins, options = _split_plugins(raw.get("plugins", ["search"]))
    if options is None:
        raise ImpactError(
            f"{path.name} does not enable the impactctl plugin",
            "add `- impactctl` under `plugins:`; see docs/site.md",
        )
    plugin = ImpactConfig()
    plugin.load_dict(dict(options))
    failed, _ = plugin.validate()
    if failed:
        key, problem = failed[0]
        raise ImpactError(f"{path.name}: impactctl: {key}: {problem}")
    try:
        site = site_options(
            plugin,
            repo_url=raw.get("repo_url"),
            directory_urls=bool(raw.get("use_directory_urls", True)),
        )
    except PluginError as exc:
        raise ImpactError(f"{path.name}: {exc}") from None
    return SiteConfig(path, raw, plugins, plugin, site)


def staged_yaml(
    config: SiteConfig,
    *,
    nav: Any,
    grouped: bool,
    extra: dict[str, Any],
    overrides: bool,
    engine: str,
) -> str:
    """The staged folder's ``mkdocs.yml``: the repository's settings with the generated
    pages in ``docs/``, the overrides in ``overrides/``, and no impactctl plugin."""
    theme = config.theme
    if overrides:
        theme["custom_dir"] = "overrides"
    else:
        theme.pop("custom_dir", None)
    if grouped and config.raw.get("nav") is None and theme.get("name") == "material":
        theme["features"] = list(theme.get("features") or [])
        with_prune(theme["features"])
    extra = {**extra, "style_hashes": list(ZENSICAL_STYLES)}
    staged = {
        **config.raw,
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "plugins": config.plugins,
        "nav": config.raw.get("nav") if config.raw.get("nav") is not None else nav,
        "extra": {**dict(config.raw.get("extra") or {}), PLUGIN: extra},
        "extra_css": with_stylesheet(config.raw.get("extra_css") or []),
        "markdown_extensions": with_extensions(
            config.raw.get("markdown_extensions") or [], "attr_list", SET_ASIDE
        ),
    }
    staged.pop("exclude_docs", None)  # the overrides are no longer inside docs/
    shown_settings(staged)  # the theme prints these without escaping
    header = (
        f"# Made by `impactctl site build --stage` from {config.path.name}: the generated\n"
        f"# pages are in docs/ and no MkDocs plugin is needed. Build it here with `{engine}\n"
        "# build` (links are written for it), with impactctl installed for its Markdown\n"
        "# extension.\n"
    )
    try:
        return header + yaml.dump(staged, sort_keys=False, allow_unicode=True)
    except yaml.YAMLError as exc:
        raise ImpactError(f"cannot write the staged mkdocs.yml: {exc}") from None


class _Collect(logging.Handler):
    """MkDocs' warnings and errors, and the impactctl plugin's own notes."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.notes: list[Note] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING or record.name.startswith(PLUGIN_LOGGER):
            self.notes.append(Note(record.levelno, record.getMessage()))


@contextmanager
def mkdocs_logs() -> Iterator[list[Note]]:
    """Collect what MkDocs logs, instead of printing it (the CLI decides what to show)."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield handler.notes
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def _first(notes: list[Note]) -> str:
    return "; ".join(n.message for n in notes[:3])


def load_mkdocs(path: Path, notes: list[Note], *, strict: bool) -> MkDocsConfig:
    """MkDocs' own reading of ``mkdocs.yml``; a problem with it is exit 2."""
    from mkdocs.config import load_config

    try:
        return load_config(config_file=str(path), strict=strict)
    except (Abort, ConfigurationError, PluginError) as exc:
        raise ImpactError(
            f"the site configuration is not valid: {exc} {_first(notes)}".strip(),
            f"check {path.name}; see docs/site.md",
        ) from None


def folders_of(cfg: MkDocsConfig) -> tuple[Path, Path, Path | None]:
    """``site_dir``, ``docs_dir`` and the theme's ``custom_dir``."""
    custom = cfg.theme.custom_dir
    return Path(cfg.site_dir), Path(cfg.docs_dir), Path(custom) if custom else None


def run_mkdocs(cfg: MkDocsConfig, site_dir: Path, notes: list[Note]) -> None:
    """``mkdocs build`` into ``site_dir``; warnings under ``--strict`` are exit 1."""
    from mkdocs.commands.build import build

    cfg.site_dir = str(site_dir)
    try:
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except Abort as exc:
        if "strict mode" in str(exc):  # --strict and there were warnings: the content
            raise ContentError(f"the site was not built: {exc}", _first(notes)) from None
        errors = [n.message for n in notes if n.level >= logging.ERROR] or [str(exc)]
        raise ImpactError(f"the site was not built: {errors[0]}") from None
    except (ConfigurationError, PluginError) as exc:
        raise ImpactError(
            f"the site configuration is not valid: {exc}", "check mkdocs.yml; see docs/site.md"
        ) from None
    except MkDocsException as exc:
        raise ImpactError(f"MkDocs failed: {exc}") from None
