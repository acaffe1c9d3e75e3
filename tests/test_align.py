from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from quotetrail import align, store
from quotetrail import ingest as ingest_lib
from tests.across_factory import Q, article, ingest
from tests.conftest import SEEDS

SPEECH = (
    "All regional nations and governments and all freedom seekers in the world should meet "
    "the main needs of this resistant nation. The main pivot of the Resistance is the "
    "steadfastness of the people who have raised courageous children. Meeting their needs "
    "is a vital responsibility which should be carried out by all of us."
)


def statement_of(conn: sqlite3.Connection, text: str) -> str:
    row = conn.execute("SELECT statement_id FROM mentions WHERE text = ?", (text,)).fetchone()
    return str(row[0])


def statement_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM statements").fetchone()[0])


def test_verbatim_mentions_in_two_outlets_are_one_statement(db_path: Path) -> None:
    quote = "The harbour will reopen in spring, whatever it costs the city."
    conn = ingest(
        db_path,
        article("a.txt", [Q(quote, "Elena Varga")]),
        article("b.txt", [Q(quote, "Mayor Elena Varga")], extra="Other outlet."),
    )
    assert statement_count(conn) == 1


def test_punctuation_and_hyphenation_differences_are_one_statement(db_path: Path) -> None:
    a = "All regional nations and all freedom seekers in the world should meet the main needs."
    b = "All regional nations, and all freedom-seekers in the world, should meet the main needs"
    conn = ingest(
        db_path, article("a.txt", [Q(a, "Ali Khamenei")]), article("b.txt", [Q(b, "Khamenei")])
    )
    assert statement_of(conn, a) == statement_of(conn, b)


def test_translation_variant_of_one_speaker_is_one_statement(db_path: Path) -> None:
    a = (
        "Our position on the Resistance is a fundamental position which has nothing to do with "
        "any particular group."
    )
    b = (
        "Our stance on the resistance is a principled stance that has nothing to do with any "
        "specific group."
    )
    conn = ingest(
        db_path, article("a.txt", [Q(a, "Ali Khamenei")]), article("b.txt", [Q(b, "Ali Khamenei")])
    )
    assert statement_of(conn, a) == statement_of(conn, b)


def test_fragment_joins_the_longer_quote(db_path: Path) -> None:
    fragment = "The main pivot of the Resistance is the steadfastness of the people"
    conn = ingest(
        db_path,
        article("a.txt", [Q(SPEECH, "Ali Khamenei")]),
        article("b.txt", [Q(fragment, "Khamenei", kind="mixed")]),
    )
    assert statement_of(conn, fragment) == statement_of(conn, SPEECH)


def test_reported_speech_joins_the_direct_quote_of_the_same_speaker(db_path: Path) -> None:
    direct = (
        "The Islamic Republic's support for Palestine is based on Islamic teachings and is not a "
        "tactical or diplomatic move"
    )
    reported = (
        "the Islamic Republic's support for Palestine has its roots in religious obligations; so, "
        "it is not based on tactical or diplomatic moves"
    )
    conn = ingest(
        db_path,
        article("a.txt", [Q(direct, "Ali Khamenei")], published="2023-06-21"),
        article("b.txt", [Q(reported, "Khamenei", kind="indirect")], published="2023-06-22"),
    )
    assert statement_of(conn, direct) == statement_of(conn, reported)


def test_reported_speech_months_apart_is_another_statement(db_path: Path) -> None:
    direct = (
        "The Islamic Republic's support for Palestine is based on Islamic teachings and is not a "
        "tactical or diplomatic move"
    )
    reported = (
        "the Islamic Republic's support for Palestine has its roots in religious obligations; so, "
        "it is not based on tactical or diplomatic moves"
    )
    conn = ingest(
        db_path,
        article("a.txt", [Q(direct, "Ali Khamenei")], published="2023-06-21"),
        article("b.txt", [Q(reported, "Khamenei", kind="indirect")], published="2023-11-02"),
    )
    assert statement_of(conn, direct) != statement_of(conn, reported)


def test_same_words_from_different_speakers_are_different_statements(db_path: Path) -> None:
    quote = "We will never accept this plan, whatever pressure is put on us."
    conn = ingest(
        db_path,
        article("a.txt", [Q(quote, "Ali Khamenei")]),
        article("b.txt", [Q(quote, "Ismail Haniyeh")], extra="Another article."),
    )
    assert statement_count(conn) == 2


def test_unknown_speaker_joins_a_near_identical_quote(db_path: Path) -> None:
    quote = "No one has the right to have special expectations of them in return for assistance."
    conn = ingest(
        db_path,
        article("a.txt", [Q(quote, "Ali Khamenei")]),
        article("b.txt", [Q(quote.rstrip("."), "the Leader")]),
    )
    assert statement_count(conn) == 1
    assert (
        conn.execute(
            "SELECT sp.name FROM statements s JOIN speakers sp ON sp.id = s.speaker_id"
        ).fetchone()[0]
        == "Ali Khamenei"
    )


def test_unrelated_quotes_of_one_speaker_stay_apart(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article(
            "a.txt",
            [
                Q(
                    "The West Bank is the point that will bring the enemy to its knees.",
                    "Ali Khamenei",
                ),
                Q(
                    "Palestine belongs to all Muslims and its liberation is a religious duty.",
                    "Ali Khamenei",
                ),
            ],
        ),
    )
    assert statement_count(conn) == 2


def test_new_article_joins_the_existing_statement(db_path: Path) -> None:
    quote = "The harbour will reopen in spring, whatever it costs the city."
    conn = ingest(db_path, article("a.txt", [Q(quote, "Elena Varga")]))
    before = statement_of(conn, quote)
    ingest(db_path, article("b.txt", [Q(quote + " We are ready.", "Elena Varga")]))
    conn = store.connect(db_path)
    assert statement_of(conn, quote + " We are ready.") == before


def test_undated_mention_inherits_the_statement_date(db_path: Path) -> None:
    quote = (
        "Our position on the Resistance is a fundamental position, one which has nothing to do "
        "with any particular group."
    )
    conn = ingest(
        db_path,
        article(
            "dated.txt", [Q(quote, "Ali Khamenei", said_on="2017-02-21")], published="2017-02-21"
        ),
        article("undated.txt", [Q(quote, "Ali Khamenei")], published=None),
    )
    said_on = conn.execute("SELECT said_on, first_reported FROM statements").fetchone()
    assert tuple(said_on) == ("2017-02-21", "2017-02-21")
    inherited = conn.execute(
        "SELECT m.said_on, m.said_on_inherited, m.said_on_evidence FROM mentions m"
        " JOIN articles a ON a.id = m.article_id WHERE a.source = 'undated.txt'"
    ).fetchone()
    assert inherited[0] == "2017-02-21" and inherited[1] == 1
    assert "dated.txt" in inherited[2]


def test_first_reported_is_the_earliest_publication(db_path: Path) -> None:
    quote = "The harbour will reopen in spring, whatever it costs the city."
    conn = ingest(
        db_path,
        article("late.txt", [Q(quote, "Elena Varga")], published="2024-03-16"),
        article("early.txt", [Q(quote, "Elena Varga")], published="2024-03-14", extra="x"),
    )
    assert conn.execute("SELECT first_reported FROM statements").fetchone()[0] == "2024-03-14"


def test_canonical_text_is_the_longest_direct_wording(db_path: Path) -> None:
    fragment = "The main pivot of the Resistance is the steadfastness of the people"
    conn = ingest(
        db_path,
        article("a.txt", [Q(fragment, "Ali Khamenei")]),
        article("b.txt", [Q(SPEECH, "Ali Khamenei")]),
    )
    assert conn.execute("SELECT text FROM statements").fetchone()[0] == SPEECH


def test_consensus_prefers_the_date_most_articles_give() -> None:
    dates = [
        align.DatedMention(dt.date(2023, 6, 21), "day", 1),
        align.DatedMention(dt.date(2023, 6, 21), "day", 2),
        align.DatedMention(dt.date(2023, 6, 20), "day", 3),
    ]
    agreed = align.consensus(dates, None)
    assert agreed is not None and (agreed.value, agreed.support) == (dt.date(2023, 6, 21), 2)


def test_consensus_ignores_dates_after_the_first_report() -> None:
    dates = [
        align.DatedMention(dt.date(2024, 2, 21), "day", 1),
        align.DatedMention(dt.date(2017, 2, 21), "day", 2),
    ]
    agreed = align.consensus(dates, dt.date(2017, 2, 22))
    assert agreed is not None and agreed.value == dt.date(2017, 2, 21)


def test_consensus_counts_a_month_as_support_for_a_day_in_it() -> None:
    dates = [
        align.DatedMention(dt.date(2023, 6, 1), "month", 1),
        align.DatedMention(dt.date(2023, 6, 21), "day", 2),
        align.DatedMention(dt.date(2023, 5, 2), "day", 3),
    ]
    agreed = align.consensus(dates, None)
    assert agreed is not None and (agreed.value, agreed.granularity) == (
        dt.date(2023, 6, 21),
        "day",
    )


def test_band_keys_are_shared_by_near_verbatim_sentences_only() -> None:
    a = align.wording_keys(
        align.tokens(
            "All regional nations and all freedom seekers in the world should meet the main needs"
        )
    )
    b = align.wording_keys(
        align.tokens(
            "All regional nations and all freedom-seekers in the world should meet the main needs"
        )
    )
    c = align.wording_keys(
        align.tokens("The harbour will reopen in spring whatever it costs the city council")
    )
    assert a == b
    assert not set(a) & set(c)


def test_candidates_come_from_the_band_index_not_all_mentions(db_path: Path) -> None:
    quote = "The harbour will reopen in spring, whatever it costs the city."
    conn = ingest(
        db_path,
        article("a.txt", [Q(quote, "Elena Varga")]),
        article(
            "b.txt", [Q("Taxes will not rise next year under any circumstances.", "Elena Varga")]
        ),
    )
    keys = [k for u in align.units(quote) for k in align.wording_keys(u)]
    found = align.candidates(conn, keys, exclude=-1)
    texts = {
        conn.execute("SELECT text FROM mentions WHERE id = ?", (i,)).fetchone()[0] for i in found
    }
    assert texts == {quote}


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    try:
        from quotetrail import pipeline  # noqa: F401
    except ImportError as error:
        pytest.skip(f"the per-article pipeline is not complete yet ({error})")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    report = ingest_lib.ingest([str(SEEDS)], db, workers=1)
    assert report.failed == 0
    return store.connect(db, readonly=True)


def _statement_with(conn: sqlite3.Connection, words: str) -> sqlite3.Row:
    row = conn.execute(
        "SELECT s.id, s.said_on, GROUP_CONCAT(DISTINCT substr(a.source, -24, 3)) AS files"
        " FROM mentions m JOIN statements s ON s.id = m.statement_id"
        " JOIN articles a ON a.id = m.article_id"
        " WHERE m.statement_id IN (SELECT statement_id FROM mentions WHERE text LIKE ?)"
        " GROUP BY s.id ORDER BY COUNT(DISTINCT a.id) DESC LIMIT 1",
        (f"%{words}%",),
    ).fetchone()
    assert row is not None, words
    return row


@pytest.mark.shared
def test_seeds_resistance_statement_is_aligned_and_dated(seeds_db: sqlite3.Connection) -> None:
    row = _statement_with(seeds_db, "Our position on the")
    assert set(row["files"].split(",")) >= {"000", "001"}
    assert row["said_on"] == "2017-02-21"


@pytest.mark.shared
def test_seeds_palestine_statement_is_aligned_and_dated(seeds_db: sqlite3.Connection) -> None:
    row = _statement_with(seeds_db, "belongs to all Muslims")
    assert set(row["files"].split(",")) >= {"003", "004"}
    assert row["said_on"] == "2023-06-21"


@pytest.mark.shared
def test_seeds_have_one_khamenei_and_no_title_speakers(seeds_db: sqlite3.Connection) -> None:
    names = [r[0] for r in seeds_db.execute("SELECT name FROM speakers")]
    assert len([n for n in names if "khamenei" in n.casefold()]) == 1
    assert not {n.casefold() for n in names} & {"the leader", "he", "the supreme leader", "leader"}


def test_folded_band_postings_still_find_the_statement(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(align, "_FOLD_POSTINGS", 1)
    quote = "The harbour will reopen in spring, whatever it costs the city."
    conn = ingest(
        db_path,
        article("a.txt", [Q(quote, "Elena Varga")]),
        article("b.txt", [Q(quote, "Elena Varga")], outlet="Courier"),
    )
    assert conn.execute("SELECT COUNT(*) FROM align_bands_new").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(DISTINCT statement_id) FROM mentions").fetchone()[0] == 1
