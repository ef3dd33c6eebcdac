"""``impactctl report``: the board paper."""

from __future__ import annotations

from pathlib import Path

import click

from impactctl.cli.group import Options, cli
from impactctl.cli.paper_options import force_option, paper_output
from impactctl.cli.params import SLUG
from impactctl.clock import today


@cli.command("report")
@click.argument("org", type=SLUG)
@click.option("--cycle", type=SLUG, help="The review cycle (default: the organisation's latest).")
@paper_output("board-paper", "a tagged, accessible A4 PDF")
@force_option
@click.pass_obj
def report_command(
    opts: Options, org: str, cycle: str | None, fmt: str, out: Path | None, force: bool
) -> None:
    """Write a short board paper (2 to 4 A4 pages) on ORG's cycle: its status, the
    headline, each component's level against the previous agreed cycle, what moved and
    why, where the room disagreed (only if the site's publishing level shows the debate),
    who took part and how the action plan stands."""
    from impactctl.papers.documents import board_paper, write_paper

    paper = board_paper(opts.root(), org, cycle, fmt, today())
    path = write_paper(out or Path(paper.default_name), paper.data, force=force)
    click.echo(f"Wrote the board paper for {paper.focus.name}, {paper.focus.cycle}, to {path}.")
