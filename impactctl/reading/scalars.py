"""Plain scalars read with the YAML 1.2 core schema, and the bounds on numbers.

`no` is the text "no", never false; dates stay text; and a number too long or too large
for our files (E118) is refused before Python's int() or float() could fail or overflow.
"""

from __future__ import annotations

import math
import re
from typing import Any

# Numbers in our files are small (a participant count). A plain scalar that reads as a
# number must stay inside these bounds: Python refuses to turn more than 4,300 digits into
# an int, 1e999 is infinity, and both would otherwise reach every command (see E118).
MAX_NUMBER_CHARS = 32
MAX_INT = 2**63 - 1

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)


KIND_WORDS = {type(None): "empty", bool: "true/false", int: "a whole number", float: "a number"}


class NumberOutOfRange(ValueError):
    """A plain scalar that YAML 1.2 reads as a number too long or too large for our files."""


def resolve_plain(text: str) -> Any:
    """Resolve a plain scalar with the YAML 1.2 core schema (dates stay text).

    Raises NumberOutOfRange for a number written with more than MAX_NUMBER_CHARS
    characters, a whole number beyond MAX_INT, or a decimal too large to hold (``1e999``);
    the length is checked before any conversion, so no input reaches Python's limit."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        if len(text) > MAX_NUMBER_CHARS:
            raise NumberOutOfRange(text)
        if text.startswith("0o"):
            whole = int(text[2:], 8)
        elif text.startswith("0x"):
            whole = int(text[2:], 16)
        else:
            whole = int(text)
        if abs(whole) > MAX_INT:
            raise NumberOutOfRange(text)
        return whole
    if _FLOAT.fullmatch(text):
        if len(text) > MAX_NUMBER_CHARS:
            raise NumberOutOfRange(text)
        value = float(
            text.replace(".inf", "inf")
            .replace(".Inf", "inf")
            .replace(".INF", "inf")
            .replace(".nan", "nan")
            .replace(".NaN", "nan")
            .replace(".NAN", "nan")
        )
        if math.isinf(value) and "inf" not in text.lower():
            raise NumberOutOfRange(text)  # 1e999: only `.inf` may mean infinity
        return value
    return text


def shown(text: str, limit: int = 24) -> str:
    """Text cut short for a message, saying how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[: limit - 4]}... ({len(text)} characters)"
