"""The rules, one module per group of codes: syntax (E10x), fields (E11x), references
(E2xx), reflection (W3xx). Each registers its codes in ``checks.registry`` when imported;
``all_rules`` imports them all and lists the registry in code order."""

from __future__ import annotations

from impactctl.checks.registry import RULES, Rule, check, reading

__all__ = ["RULES", "Rule", "all_rules", "check", "reading"]


def all_rules() -> list[Rule]:
    # Importing the modules fills the registry.
    from impactctl.checks.rules import (  # noqa: F401
        fields,
        frameworks,
        references,
        reflection,
        syntax,
        workbook,
    )

    return [RULES[code] for code in sorted(RULES)]
