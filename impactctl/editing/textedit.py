"""Edits by position: a user's file changed only where a command means to change it.

``cycle new`` used ruamel's round-trip dump, which attaches each comment to a neighbouring
value: deleting or replacing that value lost the comment, or moved it inside a flow
mapping's braces. Here the file's own text is kept and only the spans of the values being
changed are rewritten, located with ruamel's YAML 1.2 event parser. Every comment inside a
removed or replaced span is kept, as a full-line comment where the span was (or at the end
of the line it started on), so no edit ever loses one.
"""

from __future__ import annotations

import bisect
import io
import re
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

_REST_OF_LINE = re.compile(r"[ \t]*(#[^\n]*)?")
_COMMENT_LINE = re.compile(r"[ \t]*(#[^\n]*)?\n")  # a line with nothing but a comment


@dataclass
class Node:
    """A value's place in the text: ``start`` to ``end`` of its content."""

    kind: str  # "scalar", "seq" or "map"
    start: int
    end: int
    flow: bool = False
    style: str | None = None  # a scalar's quoting: None (plain), "'", '"', "|" or ">"
    items: list[Node] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)

    def get(self, name: str) -> Pair | None:
        return next((p for p in self.pairs if p.name == name), None)


@dataclass
class Pair:
    name: str
    key: Node
    colon: int  # index of the ":" after the key
    value: Node


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


class Text:
    """One file's text (``\\n`` line ends, no BOM) with its nodes and comments located."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._scalars: list[tuple[int, int]] = []
        events = iter(YAML(typ="safe", pure=True).parse(io.StringIO(text)))
        for event in events:
            if isinstance(event, MappingStartEvent | SequenceStartEvent):
                self.root = self._node(event, events, event.start_mark.index)
                break
        self._scalars.sort()

    # --- reading -------------------------------------------------------------------------

    def _node(self, first: Event, events: object, after: int) -> Node:
        nxt = events.__next__  # type: ignore[attr-defined]
        start = first.start_mark.index
        if isinstance(first, ScalarEvent):
            end = first.end_mark.index
            if first.value == "" and not first.style:
                start = end = after  # an empty value: ruamel marks the next token instead
            inner = start
            if first.style in ("|", ">"):
                inner = self.text.index("\n", start) + 1  # the header may hold a comment
            self._scalars.append((inner, end))
            return Node("scalar", start, end, style=first.style)
        flow = bool(getattr(first, "flow_style", False))
        if isinstance(first, SequenceStartEvent):
            node = Node("seq", start, start, flow)
            cursor = first.end_mark.index
            while not isinstance(event := nxt(), SequenceEndEvent):
                item = self._node(event, events, cursor)
                node.items.append(item)
                cursor = item.end
            node.end = event.end_mark.index if flow else cursor
            return node
        node = Node("map", start, start, flow)
        cursor = first.end_mark.index
        while not isinstance(event := nxt(), MappingEndEvent):
            key = self._node(event, events, cursor)
            colon = self.text.index(":", key.end)
            value = self._node(nxt(), events, colon + 1)
            node.pairs.append(Pair(str(event.value), key, colon, value))
            cursor = max(value.end, colon + 1)
        node.end = event.end_mark.index if flow else cursor
        return node

    def comments(self, start: int, end: int) -> list[tuple[int, str]]:
        """Every comment that starts between ``start`` and ``end``: a ``#`` at a line's
        start or after a space or tab, outside every scalar, to the end of its line."""
        found = []
        at = self.text.find("#", start, end)
        while at != -1:
            i = bisect.bisect_right(self._scalars, (at, len(self.text))) - 1
            inside = i >= 0 and self._scalars[i][0] <= at < self._scalars[i][1]
            if not inside and (at == 0 or self.text[at - 1] in " \t\n"):
                stop = self.text.find("\n", at)
                stop = len(self.text) if stop == -1 else stop
                found.append((at, self.text[at:stop].rstrip()))
                at = self.text.find("#", stop, end)
            else:
                at = self.text.find("#", at + 1, end)
        return found

    def line_start(self, at: int) -> int:
        return self.text.rfind("\n", 0, at) + 1

    def column(self, at: int) -> int:
        return at - self.line_start(at)

    def rest_of_line(self, at: int) -> int:
        """Past the spaces and comment that end the line at ``at``, if that is all there is."""
        match = _REST_OF_LINE.match(self.text, at)
        assert match is not None  # the pattern matches the empty string
        return match.end() if self.text[match.end() : match.end() + 1] in ("\n", "") else at

    # --- edits ---------------------------------------------------------------------------

    def replace_scalar(self, node: Node, value: str) -> Edit:
        """A scalar's text, keeping its quotes (the new value needs none escaped)."""
        quote = node.style if node.style in ("'", '"') else ""
        return Edit(node.start, node.end, f"{quote}{value}{quote}")

    def replace_value(self, pair: Pair, value: str) -> Edit:
        """A mapping value replaced by ``value`` written after the key, keeping every
        comment that was inside it (the first one on the key's line)."""
        start = pair.colon + 1
        end = self.rest_of_line(pair.value.end) if not pair.value.flow else pair.value.end
        end = max(end, start)
        out = f" {value}" if value else ""
        column = self.column(pair.key.start)
        line_end = self.text.find("\n", start)
        for at, comment in self.comments(start, end):
            if line_end == -1 or at < line_end:
                out += f"  {comment}"
            else:
                out += f"\n{' ' * column}{comment}"
        return Edit(start, end, out)

    def delete_pairs(self, mapping: Node, names: tuple[str, ...]) -> list[Edit]:
        """Keys and their values deleted from a mapping; their comments stay where they
        were. In a flow mapping (``{a: 1, b: 2}``) each run of deleted pairs goes with one
        comma, so at least one pair must be kept."""
        doomed = [i for i, p in enumerate(mapping.pairs) if p.name in names]
        if not mapping.flow:
            return [self._delete_lines(mapping.pairs[i]) for i in doomed]
        edits = []
        runs: list[list[int]] = []
        for i in doomed:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            first, last = mapping.pairs[run[0]], mapping.pairs[run[-1]]
            column = self.column(first.key.start)
            if run[-1] + 1 < len(mapping.pairs):  # up to the next key, with the comma
                start, end = first.key.start, mapping.pairs[run[-1] + 1].key.start
            else:  # from the end of the value before the run, with its comma
                before = mapping.pairs[run[0] - 1]
                start, end = max(before.value.end, before.colon + 1), _end(last)
            kept = "".join(f"  {c}\n{' ' * column}" for _, c in self.comments(start, end))
            edits.append(Edit(start, end, kept))
        return edits

    def _delete_lines(self, pair: Pair) -> Edit:
        """Whole lines of a block mapping. The comment lines just after them move to the
        key's column too: were the field before a block scalar (``>-``), a deeper comment
        line that followed the deleted field would otherwise become part of its text."""
        start = self.line_start(pair.key.start)
        end = self.rest_of_line(_end(pair))
        end = end + 1 if self.text[end : end + 1] == "\n" else end
        column = self.column(pair.key.start)
        kept = "".join(f"{' ' * column}{c}\n" for _, c in self.comments(start, end))
        while (match := _COMMENT_LINE.match(self.text, end)) is not None:
            line = match.group(0)
            deeper = len(line) - len(line.lstrip(" \t")) > column and line.strip()
            kept += f"{' ' * column}{line.strip()}\n" if deeper else line
            end = match.end()
        return Edit(start, end, kept)

    def append_item(self, seq: Node, value: str) -> Edit:
        """``value`` added at the end of a list, written like the item before it."""
        if not seq.items:
            at = self.text.index("[", seq.start) + 1
            return Edit(at, at, value)
        last = seq.items[-1]
        quote = last.style if last.style in ("'", '"') else ""
        if seq.flow:
            return Edit(last.end, last.end, f", {quote}{value}{quote}")
        at = self.rest_of_line(last.end)
        prefix = self.text[self.line_start(last.start) : last.start]
        return Edit(at, at, f"\n{prefix}{quote}{value}{quote}")


def _end(pair: Pair) -> int:
    return max(pair.value.end, pair.colon + 1)


def apply(text: str, edits: list[Edit]) -> str:
    """The text with non-overlapping edits made (in any order given)."""
    out = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[: edit.start] + edit.text + out[edit.end :]
    return out
