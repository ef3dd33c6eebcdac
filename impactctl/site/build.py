"""``impactctl site build``, ``site build --stage`` and ``site serve``.

Two roads to a built site, on purpose (SPEC section 6):

* **With the plugin** (``--engine mkdocs``, the default): MkDocs runs on the repository's
  ``mkdocs.yml``, whose impactctl plugin generates the pages in memory.
* **Staged** (no MkDocs plugin needed): the pages are generated here and written, with
  the hand-written pages and theme overrides, into a folder with its own ``mkdocs.yml``
  (the repository's settings, minus the impactctl plugin, plus the generated navigation).
  Any builder that reads ``mkdocs.yml`` can build that folder, including ones that ignore
  plugins: ``--engine zensical`` stages and runs Zensical; ``--stage DIR --out OUT``
  builds the staged folder with MkDocs (or Zensical) to prove the road is open.

Every output folder is claimed through ``output.replacing``: built beside, renamed in,
never a folder the build may not replace.

``serve`` runs ``mkdocs serve --livereload`` as a child process, because MkDocs' server
owns the terminal and its own reload loop.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from impactctl.errors import ContentError, ImpactError
from impactctl.site import config as mk
from impactctl.site.output import SITE_MARKER, STAGE_MARKER, Protected, replacing
from impactctl.site.sources import Note
from impactctl.site.staging import CONFIG, Kept, put_back, staged_files, write

QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1"}  # Material 9.7+ prints an MkDocs 2.0 notice
ZENSICAL_INSTALL = "pip install 'impactctl[zensical]'"


@dataclass
class BuildResult:
    site_dir: Path
    seconds: float
    messages: list[Note] = field(default_factory=list)  # the builder's warnings and errors


@dataclass
class StageResult:
    folder: Path
    config: Path
    pages: int  # generated Markdown pages
    files: int  # every file written
    notes: list[Note] = field(default_factory=list)


def config_path(root: Path, config_file: Path | None = None) -> Path:
    path = config_file or root / CONFIG
    if not path.is_file():
        raise ImpactError(
            f"{path} not found",
            "a repository made by `impactctl init` has one; or pass --config-file",
        )
    return path


def default_engine(root: Path, config_file: Path | None = None) -> str:
    """The ``engine`` the impactctl plugin's options in ``mkdocs.yml`` name."""
    return str(mk.read_site_config(config_path(root, config_file)).plugin.engine)


def build_site(
    root: Path,
    *,
    out: Path | None = None,
    strict: bool = False,
    config_file: Path | None = None,
    force: bool = False,
    protected: Protected | None = None,
) -> BuildResult:
    """Run MkDocs on the repository's configuration (with the impactctl plugin), into a new
    folder that replaces ``out`` (default: ``site_dir``) only when the build succeeds."""
    path = config_path(root, config_file)
    started = time.perf_counter()
    with mk.mkdocs_logs() as notes:
        cfg = mk.load_mkdocs(path, notes, strict=strict)
        site_dir, docs_dir, custom = mk.folders_of(cfg)
        target = out if out is not None else site_dir
        if protected is None:
            protected = Protected.of(root, path.parent, docs_dir, custom)
        with replacing(target, protected, marker=SITE_MARKER, force=force) as new:
            mk.run_mkdocs(cfg, new, notes)
    return BuildResult(target.resolve(), time.perf_counter() - started, notes)


def _protected(root: Path, config: mk.SiteConfig) -> Protected:
    return Protected.of(root, config.base, config.docs_dir, config.custom_dir)


def stage(
    root: Path,
    target: Path,
    *,
    engine: str = "mkdocs",
    config_file: Path | None = None,
    force: bool = False,
) -> StageResult:
    """Write a folder that ``engine`` can build without our plugin."""
    config = mk.read_site_config(config_path(root, config_file))
    with replacing(target, _protected(root, config), marker=STAGE_MARKER, force=force) as new:
        files, pages, notes = staged_files(config, engine=engine)
        write(new, files)
    target = target.resolve()
    return StageResult(target, target / CONFIG, pages, len(files), notes)


def build_staged(
    root: Path,
    staged: StageResult,
    *,
    engine: str,
    out: Path | None = None,
    strict: bool = False,
    config_file: Path | None = None,
    force: bool = False,
) -> BuildResult:
    """Build a staged folder with ``engine`` into ``out`` (default: the repository's
    ``site_dir``)."""
    config = mk.read_site_config(config_path(root, config_file))
    target = out if out is not None else config.site_dir
    protected = _protected(root, config)
    if engine == "mkdocs":
        return build_site(
            root,
            out=target,
            strict=strict,
            config_file=staged.config,
            force=force,
            protected=Protected(
                (*protected.roots, staged.folder), (*protected.folders, staged.folder / "docs")
            ),
        )
    started = time.perf_counter()
    with replacing(target, protected, marker=SITE_MARKER, force=force) as new:
        notes = run_zensical(staged.config, new, strict=strict)
    return BuildResult(target.resolve(), time.perf_counter() - started, notes)


def build_with_zensical(
    root: Path,
    *,
    out: Path | None = None,
    strict: bool = False,
    config_file: Path | None = None,
    force: bool = False,
) -> BuildResult:
    """Stage the pages into a scratch folder beside the output and build it with Zensical
    (which builds only inside the folder of its ``mkdocs.yml``).

    As the plugin does for MkDocs, the charts and tables of numbers are kept out of the
    builder's way and put back into the finished pages: at national scale they are most
    of the HTML, which Zensical would otherwise parse, rewrite and index for nothing.
    (A folder from ``--stage`` keeps them in its pages, for any builder.)"""
    require_zensical()
    config = mk.read_site_config(config_path(root, config_file))
    target = out if out is not None else config.site_dir
    started = time.perf_counter()
    with replacing(target, _protected(root, config), marker=SITE_MARKER, force=force) as new:
        scratch = new / ".impactctl-stage-work"
        kept: Kept = {}
        files, _, notes = staged_files(config, engine="zensical", kept=kept)
        write(scratch, files)
        notes += run_zensical(scratch / CONFIG, new, strict=strict)
        shutil.rmtree(scratch)
        put_back(new, kept, directory_urls=config.options.directory_urls)
    return BuildResult(target.resolve(), time.perf_counter() - started, notes)


def require_zensical() -> None:
    try:
        import zensical  # noqa: F401  (only to know it is there)
    except ImportError:
        raise ImpactError(
            "Zensical is not installed, so `--engine zensical` cannot build the site",
            f"install it with: {ZENSICAL_INSTALL} (or build with --engine mkdocs)",
        ) from None


def run_zensical(config: Path, into: Path, *, strict: bool) -> list[Note]:
    """``zensical build`` on a staged folder; its site is moved into ``into``."""
    require_zensical()
    argv = [sys.executable, "-m", "zensical", "build", "--config-file", str(config)]
    done = subprocess.run(
        [*argv, *(["--strict"] if strict else [])],
        cwd=config.parent,
        env={**os.environ, **QUIET_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    if done.returncode != 0:
        error = ContentError if strict else ImpactError
        raise error(f"Zensical did not build the site: {' '.join(lines[-3:])}")
    built = config.parent / "site"
    for entry in os.listdir(built):
        os.replace(built / entry, into / entry)
    built.rmdir()
    shutil.rmtree(config.parent / ".cache", ignore_errors=True)
    return [Note(30, line) for line in lines if "warning" in line.lower()]


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
