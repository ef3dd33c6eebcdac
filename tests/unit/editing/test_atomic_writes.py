"""Atomic writes: a failure half-way leaves the original byte for byte and no temp file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from impactctl.editing.files import atomic_write, write_files, write_tree
from impactctl.errors import RefusedToOverwrite


def test_atomic_write_replaces_and_keeps_mode_bits(tmp_path: Path) -> None:
    target = tmp_path / "cycle.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    atomic_write(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["cycle.yaml"]


def test_a_write_that_fails_half_way_leaves_the_original(tmp_path: Path) -> None:
    """A real mid-write failure: the file-size limit makes write() fail after 4 KiB."""
    target = tmp_path / "cycle.yaml"
    original = b"# keep me\n" * 10
    target.write_bytes(original)
    script = f"""
import resource, signal, sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[3])!r})
from pathlib import Path
from impactctl.editing.files import atomic_write
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    atomic_write(Path({str(target)!r}), b"x" * 100_000)
except OSError as exc:
    print("failed", exc.errno)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.startswith("failed"), done.stderr
    assert target.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cycle.yaml"]


def test_write_files_refuses_before_writing_anything(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("mine")
    with pytest.raises(RefusedToOverwrite):
        write_files(tmp_path, {"a.yaml": "new", "b.yaml": "new"}, overwrite=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"]
    assert (tmp_path / "b.yaml").read_text() == "mine"


def test_write_tree_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    write_tree(target, {"a/b.txt": "1", "c.txt": "2"})
    assert (target / "a/b.txt").read_text() == "1"
    with pytest.raises(TypeError):
        write_tree(tmp_path / "other", {"ok.txt": "1", "bad.txt": 42})  # type: ignore[dict-item]
    assert not (tmp_path / "other").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.yaml", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640
