"""`impactctl validate` over the corpora: a new case is a file, not code.

`tests/data/good/minimal-repo/` is a small, complete repository that validates clean. Each
corpus file in `tests/data/{good,bad}/<slot>/` replaces one file of a fresh copy of it:

    framework     framework/test-framework/framework.yaml
    organisation  assessments/test-trust/organisation.yaml
    assessment    assessments/test-trust/2025-26.yaml
    action-plan   assessments/test-trust/action-plan.yaml

The file's first line declares exactly what it must produce (`# expect: E203@15, W301@32`,
or `# expect:` for nothing); files that cannot carry a comment (empty, UTF-16) are declared
in `tests/data/bad/EXPECTED.yaml`. The set of (code, line) reported for the slot's file must
equal the declaration, and no other file may get a diagnostic.

The bulk runs through click's CliRunner (the same `cli` group the console script runs); a
few tests run the installed console script in a subprocess, as CI does.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from impactctl.cli import cli
from impactctl.diagnostics import Diagnostic, Location, Severity
from impactctl.report.validation import REPORTERS

DATA = Path(__file__).resolve().parents[1] / "data"
BASE = DATA / "good" / "minimal-repo"
BAD = DATA / "bad"
TODAY = "2026-11-24"
CONSOLE_SCRIPT = Path(sys.executable).parent / "impactctl"

SLOTS = {
    "framework": "framework/test-framework/framework.yaml",
    "organisation": "assessments/test-trust/organisation.yaml",
    "assessment": "assessments/test-trust/2025-26.yaml",
    "action-plan": "assessments/test-trust/action-plan.yaml",
}
CYCLE = SLOTS["assessment"]
PLAN = SLOTS["action-plan"]

_EXPECT = re.compile(r"# expect:(.*)")
_ITEM = re.compile(r"([EW]\d{3})@([1-9]\d*)")

Expected = frozenset[tuple[str, int]]


# --- the corpus --------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    path: Path
    slot: str
    expected: Expected

    @property
    def id(self) -> str:
        return self.path.relative_to(DATA).as_posix()


def _parse_items(items: list[str], where: Path) -> Expected:
    out = set()
    for item in items:
        match = _ITEM.fullmatch(item.strip())
        assert match, f"{where}: bad declaration {item!r} (want CODE@LINE)"
        out.add((match.group(1), int(match.group(2))))
    return frozenset(out)


def _header(path: Path) -> Expected | None:
    """The `# expect:` declaration on the first line, or None if there is none."""
    first = path.read_bytes().split(b"\n", 1)[0].removeprefix(b"\xef\xbb\xbf")
    match = _EXPECT.fullmatch(first.decode("latin-1").rstrip("\r"))
    if match is None:
        return None
    return _parse_items([i for i in match.group(1).split(",") if i.strip()], path)


def _expected_file() -> dict[str, Expected]:
    table = YAML(typ="safe", pure=True).load((BAD / "EXPECTED.yaml").read_text(encoding="utf-8"))
    return {rel: _parse_items(items, BAD / rel) for rel, items in table.items()}


def _collect() -> list[Case]:
    listed = _expected_file()
    cases = []
    for folder in (DATA / "good", BAD):
        for slot in SLOTS:
            for path in sorted((folder / slot).glob("*.yaml")):
                declared = _header(path)
                rel = path.relative_to(BAD).as_posix() if folder == BAD else None
                if declared is None:
                    assert rel in listed, f"{path}: add `# expect:` or list it in EXPECTED.yaml"
                    declared = listed[rel]
                else:
                    assert rel not in listed, f"{path} is declared twice"
                cases.append(Case(path, slot, declared))
    return cases


CASES = _collect()
BAD_CASES = [c for c in CASES if c.path.is_relative_to(BAD)]


def case(rel: str) -> Case:
    return next(c for c in CASES if c.id == rel)


# --- running the CLI ---------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def run(repo: Path, *args: str) -> Run:
    """The CLI in-process, exactly as the console script runs it."""
    result = CliRunner().invoke(cli, ["--repo", str(repo), *args], env={"IMPACTCTL_TODAY": TODAY})
    # CliRunner keeps an escaped exception instead of printing its traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return Run(result.exit_code, result.stdout, result.stderr)


def run_script(cwd: Path, *args: str) -> Run:
    """The installed console script in a subprocess, output piped (not a terminal)."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["IMPACTCTL_TODAY"] = TODAY
    done = subprocess.run(
        [str(CONSOLE_SCRIPT), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh copy of the minimal repository."""
    target = tmp_path / "repo"
    shutil.copytree(BASE, target, symlinks=True)
    return target


def place(repo: Path, slot: str, source: Path) -> None:
    shutil.copyfile(source, repo / SLOTS[slot])


def check_json(run_: Run, repo: Path, files: int = 5) -> dict[str, Any]:
    """The stable JSON shape of SPEC section 4, and nothing that looks like a crash."""
    assert "Traceback" not in run_.stdout + run_.stderr
    report = json.loads(run_.stdout)
    assert set(report) == {"ok", "files", "diagnostics"}
    assert isinstance(report["ok"], bool)
    assert report["ok"] is (run_.code == 0)
    assert isinstance(report["files"], int) and report["files"] == files
    for d in report["diagnostics"]:
        assert set(d) == {"file", "line", "column", "severity", "code", "message"}
        assert isinstance(d["line"], int) and d["line"] >= 1
        assert isinstance(d["column"], int) and d["column"] >= 1
        assert re.fullmatch(r"[EW]\d{3}", d["code"])
        assert d["severity"] == ("error" if d["code"][0] == "E" else "warning")
        assert isinstance(d["message"], str) and d["message"]
        assert not Path(d["file"]).is_absolute() and "\\" not in d["file"]
        assert (repo / d["file"]).exists(), d["file"]
    return report


def pairs(report: dict[str, Any], file: str) -> set[tuple[str, int]]:
    return {(d["code"], d["line"]) for d in report["diagnostics"] if d["file"] == file}


def fmt(expected: Expected | set[tuple[str, int]]) -> str:
    return ", ".join(f"{c}@{line}" for c, line in sorted(expected, key=lambda p: (p[1], p[0])))


# --- the corpus, case by case --------------------------------------------------------------


def test_the_corpus_is_big_enough() -> None:
    assert len(BAD_CASES) >= 45
    for slot in SLOTS:
        assert any(c.slot == slot for c in BAD_CASES), f"no bad case for {slot}"
    codes = {code for c in BAD_CASES for code, _ in c.expected}
    assert {f"W{n}" for n in range(301, 311)} <= codes


def test_every_expected_yaml_entry_exists() -> None:
    for rel in _expected_file():
        path = BAD / rel
        assert path.is_file(), rel
        assert _header(path) is None, f"{rel} has a header; drop it from EXPECTED.yaml"


def test_the_minimal_repository_is_clean(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    before = digest(repo)
    inside = repo / "assessments" / "test-trust"
    done = run_script(inside, "validate")  # no --repo: found from the working directory
    assert (done.code, done.stderr) == (0, "")
    assert done.stdout == "0 errors, 0 warnings in 5 files: ok\n"
    done = run_script(repo, "validate", "--strict", "--format", "json")
    assert json.loads(done.stdout) == {"ok": True, "files": 5, "diagnostics": []}
    assert digest(repo) == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_corpus_case(case: Case, repo: Path) -> None:
    place(repo, case.slot, case.path)
    before = digest(repo)
    done = run(repo, "validate", "--format", "json")
    report = check_json(done, repo)
    file = SLOTS[case.slot]
    got = pairs(report, file)
    assert got == case.expected, (
        f"declared: {fmt(case.expected)}\ngot:      {fmt(got)}\n{done.stdout}"
    )
    others = [d for d in report["diagnostics"] if d["file"] != file]
    assert others == [], "a broken file must not cascade into diagnostics on other files"
    assert done.code == (1 if any(code[0] == "E" for code, _ in case.expected) else 0)
    assert digest(repo) == before


@pytest.mark.parametrize(
    "rel",
    [
        "bad/assessment/alias-bomb.yaml",
        "bad/action-plan/w304-overdue.yaml",
        "good/assessment/bom.yaml",
    ],
)
def test_the_console_script_agrees(rel: str, repo: Path) -> None:
    """A few cases through the installed console script, as CI runs it."""
    c = case(rel)
    place(repo, c.slot, c.path)
    before = digest(repo)
    done = run_script(repo.parent, "--repo", "repo", "validate", "--format", "json")
    report = check_json(done, repo)
    assert pairs(report, SLOTS[c.slot]) == c.expected
    assert done.code == (1 if any(code[0] == "E" for code, _ in c.expected) else 0)
    assert digest(repo) == before


def test_a_file_over_the_size_limit(repo: Path) -> None:
    """10 MB of valid YAML (a pasted comment): refused with E104, never committed as data."""
    target = repo / CYCLE
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text + "# " + "pasted minutes " * (10 * 1024 * 1024 // 15) + "\n", encoding="utf-8"
    )
    assert target.stat().st_size > 10 * 1024 * 1024
    before = digest(repo)
    done = run(repo, "validate", "--format", "json")
    report = check_json(done, repo)
    assert report["diagnostics"] == [
        {
            "file": CYCLE,
            "line": 1,
            "column": 1,
            "severity": "error",
            "code": "E104",
            "message": report["diagnostics"][0]["message"],
        }
    ]
    assert done.code == 1
    assert digest(repo) == before


def test_a_cycle_file_linked_from_outside_is_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    shutil.copyfile(repo / CYCLE, outside)
    (repo / CYCLE).unlink()
    (repo / CYCLE).symlink_to(outside)
    report = check_json(run(repo, "validate", "--format", "json"), repo)
    assert [(d["file"], d["code"], d["line"]) for d in report["diagnostics"]] == [
        (CYCLE, "E100", 1)
    ]


def test_evidence_linked_from_outside_is_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("not for publication\n", encoding="utf-8")
    notes = repo / "evidence" / "purpose-workshop-notes.md"
    notes.unlink()
    notes.symlink_to(outside)
    report = check_json(run(repo, "validate", "--format", "json"), repo)
    assert [(d["file"], d["code"], d["line"]) for d in report["diagnostics"]] == [
        (CYCLE, "E210", 21)
    ]
    assert "must stay inside the repository" in report["diagnostics"][0]["message"]


@pytest.mark.parametrize(
    ("rel", "hint"),
    [
        ("bad/assessment/unknown-level-typo.yaml", "did you mean 'strong'?"),
        ("bad/assessment/perspective-unknown-level.yaml", "did you mean 'growing'?"),
        ("bad/assessment/typo-rationle.yaml", "did you mean 'rationale'?"),
        ("bad/assessment/typo-levle.yaml", "did you mean 'level'?"),
        ("bad/assessment/typo-evidance.yaml", "did you mean 'evidence'?"),
        ("bad/assessment/typo-assesed-on.yaml", "did you mean 'assessed_on'?"),
        ("bad/assessment/bad-enum-status.yaml", "did you mean 'agreed'?"),
        ("bad/assessment/bad-enum-group.yaml", "did you mean 'staff'?"),
        ("bad/assessment/unknown-statement.yaml", "did you mean '2.2'?"),
        ("bad/assessment/unknown-framework.yaml", "did you mean 'test-framework@1'?"),
        ("bad/assessment/tab-indent.yaml", "indent with spaces, not tabs"),
        ("bad/assessment/unquoted-statement-key.yaml", 'put it in quotes: "1.1"'),
        ("bad/assessment/unquoted-statement-key-1-10.yaml", 'put it in quotes: "1.10"'),
    ],
)
def test_hints(rel: str, hint: str, repo: Path) -> None:
    c = case(rel)
    place(repo, c.slot, c.path)
    done = run(repo, "validate")
    assert f"hint: {hint}" in done.stdout


# --- output formats ------------------------------------------------------------------------


def _two_files(repo: Path) -> None:
    """Errors and warnings in two files: an unknown statement, and an overdue action."""
    place(repo, "assessment", case("bad/assessment/unknown-statement.yaml").path)
    place(repo, "action-plan", case("bad/action-plan/w304-overdue.yaml").path)


_TEXT_LINE = re.compile(
    r"(?P<file>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning) "
    r"(?P<code>[EW]\d{3}) (?P<message>.+)"
)
_SUMMARY = re.compile(r"(\d+) errors?, (\d+) warnings? in (\d+) files?(: (ok|failed))?")


def test_text_format_is_grouped_sorted_summarised_and_plain_when_piped(repo: Path) -> None:
    _two_files(repo)
    older = repo / "assessments" / "test-trust" / "2024-25.yaml"
    older.write_text(
        older.read_text(encoding="utf-8").replace("level: starting", "level: startng"),
        encoding="utf-8",
    )
    done = run_script(repo, "validate")  # piped: never a terminal
    assert done.code == 1
    assert "\x1b" not in done.stdout + done.stderr
    *blocks, summary = done.stdout.rstrip("\n").split("\n\n")
    block_files = []
    found = []
    for block in blocks:
        lines = block.split("\n")
        matches = [
            _TEXT_LINE.fullmatch(line) for line in lines if not line.startswith("    hint: ")
        ]
        assert all(matches), block
        assert len({m["file"] for m in matches}) == 1, "one block per file"
        numbers = [(int(m["line"]), int(m["col"])) for m in matches]
        assert numbers == sorted(numbers), "sorted by line within a file"
        block_files.append(matches[0]["file"])
        found += matches
    assert (
        block_files == sorted(block_files) == ["assessments/test-trust/2024-25.yaml", CYCLE, PLAN]
    )
    m = _SUMMARY.fullmatch(summary)
    assert m, summary
    errors = sum(x["sev"] == "error" for x in found)
    warnings = sum(x["sev"] == "warning" for x in found)
    assert (
        (int(m[1]), int(m[2]), int(m[3]), m[5])
        == (errors, warnings, 5, "failed")
        == (3, 1, 5, "failed")
    )


def test_text_summary_uses_singular_words(repo: Path) -> None:
    place(repo, "action-plan", case("bad/action-plan/w304-overdue.yaml").path)
    place(repo, "assessment", case("bad/assessment/level-no.yaml").path)
    done = run(repo, "validate")
    assert done.stdout.rstrip("\n").split("\n")[-1] == "1 error, 1 warning in 5 files: failed"


# GitHub's documented syntax: ::error file={name},line={line},col={col},title={title}::{message}
_GITHUB = re.compile(
    r"::(?P<level>error|warning) file=(?P<file>[^,:\r\n]+),line=(?P<line>\d+),"
    r"col=(?P<col>\d+),title=(?P<title>[^,:\r\n]+)::(?P<message>[^\r\n]*)"
)
_RAW_PERCENT = re.compile(r"%(?!25|0D|0A|3A|2C)")


def _unescape(value: str) -> str:
    return (
        value.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_github_format_is_workflow_commands(repo: Path) -> None:
    _two_files(repo)
    # A file name with ':' and ',' (escaped in the property), and a '%' in a message.
    odd = "assessments/test-trust/2026:27,copy.yaml"
    shutil.copyfile(repo / CYCLE, repo / odd)
    target = repo / "assessments" / "test-trust" / "2024-25.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("level: starting", "level: 50%"),
        encoding="utf-8",
    )
    json_report = check_json(run(repo, "validate", "--format", "json"), repo, files=6)
    done = run(repo, "validate", "--format", "github")
    assert done.code == 1
    lines = done.stdout.rstrip("\n").split("\n")
    commands, summary = lines[:-1], lines[-1]
    assert _SUMMARY.fullmatch(summary)
    assert len(commands) == len(json_report["diagnostics"])
    for line, d in zip(commands, json_report["diagnostics"], strict=True):
        m = _GITHUB.fullmatch(line)
        assert m, line
        assert not _RAW_PERCENT.search(m["message"]), line
        assert (m["level"], _unescape(m["file"]), int(m["line"]), int(m["col"]), m["title"]) == (
            d["severity"],
            d["file"],
            d["line"],
            d["column"],
            d["code"],
        )
        assert _unescape(m["message"]).startswith(d["message"])
    assert any("file=assessments/test-trust/2026%3A27%2Ccopy.yaml," in line for line in commands)
    assert any("'50%25'" in line for line in commands)


def test_github_format_escapes_newlines_and_percent() -> None:
    from impactctl.diagnostics import ValidationResult

    d = Diagnostic(
        Location("a,b:c%.yaml", 3, 5), "E101", Severity.ERROR, "first\r\nsecond 100%", "x,y: z"
    )
    out = REPORTERS["github"](ValidationResult((d,), 1), False)
    line = out.split("\n")[0]
    m = _GITHUB.fullmatch(line)
    assert m, line
    assert m["file"] == "a%2Cb%3Ac%25.yaml"
    assert m["message"] == "first%0D%0Asecond 100%25 (hint: x,y: z)"


# --- --strict and PATHs -----------------------------------------------------------------


def test_strict_turns_warnings_into_failure(repo: Path) -> None:
    place(repo, "assessment", case("bad/assessment/w306-two-groups.yaml").path)
    plain = run(repo, "validate", "--format", "json")
    assert plain.code == 0 and json.loads(plain.stdout)["ok"] is True
    strict = run(repo, "validate", "--strict", "--format", "json")
    assert strict.code == 1 and json.loads(strict.stdout)["ok"] is False
    assert json.loads(strict.stdout)["diagnostics"] == json.loads(plain.stdout)["diagnostics"]
    text = run(repo, "validate", "--strict")
    assert text.code == 1
    assert text.stdout.rstrip().endswith("0 errors, 1 warning in 5 files: failed")


def test_strict_with_errors_still_exits_1(repo: Path) -> None:
    place(repo, "assessment", case("bad/assessment/level-no.yaml").path)
    assert run(repo, "validate", "--strict").code == 1
    assert run(repo, "validate").code == 1


def test_validating_only_some_paths(repo: Path) -> None:
    place(repo, "assessment", case("bad/assessment/w307-no-lived-experience.yaml").path)
    place(repo, "action-plan", case("bad/action-plan/w304-overdue.yaml").path)

    def files(*paths: str, strict: bool = False) -> tuple[int, set[str]]:
        args = [
            "validate",
            "--format",
            "json",
            *(["--strict"] if strict else []),
            *(str(repo / p) for p in paths),
        ]
        done = run(repo, *args)
        report = check_json(done, repo)
        return done.code, {d["file"] for d in report["diagnostics"]}

    assert files(PLAN) == (0, {PLAN})
    assert files(CYCLE) == (0, {CYCLE})
    assert files(CYCLE, PLAN) == (0, {CYCLE, PLAN})
    assert files("assessments/test-trust") == (0, {CYCLE, PLAN})
    assert files("assessments") == (0, {CYCLE, PLAN})
    assert files() == (0, {CYCLE, PLAN})
    assert files("framework", strict=True) == (0, set())
    assert files("assessments/test-trust/organisation.yaml", strict=True) == (0, set())
    assert files(PLAN, strict=True) == (1, {PLAN})


def test_paths_are_relative_to_the_working_directory(repo: Path) -> None:
    place(repo, "action-plan", case("bad/action-plan/w304-overdue.yaml").path)
    inside = repo / "assessments" / "test-trust"
    done = run_script(inside, "validate", "--format", "json", "action-plan.yaml")
    assert done.code == 0
    assert [d["file"] for d in json.loads(done.stdout)["diagnostics"]] == [PLAN]
    done = run_script(inside, "validate", "--format", "json", "2025-26.yaml")
    assert json.loads(done.stdout)["diagnostics"] == []


@pytest.mark.parametrize("path", ["assessments/test-trust/2026-27.yaml", "/"])
def test_a_missing_or_outside_path_is_a_usage_error(path: str, repo: Path) -> None:
    target = path if path.startswith("/") else str(repo / path)
    done = run(repo, "validate", target)
    assert done.code == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.startswith("impactctl: ")
