"""``validate --format azure``: Azure Pipelines logging commands, so findings show on the
pipeline run and on the pull request.

One ``##vso[task.logissue ...]`` line per finding, escaped as the Azure Pipelines agent
unescapes them (azure-pipelines-task-lib, ``taskcommand``): in the message ``%``, CR and
LF; in a property value also ``;`` and ``]``, which would end the property or the command.
"""

from __future__ import annotations

from impactctl.diagnostics import Diagnostic, Severity, ValidationResult
from impactctl.report import validation_summary

_DATA = (("%", "%AZP25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY = (*_DATA, ("]", "%5D"), (";", "%3B"))


def _escape(value: str, table: tuple[tuple[str, str], ...]) -> str:
    for raw, escaped in table:  # "%" first, so an escape is never escaped again
        value = value.replace(raw, escaped)
    return value


def azure_line(d: Diagnostic) -> str:
    kind = "error" if d.severity is Severity.ERROR else "warning"
    props = ";".join(
        [
            f"type={kind}",
            f"sourcepath={_escape(d.location.file, _PROPERTY)}",
            f"linenumber={d.location.line}",
            f"columnnumber={d.location.column}",
            f"code={_escape(d.code, _PROPERTY)}",
        ]
    )
    message = d.message + (f" (hint: {d.hint})" if d.hint else "")
    return f"##vso[task.logissue {props}]{_escape(message, _DATA)}"


def azure(result: ValidationResult, colour: bool = False) -> str:
    lines = [azure_line(d) for d in result.diagnostics]
    lines.append(validation_summary(result))
    return "\n".join(lines) + "\n"
