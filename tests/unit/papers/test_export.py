"""Board-pack export: the two tables, as CSV files and as an Excel workbook."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from impactctl.cli import cli
from impactctl.csvtext import csv_text
from impactctl.errors import RefusedToOverwrite
from impactctl.papers.export import (
    ACTION_COLUMNS,
    RATING_COLUMNS,
    tables,
    write_csv,
    write_xlsx,
    xlsx_bytes,
)
from impactctl.reading.repository import load_repository
from tests.gitrepo import write
from tests.unit.site.tiny import FILES

TODAY = date(2026, 11, 24)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write(root, FILES)
    return root


def test_tables(repo: Path) -> None:
    data = tables(load_repository(repo).repository, TODAY)
    ratings = [dict(zip(RATING_COLUMNS, r, strict=True)) for r in data.ratings.rows]
    assert len(ratings) == 9  # 3 statements x (2 + 1) cycles
    first = ratings[0]
    assert first["Organisation id"] == "test-icb"
    assert first["Organisation"] == "Test Integrated Care Board"
    assert (first["Cycle"], first["Statement"], first["Level id"], first["Rank"]) == (
        "2025-26",
        "1.1",
        "strong",
        3,
    )
    assert first["Level"] == "Strong" and first["Component"] and first["Statement text"]
    trust = [r for r in ratings if r["Organisation id"] == "test-trust" and r["Cycle"] == "2025-26"]
    assert (trust[0]["Level"], trust[0]["Target"], trust[0]["Confidence"]) == (
        "Growing",
        "Strong",
        "Medium",
    )
    assert trust[0]["Status"] in ("Draft", "Agreed")
    assert (trust[2]["Level id"], trust[2]["Rank"]) == ("not-assessed", None)
    actions = [dict(zip(ACTION_COLUMNS, a, strict=True)) for a in data.actions.rows]
    assert [a["Action"] for a in actions] == ["a-001", "a-002"]
    assert actions[0]["Overdue"] == "Yes"  # in progress, due 2026-09-30
    assert actions[0]["Latest update date"] == date(2025, 6, 1)
    assert actions[0]["Latest update"]  # the text, not only the date
    assert actions[0]["Organisation"] == "Test Trust"


def test_summary_uses_the_one_component_measure(repo: Path) -> None:
    from impactctl.scores import component_levels

    repository = load_repository(repo).repository
    summary = tables(repository, TODAY).summary
    assert summary.header[:4] == ("Organisation id", "Organisation", "Component id", "Component")
    record = repository.organisations["test-trust"]
    latest = record.cycles[-1]
    fw = repository.framework_for(latest)
    assert fw is not None
    measured = component_levels(latest, fw)
    column = summary.header.index(latest.cycle)
    rows = {r[2]: r for r in summary.rows if r[0] == "test-trust"}
    for cid, m in measured.items():
        expected = m.level.label if m.level else "Not assessed"
        assert str(rows[cid][column]).startswith(expected)


def test_csv_is_two_files_in_a_folder(repo: Path, tmp_path: Path) -> None:
    data = tables(load_repository(repo).repository, TODAY)
    written = write_csv(tmp_path / "pack", data)
    assert [p.name for p in written] == ["summary.csv", "ratings.csv", "actions.csv"]
    raw = written[1].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == RATING_COLUMNS and len(rows) == 10
    actions = list(csv.reader(io.StringIO(written[2].read_text("utf-8-sig"))))
    assert tuple(actions[0]) == ACTION_COLUMNS and len(actions) == 3
    with pytest.raises(RefusedToOverwrite):
        write_csv(tmp_path / "pack", data)
    write_csv(tmp_path / "pack", data, force=True)


def test_formulas_are_never_exported() -> None:
    text = csv_text(["a", "b"], [('=HYPERLINK("http://x")', -1), ("+1", "@SUM(A1)")])
    assert "'=HYPERLINK" in text and "'+1" in text and "'@SUM" in text and ",-1" in text
    from openpyxl.reader.excel import load_workbook as load

    from impactctl.papers.export import SUMMARY_LEAD, Table, Tables

    hostile = ("=1+1", "c", None, "1.1", "=cmd|' /C calc'!A0", 1, None, None)
    book = load(
        io.BytesIO(
            xlsx_bytes(
                Tables(
                    Table("Summary", SUMMARY_LEAD, []),
                    Table("Ratings", RATING_COLUMNS[: len(hostile)], [hostile]),
                    Table("Actions", ACTION_COLUMNS, []),
                ),
                made=datetime(2026, 11, 24),
                source="repo",
            )
        )
    )
    cells = [c for c in book["Ratings"][2]]
    assert cells[0].value == "=1+1" and cells[0].data_type == "s"
    assert cells[4].data_type == "s"


def test_xlsx_has_the_documented_sheets(repo: Path, tmp_path: Path) -> None:
    data = tables(load_repository(repo).repository, TODAY)
    path = tmp_path / "pack.xlsx"
    write_xlsx(path, data, made=datetime(2026, 11, 24, 9, 0), source="repo")
    book = load_workbook(path)
    assert book.sheetnames == ["Summary", "Ratings", "Actions", "About"]
    for name, columns, count in (("Ratings", RATING_COLUMNS, 9), ("Actions", ACTION_COLUMNS, 2)):
        sheet = book[name]
        assert tuple(c.value for c in sheet[1]) == columns
        assert all(c.font.bold for c in sheet[1])
        assert sheet.max_row == count + 1
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(columns)).column_letter}{count + 1}"
        assert all(sheet.column_dimensions[c].width >= 7 for c in "ABCDEFGH")
    assert book["Actions"]["H2"].value == datetime(2026, 9, 30)  # a real date cell
    assert book["Ratings"]["K2"].value == 3  # rank is a number
    assert book["Summary"].max_row > 1


def test_export_command(repo: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "board.xlsx"
    result = runner.invoke(
        cli, ["--repo", str(repo), "export", "--format", "xlsx", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "9 ratings and 2 actions" in result.output and out.is_file()
    again = runner.invoke(cli, ["--repo", str(repo), "export", "--out", str(out)])
    assert again.exit_code == 2 and "already exists" in again.output
    folder = tmp_path / "csv"
    result = runner.invoke(
        cli, ["--repo", str(repo), "export", "--format", "csv", "--out", str(folder)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["actions.csv", "ratings.csv", "summary.csv"]


def test_csv_out_ending_in_csv_is_refused(repo: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "pack.csv"
    result = runner.invoke(
        cli, ["--repo", str(repo), "export", "--format", "csv", "--out", str(target)]
    )
    assert result.exit_code == 2
    assert "ends in .csv" in result.output and "folder" in result.output
    assert not target.exists()
