"""The review loop: diff, history and cycle new."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import click

from impactctl.cli.group import EXIT_CONTENT, EXIT_OK, Options, cli, colour_enabled
from impactctl.cli.params import SLUG
from impactctl.errors import ImpactError

# Each command imports its library modules when it runs: `impactctl diff` on every pull
# request should not pay for loading the history, cycle-writing and round-trip code.

FORMATS = ["text", "markdown", "json"]
GITHUB_COMMENT_LIMIT = 65_536  # characters


# The branch names CI gives a pull request's two sides: (target, source).
CI_REFS = (
    ("GITHUB_BASE_REF", "GITHUB_HEAD_REF"),
    ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"),
    ("SYSTEM_PULLREQUEST_TARGETBRANCH", "SYSTEM_PULLREQUEST_SOURCEBRANCH"),
)


def ci_labels() -> tuple[str | None, str | None]:
    """The pull request's target and source branch names, where CI sets them."""
    for base, head in CI_REFS:
        if os.environ.get(base) and os.environ.get(head):
            return (
                os.environ[base].removeprefix("refs/heads/"),
                os.environ[head].removeprefix("refs/heads/"),
            )
    return None, None


def site_codes_url(root: Path) -> str | None:
    """Each code's page on the repository's published site, when mkdocs.yml sets site_url."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", text, re.MULTILINE)
    return found.group(1).rstrip("/") + "/about/checks/{code}/" if found else None


@cli.command("diff")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option(
    "--base", help="Compare the whole repository from this git ref (branch, tag, commit)."
)
@click.option("--head", help="...to this git ref (default: the working tree).")
@click.option(
    "--org", "organisation", type=SLUG, help="Only this organisation's files (its folder name)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="markdown is what CI posts as the pull-request comment.",
)
@click.option(
    "--base-label",
    help="How the title names the base side (default: the pull request's target branch "
    "in GitHub Actions, GitLab CI or Azure Pipelines, else the ref).",
)
@click.option(
    "--head-label",
    help="How the title names the head side (default: the pull request's source branch "
    "in CI, else the ref or 'working tree').",
)
@click.option(
    "--limit",
    type=click.IntRange(min=10_000),
    default=GITHUB_COMMENT_LIMIT,
    show_default=True,
    help="The size limit the markdown keeps to, less 6,536 characters for what the comment "
    "workflow adds (so 59,000 by default, under GitHub's 65,536 for a comment); a job "
    "summary takes up to 1,000,000.",
)
@click.option(
    "--codes-url",
    help="Link for each validation code's page, '{code}' standing for e.g. w302 "
    "(default: the site's page, when mkdocs.yml sets site_url).",
)
@click.pass_obj
def diff_command(
    opts: Options,
    old: str | None,
    new: str | None,
    base: str | None,
    head: str | None,
    organisation: str | None,
    fmt: str,
    base_label: str | None,
    head_label: str | None,
    limit: int,
    codes_url: str | None,
) -> None:
    """Show what changed in maturity: levels raised or lowered (with the rank difference),
    targets, confidence, rationale, evidence, dissent and the action plan.

    \b
    Two cycles:   impactctl diff example-trust/2024-25 example-trust/2025-26
    (or two paths to cycle files)
    Two git refs: impactctl diff --base origin/main [--head REF] [--org ORG]

    A file that cannot be read (or fails a check that makes its ratings meaningless) on
    either side is never compared: it is reported first, and the exit code is 1.
    """
    from impactctl.report.diff import REPORTERS
    from impactctl.review.diff import diff_cycles, diff_refs

    root = opts.root()
    if base is not None:
        if old or new:
            raise click.UsageError("give either OLD NEW or --base, not both")
        from_ci = ci_labels() if head is None else (None, None)
        report = diff_refs(
            root,
            base,
            head,
            with_checks=fmt == "markdown",
            organisation=organisation,
            base_label=base_label or from_ci[0],
            head_label=head_label or from_ci[1],
        )
    else:
        if not (old and new) or head:
            raise click.UsageError("give OLD and NEW cycles, or --base REF")
        if organisation:
            raise click.UsageError("--org works with --base; OLD and NEW name their organisation")
        report = diff_cycles(root, old, new)
    report = replace(report, limit=limit, codes_url=codes_url or site_codes_url(root))
    click.echo(REPORTERS[fmt](report, colour_enabled() and fmt == "text"), nl=False)
    click.get_current_context().exit(EXIT_OK if report.ok else EXIT_CONTENT)


@cli.command("history")
@click.argument("organisation", required=False, type=SLUG)
@click.option(
    "--org", "org_option", type=SLUG, help="Only this organisation (the same as ORGANISATION)."
)
@click.option(
    "--statement",
    help="Only this statement, under its id in the newest framework: a statement the "
    "framework renumbered keeps one history.",
)
@click.option("--cycle", help="Only changes to this cycle (e.g. 2025-26).")
@click.option(
    "--since",
    help="Only changes after a git ref (e.g. the tag of the last board: board-2026-03) "
    "or from a date (YYYY-MM-DD).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.pass_obj
def history_command(
    opts: Options,
    organisation: str | None,
    org_option: str | None,
    statement: str | None,
    cycle: str | None,
    since: str | None,
    fmt: str,
) -> None:
    """Every rating change over the git history: date, commit, pull request (GitHub merges
    and squashes, GitLab and Azure DevOps merges), author, subject, statement, and old ->
    new level. Changes made in merge commits (a resolved conflict) are included; a new cycle
    is compared with the one before it in the organisation's order, across a framework's
    `migrates_from` renumbering.

    Needs the full history: in a shallow clone it stops with exit code 2 and says how to
    fetch the rest.
    """
    from impactctl.report.history import REPORTERS
    from impactctl.review.following import HistoryFilter
    from impactctl.review.history import rating_history

    root = opts.root()
    if organisation and org_option and organisation != org_option:
        raise click.UsageError("give the organisation once: ORGANISATION or --org")
    organisation = organisation or org_option
    known = organisation is None or (root / "assessments" / organisation).is_dir()
    if not known:
        raise ImpactError(f"no organisation {organisation!r} in {root / 'assessments'}")
    only = HistoryFilter(statement, cycle, since) if (statement or cycle or since) else None
    events = rating_history(root, organisation, only)
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
