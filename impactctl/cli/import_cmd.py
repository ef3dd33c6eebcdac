"""``impactctl import``: a capture workbook or CSV back into a cycle file."""

from __future__ import annotations

from pathlib import Path

import click

from impactctl.cli.group import EXIT_CONTENT, Options, cli
from impactctl.cli.params import SLUG
from impactctl.diagnostics import ValidationResult


@cli.command("import")
@click.argument("org", type=SLUG)
@click.argument("cycle", type=SLUG)
@click.argument("source", metavar="FILE.xlsx|FILE.csv", type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Report what would change; write nothing.")
@click.pass_context
def import_command(ctx: click.Context, org: str, cycle: str, source: Path, check: bool) -> None:
    """Write or update assessments/ORG/CYCLE.yaml from a capture workbook (made by
    `impactctl workshop ORG --capture`) or a CSV file with the same column headings. A new
    cycle starts as `impactctl cycle new` would start it; an existing one keeps its
    comments, order and wording, and only what the workbook changed is changed. Every cell
    is checked (problems are reported as FILE:Sheet!C12), and the repository's checks run
    on the result before anything is written: with any error, nothing is written."""
    from impactctl.diagnostics import Diagnostic
    from impactctl.papers.importing import import_capture
    from impactctl.report.validation import text

    opts: Options = ctx.obj
    result = import_capture(opts.root(), org, cycle, source, check=check)
    if result.diagnostics:
        ordered = tuple(sorted(result.diagnostics, key=Diagnostic.sort_key))
        click.echo(text(ValidationResult(ordered, files=1)), nl=False)
    if not result.ok:
        click.echo(f"Nothing was written to {result.target}.")
        ctx.exit(EXIT_CONTENT)
    verb = "would change" if check else "changed"
    what = "new file" if result.created else "update"
    click.echo(f"{result.target} ({what}): {len(result.changes)} value(s) {verb}.")
    for change in result.changes:
        where = f"{change.statement} " if change.statement else ""
        click.echo(f"  {where}{change.field}: {change.old} → {change.new}")
    if check:
        click.echo("Checked only (--check): nothing was written.")
    elif result.written:
        click.echo("Wrote " + ", ".join(result.written) + ".")
    else:
        click.echo("Nothing to change: the file already says what the workbook says.")
