"""Light pages by design: past 20 organisations the overview and the component pages
summarise by system and link to the system pages; each organisation's own numbers are on
its page and in the CSV downloads. Built for real from a generated repository."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.browser.site_builds import ENV, ROOT, site_build

ORGS = 30
GENERATE = ["--orgs", str(ORGS), "--cycles", "3"]
UNAFFILIATED = "riverside-hospice"  # added to the generated repository: no system


def _build(tmp: Path) -> tuple[Path, Path]:
    repo = tmp / "national"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/generate.py"), str(repo), *GENERATE],
        env=ENV,
        check=True,
        capture_output=True,
    )
    folder = repo / "assessments" / UNAFFILIATED
    folder.mkdir()
    (folder / "organisation.yaml").write_text(
        f"id: {UNAFFILIATED}\nname: Riverside Hospice\ntype: other\n", encoding="utf-8"
    )
    done = site_build(repo, "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    return repo, repo / "public"


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _build(tmp_path_factory.mktemp("national"))


def _systems(repo: Path) -> dict[str, str]:
    """system id -> its name, from the organisation files (an ICB is its own system)."""
    orgs = {
        p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (repo / "assessments").glob("*/organisation.yaml")
    }
    ids = {
        o.get("system") or (o["id"] if o["type"] in ("icb", "system") else None)
        for o in orgs.values()
    }
    return {s: orgs[s]["name"] if s in orgs else s for s in ids if s}


def _content(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index('<div class="md-content"') :]


def _rows(html: str, table_id: str) -> list[str]:
    found = re.search(rf'<table [^>]*id="{table_id}">(.*?)</table>', html, re.S)
    assert found, table_id
    body = found.group(1).split("<tbody>", 1)[1]
    return re.findall(r"<tr>(.*?)</tr>", body, re.S)


def _csv(site: Path, rel: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / rel).read_text(encoding="utf-8-sig"))))


def test_the_overview_has_a_row_per_system_and_links_each_system_page(
    national: tuple[Path, Path],
) -> None:
    repo, site = national
    systems = _systems(repo)
    assert len(systems) >= 4
    page = _content(site / "index.html")
    for table in ("on-track-table", "heatmap-table", "overall-table"):
        rows = _rows(page, table)
        # One row per system, and one for the organisations that belong to none.
        assert len(rows) == len(systems) + 1, table
        for system in systems:
            assert sum(f'href="systems/{system}/"' in r for r in rows) == 1, (table, system)
        assert "Not part of a system" in rows[-1]
    # Each heatmap row of the chart is a system, named in the chart.
    svg = page[page.index('id="heatmap"') :]
    svg = svg[: svg.index("</svg>")]
    for name in systems.values():
        assert name in svg


def test_the_overview_shows_no_organisation_rows_and_says_where_they_are(
    national: tuple[Path, Path],
) -> None:
    _, site = national
    page = _content(site / "index.html")
    assert not re.search(r'href="organisations/[a-z0-9-]+/', page)
    assert "summarises by system" in page
    assert 'href="organisations/"' in page  # the list of organisations
    for rel in (
        "data/latest-levels.csv",
        "data/overall-latest-vs-previous.csv",
        "data/on-track.csv",
    ):
        assert f'href="{rel}"' in page, rel


def test_the_overview_csvs_keep_a_row_per_organisation(national: tuple[Path, Path]) -> None:
    repo, site = national
    orgs = sorted(p.parent.name for p in (repo / "assessments").glob("*/organisation.yaml"))
    assert len(orgs) == ORGS + 1
    for rel in (
        "data/latest-levels.csv",
        "data/overall-latest-vs-previous.csv",
        "data/on-track.csv",
    ):
        rows = _csv(site, rel)
        assert sorted(r["organisation_id"] for r in rows) == orgs, rel
    on_track = {r["organisation_id"]: r for r in _csv(site, "data/on-track.csv")}
    assert on_track[UNAFFILIATED]["system"] == ""
    assert {
        "overdue",
        "blocked",
        "due_soon",
        "done_since",
        "targets_set",
        "targets_reached",
    } <= set(on_track[UNAFFILIATED])


def test_the_on_track_row_of_a_system_adds_up_its_members(national: tuple[Path, Path]) -> None:
    repo, site = national
    systems = _systems(repo)
    members: dict[str, list[dict[str, str]]] = {}
    for row in _csv(site, "data/on-track.csv"):
        members.setdefault(row["system"], []).append(row)
    page = _content(site / "index.html")
    for row in _rows(page, "on-track-table")[:-1]:
        system = next(s for s in systems if f'href="systems/{s}/"' in row)
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        mine = members[systems[system]]
        assert cells[0] == str(len(mine))
        overdue = sum(int(r["overdue"]) for r in mine)
        assert cells[1].split()[0] == str(overdue)


def test_component_pages_have_a_row_per_system_and_no_chart_per_system(
    national: tuple[Path, Path],
) -> None:
    repo, site = national
    systems = _systems(repo)
    for component in ("purpose", "people", "leadership", "capability", "systems"):
        page = _content(site / "components" / component / "index.html")
        rows = _rows(page, "component-systems-table")
        assert len(rows) == len(systems) + 1, component
        for system in systems:
            assert sum(f'href="../../systems/{system}/"' in r for r in rows) == 1
        assert not re.search(r'href="../../organisations/[a-z0-9-]+/', page)
        assert page.count('class="impact-svg"') == 1  # a chart of the systems, not one each
        assert "component-1-table" not in page
        levels = _csv(site, f"data/components/{component}.csv")
        assert len(levels) == ORGS + 1
        assert f'href="../../data/components/{component}.csv"' in page
        assert f'href="../../data/components/{component}-statements.csv"' in page


def test_every_link_of_the_national_site_resolves(national: tuple[Path, Path]) -> None:
    _, site = national
    broken = []
    for page in [site / "index.html", *site.glob("components/*/index.html")]:
        for href in re.findall(r'href="([^"#]*)(?:#[^"]*)?"', _content(page)):
            if not href or href.startswith(("http", "mailto:", "//")):
                continue
            target = (page.parent / href).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert broken == []
