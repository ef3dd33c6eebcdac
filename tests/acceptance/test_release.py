"""A release that is real: one version, distributions that pass `twine check --strict`, and
a wheel that works on its own.

The wheel is installed into a new virtual environment outside the source tree and run from
there: `init` for each CI platform, `validate`, `site build` and `export`. A template, the
framework pack or a site asset missing from the wheel fails here, as it would fail a
team's first run.

The new environment gets the wheel and nothing of this checkout. Its dependencies come
from the test environment's site-packages through a path file, so the test needs no
network; `pip check` still proves the wheel's declared dependencies are met. (The test
environment's own impactctl is an editable install activated by a .pth file, and a folder
added by a path line never has its .pth files run, so the checkout stays out of reach; the
test asserts it.) See docs/decisions.md.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from impactctl import __url__, __version__

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_version_has_one_source() -> None:
    from importlib.metadata import metadata

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert metadata("impactctl")["Version"] == __version__
    assert project["urls"]["Homepage"] == __url__
    assert f"\n## [{__version__}] - " in (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert run(BIN / "impactctl", "--version", cwd=ROOT) == f"impactctl, version {__version__}\n"


def test_the_docs_name_this_version() -> None:
    """Install and pre-commit examples follow the version, so a release cannot ship docs
    that pin the one before it."""
    for rel, wanted in [
        ("docs/user-guide.md", f'pip install "impactctl=={__version__}"'),
        ("docs/ci.md", f"rev: v{__version__} "),
        (".pre-commit-hooks.yaml", f"rev: v{__version__} "),
    ]:
        assert wanted in (ROOT / rel).read_text("utf-8"), rel


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built once, as the release workflow builds them (without
    build isolation: the test environment already has setuptools, and no network)."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT, cwd=ROOT)
    return out


def test_build_makes_an_sdist_and_a_wheel_that_twine_accepts(dist: Path) -> None:
    assert sorted(p.name for p in dist.iterdir()) == [
        f"impactctl-{__version__}-py3-none-any.whl",
        f"impactctl-{__version__}.tar.gz",
    ]
    out = run(BIN / "twine", "check", "--strict", *sorted(dist.iterdir()), cwd=dist)
    assert out.count("PASSED") == 2


def test_the_wheel_carries_every_file_the_package_needs(dist: Path) -> None:
    [wheel] = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        meta = email.message_from_bytes(archive.read(f"impactctl-{__version__}.dist-info/METADATA"))
    package = ROOT / "impactctl"
    expected = {
        f"impactctl/{p.relative_to(package).as_posix()}"
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert expected - names == set()  # every module, template, dotfile and asset
    assert {n for n in names if not n.startswith("impactctl")} == set()
    assert meta["Version"] == __version__ and meta["Requires-Python"] == ">=3.11"


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A new environment outside the source tree with the wheel alone installed."""
    [wheel] = dist.glob("*.whl")
    where = tmp_path_factory.mktemp("wheel-only")
    venv = where / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=where)
    python = venv / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=where)
    Path(purelib.strip(), "zz-test-dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    run(
        sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
        "--no-index", wheel, cwd=where,
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}:{env['PATH']}"
    found = run(python, "-c", "import impactctl; print(impactctl.__file__)", cwd=where, env=env)
    assert Path(found.strip()).is_relative_to(venv), found
    run(python, "-m", "pip", "check", cwd=where, env=env)
    return venv, env


def test_the_wheel_alone_runs_init_validate_site_build_and_export(
    venv: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, env = venv
    impactctl = folder / "bin" / "impactctl"
    assert run(impactctl, "--version", cwd=tmp_path, env=env).strip().endswith(__version__)
    for platform in ("github", "gitlab", "azure"):
        repo = tmp_path / platform
        run(
            impactctl,
            "init",
            repo,
            "--org",
            "Example Trust",
            "--ci",
            platform,
            cwd=tmp_path,
            env=env,
        )
        assert run(impactctl, "validate", "--strict", cwd=repo, env=env).endswith(": ok\n")
        pin = (repo / "requirements-ci.txt").read_text("utf-8")
        assert f"\nimpactctl=={__version__}\n" in pin
    repo = tmp_path / "github"
    run(impactctl, "site", "build", "--out", tmp_path / "public", cwd=repo, env=env)
    assert (tmp_path / "public" / "index.html").is_file()
    run(impactctl, "export", "--format", "xlsx", "--out", tmp_path / "pack.xlsx", cwd=repo, env=env)
    assert zipfile.is_zipfile(tmp_path / "pack.xlsx")
    run(impactctl, "export", "--format", "csv", "--out", tmp_path / "csv", cwd=repo, env=env)
    assert list((tmp_path / "csv").glob("*.csv"))
