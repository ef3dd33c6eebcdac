"""Every broken workbook in tests/data/bad/workbook/ is reported with its code and cell,
exits 1, and writes nothing (EXPECTED.yaml says what each must produce)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from impactctl.cli import cli

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "bad" / "workbook"
EXPECTED: dict[str, str] = yaml.safe_load((CORPUS / "EXPECTED.yaml").read_text())


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name in ("framework", "assessments"):
        shutil.copytree(ROOT / name, root / name)
    return root


def _digest(repo: Path) -> str:
    h = hashlib.sha256()
    for p in sorted((repo / "assessments").rglob("*")):
        if p.is_file():
            h.update(str(p).encode() + p.read_bytes())
    return h.hexdigest()


def test_every_case_is_declared_and_every_declaration_has_a_file() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".csv")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_case(name: str, repo: Path) -> None:
    code, _, where = EXPECTED[name].partition(" ")
    before = _digest(repo)
    result = CliRunner().invoke(
        cli, ["--repo", str(repo), "import", "example-icb", "2025-26", str(CORPUS / name)]
    )
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if ": error " in line]
    assert len(errors) == 1, result.output
    position = f"{name}:{where}" if where else f"{name}:1:1"
    assert errors[0].startswith(f"{position}: error {code} "), errors[0]
    assert "Traceback" not in result.output and "Nothing was written" in result.output
    assert _digest(repo) == before


def test_a_cell_position_in_json_carries_the_sheet_and_cell() -> None:
    from impactctl.diagnostics import Diagnostic, Location, Severity

    d = Diagnostic(Location("capture.xlsx", 12, 3, "Ratings"), "E203", Severity.ERROR, "m")
    assert str(d.location) == "capture.xlsx:Ratings!C12"
    assert json.loads(json.dumps(d.as_json()))["cell"] == "C12"
    assert str(Location("a.yaml", 4, 7)) == "a.yaml:4:7"
    assert Location("w.xlsx", 1, 28, "Ratings").cell == "AB1"
