"""YAML text for the synthetic repository (see generate.py).

Written by hand rather than with a YAML dumper: it is several times faster, and the files
look like the ones people write (folded rationale, flow-style participants, quoted
statement ids), which is what impactctl has to read.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import TYPE_CHECKING, Any

import phrases as P

if TYPE_CHECKING:
    import random

    from generate import CycleState, Framework, Org

_FLOW_UNSAFE = re.compile(r"[,:{}\[\]#&*!|>'\"%@`]")
_WRAP = textwrap.TextWrapper(
    width=96,
    initial_indent=" " * 6,
    subsequent_indent=" " * 6,
    break_long_words=False,
    break_on_hyphens=False,
)


def flow(text: str) -> str:
    """A scalar for a flow mapping: plain when that is safe, else double-quoted."""
    return json.dumps(text) if _FLOW_UNSAFE.search(text) else text


def folded(key: str, text: str, indent: str = "    ") -> str:
    return f"{indent}{key}: >-\n" + _WRAP.fill(text) + "\n"


def _pick(rng: random.Random, bank: list[str]) -> str:
    return bank[rng.randrange(len(bank))]


def rationale(
    rng: random.Random, topics: list[str], labels: list[str], rank: int, prev: int | None
) -> str:
    """3-5 sentences: what we saw, what the evidence shows, the gap, a voice, the level."""
    topic = _pick(rng, topics)
    sentences = [
        f"{_pick(rng, P.ACTORS)} {_pick(rng, P.OBSERVED)} {topic}"
        + (f" {_pick(rng, P.PLACES_IN_ORG)}." if rng.random() < 0.1 else "."),
        f"The {_pick(rng, P.DOCS)} showed {_pick(rng, P.FINDINGS)}.",
    ]
    optional = [
        f"{_pick(rng, P.OPENERS)}, {_pick(rng, P.GAPS)}.",
        f"{_pick(rng, P.VOICES)} said {_pick(rng, P.CLAIMS)}.",
    ]
    sentences += optional[: rng.choice((0, 0, 0, 1, 1, 2))]
    if prev and prev < rank:
        sentences.append(f"Up from {labels[prev - 1].lower()} because {_pick(rng, P.RISE)}.")
    elif prev and prev > rank:
        sentences.append(f"Down from {labels[prev - 1].lower()} because {_pick(rng, P.FALL)}.")
    else:
        sentences.append(
            f"We agreed {labels[rank - 1].lower()} because "
            f"{_pick(rng, P.REASONS.get(rank, P.REASONS[3]))}."
        )
    return " ".join(sentences)


def render_assessment(org: Org, fw: Framework, state: CycleState, rng: random.Random) -> bytes:
    top = len(fw.levels)
    out = [
        "# yaml-language-server: $schema=../../schemas/assessment.schema.json\n",
        f"framework: {fw.ref}\n",
        f"organisation: {org.id}\n",
        f"cycle: {state.cycle}\n",
        f"assessed_on: {state.assessed_on.isoformat()}\n",
        f"status: {state.status}\n",
        "participants:\n",
    ]
    groups = participants(org, rng)
    for group, role, count in groups:
        extra = f", count: {count}" if count > 1 else ""
        out.append(f"  - {{group: {group}, role: {flow(role)}{extra}}}\n")
    voices = sorted({g for g, _r, _c in groups} - {"executive"})
    out.append("ratings:\n")
    # Confidence and dissent first: an agreed cycle with low confidence records at least
    # one minority view (else W308).
    confidence: dict[str, str] = {}
    for _comp, sid in fw.statements:
        roll = rng.random()
        confidence[sid] = "high" if roll < 0.3 else "medium" if roll < 0.85 else "low"
    dissent = {
        sid
        for sid, c in confidence.items()
        if (c == "low" and rng.random() < 0.5) or rng.random() < 0.03
    }
    lows = [sid for sid, c in confidence.items() if c == "low" and state.ratings[sid].rank]
    if state.status == "agreed" and lows and not dissent & set(lows):
        dissent.add(lows[0])
    for comp, sid in fw.statements:
        r = state.ratings[sid]
        out.append(f'  "{sid}":\n')
        if r.rank == 0:
            out.append("    level: not-assessed\n")
            out.append(
                folded(
                    "rationale",
                    "Not discussed this cycle: the session ran out of "
                    "time and the group agreed to take it first next cycle.",
                )
            )
            continue
        out.append(f"    level: {fw.levels[r.rank - 1]}\n")
        if r.target:
            out.append(f"    target: {fw.levels[r.target - 1]}\n")
        out.append(f"    confidence: {confidence[sid]}\n")
        topics = P.TOPICS.get(comp, P.GENERIC)
        out.append(folded("rationale", rationale(rng, topics, fw.labels, r.rank, r.prev_rank)))
        if r.evidence:
            out.append("    evidence:\n")
            for e in r.evidence:
                out.append(
                    f"      - title: {e.title}\n        url: {e.url}\n"
                    f"        date: {e.date.isoformat()}\n"
                )
        if sid in dissent:
            view = (
                f"felt this should be {fw.labels[r.rank - 2].lower()}"
                if r.rank > 1
                else "felt even this was generous"
            )
            out.append(
                folded("dissent", f"{_pick(rng, P.VOICES)} {view} because {_pick(rng, P.GAPS)}.")
            )
        if rng.random() < 0.15:
            out.append("    perspectives:\n")
            chosen = rng.sample(voices, min(len(voices), rng.randint(2, 3)))
            for j, group in enumerate(chosen):
                # The first view is at or above the agreed level: no optimism warning (W309).
                lv = r.rank + (rng.choice((0, 0, 1)) if j == 0 else rng.choice((-1, 0, 0, 1)))
                lv = max(1, min(top, lv))
                note = f", note: {flow(_pick(rng, P.NOTES))}" if rng.random() < 0.4 else ""
                out.append(f"      - {{group: {group}, level: {fw.levels[lv - 1]}{note}}}\n")
    return "".join(out).encode()


def participants(org: Org, rng: random.Random) -> list[tuple[str, str, int]]:
    """7-11 lines from at least board, executive, staff and lived experience."""
    groups = ["board", "executive", "staff", "staff", "lived-experience"]
    if org.type != "icb":
        groups.append("senior-leaders")
    if rng.random() < 0.7:
        groups.append("stakeholders")
    if "Foundation" in org.name and rng.random() < 0.6:
        groups.append("governors")
    while len(groups) < 7 + rng.randrange(5):
        groups.append(rng.choice(("staff", "executive", "senior-leaders", "lived-experience")))
    out = []
    seen: set[tuple[str, str]] = set()
    for group in groups:
        role = _pick(rng, P.ROLES[group])
        if (group, role) in seen:
            continue
        seen.add((group, role))
        count = rng.randint(2, 6) if group in ("staff", "lived-experience") else 1
        out.append((group, role, count))
    order = list(P.ROLES)
    return sorted(out, key=lambda x: order.index(x[0]))


def render_organisation(org: Org) -> bytes:
    text = (
        "# yaml-language-server: $schema=../../schemas/organisation.schema.json\n"
        f"id: {org.id}\nname: {org.name}\ntype: {org.type}\n"
    )
    if org.system:
        text += f"system: {org.system}\n"
    return text.encode()


def render_action_plan(org: Org, actions: list[dict[str, Any]]) -> bytes:
    out = [
        "# yaml-language-server: $schema=../../schemas/action-plan.schema.json\n",
        f"organisation: {org.id}\n",
        "actions:\n",
    ]
    for a in actions:
        ids = ", ".join(f'"{s}"' for s in a["statements"])
        out.append(
            f"  - id: {a['id']}\n    title: {a['title']}\n    statements: [{ids}]\n"
            f"    owner: {a['owner']}\n    raised_in: {a['raised_in']}\n"
            f"    due: {a['due'].isoformat()}\n    status: {a['status']}\n"
        )
        out.append(folded("measure", a["measure"] + ".", indent="    "))
        if a["updates"]:
            out.append("    updates:\n")
            for when, note in a["updates"]:
                out.append(f"      - {{date: {when.isoformat()}, note: {flow(note + '.')}}}\n")
    return "".join(out).encode()
