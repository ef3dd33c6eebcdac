"""Real site builds, shared by the acceptance and browser tests.

Each build runs once per test run, whichever test asks first (a module-level cache, because
the acceptance and browser folders cannot share a conftest fixture). Builds run the real
commands in a child process, exactly as a user or CI would:

* the example repository (this project's root) with ``mkdocs build --strict`` and with
  ``impactctl site build --engine zensical``;
* a small hostile repository (contributor text full of script, handlers and
  ``javascript:`` links) with ``impactctl site build --stage DIR --out DIR``, by MkDocs
  and by Zensical: the road without the impactctl plugin, so sanitising is proved to live
  in the generator.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.gitrepo import commit, new_repo

ROOT = Path(__file__).resolve().parents[2]
IMPACTCTL = str(Path(sys.executable).parent / "impactctl")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "IMPACTCTL_TODAY": "2026-11-24"}


@dataclass(frozen=True)
class Built:
    site: Path  # the built site
    repo: Path  # the repository it was built from
    output: str  # what the build printed (stdout and stderr)
    seconds: float


_CACHE: dict[str, Built] = {}


def _run(argv: list[str], cwd: Path) -> tuple[str, float]:
    import time

    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    took = time.perf_counter() - started
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(argv)} failed:\n{output}"
    return output, took


def site_build(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``impactctl site build ARGS`` in ``cwd``, as a user runs it; the caller checks it."""
    return subprocess.run(
        [IMPACTCTL, "site", "build", *args],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )


ENGINES = ("mkdocs", "zensical")


def example_site(tmp: Path, engine: str = "mkdocs") -> Built:
    """The example repository, built the way its CI does: ``mkdocs build --strict`` with the
    plugin, or ``impactctl site build --engine zensical --strict`` (staged, no plugin)."""
    key = f"example-{engine}"
    if key not in _CACHE:
        out = tmp / f"example-site-{engine}"
        if engine == "mkdocs":
            argv = [sys.executable, "-m", "mkdocs", "build", "--strict"]
            argv += ["--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(out)]
        else:
            argv = [IMPACTCTL, "site", "build", "--engine", engine, "--strict", "--out", str(out)]
        output, took = _run(argv, ROOT)
        _CACHE[key] = Built(out, ROOT, output, took)
    return _CACHE[key]


NATIONAL_ORGS = 30  # past the threshold (20): the pages summarise by system


def national_site(tmp: Path, engine: str = "mkdocs") -> Built:
    """A generated repository of NATIONAL_ORGS organisations in systems, three cycles
    each (benchmarks/generate.py), built with ``engine``."""
    key = f"national-{engine}"
    if key not in _CACHE:
        repo = tmp / f"national-{engine}"
        generate = [sys.executable, str(ROOT / "benchmarks/generate.py"), str(repo)]
        _run([*generate, "--orgs", str(NATIONAL_ORGS), "--cycles", "3"], ROOT)
        out = tmp / f"national-site-{engine}"
        argv = [IMPACTCTL, "site", "build", "--engine", engine, "--strict", "--out", str(out)]
        output, took = _run(argv, repo)
        _CACHE[key] = Built(out, repo, output, took)
    return _CACHE[key]


# Contributor text that tries every trick in the book. None of it may be live.
XSS = """\
Opening words. <script>alert('script')</script>
<img src="x" onerror="alert('img')">
<iframe src="javascript:alert('iframe')"></iframe>
[a javascript link](javascript:alert('link')) and [another](JaVaScRiPt:alert('link2'))
<a href="https://example.org" onclick="alert('handler')">a handler</a>
<p onmouseover="alert('hover')">hover me</p>
A paragraph with an attribute list {: onclick="alert('attr')" }
Template {{ config.site_name }} and {% raw %} and &lt;img src=x onerror=alert('entity')&gt;
</div></div></article><script>alert('breakout')</script>
<svg onload="alert('svg')"></svg><details open ontoggle="alert('toggle')">x</details>
"""

HOSTILE_FRAMEWORK = """\
id: mini
version: "1"
title: A framework <script>alert('fw-title')</script>
source: https://example.org/mini
licence: Test text <img src=x onerror=alert('licence')>.
levels:
  - {id: starting, label: Starting, description: Little is in place.}
  - {id: growing, label: Growing, description: Some of it is in place.}
  - {id: strong, label: Strong, description: Most of it is in place.}
components:
  - id: purpose
    title: Shared purpose <img src=x onerror=alert('component')>
    summary: Why we improve.
    statements:
      - id: "1.1"
        text: Purpose is shared <script>alert('statement')</script>.
        guidance: Ask staff.
        descriptors: {starting: a, growing: b, strong: c}
      - id: "1.2"
        text: Purpose guides work.
        guidance: Look at plans.
        descriptors: {starting: a, growing: b, strong: c}
"""

HOSTILE_ORG = """\
id: hostile-trust
name: "Hostile </title><script>alert('name')</script> & Co"
type: acute
"""


def _indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line for line in text.splitlines())


def hostile_cycle(cycle: str, level: str) -> str:
    return f"""\
framework: mini@1
organisation: hostile-trust
cycle: {cycle}
assessed_on: 2025-03-10
status: agreed
participants:
  - {{group: board, role: Chair}}
  - {{group: staff, role: Ward manager, count: 4}}
  - {{group: lived-experience, role: Patient partner}}
ratings:
  "1.1":
    level: {level}
    confidence: high
    rationale: |
{_indent(XSS, 6)}
    dissent: "<img src=x onerror=alert('dissent')> [x](javascript:alert('dissent-link'))"
    evidence:
      - title: "<script>alert('evidence')</script>"
        url: "https://example.org/\\"onmouseover=\\"alert('evurl')"
        date: 2025-02-01
      - {{title: Local paper, path: "javascript:alert('evpath')", date: 2025-02-01}}
    perspectives:
      - {{group: staff, level: starting, note: "<img src=x onerror=alert('note')>"}}
      - {{group: board, level: {level}}}
  "1.2":
    level: starting
    rationale: Fine.
"""


HOSTILE_PLAN = """\
organisation: hostile-trust
actions:
  - id: a-001
    title: "<script>alert('action')</script> Do the thing"
    statements: ["1.1"]
    owner: "<img src=x onerror=alert('owner')>"
    raised_in: 2024-25
    due: 2025-01-31
    status: in-progress
    measure: "<iframe src=javascript:alert('measure')>"
    updates:
      - {date: 2025-01-10, note: "<script>alert('update')</script>[u](javascript:alert(1))"}
"""

HOSTILE_MKDOCS = """\
site_name: Hostile test site
docs_dir: site
site_dir: public
exclude_docs: |
  /overrides/
theme:
  name: material
  custom_dir: site/overrides
  language: en
  font: false
  features: [navigation.indexes]
extra:
  generator: false
markdown_extensions:
  - attr_list
  - toc
plugins:
  - search
  - impactctl:
      publish: full
"""


def hostile_repo(path: Path) -> Path:
    """A git repository whose every free-text field is an attack."""
    import shutil

    repo = new_repo(path)
    shutil.copytree(ROOT / "site" / "overrides", repo / "site" / "overrides")
    (repo / "site" / "about").mkdir(parents=True)
    (repo / "site" / "about" / "index.md").write_text("# About\n\nA test site.\n")
    commit(
        repo,
        {
            "framework/mini/framework.yaml": HOSTILE_FRAMEWORK,
            "assessments/hostile-trust/organisation.yaml": HOSTILE_ORG,
            "assessments/hostile-trust/2024-25.yaml": hostile_cycle("2024-25", "starting"),
            "assessments/hostile-trust/action-plan.yaml": HOSTILE_PLAN,
            "mkdocs.yml": HOSTILE_MKDOCS,
        },
        "First cycle",
        "2025-03-10T12:00:00+00:00",
    )
    commit(
        repo,
        {
            "assessments/hostile-trust/2025-26.yaml": hostile_cycle("2025-26", "growing"),
        },
        "Second cycle <script>alert('commit')</script> (#7)",
        "2026-03-10T12:00:00+00:00",
    )
    return repo


def hostile_site(tmp: Path, engine: str = "mkdocs") -> Built:
    """The hostile repository, staged and built without the impactctl plugin (by MkDocs or
    by Zensical), so sanitising is proved to live in the generator."""
    key = f"hostile-{engine}"
    if key not in _CACHE:
        repo = hostile_repo(tmp / "hostile-repo")
        out = tmp / "hostile-site"
        argv = [IMPACTCTL, "--repo", str(repo), "site", "build", "--strict"]
        argv += ["--engine", engine, "--stage", str(tmp / "hostile-stage"), "--out", str(out)]
        output, took = _run(argv, repo)
        _CACHE[key] = Built(out, repo, output, took)
    return _CACHE[key]
