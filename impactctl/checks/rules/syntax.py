"""E100-E109 and E118: files that cannot be read as the YAML impactctl accepts.

These are raised by ``impactctl.reading`` while reading; the
functions here only carry each code's documentation.
"""

from __future__ import annotations

from impactctl.checks.registry import reading


@reading("E100", "File cannot be read")
def unreadable() -> None:
    """
    The file could not be opened; it is a link that points outside the repository, loops
    back on itself or leads nowhere; it is not a regular file (a folder, a pipe or a device
    named `*.yaml`); its name is not valid UTF-8 (shown with `\\xe9`-style escapes); or a
    folder under `framework/` or `assessments/` cannot be listed.

    **Why it matters:** everything in an assessment repository must be reviewable in a pull
    request. A link to a file elsewhere on a laptop or server is invisible to reviewers and
    could expose files that were never meant to be published. A pipe would make every
    check wait for ever, and a name that is not UTF-8 cannot be shown or published.

    **How to fix:** replace the link with the file itself, rename the file with letters,
    digits and hyphens, or check the file's permissions.
    """


@reading("E101", "YAML syntax error")
def yaml_syntax() -> None:
    """
    The file is not valid YAML: a missing colon, a stray quote, a line indented with a tab,
    or indentation that does not line up.

    **Why it matters:** nothing else in the file can be checked until it can be read.

    **How to fix:** look at the line and column given. Indent with spaces (two per level),
    put a space after every colon, and put text that contains `: ` or starts with a special
    character (`*`, `&`, `!`, `%`, `@`, a quote) in quotes.
    """


@reading("E102", "File is not UTF-8 text")
def not_utf8() -> None:
    """
    The file contains bytes that are not UTF-8, or it was saved as UTF-16.

    **Why it matters:** the published site and the pull-request comments are UTF-8; a file
    saved in another encoding (often by a spreadsheet or an old editor) shows garbled
    characters or cannot be read at all.

    **How to fix:** re-save the file as UTF-8. The position given is the first bad byte.
    A UTF-8 byte-order mark at the start is accepted and kept.
    """


@reading("E103", "Control character in the file")
def control_character() -> None:
    """
    The file contains an invisible control character (for example a form feed or a NUL),
    usually pasted from a word processor or a PDF, or a text-direction override (U+202A to
    U+202E, U+2066 to U+2069). Written as an escape in double quotes (`"\\e[31m"`,
    `"\\a"`, `"\\x9b"`, `"\\u202e"`) it is refused just the same.

    **Why it matters:** such characters are invisible in review, can hide text, and break
    the published pages. A terminal obeys escape sequences (ESC, CSI): printed by `diff`
    or `history`, they could rewrite what a reviewer sees. Direction overrides make text
    read differently from what it holds.

    **How to fix:** delete the character or the escape at the position given (retype that
    part of the line). Tabs and line breaks are fine in text; only other control
    characters are refused.
    """


@reading("E104", "File is too large")
def too_large() -> None:
    """
    The file is larger than 5 MB. Assessment files are a few kilobytes; a file this size is
    almost always pasted content or a mistake.

    **Why it matters:** huge files slow every check and pull request, and can be used to
    exhaust the machine that checks them.

    **How to fix:** keep long documents outside the YAML and link to them as evidence.
    """


@reading("E105", "File is empty or not a mapping")
def empty_or_not_mapping() -> None:
    """
    The file is empty (or only comments), or its top level is a list or a single value
    instead of `field: value` lines.

    **Why it matters:** every impactctl file is a set of named fields; without them there is
    nothing to check or publish.

    **How to fix:** start from the files that `impactctl init` writes, or delete the file.
    """


@reading("E106", "YAML feature not allowed")
def forbidden_feature() -> None:
    """
    The file uses a YAML feature that impactctl refuses: anchors (`&name`), aliases
    (`*name`), explicit tags (`!!python/object`, `!!str`), `%YAML`/`%TAG` directives, or more
    than one document (`---`) in a file.

    **Why it matters:** these features make a file mean something different from what a
    reviewer sees. Aliases can expand a tiny file into gigabytes; tags can ask a YAML
    library to build objects; a `%YAML 1.1` line silently turns `no` into `false`.

    **How to fix:** write every value out in full, remove tags and `%` lines, and keep one
    document per file.
    """


@reading("E107", "Nesting too deep")
def too_deep() -> None:
    """
    The file nests lists or mappings more than 32 levels deep. Real impactctl files need
    six at most.

    **Why it matters:** very deep nesting is a way to crash YAML readers; it is never needed.

    **How to fix:** flatten the structure to match the documented file format.
    """


@reading("E108", "Duplicate key")
def duplicate_key() -> None:
    """
    The same key appears twice in one mapping, for example two `"1.1":` ratings or two
    `level:` lines in one rating.

    **Why it matters:** most YAML readers silently keep the last one, so a reviewer may read
    a different rating from the one that is published.

    **How to fix:** keep one of the two entries; the message gives the line of the first.
    """


@reading("E109", "Key is not text")
def key_not_text() -> None:
    """
    A key is a number, a true/false value, a list or a mapping. The usual cause is an
    unquoted statement id: `1.1:` is read as the number 1.1, and `1.10:` is the *same*
    number.

    **Why it matters:** statement `1.10` would silently become `1.1`.

    **How to fix:** put statement ids in quotes: `"1.1":`.
    """


@reading("E118", "Number too large")
def number_too_large() -> None:
    """
    A value or key that YAML reads as a number is too long or too large: more than 32
    characters, a whole number beyond 9,223,372,036,854,775,807, or a decimal so large it
    would become infinity (`1e999`). The message shows its start and its length.

    **Why it matters:** numbers in impactctl files are small (a participant `count`). A
    number of thousands of digits cannot even be turned into text by Python, so it could
    stop every command, and every past commit that holds it, from reading the repository.

    **How to fix:** correct the number. If the value is meant as text (an id, a reference
    number), put it in quotes: `"12345678901234567890123456789012345"`.
    """
