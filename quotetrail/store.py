"""Stage 11, store: one SQLite file, WAL mode, versioned schema, FTS5.

Ingest is idempotent (keyed on the article's content hash) and each article
is stored all-or-nothing together with its mentions and the across-article
stages (people, align, stories) that place them: in a transaction of its own,
or in a savepoint inside a `Batch` that commits several articles at once (one
commit per article costs more than the article itself: every commit writes the
LSH index pages it touched). A run killed halfway loses only the open batch.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from quotetrail import align, people, stories
from quotetrail.errors import SchemaTooNew, StoreError
from quotetrail.models import Article, Mention
from quotetrail.schema import MIGRATIONS, SCHEMA_VERSION


@dataclass(frozen=True)
class Stats:
    articles: int
    mentions: int
    statements: int
    speakers: int
    stories: int
    outlets: int
    multi_outlet_statements: int


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and migrate) the database; read-only connections never migrate."""
    path = Path(path)
    try:
        if readonly:
            if not path.exists():
                raise StoreError(f"{path}: no such database. Run `quotetrail ingest` first.")
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # 64 MiB of page cache: the band indexes are read at random keys, and
            # the default 2 MiB stops holding them past a few hundred articles.
            conn.execute("PRAGMA cache_size = -65536")
            migrate(conn)
        else:
            check_version(conn)
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{path}: cannot open as a quotetrail database ({error}). "
            "Check the path, or pass --db with a new file."
        ) from error
    return conn


def check_version(conn: sqlite3.Connection) -> int:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"database schema version {version} is newer than this quotetrail "
            f"understands ({SCHEMA_VERSION}). Upgrade quotetrail."
        )
    return version


def migrate(conn: sqlite3.Connection) -> None:
    version = check_version(conn)
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        with transaction(conn):
            for statement in _split_sql(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def _article_scope(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One article all-or-nothing: its own transaction, or a savepoint in an open batch."""
    if not conn.in_transaction:
        with transaction(conn):
            yield conn
        return
    conn.execute("SAVEPOINT article")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK TO article")
        conn.execute("RELEASE article")
        raise
    conn.execute("RELEASE article")


class Batch:
    """Articles stored several to a transaction, committed by count or age.

    Each article is still all-or-nothing (a savepoint); the batch commits when
    it holds `max_articles` or its first article is `max_seconds` old, and on
    `close`. Articles of an uncommitted batch are visible on this connection
    only, so `has_article` still sees them.
    """

    def __init__(
        self, conn: sqlite3.Connection, *, max_articles: int = 32, max_seconds: float = 0.5
    ) -> None:
        self.conn = conn
        self.max_articles = max_articles
        self.max_seconds = max_seconds
        self._count = 0
        self._started = 0.0

    def add(self, article: Article) -> int | None:
        """Store one article (see `add_article`); commits the batch when it is full or old."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self._count = 0
            self._started = time.monotonic()
        result = add_article(self.conn, article)
        self._count += 1
        if self._count >= self.max_articles or time.monotonic() - self._started >= self.max_seconds:
            self.commit()
        return result

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self._count = 0


def has_article(conn: sqlite3.Connection, content_hash: str) -> bool:
    row = conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
    return row is not None


def published_columns(article: Article) -> tuple[str | None, str | None, str | None]:
    """articles.published, published_evidence and published_origin."""
    published = article.meta.published
    if published is None:
        return None, None, None
    return published.value.isoformat(), published.evidence, published.origin


def said_on_columns(mention: Mention) -> tuple[str | None, str | None, str | None]:
    """mentions.said_on, said_on_granularity and said_on_evidence."""
    said_on = mention.said_on
    if said_on is None:
        return None, None, None
    return said_on.value.isoformat(), said_on.granularity, said_on.evidence


def add_article(conn: sqlite3.Connection, article: Article) -> int | None:
    """Store one article with its mentions; returns its id, or None if already stored."""
    with _article_scope(conn):
        if has_article(conn, article.content_hash):
            return None
        cursor = conn.execute(
            "INSERT INTO articles (source, content_hash, format, outlet, title, published,"
            " published_evidence, published_origin, text, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.source,
                article.content_hash,
                article.format,
                article.meta.outlet,
                article.meta.title,
                *published_columns(article),
                article.text,
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ),
        )
        article_id = int(cursor.lastrowid or 0)
        conn.executemany(
            'INSERT INTO mentions (article_id, kind, text, start, "end", cue, speaker_mention,'
            " speaker_name, roles, channel, confidence, said_on, said_on_granularity,"
            " said_on_evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    m.kind,
                    m.text,
                    m.start,
                    m.end,
                    m.cue,
                    m.speaker_mention,
                    m.speaker,
                    json.dumps(list(m.roles)),
                    m.channel,
                    m.confidence,
                    *said_on_columns(m),
                )
                for m in article.mentions
            ],
        )
        people.assign_speakers(conn, article_id)  # 8
        align.assign_statements(conn, article_id)  # 9
        stories.assign_story(conn, article_id)  # 10
    return article_id


def stats(conn: sqlite3.Connection) -> Stats:
    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return Stats(
        articles=count("SELECT COUNT(*) FROM articles"),
        mentions=count("SELECT COUNT(*) FROM mentions"),
        statements=count("SELECT COUNT(*) FROM statements"),
        speakers=count("SELECT COUNT(*) FROM speakers"),
        stories=count("SELECT COUNT(*) FROM stories"),
        outlets=count("SELECT COUNT(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL"),
        multi_outlet_statements=count(
            "SELECT COUNT(*) FROM (SELECT m.statement_id FROM mentions m"
            " JOIN articles a ON a.id = m.article_id WHERE m.statement_id IS NOT NULL"
            " GROUP BY m.statement_id HAVING COUNT(DISTINCT COALESCE(a.outlet, a.source)) > 1)"
        ),
    )


def articles(conn: sqlite3.Connection, limit: int = 100, offset: int = 0) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT a.id, a.source, a.outlet, a.title, a.published, a.published_evidence,"
        " (SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id) AS mentions"
        " FROM articles a ORDER BY a.id LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
