"""impactctl.reading.layout: which file is what, cycle ids and their order, statement order."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactctl.errors import RepositoryNotFound
from impactctl.model import Organisation
from impactctl.reading.layout import cycle_id, cycle_order, find_root, kind_of, statement_key


@pytest.mark.parametrize(
    ("rel", "kind"),
    [
        ("framework/nhs-impact/framework.yaml", "framework"),
        ("assessments/org/organisation.yaml", "organisation"),
        ("assessments/org/action-plan.yaml", "action-plan"),
        ("assessments/org/2025-26.yaml", "assessment"),
        ("assessments/org/2025-26.yml", None),  # E117's to report, not read
        ("assessments/org/deeper/2025-26.yaml", None),
        ("framework/framework.yaml", None),
        ("site/index.md", None),
    ],
)
def test_kind_of_follows_the_layout(rel: str, kind: str | None) -> None:
    assert kind_of(rel) == kind


def test_cycle_id_is_the_file_name_without_yaml() -> None:
    assert cycle_id("assessments/org/2025-q3.yaml") == "2025-q3"
    assert cycle_id("2024-25.yaml") == "2024-25"


def test_an_explicit_cycles_list_orders_first_and_unlisted_files_follow_sorted() -> None:
    org = Organisation("org", "Org", "acute", None, ("spring-2025", "autumn-2025"))
    assert cycle_order(org, ["autumn-2025", "zz-extra", "spring-2025", "aa-extra"]) == [
        "spring-2025",
        "autumn-2025",
        "aa-extra",
        "zz-extra",
    ]
    assert cycle_order(None, ["2025-26", "2024-25"]) == ["2024-25", "2025-26"]


def test_statement_ids_sort_as_numbers_not_text() -> None:
    ids = ["1.10", "2.1", "1.2", "x.y", "1.1"]
    assert sorted(ids, key=statement_key) == ["1.1", "1.2", "1.10", "2.1", "x.y"]


def test_find_root_walks_up_to_the_folder_with_assessments(tmp_path: Path) -> None:
    (tmp_path / "assessments" / "org").mkdir(parents=True)
    assert find_root(tmp_path / "assessments" / "org") == tmp_path.resolve()
    with pytest.raises(RepositoryNotFound):
        find_root(tmp_path.parent / "elsewhere-that-does-not-exist")
