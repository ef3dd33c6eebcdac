"""`impactctl init --ci github|gitlab|azure` and `impactctl ci update`.

Each platform's repository validates clean and has only its own CI files, which install
exactly this impactctl from requirements-ci.txt. The GitLab, Azure Pipelines and
Dependabot files are checked against the schemas that check-jsonschema vendors (GitLab's
own, Microsoft's, SchemaStore's), read from the installed test dependency, never fetched.
`ci update` rewrites what impactctl wrote, refuses what someone edited, and touches
nothing else.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import check_jsonschema
import jsonschema
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from impactctl import __version__
from impactctl.cli import cli
from impactctl.editing.ci_files import CI_FILES, is_unedited, stamp

VENDORED = Path(check_jsonschema.__file__).parent / "builtin_schemas" / "vendor"
PLATFORM_FILES = {
    "github": {
        ".github/workflows/validate.yml",
        ".github/workflows/comment.yml",
        ".github/workflows/publish.yml",
        ".github/dependabot.yml",
    },
    "gitlab": {".gitlab-ci.yml"},
    "azure": {"azure-pipelines.yml"},
}


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module", params=["github", "gitlab", "azure"])
def made(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    platform = str(request.param)
    repo = tmp_path_factory.mktemp(platform) / "repo"
    code, out = invoke("init", str(repo), "--org", "Example Trust", "--ci", platform)
    assert code == 0, out
    return platform, repo


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def vendored(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((VENDORED / name).read_text("utf-8")))


def files(repo: Path) -> dict[str, str]:
    return {
        p.relative_to(repo).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(repo.rglob("*"))
        if p.is_file()
    }


def test_each_platform_validates_clean_with_only_its_ci_files(made: tuple[str, Path]) -> None:
    platform, repo = made
    assert invoke("--repo", str(repo), "validate", "--strict") == (
        0,
        "0 errors, 0 warnings in 4 files: ok\n",
    )
    every = set().union(*PLATFORM_FILES.values())
    present = {rel for rel in every if (repo / rel).exists()}
    assert present == PLATFORM_FILES[platform]
    for rel in CI_FILES[platform]:
        assert is_unedited((repo / rel).read_text("utf-8")), rel


def test_ci_installs_exactly_this_version_from_a_requirements_file(made: tuple[str, Path]) -> None:
    platform, repo = made
    requirements = (repo / "requirements-ci.txt").read_text("utf-8")
    pins = [line for line in requirements.splitlines() if line and not line.startswith("#")]
    assert pins == [f"impactctl=={__version__}"]
    text = "\n".join((repo / rel).read_text("utf-8") for rel in PLATFORM_FILES[platform])
    assert "pip install -r requirements-ci.txt" in text
    assert "impactctl>=" not in text and "pip install impactctl" not in text
    hook = (repo / ".pre-commit-config.yaml").read_text("utf-8")
    assert f"rev: v{__version__} " in hook


def test_dependabot_proposes_impactctl_and_action_upgrades(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    invoke("init", str(repo), "--org", "Example Trust")
    config = load(repo / ".github" / "dependabot.yml")
    vendored("dependabot.json").validate(config)
    assert {u["package-ecosystem"] for u in config["updates"]} == {"pip", "github-actions"}


# ------------------------------------------------------------------------------ GitLab


def gitlab(tmp_path: Path) -> dict[str, Any]:
    repo = tmp_path / "repo"
    assert invoke("init", str(repo), "--org", "Example Trust", "--ci", "gitlab")[0] == 0
    pipeline: dict[str, Any] = load(repo / ".gitlab-ci.yml")
    return pipeline


def test_gitlab_pipeline_is_valid_and_has_the_jobs(tmp_path: Path) -> None:
    pipeline = gitlab(tmp_path)
    vendored("gitlab-ci.json").validate(pipeline)
    assert pipeline["variables"]["GIT_DEPTH"] == "0"
    mr = '$CI_PIPELINE_SOURCE == "merge_request_event"'
    default = "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
    assert [r["if"] for r in pipeline["workflow"]["rules"]] == [mr, default]

    validate = pipeline["validate"]
    assert [r["if"] for r in validate["rules"]] == [mr]
    assert any("--format gitlab > gl-code-quality-report.json" in s for s in validate["script"])
    assert validate["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert validate["artifacts"]["when"] == "always"

    note = pipeline["maturity-diff"]
    script = "\n".join(note["script"])
    assert '--base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format markdown' in script
    assert "impactctl ci post-note --platform gitlab maturity-diff.md" in script
    assert note["allow_failure"] is True and [r["if"] for r in note["rules"]] == [mr]

    pages = pipeline["pages"]
    assert [r["if"] for r in pages["rules"]] == [default]
    assert pages["script"] == ["impactctl validate", "impactctl site build --out public"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pipeline[".impactctl"]["before_script"] == [
        "python -m pip install -r requirements-ci.txt"
    ]


def test_gitlab_pipeline_names_no_host_and_no_token() -> None:
    text = (Path(__file__).parents[2] / "impactctl/templates/.gitlab-ci.yml").read_text("utf-8")
    assert "gitlab.com" not in text and "https://" not in text
    assert "PRIVATE-TOKEN" not in text and "$IMPACTCTL_GITLAB_TOKEN" not in text


# ------------------------------------------------------------------------ Azure DevOps


def test_azure_pipeline_is_valid_and_has_the_jobs(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    assert invoke("init", str(repo), "--org", "Example Trust", "--ci", "azure")[0] == 0
    pipeline = load(repo / "azure-pipelines.yml")
    vendored("azure-pipelines.json").validate(pipeline)
    jobs = {job["job"]: job for job in pipeline["jobs"]}
    assert set(jobs) == {"validate", "site"}
    validate, site = jobs["validate"], jobs["site"]
    assert "'PullRequest'" in validate["condition"]
    assert "'refs/heads/main'" in site["condition"]
    for job in (validate, site):
        checkout = job["steps"][0]
        assert checkout["checkout"] == "self" and checkout["fetchDepth"] == "0"
        assert checkout["persistCredentials"] == "false"
    scripts = {s.get("displayName"): s for s in validate["steps"]}
    assert scripts["Validate"]["script"] == "impactctl validate --format azure"
    post = scripts["Post the maturity diff on the pull request"]
    assert post["env"] == {"SYSTEM_ACCESSTOKEN": "$(System.AccessToken)"}
    assert post["script"].startswith("impactctl ci post-note --platform azure ")
    assert post["condition"] == "succeededOrFailed()"
    assert "$(" not in scripts["Build the maturity diff"]["script"]  # no macro in a script
    publish = site["steps"][-1]
    assert publish["task"] == "PublishPipelineArtifact@1"
    assert publish["inputs"]["artifact"] == "impactctl-site"


# ------------------------------------------------------------------------ ci update


def test_update_leaves_current_files_alone(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    invoke("init", str(repo), "--org", "Example Trust", "--ci", "gitlab")
    before = files(repo)
    code, out = invoke("--repo", str(repo), "ci", "update")
    assert code == 0 and out.endswith("0 written, 2 already up to date.\n"), out
    assert files(repo) == before


def test_update_rewrites_what_an_older_impactctl_wrote_and_nothing_else(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    invoke("init", str(repo), "--org", "Example Trust")
    current = (repo / ".github/workflows/validate.yml").read_text("utf-8")
    # What an older release wrote: another body, its own header, unedited since.
    older = stamp("name: validate\non: pull_request\njobs: {}\n")
    (repo / ".github/workflows/validate.yml").write_text(older, "utf-8")
    # A dependency bot moved the pin: that is not an edit.
    requirements = repo / "requirements-ci.txt"
    requirements.write_text(
        requirements.read_text("utf-8").replace(f"=={__version__}", "==0.0.9"), "utf-8"
    )
    (repo / ".github/dependabot.yml").unlink()  # a file the new version adds
    untouched = {k: v for k, v in files(repo).items() if k not in CI_FILES["github"]}
    code, out = invoke("--repo", str(repo), "ci", "update")
    assert code == 0, out
    assert out.splitlines()[:3] == [
        "wrote .github/dependabot.yml",
        "wrote .github/workflows/validate.yml",
        "wrote requirements-ci.txt",
    ]
    assert (repo / ".github/workflows/validate.yml").read_text("utf-8") == current
    assert f"impactctl=={__version__}" in requirements.read_text("utf-8")
    assert {k: v for k, v in files(repo).items() if k not in CI_FILES["github"]} == untouched


def test_update_refuses_an_edited_file_unless_forced(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    invoke("init", str(repo), "--org", "Example Trust", "--ci", "azure")
    pipeline = repo / "azure-pipelines.yml"
    edited = pipeline.read_text("utf-8").replace("ubuntu-latest", "our-own-agents")
    pipeline.write_text(edited, "utf-8")
    (repo / "requirements-ci.txt").unlink()
    before = files(repo)
    code, out = invoke("--repo", str(repo), "ci", "update")
    assert code == 2
    assert "not rewriting azure-pipelines.yml: edited since impactctl wrote it" in out
    assert files(repo) == before  # all or nothing: requirements-ci.txt not written either
    code, out = invoke("--repo", str(repo), "ci", "update", "--force")
    assert code == 0, out
    assert "ubuntu-latest" in pipeline.read_text("utf-8")
    assert (repo / "requirements-ci.txt").is_file()


def test_update_never_takes_the_pin_back_to_an_older_release(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    invoke("init", str(repo), "--org", "Example Trust", "--ci", "azure")
    requirements = repo / "requirements-ci.txt"
    requirements.write_text(
        requirements.read_text("utf-8").replace(f"=={__version__}", "==99.0.0"), "utf-8"
    )
    before = files(repo)
    code, out = invoke("--repo", str(repo), "ci", "update", "--force")
    assert code == 2 and "pins impactctl==99.0.0, newer than this impactctl" in out
    assert files(repo) == before


def test_update_needs_to_know_the_platform(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    invoke("init", str(repo), "--org", "Example Trust", "--ci", "gitlab")
    (repo / ".gitlab-ci.yml").unlink()
    code, out = invoke("--repo", str(repo), "ci", "update")
    assert code == 2 and "pass --platform" in out
    code, out = invoke("--repo", str(repo), "ci", "update", "--platform", "gitlab")
    assert code == 0 and "wrote .gitlab-ci.yml" in out


# ------------------------------------------------------- the diff scripts, for real


@pytest.mark.parametrize("platform", ["gitlab", "azure"])
@pytest.mark.parametrize("case", ["known base", "unknown base", "unreadable head"])
def test_the_diff_script_builds_the_note_from_a_real_clone(
    tmp_path: Path, platform: str, case: str
) -> None:
    """The shell that builds the note, run as the runner runs it over a real clone: with
    the base it shows the raised level; with a base git does not know it still writes a
    note, which says why and carries the checks; when the head has a file that cannot be
    read (diff exits 1), the note is the diff's own, which says so at its top."""
    known_base = case != "unknown base"
    import os
    import subprocess
    import sys

    from tests.gitrepo import base_files, commit, cycle_yaml, git, new_repo

    upstream = new_repo(tmp_path / "upstream")
    base = commit(upstream, base_files(), "Agree 2024-25", "2024-03-11T10:00:00+00:00")
    git(upstream, "checkout", "-q", "-b", "raise-1-1")
    raised = cycle_yaml(
        "2024-25",
        {"1.1": "growing", "1.2": "growing", "2.1": "starting"},
        assessed_on="2024-03-10",
        evidence_date="2024-02-01",
    )
    if case == "unreadable head":
        raised = raised.replace("    level: growing", "\tlevel: growing", 1)  # a tab: E101
    commit(
        upstream,
        {"assessments/test-trust/2024-25.yaml": raised},
        "Raise 1.1",
        "2024-04-01T10:00:00+00:00",
    )
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--branch", "raise-1-1", f"file://{upstream}", str(clone)],
        check=True,
        capture_output=True,
    )
    templates = Path(__file__).parents[2] / "impactctl" / "templates"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    if platform == "gitlab":
        script = load(templates / ".gitlab-ci.yml")["maturity-diff"]["script"][0]
        env["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = base if known_base else "f" * 40
        out = clone / "maturity-diff.md"
    else:
        [job] = [
            j for j in load(templates / "azure-pipelines.yml")["jobs"] if j["job"] == "validate"
        ]
        [step] = [s for s in job["steps"] if s.get("displayName") == "Build the maturity diff"]
        script = step["script"]
        env["SYSTEM_PULLREQUEST_TARGETBRANCH"] = (
            "refs/heads/main" if known_base else "refs/heads/nope"
        )
        env["AGENT_TEMPDIRECTORY"] = str(tmp_path)
        out = tmp_path / "maturity-diff.md"
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    note = out.read_text(encoding="utf-8")
    if case == "unreadable head":
        assert "could not compare" not in note  # the diff's own banner, not the fallback
        assert "could not be compared" in note and "E101" in note
    elif known_base:
        assert "1.1" in note and "growing" in note
    else:
        assert "could not compare" in note and "Validation:" in note
