"""The house rules of docs/architecture.md, kept by tests that read the package's own code.

Imports are read from the AST, module-level and function-level alike (an import inside a
function still ties two modules together); only ``if TYPE_CHECKING:`` blocks are left out,
since they never run.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from radon.complexity import cc_rank, cc_visit

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "impactctl"
BIN = Path(sys.executable).parent
MAX_LINES = 400

# Breaches being mended on their own branches (issues 11, 12 and 16), named so that the
# rules hold everywhere else meanwhile. Each entry must still be a breach (a test checks),
# so the list can only shrink; it must be empty when those branches land.
IN_FLIGHT: set[str] = set()

# Each outside library, and the only modules (or packages, ending in ".") that may import it.
HOMES: dict[str, tuple[str, ...]] = {
    "ruamel": ("impactctl.reading.", "impactctl.editing."),
    "git": ("impactctl.gitio",),
    "deepdiff": ("impactctl.review.changes",),
    "mkdocs": ("impactctl.site.plugin", "impactctl.site.config"),
    "material": ("impactctl.site.plugin", "impactctl.site.config"),
    "yaml": ("impactctl.site.plugin", "impactctl.site.config"),  # PyYAML: mkdocs.yml only
    "click": ("impactctl.cli.",),
    "jsonschema": ("impactctl.reading.wellformed",),
    "fastjsonschema": ("impactctl.reading.wellformed",),
    # site.setaside is a Python-Markdown extension that staged builds load by name.
    "markdown": ("impactctl.site.markdown", "impactctl.site.setaside"),
    "nh3": ("impactctl.site.markdown",),
    "openpyxl": ("impactctl.papers.",),
    "weasyprint": ("impactctl.papers.",),
}


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name
    target: str  # dotted module name (a package's submodule where one is named)
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "templates" not in p.parts)


MODULES = {module_name(p): p for p in package_files()}


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def imports_of(path: Path) -> Iterator[Import]:
    me = module_name(path)
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(me, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                yield Import(me, sub if sub in MODULES else node.module, node.lineno)


ALL_IMPORTS = [imp for path in package_files() for imp in imports_of(path)]


def _allowed(importer: str, homes: tuple[str, ...]) -> bool:
    return any(
        importer.startswith(home) or importer == home[:-1]
        if home.endswith(".")
        else importer == home
        for home in homes
    )


@pytest.mark.parametrize("library", sorted(HOMES))
def test_each_outside_library_lives_in_its_own_room(library: str) -> None:
    strays = [
        f"{imp.importer}:{imp.line} imports {imp.target}"
        for imp in ALL_IMPORTS
        if (imp.target == library or imp.target.startswith(library + "."))
        and not _allowed(imp.importer, HOMES[library])
        and f"import {imp.importer}" not in IN_FLIGHT
    ]
    assert strays == [], f"{library} belongs in {HOMES[library]} only"


def test_git_runs_only_in_gitio() -> None:
    """No module but gitio starts a ``git`` process."""
    strays = []
    for path in package_files():
        if module_name(path) == "impactctl.gitio":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                first = node.args[0]
                words = first.elts if isinstance(first, (ast.List, ast.Tuple)) else [first]
                if words and isinstance(words[0], ast.Constant) and words[0].value == "git":
                    strays.append(f"{module_name(path)}:{node.lineno}")
    assert strays == []


def test_only_the_command_line_imports_reporters() -> None:
    strays = [
        f"{imp.importer}:{imp.line} imports {imp.target}"
        for imp in ALL_IMPORTS
        if imp.target.startswith("impactctl.report")
        and not imp.importer.startswith(("impactctl.cli", "impactctl.report"))
    ]
    assert strays == []


def test_the_library_never_prints_or_exits() -> None:
    """Printing and exit codes belong to the command line; the library returns or raises."""
    forbidden = {"print", "exit", "quit", "breakpoint"}
    strays = []
    for path in package_files():
        name = module_name(path)
        if name.startswith("impactctl.cli") or name == "impactctl.__main__":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in forbidden:
                    strays.append(f"{name}:{node.lineno} {node.func.id}()")
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                text = f"{node.value.id}.{node.attr}"
                if text in {"sys.exit", "sys.stdout", "sys.stderr", "os._exit"}:
                    strays.append(f"{name}:{node.lineno} {text}")
    assert strays == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_anywhere_in_the_package() -> None:
    graph: dict[str, set[str]] = {}
    for imp in ALL_IMPORTS:
        if imp.target in MODULES and imp.target != imp.importer:
            graph.setdefault(imp.importer, set()).add(imp.target)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a circle of three is reported, a chain is not."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": {"c"}}) == []


def test_no_module_is_over_400_lines() -> None:
    long = {
        module_name(p): n
        for p in package_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert {m: n for m, n in long.items() if f"lines {m}" not in IN_FLIGHT} == {}


def _complexity_exceptions() -> set[str]:
    """``module:function`` names that docs/architecture.md explains under its heading
    "Functions allowed to be complex"."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Functions allowed to be complex", 1)
    if len(section) < 2:
        return set()
    body = section[1].split("\n## ", 1)[0]
    return set(re.findall(r"^- `([\w.]+:[\w.]+)`", body, flags=re.M))


def _complex_functions() -> dict[str, str]:
    return {
        f"{module_name(path)}:{block.fullname}": f"{cc_rank(block.complexity)} ({block.complexity})"
        for path in package_files()
        for block in cc_visit(path.read_text(encoding="utf-8"))
        if cc_rank(block.complexity) >= "D"
    }


def test_no_function_is_ranked_d_or_worse() -> None:
    allowed = _complexity_exceptions() | {
        entry.split(" ", 1)[1] for entry in IN_FLIGHT if entry.startswith("complexity ")
    }
    assert {name: rank for name, rank in _complex_functions().items() if name not in allowed} == {}


def test_every_breach_in_flight_is_still_a_breach() -> None:
    """Once a breach is mended, its IN_FLIGHT entry must go, so the list only shrinks."""
    complex_ = _complex_functions()
    lines = {
        module_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in package_files()
    }
    strays = {
        imp.importer
        for imp in ALL_IMPORTS
        if imp.target.split(".")[0] in HOMES
        and not _allowed(imp.importer, HOMES[imp.target.split(".")[0]])
    }
    mended = []
    for entry in sorted(IN_FLIGHT):
        kind, name = entry.split(" ", 1)
        still = {
            "complexity": name in complex_,
            "lines": lines.get(name, 0) > MAX_LINES,
            "import": name in strays,
            "tests": not (ROOT / "tests" / "unit" / f"{name.replace('/', '/test_')}.py").is_file(),
        }[kind]
        if not still:
            mended.append(entry)
    assert mended == []


def test_ruff_format_leaves_every_file_as_it_is() -> None:
    run = subprocess.run(
        [str(BIN / "ruff"), "format", "--check", "impactctl", "tests", "scripts", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("package", ["reading", "review"])
def test_unit_tests_mirror_the_reading_and_review_rooms(package: str) -> None:
    """Each module of reading/ and review/ has a test file of its own."""
    modules = sorted(p.stem for p in (PACKAGE / package).glob("*.py") if p.stem != "__init__")
    missing = [
        f"tests/unit/{package}/test_{m}.py"
        for m in modules
        if not (ROOT / "tests" / "unit" / package / f"test_{m}.py").is_file()
        and f"tests {package}/{m}" not in IN_FLIGHT
    ]
    assert missing == []
