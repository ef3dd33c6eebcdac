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
from impactctl.errors import RefusedToOverwrite
from impactctl.papers.export import (
    ACTION_COLUMNS,
    RATING_COLUMNS,
    csv_text,
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
    assert len(data.ratings) == 9  # 3 statements x (2 + 1) cycles
    assert data.ratings[0] == ("test-icb", "2025-26", "purpose", "1.1", "strong", 3, None, None)
    trust = [r for r in data.ratings if r[0] == "test-trust" and r[1] == "2025-26"]
    assert trust[0] == ("test-trust", "2025-26", "purpose", "1.1", "growing", 2, "strong", "medium")
    assert trust[2][4:6] == ("not-assessed", None)
    assert [a[1] for a in data.actions] == ["a-001", "a-002"]
    assert data.actions[0][8] == "yes"  # overdue: in progress, due 2026-09-30
    assert data.actions[0][9] == date(2025, 6, 1)  # last update


def test_csv_is_two_files_in_a_folder(repo: Path, tmp_path: Path) -> None:
    data = tables(load_repository(repo).repository, TODAY)
    written = write_csv(tmp_path / "pack", data)
    assert [p.name for p in written] == ["ratings.csv", "actions.csv"]
    raw = written[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == RATING_COLUMNS and len(rows) == 10
    actions = list(csv.reader(io.StringIO(written[1].read_text("utf-8-sig"))))
    assert tuple(actions[0]) == ACTION_COLUMNS and len(actions) == 3
    with pytest.raises(RefusedToOverwrite):
        write_csv(tmp_path / "pack", data)
    write_csv(tmp_path / "pack", data, force=True)


def test_formulas_are_never_exported() -> None:
    text = csv_text(["a", "b"], [('=HYPERLINK("http://x")', -1), ("+1", "@SUM(A1)")])
    assert "'=HYPERLINK" in text and "'+1" in text and "'@SUM" in text and ",-1" in text
    from openpyxl.reader.excel import load_workbook as load

    from impactctl.papers.export import Tables

    book = load(
        io.BytesIO(
            xlsx_bytes(
                Tables([("=1+1", "c", None, "1.1", "=cmd|' /C calc'!A0", 1, None, None)], []),
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
    assert book.sheetnames == ["Ratings", "Actions", "About"]
    for name, columns, count in (("Ratings", RATING_COLUMNS, 9), ("Actions", ACTION_COLUMNS, 2)):
        sheet = book[name]
        assert tuple(c.value for c in sheet[1]) == columns
        assert all(c.font.bold for c in sheet[1])
        assert sheet.max_row == count + 1
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(columns)).column_letter}{count + 1}"
        assert all(sheet.column_dimensions[c].width >= 7 for c in "ABCDEFGH")
    assert book["Actions"]["G2"].value == datetime(2026, 9, 30)  # a real date cell
    assert book["Ratings"]["F2"].value == 3  # rank is a number


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
    assert sorted(p.name for p in folder.iterdir()) == ["actions.csv", "ratings.csv"]
