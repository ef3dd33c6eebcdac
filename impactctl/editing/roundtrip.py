"""The rewriting road: load a user's file for editing and write it back looking the same.

ruamel's round-trip loader keeps comments, key order and quoting; this module remembers
the rest of the layout (indentation, BOM, line endings) so that a rewrite changes only
what the command meant to change. The checking road is ``impactctl.reading.yaml``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.util import load_yaml_guess_indent

from impactctl.reading.yaml import decode


@dataclass(frozen=True)
class Layout:
    """How a file is laid out, so that a rewrite looks like the original."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    bom: bool = False
    newline: str = "\n"


def guess_layout(text: str, bom: bool = False, newline: str = "\n") -> Layout:
    mapping = 2
    previous: tuple[int, bool] | None = None
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if previous and previous[1] and indent > previous[0] and not stripped.startswith("-"):
            mapping = indent - previous[0]
            break
        opens = line.split(" #")[0].rstrip().endswith(":") and not stripped.startswith("-")
        previous = (indent, opens)
    _, sequence, offset = load_yaml_guess_indent(text)
    return Layout(
        mapping, sequence or mapping + 2, offset if offset is not None else 2, bom, newline
    )


def _round_trip_yaml(layout: Layout) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap a contributor's long line
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    return yaml


def load_round_trip(raw: bytes, file: str) -> tuple[Any, Layout]:
    """Load for editing: comments, order and quoting are kept; the layout is remembered."""
    text, bom, newline = decode(raw, file)
    text = text.replace("\r\n", "\n")
    layout = guess_layout(text, bom, newline)
    return _round_trip_yaml(layout).load(text), layout


def dump_round_trip(data: Any, layout: Layout) -> bytes:
    """Serialise an edited file with its original layout, BOM and line endings."""
    out = io.StringIO()
    _round_trip_yaml(layout).dump(data, out)
    text = out.getvalue()
    if layout.newline != "\n":
        text = text.replace("\n", layout.newline)
    return ("\ufeff" if layout.bom else "").encode("utf-8") + text.encode("utf-8")
