"""The click group every command hangs on, its options, and the one place where expected
failures become exit codes.

Exit codes: 0 success; 1 the content fails (validation errors, or warnings under
--strict); 2 a usage or environment problem; 70 an internal error.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from impactctl.errors import ImpactError
from impactctl.version import __version__

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
                raise ImpactError(
                    f"{self.repo} is not an assessment repository (no assessments/)",
                    "pass the folder made by `impactctl init`",
                )
            return self.repo.resolve()
        from impactctl.reading.layout import find_root

        return find_root(Path.cwd())


def _environment(exc: OSError) -> str:
    """One line for an operating-system error, its path printable whatever its bytes."""
    why = exc.strerror or type(exc).__name__
    if exc.filename is None:
        return why
    path = os.fsencode(exc.filename).decode("utf-8", "backslashreplace")
    return f"{why}: {path}"


# Each command's module, imported when that command runs or help lists it: a module that
# every command imported would make `impactctl validate` pay for the papers and the site.
# A test checks that this table and the modules' own registrations agree.
COMMAND_MODULES = {
    "ci": "ci_cmd",
    "cycle": "review_cmds",
    "diff": "review_cmds",
    "export": "export_cmd",
    "history": "review_cmds",
    "import": "import_cmd",
    "init": "init_cmd",
    "report": "report_cmd",
    "schema": "schema_cmd",
    "site": "site_cmd",
    "validate": "validate_cmd",
    "workshop": "workshop_cmd",
}


class ImpactGroup(click.Group):
    """Maps every expected failure to its exit code, and anything else to 70, in one place,
    and loads each command's module only when it is needed.

    It lives in the group (not only in ``main``) so that tests driving ``cli`` through
    click's CliRunner see exactly what users see.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if cmd_name not in self.commands and module is not None:
            importlib.import_module(f"impactctl.cli.{module}")  # registers it on this group
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ImpactError as exc:
            click.echo(f"impactctl: {exc.message}", err=True)
            if exc.hint:
                click.echo(f"hint: {exc.hint}", err=True)
            ctx.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            raise  # `impactctl history | head`: main() ends quietly
        except OSError as exc:
            # The environment, not impactctl: a full disk, a read-only folder, an output
            # path under a file. Writers are atomic, so nothing was half-written.
            click.echo(f"impactctl: {_environment(exc)}", err=True)
            click.echo(
                "hint: check that the folder exists, can be written to and has space; "
                "nothing was half-written",
                err=True,
            )
            ctx.exit(EXIT_USAGE)
        except Exception as exc:
            click.echo(
                f"impactctl {__version__}: internal error ({type(exc).__name__}: "
                f"{(str(exc).splitlines() or [''])[0][:200]}); "
                "nothing was written. Please report it with the command you ran.",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(
    cls=ImpactGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="impactctl")
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=Path),
    help="The assessment repository (default: the nearest enclosing folder that has assessments/).",
)
@click.pass_context
def cli(ctx: click.Context, repo: Path | None) -> None:
    """NHS IMPACT self-assessment as code: check, compare and publish maturity ratings
    kept as YAML in git."""
    ctx.obj = Options(repo)


def main(argv: list[str] | None = None) -> None:
    """Entry point for the console script."""
    try:
        cli.main(args=argv, prog_name="impactctl")
    except BrokenPipeError:  # `impactctl history | head`
        sys.exit(EXIT_OK)
    finally:
        _collect_quietly()


def _collect_quietly() -> None:
    """Collect what a failed command left before the interpreter does it noisily: after a
    full disk, a library's half-run writer (openpyxl's) raises again while it is cleaned
    up, and Python prints that as a traceback nobody can act on."""
    import gc

    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


def colour_enabled(stream: object = None) -> bool:
    """Colour on a terminal, never when piped or when NO_COLOR is set."""
    target = stream or sys.stdout
    return bool(getattr(target, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ
