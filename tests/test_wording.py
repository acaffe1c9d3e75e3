"""Tests for wording.py: word diffs between outlets' wordings, and a statement's variants."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from quotetrail import wording
from tests.across_factory import Q, article, ingest
from tests.test_align import SPEECH, statement_of


def test_variants_show_word_differences(db_path: Path) -> None:
    a = (
        "All regional nations and all freedom seekers in the world should meet the main needs of "
        "this nation."
    )
    b = (
        "All regional nations and all freedom-seekers of the world should meet the main needs of "
        "this nation"
    )
    conn = ingest(
        db_path, article("a.txt", [Q(a, "Ali Khamenei")]), article("b.txt", [Q(b, "Ali Khamenei")])
    )
    found = wording.variants(conn, statement_of(conn, a))
    other = next(v for v in found if v.text == b)
    assert other.relation == "near"
    assert [(d.op, d.old.strip(), d.new.strip()) for d in other.diff if d.op != "equal"] == [
        ("insert", "", "-"),
        ("replace", "in", "of"),
        ("delete", ".", ""),
    ]


def changes(canonical: str, variant: str) -> list[tuple[str, str, str]]:
    diff = wording.word_diff(canonical, variant)
    return [(d.op, d.old.strip(), d.new.strip()) for d in diff if d.op != "equal"]


def test_word_diff_of_identical_wordings_is_one_equal_run() -> None:
    diff = wording.word_diff("It is not a tactical move.", "It is not a tactical move.")
    assert [d.op for d in diff] == ["equal"]


def test_word_diff_ignores_case_and_quote_style() -> None:
    assert changes("The Leader said “don’t”", 'the leader said "don\'t"') == []


def test_word_diff_shows_hyphenation_as_an_inserted_mark() -> None:
    assert changes("freedom seekers", "freedom-seekers") == [("insert", "", "-")]


def test_word_diff_pairs_replaced_words() -> None:
    assert changes(
        "it is not based on tactical or diplomatic moves",
        "it is not a tactical or diplomatic move",
    ) == [("replace", "based on", "a"), ("replace", "moves", "move")]


def test_word_diff_keeps_words_dropped_inside_as_deletions() -> None:
    assert changes("We will, he said, win.", "We will win.") == [("delete", ", he said,", "")]


def test_word_diff_collapses_words_a_fragment_leaves_out_at_the_ends() -> None:
    assert changes("Yes. We will win, he said.", "we will win") == [
        ("skip", "Yes.", ""),
        ("skip", ", he said.", ""),
    ]


def test_fragment_variant_is_compared_with_the_part_it_covers() -> None:
    fragment = "The main pivot of the Resistance is the steadfastness of the people"
    diff = wording.word_diff(SPEECH, fragment)
    assert [d.op for d in diff] == ["skip", "equal", "skip"]
    assert diff[1].new == fragment


def test_word_diff_does_not_skip_a_wholly_different_wording() -> None:
    assert changes("alpha beta", "gamma") == [("replace", "alpha beta", "gamma")]


@given(st.text(max_size=60), st.text(max_size=60))
def test_word_diff_runs_rebuild_both_wordings(canonical: str, variant: str) -> None:
    diff = wording.word_diff(canonical, variant)
    assert "".join(d.old for d in diff) == canonical.strip()
    assert "".join(d.new for d in diff) == variant.strip()
