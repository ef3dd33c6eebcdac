from __future__ import annotations

from pathlib import Path

import click

from impactctl.cli.group import EXIT_CONTENT, EXIT_OK, Options, cli, colour_enabled
from impactctl.errors import ImpactError
from impactctl.report.validation import REPORTERS


def relative_paths(root: Path, paths: tuple[Path, ...]) -> list[str]:
    out = []
    for path in paths:
        real = path.resolve()
        if not real.exists():
            raise ImpactError(f"{path}: no such file or folder")
        if not real.is_relative_to(root):
            raise ImpactError(f"{path} is outside the repository {root}")
        out.append(real.relative_to(root).as_posix() if real != root else "")
    return [p for p in out if p]


@cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output: text for people; json for tools; markdown for a comment or step "
    "summary; github (workflow annotations), gitlab (a Code Quality report), azure "
    "(Azure Pipelines logging commands) or sarif (SARIF 2.1.0, for code scanning) to show "
    "the findings on a pull or merge request.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.pass_obj
def validate_command(opts: Options, paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check the repository's files (default: all of them) and report every problem with
    its file, line and column.

    With PATHs, the whole repository is still read (references need it), but only problems
    in those files or folders are reported: this is what the pre-commit hook does.
    """
    from impactctl.checks.engine import validate

    root = opts.root()
    result = validate(root, relative_paths(root, paths), strict=strict)
    click.echo(REPORTERS[fmt](result, colour_enabled() and fmt == "text"), nl=False)
    click.get_current_context().exit(EXIT_OK if result.ok else EXIT_CONTENT)
