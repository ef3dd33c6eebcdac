"""Imports every command module so that each registers itself on the group."""

from impactctl.cli import (  # noqa: F401
    ci_cmd,
    export_cmd,
    import_cmd,
    init_cmd,
    report_cmd,
    review_cmds,
    schema_cmd,
    site_cmd,
    validate_cmd,
    workshop_cmd,
)
