"""Reporters for ``impactctl diff``: text for a terminal, json (SPEC shape), and markdown,
which CI posts as the pull-request comment reviewers debate in."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from impactctl.model import NOT_ASSESSED
from impactctl.report import json_document, paint, visible
from impactctl.report.validation import markdown as validation_markdown
from impactctl.review.comparison import Change, Comparison
from impactctl.review.diff import DiffReport

GITHUB_COMMENT_LIMIT = 65_536
COMMENT_BUDGET = GITHUB_COMMENT_LIMIT - 5_536  # room for the marker and the workflow's notes


def _arrow(change: Change) -> str:
    if change.old in (None, NOT_ASSESSED):
        return "🆕 first rating"
    if change.new is None:
        return "removed"
    if change.delta is None:
        return "changed"
    if change.delta > 0:
        return f"⬆️ raised +{change.delta}"
    if change.delta < 0:
        return f"⬇️ lowered {change.delta}"
    return "same rank"


def _where(change: Change) -> str:
    parts = [change.organisation, change.cycle or "", change.statement or change.action or ""]
    return visible(" ".join(p for p in parts if p))


def _value(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return visible(", ".join(str(v) for v in value)) or "—"
    return visible(str(value), lines=True)


def text(report: DiffReport, colour: bool = False) -> str:
    c = report.comparison
    lines = [paint(visible(report.title), "bold", colour), c.headline(), ""]
    for note in c.notes:
        lines.append(f"note: {visible(note)}")
    for change in c.changes:
        if change.field == "level":
            style = "green" if (change.delta or 0) > 0 else "red"
            lines.append(
                f"{_where(change)}: level {_value(change.old)} -> {_value(change.new)} "
                f"{paint(_arrow(change), style, colour)}  [{change.component or ''}]"
            )
        elif change.field == "rationale":
            lines.append(f"{_where(change)}: rationale edited")
        elif change.field == "evidence" and change.old is None:
            lines.append(f"{_where(change)}: evidence added: {_value(change.new)}")
        elif change.field == "evidence" and change.new is None:
            lines.append(f"{_where(change)}: evidence removed: {_value(change.old)}")
        elif change.field == "evidence":
            lines.append(
                f"{_where(change)}: evidence edited: {_value(change.old)} -> {_value(change.new)}"
            )
        else:
            lines.append(
                f"{_where(change)}: {change.field} {_value(change.old)} -> {_value(change.new)}"
            )
    if c.components:
        lines += ["", "Components (median level):"]
        for s in c.components:
            lines.append(
                f"  {visible(f'{s.organisation} {s.component}')}: "
                f"{_value(s.before)} -> {_value(s.after)}"
            )
    return "\n".join(lines) + "\n"


def as_json(report: DiffReport, colour: bool = False) -> str:
    c = report.comparison
    return json_document({"summary": c.summary()}, "changes", [ch.as_json() for ch in c.changes])


def _md(value: object) -> str:
    """Contributor text made safe for a table cell in GitHub's renderer."""
    return (
        _value(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", " ")
    )


def word_diff(old: str, new: str) -> str:
    """Deleted words struck through, added words in bold: readable in a PR comment."""
    a, b = _md(old).split(), _md(new).split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            out.append(f"~~{' '.join(a[i1:i2])}~~")
        if op in ("insert", "replace"):
            out.append(f"**{' '.join(b[j1:j2])}**")
    return " ".join(out)


def _level_table(changes: list[Change]) -> list[str]:
    rows = [
        "| Organisation | Cycle | Component | Statement | Before | After | Change |",
        "|---|---|---|---|---|---|---|",
    ]
    for ch in changes:
        rows.append(
            f"| {_md(ch.organisation)} | {_md(ch.cycle)} | {_md(ch.component)} | "
            f"{_md(ch.statement)} | {_md(ch.old)} | **{_md(ch.new)}** | {_arrow(ch)} |"
        )
    return rows


def _details(c: Comparison) -> list[str]:
    words = [ch for ch in c.changes if ch.field == "rationale"]
    other = [ch for ch in c.changes if ch.field not in ("level", "rationale")]
    out: list[str] = []
    if words:
        out += ["<details><summary>Rationale edits (" + str(len(words)) + ")</summary>", ""]
        for ch in words:
            out += [
                f"**{_md(_where(ch))}** ({_md(ch.component)})",
                "",
                "> " + word_diff(str(ch.old or ""), str(ch.new or "")),
                "",
            ]
        out += ["</details>", ""]
    if other:
        out += [
            "<details><summary>Evidence, targets, dissent and actions ("
            + str(len(other))
            + ")</summary>",
            "",
            "| Where | Field | Before | After |",
            "|---|---|---|---|",
        ]
        for ch in other:
            out.append(f"| {_md(_where(ch))} | {_md(ch.field)} | {_md(ch.old)} | {_md(ch.new)} |")
        out += ["", "</details>", ""]
    return out


def markdown(report: DiffReport, colour: bool = False) -> str:
    """The PR comment; summarised to stay under GitHub's 65,536-character limit."""
    for detail_level in (2, 1, 0):
        body = _markdown(report, detail_level)
        if len(body) <= COMMENT_BUDGET:
            return body
    return body[:COMMENT_BUDGET].rsplit("\n", 1)[0] + (
        "\n\n…the comment was cut to fit GitHub's size limit. Run `impactctl diff` locally "
        "for the full list.\n"
    )


def _markdown(report: DiffReport, detail_level: int) -> str:
    c = report.comparison
    levels = c.level_changes
    out = [f"### {_md(report.title)}", "", f"**{c.headline()}**", ""]
    for note in c.notes:
        out.append(f"- {_md(note)}")
    if c.notes:
        out.append("")
    if levels:
        shown = levels if detail_level >= 1 else levels[:50]
        out += _level_table(shown)
        if len(shown) < len(levels):
            out.append(f"\n…and {len(levels) - len(shown)} more level changes.")
        out.append("")
    if c.components:
        out += [
            "#### Components (median level of their statements)",
            "",
            "| Organisation | Component | Before | After |",
            "|---|---|---|---|",
        ]
        out += [
            f"| {_md(s.organisation)} | {_md(s.component)} | {_md(s.before)} | **{_md(s.after)}** |"
            for s in c.components[: None if detail_level else 30]
        ]
        out.append("")
    if report.validation is not None:
        out += ["#### Checks", "", validation_markdown(report.validation)]
    if detail_level >= 2:
        out += _details(c)
    elif c.changes:
        out.append(
            "_Rationale and evidence details were left out to fit the comment; run "
            "`impactctl diff` locally to see them._\n"
        )
    return "\n".join(out).rstrip() + "\n"


Reporter = Callable[[DiffReport, bool], str]
REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "markdown": markdown}
