"""``impactctl workshop``: the facilitation pack, or the capture workbook."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from impactctl.cli.group import Options, cli
from impactctl.cli.paper_options import force_option, paper_output
from impactctl.cli.params import SLUG
from impactctl.clock import today


@cli.command("workshop")
@click.argument("org", type=SLUG)
@click.option(
    "--cycle",
    type=SLUG,
    help="The review cycle to discuss (default: the organisation's current draft cycle, "
    "or the next cycle when the latest is agreed).",
)
@paper_output("workshop-pack", "a tagged A4 PDF to print")
@click.option(
    "--capture",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a capture workbook (.xlsx) to fill in during the session, instead of the "
    "pack. Bring it back with `impactctl import`.",
)
@force_option
@click.pass_obj
def workshop_command(
    opts: Options,
    org: str,
    cycle: str | None,
    fmt: str,
    out: Path | None,
    capture: Path | None,
    force: bool,
) -> None:
    """Write the printable facilitation pack for the session in which ORG's cycle is
    rated: the purpose and advice, a participation sheet by group (no names), and for each
    statement its five level descriptors, what the last agreed cycle said, the open
    actions that cite it, and space to record the room's views. It carries the internal
    debate, so every page says so. With --capture, write the capture workbook instead
    (one row per statement, drop-down lists for levels; bring it back with
    `impactctl import`)."""
    from impactctl.papers.documents import write_paper

    root = opts.root()
    if capture is not None:
        from impactctl.papers.documents import capture_workbook

        if capture.suffix.lower() != ".xlsx":
            raise click.BadParameter("the capture workbook's name must end in .xlsx")
        book = capture_workbook(root, org, cycle, datetime.now())
        path = write_paper(capture, book.data, force=force)
        click.echo(
            f"Wrote the capture workbook for {book.organisation} {book.cycle} "
            f"({book.statements} statements) to {path}."
        )
        return
    from impactctl.papers.documents import workshop_pack

    paper = workshop_pack(root, org, cycle, fmt, today())
    path = write_paper(out or Path(paper.default_name), paper.data, force=force)
    click.echo(f"Wrote the workshop pack for {paper.focus.name}, {paper.focus.cycle}, to {path}.")
