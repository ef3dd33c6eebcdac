"""Time the papers for the example's largest organisation: the board paper (goal < 3 s),
the workshop pack (goal < 5 s), and the import of a filled-in 30-statement capture
workbook (goal < 1 s). Run by hand, not in CI:

    .venv/bin/python benchmarks/papers.py [--runs 5]

Each figure is the median of ``--runs`` runs of the command as a user runs it (a fresh
``impactctl`` process: start-up, reading the repository, rendering, writing), and of the
library call in a warm process beside it. Scratch files go under a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent / "impactctl"
LARGEST = "example-trust"  # the most participants, ratings text and actions
EXTRA = 4  # statements added to the framework so the workbook has 30 rows


def _median(runs: int, job: Callable[[int], None]) -> float:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        job(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cpu_median(runs: int, job: Callable[[int], None]) -> float:
    """CPU seconds (user + system) of the child processes: on a shared, busy machine the
    wall-clock time says more about the neighbours than about impactctl."""
    times = []
    for i in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        job(i)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def _cli(*args: str) -> None:
    subprocess.run([str(BIN), *args], check=True, capture_output=True, env=os.environ)


def thirty_statement_repo(target: Path) -> Path:
    """The example framework with four more statements, and one organisation whose only
    cycle is a first draft (every statement not assessed)."""
    from impactctl.editing.scaffold import first_cycle_yaml
    from impactctl.reading.repository import load_repository

    text = (ROOT / "framework/nhs-impact/framework.yaml").read_text()
    block = text[text.index('      - id: "4.6"') : text.index("  - id: systems")]
    extra = "".join(block.replace('"4.6"', f'"4.{7 + i}"') for i in range(EXTRA))
    text = text.replace(block, block + extra)
    (target / "framework/nhs-impact").mkdir(parents=True)
    (target / "framework/nhs-impact/framework.yaml").write_text(text)
    org = target / "assessments/bench-trust"
    org.mkdir(parents=True)
    (org / "organisation.yaml").write_text("id: bench-trust\nname: Bench Trust\ntype: acute\n")
    fw = next(iter(load_repository(target).repository.frameworks.values()))
    assert len(fw.statements) == 30, len(fw.statements)
    (org / "2025-26.yaml").write_text(first_cycle_yaml(fw, "bench-trust", "2025-26"))
    return target


def filled_workbook(repo: Path, out: Path) -> Path:
    from openpyxl import load_workbook

    from impactctl.papers.documents import capture_workbook

    out.write_bytes(capture_workbook(repo, "bench-trust", None, datetime(2026, 11, 24)).data)
    book = load_workbook(out)
    ratings = book["Ratings"]
    for row in range(2, ratings.max_row + 1):
        ratings.cell(row, 3).value = "Developing"
        ratings.cell(row, 6).value = f"Agreed in the workshop after hearing each group ({row})."
        ratings.cell(row, 11).value = "Emerging"
    people = book["Participants"]
    for row, (group, role) in enumerate(
        [("Board", "Chair"), ("Staff", "Ward manager"), ("Staff", "Porter")], start=2
    ):
        people.cell(row, 1).value, people.cell(row, 2).value = group, role
    book.save(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    os.environ.setdefault("IMPACTCTL_TODAY", "2026-11-24")
    from impactctl.clock import today
    from impactctl.papers.documents import board_paper, workshop_pack
    from impactctl.papers.importing import import_capture

    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        rows = []
        for name, cli_args, call, goal in (
            (
                "board paper (report, pdf)",
                ["report", LARGEST, "--force", "--out", str(tmp / "board.pdf")],
                lambda: board_paper(ROOT, LARGEST, None, "pdf", today()),
                3.0,
            ),
            (
                "workshop pack (workshop, pdf)",
                ["workshop", LARGEST, "--force", "--out", str(tmp / "pack.pdf")],
                lambda: workshop_pack(ROOT, LARGEST, None, "pdf", today()),
                5.0,
            ),
        ):
            cold = _median(runs, lambda _i, a=cli_args: _cli("--repo", str(ROOT), *a))
            cpu = _cpu_median(runs, lambda _i, a=cli_args: _cli("--repo", str(ROOT), *a))
            warm = _median(runs, lambda _i, c=call: c())
            rows.append((name, cold, cpu, warm, goal))
        repo = thirty_statement_repo(tmp / "repo")
        book = filled_workbook(repo, tmp / "capture.xlsx")

        def fresh(i: int) -> Path:
            copy = tmp / f"copy-{i}"
            shutil.copytree(repo, copy)
            return copy

        copies = [fresh(i) for i in range(2 * runs)]

        def run_import(i: int) -> None:
            _cli("--repo", str(copies[i]), "import", "bench-trust", "2025-26", str(book))

        cold = _median(runs, run_import)
        cpu = _cpu_median(runs, lambda i: run_import(runs + i))

        again = [fresh(2 * runs + i) for i in range(runs)]
        warm = _median(
            runs,
            lambda i: import_capture(again[i], "bench-trust", "2025-26", book, check=False),
        )
        rows.append(("import, 30-statement workbook", cold, cpu, warm, 1.0))
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"{'what':32} {'command':>8} {'its CPU':>8} {'library':>8} {'goal':>5}"
        f"  (medians of {runs} runs)"
    )
    for name, cold, cpu, warm, goal in rows:
        mark = "ok" if cold < goal else "over (wall clock)" if cpu < goal else "OVER"
        print(f"{name:32} {cold:7.2f}s {cpu:7.2f}s {warm:7.2f}s {goal:4.1f}s  {mark}")


if __name__ == "__main__":
    main()
