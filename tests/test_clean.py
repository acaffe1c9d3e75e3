"""Stage 2: boilerplate removal, normalisation and the offset map."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrail.clean import clean, replacement_for
from quotetrail.models import CleanText, RawDocument

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

BODY = (
    "Finance Minister Ana Ruiz said on Monday the budget would be balanced by 2026.\n\n"
    "Opposition lawmakers called the plan unrealistic."
)


def _clean(text: str) -> CleanText:
    return clean(RawDocument(source="test.txt", text=text, format="text"))


def _check_offsets(raw: str, result: CleanText) -> None:
    assert len(result.offsets) == len(result.text) + 1
    assert result.offsets[-1] == len(raw)
    assert all(a <= b for a, b in zip(result.offsets, result.offsets[1:], strict=False))
    assert all(0 <= o <= len(raw) for o in result.offsets)
    for i, char in enumerate(result.text):
        pos = result.offsets[i]
        assert pos < len(raw)
        if raw[pos] != char:
            replaced = replacement_for(raw, pos)
            assert replaced is not None and char in replaced, (i, char, raw[pos])


@pytest.mark.parametrize(
    "prompt",
    [
        "Leave a Reply",
        "Be the first to comment",
        "Your email address will not be published.",
        "Your email address will not be published. Required fields are marked *",
        "Add new comment",
        "Read our comment policy before posting your thoughts",
    ],
)
def test_comment_prompts_are_removed(prompt: str) -> None:
    result = _clean(f"{BODY}\n\n{prompt}\n")
    assert prompt not in result.text
    assert result.text == BODY


def test_share_and_read_more_lines_are_removed() -> None:
    raw = (
        "The mayor said the bridge would reopen in May.\n\n"
        "Read more: City Council Approves Transit Budget\n\n"
        "Engineers found no structural damage.\n\nShare it:\n"
    )
    result = _clean(raw)
    assert "Read more" not in result.text
    assert "Share it" not in result.text
    assert "Engineers found no structural damage." in result.text


def test_breadcrumb_line_is_removed() -> None:
    result = _clean("Home / World / Mayor Opens Bridge\n\nMayor Opens Bridge\n\n" + BODY)
    assert result.text.startswith("Mayor Opens Bridge\n\n")


def test_teaser_block_after_check_also_is_removed_to_the_end() -> None:
    raw = (
        BODY + "\n\nCheck Also\n\nFarmers protest in the capital (File)\n\n"
        "Drought hits grain harvest across the region\n\n"
        "The grain harvest fell to its lowest level in a decade as …\n\nLeave a Reply\n"
    )
    result = _clean(raw)
    assert result.text == BODY
    assert result.removed[-1].text.startswith("Check Also")
    assert result.removed[-1].text.endswith("Leave a Reply")


def test_long_text_after_a_related_line_is_kept() -> None:
    story = "The committee will publish its findings next week, a spokesman said. " * 6
    result = _clean(f"{BODY}\n\nRelated\n\n{story.strip()}\n")
    assert "Related" not in result.text
    assert story.strip() in result.text


def test_source_and_caption_lines_are_kept() -> None:
    raw = (
        "Source: State television\n\n"
        "The minister speaks in Lima on 3 March 2021 (Reuters)\n\n" + BODY
    )
    result = _clean(raw)
    assert "Source: State television" in result.text
    assert "on 3 March 2021 (Reuters)" in result.text


@pytest.mark.parametrize(
    "footer",
    [
        "Copyright © 2021 The Daily Ledger",
        "© 2021 Ledger Media. All rights reserved.",
        "News ID: 88121",
        "0 Persons",
    ],
)
def test_footer_and_counter_lines_are_removed(footer: str) -> None:
    assert _clean(f"{footer}\n{BODY}\n{footer}").text == BODY


def test_repeated_headline_near_the_top_is_removed() -> None:
    raw = "Bridge Reopens\n\nMay 3, 2021\nBridge Reopens\n\n" + BODY
    assert _clean(raw).text == "Bridge Reopens\n\nMay 3, 2021\n\n" + BODY


def test_double_quotes_keep_their_direction_and_single_quotes_become_straight() -> None:
    raw = (
        "\u201cWe won\u2019t wait,\u201d she said of the \u2018crisis\u2019 plan, \u00abnow\u00bb, "
        "\u201eyes\u201f and \uff02maybe\uff02."
    )
    assert _clean(raw).text == (
        "\u201cWe won't wait,\u201d she said of the 'crisis' plan, \u201cnow\u201d, "
        '\u201cyes\u201c and "maybe".'
    )


def test_typewriter_quote_pairs_become_double_quotes() -> None:
    raw = "``Yes,'' she said. ''It is an expansion,'' he added."
    result = _clean(raw)
    assert result.text == '\u201cYes," she said. "It is an expansion," he added.'
    _check_offsets(raw, result)


def test_two_apostrophes_after_a_digit_stay_inches() -> None:
    assert _clean("The 5'' pipe burst.").text == "The 5'' pipe burst."


def test_spaces_are_collapsed_and_no_break_spaces_made_plain() -> None:
    raw = "  The\u00a0vote   was\t\tclose.  \n"
    assert _clean(raw).text == "The vote was close."


def test_three_or_more_newlines_become_one_paragraph_break() -> None:
    assert _clean("First line.\n\n\n\n\nSecond line.").text == "First line.\n\nSecond line."


def test_single_newline_is_kept() -> None:
    assert _clean("First line.\nSecond line.").text == "First line.\nSecond line."


def test_windows_line_breaks_become_newlines() -> None:
    assert _clean("First line.\r\n\r\nSecond line.\r\n").text == "First line.\n\nSecond line."


def test_invisible_characters_are_dropped() -> None:
    assert _clean("The\u200b deal\ufeff was signed.").text == "The deal was signed."


def test_common_mojibake_is_repaired() -> None:
    raw = "\u00e2\u20ac\u0153It\u00e2\u20ac\u2122s over,\u00e2\u20ac\x9d he said."
    assert _clean(raw).text == "\u201cIt's over,\u201d he said."


def test_offsets_point_back_at_the_text_as_read() -> None:
    raw = "Leave a Reply\n\n  \u201cWe  will  win,\u201d  Ruiz said.\r\n"
    result = _clean(raw)
    start = result.text.index("Ruiz")
    a, b = result.to_read(start, start + len("Ruiz"))
    assert raw[a:b] == "Ruiz"
    _check_offsets(raw, result)


def test_removed_spans_are_offsets_into_the_text_as_read() -> None:
    raw = f"{BODY}\n\nShare it:\n"
    (span,) = _clean(raw).removed
    assert raw[span.start : span.end] == "Share it:" == span.text


def test_empty_text_gives_empty_clean_text() -> None:
    result = _clean("")
    assert result.text == ""
    assert result.offsets == (0,)


_ALPHABET = st.sampled_from(
    list("ab .,\n\r\t'\"")
    + ["\u201c", "\u201d", "\u2018", "\u2019", "\u00a0", "\u200b", "\u2028", "\x85", "\x00"]
    + ["\u00e2\u20ac\u0153", "\u00c2\u00a0", "Leave a Reply", "Check Also", "\u00e9", "\U0001f600"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offsets_map_back_for_structured_text(raw: str) -> None:
    _check_offsets(raw, _clean(raw))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_offsets_map_back_for_arbitrary_text(raw: str) -> None:
    _check_offsets(raw, _clean(raw))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_clean_text_has_no_runs_of_blank_lines(raw: str) -> None:
    text = _clean(raw).text
    assert "\n\n\n" not in text
    assert text == text.strip(" \n")


@pytest.mark.shared
def test_seed_boilerplate_is_gone() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    texts = {p.name[:3]: _clean(p.read_text(encoding="utf-8")).text for p in SEEDS.glob("*.txt")}
    assert len(texts) == 5
    for text in texts.values():
        for phrase in ("Leave a Reply", "Your email address", "Share it:", "Read more:"):
            assert phrase not in text
        assert "Check Also" not in text
        assert "comment" not in text.lower()
    assert "FAO" not in texts["002"]
    assert "Home / News" not in texts["002"]
    assert not texts["004"].startswith("0 Persons")


def test_mojibake_space_is_whitespace() -> None:
    raw = "\u00c2\u00a0The vote \u00c2\u00a0 was close.\u00c2\u00a0"
    assert _clean(raw).text == "The vote was close."
