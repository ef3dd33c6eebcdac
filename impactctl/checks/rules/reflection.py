"""W301-W311: the quality of the reflection.

NHS IMPACT says the score matters less than an honest, broad discussion and the action
plan that follows. These warnings point at the signs that a discussion was narrow, too
optimistic, or not followed through. They are warnings, not errors: a reviewer may accept
them with a reason. ``--strict`` turns them into failures.

Only each organisation's latest cycle is judged (W304, W305 and W311 look at the action plan):
an earlier cycle is the record of a past discussion, and a warning must never ask for
history to be rewritten.
"""

from __future__ import annotations

from collections.abc import Iterator

from impactctl.checks.registry import check
from impactctl.clock import months_before, today
from impactctl.diagnostics import Finding
from impactctl.model import Assessment, Rating, Repository, migrate
from impactctl.reading.layout import cycle_id

EVIDENCE_MAX_AGE_MONTHS = 24
NEEDED_GROUPS = ("staff", "lived-experience")


def _current(repo: Repository) -> Iterator[Assessment]:
    """Each organisation's latest cycle. Earlier cycles are the record of past discussions:
    they are not re-judged, so a warning never demands that history be rewritten."""
    for record in repo.organisations.values():
        if record.latest is not None:
            yield record.latest


def _pairs(repo: Repository) -> Iterator[tuple[Assessment, Assessment, Rating, Rating, int]]:
    """Each current rating beside the same statement's rating in the cycle before (through
    the framework's `migrates_from` when the framework changed), with the step between."""
    for record in repo.organisations.values():
        a = record.latest
        before = record.previous(a) if a else None
        if a is None or before is None:
            continue
        fw, old_fw = repo.framework_for(a), repo.framework_for(before)
        if fw is None or old_fw is None:
            continue
        earlier = migrate(before, old_fw, fw)
        for sid, rating in a.ratings.items():
            old = earlier.get(sid)
            if old is None:
                continue
            new_rank, old_rank = fw.rank(rating.level), old_fw.rank(old.level)
            if new_rank is None or old_rank is None:
                continue
            yield before, a, old, rating, new_rank - old_rank


@check("W301", "Level moved more than one step")
def big_move(repo: Repository) -> Iterator[Finding]:
    """
    A statement's level moved two or more steps since the previous cycle.

    **Why it matters:** maturity usually grows one step at a time. A jump can be real (a new
    improvement team, a merger) but is also the typical sign of a rating that drifted towards
    what the room hoped for, or of an earlier rating that was too harsh.

    **How to fix:** nothing, if the rationale and evidence explain the jump; reviewers should
    then read that explanation. Otherwise reconsider the level.
    """
    for before, _a, _old, rating, step in _pairs(repo):
        if abs(step) > 1:
            word = "up" if step > 0 else "down"
            yield Finding(
                rating.where.of("level"),
                f"{rating.statement} moved {abs(step)} levels {word} since {before.cycle}",
                "explain the jump in the rationale and evidence",
            )


def _new_evidence(before: Assessment, old: Rating, rating: Rating) -> bool:
    seen = {(e.title, e.url, e.path) for e in old.evidence}
    since = before.assessed_on
    return any(
        (e.title, e.url, e.path) not in seen and (since is None or e.date > since)
        for e in rating.evidence
    )


@check("W302", "Level raised without new evidence or a new rationale")
def unsupported_raise(repo: Repository) -> Iterator[Finding]:
    """
    A level went up since the previous cycle, but the rationale is word for word the same,
    or no evidence is newer than the previous cycle.

    **Why it matters:** a higher level is a claim that something changed. The rationale
    should say what changed, and the evidence should show it; otherwise the rise cannot be
    reviewed.

    **How to fix:** rewrite the rationale for this cycle and add at least one piece of
    evidence dated after the previous assessment.
    """
    for before, _a, old, rating, step in _pairs(repo):
        if step <= 0:
            continue
        missing = []
        if rating.rationale.strip() == old.rationale.strip():
            missing.append("the rationale is unchanged")
        if not _new_evidence(before, old, rating):
            missing.append(f"no evidence is newer than {before.cycle}")
        if missing:
            yield Finding(
                rating.where.of("level"),
                f"{rating.statement} was raised but {' and '.join(missing)}",
                "say what changed and link to evidence of it",
            )


@check("W303", "Below target with no open action")
def target_without_action(repo: Repository) -> Iterator[Finding]:
    """
    In an organisation's latest cycle, a statement is below its `target` and no open action
    (planned, in progress or blocked) in the action plan lists that statement.

    **Why it matters:** NHS IMPACT's self-assessment succeeds or fails on follow-through. A
    target with no action behind it is a wish.

    **How to fix:** add an action that names the statement, or remove the target.
    """
    for record in repo.organisations.values():
        latest = record.latest
        fw = repo.framework_for(latest) if latest else None
        if latest is None or fw is None:
            continue
        if (
            record.action_plan is None
            and f"assessments/{record.id}/action-plan.yaml" in repo.broken
        ):
            continue  # the plan exists but could not be read; its errors are reported
        covered = {
            sid
            for action in (record.action_plan.actions if record.action_plan else ())
            if action.open
            for sid in action.statements
        }
        for sid, rating in latest.ratings.items():
            level, target = fw.rank(rating.level), fw.rank(rating.target)
            if level is not None and target is not None and level < target and sid not in covered:
                yield Finding(
                    rating.where.of("target"),
                    f"{sid} is below its target ({rating.target}) and no open action lists it",
                    "add an action for it to the action plan",
                )


@check("W304", "Overdue action")
def overdue_action(repo: Repository) -> Iterator[Finding]:
    """
    An action that is still planned, in progress or blocked is past its `due` date.

    **Why it matters:** an overdue action is the clearest sign that the plan has stalled.
    Boards need to see it rather than discover it at the next cycle.

    **How to fix:** add an update, and either move the due date (saying why) or change the
    status.
    """
    now = today()
    for record in repo.organisations.values():
        for action in record.action_plan.actions if record.action_plan else ():
            if action.overdue(now):
                yield Finding(
                    action.where.of("due"),
                    f"action {action.id} was due {action.due} and is {action.status}",
                    "add an update and a new due date, or change the status",
                )


@check("W305", "Action done with no update")
def done_without_update(repo: Repository) -> Iterator[Finding]:
    """
    An action is marked `done` but has no `updates`.

    **Why it matters:** "done" should say what was done and whether the measure moved, so
    that the next cycle can judge its effect.

    **How to fix:** add an update with the date and what was achieved.
    """
    for record in repo.organisations.values():
        for action in record.action_plan.actions if record.action_plan else ():
            if action.status == "done" and not action.updates:
                yield Finding(
                    action.where.of("status"),
                    f"action {action.id} is done with no update",
                    "add an update saying what changed",
                )


def _rooms(repo: Repository) -> Iterator[Assessment]:
    """Cycles whose list of participants is meant to be complete."""
    return (a for a in _current(repo) if a.agreed or a.participants)


@check("W306", "Participants from fewer than three groups")
def narrow_room(repo: Repository) -> Iterator[Finding]:
    """
    The people who took part came from fewer than three groups (board, executive, senior
    leaders, staff, stakeholders, people with lived experience, governors).

    **Why it matters:** NHS IMPACT asks organisations to get the right people in the room.
    A self-assessment done by one group describes how that group sees the organisation.

    **How to fix:** widen the conversation before the cycle is agreed, and record every group
    that took part.

    Checked on agreed cycles, and on drafts once participants are recorded: a new draft
    with an empty list is simply unfinished.
    """
    for a in _rooms(repo):
        groups = {p.group for p in a.participants}
        if len(groups) < 3:
            yield Finding(
                a.where.of("participants"),
                f"participants come from {len(groups)} group(s): "
                f"{', '.join(sorted(groups)) or 'none recorded'}",
                "involve at least three groups, including staff and lived experience",
            )


@check("W307", "No staff or lived-experience voice")
def missing_voices(repo: Repository) -> Iterator[Finding]:
    """
    No participant is from the staff group, or none is from the lived-experience group.

    **Why it matters:** change that is done *with* people rather than *to* them needs the
    people who do the work and the people who use the services. NHS IMPACT names both.

    **How to fix:** involve them (a staff focus group, patient partners) and record them as
    participants. Checked when W306 is.
    """
    for a in _rooms(repo):
        groups = {p.group for p in a.participants}
        missing = [g for g in NEEDED_GROUPS if g not in groups]
        if missing:
            yield Finding(
                a.where.of("participants"),
                f"no {' or '.join(missing)} voice among the participants",
                "record the staff and lived-experience participants",
            )


@check("W308", "Low confidence agreed with no dissent recorded")
def low_confidence_no_dissent(repo: Repository) -> Iterator[Finding]:
    """
    An agreed cycle has ratings with `confidence: low`, yet no rating in it records any
    `dissent`.

    **Why it matters:** low confidence means the room was unsure. If nobody's minority view
    is written down, the debate that NHS IMPACT values has left no trace.

    **How to fix:** record the minority view in `dissent` where there was one.
    """
    for a in _current(repo):
        if not a.agreed or any(r.dissent for r in a.ratings.values()):
            continue
        low = [r for r in a.ratings.values() if r.confidence == "low"]
        if low:
            yield Finding(
                low[0].where.of("confidence"),
                f"{len(low)} low-confidence rating(s) "
                f"({', '.join(r.statement for r in low)}) and no dissent recorded",
                "write down the minority view where there was one",
            )


@check("W309", "Agreed level above every perspective")
def optimism(repo: Repository) -> Iterator[Finding]:
    """
    The agreed level is higher than the level every recorded perspective gave.

    **Why it matters:** if the board, staff and patient partners each said a lower level,
    an agreed level above all of them is optimism the room did not share.

    **How to fix:** agree a level within the spread of views, or record why the group
    settled higher.
    """
    for a in _current(repo):
        fw = repo.framework_for(a)
        if fw is None:
            continue
        for r in a.ratings.values():
            agreed = fw.rank(r.level)
            ranks = [fw.rank(p.level) for p in r.perspectives]
            known = [x for x in ranks if x is not None]
            if agreed is not None and known and agreed > max(known):
                yield Finding(
                    r.where.of("level"),
                    f"{r.statement} is agreed at {r.level}, above every perspective "
                    f"({', '.join(f'{p.group}: {p.level}' for p in r.perspectives)})",
                    "agree a level within the spread, or explain it in the rationale",
                )


@check("W310", "Evidence older than 24 months")
def stale_evidence(repo: Repository) -> Iterator[Finding]:
    """
    A piece of evidence is dated more than 24 months before the cycle's `assessed_on` (or
    before today, for a draft without a date).

    **Why it matters:** old evidence describes the organisation as it was. It may still be
    relevant, but a reviewer should know.

    **How to fix:** add newer evidence, or remove what no longer describes today.
    """
    for a in _current(repo):
        cutoff = months_before(a.assessed_on or today(), EVIDENCE_MAX_AGE_MONTHS)
        for r in a.ratings.values():
            for e in r.evidence:
                if e.date < cutoff:
                    yield Finding(
                        e.where.of("date"),
                        f"evidence {e.title!r} ({e.date}) is more than "
                        f"{EVIDENCE_MAX_AGE_MONTHS} months older than the cycle",
                        "add newer evidence",
                    )


@check("W311", "Action due before the cycle that raised it was agreed")
def due_before_raised(repo: Repository) -> Iterator[Finding]:
    """
    An action's `due` date is earlier than the `assessed_on` date of the cycle it was
    raised in (`raised_in`): it was already past due on the day it was agreed. Cycles
    without `assessed_on` (drafts) are not checked.

    **Why it matters:** this is almost always a mistyped year (`2025-09-30` for
    `2026-09-30`). The wrong date hides the action from the overdue check, or makes it
    look overdue from the start, and the board reads a plan that nobody agreed.

    **How to fix:** correct the `due` date, or `raised_in` if the action came out of an
    earlier cycle. If the action really was due and done before the board agreed the
    cycle, a reviewer can accept the warning.
    """
    for record in repo.organisations.values():
        agreed_on = {cycle_id(a.file): a.assessed_on for a in record.cycles}
        for action in record.action_plan.actions if record.action_plan else ():
            agreed = agreed_on.get(action.raised_in or "")
            if action.due is not None and agreed is not None and action.due < agreed:
                yield Finding(
                    action.where.of("due"),
                    f"action {action.id} is due {action.due}, before cycle "
                    f"{action.raised_in} that raised it was agreed ({agreed})",
                    "check the year of `due`, and `raised_in`",
                )
