"""The options every paper command shares: its format and where it is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def paper_output(kind: str, pdf_words: str) -> Callable[[F], F]:
    """``--format pdf|html``, ``--out`` and ``--force`` for a paper named ``kind``."""

    def decorate(command: F) -> F:
        for option in reversed(
            [
                click.option(
                    "--format",
                    "fmt",
                    type=click.Choice(["pdf", "html"]),
                    default="pdf",
                    show_default=True,
                    help=f"pdf: {pdf_words}. html: one self-contained page.",
                ),
                click.option(
                    "--out",
                    type=click.Path(dir_okay=False, path_type=Path),
                    help=f"The file to write (default ORG-CYCLE-{kind}.pdf or .html).",
                ),
            ]
        ):
            command = option(command)
        return command

    return decorate


force_option = click.option(
    "--force", is_flag=True, help="Replace the file if it is already there."
)
