"""``impactctl export``: the board-pack tables."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from impactctl.cli.group import Options, cli
from impactctl.clock import today

DEFAULT_OUT = {"csv": Path("impactctl-export"), "xlsx": Path("impactctl-export.xlsx")}


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx"]),
    default="xlsx",
    show_default=True,
    help="xlsx: one workbook with Summary, Ratings and Actions sheets. "
    "csv: a folder with summary.csv, ratings.csv and actions.csv.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="The workbook (default impactctl-export.xlsx), or for csv the folder "
    "(default impactctl-export/; a name ending in .csv is refused).",
)
@click.option("--force", is_flag=True, help="Replace files that are already there.")
@click.pass_obj
def export_command(opts: Options, fmt: str, out: Path | None, force: bool) -> None:
    """Write the board-pack tables: a summary (each component's level per cycle, per
    organisation), every rating (organisation, cycle and its status, component, statement
    and its text, level, target, confidence) and every action (status, owner role, due
    date, overdue, latest update). Writes only the file(s) named by --out, and never
    replaces one unless --force is given."""
    from impactctl.papers.export import tables, write_csv, write_xlsx
    from impactctl.reading.repository import load_repository

    root = opts.root()
    loaded = load_repository(root)
    if loaded.findings:
        click.echo(
            f"warning: {len(loaded.findings)} problem(s) reading the repository; files "
            "that cannot be read are left out. Run `impactctl validate`.",
            err=True,
        )
    data = tables(loaded.repository, today())
    target = out or DEFAULT_OUT[fmt]
    if fmt == "csv":
        written = write_csv(target, data, force=force)
    else:
        written = write_xlsx(target, data, made=datetime.now(), source=root.name, force=force)
    click.echo(
        f"Wrote {len(data.ratings.rows)} ratings and {len(data.actions.rows)} actions to "
        + ", ".join(str(p) for p in written)
        + "."
    )
