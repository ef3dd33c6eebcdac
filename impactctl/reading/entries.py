"""Reading one file's bytes into a checked document, as a plain JSON-able entry.

An entry is what the cache stores and what worker processes send back: either the document
(data plus the position of every key and value) or the findings that stop it. It never
holds code or objects, so a cache entry cannot run anything when it is read back.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from typing import Any

from impactctl.diagnostics import Finding, Location, Positions
from impactctl.reading import wellformed
from impactctl.reading.yaml import Document, YamlProblem, read_document

Coded = tuple[str, Finding]
Entry = dict[str, Any]


def parse_entry(raw: bytes, rel: str, kind: str) -> Entry:
    """Parse and check one file; never raises for bad content."""
    try:
        doc = read_document(raw, rel)
    except YamlProblem as problem:
        return {"findings": [_finding_json(problem.code, problem.finding)]}
    problems = wellformed.check(doc, kind)
    if isinstance(doc.data, dict):
        problems += wellformed.extra_checks(doc, kind)
    if problems:
        return {"findings": [_finding_json(code, f) for code, f in problems]}
    return {
        "data": doc.data,
        "values": doc.values.table,
        "keys": doc.keys.table,
        "written": doc.written,
    }


def parse_task(task: tuple[bytes, str, str]) -> bytes:
    """``parse_entry`` for a process pool: the entry comes back encoded, which crosses the
    process boundary several times faster than pickling the nested dict, and is exactly
    what the cache stores."""
    return encode_entry(parse_entry(*task))


def encode_entry(entry: Entry) -> bytes:
    """An entry as bytes: the data first, then the position tables, so that a reader that
    never reports a problem (``diff``, the site) never pays for decoding positions."""
    tables = {k: entry[k] for k in ("values", "keys") if k in entry}
    head = marshal.dumps({k: v for k, v in entry.items() if k not in tables})
    return len(head).to_bytes(8, "big") + head + (marshal.dumps(tables) if tables else b"")


def decode_entry(blob: bytes) -> Entry | None:
    """The entry, with position tables decoded lazily; None for anything malformed."""
    try:
        size = int.from_bytes(blob[:8], "big")
        entry = marshal.loads(blob[8 : 8 + size])
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(entry, dict):
        return None
    rest = blob[8 + size :]
    if rest:
        entry["positions"] = rest
    return entry if is_entry(entry) else None


def _finding_json(code: str, f: Finding) -> list[Any]:
    return [code, f.location.file, f.location.line, f.location.column, f.message, f.hint]


def is_entry(value: Any) -> bool:
    """Whether a cache hit has the shape this version writes (older shapes are misses)."""
    if not isinstance(value, dict):
        return False
    if "findings" in value:
        return isinstance(value["findings"], list) and all(
            isinstance(f, list) and len(f) == 6 for f in value["findings"]
        )
    if "positions" in value:
        return isinstance(value["positions"], bytes) and "data" in value
    return all(isinstance(value.get(k), dict) for k in ("values", "keys")) and "data" in value


def findings_of(entry: Entry) -> list[Coded]:
    return [
        (code, Finding(Location(file, line, column), message, hint))
        for code, file, line, column, message, hint in entry.get("findings", [])
    ]


def document_of(entry: Entry, rel: str) -> Document | None:
    if "data" not in entry:
        return None
    if "positions" in entry:
        raw = entry["positions"]
        decoded: dict[str, Any] = {}

        def table(name: str) -> Callable[[], dict[str, list[int]]]:
            def load() -> dict[str, list[int]]:
                if not decoded:
                    decoded.update(marshal.loads(raw))
                return decoded[name]  # type: ignore[no-any-return]

            return load

        values, keys = Positions(rel, load=table("values")), Positions(rel, load=table("keys"))
    else:
        values, keys = Positions(rel, entry["values"]), Positions(rel, entry["keys"])
    return Document(rel, entry["data"], values, keys, entry.get("written", {}))
