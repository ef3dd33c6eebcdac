"""The review loop: diff, history and cycle new."""

from __future__ import annotations

import click

from impactctl.cli import Options, cli
from impactctl.cli.params import SLUG
from impactctl.errors import ImpactError
from impactctl.report import colour_enabled

# Each command imports its library modules when it runs: `impactctl diff` on every pull
# request should not pay for loading the history, cycle-writing and round-trip code.

FORMATS = ["text", "markdown", "json"]


@cli.command("diff")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option(
    "--base", help="Compare the whole repository from this git ref (branch, tag, commit)."
)
@click.option("--head", help="...to this git ref (default: the working tree).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="markdown is what CI posts as the pull-request comment.",
)
@click.pass_obj
def diff_command(
    opts: Options, old: str | None, new: str | None, base: str | None, head: str | None, fmt: str
) -> None:
    """Show what changed in maturity: levels raised or lowered (with the rank difference),
    targets, confidence, rationale, evidence, dissent and the action plan.

    \b
    Two cycles:   impactctl diff example-trust/2024-25 example-trust/2025-26
    (or two paths to cycle files)
    Two git refs: impactctl diff --base origin/main [--head REF]
    """
    from impactctl.report.diff import REPORTERS
    from impactctl.review.diff import diff_cycles, diff_refs

    root = opts.root()
    if base is not None:
        if old or new:
            raise click.UsageError("give either OLD NEW or --base, not both")
        report = diff_refs(root, base, head, with_checks=fmt == "markdown")
    else:
        if not (old and new) or head:
            raise click.UsageError("give OLD and NEW cycles, or --base REF")
        report = diff_cycles(root, old, new)
    click.echo(REPORTERS[fmt](report, colour_enabled() and fmt == "text"), nl=False)


@cli.command("history")
@click.argument("organisation", required=False, type=SLUG)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.pass_obj
def history_command(opts: Options, organisation: str | None, fmt: str) -> None:
    """Every rating change over the git history: commit, author, date, PR number (when the
    commit message carries one), statement, and old -> new level.

    Needs the full history: in a shallow clone it stops with exit code 2 and says how to
    fetch the rest.
    """
    from impactctl.report.history import REPORTERS
    from impactctl.review.history import rating_history

    root = opts.root()
    known = organisation is None or (root / "assessments" / organisation).is_dir()
    if not known:
        raise ImpactError(f"no organisation {organisation!r} in {root / 'assessments'}")
    events = rating_history(root, organisation)
    click.echo(REPORTERS[fmt](events, colour_enabled() and fmt == "text"), nl=False)


@cli.group("cycle")
def cycle_group() -> None:
    """Review cycles: `cycle new` starts the next one as a draft from the last."""


@cycle_group.command("new")
@click.argument("organisation", type=SLUG)
@click.argument("cycle", type=SLUG)
@click.option("--from", "source", type=SLUG, help="The cycle to start from (default: the latest).")
@click.pass_obj
def cycle_new_command(opts: Options, organisation: str, cycle: str, source: str | None) -> None:
    """Start a draft cycle from the last one: levels, targets, rationale and evidence are
    carried forward for the group to revisit; comments, key order and quoting are kept.

    Writes assessments/ORGANISATION/CYCLE.yaml (never over an existing file) and adds CYCLE
    to the organisation's `cycles` list if it has one.
    """
    from impactctl.editing.cycle import new_cycle

    written = new_cycle(opts.root(), organisation, cycle, source)
    for path in written:
        click.echo(f"wrote {path}")
