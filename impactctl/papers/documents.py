"""The papers' front door: one function per command, from a repository to bytes on disk.

Each reads the repository once, works out the paper's cycle, renders HTML, and (for PDF)
hands it to WeasyPrint. A paper is written atomically and never replaces a file unless
asked to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from impactctl.editing.files import atomic_write
from impactctl.errors import ImpactError, RefusedToOverwrite
from impactctl.papers.facts import Focus, focus
from impactctl.papers.publication import publish_level
from impactctl.reading.repository import load_repository

FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class Paper:
    focus: Focus
    data: bytes
    default_name: str
    problems: int  # files that could not be read (left out, as the site does)


def _render(html: str, fmt: str) -> bytes:
    if fmt == "html":
        return html.encode("utf-8")
    from impactctl.papers.pdf import html_to_pdf

    return html_to_pdf(html)


def board_paper(root: Path, org: str, cycle: str | None, fmt: str, today: date) -> Paper:
    from impactctl.papers.board import board_paper as render

    loaded = load_repository(root)
    f = focus(loaded.repository, org, cycle, workshop=False)
    html = render(f, publish_level(root, org), today)
    name = f"{org}-{f.cycle}-board-paper.{fmt}"
    return Paper(f, _render(html, fmt), name, len(loaded.findings))


def workshop_pack(root: Path, org: str, cycle: str | None, fmt: str, today: date) -> Paper:
    from impactctl.papers.workshop import workshop_pack as render

    loaded = load_repository(root)
    f = focus(loaded.repository, org, cycle, workshop=True)
    html = render(f, today)
    slug = f.cycle.replace(" ", "-")
    name = f"{org}-{slug}-workshop-pack.{fmt}"
    return Paper(f, _render(html, fmt), name, len(loaded.findings))


def write_paper(path: Path, data: bytes, *, force: bool = False) -> Path:
    if path.exists() and not force:
        raise RefusedToOverwrite(
            f"{path} already exists", "choose another --out, or pass --force to replace it"
        )
    atomic_write(path, data)
    return path


@dataclass(frozen=True)
class Workbook:
    organisation: str
    cycle: str
    statements: int
    data: bytes


def capture_workbook(root: Path, org: str, cycle: str | None, made: datetime) -> Workbook:
    """The capture workbook for the workshop's cycle, filled in with that cycle's current
    values when its file exists."""
    from impactctl.papers.capture import capture_sheets
    from impactctl.papers.xlsx import workbook_bytes

    loaded = load_repository(root)
    f = focus(loaded.repository, org, cycle, workshop=True)
    if f.assessment is None and cycle is None:
        raise ImpactError(
            f"the latest cycle of {org} is agreed, so the workbook needs the new cycle's id",
            "pass --cycle, e.g. --cycle 2026-27 (the id you will import it into)",
        )
    book = capture_sheets(f.framework, org, f.cycle, f.assessment, made)
    data = workbook_bytes(book.sheets, made=made)
    return Workbook(org, f.cycle, book.statements, data)
