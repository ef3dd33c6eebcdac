"""`validate --format gitlab|azure|sarif`: the reports other CI systems read.

Each is checked against its published format (schemas vendored in tests/schemas/, see the
README there) and read back into file, line, column and code, which must equal the JSON
report's. The repository is the minimal one with findings of both severities, in a file
whose name carries the characters each format must escape.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from click.testing import CliRunner

from impactctl.checks.rules import all_rules
from impactctl.cli import cli
from impactctl.diagnostics import Diagnostic, Location, Severity, ValidationResult
from impactctl.report.validation import REPORTERS

TESTS = Path(__file__).resolve().parents[1]
BASE = TESTS / "data" / "good" / "minimal-repo"
BAD = TESTS / "data" / "bad"
SCHEMAS = TESTS / "schemas"
CYCLE = "assessments/test-trust/2025-26.yaml"
# A name with every character a property value must escape in some format.
ODD = "assessments/test-trust/2025-26;copy]100%.yaml"


def run(repo: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--repo", str(repo), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("formats") / "repo"
    shutil.copytree(BASE, target)
    shutil.copyfile(BAD / "assessment" / "w306-w307-board-only.yaml", target / CYCLE)
    shutil.copyfile(BAD / "assessment" / "unknown-level-typo.yaml", target / ODD)
    shutil.copyfile(
        BAD / "action-plan" / "w304-overdue.yaml",
        target / "assessments/test-trust/action-plan.yaml",
    )
    return target


@pytest.fixture(scope="module")
def expected(repo: Path) -> list[dict[str, Any]]:
    code, out = run(repo, "validate", "--format", "json")
    assert code == 1
    found: list[dict[str, Any]] = json.loads(out)["diagnostics"]
    assert {d["severity"] for d in found} == {"error", "warning"}
    assert ODD in {d["file"] for d in found}
    return found


def where(d: dict[str, Any]) -> tuple[str, int, int, str]:
    return (d["file"], d["line"], d["column"], d["code"])


def schema(name: str) -> jsonschema.protocols.Validator:
    loaded = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    kind = jsonschema.validators.validator_for(loaded, default=jsonschema.Draft7Validator)
    kind.check_schema(loaded)
    return kind(loaded, format_checker=jsonschema.FormatChecker())


def valid_sarif(log: dict[str, Any]) -> None:
    """The whole official SARIF 2.1.0 schema, and the stricter subset (which also refuses
    properties the standard allows but impactctl never writes)."""
    schema("sarif-2.1.0-rtm.5.schema.json").validate(log)
    schema("sarif-2.1.0-subset.schema.json").validate(log)


def test_help_lists_every_format() -> None:
    help_text = CliRunner().invoke(cli, ["validate", "--help"], terminal_width=200).stdout
    for name in REPORTERS:
        assert name in help_text, name
    assert set(REPORTERS) >= {"text", "json", "github", "markdown", "gitlab", "azure", "sarif"}


# ---------------------------------------------------------------- GitLab Code Quality


def test_gitlab_is_a_code_quality_report(repo: Path, expected: list[dict[str, Any]]) -> None:
    code, out = run(repo, "validate", "--format", "gitlab")
    assert code == 1
    report = json.loads(out)
    schema("gitlab-code-quality.schema.json").validate(report)
    assert [
        (i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in report
    ] == [(d["file"], d["line"], d["code"]) for d in expected]
    assert [i["severity"] for i in report] == [
        "major" if d["severity"] == "error" else "minor" for d in expected
    ]
    assert all(d["message"] in i["description"] for i, d in zip(report, expected, strict=True))
    assert len({i["fingerprint"] for i in report}) == len(report)


def test_gitlab_fingerprints_survive_a_new_run_and_lines_moving(repo: Path, tmp_path: Path) -> None:
    first = json.loads(run(repo, "validate", "--format", "gitlab")[1])
    assert json.loads(run(repo, "validate", "--format", "gitlab")[1]) == first
    moved = tmp_path / "moved"
    shutil.copytree(repo, moved)
    path = moved / CYCLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n", "\n# a comment that moves every line down\n", 1), "utf-8")
    after = json.loads(run(moved, "validate", "--format", "gitlab")[1])
    lines = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in first}
    for issue in after:
        assert issue["fingerprint"] in lines
        if issue["location"]["path"] == CYCLE:
            assert issue["location"]["lines"]["begin"] == lines[issue["fingerprint"]] + 1


def test_gitlab_clean_repository_is_an_empty_array(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path / "repo")
    assert run(tmp_path / "repo", "validate", "--format", "gitlab") == (0, "[]\n")


# ---------------------------------------------------------------- Azure DevOps

_LOGISSUE = re.compile(r"##vso\[task\.logissue (?P<props>[^\]]*)\](?P<message>.*)")


def azure_unescape(value: str) -> str:
    """What the Azure Pipelines agent does to a logging command's values."""
    for raw, escaped in (("\r", "%0D"), ("\n", "%0A"), ("]", "%5D"), (";", "%3B")):
        value = value.replace(escaped, raw)
    return value.replace("%AZP25", "%")


def parse_azure(line: str) -> dict[str, str]:
    match = _LOGISSUE.fullmatch(line)
    assert match, line
    props = dict(p.split("=", 1) for p in match["props"].split(";"))
    assert all("\n" not in v and "]" not in v for v in props.values())
    return {k: azure_unescape(v) for k, v in props.items()} | {
        "message": azure_unescape(match["message"])
    }


def test_azure_lines_read_back_as_file_line_column_code(
    repo: Path, expected: list[dict[str, Any]]
) -> None:
    code, out = run(repo, "validate", "--format", "azure")
    assert code == 1
    *commands, summary = out.rstrip("\n").split("\n")
    assert re.fullmatch(r"\d+ errors?, \d+ warnings? in \d+ files?", summary)
    parsed = [parse_azure(line) for line in commands]
    assert [
        (p["sourcepath"], int(p["linenumber"]), int(p["columnnumber"]), p["code"]) for p in parsed
    ] == [where(d) for d in expected]
    assert [p["type"] for p in parsed] == [d["severity"] for d in expected]
    assert all(p["message"].startswith(d["message"]) for p, d in zip(parsed, expected, strict=True))
    assert any(
        "sourcepath=assessments/test-trust/2025-26%3Bcopy%5D100%AZP25.yaml;" in c for c in commands
    )


def test_azure_escapes_what_would_end_a_value_or_the_command() -> None:
    d = Diagnostic(Location("a;b].yaml", 3, 5), "E101", Severity.ERROR, "one\r\ntwo ]; 50%", "h")
    [line, _summary] = REPORTERS["azure"](ValidationResult((d,), 1), False).splitlines()
    assert line == (
        "##vso[task.logissue type=error;sourcepath=a%3Bb%5D.yaml;linenumber=3;columnnumber=5;"
        "code=E101]one%0D%0Atwo ]; 50%AZP25 (hint: h)"
    )
    assert parse_azure(line)["message"] == "one\r\ntwo ]; 50% (hint: h)"


# ---------------------------------------------------------------- SARIF


def test_sarif_is_valid_sarif_2_1_0(repo: Path, expected: list[dict[str, Any]]) -> None:
    code, out = run(repo, "validate", "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    valid_sarif(log)
    [sarif_run] = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    for rule, source in zip(rules, all_rules(), strict=True):
        assert rule["shortDescription"]["text"] == source.title
        assert rule["name"] and " " not in rule["name"]
        assert rule["help"]["text"]
        assert rule["helpUri"].endswith(
            f"/docs/reference/validation-codes.md#{source.code.lower()}"
        )
    results = sarif_run["results"]
    got = []
    for result in results:
        [location] = result["locations"]
        physical = location["physicalLocation"]
        region = physical["region"]
        got.append(
            (
                unquote(physical["artifactLocation"]["uri"]),
                region["startLine"],
                region["startColumn"],
                result["ruleId"],
            )
        )
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert got == [where(d) for d in expected]
    assert any("2025-26%3Bcopy%5D100%25.yaml" in str(r["locations"]) for r in results)
    assert [r["level"] for r in results] == [d["severity"] for d in expected]


def test_sarif_help_uri_points_at_a_heading_of_the_reference() -> None:
    reference = (TESTS.parent / "docs" / "reference" / "validation-codes.md").read_text("utf-8")
    log = json.loads(REPORTERS["sarif"](ValidationResult((), 0), False))
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        assert f"\n### {rule['id']}\n" in reference


def test_identical_findings_in_one_file_keep_apart() -> None:
    same = [
        Diagnostic(Location("a.yaml", line, 3), "W304", Severity.WARNING, "overdue")
        for line in (4, 9)
    ]
    report = json.loads(REPORTERS["gitlab"](ValidationResult(tuple(same), 1), False))
    schema("gitlab-code-quality.schema.json").validate(report)
    assert len({issue["fingerprint"] for issue in report}) == 2


def test_sarif_takes_a_code_without_a_rule_without_failing() -> None:
    odd = Diagnostic(Location("a b.yaml", 2, 1), "E999", Severity.ERROR, "from a newer rule")
    log = json.loads(REPORTERS["sarif"](ValidationResult((odd,), 1), False))
    valid_sarif(log)
    [result] = log["runs"][0]["results"]
    assert "ruleIndex" not in result and result["ruleId"] == "E999"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a%20b.yaml"
