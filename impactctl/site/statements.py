"""The statements section of an organisation's page: each statement as agreed, the spread
of views, the reasons (when published) and each component's statements in every cycle."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from impactctl.csvtext import csv_text
from impactctl.model import Component, Framework, OrganisationRecord, Rating, Statement
from impactctl.site.context import Context, heading, human_date, statement_anchor, words
from impactctl.site.html import Html, Table, block, csv_link, data_block, level_chip, link
from impactctl.site.markdown import evidence_target
from impactctl.site.markdown import text as esc
from impactctl.site.measures import NO_VALUE, CycleScores, plural, spread_text
from impactctl.site.options import Publish
from impactctl.site.revisions import migrated

INLINE_CYCLES = 6  # more cycles than this: each statement's history is a CSV, not tables


def statements_section(
    ctx: Context,
    record: OrganisationRecord,
    scored: Sequence[CycleScores],
    publish: Publish,
    files: dict[str, str] | None = None,
) -> list[str]:
    """The statements of the latest cycle. Each component's statements in every cycle are
    a table on the page, or past INLINE_CYCLES cycles one CSV file (into ``files``): at
    twenty cycles the tables were a tenth of a national page and read best as data."""
    last = scored[-1]
    prev = scored[-2] if len(scored) > 1 else None
    framework = last.framework
    out = [
        heading(2, "Statements", "statements"),
        block(
            f"<p data-search-exclude>Each statement as agreed in {esc(last.cycle)}"
            + (f", with its level in {esc(prev.cycle)} for comparison" if prev else "")
            + ", and its level in every review cycle.</p>"
        ),
    ]
    history = [_level_labels(s, framework) for s in scored] if len(scored) > 1 else []
    as_csv = files is not None and len(scored) > INLINE_CYCLES
    if as_csv and files is not None:
        csv_path = f"data/organisations/{record.id}-statements.csv"
        files[csv_path] = csv_text(
            ["statement_id", "statement", *[s.cycle_label for s in scored]],
            [
                [st.id, st.short_title, *[labels.get(st.id, "") for labels in history]]
                for st in framework.statements.values()
            ],
        )
        path = f"organisations/{record.id}.md"
        out.append(
            data_block(
                csv_link(
                    ctx.href(path, csv_path),
                    f"each statement's level in all {len(scored)} review cycles",
                )
            )
        )
    for component in framework.components:
        out.append(heading(3, component.title, f"component-{component.id}"))
        now = last.components.get(component.id)
        line = f"Component level in {last.cycle_label}: " + (now.text if now else "not assessed")
        if now is not None and now.level is not None:
            line += f" (the middle of {plural(now.assessed, 'statement')}: "
            line += spread_text(framework, now) + ")"
        if prev is not None and (before := prev.components.get(component.id)):
            line += f"; in {prev.cycle_label}: {before.text}"
        out.append(data_block(f"<p>{esc(line)}.</p>"))
        if len(scored) > 1 and not as_csv:
            out.append(data_block(_history_table(record, scored, component, history)))
        out += [_statement(ctx, record, scored, s, publish) for s in component.statements]
    return out


def _level(framework: Framework, level_id: str | None) -> Html:
    if level_id is None:
        return Html(NO_VALUE)
    rank = framework.rank(level_id)
    return level_chip(rank, framework.label(level_id), len(framework.levels))


def _statement(
    ctx: Context,
    record: OrganisationRecord,
    scored: Sequence[CycleScores],
    statement: Statement,
    publish: Publish,
) -> str:
    last = scored[-1]
    framework = last.framework
    rating = last.assessment.ratings.get(statement.id)
    prev = scored[-2] if len(scored) > 1 else None
    facts: list[tuple[str, str]] = []
    if rating is None:
        facts.append((f"Agreed level, {last.cycle}", "Not rated in this cycle"))
    else:
        rank = framework.rank(rating.level)
        of = f" (level {rank} of {len(framework.levels)})" if rank else ""
        facts.append((f"Agreed level, {last.cycle}", _level(framework, rating.level) + esc(of)))
    if prev is not None:
        before = migrated(prev.assessment.levels, prev.framework, framework).get(statement.id)
        text = _level(prev.framework, before) if before is not None else Html("Not rated")
        change = _step_words(
            prev.framework, before, framework, rating.level if rating is not None else None
        )
        facts.append((f"Previous, {prev.cycle}", text + esc(change)))
    if rating is not None and rating.target:
        facts.append(("Target", _level(framework, rating.target)))
    if rating is not None and rating.confidence:
        facts.append(("Confidence", esc(words(rating.confidence))))
    if rating is not None and rating.perspectives:
        facts.append(("Views before agreeing", _spread(framework, rating)))
    anchor = statement_anchor(statement.id)
    parts = [
        # A heading in the page but not in its table of contents or search sections: on a
        # national site 21 statements a page made the contents a list and the search index
        # 6,500 sections. Search finds the statement under its component.
        f'<h4 id="{anchor}">{esc(statement.id)} {esc(statement.short_title)}</h4>',
        f'<div class="impact-statement" id="{anchor}-detail">',
        # The statement's wording is on the framework page, once, for search.
        f'<p class="impact-statement__text" data-search-exclude>{esc(statement.text)}</p>',
        '<dl class="impact-facts" data-search-exclude>',
        *[f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts],
        "</dl>",
    ]
    if rating is not None and publish.shows_reasons:
        parts += _reasons(ctx, framework, rating)
    parts.append("</div>")
    return block(*parts)


def _step_words(old_fw: Framework, old: str | None, new_fw: Framework, new: str | None) -> str:
    """How a statement's level moved between two cycles (level ids, None: not rated)."""
    a = old_fw.rank(old)
    b = new_fw.rank(new)
    if a is None or b is None:
        return ""
    if b > a:
        return f" · since then up {plural(b - a, 'level')}"
    if b < a:
        return f" · since then down {plural(a - b, 'level')}"
    return " · unchanged since"


def _spread(framework: Framework, rating: Rating) -> str:
    views = [f"{esc(words(p.group))}: {_level(framework, p.level)}" for p in rating.perspectives]
    ranks = [r for p in rating.perspectives if (r := framework.rank(p.level)) is not None]
    summary = ""
    if ranks:
        low, high = min(ranks), max(ranks)
        agreed = framework.rank(rating.level)
        if low == high:
            summary = f" (every group said {framework.levels[low - 1].label})"
        else:
            summary = (
                f" (from {framework.levels[low - 1].label} to {framework.levels[high - 1].label})"
            )
        if agreed is not None and agreed > high:
            summary += "; the agreed level is above every view recorded"
    return "; ".join(views) + esc(summary)


def _reasons(ctx: Context, framework: Framework, rating: Rating) -> list[str]:
    out = [
        '<div class="impact-prose"><p data-search-exclude><strong>Rationale</strong></p>',
        '<div data-search-excerpt="first sentence">',
        ctx.render(rating.rationale),
        "</div></div>",
    ]
    if rating.evidence:
        items = []
        for e in rating.evidence:
            target = evidence_target(e.url, e.path, ctx.options.file_url)
            title = link(target, e.title) if target else esc(e.title)
            where = (
                "" if target or not e.path else f" (in the repository: <code>{esc(e.path)}</code>)"
            )
            items.append(
                f'<li>{title}, <time datetime="{e.date.isoformat()}">'
                f"{esc(human_date(e.date))}</time>{where}</li>"
            )
        out += [
            "<p data-search-exclude><strong>Evidence</strong></p>",
            '<ul class="impact-evidence" data-search-exclude>',
            *items,
            "</ul>",
        ]
    if rating.dissent:
        out += [
            '<div class="impact-prose impact-dissent"><p><strong>Dissent recorded</strong></p>',
            ctx.render(rating.dissent),
            "</div>",
        ]
    notes = [p for p in rating.perspectives if p.note]
    if notes:
        out += [
            "<p data-search-exclude><strong>What each group said</strong></p>",
            '<ul class="impact-views" data-search-exclude>',
        ]
        out += [
            f"<li>{esc(words(p.group))} ({esc(framework.label(p.level))}): "
            f"{ctx.render(p.note).removeprefix('<p>').removesuffix('</p>')}</li>"
            for p in notes
        ]
        out.append("</ul>")
    return out


@functools.lru_cache(maxsize=1024)
def statement_link(statement_id: str) -> Html:
    """A link to a statement on its organisation's page. Cached (bounded): the history
    tables, action plans and change logs of a large site link the same few statements
    tens of thousands of times."""
    return link(f"#{statement_anchor(statement_id)}", statement_id)


def _level_labels(cycle: CycleScores, latest: Framework) -> dict[str, str]:
    """Each rated statement's level label in one cycle. Worked out once per cycle for all
    the history tables of a page (statements x cycles cells), looking each level up once."""
    framework = cycle.framework
    labels = {level.id: framework.label(level.id) for level in framework.levels}
    return {
        sid: labels[level] if level in labels else framework.label(level)
        for sid, level in migrated(cycle.assessment.levels, framework, latest).items()
    }


def _history_table(
    record: OrganisationRecord,
    scored: Sequence[CycleScores],
    component: Component,
    history: Sequence[dict[str, str]],
) -> str:
    """Every statement of a component in every cycle: one table, not one per statement,
    so that a page with twenty cycles stays readable and small. ``history`` holds each
    cycle's ``_level_labels``."""
    head = ["Statement", *[s.cycle_label for s in scored]]
    rows = [
        [
            Html(f"{statement_link(statement.id)} {esc(statement.short_title)}"),
            *[labels.get(statement.id, NO_VALUE) for labels in history],
        ]
        for statement in component.statements
    ]
    return Table(
        f"component-{component.id}-history",
        f"{record.name}: {component.title}, each statement's level in every review cycle",
        head,
        rows,
        searchable=False,
        reflow=False,
    ).render()
