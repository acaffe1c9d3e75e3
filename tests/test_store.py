from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quotetrail import store
from quotetrail.errors import SchemaTooNew, StoreError
from quotetrail.schema import SCHEMA_VERSION
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


def test_failed_article_leaves_earlier_articles(db_path: Path) -> None:
    conn = store.connect(db_path)
    store.add_article(conn, make_article())
    broken = make_article("Another text entirely, said nobody at all today.", quote="said nobody")
    broken = broken.__class__(
        **{
            **broken.__dict__,
            "mentions": (
                broken.mentions[0].__class__(**{**broken.mentions[0].__dict__, "kind": "shouted"}),
            ),
        }
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.add_article(conn, broken)
    assert store.stats(conn).articles == 1


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
