"""impactctl: the NHS IMPACT self-assessment as code.

Library entry points (the CLI is a thin layer over these)::

    from impactctl import load_repository, validate
    result = validate(Path("my-repo"))
    result.ok, result.diagnostics
"""

from __future__ import annotations

# The one place the version is written: pyproject.toml reads it from here
# ([tool.setuptools.dynamic]), and `impactctl --version`, the CI files `init` writes and
# the SARIF report all print it.
__version__ = "0.1.0"
# Where the source and the documentation live; also [project.urls] in pyproject.toml (a
# test keeps the two equal). The SARIF report links each code to its page under it.
__url__ = "https://github.com/nhs-impactctl/impactctl"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from impactctl.checks.engine import validate
    from impactctl.reading.repository import load_repository

__all__ = ["__version__", "load_repository", "validate"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so `import impactctl` (every command does it) stays cheap.
    if name == "load_repository":
        from impactctl.reading.repository import load_repository

        return load_repository
    if name == "validate":
        from impactctl.checks.engine import validate

        return validate
    raise AttributeError(f"module 'impactctl' has no attribute {name!r}")
