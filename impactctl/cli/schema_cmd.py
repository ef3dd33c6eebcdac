from __future__ import annotations

import json
from pathlib import Path

import click

from impactctl.cli.group import cli
from impactctl.schemas import SCHEMAS


def schema_files() -> dict[str, str]:
    return {
        f"{name}.schema.json": json.dumps(schema, indent=2) + "\n"
        for name, schema in SCHEMAS.items()
    }


@cli.command("schema")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one <kind>.schema.json per file kind into this folder.",
)
@click.argument("kind", required=False, type=click.Choice(sorted(SCHEMAS)))
def schema_command(out: Path | None, kind: str | None) -> None:
    """Print the JSON Schemas of the four file kinds (framework, organisation, assessment,
    action-plan), for editors such as VS Code with the YAML extension.

    With KIND, print only that schema. With --out DIR, write the files instead (overwriting
    earlier schema files there).
    """
    files = schema_files()
    if kind:
        files = {f"{kind}.schema.json": files[f"{kind}.schema.json"]}
    if out is not None:
        from impactctl.editing.files import write_files

        write_files(out, files, overwrite=True)
        for name in files:
            click.echo(f"wrote {out / name}")
        return
    if kind:
        click.echo(files[f"{kind}.schema.json"], nl=False)
    else:
        click.echo(json.dumps(SCHEMAS, indent=2))
