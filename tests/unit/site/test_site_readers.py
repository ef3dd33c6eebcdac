"""What a board member reads: drafts never passed off as results, "on track?", the system
page, words beside statement numbers, and the change log grouped for people."""

from __future__ import annotations

from pathlib import Path

from impactctl.site.options import Publish, SiteOptions
from impactctl.site.pages import generate, site_nav
from tests.gitrepo import write
from tests.unit.site.tiny import CYCLE_2, tiny_data

FULL = SiteOptions(publish=Publish.FULL, repo_url="https://github.com/example/assessments")

DRAFT_3 = (
    CYCLE_2.replace("cycle: 2025-26", "cycle: 2026-27")
    .replace("assessed_on: 2026-03-12", "assessed_on: 2026-10-01")
    .replace("status: agreed", "status: draft")
    .replace('"1.2": {level: growing', '"1.2": {level: strong')
    .replace("level: growing\n    target: strong", "level: strong\n    target: strong")
)


def _with_draft(tmp_path: Path) -> dict[str, str]:
    data = tiny_data(tmp_path)
    write(tmp_path, {"assessments/test-trust/2026-27.yaml": DRAFT_3})
    (tmp_path / "assessments/test-trust/organisation.yaml").write_text(
        "id: test-trust\nname: Test Trust\ntype: acute\nsystem: test-icb\n"
        "cycles: [2024-25, 2025-26, 2026-27]\n"
    )
    from impactctl.reading.repository import load_repository

    data = type(data)(load_repository(tmp_path).repository, *list(data.__dict__.values())[1:])
    return generate(data, FULL)


def test_a_draft_is_named_in_headlines_and_drawn_differently(tmp_path: Path) -> None:
    files = _with_draft(tmp_path)
    page = files["organisations/test-trust.md"]
    # The trend speaks of the agreed cycles and names the draft as pending.
    assert "between the agreed cycles" in page or "(agreed)" in page or "Since 2024-25" in page
    assert "2026-27 is a draft, not yet agreed" in page
    # Latest against previous: the draft is said, and drawn as a hollow diamond with a key.
    assert "(the latest cycle is a draft, not yet agreed)" in page
    assert "Draft, not yet agreed (diamond)" in page
    # The trend panels draw the draft's point hollow, reached by a dashed line, with a key.
    assert 'stroke-dasharray="5 4"' in page and "Hollow point, dashed line:" in page
    assert "2026-27 (draft)" in page  # tables label the cycle
    assert "a draft: its levels are proposals until agreed" in page
    overview = files["index.md"]
    assert "including 1 draft, not yet agreed" in overview or "drafts" in overview
    # Both latest cycles are drafts now: the heatmap's headline counts no draft as a result.
    assert "Every organisation&#x27;s latest review cycle is a draft, not yet agreed" in overview
    assert "1 of 1 organisation rose" in overview and "a draft, not yet agreed)" in overview


def test_on_track_in_words_and_a_table(tmp_path: Path) -> None:
    files = generate(tiny_data(tmp_path), FULL)
    page = files["organisations/test-trust.md"]
    assert "## On track? { #on-track data-search-exclude }" in page
    assert "2 actions, 2 open: 1 overdue, 0 blocked" in page
    assert '<table class="impact-data impact-wide" id="on-track-table">' in page
    overview = files["index.md"]
    assert "Across the action plans: 1 overdue, 0 blocked" in overview
    assert 'data-label="Overdue"><span class="impact-badge impact-badge--overdue">1 overdue' in (
        overview
    )


def test_a_system_page_lists_its_members_and_the_system_view(tmp_path: Path) -> None:
    files = generate(tiny_data(tmp_path), FULL)
    page = files["systems/test-icb.md"]
    assert page.count('href="../../organisations/test-') == 2  # the ICB and its trust
    assert "Test Trust" in page and "Test Integrated Care Board" in page
    assert "The system&#x27;s level per component" in page  # per component, with spread
    assert "Members&#x27; spread" in page
    assert 'id="system-trend-1"' in page  # and its trend over cycles
    # Each member's page links its system's page.
    assert 'part of <a href="../../systems/test-icb/">' in files["organisations/test-trust.md"]


def test_statements_carry_words_beside_their_numbers(tmp_path: Path) -> None:
    files = generate(tiny_data(tmp_path), FULL)
    page = files["organisations/test-trust.md"]
    # No title in the framework: the first words of the statement stand in.
    assert '<h4 id="statement-1-1">1.1 Purpose is shared</h4>' in page
    assert '<a href="#statement-1-2">1.2</a> Purpose guides work' in page


def test_the_change_log_is_grouped_and_linked(tmp_path: Path) -> None:
    page = generate(tiny_data(tmp_path), FULL)["organisations/test-trust.md"]
    log = page[page.index("{ #change-log data-search-exclude }") :]
    assert log.index("2025-26") < log.index("2024-25")  # newest cycle first
    assert '<a href="https://github.com/example/assessments/pull/12">Review #12</a>' in log
    assert "1.1 Purpose is shared: Starting → Growing" in log
    text = log.split("<a href=", 1)[0] + "".join(
        p.split(">", 1)[-1] for p in log.split("<a href=")[1:]
    )
    assert "aaaaaaa" not in text and "commit" not in text.lower()  # no developer words


def test_a_statement_title_falls_back_to_the_first_words_of_its_text() -> None:
    from impactctl.model import Statement

    def s(text: str, title: str = "") -> str:
        return Statement("1.1", text, "", {}, "purpose", title=title).short_title

    assert s("Anything at all.", "Psychological safety") == "Psychological safety"
    assert s("Purpose is shared.") == "Purpose is shared"
    assert s("Staff feel psychologically safe: they can raise concerns freely.") == (
        "Staff feel psychologically safe"
    )
    long = s("Measurement for improvement is used at every level and in every team meeting")
    assert long.endswith("…") and len(long) <= 41


MINI_2 = """\
id: mini
version: "2"
title: A small framework for tests
source: https://example.org/mini
licence: Test text.
migrates_from:
  framework: mini@1
  statements: {"1.2": "1.3"}
levels:
  - {id: starting, label: Starting, description: Little is in place.}
  - {id: growing, label: Growing, description: Some of it is in place.}
  - {id: strong, label: Strong, description: Most of it is in place.}
components:
  - id: purpose
    title: Shared purpose
    summary: Why we improve.
    statements:
      - id: "1.1"
        text: Purpose is shared.
        descriptors: {starting: a, growing: b, strong: c}
      - id: "1.3"
        title: Purpose in plans
        text: Purpose guides work.
        descriptors: {starting: a, growing: b, strong: c}
  - id: people
    title: People and culture
    summary: Who improves.
    statements:
      - id: "2.1"
        text: Staff can improve their work.
        descriptors: {starting: a, growing: b, strong: c}
"""

OTHER = """\
id: other
version: "1"
title: Another framework
source: https://example.org/other
licence: Test text.
levels:
  - {id: low, label: Low, description: Low.}
  - {id: high, label: High, description: High.}
components:
  - id: only
    title: The only component
    summary: All of it.
    statements:
      - id: "1.1"
        text: Everything.
        descriptors: {low: a, high: b}
"""


def test_a_renumbered_statement_shows_its_previous_level(tmp_path: Path) -> None:
    from impactctl.reading.repository import load_repository

    data = tiny_data(tmp_path)
    cycle = CYCLE_2.replace("framework: mini@1", "framework: mini@2").replace(
        '"1.2": {level: growing', '"1.3": {level: strong'
    )
    write(
        tmp_path,
        {
            "framework/mini-2/framework.yaml": MINI_2,
            "framework/other/framework.yaml": OTHER,
            "assessments/test-trust/2025-26.yaml": cycle,
            "assessments/other-trust/organisation.yaml": "id: other-trust\nname: Other Trust\n"
            "type: acute\n",
            "assessments/other-trust/2025-26.yaml": (
                "framework: other@1\norganisation: other-trust\ncycle: 2025-26\n"
                "assessed_on: 2026-01-10\nstatus: agreed\nparticipants:\n"
                "  - {group: board, role: Chair}\nratings:\n"
                '  "1.1": {level: high, rationale: Yes.}\n'
            ),
        },
    )
    loaded = load_repository(tmp_path)
    data = type(data)(loaded.repository, *list(data.__dict__.values())[1:])
    files = generate(data, FULL)
    page = files["organisations/test-trust.md"]
    detail = page[page.index('id="statement-1-3-detail"') :]
    detail = detail[: detail.index("</dl>")]
    # 1.2 in mini@1 is 1.3 in mini@2: its level in 2024-25 is shown, not "not rated".
    assert "<dt>Previous, 2024-25</dt><dd>" in detail and "Growing" in detail
    assert "Not rated" not in detail
    history = page[page.index('id="component-purpose-history"') :]
    assert "Purpose in plans</th><td>Growing</td><td>Strong</td>" in history
    # Every framework is published, each version with what moved.
    assert "framework/versions/mini-1.md" in files and "framework/versions/mini-2.md" in files
    moved = files["framework/versions/mini-2.md"]
    assert (
        '<th scope="row">1.2</th><td data-label="Now">1.3</td>'
        '<td data-label="What happened">renumbered</td>'
    ) in moved
    assert "framework/versions/other-1.md" in files
    assert "Used by Other Trust" in files["framework/versions/other-1.md"]
    assert "organisations/other-trust.md" in files
    # The other framework's component pages are published too, with its organisations.
    other = files["components/other/only.md"]
    assert "Other Trust" in other and "Test Trust" not in other
    assert "framework/versions/other-1/" in other
    nav = str(site_nav(data, FULL, files, []))
    assert "components/other/only.md" in nav and "framework/versions/other-1.md" in nav
    assert "framework-versions-table" in files["framework/index.md"]


def test_at_national_scale_statement_detail_is_data_one_click_away(tmp_path: Path) -> None:
    from impactctl.reading.repository import load_repository

    data = tiny_data(tmp_path)
    extra = {}
    for n in range(21):
        org = f"trust-{n:02d}"
        extra[f"assessments/{org}/organisation.yaml"] = (
            f"id: {org}\nname: Trust {n:02d}\ntype: acute\nsystem: test-icb\n"
        )
        extra[f"assessments/{org}/2025-26.yaml"] = CYCLE_2.replace(
            "organisation: test-trust", f"organisation: {org}"
        )
    write(tmp_path, extra)
    data = type(data)(load_repository(tmp_path).repository, *list(data.__dict__.values())[1:])
    files = generate(data, FULL)
    page = files["components/purpose.md"]
    assert (
        "-statements"
        not in page.split("data/components/purpose-statements.csv")[0].split("<table")[-1]
        or "component-1-statements" not in page
    )
    assert "data/components/purpose-statements.csv" in page
    rows = files["data/components/purpose-statements.csv"].splitlines()
    assert len(rows) == 1 + 23 and rows[0].endswith("1.2 Purpose guides work")


def test_the_icb_page_lists_its_members(tmp_path: Path) -> None:
    page = generate(tiny_data(tmp_path), FULL)["organisations/test-icb.md"]
    assert 'Members of this system: <a href="../test-trust/">Test Trust</a>.' in page
    assert '<a href="../../systems/test-icb/">the system&#x27;s page</a>' in page
