"""The pull-request comment a reviewer can trust: nothing unreadable is compared, the risky
change comes first with its reasons, and the checks speak about the change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from impactctl.cli import (
    cli,
)
from tests.gitrepo import ACTION_PLAN, FRAMEWORK, ORGANISATION, commit, new_repo
from tests.golden import assert_golden

GOLDEN = Path(__file__).parent.parent / "golden" / "review"
CYCLE = "assessments/test-trust/2025-26.yaml"
NO_ENGAGEMENT = "The board discussed it once; there was no further engagement with staff."


def run(repo: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["--repo", str(repo), *args], catch_exceptions=False, env=env or {}
    )
    return result.exit_code, result.output


def rating(
    sid: str,
    level: str,
    rationale: str,
    evidence: list[tuple[str, str, str]],
    extra: str = "",
) -> str:
    lines = [f'  "{sid}":', f"    level: {level}", f"    rationale: {rationale}", "    evidence:"]
    for title, url, when in evidence:
        lines.append(f'      - {{title: {title}, url: "{url}", date: {when}}}')
    return "\n".join(lines) + "\n" + extra


def cycle(name: str, status: str, assessed_on: str, ratings: str, org: str = "test-trust") -> str:
    return (
        f"framework: mini@1\norganisation: {org}\ncycle: {name}\nassessed_on: {assessed_on}\n"
        f"status: {status}\nparticipants:\n"
        "  - {group: board, role: Chair}\n"
        "  - {group: staff, role: Ward manager, count: 4}\n"
        "  - {group: lived-experience, role: Patient partner}\n"
        f"ratings:\n{ratings}"
    )


SURVEY = ("Staff survey 2024", "https://example.org/survey-2024", "2024-02-01")
PLAN = ("Improvement plan", "https://example.org/plan", "2024-02-01")


def base_cycles() -> dict[str, str]:
    last_year = cycle(
        "2024-25",
        "agreed",
        "2024-03-10",
        rating("1.1", "starting", NO_ENGAGEMENT, [SURVEY])
        + rating("1.2", "growing", "Plans name the purpose.", [PLAN])
        + rating("2.1", "growing", "Staff lead small tests of change.", [SURVEY]),
    )
    this_year = cycle(
        "2025-26",
        "draft",
        "2025-03-10",
        rating("1.1", "starting", NO_ENGAGEMENT, [SURVEY])
        + rating("1.2", "growing", "Plans name the purpose.", [PLAN])
        + rating("2.1", "growing", "Staff lead small tests of change.", [SURVEY]),
    )
    return {
        "framework/mini/framework.yaml": FRAMEWORK,
        "mkdocs.yml": "site_name: Test\nsite_url: https://example.org/impact/\n",
        "assessments/test-trust/organisation.yaml": ORGANISATION,
        "assessments/test-trust/action-plan.yaml": ACTION_PLAN,
        "assessments/test-trust/2024-25.yaml": last_year,
        CYCLE: this_year,
        # Another organisation, untouched by the pull request, with warnings of its own:
        # a room of one group (W306, W307).
        "assessments/other-trust/organisation.yaml": ORGANISATION.replace(
            "test-trust", "other-trust"
        ).replace("Test Trust", "Other Trust"),
        "assessments/other-trust/2025-26.yaml": cycle(
            "2025-26",
            "agreed",
            "2025-03-10",
            rating("1.1", "growing", "Agreed by the board.", [PLAN])
            + rating("1.2", "growing", "Agreed by the board.", [PLAN])
            + rating("2.1", "growing", "Agreed by the board.", [PLAN]),
            org="other-trust",
        ).replace(
            "  - {group: staff, role: Ward manager, count: 4}\n"
            "  - {group: lived-experience, role: Patient partner}\n",
            "",
        ),
    }


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    path = new_repo(tmp_path / "repo")
    commit(path, base_cycles(), "Start the 2025-26 draft (#3)", "2025-03-11T10:00:00+00:00")
    return path


def edit(repo: Path, old: str, new: str, last: bool = False) -> None:
    path = repo / CYCLE
    text = path.read_text(encoding="utf-8")
    assert old in text
    if last:
        head, _, tail = text.rpartition(old)
        path.write_text(head + new + tail, encoding="utf-8")
    else:
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


TYPOS = {
    "a capital-letter level": ("level: growing", "level: Growing"),
    "a tab": ("    rationale: Plans", "\trationale: Plans"),
    "a deleted rationale": ("    rationale: Plans name the purpose.\n", ""),
}


@pytest.mark.parametrize("typo", sorted(TYPOS))
def test_an_unreadable_file_is_reported_first_and_never_compared(repo: Path, typo: str) -> None:
    edit(
        repo, "level: starting\n    rationale: The board", "level: strong\n    rationale: The board"
    )
    edit(repo, *TYPOS[typo])
    code, comment = run(repo, "diff", "--base", "main", "--format", "markdown")
    assert code == 1
    assert comment.splitlines()[2].startswith("> ⛔ **1 file could not be compared.**")
    assert f"`{CYCLE}:" in comment
    assert "removed" not in comment
    assert "#### Level changes" not in comment  # nothing of that file is compared
    code, out = run(repo, "diff", "--base", "main", "--format", "json")
    assert code == 1
    data = json.loads(out)
    [problem] = data["not_compared"]
    assert problem["file"] == CYCLE and problem["side"] == "head"
    assert problem["line"] > 1 and problem["column"] >= 1
    assert problem["code"][0] == "E" and problem["message"]
    assert not [c for c in data["changes"] if c["cycle"] == "2025-26"]
    assert list(data) == ["summary", "not_compared", "changes"]
    code, out = run(repo, "diff", "--base", "main")
    assert code == 1
    assert f"not compared (head): {CYCLE}:" in out
    assert "removed" not in out


def test_an_unreadable_file_on_the_base_side_is_not_compared_either(repo: Path) -> None:
    edit(repo, "level: growing", "level: Growing")
    commit(repo, {}, "A typo lands on main", "2025-03-12T10:00:00+00:00")
    (repo / CYCLE).write_text(base_cycles()[CYCLE], encoding="utf-8")
    code, out = run(repo, "diff", "--base", "main", "--format", "json")
    assert code == 1
    assert [p["side"] for p in json.loads(out)["not_compared"]] == ["base"]
    assert json.loads(out)["changes"] == []


def test_two_cycle_diff_refuses_to_compare_an_unreadable_file(repo: Path) -> None:
    edit(repo, "level: growing", "level: Growing")
    code, out = run(repo, "diff", "test-trust/2024-25", "test-trust/2025-26", "--format", "json")
    assert code == 1
    assert json.loads(out)["not_compared"][0]["code"] == "E114"
    assert json.loads(out)["changes"] == []


def raise_without_new_evidence(repo: Path) -> None:
    """1.1 raised two levels with the same rationale and evidence; 2.1 raised one level
    with a new rationale and new evidence, and perspectives recorded."""
    edit(
        repo, "level: starting\n    rationale: The board", "level: strong\n    rationale: The board"
    )
    edit(
        repo,
        '  "2.1":\n    level: growing\n    rationale: Staff lead small tests of change.',
        '  "2.1":\n    level: strong\n    rationale: Staff lead tests of change on every ward, '
        "and the improvement hub now coaches them.",
    )
    edit(
        repo,
        '"https://example.org/survey-2024", date: 2024-02-01}\n',
        '"https://example.org/survey-2024", date: 2024-02-01}\n'
        '      - {title: Hub coaching log, url: "https://example.org/hub", date: 2025-02-20}\n'
        "    perspectives:\n"
        "      - {group: staff, level: strong}\n"
        "      - {group: board, level: growing}\n",
        last=True,
    )


def test_the_risky_raise_comes_first_flagged_with_its_unchanged_rationale(repo: Path) -> None:
    raise_without_new_evidence(repo)
    code, comment = run(repo, "diff", "--base", "main", "--format", "markdown")
    assert code == 0
    table = comment.split("#### Level changes", 1)[1].split("\n\n", 2)[1].splitlines()
    first, flags = table[2], table[3:5]
    assert "1.1 Purpose is shared." in first and first.startswith("| ⚠️ |")
    assert "Starting → **Strong**" in first and "⬆️ +2" in first
    assert "+2 from Starting in 2024-25" in first  # since the previous agreed cycle, labelled
    assert f"unchanged: {NO_ENGAGEMENT}"[:60] in first
    assert "(draft)" in first and "**Test Trust**" in first
    assert "[W301](https://example.org/impact/about/checks/w301/)" in flags[0]
    assert "W302" in flags[1] and "say what changed" in flags[1]
    later = "\n".join(table[5:])
    assert "2.1 Staff can improve their work." in later
    assert "[Hub coaching log](https://example.org/hub)" in later
    assert "staff: Strong, board: Growing" in later
    assert "✏️ edited" in later


def test_findings_outside_the_change_are_counted_and_folded(repo: Path) -> None:
    raise_without_new_evidence(repo)
    _code, comment = run(repo, "diff", "--base", "main", "--format", "markdown")
    checks = comment.split("#### Checks", 1)[1]
    open_table, folded = checks.split("<details>", 1)
    assert "W301" in open_table and "W302" in open_table
    assert "other-trust" not in open_table
    assert "hint:" in open_table and "✏️" in open_table
    summary = folded.split("</summary>", 1)[0]
    assert "not about this change: 2 in files it does not touch, 0 already on the base" in summary
    assert "assessments/other-trust/2025-26.yaml" in folded


def test_golden_comment_for_a_realistic_pull_request(repo: Path) -> None:
    raise_without_new_evidence(repo)
    env = {"GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "raise-1-1-and-2-1"}
    code, comment = run(repo, "diff", "--base", "main", "--format", "markdown", env=env)
    assert code == 0
    assert comment.startswith("### Maturity changes: main → raise-1-1-and-2-1\n")
    assert_golden(comment, GOLDEN / "risk-first-comment.md")


def test_labels_from_options_win_over_ci(repo: Path) -> None:
    env = {"GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "x"}
    _code, out = run(
        repo,
        "diff",
        "--base",
        "main",
        "--base-label",
        "board-2026-03",
        "--head-label",
        "today",
        "--format",
        "markdown",
        env=env,
    )
    assert out.startswith("### Maturity changes: board-2026-03 → today\n")


def test_the_reviewer_guide_shows_the_golden_comment_and_its_screenshot() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs"
    guide = (docs / "reviewer-guide.md").read_text(encoding="utf-8")
    golden = (GOLDEN / "risk-first-comment.md").read_text(encoding="utf-8")
    assert "```markdown\n" + golden + "```" in guide
    assert "](images/pr-comment.png)" in guide
    assert (docs / "images" / "pr-comment.png").stat().st_size > 10_000
