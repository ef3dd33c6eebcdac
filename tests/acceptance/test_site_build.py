"""The site, built for real: the example repository with `mkdocs build --strict` and with
`impactctl site build`, a new repository from `impactctl init`, and the plugin-free staged
road. Browser checks are in tests/browser/."""

from __future__ import annotations

import html.parser
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from impactctl.site.searchtext import excerpt
from tests.browser.site_builds import (
    ENGINES,
    ENV,
    IMPACTCTL,
    ROOT,
    example_site,
    hostile_site,
    site_build,
)

CSP = "default-src 'self'; script-src 'self'; style-src 'self'"


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.inline_scripts = 0
        self.csp = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag == "script" and not a.get("src") and a.get("type") != "application/json":
            self.inline_scripts += 1
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a.get("content") or ""


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module", params=ENGINES)
def example(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built by each builder: every test that uses it runs on both."""
    built = example_site(tmp_path_factory.mktemp("example"), request.param)
    assert "WARNING" not in built.output and "ERROR" not in built.output, built.output
    return built.site


def search_index(site: Path) -> str:
    """MkDocs' search index, or Zensical's."""
    for rel in ("search/search_index.json", "search.json"):
        if (site / rel).is_file():
            return (site / rel).read_text(encoding="utf-8")
    raise AssertionError(f"no search index in {site}")


def test_example_builds_strictly_with_a_page_per_organisation(example: Path) -> None:
    orgs = sorted(p.name for p in (ROOT / "assessments").iterdir() if p.is_dir())
    for org in orgs:
        assert (example / "organisations" / org / "index.html").is_file()
        assert (example / "data" / "organisations" / f"{org}-maturity.csv").is_file()
    for page in (
        "index.html",
        "components/purpose/index.html",
        "framework/index.html",
        "action-plans/index.html",
        "about/take-part/index.html",
        "about/checks/e101/index.html",
    ):
        assert (example / page).is_file(), page
    assert search_index(example)
    pages = list(example.rglob("*.html"))
    # One page per organisation, never per organisation and cycle.
    assert len(pages) < len(orgs) + 80
    assert not (ROOT / "site" / "index.md").exists()  # nothing generated is committed


def test_every_internal_link_and_anchor_resolves(example: Path) -> None:
    parsed = {p: _parse(p) for p in example.rglob("*.html") if p.name != "404.html"}
    broken = []
    for page, links in parsed.items():
        for href in links.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(example)} -> {href}")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and parts.fragment not in parsed[target].ids
            ):
                broken.append(f"{page.relative_to(example)} -> {href} (no such anchor)")
    assert broken == []


def test_every_page_has_the_content_security_policy_and_no_inline_script(example: Path) -> None:
    for page in example.rglob("*.html"):
        parsed = _parse(page)
        if page.name == "404.html" or parsed.csp:
            assert parsed.csp.startswith(CSP), page
            assert "'unsafe-inline'" not in parsed.csp
            assert parsed.inline_scripts == 0, page
    text = (example / "index.html").read_text()
    assert "fonts.googleapis.com" not in text and "Made with" not in text


def test_set_aside_html_is_back_in_every_page_and_its_text_is_searchable(example: Path) -> None:
    """The plugin (and, staged, the set-aside Markdown extension) keeps raw HTML away from
    Markdown, then puts it back; no marker is left in the pages."""
    for page in example.rglob("*.html"):
        assert "impactctl:" not in page.read_text(encoding="utf-8"), page
    trust = (example / "organisations/example-trust/index.html").read_text(encoding="utf-8")
    assert trust.count('class="impact-statement"') == 26
    index = search_index(example)
    assert "impact-statement" not in index  # search gets text, not the markup


def test_search_finds_names_and_each_rationale_by_its_opening(example: Path) -> None:
    """Material's index holds each rationale's first sentence, not its every word, nor the
    statement's wording (on the framework page), nor counts and dates; Zensical builds its
    own index from the whole page."""
    trust = (example / "organisations/example-trust/index.html").read_text(encoding="utf-8")
    found = re.findall(r'<div data-search-excerpt="first sentence">\s*<p>([^<]+)</p>', trust)
    rationales = [html.unescape(r) for r in found]
    assert len(rationales) >= 20
    index = search_index(example)
    assert "Example Hospitals NHS Foundation Trust" in index
    two = [r for r in rationales if len(excerpt(r)) < len(r) - 20]
    assert two, "the example has rationales of more than one sentence"
    for rationale in two:
        assert json.dumps(" ".join(rationale.split()[:8]))[1:-1] in index
    if (example / "search/search_index.json").is_file():
        assert all(json.dumps(excerpt(r))[1:-1] in index for r in two)
        rest = [r[len(excerpt(r)) :].strip()[:40] for r in two]
        assert [r for r in rest if json.dumps(r)[1:-1] in index] == []
        docs = json.loads(index)["docs"]
        trust_text = " ".join(d["text"] for d in docs if "example-trust/" in d["location"])
        statement = re.search(r'<p class="impact-statement__text"[^>]*>([^<]{30})', trust)
        assert statement is not None and html.unescape(statement.group(1)) not in trust_text
        assert not any(d["location"].endswith("#change-log") for d in docs)


def test_impactctl_site_build_builds_the_example(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    example = example_site(tmp_path_factory.mktemp("example"), "mkdocs").site
    out = tmp_path / "public"
    done = site_build(ROOT, "--strict", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Built the site in" in done.stdout
    page = "organisations/example-trust/index.html"
    assert (out / page).read_text() == (example / page).read_text()


def test_a_new_repository_builds_and_publishes_levels_only(tmp_path: Path) -> None:
    repo = tmp_path / "new"
    subprocess.run(
        [IMPACTCTL, "init", str(repo), "--org", "St Mary's: Example Trust", "--id", "st-marys"],
        env=ENV,
        check=True,
        capture_output=True,
    )
    config = yaml.safe_load((repo / "mkdocs.yml").read_text())
    assert config["site_name"].startswith("St Mary's: Example Trust")
    assert {"impactctl": {"publish": "levels"}} in config["plugins"]
    done = site_build(repo, "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "change log unavailable" in done.stderr  # reported, not an error: not in git yet
    page = (repo / "public/organisations/st-marys/index.html").read_text()
    assert "This site publishes the levels, trends and actions" in page
    assert "Change log unavailable:" in page and "is not a git repository" in page


def test_a_large_repository_groups_its_navigation_by_system(tmp_path: Path) -> None:
    """Past 20 organisations, the nav has a section per system and each page carries only
    its own section's links (navigation.prune), not every organisation's."""
    repo = tmp_path / "region"
    subprocess.run(
        [IMPACTCTL, "init", str(repo), "--org", "North ICB", "--id", "north-icb", "--type", "icb"],
        env=ENV,
        check=True,
        capture_output=True,
    )
    for n in range(24):
        system = "north-icb" if n % 2 else "south-icb"
        folder = repo / "assessments" / f"trust-{n:02d}"
        folder.mkdir()
        (folder / "organisation.yaml").write_text(
            f"id: trust-{n:02d}\nname: Trust {n:02d}\ntype: acute\nsystem: {system}\n"
        )
    done = site_build(repo, "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    page = (repo / "public/organisations/trust-01/index.html").read_text()
    nav = page[: page.index('<div class="md-content"')]
    assert "North ICB" in nav and "Trust 03" in nav  # its own system, open
    assert "Trust 02" not in nav  # another system's organisations are pruned
    assert ">south-icb<" in nav.replace(" ", "").replace("\n", "")  # its section is listed


def test_the_staged_road_needs_no_plugin(tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("hostile")
    built = hostile_site(tmp)
    stage = next(tmp.parent.glob("hostile*/hostile-stage"))
    config = yaml.safe_load((stage / "mkdocs.yml").read_text())
    assert config["plugins"] == ["search"] and config["docs_dir"] == "docs"
    # Raw HTML blocks skip Markdown's parser in any builder, through a Markdown extension.
    assert "impactctl.site.setaside" in config["markdown_extensions"]
    assert config["nav"][0] == {"Overview": "index.md"}
    assert (stage / "docs/organisations/hostile-trust.md").is_file()
    assert (stage / "overrides/main.html").is_file()
    assert (built.site / "organisations/hostile-trust/index.html").is_file()
    assert re.search(r"Staged \d+ generated pages", built.output)


def test_site_commands_have_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "impactctl", "site", "build", "--help"],
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--stage" in done.stdout and "--out" in done.stdout


def test_the_engine_setting_in_mkdocs_yml_builds_with_zensical(tmp_path: Path) -> None:
    """`engine: zensical` under the plugin makes `site build` stage and run Zensical; the
    flag wins over the setting."""
    repo = tmp_path / "new"
    subprocess.run(
        [IMPACTCTL, "init", str(repo), "--org", "North Trust", "--id", "north"],
        env=ENV,
        check=True,
        capture_output=True,
    )
    config = repo / "mkdocs.yml"
    text = config.read_text()
    assert "      publish: levels\n" in text
    config.write_text(
        text.replace("      publish: levels\n", "      publish: levels\n      engine: zensical\n")
    )
    for args, engine, index in (
        ([], "zensical", "search.json"),
        (["--engine", "mkdocs"], "mkdocs", "search/search_index.json"),
    ):
        done = site_build(repo, "--strict", *args)
        assert done.returncode == 0, done.stdout + done.stderr
        assert f"with {engine}" in done.stdout
        assert (repo / "public" / index).is_file()
        page = (repo / "public/organisations/north/index.html").read_text()
        assert "This site publishes the levels, trends and actions" in page


def test_zensical_missing_is_one_line_with_the_install_command(tmp_path: Path) -> None:
    """Without Zensical installed: exit 2, the install line, nothing written."""
    hide = "import sys; sys.modules['zensical'] = None; from impactctl.cli import main; main()"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            hide,
            "site",
            "build",
            "--engine",
            "zensical",
            "--out",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Zensical is not installed" in done.stderr
    assert "pip install 'impactctl[zensical]'" in done.stderr
    assert not (tmp_path / "out").exists()


SECTION_LABELS = {"Organisations", "Systems", "Framework", "About"}


def test_the_theme_is_sent_without_its_indentation_and_its_words_intact(example: Path) -> None:
    """Either builder's pages lose the theme templates' indentation (a third of a national
    page); no navigation label loses a space: each reads as its page's title."""
    pages = sorted(example.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        chrome = text[: text.find("<article")]
        assert "\n  " not in chrome and "\n\n" not in chrome, page
        nav = chrome[chrome.find('<nav class="md-nav md-nav--primary"') :]
        for href, inner in re.findall(
            r'<a href="([^"#]*)" class="md-nav__link[^"]*">(.*?)</a>', nav, re.S
        ):
            label = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", inner)).split())
            target = (page.parent / href / "index.html").resolve()
            title = re.search(r"<h1[^>]*>(.*?)</h1>", target.read_text(encoding="utf-8"), re.S)
            assert title is not None, target
            heading = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", title.group(1))).split())
            assert label == heading or label in SECTION_LABELS, (page, label, heading)
