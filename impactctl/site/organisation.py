"""The page of one organisation: where it stands (on track?), all its cycles, its
statements, its actions and its changes."""

from __future__ import annotations

from collections.abc import Sequence

from impactctl.model import OrganisationRecord
from impactctl.site.actions import action_plan, progress
from impactctl.site.changelog import change_log
from impactctl.site.context import Context, heading, human_date, page, words
from impactctl.site.html import Table, block, data_block, link
from impactctl.site.markdown import text as esc
from impactctl.site.measures import CycleScores, list_words, plural
from impactctl.site.options import Publish
from impactctl.site.org_charts import latest_vs_previous, trend
from impactctl.site.statements import statements_section

TYPES = {
    "acute": "Acute trust",
    "mental-health": "Mental health trust",
    "community": "Community trust",
    "ambulance": "Ambulance trust",
    "primary-care": "Primary care",
    "icb": "Integrated care board",
    "system": "System",
    "other": "Organisation",
}


def organisation_page(ctx: Context, record: OrganisationRecord) -> dict[str, str]:
    path = f"organisations/{record.id}.md"
    scored = ctx.scores[record.id]
    publish = ctx.publish(record)
    files: dict[str, str] = {}
    blocks = [block(_meta(ctx, record, path, publish), last_updated(ctx, record))]
    blocks += on_track(ctx, record)
    blocks += _charts(ctx, record, scored, path, files)
    if scored:
        blocks += statements_section(ctx, record, scored, publish, files)
    else:
        blocks.append(block("<p>No review cycle has been recorded for this organisation yet.</p>"))
    blocks += action_plan(ctx, record)
    blocks += change_log(ctx, record)
    files[path] = page(record.name, *blocks)
    return files


def _charts(
    ctx: Context,
    record: OrganisationRecord,
    scored: Sequence[CycleScores],
    path: str,
    files: dict[str, str],
) -> list[str]:
    if not scored:
        return []
    out = [heading(2, "Maturity over time", "maturity-over-time", searched=False)]
    if not any(s.overall.level is not None for s in scored):
        out.append(
            block(
                f"<p>No statement has been assessed yet (latest cycle: "
                f"{esc(scored[-1].cycle_label)}). The charts appear once the first levels "
                "are agreed.</p>"
            )
        )
        return out
    html, (csv_path, csv_body) = trend(ctx, record, scored, path)
    out.append(html)
    files[csv_path] = csv_body
    out.append(heading(2, "Latest against previous cycle", "latest-vs-previous", searched=False))
    if len(scored) > 1:
        html, (csv_path, csv_body) = latest_vs_previous(ctx, record, scored, path)
        out.append(html)
        files[csv_path] = csv_body
    else:
        out.append(
            block(
                f"<p>{esc(scored[-1].cycle_label)} is the first review cycle, so "
                "there is nothing to compare it with yet.</p>"
            )
        )
    return out


def _meta(ctx: Context, record: OrganisationRecord, path: str, publish: Publish) -> str:
    org = record.organisation
    parts = [esc(TYPES.get(org.type, words(org.type)) if org else "Organisation")]
    system = ctx.system_of(record)
    if system and system != record.id:
        # Every system with a published member has a page (systems.py).
        parts.append(
            "part of " + link(ctx.href(path, f"systems/{system}.md"), ctx.system_name(system))
        )
    parts.append(esc(plural(len(record.cycles), "review cycle")))
    latest = record.latest
    lines = [f'<p class="impact-meta">{" · ".join(parts)}</p>']
    if system == record.id:
        lines.append(_members(ctx, record, path))
    if latest is not None:
        groups = sorted({p.group for p in latest.participants})
        people = sum(p.count for p in latest.participants)
        took_part = (
            f" {plural(people, 'person', 'people')} from "
            f"{plural(len(groups), 'group')} took part ("
            f"{list_words([words(g).lower() for g in groups])})."
            if groups
            else ""
        )
        status = "agreed" if latest.agreed else "a draft: its levels are proposals until agreed"
        lines.append(
            f"<p>Latest review cycle: <strong>{esc(latest.cycle)}</strong>, "
            f"{esc(status)}.{esc(took_part)}</p>"
        )
    if publish is Publish.LEVELS:
        lines.append(
            '<p class="impact-meta">This site publishes the levels, trends and actions '
            "of this organisation. The reasons behind each rating (rationale, evidence, "
            "dissent and each group's notes) are kept by the organisation.</p>"
        )
    return "\n".join(lines)


def _members(ctx: Context, record: OrganisationRecord, path: str) -> str:
    """An ICB's page lists the organisations of its system."""
    members = [r for r in ctx.records if r.id != record.id and ctx.system_of(r) == record.id]
    names = [str(link(ctx.href(path, f"organisations/{r.id}.md"), r.name)) for r in members]
    page_link = link(ctx.href(path, f"systems/{record.id}.md"), "the system's page")
    if not names:
        return f"<p>No other organisation of this system is published ({page_link}).</p>"
    return (
        f"<p>Members of this system: {', '.join(names)}. How the system stands as a whole: "
        f"{page_link}.</p>"
    )


def last_updated(ctx: Context, record: OrganisationRecord) -> str:
    """'Last updated' in words: the last agreed cycle, or the draft being edited."""
    latest = record.latest
    when = ctx.data.last_changed.get(f"assessments/{record.id}")
    agreed = next((a for a in reversed(record.cycles) if a.agreed), None)
    bits = []
    if latest is not None and not latest.agreed and when is not None:
        bits.append(f"Last updated {human_date(when.date())}: the draft {latest.cycle} was edited")
        if agreed is not None and agreed.assessed_on:
            bits.append(
                f"the last agreed cycle is {agreed.cycle} ({human_date(agreed.assessed_on)})"
            )
    elif agreed is not None and agreed.assessed_on:
        bits.append(
            f"Last updated {human_date(agreed.assessed_on)}: the {agreed.cycle} review cycle "
            "was agreed"
        )
        if when is not None and when.date() > agreed.assessed_on:
            bits.append(f"the action plan or records were last edited {human_date(when.date())}")
    elif when is not None:
        bits.append(f"Last updated {human_date(when.date())}")
    else:
        return '<p class="impact-changed">Last updated: not recorded.</p>'
    return f'<p class="impact-changed">{esc("; ".join(bits))}.</p>'


def target_words(ctx: Context, record: OrganisationRecord) -> tuple[int, int, str]:
    """(targets set in the previous cycle, reached in the latest, its cycle label)."""
    prev, last = ctx.previous(record), ctx.latest(record)
    if prev is None or last is None:
        return 0, 0, ""
    ratings = prev.assessment.ratings
    fw = last.framework
    set_ = reached = 0
    for sid, rating in ratings.items():
        if not rating.target:
            continue
        set_ += 1
        now = fw.rank(last.assessment.levels.get(sid))
        goal = prev.framework.rank(rating.target)
        if now is not None and goal is not None and now >= goal:
            reached += 1
    return set_, reached, last.cycle_label


def on_track(ctx: Context, record: OrganisationRecord) -> list[str]:
    """Are we on track? The action plan and the targets, in words and a small table."""
    p = progress(ctx, record)
    set_, reached, cycle = target_words(ctx, record)
    prev = ctx.previous(record)
    sentences = [p.words]
    if set_ and prev is not None:
        sentences.append(
            f"Of {plural(set_, 'target')} set in {prev.cycle}, {reached} "
            f"{'was' if reached == 1 else 'were'} reached in {cycle}."
        )
    rows = [
        ["Actions overdue", str(p.overdue)],
        ["Actions blocked", str(p.blocked)],
        ["Actions due in the next three months", str(p.due_soon)],
        ["Actions done since the previous review cycle", str(p.done_since)],
    ]
    if set_ and prev is not None:
        rows.append([f"Targets set in {prev.cycle} reached in {cycle}", f"{reached} of {set_}"])
    table = Table(
        "on-track-table", f"{record.name}: on track?", ["Measure", "Now"], rows, reflow=False
    ).render()
    return [
        heading(2, "On track?", "on-track", searched=False),
        block(f"<p>{esc(' '.join(sentences))}</p>"),
        data_block(table),
    ]
