"""``validate --format gitlab``: a GitLab Code Quality report, so findings show on the
merge request's diff.

The format is a JSON array of Code Climate issues; GitLab reads ``description``,
``check_name``, ``fingerprint``, ``severity`` and ``location.path`` /
``location.lines.begin`` (https://docs.gitlab.com/ci/testing/code_quality/).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from impactctl.diagnostics import Diagnostic, Severity, ValidationResult

# GitLab's scale is info | minor | major | critical | blocker. An error fails the pipeline
# (major); a warning is advice on the reflection (minor).
SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def fingerprint(d: Diagnostic, occurrence: int) -> str:
    """Stable across runs and across edits elsewhere in the file: GitLab compares the
    fingerprints of the merge request with those of the target branch to tell new
    findings from old ones, so the line number is left out (adding a line above a finding
    must not make it "new"). ``occurrence`` separates identical findings in one file."""
    key = "\x1f".join((d.location.file, d.code, d.message, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issues(result: ValidationResult) -> list[dict[str, object]]:
    seen: Counter[tuple[str, str, str]] = Counter()
    out: list[dict[str, object]] = []
    for d in result.diagnostics:
        key = (d.location.file, d.code, d.message)
        seen[key] += 1
        out.append(
            {
                "description": f"{d.code} {d.message}" + (f" (hint: {d.hint})" if d.hint else ""),
                "check_name": d.code,
                "fingerprint": fingerprint(d, seen[key]),
                "severity": SEVERITY[d.severity],
                "location": {"path": d.location.file, "lines": {"begin": d.location.line}},
            }
        )
    return out


def gitlab(result: ValidationResult, colour: bool = False) -> str:
    return json.dumps(issues(result), indent=2, ensure_ascii=False) + "\n"
