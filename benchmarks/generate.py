"""Write a synthetic but valid assessment repository for benchmarks.

    .venv/bin/python benchmarks/generate.py OUT_DIR --orgs 250 --cycles 20 [--seed N]

N organisations x C cycles, one commit per cycle file (built with ONE `git fast-import`
process), levels that move like real ones (mostly one step up every few cycles, now and then
one down, never two), and text of a realistic size. The framework is the repository's own
`framework/nhs-impact/framework.yaml`, so statement and level ids are the real ones.

Everything is deterministic for a given seed: the same arguments give the same commits.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import phrases as P
import yaml
from render import render_action_plan, render_assessment, render_organisation

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent  # the impactctl repository: framework, mkdocs.yml and site/ come from here
FRAMEWORK_REL = "framework/nhs-impact/framework.yaml"
FRAMEWORK_FALLBACK = SOURCE / "impactctl/templates" / FRAMEWORK_REL
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Spread of provider types; ICBs are added separately (about 40 in 250, as in England).
PROVIDER_TYPES = [
    "acute",
    "mental-health",
    "acute",
    "community",
    "primary-care",
    "acute",
    "mental-health",
    "primary-care",
    "community",
    "ambulance",
    "acute",
    "primary-care",
]
ICB_SHARE = 40 / 250


@dataclass
class Framework:
    ref: str
    levels: list[str]  # level ids, lowest first; rank = index + 1
    labels: list[str]
    statements: list[tuple[str, str]]  # (component id, statement id)
    text: bytes


@dataclass
class Org:
    index: int
    id: str
    name: str
    type: str
    system: str | None
    author: str
    rng: random.Random = field(repr=False, default_factory=random.Random)


@dataclass
class Evidence:
    title: str
    url: str
    date: date


@dataclass
class RatingState:
    rank: int  # 0: not-assessed
    prev_rank: int | None  # the previous cycle's rank (None: first cycle)
    evidence: list[Evidence]
    target: int | None = None


@dataclass
class CycleState:
    cycle: str
    assessed_on: date
    status: str
    ratings: dict[str, RatingState]


# --- framework and cycles ---------------------------------------------------------------


def find_framework(wait: float) -> Path:
    """The repository's framework file; another engineer may still be writing it, so poll."""
    path = SOURCE / FRAMEWORK_REL
    deadline = time.monotonic() + wait
    while not path.is_file() and time.monotonic() < deadline:
        time.sleep(2)
    if path.is_file():
        return path
    if FRAMEWORK_FALLBACK.is_file():
        print(f"note: {FRAMEWORK_REL} not found; using {FRAMEWORK_FALLBACK}", file=sys.stderr)
        return FRAMEWORK_FALLBACK
    sys.exit(f"generate.py: no framework file at {path} or {FRAMEWORK_FALLBACK}")


def load_framework(path: Path) -> Framework:
    raw = path.read_bytes()
    d = yaml.load(raw, Loader=LOADER)
    statements = [(c["id"], str(s["id"])) for c in d["components"] for s in c["statements"]]
    return Framework(
        f"{d['id']}@{d['version']}",
        [lv["id"] for lv in d["levels"]],
        [lv["label"] for lv in d["levels"]],
        statements,
        raw,
    )


def cycle_calendar(count: int, yearly: bool) -> list[tuple[str, date, date]]:
    """(cycle id, first day, last day), oldest first, ending with 2025-q4 (or 2025-26)."""
    out = []
    if yearly:
        for year in range(2025 - count + 1, 2026):
            out.append((f"{year}-{(year + 1) % 100:02d}", date(year, 4, 1), date(year + 1, 3, 31)))
        return out
    last = 2025 * 4 + 3
    for n in range(last - count + 1, last + 1):
        year, q = divmod(n, 4)
        start = date(year, 3 * q + 1, 1)
        end = (date(year + (q == 3), (3 * q + 3) % 12 + 1, 1)) - timedelta(days=1)
        out.append((f"{year}-q{q + 1}", start, end))
    return out


# --- organisations ----------------------------------------------------------------------


def plan_organisations(count: int, seed: int) -> list[Org]:
    rng = random.Random(f"{seed}/orgs")
    places = P.PLACES[:]
    rng.shuffle(places)
    n_icb = max(1, min(count - 1, round(count * ICB_SHARE))) if count > 1 else 1
    used: set[str] = set()

    def unique(slug: str) -> str:
        base, n = slug, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        return slug

    orgs: list[Org] = []
    icbs: list[str] = []
    for i in range(count):
        a, b = places[i % len(places)], places[(i * 7 + 3) % len(places)]
        if b == a:
            b = places[(i * 7 + 4) % len(places)]
        if i >= len(places):  # more organisations than places: "North Ashford", ...
            a = f"{P.PREFIXES[(i // len(places) - 1) % len(P.PREFIXES)]} {a}"
        key = a.lower().replace(" ", "-")
        if i < n_icb:
            kind = "icb"
            slug, name = f"{key}-icb", f"NHS {a} and {b} Integrated Care Board"
        else:
            kind = PROVIDER_TYPES[(i - n_icb) % len(PROVIDER_TYPES)]
            slug, name = {
                "acute": (f"{key}-hospitals", f"{a} Hospitals NHS Foundation Trust"),
                "mental-health": (f"{key}-mental-health", f"{a} and {b} Mental Health NHS Trust"),
                "community": (f"{key}-community", f"{a} Community Healthcare NHS Trust"),
                "ambulance": (f"{key}-ambulance", f"{a} and {b} Ambulance Service NHS Trust"),
                "primary-care": (f"{key}-pcn", f"{a} Primary Care Network"),
            }[kind]
        slug = unique(slug)
        system = None if kind == "icb" else icbs[rng.randrange(len(icbs))]
        if kind == "icb":
            icbs.append(slug)
        orgs.append(
            Org(
                i,
                slug,
                name,
                kind,
                system,
                P.AUTHORS[rng.randrange(len(P.AUTHORS))],
                random.Random(f"{seed}/{i}"),
            )
        )
    return orgs


# --- how maturity moves -----------------------------------------------------------------


def _months_before(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month0 + 1, min(day.day, 28))


def _new_evidence(org: Org, rng: random.Random, after: date, before: date, n: int) -> Evidence:
    span = max(1, (before - after).days - 1)
    when = after + timedelta(days=1 + rng.randrange(span))
    opener, section = P.EVIDENCE_KINDS[rng.randrange(len(P.EVIDENCE_KINDS))]
    topic = rng.choice(P.GENERIC + P.TOPICS["capability"] + P.TOPICS["systems"])
    title = f"{opener} {topic.removeprefix('the ').removeprefix('our ')}, {when:%b %Y}"
    url = f"https://{rng.choice(('www', 'intranet'))}.{org.id}.nhs.uk/{section}/{when:%Y-%m}-{n}"
    return Evidence(title, url, when)


def simulate(org: Org, fw: Framework, calendar: list[tuple[str, date, date]]) -> list[CycleState]:
    """Each cycle's ranks and evidence: mostly +1 every few cycles, rarely -1, never +-2."""
    rng = org.rng
    top = len(fw.levels)
    base = rng.choice((1, 1, 1, 2, 2))
    pace = rng.uniform(0.05, 0.14)
    hidden = {sid: max(1, min(3, base + rng.choice((-1, 0, 0, 0, 1)))) for _c, sid in fw.statements}
    evidence: dict[str, list[Evidence]] = {sid: [] for sid in hidden}
    states: list[CycleState] = []
    draft_last = rng.random() < 0.3
    n = 0
    prev_on: date | None = None
    prev_ranks: dict[str, int] | None = None
    for k, (cycle, _start, end) in enumerate(calendar):
        last_month = date(end.year, end.month, 1)
        on = last_month + timedelta(days=2 + rng.randrange(20))
        since = prev_on or _months_before(on, 15)
        ratings = {}
        for _comp, sid in fw.statements:
            rank = hidden[sid]
            if prev_ranks is not None and prev_ranks[sid] != 0:
                roll = rng.random()
                if roll < pace * (1.15 - 0.2 * rank) and rank < top:
                    rank += 1
                elif roll > 0.985 and rank > 1:
                    rank -= 1
            hidden[sid] = rank
            shown = 0 if (k > 0 and rng.random() < 0.004) else rank
            kept = [
                e for e in evidence[sid] if e.date >= _months_before(on, 12) and rng.random() < 0.6
            ]
            raised = (
                prev_ranks is not None
                and prev_ranks[sid] not in (0, rank)
                and rank > prev_ranks[sid]
            )
            fresh = 1 if raised else (1 if rng.random() < (0.25 if k == 0 else 0.08) else 0)
            for _ in range(fresh):
                n += 1
                kept.append(_new_evidence(org, rng, since, on, n))
            evidence[sid] = kept[-2:] if rng.random() < 0.2 else kept[-1:]
            target = rank + 1 if shown and rank < top and rng.random() < 0.3 else None
            ratings[sid] = RatingState(
                shown, None if prev_ranks is None else prev_ranks[sid], list(evidence[sid]), target
            )
        status = "draft" if draft_last and k == len(calendar) - 1 else "agreed"
        states.append(CycleState(cycle, on, status, ratings))
        prev_on = on
        prev_ranks = {sid: r.rank for sid, r in ratings.items()}
    return states


def plan_actions(
    org: Org, fw: Framework, states: list[CycleState], today: date
) -> list[dict[str, Any]]:
    """8-12 actions; older ones done, recent ones open on the lowest-rated statements."""
    rng = org.rng
    latest = states[-1]
    weakest = sorted((r.rank or 99, sid) for sid, r in latest.ratings.items())
    weak = [sid for rank, sid in weakest if rank < len(fw.levels)][:10] or [fw.statements[0][1]]
    count = rng.randint(8, 12)
    overdue_one = rng.random() < 0.12
    actions: list[dict[str, Any]] = []
    for i in range(count):
        k = min(len(states) - 1, int(i * len(states) / count) + rng.randrange(2))
        raised = states[k]
        age = len(states) - 1 - k
        if age > 4:
            status = rng.choice(("done", "done", "done", "done", "dropped"))
        else:
            status = rng.choice(("planned", "in-progress", "in-progress", "blocked", "done"))
        open_ = status in ("planned", "in-progress", "blocked")
        pool = weak if open_ else [sid for _c, sid in fw.statements]
        statements = sorted(
            rng.sample(pool, min(len(pool), rng.randint(1, 3))),
            key=lambda s: [int(x) for x in s.split(".")],
        )
        due = raised.assessed_on + timedelta(days=270 + rng.randrange(280))
        if open_ and due <= today:
            due = today + timedelta(days=30 + rng.randrange(400))
            if overdue_one:
                due, overdue_one = today - timedelta(days=20 + rng.randrange(60)), False
        n_updates = {
            "done": rng.randint(2, 3),
            "in-progress": rng.randint(1, 2),
            "blocked": 1,
            "dropped": 1,
            "planned": 0,
        }[status]
        span = max(2, (min(due, latest.assessed_on) - raised.assessed_on).days)
        days = sorted(rng.sample(range(1, span), min(n_updates, span - 1)))
        updates = [
            (raised.assessed_on + timedelta(days=d), P.UPDATES[min(j, 4)])
            for j, d in enumerate(days)
        ]
        if status == "done" and updates:
            updates[-1] = (updates[-1][0], P.UPDATES[-1])
        topic = rng.choice(P.TOPICS.get(fw_component(fw, statements[0]), P.GENERIC))
        actions.append(
            {
                "id": f"a-{i + 1:03d}",
                "title": f"{rng.choice(P.ACTION_VERBS)} {topic} {rng.choice(P.PLACES_IN_ORG)}",
                "statements": statements,
                "owner": rng.choice(P.ACTION_OWNERS),
                "raised_in": raised.cycle,
                "due": due,
                "status": status,
                "measure": rng.choice(P.MEASURES),
                "updates": updates,
            }
        )
    # In the latest cycle a target only stands where an open action backs it (else W303).
    covered = {
        sid
        for a in actions
        if a["status"] in ("planned", "in-progress", "blocked")
        for sid in a["statements"]
    }
    top = len(fw.levels)
    for sid, r in latest.ratings.items():
        r.target = (
            r.rank + 1 if sid in covered and 0 < r.rank < top and rng.random() < 0.8 else None
        )
    return actions


def fw_component(fw: Framework, sid: str) -> str:
    return next((c for c, s in fw.statements if s == sid), "")


# --- git --------------------------------------------------------------------------------


@dataclass
class Commit:
    when: datetime
    author: str
    committer: str
    message: str
    files: list[tuple[str, bytes]]


def _person(who: str, when: datetime) -> str:
    return f"{who} {int(when.timestamp())} +0000"


def fast_import(out: Path, commits: list[Commit]) -> None:
    """Stream every commit to ONE `git fast-import` process, then check out the work tree."""
    proc = subprocess.Popen(
        ["git", "-C", str(out), "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE
    )
    assert proc.stdin is not None
    write = proc.stdin.write
    for c in commits:
        msg = c.message.encode() + b"\n"
        write(b"commit refs/heads/main\n")
        write(f"author {_person(c.author, c.when)}\n".encode())
        write(f"committer {_person(c.committer, c.when)}\n".encode())
        write(b"data %d\n%s" % (len(msg), msg))
        for path, content in c.files:
            write(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(content), content))
        write(b"\n")
    write(b"done\n")
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit("generate.py: git fast-import failed")
    subprocess.run(["git", "-C", str(out), "reset", "--hard", "--quiet"], check=True)


def site_files() -> list[tuple[str, bytes]]:
    """mkdocs.yml and site/ of the impactctl repository, if they exist yet."""
    files = []
    if (SOURCE / "mkdocs.yml").is_file():
        files.append(("mkdocs.yml", (SOURCE / "mkdocs.yml").read_bytes()))
        for folder in ("site", "schemas"):
            for p in sorted((SOURCE / folder).rglob("*")) if (SOURCE / folder).is_dir() else []:
                if p.is_file() and "__pycache__" not in p.parts:
                    files.append((p.relative_to(SOURCE).as_posix(), p.read_bytes()))
    return files


# --- main -------------------------------------------------------------------------------


def build(
    out: Path, orgs_n: int, cycles_n: int, seed: int, yearly: bool, today: date, wait: float
) -> dict[str, object]:
    t0 = time.perf_counter()
    fw_path = find_framework(wait)
    fw = load_framework(fw_path)
    calendar = cycle_calendar(cycles_n, yearly)
    orgs = plan_organisations(orgs_n, seed)
    first = calendar[0][2] - timedelta(days=120)
    setup = [
        (FRAMEWORK_REL, fw.text),
        (".gitignore", b".impactctl-cache/\n/public/\n/build/\n"),
        (
            "README.md",
            f"# Benchmark assessment repository\n\nSynthetic: {orgs_n} "
            f"organisations x {cycles_n} cycles, seed {seed}. Made by "
            "impactctl's benchmarks/generate.py.\n".encode(),
        ),
    ]
    setup += site_files()
    setup += [(f"assessments/{o.id}/organisation.yaml", render_organisation(o)) for o in orgs]
    commits = [
        Commit(
            datetime(first.year, first.month, first.day, 9, tzinfo=UTC),
            P.AUTHORS[0],
            P.AUTHORS[0],
            "Add the NHS IMPACT framework and the system's organisations",
            setup,
        )
    ]
    cycle_commits: list[Commit] = []
    sizes: list[int] = []
    pr = 100
    for org in orgs:
        states = simulate(org, fw, calendar)
        actions = plan_actions(org, fw, states, today)
        for k, state in enumerate(states):
            content = render_assessment(org, fw, state, org.rng)
            sizes.append(len(content))
            files = [(f"assessments/{org.id}/{state.cycle}.yaml", content)]
            if k == len(states) - 1:
                files.append(
                    (f"assessments/{org.id}/action-plan.yaml", render_action_plan(org, actions))
                )
            when = datetime(
                state.assessed_on.year,
                state.assessed_on.month,
                state.assessed_on.day,
                9 + org.index % 8,
                org.index % 60,
                tzinfo=UTC,
            ) + timedelta(days=1 + org.rng.randrange(5))
            verb = (
                "Start draft"
                if state.status == "draft"
                else org.rng.choice(("Agree", "Record", "Add"))
            )
            message = f"{verb} {state.cycle} self-assessment for {org.name}"
            committer = org.author
            if org.rng.random() < 0.4:
                pr += 1
                message += f" (#{pr})"
                committer = P.COMMITTER
            cycle_commits.append(Commit(when, org.author, committer, message, files))
    # Cycle order first, then time within the cycle.
    cycle_commits.sort(key=lambda c: (c.files[0][0].rsplit("/", 1)[1], c.when))
    commits += cycle_commits
    t_content = time.perf_counter() - t0

    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "--quiet", "-b", "main", str(out)], check=True)
    t1 = time.perf_counter()
    fast_import(out, commits)
    t_git = time.perf_counter() - t1
    return {
        "framework": str(fw_path),
        "organisations": orgs_n,
        "cycles": cycles_n,
        "cycle_files": len(sizes),
        "commits": len(commits),
        "median_cycle_bytes": int(statistics.median(sizes)),
        "min_cycle_bytes": min(sizes),
        "max_cycle_bytes": max(sizes),
        "statements": len(fw.statements),
        "site": bool(site_files()),
        "content_seconds": round(t_content, 2),
        "git_seconds": round(t_git, 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="folder to create (must not exist or be empty)")
    parser.add_argument("--orgs", type=int, default=250, help="organisations (default 250)")
    parser.add_argument(
        "--cycles",
        type=int,
        default=20,
        help="cycles per organisation (default 20: quarterly 2021-q1 .. 2025-q4)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--yearly",
        action="store_true",
        help="financial-year cycle ids (2024-25) instead of quarters",
    )
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date(2026, 11, 24),
        help="the IMPACTCTL_TODAY the repository is checked at: open actions "
        "fall due after it, except a few (default 2026-11-24)",
    )
    parser.add_argument("--force", action="store_true", help="delete OUT first if it exists")
    parser.add_argument(
        "--wait",
        type=float,
        default=0,
        help="seconds to wait for the framework file to appear (default 0)",
    )
    args = parser.parse_args(argv)
    if args.orgs < 1 or args.cycles < 1:
        parser.error("--orgs and --cycles must be at least 1")
    if args.out.exists() and any(args.out.iterdir()):
        if not args.force:
            parser.error(f"{args.out} is not empty (use --force to replace it)")
        shutil.rmtree(args.out)
    start = time.perf_counter()
    stats = build(args.out, args.orgs, args.cycles, args.seed, args.yearly, args.today, args.wait)
    stats["total_seconds"] = round(time.perf_counter() - start, 2)
    for key, value in stats.items():
        print(f"{key:>20}: {value}")


if __name__ == "__main__":
    main()
