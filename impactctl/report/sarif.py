"""SARIF 2.1.0 for ``impactctl validate --format sarif``: GitHub code scanning and Azure
DevOps' SARIF viewers read it.

One ``rule`` per validation code, with its title, its documentation and a link to its
page; one ``result`` per finding with its region. Specification:
https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
"""

from __future__ import annotations

import json

from impactctl.checks.rules import Rule, all_rules
from impactctl.diagnostics import Severity, ValidationResult
from impactctl.report.codequality import issues
from impactctl.version import __url__, __version__

SCHEMA_URL = "https://json.schemastore.org/sarif-2.1.0.json"


def help_uri(code: str) -> str:
    """The page of a code in the validation-code reference of this very version."""
    return f"{__url__}/blob/v{__version__}/docs/reference/validation-codes.md#{code.lower()}"


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _rule(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.code,
        "name": "".join(word.capitalize() for word in rule.title.split() if word.isalnum()),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.doc.split("\n\n", 1)[0].replace("\n", " ")},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "helpUri": help_uri(rule.code),
        "defaultConfiguration": {"level": _level(rule.severity)},
        "properties": {"tags": [rule.group]},
    }


def sarif(result: ValidationResult, colour: bool = False) -> str:
    rules = all_rules()
    index = {rule.code: number for number, rule in enumerate(rules)}
    results = []
    fingerprints = [str(issue["fingerprint"]) for issue in issues(result)]
    for d, fingerprint in zip(result.diagnostics, fingerprints, strict=True):
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _level(d.severity),
                "message": {"text": d.message + (f" (hint: {d.hint})" if d.hint else "")},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": d.file, "uriBaseId": "%SRCROOT%"},
                            "region": {
                                "startLine": d.location.line,
                                "startColumn": d.location.column,
                            },
                        }
                    }
                ],
                "partialFingerprints": {"impactctlFinding/v1": fingerprint},
            }
        )
    log = {
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
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
