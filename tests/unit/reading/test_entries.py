"""impactctl.reading.entries: one file's bytes to a cacheable entry, and back."""

from __future__ import annotations

import marshal

from impactctl.reading.entries import (
    decode_entry,
    document_of,
    encode_entry,
    findings_of,
    parse_entry,
    parse_task,
)
from tests.gitrepo import ORGANISATION

REL = "assessments/test-trust/organisation.yaml"


def test_a_good_file_round_trips_through_its_encoding_with_positions() -> None:
    entry = decode_entry(parse_task((ORGANISATION.encode(), REL, "organisation")))
    assert entry is not None
    doc = document_of(entry, REL)
    assert doc is not None
    assert doc.data == {"id": "test-trust", "name": "Test Trust", "type": "acute"}
    assert str(doc.at(("name",))) == f"{REL}:2:7"
    assert findings_of(entry) == []


def test_a_bad_file_is_its_findings_and_no_document() -> None:
    entry = parse_entry(b"id: test-trust\nname: [unclosed\n", REL, "organisation")
    assert document_of(entry, REL) is None
    [(code, finding)] = findings_of(entry)
    assert code == "E101"
    assert finding.location.file == REL and finding.location.line is not None


def test_a_schema_problem_is_reported_at_its_value() -> None:
    entry = parse_entry(b"id: test-trust\nname: Test\ntype: hospital\n", REL, "organisation")
    [(code, finding)] = findings_of(entry)
    assert (code, finding.location.line) == ("E115", 3)


def test_anything_malformed_in_the_cache_decodes_as_a_miss() -> None:
    assert decode_entry(b"") is None
    assert decode_entry(b"\x00" * 8 + b"junk") is None
    head = marshal.dumps(["not", "a", "dict"])
    assert decode_entry(len(head).to_bytes(8, "big") + head) is None
    head = marshal.dumps({"findings": [["E101", "f"]]})  # a finding of the wrong shape
    assert decode_entry(len(head).to_bytes(8, "big") + head) is None


def test_encoding_puts_the_data_before_the_positions() -> None:
    blob = encode_entry(parse_entry(ORGANISATION.encode(), REL, "organisation"))
    size = int.from_bytes(blob[:8], "big")
    head = marshal.loads(blob[8 : 8 + size])
    assert set(head) == {"data", "written"}  # positions follow, decoded only when asked
