"""The floor for `impactctl site build`: a plain `mkdocs build` of static Markdown pages.

The static project is made in a scratch folder from the assessment repository's own
mkdocs.yml (same theme, extensions and hand-written pages) minus the impactctl plugin,
with filler pages added until it yields as many .html files as `site build` did. Filler
pages sit in folders of 20 and the explicit `nav` is dropped, so the navigation that
Material renders on every page grows with the page count, as the generated site's does.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import phrases as P
import yaml


class Tagged:
    """A value with a YAML tag we must keep but not interpret (!ENV, !!python/name:...)."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))


def _represent(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, "" if data.value is None else str(data.value))


_Loader.add_multi_constructor("!", _construct)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct)
_Dumper.add_representer(Tagged, _represent)


def html_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def _without_impactctl(plugins: Any) -> Any:
    if isinstance(plugins, dict):
        return {k: v for k, v in plugins.items() if not str(k).startswith("impactctl")}
    out = []
    for item in plugins or []:
        name = next(iter(item)) if isinstance(item, dict) else str(item)
        if not name.startswith("impactctl"):
            out.append(item)
    return out


def _page(n: int) -> str:
    """A page of about 4 KB: a heading, paragraphs and a 26-row table, like a rating page."""
    rows = "\n".join(
        f"| {i // 6 + 1}.{i % 6 + 1} | {P.REASONS[i % 5 + 1][0]} | {P.TOPICS['people'][i % 9]} |"
        for i in range(26)
    )
    paras = "\n\n".join(
        f"{P.ACTORS[(n + i) % len(P.ACTORS)]} {P.OBSERVED[(n + i) % len(P.OBSERVED)]} "
        f"{P.TOPICS['capability'][i % 8]}. The {P.DOCS[(n + i) % len(P.DOCS)]} showed "
        f"{P.FINDINGS[(n * 3 + i) % len(P.FINDINGS)]}. {P.OPENERS[i % 5]}, "
        f"{P.GAPS[(n + i) % len(P.GAPS)]}."
        for i in range(6)
    )
    head = "| Statement | Level | Topic |\n| --- | --- | --- |"
    return f"# Static page {n}\n\n{paras}\n\n{head}\n{rows}\n"


def _paragraph(n: int) -> str:
    """A one-paragraph page: what a builder costs per page, with nothing to parse."""
    return (
        f"# Static page {n}\n\n{P.ACTORS[n % len(P.ACTORS)]} "
        f"{P.OBSERVED[n % len(P.OBSERVED)]} {P.TOPICS['capability'][n % 8]}.\n"
    )


class StaticSite:
    """A scratch MkDocs project with the repository's theme config and N filler pages
    (about 4 KB each, or one paragraph each with ``paragraph=True``)."""

    def __init__(
        self, repo: Path, scratch: Path, prune: bool = False, paragraph: bool = False
    ) -> None:
        self.repo, self.scratch = repo, scratch
        self.page = _paragraph if paragraph else _page
        config = yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
        self.docs_dir = str(config.get("docs_dir", "docs"))
        config["plugins"] = _without_impactctl(config.get("plugins", ["search"]))
        if prune:  # what the impactctl plugin turns on for more than 20 organisations
            theme = config.setdefault("theme", {"name": "material"})
            features = theme.setdefault("features", [])
            if "navigation.prune" not in features:
                features.append("navigation.prune")
        for key in ("nav", "watch", "hooks", "strict"):
            config.pop(key, None)
        config["site_dir"] = str(scratch / "out")
        self.config = config
        self.fillers = 0

    def prepare(self, wanted_html: int) -> None:
        """Copy the hand-written pages and theme overrides; add fillers for wanted_html."""
        if self.scratch.exists():
            shutil.rmtree(self.scratch)
        self.scratch.mkdir(parents=True)
        copied = []
        custom = (self.config.get("theme") or {}).get("custom_dir")
        for rel in filter(None, [self.docs_dir, custom]):
            src = self.repo / str(rel)
            if src.is_dir() and str(rel) not in copied:
                shutil.copytree(src, self.scratch / str(rel), dirs_exist_ok=True)
                copied.append(str(rel))
        docs = self.scratch / self.docs_dir
        docs.mkdir(parents=True, exist_ok=True)
        if not (docs / "index.md").exists():
            (docs / "index.md").write_text("# Home\n", encoding="utf-8")
        (self.scratch / "mkdocs.yml").write_text(
            yaml.dump(self.config, Dumper=_Dumper, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
        existing = sum(1 for p in docs.rglob("*.md"))
        self.set_fillers(max(0, wanted_html - existing - 1))  # -1: MkDocs writes 404.html

    def set_fillers(self, count: int) -> None:
        folder = self.scratch / self.docs_dir / "bench-static"
        if folder.exists():
            shutil.rmtree(folder)
        for n in range(count):
            page = folder / f"group-{n // 20:03d}" / f"page-{n:05d}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(self.page(n), encoding="utf-8")
        self.fillers = count

    @property
    def config_file(self) -> Path:
        return self.scratch / "mkdocs.yml"

    @property
    def out(self) -> Path:
        return self.scratch / "out"
