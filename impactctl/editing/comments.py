"""Comment-keeping edits on ruamel's round-trip data.

ruamel attaches a full-line comment to the value *above* it, so a plain ``del`` of a field
also deletes the comment that introduces the next field. These edits move such comments
to where a reader would expect them instead.
"""

from __future__ import annotations

from typing import Any


def _deepest(node: Any, key: Any) -> tuple[Any, Any]:
    """The container and key of the last scalar inside ``node[key]``."""
    value = node[key]
    while isinstance(value, (dict, list)) and len(value) and hasattr(value, "ca"):
        node, key = value, (list(value)[-1] if isinstance(value, dict) else len(value) - 1)
        value = node[key]
    return node, key


def _eol_token(node: Any, key: Any) -> Any:
    slots = node.ca.items.get(key) if hasattr(node, "ca") else None
    if not slots:
        return None
    index = 0 if isinstance(node, list) else 2
    return slots[index]


def _lines_after(node: Any, key: Any) -> str:
    """The full-line comments that follow ``node[key]`` in the file, however deep ruamel
    stored them (after an end-of-line comment, or at the end of a nested list or mapping)."""
    token = _eol_token(node, key)
    value, containers = node[key], []
    while isinstance(value, (dict, list)) and len(value) and hasattr(value, "ca"):
        containers.append(value)
        last = list(value)[-1] if isinstance(value, dict) else len(value) - 1
        token = _eol_token(value, last) or token
        value = value[last]
    text = token.value.split("\n", 1)[1] if token is not None and "\n" in token.value else ""
    for container in reversed(containers):
        for end in getattr(container.ca, "end", None) or []:
            text += " " * end.column + end.value
    return text


def delete_keeping_comments(mapping: Any, key: str) -> None:
    """Delete ``mapping[key]`` but keep the full-line comments that follow it.

    ruamel attaches a comment on its own line to the value *above* it, so deleting a field
    would silently delete the next paragraph's comment too. Those lines move to the end of
    the previous field. The deleted field's own end-of-line comment goes with it.
    """
    following = _lines_after(mapping, key)
    keys = list(mapping)
    index = keys.index(key)
    del mapping[key]
    mapping.ca.items.pop(key, None)
    if not following.strip():
        return
    if index == 0:
        mapping.yaml_set_start_comment(following.strip("\n"))
        return
    host, host_key = _deepest(mapping, keys[index - 1])
    token = _eol_token(host, host_key)
    if token is None:
        host.yaml_add_eol_comment("#", host_key)
        token = _eol_token(host, host_key)
        token.value = "\n"
    elif not token.value.endswith("\n"):
        token.value += "\n"
    token.value += following
