"""The CLI's public surface: help text, generated references, exit codes, init, schema."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from impactctl import __version__
from impactctl.checks.rules import all_rules
from impactctl.cli import ImpactGroup, cli
from impactctl.cli.reference import _commands, codes_markdown, commands_markdown

ROOT = Path(__file__).resolve().parents[2]
IMPACTCTL = str(Path(sys.executable).parent / "impactctl")


def invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args))


def test_every_command_has_help_text() -> None:
    for name, command in _commands(cli, "impactctl"):
        assert command.help and len(command.help.strip()) > 20, name


def test_command_reference_is_generated_from_help() -> None:
    text = (ROOT / "docs/reference/commands.md").read_text(encoding="utf-8")
    assert text == commands_markdown(), "run: python scripts/gen-reference.py"
    for name, _command in _commands(cli, "impactctl"):
        assert f"## `{name}`" in text


def test_validation_code_reference_is_generated_from_rules() -> None:
    text = (ROOT / "docs/reference/validation-codes.md").read_text(encoding="utf-8")
    assert text == codes_markdown(), "run: python scripts/gen-reference.py"


def test_every_rule_is_documented_with_why_and_how() -> None:
    rules = all_rules()
    assert len(rules) >= 30
    for rule in rules:
        assert re.fullmatch(r"[EW][123]\d\d", rule.code)
        assert rule.doc, rule.code
        assert "How to fix" in rule.doc or rule.code == "E116", rule.code


def test_exit_codes_are_in_help() -> None:
    out = invoke("--help").output
    for code in ("0", "1", "2", "70"):
        assert re.search(rf"^\s+{code}\s+\w", out, re.M), code


def test_version_and_console_script() -> None:
    done = subprocess.run([IMPACTCTL, "--version"], capture_output=True, text=True, check=True)
    assert __version__ in done.stdout
    done = subprocess.run(
        [sys.executable, "-m", "impactctl", "--version"], capture_output=True, text=True, check=True
    )
    assert __version__ in done.stdout


def test_usage_errors_exit_2() -> None:
    assert invoke("validate", "--format", "xml").exit_code == 2
    assert invoke("no-such-command").exit_code == 2
    result = invoke("--repo", "/nonexistent-folder", "validate")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_an_unexpected_error_is_one_line_and_exit_70() -> None:
    group = ImpactGroup("t")

    @group.command("boom")
    def boom() -> None:
        {}["missing"]  # a genuine bug in a command

    result = CliRunner().invoke(group, ["boom"])
    assert result.exit_code == 70
    assert "Traceback" not in result.output
    assert "internal error" in result.output and __version__ in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_example_repository_validates_fast_and_clean_of_errors() -> None:
    done = subprocess.run(
        [IMPACTCTL, "--repo", str(ROOT), "validate", "--format", "json"],
        capture_output=True,
        text=True,
    )
    data = json.loads(done.stdout)
    assert done.returncode == 0, done.stdout
    assert data["ok"] is True
    assert not [d for d in data["diagnostics"] if d["severity"] == "error"]
    codes = {d["code"] for d in data["diagnostics"]}
    # The warnings left in the example on purpose (see docs/user-guide.md).
    assert {"W301", "W303", "W304", "W306", "W307", "W308", "W309"} <= codes


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_init_writes_a_repository_that_validates_clean(tmp_path: Path) -> None:
    target = tmp_path / "new" / "repo"
    result = invoke("init", str(target), "--org", "Example Trust")
    assert result.exit_code == 0, result.output
    org = target / "assessments/example-trust"
    assert (org / "organisation.yaml").is_file()
    assert (org / "action-plan.yaml").is_file()
    cycles = [p for p in org.glob("*.yaml") if p.stem not in ("organisation", "action-plan")]
    assert len(cycles) == 1
    for rel in (
        "mkdocs.yml",
        ".github/workflows/validate.yml",
        ".github/workflows/comment.yml",
        ".github/workflows/publish.yml",
        "framework/nhs-impact/framework.yaml",
        "schemas/assessment.schema.json",
    ):
        assert (target / rel).is_file(), rel
    result = invoke("--repo", str(target), "validate", "--format", "json", "--strict")
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["ok"] and data["diagnostics"] == [], result.output
    for path in target.glob("assessments/*/*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(.+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve().is_file()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("ours")
    before = digest(tmp_path)
    result = invoke("init", str(tmp_path), "--org", "Example Trust")
    assert result.exit_code == 2 and "not empty" in result.output
    assert digest(tmp_path) == before
    result = invoke("init", str(tmp_path), "--org", "Example Trust", "--force")
    assert result.exit_code == 0
    assert (tmp_path / "notes.txt").read_text() == "ours"


def test_packaged_framework_is_the_example_framework() -> None:
    packaged = ROOT / "impactctl/templates/framework/nhs-impact/framework.yaml"
    assert packaged.read_bytes() == (ROOT / "framework/nhs-impact/framework.yaml").read_bytes()


@pytest.mark.parametrize("kind", ["framework", "organisation", "assessment", "action-plan"])
def test_schema_files_are_current_and_valid(kind: str) -> None:
    result = invoke("schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.output)
    Draft202012Validator.check_schema(schema)
    committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == result.output, "run: impactctl schema --out schemas"


def test_each_command_loads_only_its_own_module() -> None:
    """The group imports a command's module when that command is needed. Its table names
    every command the modules register, and nothing else; validate loads no other command
    module (a fresh interpreter, so nothing was imported before)."""
    import importlib
    import pkgutil

    import impactctl.cli as package
    from impactctl.cli.group import COMMAND_MODULES

    for info in pkgutil.iter_modules(package.__path__):
        if info.name.endswith(("_cmd", "_cmds")):
            importlib.import_module(f"impactctl.cli.{info.name}")
    assert sorted(cli.commands) == sorted(COMMAND_MODULES)
    probe = (
        "import sys\n"
        "from impactctl.cli import cli\n"
        "import click\n"
        "cli.get_command(click.Context(cli), 'validate')\n"
        "print(sorted(m for m in sys.modules if m.startswith('impactctl.cli.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['impactctl.cli.group', 'impactctl.cli.validate_cmd']"
