"""Stage 3: title, outlet and publication date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from quotetrail.clean import clean
from quotetrail.meta import DetectedOutlet, detect_outlet, extract_meta
from quotetrail.models import ArticleMeta, RawDocument

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SAMPLES = Path(__file__).resolve().parents[1] / "quotetrail" / "samples"
TODAY = dt.date(2024, 1, 15)

BODY = (
    "Finance Minister Ana Ruiz said the budget would be balanced within two years.\n\n"
    "On March 2, 2021, the ministry had forecast a deficit, she told reporters."
)


def _meta(text: str, default_outlet: str | None = None, **fields: Any) -> ArticleMeta:
    doc = RawDocument(source="test.txt", text=text, format=fields.pop("format", "text"), **fields)
    return extract_meta(doc, clean(doc), default_outlet, today=TODAY)


def _date(text: str, **fields: Any) -> tuple[dt.date, str, str] | None:
    published = _meta(text, **fields).published
    if published is None:
        return None
    return published.value, published.evidence, published.origin


# --- title -------------------------------------------------------------------------


def test_title_comes_from_the_reader_when_given() -> None:
    assert _meta("Budget Talks Stall\n\n" + BODY, title="  Budget  talks stall ").title == (
        "Budget talks stall"
    )


def test_title_is_the_first_line_when_it_looks_like_a_headline() -> None:
    assert _meta("Budget Talks Stall Again\n\n" + BODY).title == "Budget Talks Stall Again"


def test_title_skips_boilerplate_removed_by_clean() -> None:
    text = "Home / Business / Budget Talks Stall\n12 Persons\nBudget Talks Stall\n\n" + BODY
    assert _meta(text).title == "Budget Talks Stall"


def test_title_is_none_when_the_text_opens_with_prose() -> None:
    assert _meta(BODY).title is None


def test_title_skips_a_leading_date_line() -> None:
    assert _meta("May 4, 2021\n\nBudget Talks Stall\n\n" + BODY).title == "Budget Talks Stall"


# --- outlet ------------------------------------------------------------------------


def test_outlet_prefers_the_document_field() -> None:
    assert _meta(BODY, "Fallback Daily", outlet="The Ledger").outlet == "The Ledger"


def test_outlet_falls_back_to_the_default() -> None:
    assert _meta(BODY, "Fallback Daily").outlet == "Fallback Daily"


def test_outlet_is_none_without_either() -> None:
    assert _meta(BODY).outlet is None


# --- outlet named in the text ------------------------------------------------------

HEADLINE = "Budget Talks Stall Again\n\n"


def _detected(text: str) -> DetectedOutlet | None:
    return detect_outlet(clean(RawDocument(source="test.txt", text=text, format="text")))


def test_outlet_from_a_wire_dateline_in_capitals() -> None:
    assert _meta(HEADLINE + "MADRID (Reuters) - " + BODY).outlet == "Reuters"


def test_outlet_from_a_bracketed_acronym_opening_the_lead() -> None:
    assert _meta(HEADLINE + "(CNN) " + BODY).outlet == "CNN"


def test_outlet_from_a_dateline_with_a_state_and_a_two_word_name() -> None:
    text = HEADLINE + "SALEM, Ore. (Kestrel Post) — " + BODY
    assert _meta(text).outlet == "Kestrel Post"


def test_outlet_from_a_joined_up_name_prefixed_to_the_lead() -> None:
    assert _meta(HEADLINE + "TidelineOnline: " + BODY).outlet == "TidelineOnline"


def test_outlet_from_a_name_before_a_dash_opening_the_lead() -> None:
    text = HEADLINE + "PortNews Desk – " + BODY
    assert _meta(text).outlet == "PortNews Desk"


def test_outlet_from_a_masthead_line() -> None:
    text = HEADLINE + "By Jo Marsh\n\nHarbour Herald\n\n" + BODY
    assert _meta(text).outlet == "Harbour Herald"


def test_outlet_detection_records_the_line_that_names_it() -> None:
    assert _detected(HEADLINE + "MADRID (Reuters) - " + BODY) == DetectedOutlet(
        "Reuters", "MADRID (Reuters) -", "dateline"
    )


def test_outlet_field_wins_over_the_text() -> None:
    assert _meta(HEADLINE + "(CNN) " + BODY, outlet="The Ledger").outlet == "The Ledger"


def test_outlet_default_wins_over_the_text() -> None:
    assert _meta(HEADLINE + "(CNN) " + BODY, "Fallback Daily").outlet == "Fallback Daily"


def test_outlet_is_not_a_speaker_label() -> None:
    text = HEADLINE + "Ruiz: The budget will be balanced within two years, and nobody doubts it."
    assert _meta(text).outlet is None


def test_outlet_is_not_a_section_label_before_the_lead() -> None:
    assert _meta(HEADLINE + "World News: " + BODY).outlet is None


def test_outlet_is_not_a_section_line() -> None:
    assert _meta(HEADLINE + "Breaking News\n\n" + BODY).outlet is None


def test_outlet_is_not_read_from_a_headline_prefix() -> None:
    text = "Harbour Times: Ruiz Vows To Balance The Budget Within Two Years.\n\n" + BODY
    assert _meta(text).outlet is None


def test_outlet_is_not_an_outlet_cited_with_its_headline() -> None:
    text = HEADLINE + "Harbour Times: “Ruiz Vows To Balance The Budget Within Two Years.”\n\n"
    assert _meta(text + BODY).outlet is None


def test_outlet_is_not_a_party_affiliation() -> None:
    text = HEADLINE + "Ana Ruiz (R-TX) Wants the budget balanced within two years, she said."
    assert _meta(text).outlet is None


def test_outlet_is_not_a_photo_credit() -> None:
    assert _meta(HEADLINE + "MADRID (AP Photo) - " + BODY).outlet is None


def test_outlet_is_not_a_bracketed_place() -> None:
    assert _meta(HEADLINE + "(Madrid) – " + BODY).outlet is None


def test_outlet_is_not_an_acronym_spelled_out_before_it() -> None:
    text = HEADLINE + "Budget Review Office (BRO) Staff said the budget would balance by May."
    assert _meta(text).outlet is None


def test_outlet_is_only_read_near_the_top() -> None:
    filler = "".join(f"Paragraph {n} of the story goes on at length.\n\n" for n in range(6))
    assert _meta(HEADLINE + filler + "Harbour Herald\n\n" + BODY).outlet is None


# --- publication date: fields ------------------------------------------------------


def test_date_field_of_a_record_is_used() -> None:
    found = _date(BODY, format="record", date_hint="2021-05-04", date_hint_evidence="field")
    assert found == (dt.date(2021, 5, 4), "field", "field")


def test_date_from_html_metadata_has_origin_html() -> None:
    found = _date(BODY, format="html", date_hint="2021-05-04T09:30:00+02:00")
    assert found == (dt.date(2021, 5, 4), "2021-05-04T09:30:00+02:00", "html")


def test_placeholder_date_field_falls_back_to_the_text() -> None:
    found = _date("Date: 4 May, 2021\n\n" + BODY, format="record", date_hint="0001-11-30")
    assert found == (dt.date(2021, 5, 4), "Date: 4 May, 2021", "text")


def test_date_field_in_the_future_is_rejected() -> None:
    assert _date(BODY, format="record", date_hint="2031-01-01") is None


def test_feed_date_in_rfc_2822_form_is_read() -> None:
    found = _date(BODY, format="feed", date_hint="Tue, 04 May 2021 10:00:00 GMT")
    assert found is not None and found[0] == dt.date(2021, 5, 4)


# --- publication date: text --------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Date: 4 May, 2021", dt.date(2021, 5, 4)),
        ("Tuesday 4 May 2021 - 18:05", dt.date(2021, 5, 4)),
        ("May 4, 2021, 6:05\u202fPM", dt.date(2021, 5, 4)),
        ("Posted on Sept. 30, 2019 by Lena Moss", dt.date(2019, 9, 30)),
        ("2020-11-03 07:45 GMT", dt.date(2020, 11, 3)),
        ("Published: 3rd of March 2021", dt.date(2021, 3, 3)),
    ],
)
def test_date_line_near_the_top_gives_the_date(line: str, expected: dt.date) -> None:
    found = _date(f"Budget Talks Stall\n\n{line}\n\n{BODY}")
    assert found == (expected, line.replace("\u202f", " "), "text")


def test_labelled_numeric_date_goes_to_the_fallback_parser() -> None:
    found = _date("Budget Talks Stall\nUpdated: 21/02/2017 14:30\n\n" + BODY)
    assert found == (dt.date(2017, 2, 21), "Updated: 21/02/2017 14:30", "text")


def test_date_line_wins_over_a_date_in_the_body() -> None:
    found = _date("Budget Talks Stall\n\nFriday 7 May 2021\n\n" + BODY)
    assert found is not None and found[0] == dt.date(2021, 5, 7)


def test_dates_inside_body_sentences_are_not_publication_dates() -> None:
    assert _date("Budget Talks Stall\n\n" + BODY) is None


def test_date_without_a_year_is_never_completed() -> None:
    assert _date("Budget Talks Stall\n\nMay 4\n\nMinisters met in Lima on Feb. 21.") is None


def test_wire_dateline_gives_the_date() -> None:
    text = "LIMA, May 4, 2021 (Reuters) - Finance Minister Ana Ruiz said the budget would balance."
    assert _date(text) == (dt.date(2021, 5, 4), "LIMA, May 4, 2021", "text")


def test_signature_of_an_embedded_post_is_not_a_date_line() -> None:
    text = "Budget Talks Stall\n\n\u2014 Ana Ruiz (@anaruiz) May 4, 2021\n\n" + BODY
    assert _date(text) is None


def test_caption_date_is_used_when_nothing_better_exists() -> None:
    caption = "Ana Ruiz speaks to reporters in Lima on 4 May 2021 (Andes)"
    assert _date(f"Budget Talks Stall\n\n{caption}\n\n{BODY}") == (
        dt.date(2021, 5, 4),
        caption,
        "caption",
    )


def test_date_line_wins_over_a_caption() -> None:
    caption = "Ana Ruiz speaks to reporters in Lima on 4 May 2021 (Andes)"
    text = f"Budget Talks Stall\n\n{caption}\n\nFriday 7 May 2021\n\n{BODY}"
    assert _date(text) == (dt.date(2021, 5, 7), "Friday 7 May 2021", "text")


def test_file_photo_caption_is_not_a_publication_date() -> None:
    caption = "FILE PHOTO: Ana Ruiz in Lima on 4 May 2019 (Andes)"
    assert _date(f"Budget Talks Stall\n\n{caption}\n\n{BODY}") is None


def test_impossible_calendar_date_is_ignored() -> None:
    assert _date("Budget Talks Stall\n\nDate: 31 February, 2021\n\n" + BODY) is None


def test_relative_date_line_is_not_resolved_against_today() -> None:
    assert _date("Budget Talks Stall\n\nUpdated: 2 days ago\n\n" + BODY) is None


# --- seeds -------------------------------------------------------------------------


@pytest.mark.shared
def test_seed_publication_dates() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    found: dict[str, tuple[dt.date, str] | None] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = RawDocument(source=str(path), text=path.read_text(encoding="utf-8"), format="text")
        published = extract_meta(doc, clean(doc)).published
        found[path.name[:3]] = None if published is None else (published.value, published.origin)
    assert found == {
        "000": (dt.date(2017, 2, 21), "text"),
        "001": None,
        "002": (dt.date(2020, 2, 5), "caption"),
        "003": (dt.date(2023, 6, 22), "text"),
        "004": (dt.date(2023, 6, 21), "text"),
    }


@pytest.mark.shared
def test_seed_titles_skip_breadcrumbs_and_counters() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    titles, first_lines = {}, {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = RawDocument(source=str(path), text=text, format="text")
        titles[path.name[:3]] = extract_meta(doc, clean(doc)).title
        first_lines[path.name[:3]] = [line for line in text.splitlines() if line.strip()]
    assert all(titles.values())
    assert titles["002"] == first_lines["002"][0].split(" / ")[-1]
    assert titles["004"] == first_lines["004"][1]


@pytest.mark.shared
def test_seed_outlets_named_in_the_text() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = RawDocument(source=str(path), text=path.read_text(encoding="utf-8"), format="text")
        found[path.name[:3]] = extract_meta(doc, clean(doc)).outlet
    assert found == {
        "000": None,
        "001": None,
        "002": "Ahram Online",
        "003": "ISWNews Analysis Group",
        "004": "EghtesadOnline",
    }


def test_sample_outlets_match_their_file_names() -> None:
    found: dict[str, str | None] = {}
    expected: dict[str, str | None] = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        doc = RawDocument(source=str(path), text=path.read_text(encoding="utf-8"), format="text")
        found[path.name] = extract_meta(doc, clean(doc)).outlet
        expected[path.name] = path.stem.split("_")[1].replace("-", " ").title()
    expected["04_northport-times_strike-undated.txt"] = None  # the article with no outlet
    assert found == expected
