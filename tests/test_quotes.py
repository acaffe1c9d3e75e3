"""Tests for stage 5, quotes.find_quotes, on short texts written for the purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrail.models import CleanText, Quote
from quotetrail.quotes import find_quotes

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _clean(text: str) -> CleanText:
    return CleanText(text=text, offsets=tuple(range(len(text) + 1)))


def _quotes(text: str) -> tuple[Quote, ...]:
    return find_quotes(_clean(text))


def _one(text: str, needle: str) -> Quote:
    found = [q for q in _quotes(text) if needle in q.content.text]
    assert len(found) == 1, [q.content.text for q in _quotes(text)]
    return found[0]


def test_empty_text_has_no_quotes() -> None:
    assert find_quotes(_clean("")) == ()


def test_spans_match_the_text() -> None:
    text = 'The mayor spoke.\n\n"We will rebuild the old bridge next spring," Mayor Jane Doe said.'
    for q in _quotes(text):
        assert text[q.content.start : q.content.end] == q.content.text
        for span in (q.cue, q.speaker_mention):
            assert span is None or text[span.start : span.end] == span.text


def test_straight_quote_with_trailing_cue() -> None:
    q = _one('"We will rebuild the old bridge next spring," Mayor Jane Doe said.', "bridge")
    assert q.kind == "direct"
    assert q.content.text == "We will rebuild the old bridge next spring,"
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Mayor Jane Doe"


def test_curly_quote_with_inverted_cue() -> None:
    q = _one("“The harbour must stay open to every fishing boat,” said Tom Berry.", "harbour")
    assert q.kind == "direct"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Tom Berry"


def test_cue_before_the_quote() -> None:
    q = _one(
        'Later, Anna Kowalski told reporters: "The vote was fair and the count was clean."', "vote"
    )
    assert q.cue is not None and q.cue.text == "told"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Anna Kowalski"


def test_multi_sentence_quote_is_one_quote() -> None:
    text = '"Prices went up. Wages did not follow at all," the economist Raj Patel said.'
    q = _one(text, "Prices")
    assert "Wages did not follow" in q.content.text


def test_quote_reopened_in_next_paragraph_is_one_quote() -> None:
    text = (
        'Lena Ford said: "The river rose two metres in a single night.\n\n'
        '"Nobody in the village had ever seen water move that fast."'
    )
    q = _one(text, "river")
    assert "Nobody in the village" in q.content.text
    assert q.speaker_mention is not None and q.speaker_mention.text == "Lena Ford"


def test_nested_single_quotes_stay_inside() -> None:
    text = "“They keep calling it the ‘final offer’ but nobody believes that,” Omar Said told us."
    q = _one(text, "final offer")
    assert q.content.text.startswith("They keep calling it the ‘final offer’")


def test_missing_opening_mark_runs_from_paragraph_start() -> None:
    text = (
        "Intro line.\n\nThe new clinic will open before the winter”, the minister Paul Ames said."
    )
    q = _one(text, "clinic")
    assert q.content.text == "The new clinic will open before the winter"
    assert q.speaker_mention is not None and "Paul Ames" in q.speaker_mention.text


def test_scare_quotes_are_skipped() -> None:
    assert _quotes('The so-called "peace plan" was dropped on Tuesday.') == ()


def test_short_quote_with_its_own_cue_and_speaker_is_kept() -> None:
    q = _one('"Not even one," Mayor Rosa Diaz said on Monday.', "Not even one")
    assert q.kind == "direct"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Mayor Rosa Diaz"


def test_short_scare_quote_inside_a_sentence_is_skipped() -> None:
    text = 'Mayor Rosa Diaz called the plan "a disaster" and left the meeting early.'
    assert not [q for q in _quotes(text) if q.content.text == "a disaster"]


def test_quote_after_a_sentence_in_one_paragraph_is_not_embedded() -> None:
    text = (
        '"It is fine," Rosa Diaz said of the plan. "And a tougher plan would be fine '
        'too, because the river keeps rising."'
    )
    q = _one(text, "tougher plan")
    assert q.kind == "direct"
    assert q.content.text.startswith("And a tougher plan")


def test_cue_between_two_parts_of_a_quote_governs_both() -> None:
    text = (
        "“The plan will cost less than the old one,” Rosa Diaz said on Monday at the "
        "council meeting in the town hall. “It will also be finished two years earlier.”"
    )
    first, second = _one(text, "cost less"), _one(text, "two years earlier")
    assert first != second
    assert first.cue is not None and second.cue == first.cue


def test_headline_quote() -> None:
    text = (
        "Moreau: the port strike will end within a week\n\n"
        "Union chief Claire Moreau spoke on Monday."
    )
    q = _one(text, "port strike")
    assert q.speaker_mention is not None and q.speaker_mention.text == "Moreau"


def test_label_line_is_not_a_headline_quote() -> None:
    text = "Source: the regional press office of the northern state\n\nSource was cited."
    assert all("press office" not in q.content.text for q in _quotes(text))


def test_indirect_said_clause() -> None:
    q = _one("Governor Maria Lopez said the budget would be balanced by next year.", "budget")
    assert q.kind == "indirect"
    assert q.content.text == "the budget would be balanced by next year"
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Governor Maria Lopez"


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The coach stressed that the team needed more time to train.", "stressed"),
        ("The senator pointed out that the law had never been enforced.", "pointed out"),
        ("The union noted that wages had fallen for three years.", "noted"),
        ("Dr Ellen Park emphasized that the vaccine was safe for children.", "emphasized"),
        ("The chairman underlined that the merger would save many jobs.", "underlined"),
    ],
)
def test_indirect_cue_verbs(sentence: str, cue: str) -> None:
    found = [q for q in _quotes(sentence) if q.kind == "indirect"]
    assert len(found) == 1
    assert found[0].cue is not None and found[0].cue.text == cue
    assert found[0].content.text.startswith("that ")


def test_called_for_takes_its_object() -> None:
    q = _one("The mayor called for an independent inquiry into the flood response.", "inquiry")
    assert q.cue is not None and q.cue.text == "called for"


def test_according_to_at_sentence_end() -> None:
    q = _one("The factory will close in May, according to two senior managers.", "factory")
    assert q.content.text == "The factory will close in May"
    assert q.speaker_mention is not None and q.speaker_mention.text == "two senior managers"


def test_participle_cue_borrows_the_subject() -> None:
    text = "Sara Lind praised the rescue teams, saying they had worked through the night."
    q = _one(text, "worked through")
    assert q.speaker_mention is not None and q.speaker_mention.text == "Sara Lind"


def test_mixed_quote() -> None:
    text = 'Ken Adams said the reform had "brought the old system to its knees" at last.'
    q = _one(text, "knees")
    assert q.kind == "mixed"
    assert q.content.text.startswith("the reform had")


def test_quote_alone_in_paragraph_inherits_speaker() -> None:
    text = (
        '"The plan will cost less than the old one," Rosa Diaz said.\n\n'
        '"It will also be finished two years earlier than planned."'
    )
    q = _one(text, "two years earlier")
    assert q.speaker_mention is not None and q.speaker_mention.text == "Rosa Diaz"
    assert q.cue is None


def test_unmarked_excerpt_after_source_line() -> None:
    text = (
        "Prime Minister Ivo Brandt said the country must prepare for a hard winter.\n\n"
        "Source: National television\n\n"
        "Date: 3 March, 2019\n\n"
        "We must save energy in every home and every office. Our factories should run on "
        "renewable power before the decade ends, and we will help them do it.\n\n"
        "Leave a Reply"
    )
    found = [q for q in _quotes(text) if "save energy" in q.content.text]
    assert len(found) == 1
    assert found[0].speaker_mention is not None
    assert "Ivo Brandt" in found[0].speaker_mention.text
    assert all("Leave a Reply" not in q.content.text for q in _quotes(text))


def test_unmarked_excerpt_after_said_colon() -> None:
    text = (
        "At the rally, Mira Hale said:\n\n"
        "We will not give up the fight for clean water in this valley. Our children deserve "
        "rivers they can swim in, and we will make sure they get them."
    )
    q = _one(text, "clean water")
    assert q.speaker_mention is not None and q.speaker_mention.text == "Mira Hale"


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds are absent")
    matches = sorted(SEEDS.glob(prefix + "*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} is absent")
    return matches[0].read_text(encoding="utf-8")


@pytest.mark.shared
def test_seed_unbalanced_quote_and_official_website() -> None:
    text = _seed("002")
    found = _quotes(text)
    first = [q for q in found if q.content.text.startswith("Iran shall support")]
    assert len(first) == 1 and first[0].speaker_mention is not None
    assert "Khamenei" in first[0].speaker_mention.text
    site = [q for q in found if q.content.text.startswith("Trump")]
    assert site and site[0].speaker_mention is not None
    assert site[0].speaker_mention.text.endswith("official website")


@pytest.mark.shared
def test_seed_no_boilerplate_quotes() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        for q in _quotes(_seed(prefix)):
            for junk in ("Leave a Reply", "email address", "Share it", "Read more", "comment"):
                assert junk not in q.content.text


@pytest.mark.shared
def test_seed_transcript_excerpt_found() -> None:
    found = _quotes(_seed("000"))
    excerpt = [q for q in found if q.content.text.startswith("Our position on the Resistance")]
    assert len(excerpt) == 1 and excerpt[0].speaker_mention is not None


@pytest.mark.shared
def test_seed_pronoun_speaker_mention() -> None:
    found = _quotes(_seed("004"))
    raisi = [q for q in found if q.content.text.startswith("The resistance front is changing")]
    assert len(raisi) == 1
    assert raisi[0].speaker_mention is not None and raisi[0].speaker_mention.text == "he"
