"""The version, in one place: the package metadata, ``impactctl --version``, the CI files
``init`` writes, the SARIF report and every cache key read it from here (a module of its
own, so reading it imports nothing else)."""

__version__ = "0.1.0"
# Where the source and the documentation live; also [project.urls] in pyproject.toml (a
# test keeps the two equal). The SARIF report links each code to its page under it.
__url__ = "https://github.com/nhs-impactctl/impactctl"
