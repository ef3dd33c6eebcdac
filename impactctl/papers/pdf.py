"""HTML to a tagged PDF: the one module that imports WeasyPrint.

``pdf/ua-1`` makes WeasyPrint write a tagged PDF (a structure tree with headings, tables
with header cells and figures with their text alternatives), the document language and
the title from ``<html lang>`` and ``<title>``, and selectable, searchable text. Nothing is
fetched: every image is inline, and any other address is refused.
"""

from __future__ import annotations

import logging

from impactctl.errors import ImpactError

VARIANT = "pdf/ua-1"


def html_to_pdf(html: str) -> bytes:
    """The tagged PDF of one HTML document."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except OSError as exc:  # Pango or its friends are missing
        raise ImpactError(
            f"cannot make a PDF: a system library WeasyPrint needs is missing ({exc})"[:300],
            "install them: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 "
            "(see the README), or use --format html",
        ) from None
    # WeasyPrint logs every CSS property it does not support; papers use none on purpose,
    # and a library must not write to the user's terminal.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    # Papers carry every image inline (data: addresses): nothing is read from disk or the
    # network, whatever a contributor wrote into a rationale.
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher, base_url=None)
    data = document.write_pdf(pdf_variant=VARIANT)
    assert isinstance(data, bytes)
    return data
