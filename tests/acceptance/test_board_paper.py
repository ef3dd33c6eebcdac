"""The board paper for the bundled example, read back as a board member and a screen
reader would: its text and page count (pypdf), its tags, title and language (pikepdf)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from impactctl.cli import cli

ROOT = Path(__file__).resolve().parents[2]
LARGEST = "example-trust"  # the example's largest organisation


def _copy_example(target: Path) -> Path:
    for name in ("framework", "assessments"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def _report(repo: Path, out: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--repo", str(repo), "report", *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("board") / "paper.pdf"
    _report(ROOT, out, LARGEST)
    return out.read_bytes()


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _tags(node: pikepdf.Object, found: list[tuple[str, str | None]]) -> None:
    kids = node.get("/K")
    items = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for kid in items:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            alt = kid.get("/Alt")
            found.append((str(kid["/S"]), str(alt) if alt is not None else None))
            _tags(kid, found)


def test_two_to_four_pages_with_status_and_headline_first(paper: bytes) -> None:
    pages = _text(paper)
    assert 2 <= len(pages) <= 4
    first = " ".join(pages[0].split())
    assert "Example Hospitals NHS Foundation Trust" in first
    assert "Status: agreed by the room on 12 March 2026" in first
    assert "Since 2024-25," in first and "components moved up a level" in first
    everything = " ".join(" ".join(pages).split())
    for heading in (
        "Maturity by component",
        "What moved since 2024-25, and why",
        "Where the room disagreed",
        "Who took part",
        "How the action plan stands",
    ):
        assert heading in everything
    # The debate is shown: this example publishes `full`.
    assert "Minority view" in everything and "Lived experience" not in everything
    assert "People with lived experience" in everything


def test_the_pdf_is_tagged_with_title_language_headings_tables_and_alt_text(
    paper: bytes,
) -> None:
    pdf = pikepdf.open(io.BytesIO(paper))
    assert str(pdf.Root.Lang) == "en-GB"
    assert bool(pdf.Root.MarkInfo.Marked)
    with pdf.open_metadata() as meta:
        assert "board paper" in meta["dc:title"]
    assert "/DisplayDocTitle" in pdf.Root.get("/ViewerPreferences", {})
    found: list[tuple[str, str | None]] = []
    _tags(pdf.Root.StructTreeRoot, found)
    kinds = [k for k, _ in found]
    assert kinds.count("/H1") == 1 and kinds.count("/H2") >= 5
    assert "/Table" in kinds and "/TH" in kinds and "/TD" in kinds
    figures = [alt for k, alt in found if k == "/Figure"]
    assert figures and all(figures)  # every chart has a text alternative
    assert any("component's level" in alt for alt in figures if alt)


def test_levels_publishing_hides_the_debate_and_says_why(tmp_path: Path) -> None:
    repo = _copy_example(tmp_path / "repo")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text().replace("publish: full", "publish: levels"))
    html = tmp_path / "paper.html"
    _report(repo, html, LARGEST, "--format", "html")
    text = html.read_text()
    assert "publishing level for this organisation is <strong>levels</strong>" in text
    assert "Minority view" not in text and "staff network chair" not in text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="impact-svg" id="board-levels"' in text


def test_a_draft_cycle_says_so_on_the_first_page(tmp_path: Path) -> None:
    out = tmp_path / "icb.pdf"
    _report(ROOT, out, "example-icb")
    pages = [" ".join(p.split()) for p in _text(out.read_bytes())]
    assert "Status: DRAFT" in pages[0]
    # The example ICB's draft heard only the board and executives: the paper says so.
    assert "No staff and no people with lived experience took part" in " ".join(pages)


def test_without_a_site_configuration_the_paper_publishes_at_the_default_level(
    tmp_path: Path,
) -> None:
    repo = _copy_example(tmp_path / "repo")
    (repo / "mkdocs.yml").unlink()
    html = tmp_path / "paper.html"
    _report(repo, html, LARGEST, "--format", "html")
    assert "publishing level for this organisation is <strong>levels</strong>" in html.read_text()


def test_unknown_organisation_or_cycle_is_a_usage_error(tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (["nobody"], [LARGEST, "--cycle", "1999-00"]):
        result = runner.invoke(
            cli, ["--repo", str(ROOT), "report", *args, "--out", str(tmp_path / "x.pdf")]
        )
        assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_an_existing_file_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "paper.html"
    out.write_text("mine")
    result = CliRunner().invoke(
        cli, ["--repo", str(ROOT), "report", LARGEST, "--format", "html", "--out", str(out)]
    )
    assert result.exit_code == 2 and out.read_text() == "mine"
