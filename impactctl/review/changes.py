"""The one module that uses DeepDiff: a structural comparison of two plain mappings,
returned as impactctl's own ``FieldDelta`` values.

List items are matched by identity (evidence by title, perspectives by group, updates by
date) so that "one piece of evidence added" is reported as that, not as every later item
shifting by one. The common case, lists of mappings that all carry the same unique
identity key, is matched here directly (DeepDiff costs about 0.1 ms a list, which was
0.6 s of a national ``diff --base``); anything else goes to DeepDiff.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_IDENTITY_KEYS = ("title", "group", "date")
_KINDS = ("changed", "item-added", "item-changed", "item-removed")


@dataclass(frozen=True)
class FieldDelta:
    field: str
    kind: str  # changed | added | removed | item-added | item-removed | item-changed
    old: Any
    new: Any


def _same_item(x: Any, y: Any, level: Any = None) -> bool:
    from deepdiff.helper import CannotCompare

    if isinstance(x, dict) and isinstance(y, dict):
        for key in _IDENTITY_KEYS:
            if key in x and key in y:
                return bool(x[key] == y[key])
    raise CannotCompare() from None


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FieldDelta]:
    """Field-level differences between two mappings: by field name, then by kind
    (``changed``, ``item-added``, ``item-changed``, ``item-removed``), then in list order.

    Equal mappings and equal fields are skipped with a plain ``==`` (DeepDiff costs about
    a thousand times more); a field that is text or a number is compared directly; only
    lists that differ are matched item by item.
    """
    if old == new:
        return []
    out: list[FieldDelta] = []
    for field in sorted(set(old) | set(new)):
        if field not in new:
            out.append(FieldDelta(field, "removed", old[field], None))
        elif field not in old:
            out.append(FieldDelta(field, "added", None, new[field]))
        elif old[field] == new[field]:
            continue
        elif isinstance(old[field], list) and isinstance(new[field], list):
            out.extend(_list_deltas(field, old[field], new[field]))
        else:
            out.append(FieldDelta(field, "changed", old[field], new[field]))
    return out


def _list_deltas(field: str, old: list[Any], new: list[Any]) -> list[FieldDelta]:
    matched = _identity_deltas(field, old, new)
    return matched if matched is not None else _deepdiff_deltas(field, old, new)


def _identity_deltas(field: str, old: list[Any], new: list[Any]) -> list[FieldDelta] | None:
    """The deltas DeepDiff would report, when every item is a mapping with the same
    identity key and no identity repeats; None otherwise."""
    items = old + new
    if not all(isinstance(item, dict) for item in items):
        return None
    key = next((k for k in _IDENTITY_KEYS if all(k in item for item in items)), None)
    if key is None or not all(isinstance(item[key], str) for item in items):
        return None
    before = {item[key]: item for item in old}
    after = {item[key]: item for item in new}
    if len(before) != len(old) or len(after) != len(new):
        return None
    out = [FieldDelta(field, "changed", old, new)]
    out += [FieldDelta(field, "item-added", None, y) for k, y in after.items() if k not in before]
    out += [
        FieldDelta(field, "item-changed", before[k], y)
        for k, y in after.items()
        if k in before and before[k] != y
    ]
    out += [FieldDelta(field, "item-removed", x, None) for k, x in before.items() if k not in after]
    return out


def _deepdiff_deltas(field: str, old: list[Any], new: list[Any]) -> list[FieldDelta]:
    from deepdiff import DeepDiff  # imported when first needed: it is slow to import

    tree = DeepDiff({field: old}, {field: new}, view="tree", iterable_compare_func=_same_item)
    out: list[FieldDelta] = []
    edited: dict[str, FieldDelta] = {}
    for report, items in tree.items():
        for item in items:
            path = item.path(output_format="list")
            if len(path) < 2 or (report == "iterable_item_moved" and item.t1 == item.t2):
                continue  # the whole list (handled by the caller) or a pure move
            if len(path) == 2 and report == "iterable_item_added":
                out.append(FieldDelta(field, "item-added", None, item.t2))
            elif len(path) == 2 and report == "iterable_item_removed":
                out.append(FieldDelta(field, "item-removed", item.t1, None))
            elif len(path) == 2 and report in ("values_changed", "type_changes"):
                # A different item in the same place: one removed, one added.
                out.append(FieldDelta(field, "item-removed", item.t1, None))
                out.append(FieldDelta(field, "item-added", None, item.t2))
            else:
                node = item
                while len(node.path(output_format="list")) > 2 and node.up is not None:
                    node = node.up
                edited[repr(node.t2)] = FieldDelta(field, "item-changed", node.t1, node.t2)
    out.extend(edited.values())
    out.append(FieldDelta(field, "changed", old, new))
    # DeepDiff reports in no fixed order: sort, keeping list order where it is known.
    position = {id(item): i for i, item in enumerate(old + new)}
    return sorted(
        out,
        key=lambda d: (
            _KINDS.index(d.kind),
            position.get(id(d.new if d.new is not None else d.old), -1),
            repr(d.old),
            repr(d.new),
        ),
    )
