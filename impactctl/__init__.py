"""impactctl: the NHS IMPACT self-assessment as code.

Library entry points (the CLI is a thin layer over these)::

    from impactctl import load_repository, validate
    result = validate(Path("my-repo"))
    result.ok, result.diagnostics
"""

from __future__ import annotations

__version__ = "0.1.0"

from impactctl.loader import load_repository
from impactctl.validate import validate

__all__ = ["__version__", "load_repository", "validate"]
