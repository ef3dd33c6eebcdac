"""impactctl.reading.scalars: plain scalars under the YAML 1.2 core schema, numbers bounded."""

from __future__ import annotations

import math

import pytest

from impactctl.reading.scalars import MAX_INT, NumberOutOfRange, resolve_plain, shown


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("true", True),
        ("FALSE", False),
        ("~", None),
        ("", None),
        ("2024-25", "2024-25"),
        ("2026-03-12", "2026-03-12"),  # dates stay text
        ("1.10", 1.1),  # why statement ids must be quoted
        ("0x1f", 31),
        ("0o17", 15),
        ("-7", -7),
        (str(MAX_INT), MAX_INT),
    ],
)
def test_the_core_schema(text: str, value: object) -> None:
    assert resolve_plain(text) == value


@pytest.mark.parametrize(
    "text", ["9" * 33, str(MAX_INT + 1), "0x" + "f" * 17, "1e999", "-1e999", "1" * 5000]
)
def test_numbers_too_long_or_too_large_are_refused_before_conversion(text: str) -> None:
    with pytest.raises(NumberOutOfRange):
        resolve_plain(text)


def test_infinity_only_when_written_as_such() -> None:
    assert math.isinf(resolve_plain(".inf"))
    assert math.isnan(resolve_plain(".nan"))


def test_shown_cuts_long_text_and_says_how_long() -> None:
    assert shown("short") == "short"
    assert shown("1" * 5000) == "11111111111111111111... (5000 characters)"
