"""JSON Schemas for the four file kinds: one source for editors (``impactctl schema``)
and for the well-formedness checks (E110-E116) in ``impactctl.reading.wellformed``."""

from __future__ import annotations

import re
from typing import Any

SLUG = r"^[a-z0-9][a-z0-9-]*$"
SLUG_RE = re.compile(SLUG)
STATEMENT_ID = r"^[0-9]+(\.[0-9]+)+$"
FRAMEWORK_REF = r"^[a-z0-9][a-z0-9-]*@[A-Za-z0-9][A-Za-z0-9.-]*$"
ORG_TYPES = [
    "acute",
    "mental-health",
    "community",
    "ambulance",
    "primary-care",
    "icb",
    "system",
    "other",
]
GROUPS = [
    "board",
    "executive",
    "senior-leaders",
    "staff",
    "stakeholders",
    "lived-experience",
    "governors",
]
CONFIDENCE = ["low", "medium", "high"]
CYCLE_STATUS = ["draft", "agreed"]
ACTION_STATUS = ["planned", "in-progress", "done", "blocked", "dropped"]
NOT_ASSESSED = "not-assessed"

BASE_URL = "https://impactctl.example/schemas/"

_text = {"type": "string", "minLength": 1}
_date = {"type": "string", "format": "date"}
_slug = {"type": "string", "pattern": SLUG}
_statement_id = {"type": "string", "pattern": STATEMENT_ID}


def _object(properties: dict[str, Any], required: list[str], title: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if title:
        out["description"] = title
    return out


def _document(name: str, title: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URL}{name}.schema.json",
        "title": title,
        **body,
    }


FRAMEWORK = _document(
    "framework",
    "impactctl framework (maturity matrix)",
    _object(
        {
            "id": _slug,
            "version": _text,
            "title": _text,
            "source": {"type": "string", "pattern": r"^https?://"},
            "licence": _text,
            "levels": {
                "type": "array",
                "minItems": 2,
                "items": _object(
                    {"id": _slug, "label": _text, "description": _text},
                    ["id", "label", "description"],
                ),
            },
            "components": {
                "type": "array",
                "minItems": 1,
                "items": _object(
                    {
                        "id": _slug,
                        "title": _text,
                        "summary": _text,
                        "statements": {
                            "type": "array",
                            "minItems": 1,
                            "items": _object(
                                {
                                    "id": _statement_id,
                                    "title": _text,
                                    "text": _text,
                                    "guidance": _text,
                                    "descriptors": {
                                        "type": "object",
                                        "propertyNames": {"pattern": SLUG},
                                        "additionalProperties": _text,
                                    },
                                },
                                ["id", "text", "descriptors"],
                            ),
                        },
                    },
                    ["id", "title", "statements"],
                ),
            },
            "migrates_from": _object(
                {
                    "framework": {"type": "string", "pattern": FRAMEWORK_REF},
                    "statements": {
                        "type": "object",
                        "propertyNames": {"pattern": STATEMENT_ID},
                        "additionalProperties": {
                            "type": ["string", "null"],
                            "pattern": STATEMENT_ID,
                        },
                    },
                },
                ["framework", "statements"],
            ),
        },
        ["id", "version", "title", "levels", "components"],
    ),
)

ORGANISATION = _document(
    "organisation",
    "impactctl organisation",
    _object(
        {
            "id": _slug,
            "name": _text,
            "type": {"enum": ORG_TYPES},
            "system": _slug,
            "cycles": {"type": "array", "items": _slug, "uniqueItems": True},
        },
        ["id", "name", "type"],
    ),
)

_evidence = _object(
    {
        "title": _text,
        "url": {"type": "string", "pattern": r"^https?://"},
        "path": _text,
        "date": _date,
    },
    ["title", "date"],
)

_rating = _object(
    {
        "level": _slug,
        "target": _slug,
        "confidence": {"enum": CONFIDENCE},
        "rationale": _text,
        "evidence": {"type": "array", "items": _evidence},
        "dissent": _text,
        "perspectives": {
            "type": "array",
            "items": _object(
                {"group": {"enum": GROUPS}, "level": _slug, "note": _text}, ["group", "level"]
            ),
        },
    },
    ["level", "rationale"],
)

ASSESSMENT = _document(
    "assessment",
    "impactctl assessment (one review cycle's ratings)",
    _object(
        {
            "framework": {"type": "string", "pattern": FRAMEWORK_REF},
            "organisation": _slug,
            "cycle": _slug,
            "assessed_on": {"type": ["string", "null"], "format": "date"},
            "status": {"enum": CYCLE_STATUS},
            "participants": {
                "type": "array",
                "items": _object(
                    {
                        "group": {"enum": GROUPS},
                        "role": _text,
                        "count": {"type": "integer", "minimum": 1},
                    },
                    ["group", "role"],
                ),
            },
            "ratings": {
                "type": "object",
                "propertyNames": {"pattern": STATEMENT_ID},
                "additionalProperties": _rating,
            },
        },
        ["framework", "organisation", "cycle", "status", "participants", "ratings"],
    ),
)

ACTION_PLAN = _document(
    "action-plan",
    "impactctl action plan",
    _object(
        {
            "organisation": _slug,
            "actions": {
                "type": "array",
                "items": _object(
                    {
                        "id": _slug,
                        "title": _text,
                        "statements": {"type": "array", "items": _statement_id},
                        "owner": _text,
                        "raised_in": _slug,
                        "due": _date,
                        "status": {"enum": ACTION_STATUS},
                        "measure": _text,
                        "updates": {
                            "type": "array",
                            "items": _object({"date": _date, "note": _text}, ["date", "note"]),
                        },
                    },
                    ["id", "title", "statements", "owner", "status"],
                ),
            },
        },
        ["organisation", "actions"],
    ),
)

SCHEMAS: dict[str, dict[str, Any]] = {
    "framework": FRAMEWORK,
    "organisation": ORGANISATION,
    "assessment": ASSESSMENT,
    "action-plan": ACTION_PLAN,
}
