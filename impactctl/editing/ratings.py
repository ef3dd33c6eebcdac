"""Editing a cycle's ratings in place, on ruamel's round-trip data: the import's writer.

Each edit changes one field only when the new value differs from the old (text compared
with its spaces and line breaks evened out, so a folded rationale that says the same thing
is left as it was written). Comments, key order, quoting and the style of every untouched
value survive, because nothing else is replaced: lists are edited in place, and a deleted
field hands its following comments on (``comments.delete_keeping_comments``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString as DoubleQuoted
from ruamel.yaml.scalarstring import (
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
)

from impactctl.editing.comments import delete_keeping_comments

FOLD_AT = 88  # a changed folded rationale is folded again at about this width
# Where a field goes when a rating does not have it yet: after the last of these present.
FIELD_ORDER = ("level", "target", "confidence", "rationale", "evidence", "dissent", "perspectives")


@dataclass(frozen=True)
class Change:
    statement: str  # "" for the cycle itself (participants)
    field: str
    old: str
    new: str


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return " ".join(old.split()) == " ".join(new.split())
    return bool(old == new)


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _styled(old: Any, text: str) -> Any:
    """New text in the old value's block style, folded at a readable width."""
    if isinstance(old, LiteralScalarString):
        return LiteralScalarString(text)
    if isinstance(old, FoldedScalarString) or len(text) > FOLD_AT:
        folded = FoldedScalarString(text)
        positions, line = [], 0
        for i, ch in enumerate(text):
            if ch == " " and i - line > FOLD_AT and i + 1 < len(text) and text[i + 1] != " ":
                positions.append(i)
                line = i
        folded.fold_pos = positions
        return folded
    return text


def _insert(rating: CommentedMap, key: str, value: Any) -> None:
    rank = FIELD_ORDER.index(key) if key in FIELD_ORDER else len(FIELD_ORDER)
    keys = list(rating)
    position = len(keys)
    for i, existing in enumerate(keys):
        if existing in FIELD_ORDER and FIELD_ORDER.index(existing) > rank:
            position = i
            break
    rating.insert(position, key, value)


class RatingEditor:
    """Edits one statement's rating and records what changed."""

    def __init__(self, sid: str, rating: CommentedMap, changes: list[Change]) -> None:
        self.sid, self.rating, self.changes = sid, rating, changes

    def set(self, key: str, new: str | None) -> None:
        """Set, change or (``new`` None) remove one plain field."""
        old = self.rating.get(key)
        if new is None:
            if key in self.rating:
                delete_keeping_comments(self.rating, key)
                self.changes.append(Change(self.sid, key, _shown(old), "(none)"))
            return
        if _same(old, new):
            return
        value = _styled(old, new) if key in ("rationale", "dissent") else new
        if key in self.rating:
            self.rating[key] = value
        else:
            _insert(self.rating, key, value)
        self.changes.append(Change(self.sid, key, _shown(old), _shown(new)))

    def view(self, group: str, level: str | None) -> None:
        """One group's view: change its level (keeping its note), add it, or remove it."""
        views = self.rating.get("perspectives")
        mine = [p for p in views or () if isinstance(p, dict) and p.get("group") == group]
        old = mine[0].get("level") if mine else None
        if level == old:
            return
        if level is None:
            assert views is not None
            for p in mine:
                views.remove(p)
            if not views:
                delete_keeping_comments(self.rating, "perspectives")
        elif mine:
            mine[0]["level"] = level
        else:
            if views is None:
                views = CommentedSeq()
                _insert(self.rating, "perspectives", views)
            entry = CommentedMap([("group", group), ("level", level)])
            entry.fa.set_flow_style()
            views.append(entry)
        self.changes.append(Change(self.sid, f"view of {group}", _shown(old), _shown(level)))

    def evidence(self, title: str, link: str, when: date) -> None:
        """Add a piece of evidence, or update the one with the same title."""
        items = self.rating.get("evidence")
        key = "url" if link.startswith(("https://", "http://")) else "path"
        for item in items or ():
            if isinstance(item, dict) and _same(item.get("title"), title):
                if _same(item.get(key), link) and item.get("date") == when:
                    return
                item[key] = link
                item["date"] = when
                self.changes.append(Change(self.sid, "evidence", title, f"{link} ({when})"))
                return
        if items is None:
            items = CommentedSeq()
            _insert(self.rating, "evidence", items)
        items.append(CommentedMap([("title", title), (key, link), ("date", when)]))
        self.changes.append(Change(self.sid, "evidence", "(none)", f"{title} ({when})"))


def rating_for(data: Any, sid: str, order: Sequence[str]) -> CommentedMap:
    """The statement's rating mapping, made (in framework order) if the file lacks it."""
    ratings = data["ratings"]
    if sid in ratings:
        rating: CommentedMap = ratings[sid]
        return rating
    rating = CommentedMap()
    later = [s for s in ratings if s in order and order.index(s) > order.index(sid)]
    position = list(ratings).index(later[0]) if later else len(ratings)
    # Quoted the way the file quotes its other statement ids (they must be quoted: E109).
    style = next((type(k) for k in ratings if isinstance(k, ScalarString)), DoubleQuoted)
    ratings.insert(position, style(sid), rating)
    return rating


def set_participants(
    data: Any, people: Sequence[tuple[str, str, int]], changes: list[Change]
) -> None:
    """Replace the participants list's items (in place, so its comments stay) if they
    differ."""
    current = data.get("participants")
    old = [
        (p.get("group"), p.get("role"), p.get("count", 1))
        for p in current or ()
        if isinstance(p, Mapping)
    ]
    if old == list(people):
        return
    if current is None:
        current = CommentedSeq()
        data["participants"] = current
    del current[:]
    for group, role, count in people:
        entry = CommentedMap([("group", group), ("role", role)])
        if count != 1:
            entry["count"] = count
        entry.fa.set_flow_style()
        current.append(entry)
    if current.fa.flow_style() and people:
        current.fa.set_block_style()  # `participants: []` from a new draft becomes a list
    changes.append(
        Change(
            "",
            "participants",
            _rows(len(old)),
            f"{_rows(len(people))}, as the workbook lists them",
        )
    )


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"
