"""Parameter types shared by the commands.

``SLUG`` is the one check for an id taken from the command line (an organisation, a
cycle): a whole-string match of ``[a-z0-9][a-z0-9-]*``, before the id becomes part of a
path. A bad id is a usage error (exit 2) that names the parameter.
"""

from __future__ import annotations

import click

from impactctl.schemas import SLUG_RE


class Slug(click.ParamType[str]):
    """An id: lower-case letters, digits and hyphens, starting with a letter or digit."""

    name = "id"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        text = str(value)
        if SLUG_RE.fullmatch(text) is None:
            self.fail(
                f"{text!r} is not a valid id: use lower-case letters, digits and hyphens, "
                "e.g. example-trust or 2026-27",
                param,
                ctx,
            )
        return text


SLUG = Slug()
