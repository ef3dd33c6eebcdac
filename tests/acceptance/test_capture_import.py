"""The capture workbook and `impactctl import`, as a team would use them: make the workbook,
fill it in with openpyxl as a person would, import it, and validate the result."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from impactctl.cli import cli
from impactctl.papers.xlsx import validation_lists

ROOT = Path(__file__).resolve().parents[2]
LEVELS = ["Emerging", "Developing", "Established", "Embedded", "Leading"]


def _copy_example(target: Path) -> Path:
    for name in ("framework", "assessments"):
        shutil.copytree(ROOT / name, target / name)
    return target


def _run(repo: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args])


def _digest(repo: Path) -> dict[str, str]:
    return {
        str(p.relative_to(repo)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((repo / "assessments").rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def icb_workbook(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The workbook for the example ICB's current draft, 2025-26 (made once)."""
    out = tmp_path_factory.mktemp("capture") / "capture.xlsx"
    result = _run(ROOT, "workshop", "example-icb", "--capture", str(out))
    assert result.exit_code == 0, result.output
    assert "26 statements" in result.output
    return out.read_bytes()


def test_workbook_sheets_locks_and_drop_down_lists(icb_workbook: bytes) -> None:
    book = load_workbook(io.BytesIO(icb_workbook))
    assert book.sheetnames == ["Ratings", "Participants", "About"]
    ratings = book["Ratings"]
    header = [c.value for c in ratings[1]]
    assert header[:3] == ["Statement", "Statement text", "Level"]
    assert ratings.max_row == 27  # a header and 26 statements
    assert ratings.protection.sheet  # protected, so the locked cells hold
    column = {name: i + 1 for i, name in enumerate(header)}
    for row in (2, 27):
        for name in ("Statement", "Statement text", "Component"):
            assert ratings.cell(row, column[name]).protection.locked, name
        for name in ("Level", "Confidence", "Rationale", "Minority view", "Staff view"):
            assert not ratings.cell(row, column[name]).protection.locked, name
    assert ratings["A2"].value == "1.1" and ratings["A2"].data_type == "s"
    # Filled in from the draft as it stands, so an unchanged row changes nothing.
    assert ratings["C2"].value in LEVELS
    lists = validation_lists(icb_workbook)
    assert lists["Ratings"]["C2:C27"] == [*LEVELS, "Not assessed"]
    assert lists["Ratings"]["D2:D27"] == ["low", "medium", "high"]
    assert lists["Ratings"]["E2:E27"] == LEVELS  # target
    views = [c for c in header if c.endswith(" view") and c != "Minority view"]
    assert "Lived experience view" in views and "Board view" in views
    for heading in views:
        letter = ratings.cell(1, column[heading]).column_letter
        assert lists["Ratings"][f"{letter}2:{letter}27"] == LEVELS
    assert "People with lived experience" in next(iter(lists["Participants"].values()))
    about = {r[0].value: r[1].value for r in book["About"].iter_rows(min_row=2)}
    assert about["Organisation"] == "example-icb" and about["Cycle"] == "2025-26"


def _fill(book_bytes: bytes, target: Path, edits: dict[str, object]) -> Path:
    book = load_workbook(io.BytesIO(book_bytes))
    for ref, value in edits.items():
        sheet, cell = ref.split("!")
        book[sheet][cell] = value
    book.save(target)
    return target


def test_a_new_cycle_from_a_filled_in_workbook_validates(tmp_path: Path) -> None:
    repo = _copy_example(tmp_path / "repo")
    made = tmp_path / "capture.xlsx"
    result = _run(repo, "workshop", "example-trust", "--cycle", "2026-27", "--capture", str(made))
    assert result.exit_code == 0, result.output
    book = load_workbook(made)
    ratings = book["Ratings"]
    # The room's decisions, typed as a person would: a level and reasons on every row,
    # one group's view, and who came.
    for row in range(2, ratings.max_row + 1):
        ratings.cell(row, 3).value = "Established"
        ratings.cell(row, 6).value = f"Agreed in the 2026-27 workshop (row {row})."
    ratings["K2"] = "Developing"  # staff view of 1.1
    people = book["Participants"]
    for row, (group, role, count) in enumerate(
        [
            ("Board", "Chair", 1),
            ("Staff", "Ward manager", 4),
            ("People with lived experience", "Patient partner", 2),
            ("Stakeholders and partners", "Council partner", 1),
        ],
        start=2,
    ):
        people.cell(row, 1).value, people.cell(row, 2).value = group, role
        people.cell(row, 3).value = count
    filled = tmp_path / "filled.xlsx"
    book.save(filled)

    result = _run(repo, "import", "example-trust", "2026-27", str(filled))
    assert result.exit_code == 0, result.output
    assert "assessments/example-trust/2026-27.yaml (new file)" in result.output
    new = repo / "assessments/example-trust/2026-27.yaml"
    text = new.read_text()
    assert text.startswith("# yaml-language-server")  # the layout `cycle new` writes
    data = yaml.safe_load(text)
    assert data["status"] == "draft" and data["cycle"] == "2026-27"
    assert {r["level"] for r in data["ratings"].values()} == {"established"}
    assert data["ratings"]["1.1"]["perspectives"] == [{"group": "staff", "level": "developing"}]
    assert len(data["participants"]) == 4
    assert "2026-27" in (repo / "assessments/example-trust/organisation.yaml").read_text()
    validated = _run(repo, "validate")
    assert validated.exit_code == 0, validated.output


def test_an_update_changes_only_the_changed_ratings_and_keeps_every_comment(
    tmp_path: Path, icb_workbook: bytes
) -> None:
    repo = _copy_example(tmp_path / "repo")
    path = repo / "assessments/example-icb/2025-26.yaml"
    # A contributor's comments, above and beside the ratings that will change.
    before = path.read_text().replace(
        '  "1.3":\n', '  # Revisit after the partner survey.\n  "1.3":  # contested\n'
    )
    path.write_text(before)
    unchanged = _run(
        repo,
        "import",
        "example-icb",
        "2025-26",
        str(_fill(icb_workbook, tmp_path / "same.xlsx", {})),
    )
    assert unchanged.exit_code == 0, unchanged.output
    assert "0 value(s) changed" in unchanged.output and path.read_text() == before

    filled = _fill(
        icb_workbook,
        tmp_path / "filled.xlsx",
        {"Ratings!C4": "Embedded", "Ratings!C9": "Developing"},  # 1.3 and 2.3
    )
    checked = _run(repo, "import", "example-icb", "2025-26", str(filled), "--check")
    assert checked.exit_code == 0, checked.output
    assert "2 value(s) would change" in checked.output and path.read_text() == before

    result = _run(repo, "import", "example-icb", "2025-26", str(filled))
    assert result.exit_code == 0, result.output
    assert "1.3 level: established → embedded" in result.output
    after = path.read_text()
    comments = [line for line in before.splitlines() if "#" in line]
    assert comments and all(line in after.splitlines() for line in comments)
    old_lines, new_lines = before.splitlines(), after.splitlines()
    assert len(old_lines) == len(new_lines)
    differ = [(o, n) for o, n in zip(old_lines, new_lines, strict=True) if o != n]
    assert len(differ) == 2 and all(re.match(r"\s+level: \w+$", n) for _, n in differ)
    assert _run(repo, "validate").exit_code == 0


def test_a_csv_with_the_same_headings_imports_the_same_way(
    tmp_path: Path, icb_workbook: bytes
) -> None:
    repo = _copy_example(tmp_path / "repo")
    sheet = load_workbook(io.BytesIO(icb_workbook))["Ratings"]
    rows = [["" if v is None else v for v in r] for r in sheet.iter_rows(values_only=True)]
    rows[3][2] = "embedded"  # 1.3, typed as the level id
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    source = tmp_path / "ratings.csv"
    source.write_text(out.getvalue(), encoding="utf-8-sig")
    result = _run(repo, "import", "example-icb", "2025-26", str(source))
    assert result.exit_code == 0, result.output
    assert "1 value(s) changed" in result.output
    assert "level: embedded" in (repo / "assessments/example-icb/2025-26.yaml").read_text()


def test_the_repository_checks_run_before_anything_is_written(
    tmp_path: Path, icb_workbook: bytes
) -> None:
    """Evidence kept in the repository must exist (E210): only the repository's checks can
    know, so the import runs them on the result first."""
    repo = _copy_example(tmp_path / "repo")
    before = _digest(repo)
    filled = _fill(
        icb_workbook,
        tmp_path / "f.xlsx",
        {
            "Ratings!O4": "Partner survey",
            "Ratings!P4": "evidence/partner-survey.pdf",
            "Ratings!Q4": "2026-10-01",
        },
    )
    result = _run(repo, "import", "example-icb", "2025-26", str(filled))
    assert result.exit_code == 1, result.output
    assert "assessments/example-icb/2025-26.yaml:" in result.output and "E210" in result.output
    assert "Nothing was written" in result.output
    assert _digest(repo) == before
    (repo / "evidence").mkdir()
    (repo / "evidence/partner-survey.pdf").write_bytes(b"%PDF-1.7")
    result = _run(repo, "import", "example-icb", "2025-26", str(filled))
    assert result.exit_code == 0, result.output
    assert (
        "path: evidence/partner-survey.pdf"
        in (repo / "assessments/example-icb/2025-26.yaml").read_text()
    )


def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path, icb_workbook: bytes) -> None:
    repo = _copy_example(tmp_path / "repo")
    before = _digest(repo)
    filled = _fill(icb_workbook, tmp_path / "f.xlsx", {})
    (tmp_path / "notes.txt").write_text("not a workbook")
    for args in (
        ["import", "example-icb", "2025-26", str(tmp_path / "missing.xlsx")],
        ["import", "example-icb", "2025-26", str(tmp_path / "notes.txt")],
        ["import", "nobody", "2025-26", str(filled)],
        ["import", "example-icb", "../escape", str(filled)],
    ):
        result = _run(repo, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
    assert _digest(repo) == before


def test_usage_and_help(tmp_path: Path) -> None:
    result = _run(ROOT, "import", "--help")
    assert result.exit_code == 0 and "--check" in result.output
    bad = _run(ROOT, "workshop", "example-icb", "--capture", str(tmp_path / "x.csv"))
    assert bad.exit_code == 2 and not (tmp_path / "x.csv").exists()


def test_a_changed_rationale_stays_folded_and_readable(tmp_path: Path, icb_workbook: bytes) -> None:
    repo = _copy_example(tmp_path / "repo")
    path = repo / "assessments/example-icb/2025-26.yaml"
    words = "The partners' survey showed the shared goals are known in every place. " * 3
    result = _run(
        repo,
        "import",
        "example-icb",
        "2025-26",
        str(_fill(icb_workbook, tmp_path / "f.xlsx", {"Ratings!F4": words})),
    )
    assert result.exit_code == 0, result.output
    text = path.read_text()
    block = text[text.index('  "1.3":') : text.index('  "1.4":')]
    assert "rationale: >-" in block  # the block style it had
    assert max(len(line) for line in block.splitlines()) <= 110
    assert " ".join(yaml.safe_load(text)["ratings"]["1.3"]["rationale"].split()) == words.strip()
    assert _run(repo, "validate").exit_code == 0


def test_a_broken_cycle_file_is_reported_not_rewritten(tmp_path: Path, icb_workbook: bytes) -> None:
    repo = _copy_example(tmp_path / "repo")
    path = repo / "assessments/example-icb/2025-26.yaml"
    path.write_text(path.read_text() + "ratings: [\n")
    before = path.read_bytes()
    filled = _fill(icb_workbook, tmp_path / "f.xlsx", {"Ratings!C4": "Embedded"})
    result = _run(repo, "import", "example-icb", "2025-26", str(filled))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "assessments/example-icb/2025-26.yaml:" in result.output
    assert path.read_bytes() == before


def test_a_capture_workbook_for_a_new_cycle_needs_its_id(tmp_path: Path) -> None:
    out = tmp_path / "capture.xlsx"
    result = _run(ROOT, "workshop", "example-trust", "--capture", str(out))
    assert result.exit_code == 2 and "--cycle" in result.output and not out.exists()
