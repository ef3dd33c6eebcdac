"""What `impactctl init` writes for the site stays in step with this repository's own."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "impactctl" / "templates"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_theme_overrides_are_the_same_in_a_new_repository() -> None:
    assert _tree(ROOT / "site" / "overrides") == _tree(TEMPLATES / "site" / "overrides")


def test_shared_pages_are_the_same_in_a_new_repository() -> None:
    for page in ("about/take-part.md", "about/accessibility.md"):
        assert (ROOT / "site" / page).read_bytes() == (TEMPLATES / "site" / page).read_bytes()


def test_a_new_repository_publishes_levels_by_default() -> None:
    text = (TEMPLATES / "mkdocs.yml").read_text()
    assert "      publish: levels\n" in text
    assert "site_dir: public" in text and "docs_dir: site" in text and "font: false" in text
    assert "generator: false" in text
