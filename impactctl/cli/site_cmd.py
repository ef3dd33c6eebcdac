"""``impactctl site build`` and ``impactctl site serve``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from impactctl.cli.group import Options, cli

if TYPE_CHECKING:
    from impactctl.site.sources import Note


def _report(notes: list[Note]) -> None:
    import logging  # only the site commands pay for it: every command loads this module

    for note in notes:
        click.echo(f"{logging.getLevelName(note.level).lower()}: {note.message}", err=True)


@cli.group("site")
def site_group() -> None:
    """Build or preview the published site (MkDocs Material), generated from the YAML."""


@site_group.command("build")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the built site (default: site_dir in mkdocs.yml, public/). "
    "Only a new or empty folder, or one an earlier build made, is replaced.",
)
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    help="mkdocs: MkDocs with the impactctl plugin. zensical: stage the pages and build "
    "them with Zensical (pip install 'impactctl[zensical]'). Default: the plugin's "
    "`engine` option in mkdocs.yml, else mkdocs.",
)
@click.option(
    "--stage",
    "stage_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the generated pages, the hand-written pages and a mkdocs.yml that "
    "needs no impactctl plugin into this folder, for any MkDocs-compatible "
    "builder. With --out the staged folder is also built; without, nothing "
    "else happens.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 1) if the build warns, for example about a broken link or a shallow clone.",
)
@click.option(
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The MkDocs configuration (default: mkdocs.yml in the repository).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace an output folder that is not empty even though no impactctl build made "
    "it. Never the repository, its own folders, or a folder holding files git tracks.",
)
@click.pass_obj
def site_build_command(
    opts: Options,
    out: Path | None,
    engine: str | None,
    stage_dir: Path | None,
    strict: bool,
    config_file: Path | None,
    force: bool,
) -> None:
    """Build the site: every page about the organisations, components, framework and
    action plans is generated from the YAML, with charts as inline SVG.

    \b
    impactctl site build                    runs MkDocs with the impactctl plugin
    impactctl site build --out public       ... into public/
    impactctl site build --engine zensical  stages the pages and builds them with Zensical
    impactctl site build --stage build/site writes a plugin-free copy to build it elsewhere
    """
    from impactctl.site import build  # MkDocs loads only for site commands

    root = opts.root()
    engine = engine or build.default_engine(root, config_file)
    if engine == "zensical":
        build.require_zensical()  # before anything is written
    if stage_dir is not None:
        staged = build.stage(root, stage_dir, engine=engine, config_file=config_file, force=force)
        _report(staged.notes)
        click.echo(
            f"Staged {staged.pages} generated pages ({staged.files} files) in {staged.folder}."
        )
        if out is None:
            click.echo(f"Build it with: {engine} build --config-file {staged.config}")
            return
        built = build.build_staged(
            root,
            staged,
            engine=engine,
            out=out,
            strict=strict,
            config_file=config_file,
            force=force,
        )
    elif engine == "zensical":
        built = build.build_with_zensical(
            root, out=out, strict=strict, config_file=config_file, force=force
        )
    else:
        built = build.build_site(root, out=out, strict=strict, config_file=config_file, force=force)
    _report(built.messages)
    click.echo(f"Built the site in {built.site_dir} with {engine} ({built.seconds:.1f} s).")


@site_group.command("serve")
@click.option(
    "--dev-addr", "-a", metavar="IP:PORT", help="Where to serve (default: 127.0.0.1:8000)."
)
@click.option(
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The MkDocs configuration (default: mkdocs.yml in the repository).",
)
@click.pass_obj
def site_serve_command(opts: Options, dev_addr: str | None, config_file: Path | None) -> None:
    """Preview the site while you edit: it rebuilds and reloads the browser when a page,
    mkdocs.yml or any file under assessments/ or framework/ changes. Stop it with Ctrl+C."""
    from impactctl.site.build import serve

    code = serve(opts.root(), dev_addr=dev_addr, config_file=config_file)
    click.get_current_context().exit(code)
