"""Reporters for ``impactctl validate``: text, json, github, markdown, gitlab, azure, sarif."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from impactctl.diagnostics import Diagnostic, Severity, ValidationResult
from impactctl.report import json_document, paint
from impactctl.report import validation_summary as summary
from impactctl.report.azure import azure
from impactctl.report.codequality import gitlab
from impactctl.report.sarif import sarif


def text(result: ValidationResult, colour: bool = False) -> str:
    lines: list[str] = []
    for _file, group in groupby(result.diagnostics, key=lambda d: d.file):
        for d in group:
            style = "red" if d.severity is Severity.ERROR else "yellow"
            lines.append(
                f"{paint(str(d.location), 'bold', colour)}: "
                f"{paint(d.severity.value, style, colour)} {d.code} {d.message}"
            )
            if d.hint:
                lines.append(f"    {paint('hint:', 'dim', colour)} {d.hint}")
        lines.append("")
    status = "ok" if result.ok else "failed"
    tail = f"{summary(result)}: {status}"
    lines.append(paint(tail, "green" if result.ok else "red", colour))
    return "\n".join(lines) + "\n"


def as_json(result: ValidationResult, colour: bool = False) -> str:
    return json_document(
        {"ok": result.ok, "files": result.files},
        "diagnostics",
        [d.as_json() for d in result.diagnostics],
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(d: Diagnostic) -> str:
    """A GitHub Actions workflow command, so the finding shows on the pull request's diff."""
    level = "error" if d.severity is Severity.ERROR else "warning"
    message = d.message + (f" (hint: {d.hint})" if d.hint else "")
    props = ",".join(
        [
            f"file={_escape_property(d.location.file)}",
            f"line={d.location.line}",
            f"col={d.location.column}",
            f"title={_escape_property(d.code)}",
        ]
    )
    return f"::{level} {props}::{_escape_data(message)}"


def github(result: ValidationResult, colour: bool = False) -> str:
    lines = [github_line(d) for d in result.diagnostics]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def markdown(result: ValidationResult, colour: bool = False) -> str:
    icon = "✅" if result.ok else "❌"
    out = [f"{icon} **Validation:** {summary(result)}", ""]
    if result.diagnostics:
        out += ["| | Where | Code | Finding |", "|---|---|---|---|"]
        for d in result.diagnostics:
            mark = "❌ error" if d.severity is Severity.ERROR else "⚠️ warning"
            out.append(f"| {mark} | `{_cell(str(d.location))}` | {d.code} | {_cell(d.message)} |")
        out.append("")
    return "\n".join(out) + "\n"


Reporter = Callable[[ValidationResult, bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": as_json,
    "github": github,
    "markdown": markdown,
    "gitlab": gitlab,
    "azure": azure,
    "sarif": sarif,
}
