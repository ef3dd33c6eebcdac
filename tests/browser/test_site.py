"""The example site in a real browser: the path a board member takes, the numbers it shows,
charts, search, WCAG 2.2 AA (axe-core) and keyboard-only use, under the site's own CSP."""

from __future__ import annotations

import csv
import io
import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.searching import search

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ORG = "example-trust"


def _yaml(rel: str) -> Any:
    return yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))


def expected_scores(org: str) -> tuple[str, dict[str, str]]:
    """The latest cycle's component levels, computed here from the YAML alone (not with
    impactctl's code): the median (the lower middle) of each component's assessed
    statements' levels."""
    framework = _yaml("framework/nhs-impact/framework.yaml")
    ranks = {lv["id"]: i for i, lv in enumerate(framework["levels"], start=1)}
    labels = [lv["label"] for lv in framework["levels"]]
    cycle = _yaml(f"assessments/{org}/organisation.yaml")["cycles"][-1]
    ratings = _yaml(f"assessments/{org}/{cycle}.yaml")["ratings"]
    scores = {}
    for component in framework["components"]:
        values = sorted(
            ranks[ratings[s["id"]]["level"]]
            for s in component["statements"]
            if ratings.get(s["id"], {}).get("level") in ranks
        )
        scores[component["id"]] = labels[values[(len(values) - 1) // 2] - 1]
    return cycle, scores


def goto(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")


def test_overview_to_organisation_to_statement_shows_the_yaml(page: Any, example_url: str) -> None:
    goto(page, example_url + "/")
    assert page.locator("h1").inner_text() == "Overview"
    cycle, scores = expected_scores(ORG)
    framework = _yaml("framework/nhs-impact/framework.yaml")
    row = page.locator("#heatmap-table tbody tr", has_text="Example Hospitals NHS Foundation")
    cells = row.locator("td").all_inner_texts()
    assert cells[0].startswith(cycle)
    for component, cell in zip(framework["components"], cells[1:], strict=True):
        assert cell.endswith(scores[component["id"]]), (component["id"], cell)

    row.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/organisations/{ORG}/$"))
    assert page.locator("h1").inner_text() == "Example Hospitals NHS Foundation Trust"
    trend = page.locator("#trend-table tbody tr")
    for i, component in enumerate(framework["components"]):
        assert trend.nth(i).locator("td").last.inner_text() == scores[component["id"]]

    # The page's contents stop at components; each component's table links its statements.
    first = framework["components"][0]
    contents = page.locator(".md-sidebar--secondary")
    contents.get_by_role("link", name=first["title"], exact=True).click()
    page.wait_for_url(re.compile(rf"#component-{first['id']}$"))
    assert contents.get_by_role("link", name=re.compile(r"^1\.2 ")).count() == 0
    page.locator(f"#component-{first['id']}-history a[href='#statement-1-2']").click()
    page.wait_for_url(re.compile(r"#statement-1-2$"))
    assert page.locator("h4#statement-1-2").is_visible()
    rating = _yaml(f"assessments/{ORG}/{cycle}.yaml")["ratings"]["1.2"]
    labels = {lv["id"]: lv["label"] for lv in framework["levels"]}
    block = page.locator("#statement-1-2-detail")
    facts = block.locator("dl.impact-facts")
    assert facts.locator("dd").first.inner_text().startswith(labels[rating["level"]])
    assert labels[rating["target"]] in facts.inner_text()
    assert rating["confidence"].title() in facts.inner_text()
    assert " ".join(rating["rationale"].split()[:8]) in " ".join(block.inner_text().split())
    hrefs = block.locator(".impact-evidence a").evaluate_all("els => els.map(e => e.href)")
    assert hrefs == [e["url"] for e in rating["evidence"]]
    for view in rating.get("perspectives", []):
        assert (
            f"{view['group'].replace('-', ' ').capitalize()}: {labels[view['level']]}"
            in facts.inner_text()
        )
    assert page.problems == []


def test_charts_have_accessible_names_tables_and_csv(page: Any, example_url: str) -> None:
    for path in ("/", f"/organisations/{ORG}/", "/components/people/"):
        goto(page, example_url + path)
        figures = page.locator("figure.impact-chart")
        assert figures.count() >= 1, path
        for i in range(figures.count()):
            figure = figures.nth(i)
            headline = figure.locator(".impact-headline").inner_text()
            svgs = figure.locator("svg[role=img]")
            for k in range(svgs.count()):  # one chart, or small multiples
                svg = svgs.nth(k)
                name = svg.evaluate(
                    "s => s.getAttribute('aria-labelledby').split(' ')"
                    ".map(id => document.getElementById(id).textContent)"
                )
                if svgs.count() == 1:
                    assert name[0] == headline, (path, name)
                    assert page.get_by_role("img", name=headline).count() >= 1
                assert len(name[0]) > 10 and len(name[1]) > 40, (path, name)
                assert svg.locator("text").count() >= 5  # real text labels
            table = figure.locator("xpath=following-sibling::div[1]//table")
            assert table.locator("caption").inner_text()
            assert table.locator("th[scope=col]").count() >= 2
    goto(page, example_url + f"/organisations/{ORG}/")
    href = page.get_by_role("link", name=re.compile("maturity over time table")).get_attribute(
        "href"
    )
    with urllib.request.urlopen(example_url + f"/organisations/{ORG}/" + href) as response:
        rows = list(csv.reader(io.StringIO(response.read().decode("utf-8-sig"))))
    assert rows[0][:2] == ["component_id", "component"] and len(rows) == 7  # 5 + overall
    assert rows[1][-1] in {"Emerging", "Developing", "Established", "Embedded", "Leading"}


def test_search_finds_a_rationale(page: Any, example_url: str) -> None:
    goto(page, example_url + "/")
    links = search(page, "appraisal")
    assert any(f"/organisations/{ORG}/" in link for link in links), links
    assert page.problems == []  # nothing blocked by the Content-Security-Policy


def test_no_request_leaves_the_site(page: Any, example_url: str) -> None:
    """Offline and behind NHS firewalls: no font, script or style from another host."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    for path in ("/", f"/organisations/{ORG}/", "/components/purpose/", "/about/"):
        goto(page, example_url + path)
    search(page, "appraisal")
    page.wait_for_timeout(200)
    assert requested
    assert [u for u in requested if not u.startswith(example_url)] == []
    assert page.problems == []


@pytest.mark.parametrize("path", ["/", f"/organisations/{ORG}/", "/components/purpose/"])
def test_keyboard_reaches_every_chart_table_and_link(
    page: Any, example_url: str, path: str
) -> None:
    goto(page, example_url + path)
    wanted = set(
        page.locator("article .impact-table[tabindex='0'], article a[href]").evaluate_all(
            "els => els.map((e, i) => e.dataset.k = 'k' + i)"
        )
    )
    assert any(k for k in wanted)
    reached: set[str] = set()
    page.locator("body").focus()
    for _ in range(2000):
        page.keyboard.press("Tab")
        key = page.evaluate("document.activeElement && document.activeElement.dataset.k")
        if key:
            reached.add(key)
        if reached == wanted:
            break
    missing = page.locator("article [data-k]").evaluate_all(
        f"els => els.filter(e => !{sorted(reached)!r}.includes(e.dataset.k))"
        ".map(e => e.outerHTML.slice(0, 120))"
    )
    assert reached == wanted, missing
