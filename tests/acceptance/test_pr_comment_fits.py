"""A comment that fits: a new cycle reads as one, a framework edited in place is said, and
the comment for a national pull request stays under GitHub's limit."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.acceptance.test_pr_comment import CYCLE, base_cycles, repo, run  # noqa: F401
from tests.gitrepo import FRAMEWORK, commit

ROOT = Path(__file__).resolve().parents[2]


def test_a_new_cycle_reads_as_started_from_the_last_not_as_removals(repo: Path) -> None:  # noqa: F811
    agreed = base_cycles()[CYCLE].replace("status: draft", "status: agreed")
    agreed = agreed.replace(
        "    rationale: Plans name the purpose.\n",
        "    rationale: Plans name the purpose.\n    dissent: Staff said plans are not read.\n",
    )
    commit(repo, {CYCLE: agreed}, "Agree 2025-26 (#4)", "2025-03-20T10:00:00+00:00")
    assert run(repo, "cycle", "new", "test-trust", "2026-27")[0] == 0
    code, comment = run(repo, "diff", "--base", "main", "--format", "markdown")
    assert code == 0
    assert (
        "- Test Trust: new cycle 2026-27 started from 2025-26: 3 statements carried over "
        "unchanged, 0 changed; dissent and perspectives cleared on 1" in comment
    )
    assert "dissent" not in comment.split("<details><summary>Evidence", 1)[-1].split("|")[1:]
    assert "| dissent |" not in comment and "removed" not in comment


def test_a_framework_edited_in_place_is_reported(repo: Path) -> None:  # noqa: F811
    swapped = FRAMEWORK.replace(
        "  - {id: growing, label: Growing, description: Some of it is in place.}\n"
        "  - {id: strong, label: Strong, description: Most of it is in place.}\n",
        "  - {id: strong, label: Strong, description: Most of it is in place.}\n"
        "  - {id: growing, label: Established, description: Some of it is in place.}\n",
    )
    (repo / "framework/mini/framework.yaml").write_text(swapped, encoding="utf-8")
    code, out = run(repo, "diff", "--base", "main", "--format", "json")
    assert code == 0
    frameworks = json.loads(out)["summary"]["frameworks"]
    assert frameworks == [
        "framework mini@1: level order changed (starting, growing, strong → starting, "
        "strong, growing)",
        "framework mini@1: level growing relabelled (Growing → Established)",
    ]
    _code, comment = run(repo, "diff", "--base", "main", "--format", "markdown")
    assert "- ⚠️ framework mini@1: level order changed" in comment


MIGRATED = (
    FRAMEWORK.replace('version: "1"', 'version: "2"')
    .replace('      - id: "1.2"\n', '      - id: "1.3"\n')
    .replace(
        '      - id: "2.1"\n        text: Staff can improve their work.\n'
        "        guidance: Ask staff.\n        descriptors: {starting: a, growing: b, strong: c}\n",
        "",
    )
    .replace(
        "    summary: Who improves.\n    statements:\n",
        "    summary: Who improves.\n    statements:\n"
        '      - id: "2.2"\n        text: Staff are coached.\n        guidance: Ask staff.\n'
        "        descriptors: {starting: a, growing: b, strong: c}\n",
    )
    + 'migrates_from:\n  framework: mini@1\n  statements: {"1.2": "1.3", "2.1": null}\n'
)


def test_diff_reports_statements_retired_by_a_migration(repo: Path) -> None:  # noqa: F811
    (repo / "framework/mini2").mkdir()
    (repo / "framework/mini2/framework.yaml").write_text(
        MIGRATED.replace("id: mini\n", "id: mini\n", 1), encoding="utf-8"
    )
    text = (repo / CYCLE).read_text(encoding="utf-8").replace("mini@1", "mini@2")
    text = text.replace('  "1.2":', '  "1.3":').replace('  "2.1":', '  "2.2":')
    (repo / CYCLE).write_text(text, encoding="utf-8")
    _code, out = run(repo, "diff", "--base", "main", "--format", "json")
    changes = json.loads(out)["changes"]
    retired = [c for c in changes if c["field"] == "retired"]
    assert [(c["statement"], c["old"], c["new"]) for c in retired] == [("2.1", "growing", "mini@2")]
    assert not [c for c in changes if c["statement"] == "1.3" and c["field"] == "level"]
    assert json.loads(out)["summary"]["retired"] == 1
    _code, text_out = run(repo, "diff", "--base", "main")
    assert "2.1: retired by mini@2 (was growing)" in text_out


def test_diff_of_one_organisation(repo: Path) -> None:  # noqa: F811
    other = repo / "assessments/other-trust/2025-26.yaml"
    other.write_text(other.read_text().replace("level: growing", "level: strong", 1))
    (repo / CYCLE).write_text(
        (repo / CYCLE).read_text().replace("level: growing", "level: strong", 1)
    )
    _code, out = run(repo, "diff", "--base", "main", "--org", "other-trust", "--format", "json")
    assert {c["organisation"] for c in json.loads(out)["changes"]} == {"other-trust"}
    code, out = run(repo, "diff", "--base", "main", "--org", "nobody")
    assert code == 2
    code, out = run(repo, "diff", "--base", "HEAD~5")
    assert code == 2


LEVELS = ["emerging", "developing", "established", "embedded", "leading"]


def _raise_everything(text: str) -> str:
    def bump(match: re.Match[str]) -> str:
        level = match.group(2)
        if level not in LEVELS:
            return match.group(0)
        i = LEVELS.index(level)
        return match.group(1) + LEVELS[i + 1 if i + 1 < len(LEVELS) else i - 1]

    return re.sub(r"(\n    level: )([a-z-]+)", bump, text)


@pytest.mark.slow
def test_a_national_pull_request_comment_stays_under_githubs_limit(tmp_path: Path) -> None:
    """250 organisations, every statement of each latest cycle changed."""
    start = time.perf_counter()
    national = tmp_path / "national"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks/generate.py"),
            str(national),
            "--orgs",
            "250",
            "--cycles",
            "2",
            "--yearly",
        ],
        check=True,
        capture_output=True,
    )
    latest = sorted(national.glob("assessments/*/2025-26.yaml"))
    assert len(latest) == 250
    for path in latest:
        path.write_text(_raise_everything(path.read_text(encoding="utf-8")), encoding="utf-8")
    code, comment = run(national, "diff", "--base", "HEAD", "--format", "markdown")
    assert code == 0
    assert len(comment) < 65_536
    assert len(comment) <= 59_000  # the comment workflow cuts blindly at 60,000
    assert "Left out to fit GitHub's comment limit" in comment
    assert "job summary" in comment
    raised = re.search(r"\*\*(\d+) raised", comment)
    assert raised is not None and int(raised.group(1)) > 250 * 20
    assert comment.count("| ⚠️ | **") > 20  # the riskiest level changes are still there
    # The job summary takes the full nationalrt.
    _code, full = run(
        national, "diff", "--base", "HEAD", "--format", "markdown", "--limit", "1000000"
    )
    assert len(full) > len(comment)
    print(f"national comment test: {time.perf_counter() - start:.1f} s")


def test_a_new_cycle_is_compared_with_the_one_before_it_in_the_cycles_list(
    tmp_path: Path,
) -> None:
    """Listed order b-2024, a-2025, c-2025; as text a-2025 sorts first."""
    from tests.gitrepo import ORGANISATION, base_files, cycle_yaml, new_repo

    repo_ = new_repo(tmp_path / "ordered")
    files = base_files()
    del files["assessments/test-trust/2024-25.yaml"]
    files["assessments/test-trust/organisation.yaml"] = (
        ORGANISATION + "cycles: [b-2024, a-2025, c-2025]\n"
    )
    files["assessments/test-trust/action-plan.yaml"] = files[
        "assessments/test-trust/action-plan.yaml"
    ].replace("raised_in: 2024-25", "raised_in: b-2024")
    files["assessments/test-trust/b-2024.yaml"] = cycle_yaml(
        "b-2024", {"1.1": "starting", "1.2": "starting", "2.1": "starting"}
    )
    files["assessments/test-trust/a-2025.yaml"] = cycle_yaml(
        "a-2025", {"1.1": "growing", "1.2": "growing", "2.1": "growing"}
    )
    commit(repo_, files, "Two cycles", "2025-03-11T10:00:00+00:00")
    (repo_ / "assessments/test-trust/c-2025.yaml").write_text(
        cycle_yaml("c-2025", {"1.1": "strong", "1.2": "growing", "2.1": "growing"})
    )
    for fmt in ("json", "markdown"):
        _code, out = run(repo_, "diff", "--base", "main", "--format", fmt)
        if fmt == "json":
            levels = [c for c in json.loads(out)["changes"] if c["field"] == "level"]
            assert [(c["statement"], c["old"], c["new"]) for c in levels] == [
                ("1.1", "growing", "strong")
            ]
        else:
            assert "new cycle c-2025 started from a-2025" in out
            assert "⬆️ +1 (new cycle, from a-2025)" in out
