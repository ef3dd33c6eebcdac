"""Fuzzing the front door: whatever bytes arrive, only diagnostics come out, quickly.

CI runs a few hundred examples. A long run (documented in tests/data/bad/README.md):
    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/acceptance/test_fuzz.py
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from impactctl.checks.engine import diagnose
from impactctl.editing.roundtrip import dump_round_trip, load_round_trip
from impactctl.reading.cache import Cache
from impactctl.reading.files import repository_files
from impactctl.reading.layout import kind_of
from impactctl.reading.repository import load_sources
from impactctl.reading.yaml import YamlProblem, read_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = {rel: (ROOT / rel).read_bytes() for rel in repository_files(ROOT)}
TARGET = "assessments/example-trust/2025-26.yaml"
LIMIT_SECONDS = 2.0
CACHE = Cache(Path(tempfile.mkdtemp(prefix="impactctl-fuzz-cache-")))

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=35_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def validate_with(target: str, raw: bytes) -> None:
    """The whole example repository with one file replaced, through the real loader and
    every rule; only diagnostics may come out."""
    files = dict(EXAMPLE, **{target: raw})

    def read(rel: str) -> bytes:
        return files[rel]

    started = time.process_time()  # CPU time: other load on the machine does not count
    # The untouched files come from the content cache; only the fuzzed one is parsed.
    loaded = load_sources(ROOT, sorted(files), read, snapshot=frozenset(files), cache=CACHE)
    diagnostics = diagnose(loaded)
    elapsed = time.process_time() - started
    assert elapsed < LIMIT_SECONDS, f"{elapsed:.2f}s for one input"
    for d in diagnostics:
        assert d.location.line >= 1 and d.location.column >= 1
        assert d.code[0] in "EW"


@given(st.binary(max_size=4096))
def test_random_bytes_give_only_diagnostics(raw: bytes) -> None:
    validate_with(TARGET, raw)


@given(st.text(max_size=2048))
def test_random_unicode_gives_only_diagnostics(text: str) -> None:
    validate_with(TARGET, text.encode("utf-8", "surrogatepass"))


_sources = st.sampled_from(sorted(rel for rel in EXAMPLE if kind_of(rel) is not None))


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    rel = draw(_sources)
    data = bytearray(EXAMPLE[rel])
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "dup-line", "drop-line"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b":",
                        b"-",
                        b" ",
                        b"\t",
                        b"'",
                        b'"',
                        b"&a ",
                        b"*a",
                        b"!!str ",
                        b"{",
                        b"[",
                        b"\n",
                        b"#",
                        b"\xff",
                        b"\x00",
                        b"no",
                        b"1.10",
                    ]
                )
            )
        elif op == "delete" and data:
            del data[at : at + draw(st.integers(1, 20))]
        else:
            lines = bytes(data).split(b"\n")
            i = at % max(len(lines), 1)
            if op == "dup-line":
                lines.insert(i, lines[i])
            elif len(lines) > 1:
                del lines[i]
            data = bytearray(b"\n".join(lines))
    return rel, bytes(data)


@given(mutated())
def test_mutations_of_good_files_give_only_diagnostics(case: tuple[str, bytes]) -> None:
    rel, raw = case
    validate_with(rel, raw)


@settings(max_examples=30)
@given(_sources)
def test_round_trip_is_lossless_and_stable(rel: str) -> None:
    raw = EXAMPLE[rel]
    data, layout = load_round_trip(raw, rel)
    once = dump_round_trip(data, layout)
    assert read_document(once, rel).data == read_document(raw, rel).data
    again, layout2 = load_round_trip(once, rel)
    assert dump_round_trip(again, layout2) == once


def test_the_example_files_round_trip_byte_for_byte() -> None:
    """Unedited, a rewrite changes nothing at all in our own example files."""
    changed = []
    for rel, raw in EXAMPLE.items():
        data, layout = load_round_trip(raw, rel)
        if dump_round_trip(data, layout) != raw:
            changed.append(rel)
    assert changed == []


def test_nothing_but_yaml_problems_escape_the_reader() -> None:
    for raw in (
        b"\xef\xbb\xbf",
        b"\r\n",
        b"a: !!binary x\n",
        b"? [a]\n: b\n",
        b"a: *x\n",
        b"a: {b: [c, {d: e}]}\n" * 3,
        b"\t\n",
        b"- - - -\n",
        b"%TAG ! tag:x,2000:\n---\n",
    ):
        with contextlib.suppress(YamlProblem):
            read_document(raw, "x.yaml")
