"""``impactctl site build``, ``site build --stage`` and ``site serve``.

Two roads to a built site, on purpose (SPEC section 6):

* **With the plugin** (the normal road): MkDocs runs on the repository's ``mkdocs.yml``,
  whose impactctl plugin generates the pages in memory.
* **Staged** (no third-party plugin needed): the pages are generated here and written,
  with the hand-written pages and theme overrides, into a folder with its own
  ``mkdocs.yml`` (the repository's settings, minus the impactctl plugin, plus the
  generated navigation). Any builder that reads ``mkdocs.yml`` can build that folder,
  including ones that ignore plugins; ``site build --stage DIR --out OUT`` builds it with
  MkDocs to prove the road is open.

``serve`` runs ``mkdocs serve --livereload`` as a child process, because MkDocs' server
owns the terminal and its own reload loop.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from impactctl.editing.files import write_tree
from impactctl.errors import ContentError, ImpactError, RefusedToOverwrite
from impactctl.site.context import human_date, shown_settings
from impactctl.site.options import OptionsProblem, SiteOptions
from impactctl.site.pages import generate, site_nav
from impactctl.site.sources import Note, gather
from impactctl.site.style import STYLESHEET_PATH

CONFIG = "mkdocs.yml"
STAGE_MARKER = ".impactctl-stage"
PLUGIN = "impactctl"
PLUGIN_LOGGER = "mkdocs.plugins.impactctl"
QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1"}  # Material 9.7+ prints an MkDocs 2.0 notice


@dataclass
class BuildResult:
    site_dir: Path
    seconds: float
    messages: list[Note] = field(default_factory=list)  # MkDocs' warnings and errors


@dataclass
class StageResult:
    folder: Path
    config: Path
    pages: int  # generated Markdown pages
    files: int  # every file written
    notes: list[Note] = field(default_factory=list)


class _Collect(logging.Handler):
    """MkDocs' warnings and errors, and the impactctl plugin's own notes."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.notes: list[Note] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING or record.name.startswith(PLUGIN_LOGGER):
            self.notes.append(Note(record.levelno, record.getMessage()))


@contextmanager
def _mkdocs_logs() -> Iterator[_Collect]:
    """Collect what MkDocs logs, instead of printing it (the CLI decides what to show)."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def config_path(root: Path, config_file: Path | None = None) -> Path:
    path = config_file or root / CONFIG
    if not path.is_file():
        raise ImpactError(
            f"{path} not found",
            "a repository made by `impactctl init` has one; or pass --config-file",
        )
    return path


def build_site(
    root: Path, *, out: Path | None = None, strict: bool = False, config_file: Path | None = None
) -> BuildResult:
    """Run MkDocs on the repository's configuration (with the impactctl plugin)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError

    path = config_path(root, config_file)
    started = time.perf_counter()
    with _mkdocs_logs() as logs:
        try:
            cfg = load_config(
                config_file=str(path),
                site_dir=str(out.resolve()) if out is not None else None,
                strict=strict,
            )
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                build(cfg)
            finally:
                cfg.plugins.on_shutdown()
        except Abort as exc:  # --strict and there were warnings
            raise ContentError(
                f"the site was not built: {exc}", _first_messages(logs.notes)
            ) from None
        except (ConfigurationError, PluginError) as exc:
            raise ImpactError(
                f"the site configuration is not valid: {exc}",
                f"check {path.name}; see docs/site.md",
            ) from None
        except MkDocsException as exc:
            raise ImpactError(f"MkDocs failed: {exc}") from None
    return BuildResult(Path(cfg.site_dir), time.perf_counter() - started, logs.notes)


def _first_messages(notes: list[Note]) -> str:
    return "; ".join(n.message for n in notes[:3])


def _raw_config(path: Path) -> dict[str, Any]:
    from mkdocs.utils.yaml import yaml_load

    with open(path, "rb") as fd:
        return yaml_load(fd)


def _plugin_entry(plugins: Any) -> tuple[list[Any], Mapping[str, Any] | None]:
    """The plugin list without impactctl, and impactctl's options (None if absent)."""
    if isinstance(plugins, Mapping):
        plugins = [{k: v} for k, v in plugins.items()]
    rest, options = [], None
    for item in plugins or []:
        name = item if isinstance(item, str) else next(iter(item), "")
        if name == PLUGIN:
            options = {} if isinstance(item, str) else (item[PLUGIN] or {})
        else:
            rest.append(item)
    return rest, options


def stage(
    root: Path, target: Path, *, config_file: Path | None = None, site_dir: Path | None = None
) -> StageResult:
    """Write a folder that any MkDocs-compatible builder can build without our plugin."""
    import yaml  # MkDocs' own dependency

    path = config_path(root, config_file)
    raw = _raw_config(path)
    base = path.parent
    plugins, plugin_options = _plugin_entry(raw.get("plugins", ["search"]))
    if plugin_options is None:
        raise ImpactError(
            f"{path.name} does not enable the impactctl plugin",
            "add `- impactctl` under `plugins:`; see docs/site.md",
        )
    try:
        options = SiteOptions.from_mapping(
            plugin_options,
            repo_url=raw.get("repo_url"),
            directory_urls=bool(raw.get("use_directory_urls", True)),
        )
    except OptionsProblem as exc:
        raise ImpactError(f"{path.name}: impactctl: {exc}") from None
    repo_root = (base / str(plugin_options.get("repository") or ".")).resolve()
    gathered = gather(repo_root, history=bool(plugin_options.get("history", True)))
    generated = generate(gathered.data, options)

    docs_dir = (base / str(raw.get("docs_dir", "docs"))).resolve()
    raw_theme = raw.get("theme") or {}
    theme = {"name": raw_theme} if isinstance(raw_theme, str) else dict(raw_theme)
    custom = (base / theme["custom_dir"]).resolve() if theme.get("custom_dir") else None
    files: dict[str, str | bytes] = {STAGE_MARKER: "made by `impactctl site build --stage`\n"}
    handwritten: list[str] = []
    for file in sorted(docs_dir.rglob("*")) if docs_dir.is_dir() else []:
        if not file.is_file() or (custom and file.is_relative_to(custom)):
            continue
        rel = file.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        files[f"docs/{rel}"] = file.read_bytes()
        if rel.endswith(".md"):
            handwritten.append(rel)
    for rel, content in generated.items():
        files.setdefault(f"docs/{rel}", content)  # a hand-written page wins, as in the plugin
    if custom is not None and custom.is_dir():
        for file in sorted(custom.rglob("*")):
            if file.is_file():
                files[f"overrides/{file.relative_to(custom).as_posix()}"] = file.read_bytes()
        theme["custom_dir"] = "overrides"

    when = gathered.data.last_changed.get("")
    staged = dict(raw)
    staged.update(
        {
            "docs_dir": "docs",
            "site_dir": str(site_dir.resolve()) if site_dir else "site",
            "theme": theme,
            "plugins": plugins,
        }
    )
    staged.pop("exclude_docs", None)  # the overrides are no longer inside docs/
    if raw.get("nav") is None:
        staged["nav"] = site_nav(gathered.data, options, generated, handwritten)
    extra = dict(raw.get("extra") or {})
    extra["impactctl"] = {
        "data_changed": human_date(when.date()) if when else None,
        "data_changed_iso": when.date().isoformat() if when else None,
        "serving": False,
    }
    staged["extra"] = extra
    css = list(raw.get("extra_css") or [])
    if STYLESHEET_PATH not in css:
        css.append(STYLESHEET_PATH)
    staged["extra_css"] = css
    exts = list(raw.get("markdown_extensions") or [])
    if not any((e if isinstance(e, str) else next(iter(e), "")) == "attr_list" for e in exts):
        exts.append("attr_list")
    staged["markdown_extensions"] = exts
    shown_settings(staged)  # the theme prints these without escaping
    header = (
        "# Made by `impactctl site build --stage` from "
        f"{path.name}: the generated pages are in docs/ and the impactctl plugin is not\n"
        "# needed. Build with `mkdocs build -f mkdocs.yml` (or a compatible builder).\n"
    )
    try:
        files[CONFIG] = header + yaml.dump(staged, sort_keys=False, allow_unicode=True)
    except yaml.YAMLError as exc:
        raise ImpactError(f"cannot write the staged {CONFIG}: {exc}") from None

    target = target.resolve()
    if target.exists() and any(target.iterdir()):
        if not (target / STAGE_MARKER).is_file():
            raise RefusedToOverwrite(
                f"{target} is not empty", "stage into a new folder (or one made by --stage before)"
            )
        shutil.rmtree(target)
    write_tree(target, files)
    pages = sum(1 for rel in generated if rel.endswith(".md"))
    return StageResult(target, target / CONFIG, pages, len(files), gathered.notes)


def serve_argv(
    root: Path, *, dev_addr: str | None = None, config_file: Path | None = None
) -> list[str]:
    """The MkDocs command line for ``site serve``. ``--livereload`` is explicit because
    click 8.3 broke MkDocs' default for it."""
    argv = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--livereload",
        "--config-file",
        str(config_path(root, config_file)),
    ]
    if dev_addr:
        argv += ["--dev-addr", dev_addr]
    return argv


def serve(root: Path, *, dev_addr: str | None = None, config_file: Path | None = None) -> int:
    """Serve the site until interrupted; returns MkDocs' exit code."""
    argv = serve_argv(root, dev_addr=dev_addr, config_file=config_file)
    try:
        return subprocess.run(
            argv, cwd=root, env={**os.environ, **QUIET_ENV}, check=False
        ).returncode
    except KeyboardInterrupt:
        return 0
