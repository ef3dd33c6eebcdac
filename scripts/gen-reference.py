"""Regenerate docs/reference/ from the CLI's --help and the rules' docstrings."""

from pathlib import Path

from impactctl.cli.reference import codes_markdown, commands_markdown

out = Path(__file__).resolve().parents[1] / "docs" / "reference"
out.mkdir(parents=True, exist_ok=True)
(out / "commands.md").write_text(commands_markdown(), encoding="utf-8")
(out / "validation-codes.md").write_text(codes_markdown(), encoding="utf-8")
print(f"wrote {out}/commands.md and validation-codes.md")
