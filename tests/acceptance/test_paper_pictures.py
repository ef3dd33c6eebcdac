"""Pictures of each page type of the papers for docs/user-guide.md, taken from a real run.

Skipped unless IMPACTCTL_WRITE_DOCS=1 (it writes into docs/images/papers/ and needs
poppler-utils' pdftoppm):

    IMPACTCTL_WRITE_DOCS=1 .venv/bin/python -m pytest tests/acceptance/test_paper_pictures.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from impactctl.cli import cli

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "images" / "papers"
WRITE = os.environ.get("IMPACTCTL_WRITE_DOCS") == "1"

pytestmark = pytest.mark.skipif(not WRITE, reason="set IMPACTCTL_WRITE_DOCS=1 to write them")


def _pdf(tmp: Path, *args: str) -> Path:
    out = tmp / f"{args[0]}.pdf"
    result = CliRunner().invoke(cli, ["--repo", str(ROOT), *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _page_of(pdf: Path, text: str) -> int:
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        if text in " ".join(page.extract_text().split()):
            return number
    raise AssertionError(f"no page with {text!r}")


def _picture(pdf: Path, page: int, name: str) -> Path:
    target = OUT / name
    stem = target.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    assert target.read_bytes().startswith(b"\x89PNG")
    return target


def test_pictures_of_every_page_type(tmp_path: Path) -> None:
    assert shutil.which("pdftoppm"), "install poppler-utils"
    OUT.mkdir(parents=True, exist_ok=True)
    board = _pdf(tmp_path, "report", "example-trust")
    pack = _pdf(tmp_path, "workshop", "example-trust")
    written = [
        _picture(board, 1, "board-paper-first-page.png"),
        _picture(board, _page_of(board, "Where the room disagreed"), "board-paper-debate.png"),
        _picture(pack, 1, "workshop-cover.png"),
        _picture(pack, _page_of(pack, "Who is in the room"), "workshop-participation.png"),
        _picture(pack, _page_of(pack, "1.2 The purpose is lived"), "workshop-statement.png"),
    ]
    assert all(p.stat().st_size < 250_000 for p in written)  # small enough to commit
