"""The validation engine: load, run every rule, stamp codes and severities, sort.

A repository whose files (and the evidence paths they name) have not changed since the last
run on the same day gets the last run's diagnostics straight from the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from impactctl.checks.rules import RULES, all_rules
from impactctl.clock import today
from impactctl.diagnostics import Diagnostic, Finding, Location, Severity, ValidationResult
from impactctl.reading.cache import open_cache, results_key
from impactctl.reading.files import read_file, repository_files
from impactctl.reading.repository import LoadResult, load_sources
from impactctl.reading.yaml import YamlProblem


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


def _evidence_paths(loaded: LoadResult) -> dict[str, bool]:
    root = loaded.repository.root
    return {
        e.path: (root / e.path).is_file()
        for a in loaded.repository.assessments
        for r in a.ratings.values()
        for e in r.evidence
        if e.path is not None
    }


def _encode(diagnostics: Iterable[Diagnostic]) -> list[list[Any]]:
    return [
        [d.file, d.location.line, d.location.column, d.code, d.severity.value, d.message, d.hint]
        for d in diagnostics
    ]


def _decode(rows: list[list[Any]]) -> list[Diagnostic]:
    return [
        Diagnostic(Location(f, line, col), code, Severity(sev), message, hint)
        for f, line, col, code, sev, message, hint in rows
    ]


def run_checks(root: Path) -> tuple[list[Diagnostic], int]:
    """Every diagnostic of the repository and the number of files read."""
    root = root.resolve()
    refused: list[tuple[str, Finding]] = []
    rels = repository_files(root, refused)
    raw: dict[str, bytes | YamlProblem] = {}
    digest = hashlib.sha256(f"{today()}\0{root}".encode())
    for rel in rels:
        try:
            data = raw[rel] = read_file(root, rel)
        except YamlProblem as problem:
            raw[rel] = problem
            data = f"unreadable:{problem.code}".encode()
        digest.update(f"\0{rel}\0{len(data)}\0".encode())
        digest.update(hashlib.sha256(data).digest())
    for code, finding in refused:
        digest.update(f"\0refused\0{code}\0{finding.location.file}\0{finding.message}".encode())
    cache, result_key = open_cache(), results_key(digest.hexdigest())
    hit = cache.get("results", result_key)
    try:
        if all((root / path).is_file() == exists for path, exists in hit["evidence"].items()):
            return _decode(hit["diagnostics"]), int(hit["files"])
    except (KeyError, TypeError, ValueError, AttributeError):
        pass  # no entry, or one written by another version: check afresh

    def read(rel: str) -> bytes:
        value = raw[rel]
        if isinstance(value, YamlProblem):
            raise value
        return value

    loaded = load_sources(root, rels, read, snapshot=None, cache=cache, refused=refused)
    diagnostics = diagnose(loaded)
    cache.put(
        "results",
        result_key,
        {
            "diagnostics": _encode(diagnostics),
            "files": loaded.files_read,
            "evidence": _evidence_paths(loaded),
        },
    )
    return diagnostics, loaded.files_read


def validate(root: Path, only: Iterable[str] = (), strict: bool = False) -> ValidationResult:
    """Check the whole repository; report on ``only`` (repository-relative paths) if given.

    References need the whole repository, so everything is read even when only some files
    are reported on (as pre-commit does with the files of a commit).
    """
    diagnostics, files = run_checks(root)
    selection = list(only)
    if selection:
        diagnostics = [d for d in diagnostics if _selected(d, selection)]
    return finish(diagnostics, files, strict)


def finish(diagnostics: Iterable[Diagnostic], files: int, strict: bool = False) -> ValidationResult:
    """De-duplicated, sorted by file, line and column."""
    unique = sorted(set(diagnostics), key=Diagnostic.sort_key)
    return ValidationResult(tuple(unique), files, strict)
