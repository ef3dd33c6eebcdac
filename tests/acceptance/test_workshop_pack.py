"""The workshop pack for the bundled example, read back: every page marked internal, one
sheet per statement with its descriptors and last agreed rating, tagged for a screen
reader."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from impactctl.cli import cli
from impactctl.reading.repository import load_repository

ROOT = Path(__file__).resolve().parents[2]
INTERNAL = "Internal: contains the discussion record"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("workshop") / "pack.pdf"
    result = CliRunner().invoke(
        cli, ["--repo", str(ROOT), "workshop", "example-trust", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_every_page_says_it_is_internal(pack: bytes) -> None:
    pages = _pages(pack)
    assert all(INTERNAL in page for page in pages)


def test_cover_participation_and_one_sheet_per_statement(pack: bytes) -> None:
    pages = _pages(pack)
    framework = load_repository(ROOT).repository.frameworks["nhs-impact@2024.1"]
    statements = list(framework.statements.values())
    assert len(statements) + 2 <= len(pages) <= 2 * len(statements) + 2
    cover = pages[0]
    assert "What this session is for" in cover and "Advice for the room" in cover
    for advice in ("Give it the time it needs", "Bring the right people", "Leave with actions"):
        assert advice in cover
    people = next(p for p in pages if "Who is in the room" in p)
    for group in ("Board", "Executive", "Staff", "People with lived experience"):
        assert group in people
    assert "Chief Executive" in people and "Ward manager (6)" in people  # roles, no names
    text = " ".join(pages)
    for statement in statements:
        assert f"{statement.id} {' '.join(statement.text.split())[:40]}" in text
    sheet = next(p for p in pages if "1.2 The purpose is lived" in p)
    for label in ("Emerging", "Developing", "Established", "Embedded", "Leading"):
        assert label in sheet
    assert "Agreed in 2025-26: Established, confidence medium" in sheet
    assert "Support services feel less connected to it." in sheet  # a group's view
    assert "a-006" in sheet  # the open action that cites 1.2
    assert "Agreed level" in sheet and "Any minority view" in sheet


def test_the_pack_is_tagged_with_title_and_language(pack: bytes) -> None:
    pdf = pikepdf.open(io.BytesIO(pack))
    assert str(pdf.Root.Lang) == "en-GB" and "/StructTreeRoot" in pdf.Root
    with pdf.open_metadata() as meta:
        assert "workshop pack" in meta["dc:title"]


def test_a_draft_cycle_is_the_default_and_html_works(tmp_path: Path) -> None:
    out = tmp_path / "icb.html"
    result = CliRunner().invoke(
        cli, ["--repo", str(ROOT), "workshop", "example-icb", "--format", "html", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "example-icb" not in result.output or "2025-26" in result.output
    html = out.read_text()
    assert "workshop, 2025-26" in html and html.count(INTERNAL) >= 2
    assert "Agreed in 2024-25" in html
