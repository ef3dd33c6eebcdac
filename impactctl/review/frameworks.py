"""Changes to a framework version that both sides hold.

A framework version is meant to be fixed: every rating on it is read against its levels
and statements. Editing it in place (reordering, relabelling or renaming levels, adding or
removing statements) re-scores every cycle rated on it while no cycle file changes, so the
pull-request comment must say so.
"""

from __future__ import annotations

from collections.abc import Iterator

from impactctl.model import Framework, Repository


def framework_changes(base: Repository, head: Repository) -> list[str]:
    """One line per change to a framework version present on both sides."""
    out: list[str] = []
    for ref in sorted(set(base.frameworks) & set(head.frameworks)):
        old, new = base.frameworks[ref], head.frameworks[ref]
        out += [f"framework {ref}: {line}" for line in _differences(old, new)]
    return out


def _differences(old: Framework, new: Framework) -> Iterator[str]:
    yield from _level_differences(old, new)
    yield from _statement_differences(old, new)


def _level_differences(old: Framework, new: Framework) -> Iterator[str]:
    old_ids, new_ids = list(old.level_ids), list(new.level_ids)
    if old_ids != new_ids:
        if sorted(old_ids) == sorted(new_ids):
            yield f"level order changed ({', '.join(old_ids)} → {', '.join(new_ids)})"
        else:
            yield f"level ids changed ({', '.join(old_ids)} → {', '.join(new_ids)})"
    old_labels = {lv.id: lv.label for lv in old.levels}
    for level in new.levels:
        was = old_labels.get(level.id)
        if was is not None and was != level.label:
            yield f"level {level.id} relabelled ({was} → {level.label})"


def _statement_differences(old: Framework, new: Framework) -> Iterator[str]:
    before, after = old.statements, new.statements
    added = [sid for sid in after if sid not in before]
    removed = [sid for sid in before if sid not in after]
    if added:
        yield f"statements added ({', '.join(added)})"
    if removed:
        yield f"statements removed ({', '.join(removed)})"
    reworded = [sid for sid in after if sid in before and after[sid].text != before[sid].text]
    if reworded:
        yield f"statements reworded ({', '.join(reworded)})"
    moved = [
        sid for sid in after if sid in before and after[sid].component != before[sid].component
    ]
    if moved:
        yield f"statements moved to another component ({', '.join(moved)})"
