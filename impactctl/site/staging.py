"""What a staged folder holds: the generated and hand-written pages, the theme overrides
and a ``mkdocs.yml`` without the impactctl plugin, for a builder that runs no plugins.

Links inside the generated HTML are written for MkDocs, relative to each page's URL
(MkDocs never rewrites raw HTML). Zensical rewrites every relative link in a page, raw HTML
included, as if it were relative to the page's *file* (as Markdown links are), so a
folder staged for Zensical carries its links in that form.
"""

from __future__ import annotations

import posixpath
import re
from functools import partial
from pathlib import Path

from impactctl.errors import ImpactError
from impactctl.site import config as mk
from impactctl.site.html import DEFER_BEGIN, DEFER_END, page_url
from impactctl.site.pages import generate, nav_is_grouped, site_nav
from impactctl.site.sources import Note, gather_for_one_build, links_outside
from impactctl.site.tighten import tightened

CONFIG = "mkdocs.yml"
_DATA = re.compile(f"^{re.escape(DEFER_BEGIN)}\n(.*?)\n{re.escape(DEFER_END)}$", re.S | re.M)
_KEPT = re.compile(r"(?:<p>)?<!-- impactctl:block (\d+) -->(?:</p>)?")
_HREF = re.compile(r'href="([^"#?]*)([^"]*)"')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def refuse_outside_links(folder: Path | None, *roots: Path) -> None:
    """Exit 2 if a hand-written site file is a link out of the repository."""
    if folder is None:
        return
    bad = links_outside(folder, roots)
    if bad:
        raise ImpactError(
            f"{folder / bad[0]} is a symbolic link that leads outside the repository "
            f"(or nowhere){f', and {len(bad) - 1} more' if len(bad) > 1 else ''}; "
            "the site was not built",
            "replace the link with the file itself: a site never publishes files from "
            "outside its repository",
        )


def _handwritten(folder: Path, skip: Path | None) -> dict[str, bytes]:
    """The hand-written files under ``folder`` (not hidden ones, not the overrides)."""
    files: dict[str, bytes] = {}
    for file in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not file.is_file() or (skip is not None and file.is_relative_to(skip)):
            continue
        rel = file.relative_to(folder).as_posix()
        if not any(part.startswith(".") for part in rel.split("/")):
            files[rel] = file.read_bytes()
    return files


def from_file(source: str, content: str) -> str:
    """``content``'s links, relative to the page's URL, made relative to its file."""
    url_dir = page_url(source, True)
    file_dir = posixpath.dirname(source)
    if url_dir.rstrip("/") == file_dir:  # an index page: its URL is its folder
        return content

    def rewrite(match: re.Match[str]) -> str:
        path, rest = match.group(1), match.group(2)
        if not path or path.startswith("/") or _SCHEME.match(path):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(url_dir, path))
        rel = posixpath.relpath(target, file_dir or ".")
        if path.endswith("/") or path in (".", ".."):
            rel = "./" if rel == "." else rel + "/"
        return f'href="{rel}{rest}"'

    return _HREF.sub(rewrite, content)


Kept = dict[str, list[str]]  # page -> the data blocks taken out of it, in order


def _set_aside(content: str, kept: list[str]) -> str:
    """Each block of charts and tables of numbers, out of the page, a placeholder in."""

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(1))
        return f"{DEFER_BEGIN}\n<!-- impactctl:block {len(kept) - 1} -->\n{DEFER_END}"

    return _DATA.sub(keep, content)


def _page(rel: str, content: str, *, relink: bool, kept: Kept | None) -> str:
    if kept is not None:
        content = _set_aside(content, kept.setdefault(rel, []))
    return from_file(rel, content) if relink else content


def staged_files(
    config: mk.SiteConfig, *, engine: str, kept: Kept | None = None
) -> tuple[dict[str, str | bytes], int, list[Note]]:
    """Every file of the staged folder, the number of generated pages, and the notes.

    With ``kept``, the data blocks (charts, tables of numbers) are taken out of the pages
    into it, for ``put_back`` after the build: the builder never handles their weight.
    """
    refuse_outside_links(config.docs_dir, config.base, config.repository)
    refuse_outside_links(config.custom_dir, config.base, config.repository)
    gathered = gather_for_one_build(config.repository, history=config.plugin.history)
    generated = generate(gathered.data, config.options)
    pages = _handwritten(config.docs_dir, config.custom_dir)
    overrides = _handwritten(config.custom_dir, None) if config.custom_dir else {}
    handwritten = [rel for rel in pages if rel.endswith(".md")]
    files: dict[str, str | bytes] = {f"docs/{rel}": data for rel, data in pages.items()}
    relink = engine == "zensical" and config.options.directory_urls
    for rel, content in generated.items():
        if rel.endswith(".md") and f"docs/{rel}" not in files:
            content = _page(rel, content, relink=relink, kept=kept)
        files.setdefault(f"docs/{rel}", content)  # a hand-written page wins, as in the plugin
    files.update({f"overrides/{rel}": data for rel, data in overrides.items()})
    files[CONFIG] = mk.staged_yaml(
        config,
        nav=site_nav(gathered.data, config.options, generated, handwritten),
        grouped=nav_is_grouped(gathered.data, config.options),
        extra=mk.data_changed(gathered.data, serving=False),
        overrides=bool(overrides),
        engine=engine,
    )
    count = sum(1 for rel in generated if rel.endswith(".md"))
    return files, count, gathered.notes


def _block(blocks: list[str], match: re.Match[str]) -> str:
    return blocks[int(match.group(1))]


def put_back(site: Path, kept: Kept, *, directory_urls: bool) -> None:
    """The data blocks, back into the built pages in place of their placeholders. Their
    links are relative to the page's URL, as written: no builder has rewritten them.
    Every page also loses the theme's indentation (see ``tighten``), as MkDocs' do."""
    done: set[Path] = set()
    for rel, blocks in kept.items():
        url = page_url(rel, directory_urls)
        path = site / (url + "index.html" if url.endswith("/") or not url else url)
        html, found = _KEPT.subn(partial(_block, blocks), path.read_text(encoding="utf-8"))
        if found != len(blocks):  # the builder dropped or changed a placeholder
            raise ImpactError(
                f"{path}: {len(blocks) - found} of the page's charts and tables could not be "
                "put back after the build",
                "build with --stage DIR --out OUT instead, and report this",
            )
        path.write_text(tightened(html), encoding="utf-8")
        done.add(path)
    for path in site.rglob("*.html"):
        if path not in done:
            path.write_text(tightened(path.read_text(encoding="utf-8")), encoding="utf-8")


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        dest = folder / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
