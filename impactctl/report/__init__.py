"""Reporters turn results into text. They are picked by ``--format`` from registries, so a
new format changes no checking code."""

from __future__ import annotations

import os
import sys


def colour_enabled(stream: object = None) -> bool:
    """Colour on a terminal, never when piped or when NO_COLOR is set."""
    target = stream or sys.stdout
    return bool(getattr(target, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


_CODES = {"red": "31", "yellow": "33", "green": "32", "bold": "1", "dim": "2", "cyan": "36"}


def paint(text: str, style: str, enabled: bool) -> str:
    return f"\x1b[{_CODES[style]}m{text}\x1b[0m" if enabled else text


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
