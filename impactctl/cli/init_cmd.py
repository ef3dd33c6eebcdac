from __future__ import annotations

from pathlib import Path

import click

from impactctl.cli.group import cli
from impactctl.cli.params import SLUG
from impactctl.clock import today
from impactctl.schemas import ORG_TYPES


@cli.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--org", "name", required=True, help='The organisation\'s name, e.g. "Example Trust".'
)
@click.option(
    "--id", "org_id", type=SLUG, help="Its id (default: made from the name, e.g. example-trust)."
)
@click.option(
    "--type",
    "org_type",
    type=click.Choice(ORG_TYPES),
    default="other",
    show_default=True,
    help="The kind of organisation.",
)
@click.option(
    "--cycle", type=SLUG, help="The first cycle's id (default: this financial year, e.g. 2026-27)."
)
@click.option(
    "--ci",
    type=click.Choice(["github", "gitlab", "azure"]),
    default="github",
    show_default=True,
    help="The CI files to write: GitHub Actions workflows, .gitlab-ci.yml or "
    "azure-pipelines.yml (each with requirements-ci.txt, which pins this impactctl).",
)
@click.option("--force", is_flag=True, help="Add the files to a folder that is not empty.")
def init_command(
    directory: Path,
    name: str,
    org_id: str | None,
    org_type: str,
    cycle: str | None,
    ci: str,
    force: bool,
) -> None:
    """Write a new assessment repository in DIRECTORY: the NHS IMPACT framework, the
    organisation, a first draft cycle, an empty action plan, the site and the CI files.

    The CI files install exactly this version of impactctl from requirements-ci.txt, so a
    dependency bot can propose upgrades; `impactctl ci update` refreshes them later.
    It refuses to write into a folder that is not empty unless --force is given.
    """
    from impactctl.editing.scaffold import init_repository

    written = init_repository(
        directory,
        name,
        org_id=org_id,
        org_type=org_type,
        cycle=cycle,
        today=today(),
        force=force,
        ci=ci,
    )
    click.echo(f"Wrote {len(written)} files to {directory}.")
    click.echo(f"Next: cd {directory} && git init && impactctl validate")
