"""Golden files: outputs a human has read. Regenerate with IMPACTCTL_UPDATE_GOLDEN=1,
then read the diff before committing it."""

from __future__ import annotations

import os
from pathlib import Path


def assert_golden(actual: str, path: Path) -> None:
    if os.environ.get("IMPACTCTL_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with IMPACTCTL_UPDATE_GOLDEN=1 and read it"
    assert actual == path.read_text(encoding="utf-8")
