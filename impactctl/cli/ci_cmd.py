from __future__ import annotations

import os
from pathlib import Path

import click

from impactctl.cli.group import Options, cli
from impactctl.version import __version__


@cli.group("ci")
def ci_group() -> None:
    """Steps for CI pipelines outside GitHub (GitLab, Azure DevOps)."""


@ci_group.command("post-note")
@click.option(
    "--platform",
    type=click.Choice(["gitlab", "azure"]),
    required=True,
    help="Where the pipeline runs: gitlab (a merge-request note) or azure (a pull-request thread).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=120),
    default=10,
    show_default=True,
    help="Seconds to wait for each API call.",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def post_note_command(platform: str, timeout: float, file: Path) -> None:
    """Post FILE (the Markdown of `impactctl diff --format markdown`) on the merge or pull
    request as one note that every run updates in place.

    It reads the pipeline's own variables: on GitLab CI_API_V4_URL, CI_PROJECT_ID,
    CI_MERGE_REQUEST_IID and the token in IMPACTCTL_GITLAB_TOKEN; on Azure DevOps
    System.CollectionUri, the repository and pull request ids and SYSTEM_ACCESSTOKEN.

    It always exits 0 once FILE is read: without a token (a merge request from a fork), or
    when the API refuses or does not answer, it prints one line saying why and leaves the
    pipeline's result to `impactctl validate`. It never prints the token.
    """
    from impactctl.ci.notes import post_note, read_report

    outcome = post_note(platform, read_report(file), os.environ, timeout)
    click.echo(f"impactctl: {outcome.message}")


@ci_group.command("update")
@click.option(
    "--platform",
    type=click.Choice(["github", "gitlab", "azure"]),
    help="Whose CI files to write (default: the platform whose files the repository has).",
)
@click.option("--force", is_flag=True, help="Also replace CI files that were edited by hand.")
@click.pass_obj
def update_command(opts: Options, platform: str | None, force: bool) -> None:
    """Rewrite the repository's CI files (and requirements-ci.txt) for this version of
    impactctl, as `impactctl init` writes them now.

    A file edited since impactctl wrote it is never overwritten without --force: the
    command then writes nothing, names the files and exits 2. Other files are never
    touched. Run it after upgrading impactctl, then review the change like any other.
    """
    from impactctl.editing.ci_files import update
    from impactctl.editing.scaffold import template_files

    root = opts.root()
    platform, written, same = update(root, template_files(), platform, force=force)
    for rel in written:
        click.echo(f"wrote {rel}")
    click.echo(
        f"{platform} CI files for impactctl {__version__}: {len(written)} written, "
        f"{len(same)} already up to date."
    )
