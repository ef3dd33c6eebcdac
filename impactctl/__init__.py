"""impactctl: the NHS IMPACT self-assessment as code.

Library entry points (the CLI is a thin layer over these)::

    from impactctl import load_repository, validate
    result = validate(Path("my-repo"))
    result.ok, result.diagnostics
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from impactctl.version import __url__, __version__

if TYPE_CHECKING:
    from impactctl.checks.engine import validate
    from impactctl.reading.repository import load_repository

__all__ = ["__url__", "__version__", "load_repository", "validate"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so `import impactctl` (every command does it) stays cheap.
    if name == "load_repository":
        from impactctl.reading.repository import load_repository

        return load_repository
    if name == "validate":
        from impactctl.checks.engine import validate

        return validate
    raise AttributeError(f"module 'impactctl' has no attribute {name!r}")
