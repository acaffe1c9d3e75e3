"""`quotetrail load`: Parquet tables as the Spark engine writes them -> SQLite."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotetrail import load, store
from quotetrail.errors import BadParameter, UnreadableInput
from quotetrail.models import Article, ArticleMeta

TEXT = 'Mayor Elena Varga said: "The harbour will reopen in spring." Nobody else spoke.'
QUOTE = "The harbour will reopen in spring."


def _write(directory: Path, table: str, rows: list[dict[str, Any]], schema: Any) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    (directory / table).mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), directory / table / "part-0.parquet")


def _spark_like_output(directory: Path) -> Path:
    """Two articles quoting one statement by one speaker, in the Spark engine's tables."""
    import pyarrow as pa

    text, start = TEXT, TEXT.index(QUOTE)
    _write(
        directory,
        "speakers",
        [{"id": 1, "name": "Elena Varga", "roles": json.dumps(["mayor"]),
          "aliases": json.dumps([{"alias": "Elena Varga", "key": "elena varga",
                                  "surname": "varga", "uses": 2, "source": "text"}])}],
        pa.schema(
            [("id", pa.int64()), ("name", pa.string()), ("roles", pa.string()),
             ("aliases", pa.string())]
        ),
    )  # fmt: skip
    article_fields = [
        ("id", pa.int64()), ("source", pa.string()), ("content_hash", pa.string()),
        ("format", pa.string()), ("outlet", pa.string()), ("title", pa.string()),
        ("published", pa.string()), ("published_evidence", pa.string()),
        ("published_origin", pa.string()), ("text", pa.string()),
    ]  # fmt: skip
    articles = [
        {"id": i, "source": f"a{i}.txt", "content_hash": f"hash{i}", "format": "text",
         "outlet": outlet, "title": "Harbour", "published": day, "published_evidence": day,
         "published_origin": "text", "text": text}
        for i, outlet, day in ((1, "Gazette", "2024-03-14"), (2, "Courier", "2024-03-15"))
    ]  # fmt: skip
    _write(directory, "articles", articles, pa.schema(article_fields))
    _write(
        directory,
        "statements",
        [{"id": "s1", "speaker_id": 1, "text": QUOTE, "said_on": "2024-03-14",
          "said_on_granularity": "day", "first_reported": "2024-03-14", "mentions": 2}],
        pa.schema(
            [("id", pa.string()), ("speaker_id", pa.int64()), ("text", pa.string()),
             ("said_on", pa.string()), ("said_on_granularity", pa.string()),
             ("first_reported", pa.string()), ("mentions", pa.int64())]
        ),
    )  # fmt: skip
    mention = {
        "statement_id": "s1", "kind": "direct", "text": QUOTE, "start": start,
        "end": start + len(QUOTE), "cue": "said", "speaker_mention": "Mayor Elena Varga",
        "speaker_name": "Elena Varga", "speaker_id": 1, "roles": ["mayor"], "channel": None,
        "confidence": 0.9, "said_on": "2024-03-14", "said_on_granularity": "day",
        "said_on_evidence": "published", "said_on_inherited": 0,
    }  # fmt: skip
    _write(
        directory,
        "mentions",
        [mention | {"mention_id": i, "article_id": i} for i in (1, 2)],
        pa.schema(
            [("mention_id", pa.int64()), ("article_id", pa.int64()),
             ("statement_id", pa.string()), ("kind", pa.string()),
             ("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
             ("cue", pa.string()), ("speaker_mention", pa.string()),
             ("speaker_name", pa.string()), ("speaker_id", pa.int64()),
             ("roles", pa.list_(pa.string())), ("channel", pa.string()),
             ("confidence", pa.float64()), ("said_on", pa.string()),
             ("said_on_granularity", pa.string()), ("said_on_evidence", pa.string()),
             ("said_on_inherited", pa.int64())]
        ),
    )  # fmt: skip
    return directory


def test_load_fills_every_table(tmp_path: Path, db_path: Path) -> None:
    report = load.load(_spark_like_output(tmp_path / "out"), db_path)
    stats = store.stats(store.connect(db_path, readonly=True))
    assert (report.articles, report.mentions, report.statements, report.speakers) == (2, 2, 1, 1)
    assert (stats.articles, stats.mentions, stats.statements, stats.speakers) == (2, 2, 1, 1)
    assert stats.multi_outlet_statements == 1


def test_loaded_mentions_keep_offsets_and_roles(tmp_path: Path, db_path: Path) -> None:
    load.load(_spark_like_output(tmp_path / "out"), db_path)
    conn = store.connect(db_path, readonly=True)
    row = conn.execute(
        'SELECT a.text, m.start, m."end", m.text, m.roles FROM mentions m'
        " JOIN articles a ON a.id = m.article_id"
    ).fetchone()
    assert row[0][row[1] : row[2]] == row[3]
    assert json.loads(row[4]) == ["mayor"]


def test_every_loaded_article_gets_a_story(tmp_path: Path, db_path: Path) -> None:
    load.load(_spark_like_output(tmp_path / "out"), db_path)
    conn = store.connect(db_path, readonly=True)
    assert conn.execute("SELECT COUNT(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0


def test_loaded_mentions_are_searchable(tmp_path: Path, db_path: Path) -> None:
    load.load(_spark_like_output(tmp_path / "out"), db_path)
    conn = store.connect(db_path, readonly=True)
    hits = conn.execute("SELECT COUNT(*) FROM mentions_fts WHERE mentions_fts MATCH 'harbour'")
    assert hits.fetchone()[0] == 2


def test_directory_without_tables_is_refused(tmp_path: Path, db_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="--out directory"):
        load.load(tmp_path, db_path)


def test_database_with_articles_is_refused(tmp_path: Path, db_path: Path) -> None:
    conn = store.connect(db_path)
    store.add_article(
        conn,
        Article("x.txt", "h", "some text", "text", ArticleMeta(None, None, None), ()),
    )
    conn.close()
    with pytest.raises(BadParameter, match="new database"):
        load.load(_spark_like_output(tmp_path / "out"), db_path)


def test_load_command_reports_counts(tmp_path: Path, db_path: Path, cli: Any) -> None:
    from quotetrail.cli import app

    out = _spark_like_output(tmp_path / "out")
    result = cli.invoke(app, ["load", str(out), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "loaded 2 articles, 2 mentions, 1 statements, 1 speakers" in result.output
