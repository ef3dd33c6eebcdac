"""The JSON documents the commands print: valid JSON, one record per line."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from impactctl.report import json_document

_scalars = st.none() | st.booleans() | st.integers() | st.text()
_records = st.lists(
    st.dictionaries(st.text(), _scalars | st.lists(_scalars, max_size=3), max_size=4),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(records=_records, fields=st.dictionaries(st.text(min_size=1), _scalars, max_size=3))
def test_document_is_the_json_of_its_fields_and_records(
    records: list[object], fields: dict[str, object]
) -> None:
    text = json_document(fields, "items", list(records))
    assert json.loads(text) == {**fields, "items": records}


def test_each_record_is_on_its_own_line() -> None:
    text = json_document({"ok": True}, "items", [{"a": "x\ny"}, {"a": "é"}])
    lines = text.splitlines()
    assert '    {"a": "x\\ny"},' in lines
    assert '    {"a": "é"}' in lines
    assert json_document({}, "items", []) == '{\n  "items": []\n}\n'
