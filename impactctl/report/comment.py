"""The pull-request comment CI posts for ``impactctl diff --format markdown``.

Risk first: anything that could not be compared leads, then every level change with its
flags, flagged rows first; then the checks that speak about this change, with the rest
counted in one folded line. It always fits the limit (GitHub's 65,536 characters for a
comment): it folds and summarises first, and if it must leave something out it says what,
and where the full report is.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Sequence

from impactctl.diagnostics import Diagnostic, Severity
from impactctl.report import plural, validation_summary
from impactctl.report.wording import new_cycle_lines, value, where
from impactctl.review.diff import DiffReport
from impactctl.review.ratings import Change
from impactctl.review.risk import LevelRow

COMPONENTS_CAP = 30  # component rows kept when the comment must be shortened
FINDINGS_CAP = {3: None, 2: None, 1: 100, 0: 20}  # findings about the change, by detail
# Room below the limit for what the shipped comment workflow does: it adds its marker,
# defuses @mentions (one character each) and cuts anything over 60,000 characters, so
# the comment keeps to 59,000 and is never cut by it.
RESERVE = 6_536
EXCERPT = 90  # characters of rationale shown before the fold
FULL_REPORT = (
    "The full report is in this workflow run's job summary (open the check's details, then "
    "Summary), or run `impactctl diff --base {base}` locally."
)


def md(v: object) -> str:
    """Contributor text made safe for a table cell in GitHub's renderer."""
    return (
        value(v)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", " ")
    )


def word_diff(old: str, new: str) -> str:
    """Deleted words struck through, added words in bold: readable in a PR comment."""
    a, b = md(old).split(), md(new).split()
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


SHORTEST_ROW = 150  # characters: no level change row is shorter


def comment(report: DiffReport) -> str:
    try:
        return _fit(report)
    finally:
        _row.cache_clear()


def _fit(report: DiffReport) -> str:
    budget = report.limit - RESERVE
    if len(report.rows) * SHORTEST_ROW < budget:  # else only the shortest form can fit
        for detail in (3, 2, 1):
            body = _render(report, detail, len(report.rows))
            if len(body) <= budget:
                return body
    low, high = 0, len(report.rows)  # the most rows that fit, riskiest first
    while low < high:
        middle = (low + high + 1) // 2
        if len(_render(report, 0, middle)) <= budget:
            low = middle
        else:
            high = middle - 1
    body = _render(report, 0, low)
    if len(body) > budget:  # even the summary is too long: cut at a line, and say so
        body = body[: budget - 400].rsplit("\n", 1)[0] + "\n\n" + _left_out(report, ["the rest"])
    return body


def _left_out(report: DiffReport, what: Sequence[str]) -> str:
    return (
        f"> ✂️ **Left out to fit GitHub's comment limit:** {', '.join(what)}. "
        + FULL_REPORT.format(base=report.base_label)
        + "\n"
    )


def _render(report: DiffReport, detail: int, shown_rows: int) -> str:
    c = report.comparison
    out = [f"### {md(report.title)}", ""]
    out += _banner(report)
    out += [f"**{c.headline()}**", ""]
    notes = [f"⚠️ {n}" for n in c.frameworks] + new_cycle_lines(report) + list(c.notes)
    out += [f"- {md(n)}" for n in notes] + ([""] if notes else [])
    out += _rows(report, detail, shown_rows)
    out += _components(report, detail)
    out += _checks(report, detail)
    out += _other_changes(report, detail)
    left: list[str] = []
    if shown_rows < len(report.rows):
        left.append(plural(len(report.rows) - shown_rows, "level change"))
    cap = FINDINGS_CAP[detail]
    if report.checks is not None and cap is not None and len(report.checks.about) > cap:
        left.append(plural(len(report.checks.about) - cap, "finding") + " about this change")
    if detail < 2 and len(c.components) > COMPONENTS_CAP:
        left.append(plural(len(c.components) - COMPONENTS_CAP, "component change"))
    if detail < 3 and report.checks is not None and report.checks.folded:
        left.append("the list of findings not about this change")
    if detail < 3 and any(ch.field != "level" for ch in report.comparison.changes):
        left.append("rationale, evidence, target and action details")
    if detail < 2 and report.rows:
        left.append("the full rationale behind each level change")
    if left:
        out.append(_left_out(report, left))
    return "\n".join(out).rstrip() + "\n"


def _banner(report: DiffReport) -> list[str]:
    if not report.not_compared:
        return []
    files = report.skipped_files
    out = [
        f"> ⛔ **{plural(len(files), 'file')} could not be compared.** "
        + ("Its" if len(files) == 1 else "Their")
        + " ratings are left out of this comparison until "
        + ("it can" if len(files) == 1 else "they can")
        + " be read: fix "
        + ("it" if len(files) == 1 else "them")
        + " and push again.",
        ">",
    ]
    for n in report.not_compared:
        d = n.diagnostic
        out.append(f"> - `{md(d.location)}` ({n.side}) **{d.code}** {md(d.message)}")
    return [*out, ""]


def _code(report: DiffReport, code: str) -> str:
    if report.codes_url:
        return f"[{code}]({report.codes_url.replace('{code}', code.lower())})"
    return code


def _signed(n: int | None) -> str:
    if n is None:
        return "—"
    return f"+{n}" if n > 0 else ("±0" if n == 0 else str(n))


def _rows(report: DiffReport, detail: int, shown: int) -> list[str]:
    rows = report.rows[:shown]
    if not rows:
        return []
    flagged = sum(1 for r in report.rows if r.flagged)
    # A cycle new in this change has no base version: its rows count from the cycle it
    # started from, and say so.
    started: dict[tuple[str, str | None], str | None] = {
        (n.organisation, n.cycle): n.started_from for n in report.comparison.new_cycles
    }
    out = [
        "#### Level changes" + (f": {plural(flagged, 'flagged row')} first" if flagged else ""),
        "",
        f"| | Statement | Level | Since base ({md(report.base_label)}) "
        "| Since the last agreed cycle | Views in the room | Rationale now | New evidence |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        out.append(_row(row, detail, started.get((row.change.organisation, row.change.cycle))))
        out += [_flag(report, d) for d in row.flags]
    return [*out, ""]


@functools.cache  # the comment is rendered again as it is shortened
def _row(row: LevelRow, detail: int, started_from: str | None = None) -> str:
    c = row.change
    status = f" ({row.status})" if row.status else ""
    statement = (
        f"{md(c.statement)} {md(row.statement_text)}" if row.statement_text else md(c.statement)
    )
    where_cell = (
        f"**{md(row.organisation_name)}** {md(c.cycle)}{status}<br>{statement} · {md(c.component)}"
    )
    level = f"{md(row.old_label)} → **{md(row.new_label)}**"
    since_base = _direction(c.delta) + _signed(c.delta)
    if started_from is not None:
        since_base += f" (new cycle, from {md(started_from)})"
    if row.previous_cycle and row.previous_label:
        since_prev = (
            f"{_signed(row.since_previous)} from {md(row.previous_label)} "
            f"in {md(row.previous_cycle)}"
        )
    else:
        since_prev = "no earlier agreed cycle"
    views = ", ".join(f"{md(g)}: {md(label)}" for g, label in row.perspectives) or "—"
    evidence = (
        "<br>".join(
            f"[{md(title)}]({link})"
            if link and link.startswith(("http://", "https://"))
            else md(title)
            for title, link in row.new_evidence
        )
        or "none"
    )
    mark = "⚠️" if row.flagged else ""
    return (
        f"| {mark} | {where_cell} | {level} | {since_base} | {since_prev} | {views} | "
        f"{_rationale(row, detail)} | {evidence} |"
    )


def _direction(delta: int | None) -> str:
    if delta is None or delta == 0:
        return ""
    return "⬆️ " if delta > 0 else "⬇️ "


def _rationale(row: LevelRow, detail: int) -> str:
    text = " ".join((row.rationale or "").split())
    if not text:
        return "—"
    excerpt = md(text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + "…")
    edited = row.rationale_before is not None
    label = "✏️ edited: " if edited else "unchanged: "
    if detail < 2 or (len(text) <= EXCERPT and not edited):
        return label + excerpt
    whole = word_diff(row.rationale_before or "", text) if edited else md(text)
    return f"<details><summary>{label}{excerpt}</summary>{whole}</details>"


def _flag(report: DiffReport, d: Diagnostic) -> str:
    mark = "❌" if d.severity is Severity.ERROR else "⚠️"
    hint = f" _{md(d.hint)}_" if d.hint else ""
    return f"| | ↳ {mark} {_code(report, d.code)} {md(d.message)}.{hint} | | | | | | |"


def _components(report: DiffReport, detail: int) -> list[str]:
    shifts = report.comparison.components
    if not shifts:
        return []
    shown = shifts if detail >= 2 else shifts[:COMPONENTS_CAP]
    labels = report.level_labels
    out = [
        "#### Components (median level of their statements)",
        "",
        "| Organisation | Component | Before | After |",
        "|---|---|---|---|",
    ]
    for s in shown:
        name = report.organisation_names.get(s.organisation, s.organisation)
        before, after = labels.get(s.before or "", s.before), labels.get(s.after or "", s.after)
        out.append(f"| {md(name)} | {md(s.component)} | {md(before)} | **{md(after)}** |")
    if len(shown) < len(shifts):
        out.append(f"\n…and {len(shifts) - len(shown)} more component changes.")
    return [*out, ""]


def _checks(report: DiffReport, detail: int) -> list[str]:
    if report.validation is None:
        return []
    v, checks = report.validation, report.checks
    icon = "✅" if v.ok else "❌"
    out = ["#### Checks", "", f"{icon} **Validation:** {validation_summary(v)}"]
    if checks is None:
        return [*out, ""]
    out[-1] += f" · {plural(len(checks.about), 'finding')} about this change"
    out.append("")
    if checks.about:
        out += ["| | Where | Code | Finding |", "|---|---|---|---|"]
        for d in checks.about[: FINDINGS_CAP[detail]]:
            wrote = " ✏️" if (d.file, d.location.line) in checks.touched_lines else ""
            out.append(_finding(report, d, wrote))
        out += ["", "✏️ a line this change wrote.", ""]
    if checks.folded:
        summary = (
            f"{plural(checks.folded, 'finding')} not about this change: "
            f"{len(checks.outside)} in files it does not touch, "
            f"{len(checks.on_base)} already on the base branch"
        )
        if detail < 3:
            out += [f"_{summary}._", ""]
        else:
            out += [f"<details><summary>{summary}</summary>", ""]
            out += ["| | Where | Code | Finding |", "|---|---|---|---|"]
            out += [_finding(report, d, "") for d in (*checks.on_base, *checks.outside)]
            out += ["", "</details>", ""]
    return out


def _finding(report: DiffReport, d: Diagnostic, wrote: str) -> str:
    mark = "❌ error" if d.severity is Severity.ERROR else "⚠️ warning"
    hint = f"<br>_hint: {md(d.hint)}_" if d.hint else ""
    return (
        f"| {mark} | `{md(d.location)}`{wrote} | {_code(report, d.code)} | {md(d.message)}{hint} |"
    )


def _others(report: DiffReport) -> list[Change]:
    in_rows = {(r.change.organisation, r.change.cycle, r.change.statement) for r in report.rows}
    return [
        ch
        for ch in report.comparison.changes
        if ch.field != "level"
        and not (ch.field == "rationale" and (ch.organisation, ch.cycle, ch.statement) in in_rows)
    ]


def _other_changes(report: DiffReport, detail: int) -> list[str]:
    if detail < 3:
        return []
    others = _others(report)
    if not others:
        return []
    names = dict(report.organisation_names)
    words = [ch for ch in others if ch.field == "rationale"]
    rest = [ch for ch in others if ch.field != "rationale"]
    out: list[str] = []
    if words:
        out += [
            f"<details><summary>Rationale edits without a level change ({len(words)})</summary>",
            "",
        ]
        for ch in words:
            out += [
                f"**{md(where(ch, names))}** ({md(ch.component)})",
                "",
                "> " + word_diff(str(ch.old or ""), str(ch.new or "")),
                "",
            ]
        out += ["</details>", ""]
    if rest:
        out += [
            f"<details><summary>Evidence, targets, dissent and actions ({len(rest)})</summary>",
            "",
            "| Where | Field | Before | After |",
            "|---|---|---|---|",
        ]
        for ch in rest:
            out.append(f"| {md(where(ch, names))} | {md(ch.field)} | {md(ch.old)} | {md(ch.new)} |")
        out += ["", "</details>", ""]
    return out
