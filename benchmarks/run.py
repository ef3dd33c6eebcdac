"""Time impactctl's commands against their floors on one generated repository.

    .venv/bin/python benchmarks/run.py REPO [--runs 3] [--only validate,history] [--write]

Every measurement is a subprocess of the real CLI (`impactctl --repo REPO ...`, with
IMPACTCTL_TODAY pinned). Runs are interleaved (floor, cold, warm, floor, cold, warm, ...)
so that a busy machine slows both sides alike. Prints a Markdown table of medians, peak
memory and ratios; `--write` also saves it with the machine's details to
benchmarks/RESULTS.md. Commands that do not exist yet are reported as "not available".
See benchmarks/README.md for what each floor means.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from harness import USE_GNU_TIME, Sample, run_once, serve_rebuilds
from static_site import StaticSite, html_files

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent
GROUPS = ("validate", "history", "diff", "site", "serve")
CACHE = ".impactctl-cache"


@dataclass
class Measure:
    label: str
    cmd: list[str]
    prepare: Callable[[], None] = lambda: None
    samples: list[Sample] = field(default_factory=list)
    status: str = ""  # "", "not available", "failed: ...", "timed out"
    summarise: Callable[[str], str] | None = None  # stdout -> a one-line sanity check
    summary: str = ""

    failures: list[str] = field(default_factory=list)

    def add(self, sample: Sample, not_available: Callable[[Sample], bool]) -> None:
        """Keep a complete run; a timeout or "No such command" stops this measure; any
        other failure is recorded and the next run is still tried (the code under test may
        be mid-edit by someone else)."""
        if sample.code is None:
            self.status = "timed out"
        elif not_available(sample):
            self.status = "not available"
        elif sample.code not in (0, 1):  # 1: content fails, still a complete run
            last = (sample.stderr.strip().splitlines() or [""])[-1][:160]
            self.failures.append(f"exit {sample.code}: {last}")
        else:
            self.samples.append(sample)

    @property
    def ok(self) -> bool:
        return not self.status and bool(self.samples)

    def finish(self) -> None:
        if not self.samples and self.failures and not self.status:
            self.status = f"failed ({self.failures[-1]})"

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def rss_mb(self) -> float | None:
        values = [s.rss_kb for s in self.samples if s.rss_kb is not None]
        return max(values) / 1024 if values else None

    @property
    def tree_rss_mb(self) -> float | None:
        values = [s.tree_rss_kb for s in self.samples if s.tree_rss_kb is not None]
        return max(values) / 1024 if values else None

    @property
    def cpu(self) -> float | None:
        values = [s.cpu_seconds for s in self.samples if s.cpu_seconds is not None]
        return statistics.median(values) if values else None


@dataclass
class Row:
    measure: Measure
    floor: Measure | None = None
    note: str = ""


def _unavailable(sample: Sample) -> bool:
    return sample.code == 2 and "No such command" in sample.stderr


class Runner:
    def __init__(self, args: argparse.Namespace) -> None:
        self.repo: Path = args.repo.resolve()
        self.runs: int = args.runs
        self.timeout: float = args.timeout
        self.bin = args.venv.resolve() / "bin"
        self.scratch = Path(tempfile.mkdtemp(prefix="impactctl-bench-"))
        # impactctl keeps its parse cache outside the repository; give it a scratch one so
        # that "cold" is really cold and the user's ~/.cache is never touched.
        self.cache = self.scratch / "cache"
        self.env = {
            **_base_env(),
            "IMPACTCTL_TODAY": args.today,
            "NO_MKDOCS_2_WARNING": "1",
            "IMPACTCTL_CACHE_DIR": str(self.cache),
        }
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.diff_base: str = args.diff_base

    def impactctl(self, *args: str) -> list[str]:
        return [str(self.bin / "impactctl"), "--repo", str(self.repo), *args]

    def python(self, script: str, *args: str) -> list[str]:
        return [str(self.bin / "python"), str(HERE / script), *args]

    def clear_cache(self, also: Path | None = None) -> None:
        for folder in (self.repo / CACHE, self.cache, also):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)

    def available(self, *command: str) -> bool:
        probe = subprocess.run(
            self.impactctl(*command, "--help"), capture_output=True, text=True, env=self.env
        )
        return not (probe.returncode == 2 and "No such command" in probe.stderr)

    def once(self, m: Measure) -> Sample | None:
        if m.status:
            return None
        m.prepare()
        sample = run_once(m.cmd, self.env, self.repo, self.timeout, self.scratch)
        m.add(sample, _unavailable)
        if m.summarise and m.samples and m.samples[-1] is sample and not m.summary:
            try:
                m.summary = m.summarise(sample.stdout.read_text(encoding="utf-8"))
            except (ValueError, KeyError, TypeError) as exc:
                m.summary = f"unreadable output ({exc.__class__.__name__})"
        return sample

    def interleave(self, measures: list[Measure], warmup: Measure | None = None) -> None:
        """Warm the OS file cache once, then run each measure in turn, `runs` times."""
        if warmup is not None:
            run_once(warmup.cmd, self.env, self.repo, self.timeout, self.scratch)
        for _ in range(self.runs):
            for m in measures:
                self.once(m)

    def summaries(self, what: str, measures: list[Measure]) -> None:
        for m in measures:
            m.finish()
            if m.failures and m.samples:
                self.notes.append(
                    f"{m.label}: {len(m.failures)} of "
                    f"{len(m.failures) + len(m.samples)} runs failed and are not "
                    f"counted (last: {m.failures[-1]})."
                )
        said = [f"{m.label}: {m.summary}" for m in measures if m.summary]
        if said:
            self.notes.append(f"{what} output: " + "; ".join(said) + ".")

    # --- the measurements --------------------------------------------------------------

    def validate(self) -> None:
        floor = Measure(
            "PyYAML CSafeLoader, every file", self.python("floor_yaml.py", str(self.repo))
        )
        cold = Measure(
            "`validate` (cold)", self.impactctl("validate", "--format", "json"), self.clear_cache
        )
        warm = Measure("`validate` (warm)", self.impactctl("validate", "--format", "json"))
        floor.summarise = lambda out: f"{json.loads(out)['files']} files"
        cold.summarise = warm.summarise = _validate_summary
        self.interleave([floor, cold, warm], warmup=floor)
        self.rows += [Row(cold, floor), Row(warm, floor)]
        self.summaries("validate", [floor, cold, warm])

    def history(self) -> None:
        floor = Measure(
            "git log --raw + cat-file --batch + CSafeLoader",
            self.python("floor_history.py", str(self.repo)),
        )
        names = Measure(
            "`git log --name-only`", ["git", "-C", str(self.repo), "log", "--name-only"]
        )
        cold = Measure(
            "`history --format json` (cold)",
            self.impactctl("history", "--format", "json"),
            self.clear_cache,
        )
        warm = Measure(
            "`history --format json` (warm)", self.impactctl("history", "--format", "json")
        )
        if not self.available("history"):
            cold.status = warm.status = "not available"
        floor.summarise = cold.summarise = warm.summarise = _events_summary
        self.interleave([floor, names, cold, warm], warmup=floor)
        self.rows += [Row(cold, floor), Row(warm, floor), Row(cold, names)]
        self.summaries("history", [floor, names, cold, warm])

    def diff(self) -> None:
        """`diff --base` warm (its files parsed before: a second run), cold (no parse cache)
        and in the order CI runs it (after `validate` on an empty cache; validate untimed)."""
        commits = int(_git(self.repo, "rev-list", "--count", "HEAD") or 1)
        base = self.diff_base
        if base.startswith("HEAD~") and base[5:].isdigit() and int(base[5:]) >= commits:
            base = f"HEAD~{commits - 1}"
        cmd = self.impactctl("diff", "--base", base, "--format", "json")
        validate = self.impactctl("validate")

        def after_validate() -> None:
            self.clear_cache()
            subprocess.run(validate, env=self.env, cwd=self.repo, capture_output=True)

        warm = Measure(f"`diff --base {base} --format json` (warm)", cmd)
        cold = Measure(f"`diff --base {base} --format json` (cold)", cmd, self.clear_cache)
        ci = Measure(f"`diff --base {base} --format json` (after `validate`)", cmd, after_validate)
        measures = [warm, cold, ci]
        for m in measures:
            if not self.available("diff"):
                m.status = "not available"
            m.summarise = lambda out: f"{len(json.loads(out)['changes'])} changes"
        self.interleave(measures, warmup=warm)
        self.rows += [Row(m) for m in measures]
        self.summaries("diff", measures)

    def _static_floor(
        self, measure: Measure, folder: str, pages: int, *, prune: bool, zensical: bool = False
    ) -> None:
        """A plain build of one-paragraph pages, as many as ``pages`` .html files; its
        first run calibrates the filler count (theme or docs extras are not counted)."""
        static = StaticSite(self.repo, self.scratch / folder, prune=prune, paragraph=True)
        static.prepare(pages)
        if zensical:
            cache = static.scratch / ".cache"
            measure.prepare = lambda: shutil.rmtree(cache, ignore_errors=True)
            measure.cmd = [str(self.bin / "python"), "-m", "zensical", "build"]
            measure.cmd += ["-f", str(static.config_file)]
        else:
            measure.cmd = [str(self.bin / "mkdocs"), "build", "--quiet"]
            measure.cmd += ["-f", str(static.config_file)]
        self.once(measure)
        got = html_files(static.out)
        if measure.ok and got != pages:
            static.set_fillers(max(0, static.fillers + pages - got))
            measure.samples.clear()
            self.once(measure)
            got = html_files(static.out)
        measure.label = measure.label.replace("N ", f"{got} ")

    def site(self) -> None:
        """`site build` warm (the parse cache filled), cold (empty), and in CI's order
        (after `validate` on an empty cache; validate untimed), against plain builds of as
        many one-paragraph pages; `--engine zensical` (stage + `zensical build`) against a
        plain Zensical build of as many pages. All interleaved, in one run."""
        out, zout = self.scratch / "site-build", self.scratch / "site-zensical"
        build = self.impactctl("site", "build", "--out", str(out))
        validate = self.impactctl("validate")

        def after_validate() -> None:
            self.clear_cache(also=out)
            subprocess.run(validate, env=self.env, cwd=self.repo, capture_output=True)

        warm = Measure("`site build` (warm)", build, lambda: shutil.rmtree(out, True))
        cold = Measure("`site build` (cold)", build, lambda: self.clear_cache(also=out))
        ci = Measure("`site build` (after `validate`)", build, after_validate)
        zen = Measure(
            "`site build --engine zensical` (warm)",
            self.impactctl("site", "build", "--engine", "zensical", "--out", str(zout)),
            lambda: shutil.rmtree(zout, True),
        )
        yaml_floor = Measure(
            "PyYAML CSafeLoader, every file", self.python("floor_yaml.py", str(self.repo))
        )
        pruned = Measure("`mkdocs build`, N one-paragraph pages, navigation.prune", [])
        plain = Measure("`mkdocs build`, N one-paragraph pages", [])
        zfloor = Measure("`zensical build`, N one-paragraph pages", [])
        everything = [warm, cold, ci, zen, yaml_floor, pruned, plain, zfloor]
        if not (self.repo / "mkdocs.yml").is_file():
            for m in everything:
                m.status = "not available (no mkdocs.yml)"
        self.once(cold)  # also tells the floors how many pages to make
        if not cold.ok:
            self.summaries("site", everything)
            self.rows.append(Row(cold))
            return
        pages = html_files(out)
        self._static_floor(pruned, "static-pruned", pages, prune=True)
        self._static_floor(plain, "static", pages, prune=False)
        self._static_floor(zfloor, "static-zensical", pages, prune=False, zensical=True)
        for m in (warm, ci, zen, yaml_floor):
            self.once(m)
        for _ in range(self.runs - 1):
            for m in everything:
                self.once(m)
        for m in (warm, cold, ci, zen):
            m.label += f", {pages} pages"
        parse_and_build = _sum("CSafeLoader + that plain build", yaml_floor, pruned)
        self.rows += [
            Row(warm, pruned),
            Row(warm, plain),
            Row(cold, parse_and_build),
            Row(ci, parse_and_build),
            Row(ci, pruned),
            Row(zen, zfloor),
        ]
        self.summaries("site", everything)

    def serve(self) -> None:
        m = Measure("`mkdocs serve` rebuild after one cycle file changes", [])
        if not (self.repo / "mkdocs.yml").is_file():
            m.status = "not available (no mkdocs.yml)"
            self.rows.append(Row(m))
            return
        changed = sorted((self.repo / "assessments").glob("*/2*.yaml"))[-1]
        result = serve_rebuilds(
            str(self.bin / "mkdocs"), self.repo, changed, self.runs, self.env, self.timeout
        )
        if result.rebuilds:
            m.samples = [Sample(s, result.rss_kb, 0, Path(), "") for s in result.rebuilds]
            builds = ", ".join(f"{b:.2f}" for b in result.builds or [])
            self.notes.append(
                f"`mkdocs serve`: first build {result.first_build:.2f} s; "
                f"MkDocs' own build times on change: {builds} s; peak RSS is "
                "the server's VmHWM."
            )
        if result.error and not m.samples:
            m.status = (
                result.error
                if result.error.startswith("not available")
                else f"failed: {result.error}"
            )
        elif result.error:
            self.notes.append(f"`mkdocs serve`: {result.error}")
        self.rows.append(Row(m))


def _sum(label: str, a: Measure, b: Measure) -> Measure:
    """A floor made of two, run by run: the i-th run of each, added."""
    both = Measure(label, [])
    for x, y in zip(a.samples, b.samples, strict=False):
        both.samples.append(
            Sample(
                x.seconds + y.seconds,
                max(x.rss_kb or 0, y.rss_kb or 0) or None,
                0,
                x.stdout,
                "",
                (x.cpu_seconds or 0) + (y.cpu_seconds or 0),
            )
        )
    if not both.samples:
        both.status = "not available"
    return both


def _validate_summary(out: str) -> str:
    d = json.loads(out)
    return f"{d['files']} files, {len(d['diagnostics'])} diagnostics, ok={d['ok']}"


def _events_summary(out: str) -> str:
    return f"{len(json.loads(out)['events'])} events"


def _base_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("IMPACTCTL_")}


def _git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else ""


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _fmt_s(m: Measure) -> str:
    if m.status:
        return _cell(m.status)
    if not m.samples:
        return "—"
    lo, hi = min(s.seconds for s in m.samples), max(s.seconds for s in m.samples)
    return f"{m.median:.2f} ({lo:.2f}-{hi:.2f})"


def _fmt_mb(m: Measure | None) -> str:
    if m is None or not m.ok or m.rss_mb is None:
        return "—"
    tree = m.tree_rss_mb
    return f"{m.rss_mb:.0f}" + (f" / {tree:.0f}" if tree and tree > m.rss_mb * 1.1 else "")


def _fmt_cpu(m: Measure | None) -> str:
    return f"{m.cpu:.2f}" if m is not None and m.ok and m.cpu is not None else "—"


def table(rows: list[Row], runs: int) -> str:
    out = [
        f"| measurement | median s (min-max), {runs} runs | CPU s | peak RSS MB | floor | "
        "floor median s | floor CPU s | floor peak RSS MB | ratio |",
        "| --- | --- | ---: | ---: | --- | --- | ---: | ---: | ---: |",
    ]
    for r in rows:
        m, f = r.measure, r.floor
        ratio = f"{m.median / f.median:.1f}x" if f and m.ok and f.ok and f.median > 0 else "—"
        out.append(
            f"| {m.label} | {_fmt_s(m)} | {_fmt_cpu(m)} | {_fmt_mb(m)} | "
            f"{f.label if f else '—'} | {_fmt_s(f) if f else '—'} | {_fmt_cpu(f)} | "
            f"{_fmt_mb(f)} | {ratio} |"
        )
    return "\n".join(out) + "\n"


LEGEND = (
    "Wall-clock medians. CPU s = user + system time of the whole process tree (median). "
    'Peak RSS = the largest single process (`/usr/bin/time -v`); "A / B" when the summed '
    "RSS of the process tree, sampled every 50 ms, was higher (B), as with a worker pool. "
    "Ratio = median / floor median. Cold = impactctl's parse cache deleted before each run "
    "(the OS file cache stays warm: every run reads the same files once first).\n"
)


def repo_shape(repo: Path) -> dict[str, object]:
    cycles = [
        p
        for p in repo.glob("assessments/*/*.yaml")
        if p.name not in ("organisation.yaml", "action-plan.yaml")
    ]
    sizes = sorted(p.stat().st_size for p in cycles)
    return {
        "organisations": sum(1 for p in repo.glob("assessments/*") if p.is_dir()),
        "cycle files": len(cycles),
        "YAML files validate reads": len(cycles)
        + sum(1 for p in repo.glob("assessments/*/*.yaml") if p not in set(cycles))
        + sum(1 for _ in repo.glob("framework/*/framework.yaml")),
        "commits": _git(repo, "rev-list", "--count", "HEAD"),
        "median cycle file bytes": int(statistics.median(sizes)) if sizes else 0,
    }


def machine() -> dict[str, str]:
    info = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in info.splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem = Path("/proc/meminfo").read_text().split("\n")[0] if Path("/proc/meminfo").exists() else ""
    mem_gb = f"{int(mem.split()[1]) / 1024 / 1024:.1f} GB" if mem else "unknown"
    load = (
        Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    )
    head = _git(SOURCE, "rev-parse", "HEAD")
    dirty = _git(SOURCE, "status", "--porcelain")
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "impactctl commit": head
        + (f" (+{len(dirty.splitlines())} uncommitted paths in the work tree)" if dirty else ""),
        "nproc": subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(),
        "CPU": model,
        "memory": mem_gb,
        "Python": subprocess.run(
            [sys.executable, "--version"], capture_output=True, text=True
        ).stdout.strip(),
        "git": _git(SOURCE, "--version"),
        "load average at start": " ".join(load),
        "peak memory from": "/usr/bin/time -v" if USE_GNU_TIME else "getrusage(RUSAGE_CHILDREN)",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path, help="a repository made by generate.py")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument(
        "--only", default=",".join(GROUPS), help=f"comma-separated subset of {','.join(GROUPS)}"
    )
    parser.add_argument("--write", action="store_true", help="also write benchmarks/RESULTS.md")
    parser.add_argument(
        "--today", default="2026-11-24", help="IMPACTCTL_TODAY (default 2026-11-24)"
    )
    parser.add_argument(
        "--diff-base",
        default="HEAD~250",
        help="base ref for diff (default HEAD~250: the last cycle of 250 organisations)",
    )
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run (default 900)")
    parser.add_argument(
        "--venv",
        type=Path,
        default=SOURCE / ".venv",
        help="the virtualenv with impactctl, mkdocs and PyYAML",
    )
    args = parser.parse_args(argv)
    only = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = sorted(set(only) - set(GROUPS))
    if unknown:
        parser.error(f"unknown --only {', '.join(unknown)}; choose from {', '.join(GROUPS)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not (args.repo / "assessments").is_dir():
        parser.error(f"{args.repo} has no assessments/ (make one with generate.py)")
    info = machine()
    runner = Runner(args)
    try:
        for group in GROUPS:
            if group in only:
                print(f"… {group}", file=sys.stderr, flush=True)
                getattr(runner, group)()
    finally:
        shutil.rmtree(runner.scratch, ignore_errors=True)
    shape = repo_shape(runner.repo)
    if Path("/proc/loadavg").exists():
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        runner.notes.append(
            f"Load average: {info['load average at start']} at the start, "
            f"{load} at the end, on {info['nproc']} CPUs (other work on the "
            "machine slows both sides of a ratio, but not always equally)."
        )
    body = table(runner.rows, args.runs) + "\n" + LEGEND
    notes = "".join(f"- {n}\n" for n in runner.notes)
    print(body + ("\n" + notes if notes else ""))
    if args.write:
        write_results(info, shape, body, notes, args, only)
        print(f"wrote {HERE / 'RESULTS.md'}", file=sys.stderr)
    return 0


def write_results(
    info: dict[str, str],
    shape: dict[str, object],
    body: str,
    notes: str,
    args: argparse.Namespace,
    only: list[str],
) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"`benchmarks/run.py {args.repo} --runs {args.runs} --only {','.join(only)}` "
        f"with IMPACTCTL_TODAY={args.today}. How to reproduce and what the floors mean: "
        "[README.md](README.md).",
        "",
        "## Machine",
        "",
    ]
    lines += [f"- {k}: {v}" for k, v in info.items()]
    lines += ["", "## Repository", ""] + [f"- {k}: {v}" for k, v in shape.items()]
    lines += ["", "## Results", "", body.rstrip("\n")]
    if notes:
        lines += ["", notes.rstrip("\n")]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
