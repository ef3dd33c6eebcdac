"""``impactctl init``: a new assessment repository that validates clean from the start."""

from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources
from pathlib import Path

from impactctl.editing import ci_files
from impactctl.editing.files import write_files, write_tree
from impactctl.errors import ImpactError, RefusedToOverwrite
from impactctl.model import NOT_ASSESSED, Framework
from impactctl.reading.build import build_framework
from impactctl.reading.yaml import read_document
from impactctl.schemas import ORG_TYPES, SCHEMAS, SLUG_RE
from impactctl.version import __version__

TEMPLATES = "templates"
FRAMEWORK_FILE = "framework/nhs-impact/framework.yaml"


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise ImpactError(f"cannot make an id from {name!r}", "pass --id with lower-case letters")
    return slug


def financial_year(day: date) -> str:
    """NHS cycles follow the April-March financial year: 2026-27."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def template_files() -> dict[str, str]:
    """Every file under impactctl/templates, by its path in a new repository."""
    root = resources.files("impactctl") / TEMPLATES
    out: dict[str, str] = {}

    def walk(node: object, prefix: str) -> None:
        for child in node.iterdir():  # type: ignore[attr-defined]
            rel = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, rel + "/")
            elif not child.name.endswith((".pyc",)):
                out[rel] = child.read_text(encoding="utf-8")

    walk(root, "")
    return out


def packaged_framework() -> Framework:
    text = template_files()[FRAMEWORK_FILE]
    return build_framework(read_document(text.encode("utf-8"), FRAMEWORK_FILE))


def yaml_text(value: str) -> str:
    """A value as a YAML scalar that reads back as exactly that text, whatever it holds:
    a JSON string is a YAML 1.2 double-quoted scalar, with quotes, backslashes and every
    control character (a line break included) escaped, so no value can end its line and
    start a key of its own (`hooks:` in mkdocs.yml runs Python)."""
    return json.dumps(value, ensure_ascii=False)


def markdown_text(value: str) -> str:
    """A value as Markdown that shows exactly that text: markup characters backslash-
    escaped, ``& < >`` as entities, braces as character references (no attr_list)."""
    safe = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\`*_[]()#+-.!|~":
        safe = safe.replace(ch, "\\" + ch)
    return safe.replace("{", "&#123;").replace("}", "&#125;")


def check_name(name: str) -> str:
    """An organisation's name: one line of text with something in it."""
    if not name.strip() or any(not ch.isprintable() for ch in name):
        raise ImpactError(
            f"the organisation name {name!r} must be one line of text",
            "give the name without line breaks or control characters",
        )
    return name


def check_id(value: str, what: str) -> str:
    if not SLUG_RE.fullmatch(value):
        raise ImpactError(
            f"{value!r} is not a valid {what}",
            "use lower-case letters, digits and hyphens, e.g. example-trust or 2026-27",
        )
    return value


def _comment(text: str, width: int = 88) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


def organisation_yaml(org_id: str, name: str, org_type: str, cycle: str) -> str:
    return f"""# yaml-language-server: $schema=../../schemas/organisation.schema.json
id: {org_id}
name: {yaml_text(name)}
type: {org_type}            # {" | ".join(ORG_TYPES)}
# system: example-icb      # the id of the system (ICB) this organisation belongs to, if any
cycles: [{cycle}]          # review cycles, oldest first
"""


def first_cycle_yaml(fw: Framework, org_id: str, cycle: str) -> str:
    lines = [
        "# yaml-language-server: $schema=../../schemas/assessment.schema.json",
        "# A first, draft review cycle. For each statement, agree a level with the people in",
        "# the room, write down why (the rationale), and link to evidence. Levels, lowest first:",
        f"#   {', '.join(fw.level_ids)}",
        f"framework: {fw.ref}",
        f"organisation: {org_id}",
        f"cycle: {cycle}",
        "assessed_on:          # the date the ratings are agreed, e.g. 2027-03-15",
        "status: draft         # draft | agreed",
        "participants: []      # e.g. - {group: staff, role: Ward manager, count: 6}",
        "ratings:",
    ]
    for component in fw.components:
        lines.append(f"  # {component.title}")
        for statement in component.statements:
            lines += [
                f'  "{statement.id}":     # {_comment(statement.text)}',
                f"    level: {NOT_ASSESSED}",
                "    rationale: Not yet discussed.",
            ]
    return "\n".join(lines) + "\n"


def action_plan_yaml(org_id: str) -> str:
    return f"""# yaml-language-server: $schema=../../schemas/action-plan.schema.json
# The living action plan: what we will do about the gaps the self-assessment found.
organisation: {org_id}
actions: []
# - id: a-001
#   title: What we will do
#   statements: ["1.1"]
#   owner: Director of Strategy       # a role, never a name
#   raised_in: 2026-27
#   due: 2027-03-31
#   status: planned                   # planned | in-progress | done | blocked | dropped
#   measure: How we will know it worked
"""


def repository_files(
    name: str, org_id: str, org_type: str, cycle: str, ci: str = "github"
) -> dict[str, str]:
    """Render every file of a new repository in memory (nothing is written here)."""
    import json

    templates = template_files()
    # Only the chosen platform's CI files, pinned to this version (editing/ci_files.py).
    files = {rel: text for rel, text in templates.items() if rel not in ci_files.ALL_CI_FILES}
    files[".pre-commit-config.yaml"] = files[".pre-commit-config.yaml"].replace(
        ci_files.VERSION, __version__
    )
    fw = packaged_framework()
    # Every value goes in written for where it lands: YAML scalars through yaml_text,
    # Markdown through markdown_text; ids are slugs, checked before this.
    values = {
        "@@SITE_NAME@@": yaml_text(f"{name} · NHS IMPACT self-assessment"),
        "@@SITE_DESCRIPTION@@": yaml_text(
            f"How {name} rates itself against NHS IMPACT, how that has changed over time, "
            "and what it is doing about it."
        ),
        "@@ORG_NAME@@": markdown_text(name),
        "@@ORG_ID@@": org_id,
    }
    rendered = {}
    for rel, text in files.items():
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        rendered[rel] = text
    rendered.update(
        {
            f"assessments/{org_id}/organisation.yaml": organisation_yaml(
                org_id, name, org_type, cycle
            ),
            f"assessments/{org_id}/{cycle}.yaml": first_cycle_yaml(fw, org_id, cycle),
            f"assessments/{org_id}/action-plan.yaml": action_plan_yaml(org_id),
        }
    )
    for kind, schema in SCHEMAS.items():
        rendered[f"schemas/{kind}.schema.json"] = json.dumps(schema, indent=2) + "\n"
    rendered.update(ci_files.render(templates, ci))
    return rendered


def init_repository(
    target: Path,
    name: str,
    *,
    org_id: str | None = None,
    org_type: str = "other",
    cycle: str | None = None,
    today: date,
    force: bool = False,
    ci: str = "github",
) -> list[str]:
    """Write a new assessment repository at ``target``; returns the files written."""
    name = check_name(name)
    org_id = check_id(org_id or slugify(name), "organisation id")
    cycle = check_id(cycle or financial_year(today), "cycle id")
    files = repository_files(name, org_id, org_type, cycle, ci)
    if target.exists() and not target.is_dir():
        raise RefusedToOverwrite(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        if not force:
            raise RefusedToOverwrite(
                f"{target} is not empty",
                "choose a new folder, or pass --force to add the files "
                "(existing files with the same names are replaced)",
            )
        write_files(target, files, overwrite=True)
    else:
        write_tree(target, files)
    return sorted(files)
