"""``impactctl import``: a capture workbook (or CSV) into ``assessments/ORG/CYCLE.yaml``.

1. Read every cell and check it (``intake``); any problem stops here, nothing written.
2. Start from the cycle's file as it is, or, for a new cycle, from the draft that
   ``cycle new`` would write (the previous cycle carried forward, or a first draft when
   there is none), loaded round trip.
3. Change only what the workbook changed (``editing.ratings``): a cell equal to the file's
   value, however the file wraps it, leaves the file's bytes alone.
4. Run the repository's checks as if the new file were there; an error the import would
   introduce stops it, nothing written. Warnings are reported and do not stop it.
5. Write atomically (unless ``check``): the cycle file, and the organisation's cycle list
   when a new cycle joins it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from impactctl.checks.engine import diagnose, run_checks
from impactctl.diagnostics import Diagnostic, Location, Severity
from impactctl.editing.cycle import draft_files
from impactctl.editing.files import atomic_write
from impactctl.editing.ratings import Change, RatingEditor, rating_for, set_participants
from impactctl.editing.roundtrip import dump_round_trip, load_round_trip
from impactctl.editing.scaffold import first_cycle_yaml
from impactctl.errors import ContentError, ImpactError
from impactctl.model import Framework, OrganisationRecord, Repository
from impactctl.papers.capture import VIEW_HEADINGS, Capture, Captured
from impactctl.papers.intake import Problems
from impactctl.papers.opening import read_capture
from impactctl.reading.files import read_file, repository_files
from impactctl.reading.repository import load_repository, load_sources
from impactctl.schemas import SLUG_RE

SUFFIXES = (".xlsx", ".csv")


@dataclass
class ImportResult:
    target: str  # repository-relative path of the cycle file
    created: bool
    changes: list[Change] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


def _arguments(root: Path, org: str, cycle: str, source: Path) -> None:
    for what, value in (("organisation", org), ("cycle", cycle)):
        if not SLUG_RE.fullmatch(value):
            raise ImpactError(
                f"{value!r} is not a valid {what} id", "use lower-case letters, digits, hyphens"
            )
    if not (root / "assessments" / org).is_dir():
        raise ImpactError(f"no organisation {org!r} in {root / 'assessments'}")
    if source.suffix.lower() not in SUFFIXES:
        raise ImpactError(
            f"{source.name}: impactctl imports .xlsx workbooks and .csv files",
            "save it from your spreadsheet as Excel Workbook (.xlsx) or CSV UTF-8",
        )
    if not source.is_file():
        raise ImpactError(f"{source} does not exist")


def _framework(repo: Repository, record: OrganisationRecord | None, cycle: str) -> Framework:
    cycles = record.cycles if record else ()
    chosen = next((a for a in cycles if a.cycle == cycle), cycles[-1] if cycles else None)
    fw = repo.framework_for(chosen) if chosen else None
    if fw is None and len(repo.frameworks) == 1:
        fw = next(iter(repo.frameworks.values()))
    if fw is None:
        raise ImpactError(
            "cannot tell which framework the cycle uses", "run `impactctl validate` first"
        )
    return fw


def _start(root: Path, org: str, cycle: str, fw: Framework, has_cycles: bool) -> dict[str, bytes]:
    rel = f"assessments/{org}/{cycle}.yaml"
    if (root / rel).is_file():
        return {rel: (root / rel).read_bytes()}
    if has_cycles:
        return draft_files(root, org, cycle, None)
    return {rel: first_cycle_yaml(fw, org, cycle).encode("utf-8")}


def _apply(data: object, capture: Capture, fw: Framework) -> list[Change]:
    changes: list[Change] = []
    order = list(fw.statements)
    for got in capture.ratings:
        editor = RatingEditor(got.statement, rating_for(data, got.statement, order), changes)
        _apply_row(editor, got)
    if capture.participants is not None:
        set_participants(data, capture.participants, changes)
    return changes


def _apply_row(editor: RatingEditor, got: Captured) -> None:
    editor.set("level", got.level)
    editor.set("rationale", got.rationale)
    for heading, key, value in (
        ("Target", "target", got.target),
        ("Confidence", "confidence", got.confidence),
        ("Minority view", "dissent", got.dissent),
    ):
        if heading in got.columns:
            editor.set(key, value)
    for group, heading in VIEW_HEADINGS.items():
        if heading in got.columns:
            editor.view(group, got.views.get(group))
    if got.evidence is not None:
        editor.evidence(got.evidence.title, got.evidence.link, got.evidence.when)


def _introduced(root: Path, files: dict[str, bytes]) -> list[Diagnostic]:
    """What the repository would have with ``files`` in place and does not have now: every
    new error, wherever it is, and the new warnings about the cycle file."""
    before, _ = run_checks(root)
    known = {(d.file, d.code, d.message) for d in before}
    rels = sorted(set(repository_files(root)) | set(files))

    def read(rel: str) -> bytes:
        return files[rel] if rel in files else read_file(root, rel)

    after = diagnose(load_sources(root, rels, read, None))
    target = next(iter(files))
    return [
        d
        for d in after
        if (d.file, d.code, d.message) not in known
        and (d.severity is Severity.ERROR or d.file == target)
    ]


def import_capture(root: Path, org: str, cycle: str, source: Path, *, check: bool) -> ImportResult:
    """Read, apply, check and (unless ``check``) write; see the module's docstring."""
    _arguments(root, org, cycle, source)
    loaded = load_repository(root)
    repo = loaded.repository
    rel = f"assessments/{org}/{cycle}.yaml"
    if rel in repo.broken:
        code, finding = next(((c, f) for c, f in loaded.findings if f.location.file == rel))
        raise ContentError(
            f"{finding.location}: {code} {finding.message}",
            "fix the cycle file first (`impactctl validate`), then import again",
        )
    record = repo.organisations.get(org)
    fw = _framework(repo, record, cycle)
    result = ImportResult(rel, created=not (root / rel).is_file())
    capture, problems = read_capture(source, fw)
    result.diagnostics = problems + _mismatch(capture, org, cycle)
    if not result.ok:
        return result
    files = _start(root, org, cycle, fw, bool(record and record.cycles))
    data, layout = load_round_trip(files[rel], rel)
    result.changes = _apply(data, capture, fw)
    files[rel] = dump_round_trip(data, layout)
    result.diagnostics = _introduced(root, files)
    if not result.ok or check or (not result.changes and not result.created):
        return result
    for path, content in files.items():
        atomic_write(root / path, content)
    result.written = list(files)
    return result


def _mismatch(capture: Capture, org: str, cycle: str) -> list[Diagnostic]:
    wrong = [
        f"{what} {said!r}"
        for what, said, wanted in (
            ("organisation", capture.organisation, org),
            ("cycle", capture.cycle, cycle),
        )
        if said is not None and said != wanted
    ]
    if not wrong:
        return []
    problems = Problems()
    problems.add(
        Location(capture.source, 3 if "organisation" in wrong[0] else 4, 2, "About"),
        "E137",
        f"this workbook was made for {' and '.join(wrong)}, not {org} {cycle}",
        "check the organisation and cycle on the command line",
    )
    return problems.found
