"""Timing and memory of one subprocess, and the `mkdocs serve` rebuild probe (see run.py).

Peak memory is `/usr/bin/time -v`'s "Maximum resident set size": the largest single
process in the command's tree (not a sum). Without GNU time, a fresh Python wrapper runs
the command and reports getrusage(RUSAGE_CHILDREN).ru_maxrss, which means the same. As a
command may use a pool of worker processes, the summed RSS of the whole process tree is
also sampled every 50 ms from /proc, and CPU time (user + system, children included) is
kept beside wall time.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

GNU_TIME = Path("/usr/bin/time")
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{r.ru_maxrss} {r.ru_utime + r.ru_stime}')\n"
    "sys.exit(code)\n"
)


@dataclass
class Sample:
    seconds: float
    rss_kb: int | None  # the largest single process
    code: int | None  # None: timed out
    stdout: Path
    stderr: str
    cpu_seconds: float | None = None
    tree_rss_kb: int | None = None  # the whole process tree, sampled


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss_kb(pid: int) -> int:
    """Summed resident memory of pid's descendants (not pid: that is the timing wrapper)."""
    tree, total = _children(), 0
    todo = list(tree.get(pid, []))
    while todo:
        p = todo.pop()
        todo.extend(tree.get(p, []))
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(match.group(1)) if match else 0
    return total


def _gnu_time_works() -> bool:
    if not GNU_TIME.is_file():
        return False
    probe = subprocess.run([str(GNU_TIME), "-v", "true"], capture_output=True, text=True)
    return "Maximum resident set size" in probe.stderr


USE_GNU_TIME = _gnu_time_works()


def run_once(
    cmd: list[str], env: dict[str, str], cwd: Path, timeout: float, out_dir: Path
) -> Sample:
    """Run cmd once; wall time around the whole process; stdout kept in a file."""
    fd, rss_name = tempfile.mkstemp(prefix="rss-", dir=out_dir)
    os.close(fd)
    rss_file = Path(rss_name)
    if USE_GNU_TIME:
        wrapped = [str(GNU_TIME), "-v", "-o", str(rss_file), *cmd]
    else:
        wrapped = [sys.executable, "-c", _WRAPPER, str(rss_file), *cmd]
    stdout, stderr = out_dir / "stdout.txt", out_dir / "stderr.txt"
    peak_tree = 0
    code: int | None
    with stdout.open("wb") as out, stderr.open("wb") as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=out, stderr=err_file, env=env, cwd=cwd)
        while True:
            try:
                code = proc.wait(timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                if time.perf_counter() - start > timeout:
                    proc.kill()
                    proc.wait()
                    code = None
                    break
                peak_tree = max(peak_tree, tree_rss_kb(proc.pid))
        seconds = time.perf_counter() - start
    err = stderr.read_text(encoding="utf-8", errors="replace")
    text = rss_file.read_text() if rss_file.exists() else ""
    rss_file.unlink(missing_ok=True)
    cpu: float | None = None
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if match:
        rss: int | None = int(match.group(1))
        user = re.search(r"User time \(seconds\): ([\d.]+)", text)
        system = re.search(r"System time \(seconds\): ([\d.]+)", text)
        if user and system:
            cpu = float(user.group(1)) + float(system.group(1))
    elif len(text.split()) == 2:
        rss, cpu = int(text.split()[0]), float(text.split()[1])
    else:
        rss = None
    if USE_GNU_TIME and code is not None:
        # GNU time reports a killed child as "Command terminated by signal N".
        killed = re.search(r"Command terminated by signal (\d+)", text)
        if killed:
            code = -int(killed.group(1))
    return Sample(seconds, rss, code, stdout, err, cpu, peak_tree or None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServeResult:
    first_build: float | None = None
    rebuilds: list[float] = field(default_factory=list)  # change -> "Reloading browsers"
    builds: list[float] = field(default_factory=list)  # MkDocs' "Documentation built in"
    rss_kb: int | None = None
    error: str = ""


def _peak_rss(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) if match else None


def serve_rebuilds(
    mkdocs: str, repo: Path, changed: Path, runs: int, env: dict[str, str], timeout: float
) -> ServeResult:
    """Start `mkdocs serve`, wait for the first build, then change one file `runs` times and
    time each rebuild. The server is stopped (by its own pid) and the file restored."""
    result = ServeResult()
    port = free_port()
    cmd = [mkdocs, "serve", "-f", str(repo / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(
        cmd,
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    lines: queue.Queue[tuple[float, str | None]] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put((time.perf_counter(), line.rstrip()))
        lines.put((time.perf_counter(), None))

    threading.Thread(target=pump, daemon=True).start()
    tail: list[str] = []

    def wait_for(pattern: str, since: float, limit: float) -> tuple[float, str] | None:
        deadline = time.perf_counter() + limit
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            try:
                when, line = lines.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                return None
            tail.append(line)
            del tail[:-5]
            if "error happened during the rebuild" in line:
                raise RuntimeError(line.strip())
            if when >= since and re.search(pattern, line):
                return when, line

    original = changed.read_bytes()
    start = time.perf_counter()
    try:
        seen = wait_for(r"Serving on", start, timeout)
        if seen is None:
            last = tail[-1].strip() if tail else "no output"
            if "impactctl.site.plugin" in last or "plugin is not installed" in last:
                result.error = "not available (the impactctl MkDocs plugin is not installed)"
            else:
                result.error = f"no first build: {last}"
            return result
        result.first_build = seen[0] - start
        for i in range(runs):
            time.sleep(1.0)  # let the watcher settle between changes
            t0 = time.perf_counter()
            changed.write_bytes(original + f"# benchmark change {i}\n".encode())
            built = wait_for(r"Documentation built in", t0, timeout)
            reloaded = wait_for(r"Reloading browsers", t0, timeout) if built else None
            if built is None or reloaded is None:
                result.error = f"no rebuild within {timeout:.0f} s of changing {changed.name}"
                break
            result.rebuilds.append(reloaded[0] - t0)
            match = re.search(r"built in ([\d.]+) seconds", built[1])
            if match:
                result.builds.append(float(match.group(1)))
    except RuntimeError as exc:
        result.error = str(exc)
    finally:
        result.rss_kb = _peak_rss(proc.pid)
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        changed.write_bytes(original)
    return result
