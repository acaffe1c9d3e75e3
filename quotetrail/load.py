"""Load the Parquet tables written by the Spark engine into a new SQLite database.

`quotetrail ingest --engine spark ... --out DIR` writes articles, mentions,
statements and speakers under DIR; this puts them in the local schema, so the
CLI, the HTTP API and the web UI work on them unchanged. Tables are streamed
batch by batch, so memory stays flat whatever their size. Stories are still
formed here, article by article, by the local stories stage.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotetrail import store, stories
from quotetrail.errors import BadParameter, UnreadableInput

REQUIRED = ("articles", "mentions", "statements", "speakers")
# Rows per Parquet batch and per transaction: large enough that commits are a few
# percent of the time, small enough that a batch of article texts is a few MB.
BATCH_ROWS = 2000


@dataclass(frozen=True)
class LoadReport:
    articles: int
    mentions: int
    statements: int
    speakers: int


def _batches(directory: Path, table: str, columns: list[str]) -> Iterator[list[dict[str, Any]]]:
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(directory / table), format="parquet")
    present = set(dataset.schema.names)
    missing = [c for c in columns if c not in present]
    if missing:
        raise UnreadableInput(
            str(directory / table),
            f"table lacks columns {', '.join(missing)}; "
            "re-run `quotetrail ingest --engine spark` with this version",
        )
    for batch in dataset.to_batches(columns=columns, batch_size=BATCH_ROWS):
        yield batch.to_pylist()


def _check_directory(directory: Path) -> None:
    missing = [t for t in REQUIRED if not (directory / t).is_dir()]
    if missing:
        raise UnreadableInput(
            str(directory),
            f"no {', '.join(missing)} table{'s' if len(missing) > 1 else ''} here; give the "
            "--out directory of `quotetrail ingest --engine spark`",
        )


def _check_empty(conn: sqlite3.Connection, db: Path | str) -> None:
    held = int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    if held:
        raise BadParameter(
            f"{db} already holds {held} articles; `quotetrail load` fills a new database "
            "(give --db a new file), or ingest locally to add to this one"
        )


def load(directory: Path | str, db: Path | str) -> LoadReport:
    """Load a Spark output directory into a new SQLite database at `db`."""
    directory = Path(directory)
    _check_directory(directory)
    conn = store.connect(db)
    try:
        _check_empty(conn, db)
        counts = _load(conn, directory)
    finally:
        conn.close()
    return counts


def _insert(conn: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> int:
    with store.transaction(conn):
        conn.executemany(sql, rows)
    return len(rows)


def _load(conn: sqlite3.Connection, directory: Path) -> LoadReport:
    speakers = 0
    for batch in _batches(directory, "speakers", ["id", "name", "roles", "aliases"]):
        speakers += _insert(
            conn,
            "INSERT INTO speakers (id, name, roles) VALUES (?, ?, ?)",
            [(r["id"], r["name"], r["roles"]) for r in batch],
        )
        _insert(
            conn,
            "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, key, surname, uses, source)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (r["id"], a["alias"], a["key"], a["surname"], a["uses"], a["source"])
                for r in batch
                for a in json.loads(r["aliases"])
            ],
        )

    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    article_columns = [
        "id", "source", "content_hash", "format", "outlet", "title", "published",
        "published_evidence", "published_origin", "text",
    ]  # fmt: skip
    article_ids: list[int] = []
    for batch in _batches(directory, "articles", article_columns):
        article_ids.extend(r["id"] for r in batch)
        _insert(
            conn,
            "INSERT INTO articles (id, source, content_hash, format, outlet, title, published,"
            " published_evidence, published_origin, text, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [tuple(r[c] for c in article_columns) + (now,) for r in batch],
        )

    statements = 0
    statement_columns = [
        "id", "speaker_id", "text", "said_on", "said_on_granularity", "first_reported",
    ]  # fmt: skip
    for batch in _batches(directory, "statements", statement_columns):
        statements += _insert(
            conn,
            "INSERT INTO statements (id, speaker_id, text, said_on, said_on_granularity,"
            " first_reported) VALUES (?, ?, ?, ?, ?, ?)",
            [tuple(r[c] for c in statement_columns) for r in batch],
        )

    mentions = 0
    mention_columns = [
        "mention_id", "article_id", "statement_id", "kind", "text", "start", "end", "cue",
        "speaker_mention", "speaker_name", "speaker_id", "roles", "channel", "confidence",
        "said_on", "said_on_granularity", "said_on_evidence", "said_on_inherited",
    ]  # fmt: skip
    for batch in _batches(directory, "mentions", mention_columns):
        rows = []
        for r in batch:
            r["roles"] = json.dumps(list(r["roles"] or []))
            rows.append(tuple(r[c] for c in mention_columns))
        mentions += _insert(
            conn,
            'INSERT INTO mentions (id, article_id, statement_id, kind, text, start, "end", cue,'
            " speaker_mention, speaker_name, speaker_id, roles, channel, confidence, said_on,"
            " said_on_granularity, said_on_evidence, said_on_inherited)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    # Stories are not formed on Spark yet: place each article as the local store would.
    article_ids.sort()
    for start in range(0, len(article_ids), BATCH_ROWS):
        with store.transaction(conn):
            for article_id in article_ids[start : start + BATCH_ROWS]:
                stories.assign_story(conn, article_id)
    return LoadReport(
        articles=len(article_ids), mentions=mentions, statements=statements, speakers=speakers
    )
