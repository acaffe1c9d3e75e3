"""Stages 8 and 9 on Spark: the local stages replayed on independent blocks.

people.py and align.py decide article by article against what is already
stored, so their answers depend on reading order. Spark cannot run them as one
sequence, but it can cut the corpus into blocks that cannot affect each other
and run the local stage on each block, in reading order, in parallel:

- speakers: people.py only ever compares names with the same surname, so a
  block is one surname (people.parse_name);
- statements: align.py only compares mentions that share a band key, so a
  block is a connected component of the graph linking mentions to the first
  mention of every (band key) bucket they fall in (align's own keys, grouped
  by key: no all-pairs comparison).

Each block runs in an in-memory SQLite database with the local schema, so the
result is the local engine's, block by block, by construction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from quotetrail import align, people, store

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

# Mentions sharing a band key with more than this many others share a stock
# phrase, not a statement; align.py looks at its 200 best candidates, so a
# bucket past 25x that is left out of the blocking.
MAX_BUCKET = 5000

MENTION_FIELDS = (
    "mention_id", "article_id", "source", "content_hash", "format", "published", "kind", "text",
    "start", "end", "cue", "speaker_mention", "speaker_name", "roles", "channel", "confidence",
    "said_on", "said_on_granularity", "said_on_evidence", "speaker_id",
)  # fmt: skip


def _fill(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> list[int]:
    """Insert a block's articles, speakers and mentions; the article ids in reading order."""
    articles = {r["article_id"]: r for r in rows}
    conn.executemany(
        "INSERT INTO articles (id, source, content_hash, format, published, text, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, '', '')",
        [
            (a, r["source"], r["content_hash"], r["format"], r["published"])
            for a, r in articles.items()
        ],
    )
    speakers = sorted({r["speaker_id"] for r in rows if r["speaker_id"] is not None})
    conn.executemany("INSERT INTO speakers (id, name) VALUES (?, '')", [(s,) for s in speakers])
    conn.executemany(
        'INSERT INTO mentions (id, article_id, kind, text, start, "end", cue, speaker_mention,'
        " speaker_name, speaker_id, roles, channel, confidence, said_on, said_on_granularity,"
        " said_on_evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (r["mention_id"], r["article_id"], r["kind"], r["text"], r["start"], r["end"],
             r["cue"], r["speaker_mention"], r["speaker_name"], r["speaker_id"],
             json.dumps(list(r["roles"] or [])), r["channel"], r["confidence"], r["said_on"],
             r["said_on_granularity"], r["said_on_evidence"])
            for r in sorted(rows, key=lambda r: r["mention_id"])
        ],
    )  # fmt: skip
    return sorted(articles)


def speaker_block(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[str, Any]]:
    """Executor side: people.py over one surname's mentions, in reading order.

    Yields ("mention", (mention_id, first mention of its speaker)) and
    ("speaker", (first mention id, name, roles json, aliases)).
    """
    block = [dict(r, speaker_id=None) for r in rows]
    conn = store.connect(":memory:")
    try:
        for article_id in _fill(conn, block):
            with store.transaction(conn):
                people.assign_speakers(conn, article_id)
        firsts = dict(
            conn.execute(
                "SELECT speaker_id, MIN(id) FROM mentions WHERE speaker_id IS NOT NULL"
                " GROUP BY speaker_id"
            ).fetchall()
        )
        for mention_id, speaker_id in conn.execute("SELECT id, speaker_id FROM mentions"):
            yield "mention", (mention_id, firsts.get(speaker_id))
        for speaker_id, name, roles in conn.execute("SELECT id, name, roles FROM speakers"):
            if speaker_id not in firsts:
                continue
            aliases = [
                {"alias": a, "key": k, "surname": s, "uses": u, "source": src}
                for a, k, s, u, src in conn.execute(
                    "SELECT alias, key, surname, uses, source FROM speaker_aliases"
                    " WHERE speaker_id = ? ORDER BY alias",
                    (speaker_id,),
                )
            ]
            yield "speaker", (firsts[speaker_id], name, roles, json.dumps(aliases))
    finally:
        conn.close()


def statement_block(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[str, Any]]:
    """Executor side: align.py over one component's mentions, in reading order.

    Yields ("mention", (mention_id, statement_id, said_on, granularity, evidence,
    inherited)) and ("statement", (id, speaker_id, text, said_on, granularity,
    first_reported)).
    """
    conn = store.connect(":memory:")
    try:
        for article_id in _fill(conn, list(rows)):
            with store.transaction(conn):
                align.assign_statements(conn, article_id)
        for row in conn.execute(
            "SELECT id, statement_id, said_on, said_on_granularity, said_on_evidence,"
            " said_on_inherited FROM mentions"
        ):
            yield "mention", tuple(row)
        for row in conn.execute(
            "SELECT s.id, s.speaker_id, s.text, s.said_on, s.said_on_granularity,"
            " s.first_reported FROM statements s"
            " WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.statement_id = s.id)"
        ):
            yield "statement", tuple(row)
    finally:
        conn.close()


def surname(name: str | None) -> str | None:
    if name is None:
        return None
    parsed = people.parse_name(name)
    return parsed.surname if parsed else None


def band_keys(mention_id: int, article_id: int, text: str, speaker_id: int | None,
              kind: str, published: str | None) -> list[int]:  # fmt: skip
    """Every key align.py would look this mention up by (its own keys are among them)."""
    prepared = align.prepare_mention(
        (mention_id, article_id, text, None, speaker_id, kind, published)
    )
    lookup, _ = align.mention_keys(prepared)
    return sorted(set(lookup))


def _dicts(frame: DataFrame) -> Any:
    return frame.select(*MENTION_FIELDS).rdd.map(lambda row: row.asDict())


def canonical_speakers(mentions: DataFrame) -> tuple[DataFrame, DataFrame]:
    """(mention_id, speaker_id) for every mention, and the speakers table."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType

    spark = mentions.sparkSession
    surname_of = F.udf(lambda name: surname(name), StringType())
    keyed = mentions.withColumn("surname", surname_of("speaker_name"))
    named = keyed.filter(F.col("surname").isNotNull())
    results = (
        _dicts(named.withColumn("speaker_id", F.lit(None).cast("long")))
        .map(lambda d: (surname(d["speaker_name"]), d))
        .groupByKey()
        .flatMap(lambda kv: speaker_block(kv[1]))
        .cache()
    )
    speakers = spark.createDataFrame(
        results.filter(lambda r: r[0] == "speaker").map(lambda r: r[1]),
        "first long, name string, roles string, aliases string",
    ).withColumn("id", F.row_number().over(Window.orderBy("first")).cast("long"))
    assigned = spark.createDataFrame(
        results.filter(lambda r: r[0] == "mention").map(lambda r: r[1]),
        "mention_id long, first long",
    )
    mention_ids = assigned.join(speakers.select("first", "id"), "first", "left").select(
        "mention_id", F.col("id").alias("speaker_id")
    )
    return mention_ids, speakers.drop("first")


def align_statements(mentions: DataFrame) -> tuple[DataFrame, DataFrame]:
    """Statement fields for every mention, and the statements table."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, LongType

    from quotetrail.spark import lsh

    spark = mentions.sparkSession
    keys_of = F.udf(
        lambda m, a, t, s, k, p: band_keys(m, a, t, s, k, p), ArrayType(LongType(), False)
    )
    keyed = mentions.select(
        "mention_id",
        F.explode(
            keys_of("mention_id", "article_id", "text", "speaker_id", "kind", "published")
        ).alias("key"),
    )
    bucket = Window.partitionBy("key")
    links = (
        keyed.select(
            F.col("mention_id").alias("node"),
            F.min("mention_id").over(bucket).alias("head"),
            F.count("mention_id").over(bucket).alias("size"),
        )
        .filter((F.col("node") != F.col("head")) & (F.col("size") <= MAX_BUCKET))
        .select("node", "head")
        .distinct()
    )
    nodes = mentions.select(F.col("mention_id").alias("node"))
    labels = lsh.components(nodes, links).withColumnRenamed("node", "mention_id")
    blocks = mentions.join(labels, "mention_id")
    results = (
        blocks.select("label", *MENTION_FIELDS)
        .rdd.map(lambda row: (row["label"], row.asDict()))
        .groupByKey()
        .flatMap(lambda kv: statement_block(kv[1]))
        .cache()
    )
    fields = spark.createDataFrame(
        results.filter(lambda r: r[0] == "mention").map(lambda r: r[1]),
        "mention_id long, statement_id string, said_on string, said_on_granularity string,"
        " said_on_evidence string, said_on_inherited long",
    )
    counts = fields.groupBy("statement_id").agg(F.count("*").alias("mentions"))
    statements = spark.createDataFrame(
        results.filter(lambda r: r[0] == "statement").map(lambda r: r[1]),
        "id string, speaker_id long, text string, said_on string, said_on_granularity string,"
        " first_reported string",
    ).join(counts.withColumnRenamed("statement_id", "id"), "id", "left")
    return fields, statements
