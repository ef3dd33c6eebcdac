"""Reading an assessment repository: the one front door every command uses.

Files are found by the layout in SPEC section 2, read through ``yamlio`` (refusing hostile
YAML), checked against their JSON Schema, and only then turned into domain objects. A file
with a well-formedness error is reported and left out of the model, so one typo does not
cascade into dozens of reference errors.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from impactctl.diagnostics import Finding, Location
from impactctl.model import (
    ActionPlan,
    Assessment,
    Framework,
    Organisation,
    OrganisationRecord,
    Repository,
)
from impactctl.reading.build import BUILDERS
from impactctl.reading.cache import Cache, blob_key, file_key, open_cache
from impactctl.reading.entries import Entry, decode_entry, document_of, findings_of, parse_task
from impactctl.reading.files import is_text_name, name_problem, read_file, repository_files
from impactctl.reading.layout import cycle_id, cycle_order, kind_of
from impactctl.reading.yaml import YamlProblem

if TYPE_CHECKING:  # a commit's side needs git only when one is read: validate never does
    from impactctl.gitio import GitRepo

Coded = tuple[str, Finding]


@dataclass
class LoadResult:
    repository: Repository
    findings: list[Coded] = field(default_factory=list)
    files_read: int = 0


Reader = Callable[[str], bytes]


@dataclass
class Shared:
    """Parsed and built files by content key, for loads in one process that overlap."""

    entries: dict[str, Entry] = field(default_factory=dict)
    built: dict[str, Any] = field(default_factory=dict)
    last_load: set[str] = field(default_factory=set)  # the keys the latest load used

    def forget_the_rest(self) -> None:
        """Keep only what the latest load used, so a long ``mkdocs serve`` does not grow
        with every edit."""
        for table in (self.entries, self.built):
            for k in [k for k in table if k not in self.last_load]:
                del table[k]


PARALLEL_FROM = 200  # files to parse before a second process pays for its start-up


def load_repository(
    root: Path, files: Iterable[str] | None = None, shared: Shared | None = None
) -> LoadResult:
    """Read the repository's work tree into a Repository, collecting findings on the way.
    ``shared`` keeps what was built for the next load in this process (``mkdocs serve``)."""
    root = root.resolve()
    refused: list[Coded] = []
    rels = list(files) if files is not None else repository_files(root, refused)
    loaded = load_sources(
        root, rels, lambda rel: read_file(root, rel), None, shared=shared, refused=refused
    )
    if shared is not None:
        shared.forget_the_rest()
    return loaded


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while thousands of objects are built.

    Loading makes no reference cycles, yet each 700 allocations wake the collector, which
    then walks every object built so far: 5-10% of a national `diff --base`. Anything cyclic
    made meanwhile is collected when it resumes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@collector_paused()
def load_sources(
    root: Path,
    rels: list[str],
    read: Reader,
    snapshot: frozenset[str] | None,
    cache: Cache | None = None,
    shared: Shared | None = None,
    blob_ids: Mapping[str, str] | None = None,
    refused: Iterable[Coded] = (),
    kinds: Mapping[str, str] | None = None,
) -> LoadResult:
    """Build a Repository from any source of files (the work tree, or a git commit).

    Each file is parsed once per content: entries come from the cache when its bytes were
    seen before, and the rest are parsed on every core when there are many.
    ``snapshot`` lists every file of a git tree, so that evidence paths are checked against
    that commit rather than the work tree; None means "look on disk under root".
    ``shared`` lets two loads (the sides of a diff) build each identical file once.
    ``blob_ids`` gives the git object id of files whose content git already knows (a
    commit's files, or work-tree files git says are unchanged): their cache key comes from
    that id, so a cached file is not read at all. git's ids are collision-hardened SHA-1;
    every file is also keyed by a SHA-256 of its bytes, so a blob whose bytes `validate`
    already parsed from the work tree is not parsed again. ``kinds`` names the kind of a
    file outside the layout (a cycle file given by path to `diff`). ``refused`` are the
    findings of listing the files (names that are not UTF-8, folders that cannot be read):
    reported with the rest.
    """
    cache = cache if cache is not None else open_cache()
    kinds = kinds or {}
    ours = [(rel, kind) for rel in rels if (kind := kinds.get(rel) or kind_of(rel)) is not None]
    parsed = _Parsed(findings=[*refused, *_not_read(rels)])
    todo = [
        item
        for rel, kind in ours
        if (item := parsed.look_up(rel, kind, read, cache, shared, blob_ids)) is not None
    ]
    for (rel, _kind, _raw, k, by_content), blob in zip(todo, _parse_all(todo), strict=True):
        for name in {k, by_content}:
            cache.put_bytes("files", name, blob)
        decoded = decode_entry(blob)
        assert decoded is not None  # we just encoded it
        parsed.entries[rel] = decoded
    built = parsed.build(ours, shared)
    broken = frozenset(rel for rel, _kind in ours if rel not in built)
    repository = _assemble(root, built, _cycle_ids(ours), snapshot, broken)
    return LoadResult(repository, parsed.findings, len(ours))


Todo = tuple[str, str, bytes, str, str]  # rel, kind, bytes, key, content key


@dataclass
class _Parsed:
    """Each file's parsed entry and the cache key it is known by, and the findings of
    files that could not be read or parsed."""

    entries: dict[str, Entry] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    findings: list[Coded] = field(default_factory=list)

    def look_up(
        self,
        rel: str,
        kind: str,
        read: Reader,
        cache: Cache,
        shared: Shared | None,
        blob_ids: Mapping[str, str] | None,
    ) -> Todo | None:
        """Find the file's entry in a cache, or say what must be parsed (None: found, or
        unreadable and reported)."""
        known = blob_ids.get(rel) if blob_ids is not None else None
        if known is not None:
            # git's id names the content: a cached file need not even be read.
            k = self.keys[rel] = blob_key(kind, rel, known)
            found = cached_entry(k, cache, shared)
            if found is not None:
                self.entries[rel] = found
                return None
        try:
            raw = read(rel)
        except YamlProblem as problem:
            self.findings.append((problem.code, problem.finding))
            return None
        by_content = file_key(kind, rel, raw)
        if known is None:
            k = self.keys[rel] = by_content
        found = cached_entry(by_content, cache, shared)
        if found is None:
            return rel, kind, raw, k, by_content
        # These bytes were parsed before (by `validate`, from the work tree): remember the
        # entry under the blob id as well, so the next load need not read the blob.
        if known is not None:
            cache.alias("files", by_content, k)
        self.entries[rel] = found
        return None

    def build(self, ours: list[tuple[str, str]], shared: Shared | None) -> dict[str, Any]:
        """The domain object of every well-formed file; the findings of the others."""
        built: dict[str, Any] = {}
        for rel, kind in ours:
            entry = self.entries.get(rel)
            if entry is None:
                continue  # unreadable: already reported
            self.findings.extend(findings_of(entry))
            doc = document_of(entry, rel)
            if doc is None:
                continue
            if shared is None:
                built[rel] = BUILDERS[kind](doc)
                continue
            k = self.keys[rel]
            shared.entries[k] = entry
            if k not in shared.built:
                shared.built[k] = BUILDERS[kind](doc)
            built[rel] = shared.built[k]
        if shared is not None:
            shared.last_load = set(self.keys.values())
        return built


def _not_read(rels: list[str]) -> list[Coded]:
    """E117 for each `.yml` file where the layout expects `.yaml`."""
    return [
        (
            "E117",
            Finding(
                Location(rel),
                "this file is not read: impactctl reads files ending in .yaml",
                f"rename it to {rel.removesuffix('.yml')}.yaml",
            ),
        )
        for rel in rels
        if rel.endswith(".yml") and kind_of(rel.removesuffix(".yml") + ".yaml")
    ]


def _cycle_ids(ours: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Every cycle file's id by organisation folder, readable or not (a broken file still
    counts for the `cycles` list and for actions' `raised_in`)."""
    ids: dict[str, list[str]] = {}
    for rel, kind in ours:
        if kind == "assessment":
            ids.setdefault(rel.split("/")[1], []).append(cycle_id(rel))
    return ids


def cached_entry(k: str, cache: Cache, shared: Shared | None = None) -> Entry | None:
    """The parsed entry stored under key ``k``, or None."""
    if shared is not None and k in shared.entries:
        return shared.entries[k]
    blob = cache.get_bytes("files", k)
    return decode_entry(blob) if blob is not None else None


def _parse_all(todo: list[Todo]) -> list[bytes]:
    tasks = [(raw, rel, kind) for rel, kind, raw, _k, _by_content in todo]
    workers = min(os.cpu_count() or 1, 4)
    if len(tasks) < PARALLEL_FROM or workers < 2:
        return [parse_task(t) for t in tasks]
    from concurrent.futures import ProcessPoolExecutor  # only big loads pay for the import

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(parse_task, tasks, chunksize=32))


def _assemble(
    root: Path,
    built: dict[str, Any],
    cycle_ids: dict[str, list[str]],
    snapshot: frozenset[str] | None,
    broken: frozenset[str],
) -> Repository:
    frameworks: dict[str, Framework] = {}
    shadowed: list[Framework] = []
    orgs: dict[str, Organisation] = {}
    plans: dict[str, ActionPlan] = {}
    cycles: dict[str, list[Assessment]] = {}
    for rel, obj in built.items():
        org_dir = rel.split("/")[1]
        if isinstance(obj, Framework):
            if obj.ref in frameworks:
                shadowed.append(obj)
            else:
                frameworks[obj.ref] = obj
        elif isinstance(obj, Organisation):
            orgs[org_dir] = obj
        elif isinstance(obj, ActionPlan):
            plans[org_dir] = obj
        elif isinstance(obj, Assessment):
            cycles.setdefault(org_dir, []).append(obj)
    records: dict[str, OrganisationRecord] = {}
    for org_id in sorted(set(orgs) | set(plans) | set(cycles) | set(cycle_ids)):
        organisation = orgs.get(org_id)
        files = cycle_ids.get(org_id, [])
        order = [c for c in cycle_order(organisation, files) if c in files]
        position = {c: i for i, c in enumerate(order)}
        ordered = sorted(
            cycles.get(org_id, []), key=lambda a: position.get(cycle_id(a.file), len(order))
        )
        records[org_id] = OrganisationRecord(
            org_id, organisation, tuple(ordered), plans.get(org_id), tuple(order)
        )
    return Repository(root, frameworks, records, snapshot, broken, tuple(shadowed))


# --- the sides of a comparison: a git commit or the work tree ---------------------------


@dataclass(frozen=True)
class Side:
    root: Path
    files: tuple[str, ...]  # our files on this side, repository-relative
    read: Callable[[str], bytes]
    snapshot: frozenset[str] | None  # every file of a git tree; None: the work tree
    blob_ids: Mapping[str, str]  # git object ids of files whose content git knows
    refused: tuple[Coded, ...] = ()  # files left out when listing: names that are not UTF-8

    def load(
        self,
        only: Iterable[str] | None = None,
        shared: Shared | None = None,
        kinds: Mapping[str, str] | None = None,
    ) -> LoadResult:
        """The side's files (or ``only`` those), read once, parsed once per content."""
        rels = sorted(set(only)) if only is not None else list(self.files)
        return load_sources(
            self.root,
            rels,
            self.read,
            snapshot=self.snapshot,
            shared=shared,
            blob_ids=self.blob_ids,
            refused=self.refused if only is None else (),
            kinds=kinds,
        )


def at_commit(git: GitRepo, root: Path, commit: str) -> Side:
    """The repository at ``commit`` (a verified sha)."""
    prefix = git.prefix_of(root)
    everything = git.tree(commit, *([prefix] if prefix else []))
    ours = {path[len(prefix) :]: sha for path, sha in everything.items() if path.startswith(prefix)}
    files = tuple(sorted(rel for rel in ours if kind_of(rel) is not None))
    refused = tuple(name_problem(rel) for rel in files if not is_text_name(rel))
    files = tuple(rel for rel in files if is_text_name(rel))
    return Side(root, files, lambda rel: git.blob(ours[rel]), frozenset(ours), ours, refused)


def work_tree(
    root: Path,
    same_as: Mapping[str, str] | None = None,
    contents: Mapping[str, bytes | YamlProblem] | None = None,
) -> Side:
    """The files on disk; ``same_as`` names the git blobs of files git reports unchanged;
    ``contents`` holds files already read (by the checks), which are not read again."""
    refused: list[Coded] = []
    files = tuple(rel for rel in repository_files(root, refused) if kind_of(rel) is not None)
    known = contents or {}

    def read(rel: str) -> bytes:
        value = known.get(rel)
        if value is None:
            return read_file(root, rel)
        if isinstance(value, YamlProblem):
            raise value
        return value

    return Side(root, files, read, None, same_as or {}, tuple(refused))
