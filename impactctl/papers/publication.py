"""What a paper may show of an organisation's debate: the site's publishing level.

The board paper shows where the room disagreed only when the organisation's publishing
level (``mkdocs.yml``, the impactctl plugin's ``publish`` and ``organisations`` options)
allows the debate, read the way the site reads it (``impactctl.site.options``). No
``mkdocs.yml``, or no impactctl plugin in it, means the site's own default, ``levels``, so
a paper never shows more than the site would by accident.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from impactctl.editing.roundtrip import load_round_trip
from impactctl.errors import ImpactError
from impactctl.site.options import OptionsProblem, Publish, SiteOptions

CONFIG = "mkdocs.yml"
PLUGIN = "impactctl"


def _plugin_options(config: Any) -> Mapping[str, Any] | None:
    plugins = config.get("plugins") if isinstance(config, Mapping) else None
    if isinstance(plugins, Mapping):
        plugins = [{k: v} for k, v in plugins.items()]
    for item in plugins if isinstance(plugins, list) else []:
        if item == PLUGIN:
            return {}
        if isinstance(item, Mapping) and PLUGIN in item:
            options = item[PLUGIN]
            return options if isinstance(options, Mapping) else {}
    return None


def publish_level(root: Path, organisation: str) -> Publish:
    """The organisation's publishing level, as the site would apply it."""
    path = root / CONFIG
    if not path.is_file():
        return Publish.LEVELS
    try:
        config, _layout = load_round_trip(path.read_bytes(), CONFIG)
    except Exception as exc:  # ruamel's errors have no common base worth naming
        raise ImpactError(
            f"{CONFIG} cannot be read ({type(exc).__name__})",
            "fix it (mkdocs build reports where), or move it aside",
        ) from None
    options = _plugin_options(config)
    if options is None:
        return Publish.LEVELS
    try:
        return SiteOptions.from_mapping(dict(options)).publish_for(organisation)
    except OptionsProblem as exc:
        raise ImpactError(f"{CONFIG}: impactctl: {exc}") from None
