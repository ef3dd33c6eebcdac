"""The validation engine: load, run every rule, stamp codes and severities, sort."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from impactctl.diagnostics import Diagnostic, Finding, ValidationResult
from impactctl.loader import LoadResult, load_repository
from impactctl.rules import RULES, all_rules


def _stamp(code: str, finding: Finding) -> Diagnostic:
    rule = RULES[code]
    return Diagnostic(finding.location, code, rule.severity, finding.message, finding.hint)


def diagnose(loaded: LoadResult) -> list[Diagnostic]:
    """Reading findings plus every repository check, as diagnostics."""
    rules = all_rules()  # imports the rule modules, which fills the registry _stamp reads
    out = [_stamp(code, finding) for code, finding in loaded.findings]
    for rule in rules:
        if rule.check is not None:
            out.extend(_stamp(rule.code, f) for f in rule.check(loaded.repository))
    return out


def _selected(diag: Diagnostic, only: Sequence[str]) -> bool:
    return any(diag.file == p or diag.file.startswith(p.rstrip("/") + "/") for p in only)


def validate(root: Path, only: Iterable[str] = (), strict: bool = False) -> ValidationResult:
    """Check the whole repository; report on ``only`` (repository-relative paths) if given.

    References need the whole repository, so everything is read even when only some files
    are reported on (as pre-commit does with the files of a commit).
    """
    loaded = load_repository(root)
    diagnostics = diagnose(loaded)
    selection = list(only)
    if selection:
        diagnostics = [d for d in diagnostics if _selected(d, selection)]
    return finish(diagnostics, loaded.files_read, strict)


def finish(diagnostics: Iterable[Diagnostic], files: int, strict: bool = False) -> ValidationResult:
    """De-duplicated, sorted by file, line and column."""
    unique = sorted(set(diagnostics), key=Diagnostic.sort_key)
    return ValidationResult(tuple(unique), files, strict)
