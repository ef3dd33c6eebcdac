"""The checking road: bytes to plain data with positions, through ruamel's event parser.

There are two roads through ruamel.yaml, on purpose:

* ``read_document`` is the checking road. It drives ruamel's C-accelerated event parser
  and builds plain Python data itself, so that hostile input is refused *before* anything is
  constructed (anchors, aliases, tags, directives, several documents, deep nesting,
  non-text keys, duplicate keys) and every value keeps its 1-based line and column.
  Plain scalars are resolved with the YAML 1.2 core schema, and dates stay text: ``no`` is
  the string ``"no"``, never ``False``, and ``1.1`` as a key is reported, not turned into a
  float.
* the rewriting road (``impactctl.editing.roundtrip``) is for commands that edit
  a user's file and must keep every comment, quote and line.

ruamel's marks are 0-based; they are converted to 1-based here and nowhere else.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]  # re-exported from the C extension
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from impactctl.diagnostics import Finding, Location, Positions
from impactctl.reading.scalars import KIND_WORDS, NumberOutOfRange, resolve_plain, shown

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32
# The C parser follows YAML 1.1 in one corner: it refuses a ':' inside a plain value in a
# flow collection (`{url: https://x}`), which YAML 1.2 allows. Only that error is confirmed
# with the pure-Python parser, about 20 times slower, and only for files up to this size:
# a syntax error near the end of a 5 MB file must not cost a second, pure-Python parse.
PURE_CONFIRM_MAX = 256 * 1024
_YAML_1_1_ONLY = "found unexpected ':'"

Path = tuple[str | int, ...]

# Control characters, and the bidirectional overrides and isolates that make text read
# differently from what it holds ("Trojan Source"): refused raw and written as escapes.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


class YamlProblem(Exception):
    """A file that cannot be read as the YAML we accept; carries its code and finding."""

    def __init__(self, code: str, finding: Finding) -> None:
        super().__init__(finding.message)
        self.code = code
        self.finding = finding


@dataclass
class Document:
    """A parsed file: plain data plus the position of every key and value."""

    file: str
    data: Any
    values: Positions = field(default_factory=lambda: Positions(""))
    keys: Positions = field(default_factory=lambda: Positions(""))
    # What was written, for plain scalars that YAML 1.2 read as something other than text
    # (`version: 2024.10` is the number 2024.1; a hint should quote "2024.10").
    written: dict[str, str] = field(default_factory=dict)  # by Positions.key(path)
    bom: bool = False
    newline: str = "\n"

    def __post_init__(self) -> None:
        self.values.file = self.keys.file = self.file

    def at(self, path: Path) -> Location:
        """The value at ``path``, or the nearest enclosing value that has a position."""
        for end in range(len(path), -1, -1):
            loc = self.values.get(path[:end])
            if loc is not None:
                return loc
        return Location(self.file)

    def key_at(self, path: Path) -> Location:
        return self.keys.get(path) or self.at(path)


def check_size(size: int, file: str) -> None:
    """The size cap, applied before anything is read or parsed."""
    if size > MAX_BYTES:
        raise YamlProblem(
            "E104",
            Finding(
                Location(file),
                f"file is {size / 1_048_576:.1f} MB; the limit is {MAX_BYTES // 1_048_576} MB",
                "split the file, or remove pasted content and link to it as evidence",
            ),
        )


def decode(raw: bytes, file: str) -> tuple[str, bool, str]:
    """Strict UTF-8 with positions for bad bytes; returns text, had-BOM, newline style."""
    check_size(len(raw), file)
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(
            "E102",
            Finding(Location(file), "file is UTF-16, not UTF-8", "save the file as UTF-8"),
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise YamlProblem(
            "E102",
            Finding(
                Location(file, line, column),
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8 (in Excel: 'CSV UTF-8'; in editors: 'UTF-8')",
            ),
        ) from None
    bad = _CONTROL.search(text)
    if bad:
        before_text = text[: bad.start()]
        line = before_text.count("\n") + 1
        column = bad.start() - (before_text.rfind("\n") + 1) + 1
        raise YamlProblem(
            "E103",
            Finding(
                Location(file, line, column),
                f"control character U+{ord(bad.group()):04X} is not allowed",
                "delete the invisible character (often pasted from a document)",
            ),
        )
    newline = "\r\n" if "\r\n" in text else "\n"
    return text, bom, newline


def _loc(file: str, mark: Any) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


class _Builder:
    """Builds plain data from parse events, refusing what we do not accept."""

    def __init__(self, file: str, doc: Document) -> None:
        self.file = file
        self.doc = doc
        self.values = doc.values.table
        self.keys = doc.keys.table

    def refuse(self, code: str, event: Event, message: str, hint: str = "") -> YamlProblem:
        return YamlProblem(code, Finding(_loc(self.file, event.start_mark), message, hint))

    def check_node(self, event: Event) -> None:
        if isinstance(event, AliasEvent):
            raise self.refuse(
                "E106",
                event,
                f"alias *{event.anchor} is not allowed",
                "write the value out in full",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise self.refuse(
                "E106", event, f"anchor &{anchor} is not allowed", "write values out in full"
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, ScalarEvent) and event.tag == "!"):
            raise self.refuse("E106", event, f"explicit tag {tag} is not allowed", "remove the tag")

    def build(self, nxt: Callable[[], Any], first: Any, key: str, depth: int) -> Any:
        """Plain data for the node that starts with ``first``.

        This is the hot loop of every check (a million nodes in a large repository), so
        positions are stored under joined path strings built as we descend, and the rare
        refusals are tested with the cheapest checks first.
        """
        cls = type(first)
        if (
            first.anchor is not None
            or cls is AliasEvent
            or (first.tag is not None and not (cls is ScalarEvent and first.tag == "!"))
        ):
            self.check_node(first)
        if depth > MAX_DEPTH:
            raise self.refuse(
                "E107", first, f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure"
            )
        mark = first.start_mark
        self.values[key] = [mark.line + 1, mark.column + 1]
        if cls is ScalarEvent:
            return self.scalar(first, key)
        prefix = f"{key}\x1f" if key else ""
        if cls is SequenceStartEvent:
            items: list[Any] = []
            while (event := nxt()).__class__ is not SequenceEndEvent:
                items.append(self.build(nxt, event, f"{prefix}{len(items)}", depth + 1))
            return items
        if cls is MappingStartEvent:
            mapping: dict[str, Any] = {}
            while (event := nxt()).__class__ is not MappingEndEvent:
                name = self.key(event)
                child = prefix + name
                if name in mapping:
                    line = self.keys[child][0]
                    raise self.refuse(
                        "E108",
                        event,
                        f"duplicate key {name!r} (first at line {line})",
                        "keep one of the two entries",
                    )
                self.keys[child] = [event.start_mark.line + 1, event.start_mark.column + 1]
                mapping[name] = self.build(nxt, nxt(), child, depth + 1)
            return mapping
        raise self.refuse("E101", first, "unexpected end of the YAML stream")

    def scalar(self, event: Any, key: str) -> Any:
        """A scalar's value: quoted, block and ``!``-tagged scalars are always text; plain
        ones are resolved with the YAML 1.2 core schema, within our number bounds."""
        if event.style or event.tag == "!" or event.implicit[0] is False:
            if event.style == '"':
                self.check_escapes(event)
            return event.value
        try:
            value = resolve_plain(event.value)
        except NumberOutOfRange:
            raise self.too_large(event) from None
        if value.__class__ is not str and event.value:
            self.doc.written[key] = event.value
        return value

    def check_escapes(self, event: Any) -> None:
        """A control character written as an escape ("\\e", "\\x07", "\\u202e") is as
        invisible, and as able to drive a terminal, as a raw one: the same E103."""
        bad = _CONTROL.search(event.value)  # raw ones were refused before parsing
        if bad is not None:
            raise self.refuse(
                "E103",
                event,
                f"control character U+{ord(bad.group()):04X} (written as an escape) is not allowed",
                "delete the escape sequence (a backslash code) from the quoted text",
            )

    def too_large(self, event: Any) -> YamlProblem:
        return self.refuse(
            "E118",
            event,
            f"number {shown(event.value)} is too large",
            "numbers in these files are small; if this is text, put it in quotes",
        )

    def key(self, event: Any) -> str:
        if (
            event.__class__ is not ScalarEvent
            or event.anchor is not None
            or (event.tag is not None and event.tag != "!")
        ):
            self.check_node(event)
        if not isinstance(event, ScalarEvent):
            raise self.refuse("E109", event, "a key must be text, not a list or mapping")
        if event.style == '"':
            self.check_escapes(event)
        if not event.style and event.tag != "!" and event.implicit[0]:
            try:
                value = resolve_plain(event.value)
            except NumberOutOfRange:
                raise self.too_large(event) from None
            if not isinstance(value, str):
                raise self.refuse(
                    "E109",
                    event,
                    f"key {event.value} is read as {KIND_WORDS[type(value)]}, not text",
                    f'put it in quotes: "{event.value}"',
                )
        return str(event.value)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def parse_text(text: str, file: str) -> Document:
    """Parse text into a Document; raise YamlProblem for anything we refuse.

    The C parser (libyaml) is fast but follows YAML 1.1 in one corner that matters here: it
    refuses ``{url: https://x}`` in flow style, which YAML 1.2 allows. That one error is
    confirmed with ruamel's pure YAML 1.2 parser (up to PURE_CONFIRM_MAX characters);
    every other syntax error is the C parser's.
    """
    try:
        return _parse(text, file, pure=False)
    except YamlProblem as problem:
        if problem.code != "E101" or not problem.finding.message.endswith(_YAML_1_1_ONLY):
            raise
        if len(text) > PURE_CONFIRM_MAX:
            raise YamlProblem(
                "E101",
                Finding(
                    problem.finding.location,
                    problem.finding.message,
                    "in a {…} or […] on one line, put text that holds ':' in quotes",
                ),
            ) from None
    return _parse(text, file, pure=True)


def _parse(text: str, file: str, *, pure: bool) -> Document:
    doc = Document(file, None)
    builder = _Builder(file, doc)
    if pure:
        nxt: Callable[[], Event] = iter(
            YAML(typ="safe", pure=True).parse(io.StringIO(text))
        ).__next__
    else:
        nxt = CParser(text).get_event  # no generator layers: ~2x fewer calls per event
    try:
        nxt()  # StreamStart
        start = nxt()
        if isinstance(start, StreamEndEvent):
            raise YamlProblem(
                "E105", Finding(Location(file), "file is empty", "see `impactctl init` for a start")
            )
        assert isinstance(start, DocumentStartEvent)
        if start.version is not None or start.tags:
            raise builder.refuse(
                "E106", start, "%YAML and %TAG directives are not allowed", "delete the % line"
            )
        root_event = nxt()
        if not isinstance(root_event, MappingStartEvent):
            if (
                isinstance(root_event, ScalarEvent)
                and root_event.value == ""
                and root_event.implicit[0]
            ):
                raise YamlProblem("E105", Finding(Location(file), "file has no content", ""))
            builder.check_node(root_event)
            raise builder.refuse(
                "E105", root_event, "the file must be a mapping of fields (`key: value` lines)"
            )
        doc.data = builder.build(nxt, root_event, "", 0)
        nxt()  # DocumentEnd
        after = nxt()
        if not isinstance(after, StreamEndEvent):
            raise builder.refuse(
                "E106", after, "only one YAML document per file is allowed", "remove the `---` line"
            )
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = (exc.problem or exc.context or "invalid YAML").strip()
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            hint = "indent with spaces, not tabs"
        else:
            hint = "check indentation, colons and quotes around this point"
        loc = _loc(file, mark) if mark is not None else Location(file)
        raise YamlProblem("E101", Finding(loc, f"YAML syntax: {message}", hint)) from None
    except YAMLError as exc:
        raise YamlProblem("E101", Finding(Location(file), f"YAML syntax: {exc}")) from None
    return doc


def read_document(raw: bytes, file: str) -> Document:
    text, bom, newline = decode(raw, file)
    doc = parse_text(text, file)
    doc.bom, doc.newline = bom, newline
    return doc
