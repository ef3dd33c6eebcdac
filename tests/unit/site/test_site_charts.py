"""Charts: accessible structure, contrast, and golden SVGs a person has looked at."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from impactctl.site import charts
from tests.golden import assert_golden

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "site"
LEVELS = ["Emerging", "Developing", "Established", "Embedded", "Leading"]
SVG = "{http://www.w3.org/2000/svg}"


def luminance(colour: str) -> float:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def trend() -> str:
    return charts.trend_chart(
        "trend",
        "Every component has matured since 2023-24",
        "Scores per cycle.",
        ["2023-24", "2024-25", "2025-26"],
        [
            charts.Series("Purpose", (2.0, 2.6, 3.4)),
            charts.Series("People", (2.0, 2.2, 2.8)),
            charts.Series("Leadership", (2.2, None, 3.4)),
            charts.Series("Capability", (2.2, 2.7, 3.0)),
            charts.Series("Systems", (None, None, None)),
        ],
        LEVELS,
    )


def dots() -> str:
    return charts.dot_plot(
        "lvp",
        "Since 2024-25, 3 of 4 components rose; 1 fell",
        "Previous against latest.",
        [
            charts.DotRow("Purpose", 2.6, 3.4),
            charts.DotRow("People", 2.2, 2.0),
            charts.DotRow("Leadership", 2.8, 2.8),
            charts.DotRow("Capability", None, 3.0),
            charts.DotRow("Example Community Health Services NHS Trust with a long name", 1.4, 1.8),
        ],
        LEVELS,
        "2024-25",
        "2025-26",
    )


def heat() -> str:
    return charts.heatmap(
        "heatmap",
        "Systems is the least mature component",
        "Latest levels.",
        ["Example Hospitals NHS Foundation Trust", "Example ICB"],
        ["Purpose", "Systems"],
        [
            [charts.Cell(3, "Established 3.4"), charts.Cell(2, "Developing 2.2")],
            [charts.Cell(5, "Leading 4.6"), charts.Cell(None, "Not assessed")],
        ],
        LEVELS,
    )


@pytest.mark.parametrize(
    ("name", "make"),
    [("trend.svg", trend), ("latest-vs-previous.svg", dots), ("heatmap.svg", heat)],
)
def test_golden(name: str, make: object) -> None:
    assert_golden(make() + "\n", GOLDEN / name)  # type: ignore[operator]


@pytest.mark.parametrize("make", [trend, dots, heat])
def test_every_chart_is_an_accessible_image_with_real_text(make: object) -> None:
    svg = make()  # type: ignore[operator]
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby", "").split()
    found = {el.get("id"): el for el in root.iter() if el.get("id")}
    assert [found[i].tag for i in ids] == [f"{SVG}title", f"{SVG}desc"]
    assert found[ids[0]].text
    assert len(list(root.iter(f"{SVG}text"))) >= 8
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg


def test_chart_text_is_escaped() -> None:
    svg = charts.dot_plot(
        "x",
        "<script>alert(1)</script>",
        "d",
        [charts.DotRow("<img src=x onerror=alert(1)>", 1, 2)],
        LEVELS,
        "a",
        "b",
    )
    assert "<script" not in svg and "<img" not in svg
    ElementTree.fromstring(svg)  # still well-formed


def test_one_text_colour_reads_on_every_level_and_levels_step_darker() -> None:
    assert set(charts.LEVEL_TEXT) == {charts.INK}  # one rule: ink on every level
    for fill in charts.LEVEL_FILLS:
        assert contrast(fill, charts.INK) >= 4.5, fill  # the label written on it
    assert contrast(charts.MUTED, "#ffffff") >= 3.0  # each cell's border, against the page
    lightness = [contrast(fill, "#ffffff") for fill in charts.LEVEL_FILLS]
    assert lightness == sorted(lightness) and len(set(lightness)) == 5  # darker each level
    # Lightness alone does not tell neighbours apart (about 1.3:1): the pips do.
    for a, b in itertools.pairwise(charts.LEVEL_FILLS):
        assert 1.2 <= contrast(a, b) < 3.0
    for colour in (charts.INK, charts.MUTED, charts.LATEST):
        assert contrast(colour, "#ffffff") >= 4.5


def test_heatmap_cells_carry_their_rank_as_pips() -> None:
    svg = charts.heatmap(
        "h",
        "t",
        "d",
        ["A"],
        ["One", "Two"],
        [[charts.Cell(2, "Developing"), charts.Cell(4, "Embedded", draft=True)]],
        ["Emerging", "Developing", "Established", "Embedded", "Leading"],
    )
    # Each rank's squares are defined once: rank r has r filled and 5 - r hollow.
    for rank in range(1, 6):
        group = re.search(rf'<g id="h-pips-{rank}">(.*?)</g>', svg)
        assert group is not None
        filled = re.search(rf'<path d="([^"]*)" fill="{charts.INK}"', group.group(1))
        hollow = re.search(r'<path d="([^"]*)" fill="none"', group.group(1))
        assert filled is not None and filled.group(1).count("h6v6") == rank
        assert (hollow.group(1).count("h6v6") if hollow else 0) == 5 - rank
    # Two cells (ranks 2 and 4), then the key (ranks 1 to 5), each placing its squares.
    uses = re.findall(r'<use href="#h-pips-(\d)"', svg)
    assert uses == ["2", "4", "1", "2", "3", "4", "5"]
    assert "Dashed border: draft, not yet agreed" in svg
    assert svg.count('stroke-dasharray="5 3"') == 1


def test_a_heatmap_of_many_rows_can_draw_each_kind_of_cell_once() -> None:
    """A national overview's heatmap places each kind of cell with ``<use>``: the same
    cells, the same key and labels, in a fraction of the bytes."""
    kinds = [charts.Cell(2, "Developing"), charts.Cell(4, "Embedded", draft=True)]
    rows = [
        [kinds[i % 2], kinds[(i + 1) % 2], charts.Cell(None, "Not assessed")] for i in range(40)
    ]
    labels = [f"System {i}" for i in range(40)]

    def draw(shared: bool) -> str:
        return charts.heatmap(
            "h", "t", "d", labels, ["A", "B", "C"], rows, LEVELS, shared_cells=shared
        )

    drawn, shared = draw(False), draw(True)
    ElementTree.fromstring(shared)
    assert re.findall(r'<g id="h-cell-(\d)">', shared) == ["0", "1", "2"]
    placed = re.findall(r'<use href="#h-cell-(\d)" x="[\d.]+" y="[\d.]+"/>', shared)
    assert placed == [str(k) for i in range(40) for k in (i % 2, (i + 1) % 2, 2)]
    for label in ("System 0", "System 39", "5 Leading", "Dashed border"):
        assert label in shared
    assert drawn.count("Developing") == 41 and shared.count(">Developing<") == 1
    assert len(shared) < len(drawn) / 2


def test_colours_are_used_only_through_the_palette() -> None:
    allowed = {
        c.lower()
        for c in (
            *charts.LEVEL_FILLS,
            *charts.LEVEL_TEXT,
            charts.INK,
            charts.MUTED,
            charts.GRID,
            charts.LATEST,
            "#ffffff",
            "#f0f4f5",
        )
    }
    for make in (trend, dots, heat):
        used = set(re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', make()))
        assert used <= allowed


def test_labels_wrap_onto_two_lines_and_then_shorten() -> None:
    assert charts.wrap("Example Hospitals NHS Foundation Trust", 30) == [
        "Example Hospitals NHS",
        "Foundation Trust",
    ]
    long = charts.wrap("word " * 30, 20)
    assert len(long) == 2 and long[1].endswith("…")


def test_a_trend_line_breaks_at_a_gap_and_is_dashed_only_into_a_draft() -> None:
    svg = charts.trend_chart(
        "gaps",
        "Purpose rose",
        "Scores per cycle.",
        ["c1", "c2", "c3", "c4", "c5", "c6"],
        [charts.Series("Purpose", (1.0, 2.0, None, 3.0, 4.0, 5.0))],
        LEVELS,
        drafts=[False, False, False, False, False, True],
    )
    lines = re.findall(r'<polyline points="([^"]*)"[^>]*?( stroke-dasharray="5 4")?/>', svg)
    assert [(len(points.split()), bool(dash)) for points, dash in lines] == [
        (2, False),  # c1-c2
        (2, False),  # c4-c5: nothing is drawn across the gap at c3
        (2, True),  # c5-c6 reaches the draft
    ]
    assert svg.count('<circle cx="') == 6  # five points and the key's hollow one
    assert svg.count('r="4.5"') == 4


def test_a_dot_plot_names_its_rows_in_words_or_points_at_its_table() -> None:
    few = [charts.DotRow("Purpose", 2.0, 3.0), charts.DotRow("People", None, 2.0)]
    assert charts.dots_in_words(few, LEVELS) == (
        "Purpose: Developing → Established (up 1); People: Developing (first cycle)."
    )
    many = [charts.DotRow(f"Trust {i}", 2.0, 2.0) for i in range(21)]
    words = charts.dots_in_words(many, LEVELS)
    assert words == "The table after the chart gives every value."  # one full stop, no list
