"""E110-E117: fields of the wrong type or shape, checked against the JSON Schemas that
``impactctl schema`` prints. Raised by ``impactctl.reading.wellformed``; documented here."""

from __future__ import annotations

from impactctl.checks.registry import reading


@reading("E110", "Wrong type")
def wrong_type() -> None:
    """
    A field holds the wrong kind of value: a number where text is expected (`level: 3`),
    a single value where a list is expected, and so on.

    **Why it matters:** nothing is silently converted. `version: 2024.10` would otherwise
    become the number 2024.1.

    **How to fix:** put text in quotes when it looks like a number or a date
    (`version: "2024.1"`), and follow the shape shown in the file-format reference.
    """


@reading("E111", "Missing or empty required field")
def missing_field() -> None:
    """
    A required field is missing or empty, for example a rating without `rationale`, an
    agreed cycle without `assessed_on`, or evidence with neither `url` nor `path`.

    **Why it matters:** NHS IMPACT's value is the reasoning behind a rating, not the rating
    itself. A level without a rationale cannot be reviewed or learned from.

    **How to fix:** add the field named in the message.
    """


@reading("E112", "Unknown field")
def unknown_field() -> None:
    """
    A field name is not part of the file format, usually a typo (`rationle:`). The message
    suggests the closest known field.

    **Why it matters:** a misspelt field is silently ignored by most tools, so the text in
    it would never be published or checked.

    **How to fix:** correct the spelling, or move the text into a field that exists.
    """


@reading("E113", "Bad date")
def bad_date() -> None:
    """
    A date is not written as `YYYY-MM-DD`, does not exist (`2025-02-30`), or falls outside
    the years 1900 to 2999 (`0001-01-01`, or `9999-12-31` used to mean "never").

    **Why it matters:** dates drive overdue actions, stale evidence and the order of events
    on the published site.

    **How to fix:** write the date as year-month-day, e.g. `2026-03-31`.
    """


@reading("E114", "Bad id or link")
def bad_id() -> None:
    """
    An id does not have the required form, or a link is not a web address. Organisation,
    cycle, framework, level and action ids are lower-case slugs (`example-trust`, `2025-26`,
    `a-001`); statement ids are dotted numbers in quotes (`"4.3"`); framework references
    look like `nhs-impact@2024.1`; evidence and source links start with `https://` or
    `http://`.

    **Why it matters:** ids become file names and web addresses on the published site, and
    links that are not web addresses (such as `javascript:`) could be unsafe.

    **How to fix:** use only lower-case letters, digits and hyphens in ids, and full web
    addresses in links.
    """


@reading("E115", "Value not allowed")
def value_not_allowed() -> None:
    """
    A field that takes one of a fixed set of values has another one: a cycle `status`
    (draft, agreed), a `confidence` (low, medium, high), an action `status` (planned,
    in-progress, done, blocked, dropped), an organisation `type`, or a participant `group`
    (board, executive, senior-leaders, staff, stakeholders, lived-experience, governors).

    **Why it matters:** the site, the checks and the board-pack export rely on these words.

    **How to fix:** use one of the values listed in the message.
    """


@reading("E117", "File name not recognised")
def wrong_extension() -> None:
    """
    A file in `assessments/` or `framework/` ends in `.yml`. impactctl reads only `.yaml`
    files there, so this one would be silently ignored: its ratings would never be checked
    or published.

    **How to fix:** rename the file to end in `.yaml`.
    """


@reading("E116", "Value out of range")
def out_of_range() -> None:
    """
    A number is out of range (a participant `count` of 0) or a list repeats an item that
    must be unique (a cycle listed twice in `cycles`).

    **How to fix:** correct the value given in the message.
    """
