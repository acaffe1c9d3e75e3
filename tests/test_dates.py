"""Stage 7: dating each statement (quotetrail/dates.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from quotetrail.dates import date_mentions
from quotetrail.errors import QuotetrailError
from quotetrail.models import (
    ArticleMeta,
    Attribution,
    CleanText,
    Mention,
    PublicationDate,
    Quote,
    QuoteKind,
    Span,
)

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


# -- helpers -------------------------------------------------------------------


def _clean(text: str) -> CleanText:
    return CleanText(text=text, offsets=tuple(range(len(text) + 1)))


def _meta(published: dt.date | None, evidence: str = "") -> ArticleMeta:
    date = PublicationDate(published, evidence or str(published), "text") if published else None
    return ArticleMeta(title=None, outlet=None, published=date)


def _near(text: str, word: str, content: Span) -> Span:
    """The occurrence of `word` outside the content that lies closest to it."""
    starts = [
        m.start()
        for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text)
        if not content.start <= m.start() < content.end
    ]
    assert starts, f"{word!r} not found outside the quote"
    best = min(starts, key=lambda i: min(abs(i - content.start), abs(i - content.end)))
    return Span(best, best + len(word), word)


def _attribution(
    text: str,
    content: str,
    cue: str | None = "said",
    speaker_mention: str | None = None,
    speaker: str | None = None,
    kind: QuoteKind = "direct",
) -> Attribution:
    start = text.index(content)
    span = Span(start, start + len(content), content)
    quote = Quote(
        kind=kind,
        content=span,
        cue=_near(text, cue, span) if cue else None,
        speaker_mention=_near(text, speaker_mention, span) if speaker_mention else None,
        confidence=0.8,
    )
    return Attribution(quote=quote, speaker=speaker)


def _dates(text: str, published: dt.date | None, *atts: Attribution) -> list[Mention]:
    return list(date_mentions(_clean(text), _meta(published), atts))


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} is not present")
    return found[0].read_text(encoding="utf-8")


WED = dt.date(2023, 6, 21)  # a Wednesday


# -- seeds ---------------------------------------------------------------------


def test_seed_004_khamenei_dated_by_on_wednesday() -> None:
    text = _seed("004")
    att = _attribution(
        text,
        "The Islamic Republic’s support for Palestine is based on Islamic teachings",
        speaker_mention="he",
        speaker="Ali Khamenei",
    )
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 21)
    assert mention.said_on.granularity == "day"
    assert mention.said_on.evidence.startswith("on Wednesday (")


def test_seed_004_raisi_dated_a_day_before_the_meeting() -> None:
    text = _seed("004")
    atts = (
        _attribution(
            text,
            "The Islamic Republic’s support for Palestine is based on Islamic teachings",
            speaker_mention="he",
            speaker="Ali Khamenei",
        ),
        _attribution(
            text,
            "The resistance front is changing the balance of power",
            speaker_mention="he",
            speaker="Ebrahim Raisi",
        ),
    )
    raisi = _dates(text, WED, *atts)[1]
    assert raisi.said_on is not None
    assert raisi.said_on.value == dt.date(2023, 6, 20)
    assert raisi.said_on.evidence.startswith("a day earlier (")


def test_seed_003_indirect_quote_takes_on_june_21() -> None:
    text = _seed("003")
    att = _attribution(
        text,
        "Palestine belongs to all Muslims and it is a religious obligation",
        cue="stated",
        speaker_mention="Imam Khamenei",
        speaker="Ali Khamenei",
        kind="indirect",
    )
    (mention,) = _dates(text, dt.date(2023, 6, 22), att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 21)
    assert "June 21" in mention.said_on.evidence


def test_seed_000_speech_excerpt_takes_the_conference_tuesday() -> None:
    text = _seed("000")
    att = _attribution(
        text,
        "The dangers originating from the presence of the Zionist regime",
        cue=None,
        speaker="Ali Khamenei",
    )
    (mention,) = _dates(text, dt.date(2017, 2, 21), att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2017, 2, 21)
    assert mention.said_on.evidence.startswith("on Tuesday (")


def test_seed_001_earlier_had_said_is_undated() -> None:
    text = _seed("001")
    att = _attribution(
        text,
        "By Allah's favor and grace",
        speaker_mention="Ayatollah Khamenei",
        speaker="Ali Khamenei",
    )
    (mention,) = _dates(text, None, att)
    assert mention.said_on is None


def test_seed_001_had_said_stays_undated_even_with_a_publication_date() -> None:
    text = _seed("001")
    att = _attribution(
        text,
        "By Allah's favor and grace",
        speaker_mention="Ayatollah Khamenei",
        speaker="Ali Khamenei",
    )
    (mention,) = _dates(text, dt.date(2017, 2, 22), att)
    assert mention.said_on is None


# -- explicit dates ------------------------------------------------------------


def test_explicit_day_month_year_is_used_as_written() -> None:
    text = 'On 5 February 2020, the minister said "we will build the bridge soon".'
    att = _attribution(text, "we will build the bridge soon", speaker="Ann Lee")
    (mention,) = _dates(text, dt.date(2023, 1, 1), att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2020, 2, 5)
    assert mention.said_on.evidence == "On 5 February 2020 (explicit date)"


def test_explicit_month_day_year_is_used_as_written() -> None:
    text = '"The port will reopen in spring," Ann Lee said June 21, 2023, in Oslo.'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, None, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 21)


def test_date_without_year_takes_the_publication_year() -> None:
    text = '"The port will reopen in spring," Ann Lee said on June 2.'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 2)


def test_date_without_year_after_publication_is_last_years() -> None:
    text = '"The port will reopen in spring," Ann Lee said on December 30.'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, dt.date(2023, 1, 3), att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2022, 12, 30)


def test_abbreviated_month_with_full_stop() -> None:
    text = 'Ann Lee said on Feb. 21 that "the port will reopen in spring".'
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, dt.date(2017, 2, 22), att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2017, 2, 21)


def test_iso_date_is_used_as_written() -> None:
    text = '"The port will reopen in spring," Ann Lee said (2023-06-02).'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 2)


def test_upcoming_date_without_year_is_not_a_statement_date() -> None:
    text = '"The port will reopen in spring," Ann Lee said, ahead of talks on June 30.'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is None


# -- relative to the publication date ---------------------------------------


def test_weekday_is_the_one_on_or_before_publication() -> None:
    text = '"The port will reopen in spring," Ann Lee said on Monday.'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 19)
    assert mention.said_on.evidence == "on Monday (Monday on or before published 2023-06-21)"


def test_weekday_of_publication_is_the_publication_day() -> None:
    text = '"The port will reopen in spring," Ann Lee said on Wednesday.'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == WED


def test_weekday_with_part_of_day() -> None:
    text = 'Ann Lee said on Monday night that "the port will reopen in spring".'
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 19)
    assert mention.said_on.evidence.startswith("on Monday night (")


def test_last_weekday_is_strictly_before_publication() -> None:
    text = '"The port will reopen in spring," Ann Lee said last Wednesday.'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 14)


def test_yesterday_is_the_day_before_publication() -> None:
    text = '"The port will reopen in spring," Ann Lee said yesterday.'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 20)
    assert mention.said_on.granularity == "day"


def test_last_month_has_month_granularity() -> None:
    text = 'Last month, Ann Lee said that "the port will reopen in spring".'
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 5, 1)
    assert mention.said_on.granularity == "month"


def test_last_month_in_january_is_december_of_the_year_before() -> None:
    text = 'Last month, Ann Lee said that "the port will reopen in spring".'
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, dt.date(2024, 1, 10), att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 12, 1)


def test_earlier_this_month_has_month_granularity() -> None:
    text = 'Ann Lee said earlier this month that "the port will reopen in spring".'
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert (mention.said_on.value, mention.said_on.granularity) == (dt.date(2023, 6, 1), "month")


def test_last_year_has_year_granularity() -> None:
    text = 'Ann Lee said last year that "the port will reopen in spring".'
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert (mention.said_on.value, mention.said_on.granularity) == (dt.date(2022, 1, 1), "year")


def test_last_week_is_too_vague_and_blocks_the_event_date() -> None:
    text = (
        "The summit opened in Oslo on Tuesday.\n\n"
        'Ann Lee said last week that "the port will reopen in spring".'
    )
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is None


def test_no_publication_date_leaves_relative_expressions_unresolved() -> None:
    text = '"The port will reopen in spring," Ann Lee said on Tuesday.\n\nShe spoke yesterday.'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, None, att)
    assert mention.said_on is None


def test_generic_today_far_from_the_cue_does_not_date() -> None:
    text = (
        "Today, even the critics of the old harbour plan have come to accept that the "
        'port matters, Ann Lee said, adding "the port will reopen in spring".'
    )
    att = _attribution(text, "the port will reopen in spring", cue="adding", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is None


def test_today_next_to_the_cue_dates() -> None:
    text = 'Ann Lee said today that "the port will reopen in spring".'
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == WED


# -- relative to an event in the article ------------------------------------


EVENT_TEXT = (
    '"Ports matter," Ann Lee said at the harbour board on Wednesday in Oslo.\n\n'
    "The board's chair had met Mayor Tom Berg a day earlier.\n\n"
    'During the meeting, he said the budget was fixed. "We will build the bridge '
    'this decade," Berg said.\n\n'
    '"The port will reopen in spring," Lee said.'
)


def _event_mentions() -> list[Mention]:
    return _dates(
        EVENT_TEXT,
        WED,
        _attribution(EVENT_TEXT, "Ports matter,", speaker="Ann Lee"),
        _attribution(EVENT_TEXT, "We will build the bridge this decade,", speaker="Tom Berg"),
        _attribution(EVENT_TEXT, "The port will reopen in spring,", speaker="Ann Lee"),
    )


def test_a_day_earlier_dates_the_named_persons_later_statement() -> None:
    berg = _event_mentions()[1]
    assert berg.said_on is not None
    assert berg.said_on.value == dt.date(2023, 6, 20)
    assert berg.said_on.evidence.startswith("a day earlier (1 day before on Wednesday")


def test_speaker_quoted_at_an_event_keeps_it_past_an_unnamed_subject() -> None:
    lee = _event_mentions()[2]
    assert lee.said_on is not None
    assert lee.said_on.value == WED


def test_unnamed_subject_sentence_may_date_a_speaker_not_yet_placed() -> None:
    text = (
        '"Ports matter," Ann Lee said on Wednesday in Oslo.\n\n'
        "The visiting delegate had met Mayor Tom Berg a day earlier.\n\n"
        '"We will keep the harbour open," Joe Park said.'
    )
    att = _attribution(text, "We will keep the harbour open,", speaker="Joe Park")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 20)


def test_other_persons_dated_background_does_not_date_a_statement() -> None:
    text = (
        '"The port will reopen in spring," Ann Lee said on Wednesday.\n\n'
        "Tensions rose after President Tom Berg closed the harbour on 3 January.\n\n"
        '"We will not give up the harbour," Lee said.'
    )
    att = _attribution(text, "We will not give up the harbour,", speaker="Ann Lee")
    (mention,) = _dates(text, dt.date(2020, 2, 5), att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2020, 2, 5)


def test_two_days_later() -> None:
    text = (
        "The summit opened on June 10, 2023.\n\n"
        'Two days later, Ann Lee said "the port will reopen in spring".'
    )
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 12)


def test_the_day_before_a_named_event_is_not_used() -> None:
    text = (
        "The summit opened on June 19, 2023.\n\n"
        'The day before the vote, Ann Lee said "the port will reopen in spring".'
    )
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.evidence.startswith("on June 19, 2023 (")


def test_old_background_date_is_not_carried_to_a_later_statement() -> None:
    text = (
        "The harbour first closed on Oct. 21, 2011.\n\n"
        '"The port will reopen in spring," Ann Lee said.'
    )
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is None


def test_a_day_earlier_with_no_event_before_it_stays_undated() -> None:
    text = 'A day earlier, Ann Lee said "the port will reopen in spring".'
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is None


# -- statements reported as earlier ------------------------------------------


def test_had_said_is_not_given_the_event_date() -> None:
    text = (
        "Ann Lee opened the harbour summit in Oslo on Tuesday.\n\n"
        'Earlier, Lee had said, "the port will reopen in spring".'
    )
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is None


def test_previously_said_is_not_given_the_event_date() -> None:
    text = (
        "Ann Lee opened the harbour summit in Oslo on Tuesday.\n\n"
        'Lee previously said that "the port will reopen in spring".'
    )
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is None


def test_had_said_with_its_own_date_is_dated() -> None:
    text = 'Lee had said on 2 March 2021 that "the port will reopen in spring".'
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2021, 3, 2)


# -- article context -----------------------------------------------------------


def test_lead_statement_takes_the_articles_event_date() -> None:
    text = (
        'Ann Lee said "the port will reopen in spring".\n\n'
        "She was speaking at a harbour summit that began in Oslo on Tuesday."
    )
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 20)
    assert "the article's event date" in mention.said_on.evidence


def test_statement_takes_the_event_date_of_its_paragraph() -> None:
    text = '"The port will reopen in spring," Ann Lee said. She spoke in Oslo on Monday.'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 19)
    assert "same paragraph" in mention.said_on.evidence


def test_no_anchor_but_a_dateline_stays_undated() -> None:
    text = (
        "Harbour to reopen\n\n"
        "Date: 21 June, 2023\n\n"
        '"The port will reopen in spring," Ann Lee said.'
    )
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = date_mentions(_clean(text), _meta(WED, "Date: 21 June, 2023"), (att,))
    assert mention.said_on is None


def test_dateline_matching_the_publication_evidence_is_not_an_event() -> None:
    text = 'By Staff Writer | June 21, 2023\n\n"The port will reopen in spring," Ann Lee said.'
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    meta = _meta(WED, "By Staff Writer | June 21, 2023")
    (mention,) = date_mentions(_clean(text), meta, (att,))
    assert mention.said_on is None


def test_hard_wrapped_sentence_keeps_its_date() -> None:
    text = (
        "The harbour board met in Oslo to discuss the budget and\n"
        "the plans for the coming season, and members argued over\n"
        "the cost of the new quay for most of the afternoon.\n"
        "\n"
        '"The port will reopen in spring," said Ann Lee, who chairs\n'
        "the board, speaking to reporters after the meeting on\n"
        "Monday.\n"
    )
    att = _attribution(text, "The port will reopen in spring,", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is not None
    assert mention.said_on.value == dt.date(2023, 6, 19)
    assert mention.said_on.evidence == "on Monday (Monday on or before published 2023-06-21)"


def test_date_inside_the_quoted_content_is_not_the_statement_date() -> None:
    text = "Ann Lee said the storm on Monday had closed the port for a week."
    att = _attribution(text, "the storm on Monday had closed the port for a week", kind="indirect")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is None


def test_weekday_in_a_holiday_name_is_not_a_date() -> None:
    text = 'Ann Lee said "the port will reopen in spring" before Good Friday.'
    att = _attribution(text, "the port will reopen in spring", speaker="Ann Lee")
    (mention,) = _dates(text, WED, att)
    assert mention.said_on is None


# -- the mention itself ------------------------------------------------------


def test_mention_copies_fields_and_maps_offsets_to_the_text_as_read() -> None:
    text = '"The port will reopen," Ann Lee said on Monday.'
    # Two characters were removed before the clean text starts.
    cleaned = CleanText(text=text, offsets=tuple(range(2, len(text) + 3)))
    content = Span(1, 21, "The port will reopen")
    quote = Quote("direct", content, Span(32, 36, "said"), Span(24, 31, "Ann Lee"), 0.7)
    att = Attribution(quote, "Ann Lee", roles=("mayor",), channel="city website")
    (mention,) = date_mentions(cleaned, _meta(WED), (att,))
    assert (mention.start, mention.end) == (3, 23)
    assert mention.text == "The port will reopen"
    assert (mention.cue, mention.speaker_mention) == ("said", "Ann Lee")
    assert (mention.speaker, mention.roles, mention.channel) == (
        "Ann Lee",
        ("mayor",),
        "city website",
    )
    assert (mention.kind, mention.confidence) == ("direct", 0.7)
    assert mention.said_on is not None and mention.said_on.value == dt.date(2023, 6, 19)


def test_no_attributions_give_no_mentions() -> None:
    assert date_mentions(_clean("Nothing said."), _meta(WED), ()) == ()


def test_span_outside_the_text_is_an_error() -> None:
    quote = Quote("direct", Span(5, 500, "x"), None, None, 0.5)
    with pytest.raises(QuotetrailError, match="outside the cleaned text"):
        date_mentions(_clean("Short text."), _meta(WED), (Attribution(quote, None),))
