"""Shared test settings: a pinned "today" and a private parse cache for the whole run."""

from __future__ import annotations

import os
import tempfile

# Set before any test imports impactctl, so every command sees the same date and never
# touches the developer's own cache folder.
os.environ.setdefault("IMPACTCTL_TODAY", "2026-11-24")
os.environ["IMPACTCTL_CACHE_DIR"] = tempfile.mkdtemp(prefix="impactctl-test-cache-")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
