"""The validation engine: load, run every rule, stamp codes and severities, sort.

A repository whose files (and the evidence paths they name) have not changed since the last
run on the same day gets the last run's diagnostics straight from the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from impactctl.checks.rules import RULES, all_rules
from impactctl.clock import today
from impactctl.diagnostics import Diagnostic, Finding, Location, Severity, ValidationResult
from impactctl.model import Repository
from impactctl.reading.cache import open_cache, results_key
from impactctl.reading.files import read_file, repository_files
from impactctl.reading.repository import LoadResult, Shared, Side, load_sources
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


@dataclass
class Checked:
    """Every diagnostic of one side of the repository, and what was read to get them.

    ``loaded`` is the whole side's LoadResult when the checks had to run (a caller that
    compares this side uses it rather than reading the side again); None when the results
    came from the cache. ``contents`` holds the bytes of every work-tree file read for the
    cache key, so a caller that loads some of them next does not read them twice.
    """

    diagnostics: list[Diagnostic]
    files: int
    loaded: LoadResult | None = None
    contents: Mapping[str, bytes | YamlProblem] = field(default_factory=dict)


def run_checks(root: Path) -> tuple[list[Diagnostic], int]:
    """Every diagnostic of the repository's work tree and the number of files read."""
    checked = check_work_tree(root)
    return checked.diagnostics, checked.files


def check_work_tree(root: Path) -> Checked:
    """The work tree's diagnostics: from the results cache when no file (and no evidence
    path they name) changed since the last run on the same day, else checked afresh."""
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
            return Checked(_decode(hit["diagnostics"]), int(hit["files"]), None, raw)
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
    return Checked(diagnostics, loaded.files_read, loaded, raw)


def check_side(side: Side, shared: Shared | None = None) -> Checked:
    """A git commit's diagnostics. Its files are named by their blob ids, and its evidence
    paths are checked against its own tree, so the result depends on those ids and the
    day alone: it is cached under them."""
    digest = hashlib.sha256(f"commit\0{today()}\0{side.root}".encode())
    for rel in side.files:
        digest.update(f"\0{rel}\0{side.blob_ids.get(rel, '')}".encode())
    cache, result_key = open_cache(), results_key(digest.hexdigest())
    hit = cache.get("results", result_key)
    try:
        return Checked(_decode(hit["diagnostics"]), int(hit["files"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        pass
    loaded = side.load(None, shared)
    diagnostics = diagnose(loaded)
    cache.put(
        "results", result_key, {"diagnostics": _encode(diagnostics), "files": loaded.files_read}
    )
    return Checked(diagnostics, loaded.files_read, loaded)


# Reference errors that make a file's own ratings meaningless to compare: its framework,
# statements or levels are unknown, a statement is missing, or the file is not where its
# contents say. (Errors about the action plan's references leave the ratings readable.)
BLOCKING_REFERENCES = ("E201", "E202", "E203", "E204", "E208", "E212", "E213")


def _only(repo: Repository, files: Collection[str]) -> Repository:
    """The repository with only the cycle files named (and every framework), so that the
    per-file checks cost what the change costs, not what the context costs."""
    records = {
        org: replace(record, cycles=tuple(a for a in record.cycles if a.file in files))
        for org, record in repo.organisations.items()
    }
    return replace(repo, organisations=records)


def file_problems(loaded: LoadResult, files: Collection[str]) -> list[Diagnostic]:
    """Errors that stop ``files`` from being compared: reading and well-formedness
    findings, and the reference checks that judge a file's own content."""
    all_rules()
    out = [_stamp(code, f) for code, f in loaded.findings if f.location.file in files]
    narrow = _only(loaded.repository, files)  # these rules judge each file on its own
    for code in BLOCKING_REFERENCES:
        check = RULES[code].check
        assert check is not None
        out.extend(_stamp(code, f) for f in check(narrow) if f.location.file in files)
    return sorted(set(d for d in out if d.severity is Severity.ERROR), key=Diagnostic.sort_key)


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
