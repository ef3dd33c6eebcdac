"""The rule registry. A rule reports *where* and *what* (a Finding); the engine in
``impactctl.checks.engine`` stamps the code and severity. Each rule's docstring is its user
documentation: the reference pages and ``impactctl`` docs are generated from it.

Codes: E1xx the file is not well-formed; E2xx references between files; W3xx the quality
of the reflection, from NHS IMPACT's own advice.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from impactctl.diagnostics import Finding, Severity
from impactctl.model import Repository

Check = Callable[[Repository], Iterable[Finding]]
F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    doc: str
    check: Check | None  # None: the code is raised while files are read

    @property
    def group(self) -> str:
        return {"1": "Well-formed files", "2": "References", "3": "Quality of the reflection"}[
            self.code[1]
        ]


RULES: dict[str, Rule] = {}


def _register(
    code: str, severity: Severity, title: str, fn: Callable[..., object], check: Check | None
) -> None:
    if code in RULES:
        raise RuntimeError(f"rule {code} registered twice")
    RULES[code] = Rule(code, severity, title, inspect.cleandoc(fn.__doc__ or ""), check)


def check(code: str, title: str) -> Callable[[Check], Check]:
    """Register a repository check; the severity follows the code's letter."""

    def decorate(fn: Check) -> Check:
        severity = Severity.ERROR if code.startswith("E") else Severity.WARNING
        _register(code, severity, title, fn, fn)
        return fn

    return decorate


def reading(code: str, title: str) -> Callable[[F], F]:
    """Register a code that the reader raises; the function only carries its documentation."""

    def decorate(fn: F) -> F:
        _register(code, Severity.ERROR, title, fn, None)
        return fn

    return decorate


def all_rules() -> list[Rule]:
    # Importing the modules fills the registry.
    from impactctl.checks.rules import (  # noqa: F401
        fields,
        frameworks,
        references,
        reflection,
        syntax,
    )

    return [RULES[code] for code in sorted(RULES)]
