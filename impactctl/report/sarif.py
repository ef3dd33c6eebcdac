"""``validate --format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and the SARIF
viewers of Azure DevOps and editors.

One ``rule`` per validation code (its name, short description, help text and a link to
its section of the validation-code reference) and one ``result`` per finding, with its
region. Paths are URIs relative to the repository root (``%SRCROOT%``). Specification:
https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
"""

from __future__ import annotations

import json
import re

from impactctl.checks.rules import Rule, all_rules
from impactctl.diagnostics import Diagnostic, Severity, ValidationResult
from impactctl.report.codequality import issues
from impactctl.version import __url__, __version__

SCHEMA_URL = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def help_uri(code: str) -> str:
    """The code's section of the validation-code reference, at this release's tag."""
    return f"{__url__}/blob/v{__version__}/docs/reference/validation-codes.md#{code.lower()}"


def rule_name(title: str) -> str:
    """SARIF wants a name that reads as an identifier: "Level moved by more than one
    step" -> ``LevelMovedByMoreThanOneStep``."""
    words = re.findall(r"[A-Za-z0-9]+", title)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Rule"


def plain(markdown: str) -> str:
    """A rule's Markdown as the plain text that SARIF's ``text`` fields want."""
    return markdown.replace("**", "").replace("`", "")


def descriptor(rule: Rule) -> dict[str, object]:
    doc = rule.doc or rule.title
    return {
        "id": rule.code,
        "name": rule_name(rule.title),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": plain(doc.split("\n\n", 1)[0]).replace("\n", " ")},
        "help": {"text": plain(doc), "markdown": doc},
        "helpUri": help_uri(rule.code),
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [rule.group]},
    }


def _result(d: Diagnostic, fingerprint: str, index: dict[str, int]) -> dict[str, object]:
    record: dict[str, object] = {
        "ruleId": d.code,
        "level": LEVEL[d.severity],
        "message": {"text": d.message + (f" (hint: {d.hint})" if d.hint else "")},
        "locations": [
            {
                "physicalLocation": {
                    # A URI: "%", ";", "]", spaces and the like percent-encoded.
                    "artifactLocation": {
                        "uri": _uri(d.location.file),
                        "uriBaseId": "%SRCROOT%",
                    },
                    "region": {"startLine": d.location.line, "startColumn": d.location.column},
                }
            }
        ],
        # The GitLab report's fingerprints: stable across runs and line moves.
        "partialFingerprints": {"impactctlFinding/v1": fingerprint},
    }
    if d.code in index:
        record["ruleIndex"] = index[d.code]
    return record


def log(result: ValidationResult) -> dict[str, object]:
    rules = all_rules()
    index = {rule.code: number for number, rule in enumerate(rules)}
    prints = [str(issue["fingerprint"]) for issue in issues(result)]
    return {
        "$schema": SCHEMA_URL,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "impactctl",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": __url__,
                        "rules": [descriptor(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(d, fp, index) for d, fp in zip(result.diagnostics, prints, strict=True)
                ],
            }
        ],
    }


def sarif(result: ValidationResult, colour: bool = False) -> str:
    return json.dumps(log(result), indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    """A repository-relative path as a SARIF artifact URI (urllib only when SARIF is asked
    for: every command loads the reporter registry)."""
    from urllib.parse import quote

    return quote(path, safe="/")
