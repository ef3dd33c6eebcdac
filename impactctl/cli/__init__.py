"""The command line: parse, call one library function, report, return an exit code.

Exit codes: 0 success; 1 the content fails (validation errors, or warnings under
--strict); 2 a usage or environment problem; 70 an internal error. The group lives in
``group``; each command module registers itself on it when the group first needs that
command (``group.COMMAND_MODULES``).
"""

from impactctl.cli.group import EXIT_CONTENT, EXIT_OK, ImpactGroup, Options, cli, main

__all__ = ["EXIT_CONTENT", "EXIT_OK", "ImpactGroup", "Options", "cli", "main"]
