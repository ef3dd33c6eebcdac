"""What search reads of a block of prose."""

from __future__ import annotations

from impactctl.site.searchtext import EXCERPT_WORDS, excerpt, search_words


def test_marked_parts_are_left_out_with_what_they_hold() -> None:
    html = (
        "<h4>1.1 Purpose</h4>"
        '<ul class="impact-views" data-search-exclude><li>Board: said <ul><li>a</li></ul>'
        " more</li></ul>"
        "<p>kept</p>"
        "<dl data-search-exclude><dt>Level</dt><dd>Developing</dd></dl>"
    )
    assert search_words(html) == "1.1 Purpose kept"


def test_a_rationale_is_searched_by_its_first_sentence() -> None:
    html = (
        '<div data-search-excerpt="first sentence"><div><p>Huddles run daily. '
        "Nobody reads the board paper.</p></div></div><p>after</p>"
    )
    assert search_words(html) == "Huddles run daily. after"


def test_an_excerpt_is_at_most_so_many_words() -> None:
    long = " ".join(f"w{i}" for i in range(60)) + ". Second."
    words = excerpt(long).split()
    assert len(words) == EXCERPT_WORDS + 1 and words[-1] == "…"
    assert excerpt("No full stop at all") == "No full stop at all"
    assert excerpt("Version 2.1 of the plan. Then more.") == "Version 2.1 of the plan."


def test_an_unclosed_marked_part_runs_to_the_end() -> None:
    assert search_words("<p>before</p><p data-search-exclude>never closed") == "before"
