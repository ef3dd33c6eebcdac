"""The command line: parse, call one library function, report, return an exit code.

Exit codes: 0 success; 1 the content fails (validation errors, or warnings under
--strict); 2 a usage or environment problem; 70 an internal error.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import click

from impactctl import __version__
from impactctl.errors import ImpactError
from impactctl.loader import find_root

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70

EPILOG = """\b
Exit codes:
  0   success
  1   the content fails (validation errors, or warnings with --strict)
  2   a usage or environment problem (bad option, not a git repository,
      shallow clone, unknown ref, refusal to overwrite)
  70  internal error (please report it)"""


@dataclass
class Options:
    repo: Path | None

    def root(self) -> Path:
        """The repository: --repo, else the nearest enclosing directory with assessments/."""
        if self.repo is not None:
            if not (self.repo / "assessments").is_dir():
                raise ImpactError(f"{self.repo} is not an assessment repository (no assessments/)",
                                  "pass the folder made by `impactctl init`")
            return self.repo.resolve()
        return find_root(Path.cwd())


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="impactctl")
@click.option("--repo", type=click.Path(file_okay=False, path_type=Path),
              help="The assessment repository (default: the nearest enclosing folder that "
                   "has assessments/).")
@click.pass_context
def cli(ctx: click.Context, repo: Path | None) -> None:
    """NHS IMPACT self-assessment as code: check, compare and publish maturity ratings
    kept as YAML in git."""
    ctx.obj = Options(repo)


def main(argv: list[str] | None = None) -> None:
    """Entry point: every expected failure maps to an exit code; nothing else escapes."""
    from impactctl.cli import commands  # noqa: F401  (registers the commands)

    try:
        code = cli.main(args=argv, prog_name="impactctl", standalone_mode=False)
    except ImpactError as exc:
        click.echo(f"impactctl: {exc.message}", err=True)
        if exc.hint:
            click.echo(f"hint: {exc.hint}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("impactctl: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE if exc.exit_code != 0 else 0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as exc:  # noqa: BLE001 - the one place that turns surprises into exit 70
        click.echo(
            f"impactctl {__version__}: internal error ({type(exc).__name__}); nothing was "
            "written. Please report it with the command you ran.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
