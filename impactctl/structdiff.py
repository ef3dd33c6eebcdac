"""The one module that uses DeepDiff: a structural comparison of two plain mappings,
returned as impactctl's own ``FieldDelta`` values.

List items are matched by identity (evidence by title, perspectives by group, updates by
date) so that "one piece of evidence added" is reported as that, not as every later item
shifting by one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from deepdiff import DeepDiff
from deepdiff.helper import CannotCompare

_IDENTITY_KEYS = ("title", "group", "date")


@dataclass(frozen=True)
class FieldDelta:
    field: str
    kind: str  # changed | added | removed | item-added | item-removed | item-changed
    old: Any
    new: Any


def _same_item(x: Any, y: Any, level: Any = None) -> bool:
    if isinstance(x, dict) and isinstance(y, dict):
        for key in _IDENTITY_KEYS:
            if key in x and key in y:
                return bool(x[key] == y[key])
    raise CannotCompare() from None


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FieldDelta]:
    """Field-level differences between two mappings, in a stable order."""
    if old == new:  # cheap equality first: DeepDiff costs ~1000x more
        return []
    if not old or not new:
        return sorted(
            [FieldDelta(k, "added", None, v) for k, v in new.items()]
            + [FieldDelta(k, "removed", v, None) for k, v in old.items()],
            key=lambda d: d.field,
        )
    tree = DeepDiff(dict(old), dict(new), view="tree", iterable_compare_func=_same_item)
    out: list[FieldDelta] = []
    nested: set[str] = set()
    edited: dict[tuple[str, str], FieldDelta] = {}
    for report, items in tree.items():
        for item in items:
            path = item.path(output_format="list")
            if not path:
                continue  # whole-root reports are covered by the emptiness check above
            field = str(path[0])
            if len(path) == 1:
                if report == "dictionary_item_added":
                    out.append(FieldDelta(field, "added", None, item.t2))
                elif report == "dictionary_item_removed":
                    out.append(FieldDelta(field, "removed", item.t1, None))
                else:
                    out.append(FieldDelta(field, "changed", item.t1, item.t2))
                continue
            if report == "iterable_item_moved" and item.t1 == item.t2:
                continue  # only its position changed
            nested.add(field)
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
                edited[(field, repr(node.t2))] = FieldDelta(field, "item-changed", node.t1, node.t2)
    out.extend(edited.values())
    for field in sorted(nested):
        out.append(FieldDelta(field, "changed", old.get(field), new.get(field)))
    return sorted(out, key=lambda d: (d.field, d.kind, str(d.old), str(d.new)))
