from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from quotetrail import store
from quotetrail.errors import SchemaTooNew, StoreError
from quotetrail.models import Article
from quotetrail.schema import MIGRATIONS, SCHEMA_VERSION
from tests.factories import make_article


def test_connect_creates_schema_in_wal_mode(db_path: Path) -> None:
    conn = store.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_add_article_stores_article_and_mentions(db_path: Path) -> None:
    conn = store.connect(db_path)
    article_id = store.add_article(conn, make_article())
    assert article_id is not None
    row = conn.execute("SELECT source, outlet, published FROM articles").fetchone()
    assert tuple(row) == ("gazette.txt", "Harbor Gazette", "2024-03-14")
    mention = conn.execute('SELECT text, start, "end", speaker_id FROM mentions').fetchone()
    text = conn.execute("SELECT text FROM articles").fetchone()[0]
    assert text[mention["start"] : mention["end"]] == mention["text"]
    assert mention["speaker_id"] is not None


def test_same_article_twice_is_stored_once(db_path: Path) -> None:
    conn = store.connect(db_path)
    assert store.add_article(conn, make_article()) is not None
    assert store.add_article(conn, make_article(source="copy.txt")) is None
    assert store.stats(conn).articles == 1
    assert store.stats(conn).mentions == 1


def test_fts_finds_mention_text(db_path: Path) -> None:
    conn = store.connect(db_path)
    store.add_article(conn, make_article())
    rows = conn.execute("SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH 'harbour'")
    assert len(rows.fetchall()) == 1


def _broken_article() -> Article:
    broken = make_article("Another text entirely, said nobody at all today.", quote="said nobody")
    mention = replace(broken.mentions[0], kind="shouted")  # type: ignore[arg-type]
    return replace(broken, mentions=(mention,))


def test_failed_article_leaves_earlier_articles(db_path: Path) -> None:
    conn = store.connect(db_path)
    store.add_article(conn, make_article())
    with pytest.raises(sqlite3.IntegrityError):
        store.add_article(conn, _broken_article())
    assert store.stats(conn).articles == 1


def test_failed_article_in_a_batch_leaves_the_rest_of_the_batch(db_path: Path) -> None:
    conn = store.connect(db_path)
    batch = store.Batch(conn, max_articles=10, max_seconds=3600)
    batch.add(make_article())
    with pytest.raises(sqlite3.IntegrityError):
        batch.add(_broken_article())
    batch.add(make_article('The council said: "Rates stay as they are."', quote="Rates stay"))
    batch.commit()
    reader = store.connect(db_path, readonly=True)
    assert (store.stats(reader).articles, store.stats(reader).mentions) == (2, 2)


def test_batch_commits_when_full(db_path: Path) -> None:
    conn = store.connect(db_path)
    batch = store.Batch(conn, max_articles=2, max_seconds=3600)
    batch.add(make_article())
    reader = store.connect(db_path, readonly=True)
    assert store.stats(reader).articles == 0
    batch.add(make_article('The council said: "Rates stay as they are."', quote="Rates stay"))
    assert store.stats(reader).articles == 2


def test_readonly_connect_to_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="quotetrail ingest"):
        store.connect(tmp_path / "none.db", readonly=True)


def test_newer_schema_is_refused(db_path: Path) -> None:
    conn = store.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNew):
        store.connect(db_path)


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        store.connect(path)


def test_version_2_band_postings_survive_the_migration_to_by_key(db_path: Path) -> None:
    old = sqlite3.connect(db_path, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:2], start=1):
        for statement in store._split_sql(script):
            old.execute(statement)
        old.execute(f"PRAGMA user_version = {number}")
    old.executemany("INSERT INTO align_bands VALUES (?, ?)", [(7, 1), (-3, 2), (7, 1)])
    old.close()
    conn = store.connect(db_path)
    rows = conn.execute("SELECT key, mention_id FROM align_bands").fetchall()
    assert [tuple(r) for r in rows] == [(-3, 2), (7, 1)]
