"""The workshop pack: what a facilitator prints for the session in which a cycle is rated.

Data in, one HTML document out (``impactctl.papers.pdf`` makes it a tagged PDF). A cover
(the purpose of the session and the self-assessment's advice, in this project's words), a
participation sheet by group (counts and roles, never names), then one sheet per
statement: the statement, its five level descriptors side by side, what the previous
agreed cycle said (level, rationale, each group's view, the minority view), the open
actions that cite it, and room to write each group's view, the agreed level, confidence,
the reasons and any minority view.

It carries the organisation's internal debate whatever the site publishes, so every page
says so.
"""

from __future__ import annotations

from datetime import date

from impactctl.model import Statement
from impactctl.papers.facts import (
    GROUP_WORDS,
    Focus,
    open_actions_citing,
    participation,
    previous_rating,
)
from impactctl.papers.html import e, long_date, page, paragraphs, table
from impactctl.schemas import CONFIDENCE

INTERNAL = "Internal: contains the discussion record"

CSS = f"""
@page {{
  @top-center {{ content: "{INTERNAL}"; font: bold 9pt 'Liberation Sans', sans-serif;
                 color: #8a1538; }}
}}
.internal {{ border: 2pt solid #8a1538; color: #8a1538; font-weight: bold; padding: 3pt 6pt;
             margin: 0 0 8pt; }}
section.statement {{ break-before: page; }}
section.statement > h2 {{ margin-top: 0; }}
section.statement > h2 + p {{ font-size: 9pt; color: #4c6272; }}
table.descriptors {{ table-layout: fixed; font-size: 8.5pt; }}
table.descriptors td {{ height: auto; }}
table.record td, table.record th {{ height: 14pt; padding: 2pt 4pt; }}
table.record {{ margin-bottom: 4pt; }}
table.record th {{ width: 38%; }}
table.participation th {{ width: auto; }}
table.participation td {{ height: 40pt; width: 26%; }}
table.participation td:last-child {{ width: 12%; }}
.write {{ border: 0.75pt solid #aeb7bd; height: 56pt; margin: 2pt 0 4pt; }}
.write.short {{ height: 26pt; }}
.label {{ font-weight: bold; margin: 6pt 0 0; }}
.previous {{ background: #f0f4f5; padding: 3pt 8pt; margin: 2pt 0 4pt; font-size: 9pt; }}
section.statement h4 {{ margin: 5pt 0 2pt; }}
@media screen {{ section.statement {{ border-top: 2px solid #aeb7bd; margin-top: 24px; }} }}
"""

ADVICE = (
    (
        "Give it the time it needs.",
        "Book a proper session rather than squeezing the ratings into another meeting. "
        "Rushing turns a conversation into a form.",
    ),
    (
        "Bring the right people.",
        "Board and executive members, staff who do the work, partners, and people with lived "
        "experience of the services. Each group sees a different organisation.",
    ),
    (
        "Be honest about where you are.",
        "The level matters less than the conversation that leads to it. A candid "
        "'developing' teaches more than a hopeful 'established'. Write down the views that "
        "did not carry the room.",
    ),
    (
        "Leave with actions.",
        "Every gap the room finds should become an action with an owner and a date, so the "
        "next cycle can see what changed.",
    ),
)


def _cover(f: Focus, today: date) -> str:
    advice = "".join(f"<li><strong>{e(h)}</strong> {e(t)}</li>" for h, t in ADVICE)
    levels = table(
        "The five levels, lowest first",
        ["Level", "What it looks like"],
        [[lv.label, " ".join(lv.description.split())] for lv in f.framework.levels],
    )
    previous = (
        f"The notes under each statement come from {e(f.previous.cycle)}, the last agreed cycle."
        if f.previous
        else "There is no earlier agreed cycle to compare with."
    )
    return (
        f'<p class="internal">{INTERNAL}. Keep it within the organisation.</p>'
        f"<h1>{e(f.name)}: NHS IMPACT self-assessment workshop, {e(f.cycle)}</h1>"
        f'<p class="meta">Facilitation pack · made {e(long_date(today))} · '
        f"{e(f.framework.title)} {e(f.framework.version)}</p>"
        "<h2>What this session is for</h2>"
        "<p>Together, we agree where the organisation stands on each statement of NHS "
        "IMPACT's five components, why, and what we will do next. The ratings are for our "
        "own learning and planning; they are not returned to NHS England.</p>"
        f"<p>{previous} For each statement, hear each group's view before agreeing a level, "
        "then record the level, how confident the room is, the reasons and any minority "
        "view.</p>"
        f"<h2>Advice for the room</h2><ul>{advice}</ul>"
        f"{levels}"
    )


def _participation(f: Focus) -> str:
    source = f.assessment or f.previous
    known = {g: (roles, n) for g, roles, n in participation(source)}
    when = source.cycle if source is not None else ""
    rows = []
    for words in GROUP_WORDS.values():
        roles, count = known.get(words, ([], 0))
        last = (
            f"{count} {'person' if count == 1 else 'people'}: {', '.join(roles)}" if roles else ""
        )
        rows.append([words, last, "", ""])
    last_time = f"Last time ({when})" if when else "Last time"
    return (
        '<section class="statement"><h2>Who is in the room</h2>'
        "<p>Record the roles and how many people came from each group; never names. "
        "A broad room (board, staff, partners and people with lived experience) gives an "
        "honest picture.</p>"
        + table(
            "Participation by group",
            ["Group", last_time, "Today: roles", "Today: people"],
            rows,
            css="record participation",
        )
        + "</section>"
    )


def _previous(f: Focus, statement: Statement) -> str:
    rating = previous_rating(f, statement.id)
    if rating is None or f.previous is None:
        return '<div class="previous"><p>No earlier agreed rating.</p></div>'
    fw = f.framework
    bits = [
        f"<h4>Agreed in {e(f.previous.cycle)}: {e(fw.label(rating.level))}"
        + (f", confidence {e(rating.confidence)}" if rating.confidence else "")
        + "</h4>",
        paragraphs(rating.rationale),
    ]
    if rating.perspectives:
        views = "; ".join(
            f"{GROUP_WORDS.get(p.group, p.group)}: {fw.label(p.level)}"
            + (f" ({' '.join(p.note.split())})" if p.note else "")
            for p in rating.perspectives
        )
        bits.append(f"<p><strong>Each group's view:</strong> {e(views)}</p>")
    if rating.dissent:
        bits.append(f"<p><strong>Minority view:</strong> {e(' '.join(rating.dissent.split()))}</p>")
    return '<div class="previous">' + "".join(bits) + "</div>"


def _actions(f: Focus, statement: Statement) -> str:
    actions = open_actions_citing(f.record, statement.id)
    if not actions:
        return "<p>No open action cites this statement.</p>"
    items = "".join(
        f"<li><strong>{e(a.id)}</strong> {e(a.title)} ({e(a.owner)}; {e(a.status)}"
        + (f"; due {e(long_date(a.due))}" if a.due else "")
        + ")</li>"
        for a in actions
    )
    return f"<ul>{items}</ul>"


def _statement(f: Focus, statement: Statement, lead: str = "") -> str:
    fw = f.framework
    descriptors = table(
        f"Statement {statement.id}: what each level looks like",
        [lv.label for lv in fw.levels],
        [[" ".join(statement.descriptors.get(lv.id, "").split()) for lv in fw.levels]],
        row_headers=False,
        css="descriptors",
    )
    groups = [[words, ""] for words in GROUP_WORDS.values()]
    record = table("Each group's view (a level)", ["Group", "View"], groups, css="record")
    confidence = " / ".join(CONFIDENCE)
    return (
        f'<section class="statement">{lead}'
        f"<h3>{e(statement.id)} {e(' '.join(statement.text.split()))}</h3>"
        f"{descriptors}"
        "<h4>Last time</h4>"
        f"{_previous(f, statement)}"
        "<h4>Open actions that cite it</h4>"
        f"{_actions(f, statement)}"
        "<h4>Record this session</h4>"
        f"{record}"
        f'<p class="label">Agreed level: ______________________ &#160; Confidence: '
        f"{e(confidence)}</p>"
        '<p class="label">The reasons (why this level, on what evidence)</p>'
        '<div class="write"></div>'
        '<p class="label">Any minority view</p><div class="write short"></div>'
        "</section>"
    )


def workshop_pack(f: Focus, today: date) -> str:
    """The whole pack as one HTML document."""
    body = [_cover(f, today), _participation(f)]
    for component in f.framework.components:
        lead = f"<h2>{e(component.title)}</h2>{paragraphs(component.summary)}"
        body += [
            _statement(f, s, lead if i == 0 else "") for i, s in enumerate(component.statements)
        ]
    title = f"{f.name}: NHS IMPACT self-assessment workshop pack, {f.cycle} ({INTERNAL.lower()})"
    return page(title, "\n".join(body), css=CSS)
