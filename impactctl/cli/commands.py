"""Imports every command module so that each registers itself on the group."""

from impactctl.cli import init_cmd, review_cmds, schema_cmd, validate_cmd  # noqa: F401
