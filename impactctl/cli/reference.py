"""The command and validation-code references, generated from ``--help`` and from the rules
themselves so the docs cannot drift (tests compare them with docs/reference/)."""

from __future__ import annotations

import click

from impactctl.checks.rules import all_rules
from impactctl.cli.group import cli
from impactctl.diagnostics import Diagnostic, Location, Severity, ValidationResult
from impactctl.report.validation import REPORTERS

# One finding, as every --format prints it (SARIF shortened to the result: its rules
# array repeats this whole reference).
_EXAMPLE = ValidationResult(
    (
        Diagnostic(
            Location("assessments/example-trust/2025-26.yaml", 14, 12),
            "E203",
            Severity.ERROR,
            "unknown level 'developping' for 1.1",
            "did you mean 'developing'?",
        ),
    ),
    files=5,
)


def _format_examples() -> list[str]:
    import json

    lines = [
        "",
        "## Report formats",
        "",
        "`impactctl validate --format FORMAT` prints the same findings for each audience. "
        "One finding in each (docs/ci.md says where each one is used):",
    ]
    for name in sorted(REPORTERS):
        text = REPORTERS[name](_EXAMPLE, False)
        language = "json" if name in ("json", "gitlab", "sarif") else "text"
        if name == "sarif":
            run = json.loads(text)["runs"][0]
            text = json.dumps(run["results"], indent=2, ensure_ascii=False) + "\n"
        title = f"`{name}`" + (" (the `results` of its one run)" if name == "sarif" else "")
        lines += ["", f"### {title}", "", f"```{language}", text.rstrip("\n"), "```"]
    return lines


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    ctx = click.Context(group, info_name=prefix)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        full = f"{prefix} {name}"
        out.append((full, command))
        if isinstance(command, click.Group):
            out.extend(_commands(command, full))
    return out


def commands_markdown() -> str:
    lines = [
        "# Command reference",
        "",
        "Generated from `impactctl --help`; do not edit by hand "
        "(`python scripts/gen-reference.py`).",
        "",
    ]
    for full, command in [("impactctl", cli), *_commands(cli, "impactctl")]:
        ctx = click.Context(
            command,
            info_name=full,
            terminal_width=88,
            max_content_width=88,
            help_option_names=["-h", "--help"],  # as the group's context_settings say
        )
        lines += [f"## `{full}`", "", "```text", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(lines)


def codes_markdown() -> str:
    lines = [
        "# Validation codes",
        "",
        "Generated from the rules themselves; do not edit by hand "
        "(`python scripts/gen-reference.py`).",
        "",
        "Errors (E) make `impactctl validate` exit 1. Warnings (W) are advice from NHS "
        "IMPACT's own guidance: they leave the exit code at 0 unless `--strict` is given.",
        "",
        "| Code | Severity | Title |",
        "|---|---|---|",
    ]
    rules = all_rules()
    lines += [f"| [{r.code}](#{r.code.lower()}) | {r.severity.value} | {r.title} |" for r in rules]
    group = ""
    for r in rules:
        if r.group != group:
            group = r.group
            lines += ["", f"## {group}"]
        lines += ["", f"### {r.code}", "", f"**{r.title}** ({r.severity.value})", "", r.doc]
    lines += _format_examples()
    return "\n".join(lines) + "\n"
