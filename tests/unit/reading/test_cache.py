"""The parse cache: content-addressed, outside the repository, never trusted blindly."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from impactctl.checks.engine import validate
from impactctl.reading.cache import Cache, key

REPO = Path(__file__).resolve().parents[2] / "data/good/minimal-repo"


def test_keys_change_with_any_part() -> None:
    assert key("a", b"b") != key("a", b"c")
    assert key("ab", b"") != key("a", b"b")  # parts are length-prefixed


def test_round_trip_and_unusable_folder(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    cache.put("files", key("x"), {"data": [1, "two"]})
    assert cache.get("files", key("x")) == {"data": [1, "two"]}
    assert cache.get("files", key("y")) is None
    (tmp_path / "blocked").write_text("a file where a folder should be")
    broken = Cache(tmp_path / "blocked")
    broken.put("files", key("x"), {"a": 1})  # best effort: no error
    assert broken.get("files", key("x")) is None


def test_a_warm_run_gives_the_same_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACTCTL_CACHE_DIR", str(tmp_path / "cache"))
    assert validate(REPO) == validate(REPO)
    assert list((tmp_path / "cache").glob("results/*/*.bin"))


def test_a_cache_entry_of_another_shape_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry left by an older impactctl must never crash a run: it is re-checked."""

    from impactctl.checks.engine import validate

    monkeypatch.setenv("IMPACTCTL_CACHE_DIR", str(tmp_path / "cache"))
    repo = Path(__file__).resolve().parents[2] / "data/good/minimal-repo"
    first = validate(repo)
    for entry in (tmp_path / "cache").rglob("*.bin"):
        entry.write_bytes(marshal.dumps(["an", "old", "shape"]))
    again = validate(repo)
    assert again == first


def test_an_alias_names_the_same_entry_and_outlives_a_new_one(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    cache.put_bytes("files", key("content"), b"entry")
    cache.alias("files", key("content"), key("blob"))
    assert cache.get_bytes("files", key("blob")) == b"entry"
    cache.put_bytes("files", key("content"), b"newer")  # replaced, not written through
    assert cache.get_bytes("files", key("blob")) == b"entry"
    cache.alias("files", key("missing"), key("other"))  # nothing to name: no entry, no error
    assert cache.get_bytes("files", key("other")) is None
    assert not list((tmp_path / "c").rglob("*.tmp"))
