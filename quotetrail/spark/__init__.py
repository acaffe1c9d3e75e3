"""The Spark engine: the same pipeline over corpora that outgrow one machine.

    quotetrail ingest --engine spark INPUT... --out DIR [--master URL]

reads local paths or Hadoop URIs, runs the per-article stages (read.py,
pipeline.process) in the executors, canonicalises speakers and aligns
statements with MinHash banding and connected components, and writes Parquet
tables under DIR: articles, mentions, statements, speakers and failures.
`quotetrail load DIR` puts them in SQLite for the UI. See docs/spark.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from quotetrail.models import IngestReport, ReadFailure
from quotetrail.read import DEFAULT_MAX_FILE_BYTES
from quotetrail.spark.session import SparkUnavailable, available

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["SparkUnavailable", "available", "run", "TABLES"]

TABLES = ("articles", "mentions", "statements", "speakers", "failures")


def run(
    inputs: Sequence[str],
    out: str,
    *,
    master: str | None = None,
    outlet: str | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    partitions: int | None = None,
    spark: SparkSession | None = None,
) -> IngestReport:
    """Ingest `inputs` on Spark and write the Parquet tables under `out`."""
    from quotetrail.spark import session

    own = spark is None
    active = spark if spark is not None else session.start(master)
    try:
        return _run(active, list(inputs), _out_uri(out), outlet, max_file_bytes, partitions)
    finally:
        if own:
            active.stop()


def _out_uri(out: str) -> str:
    from quotetrail.spark.readers import to_uri

    return to_uri(out)


def _run(
    spark: SparkSession,
    inputs: list[str],
    out: str,
    outlet: str | None,
    max_file_bytes: int,
    partitions: int | None,
) -> IngestReport:
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from quotetrail.spark import articles, readers, speakers, statements

    sc = spark.sparkContext
    docs = readers.read_documents(spark, inputs, max_file_bytes).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    hashes = docs.filter(lambda row: row[1] is not None).map(lambda row: row[1])
    read_count = hashes.count()
    unique_count = hashes.distinct().count()
    processed = articles.process(docs, outlet, partitions or sc.defaultParallelism * 4)
    frame = spark.createDataFrame(processed, articles.article_schema()).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    failures = [
        ReadFailure(row.source, row.failure)
        for row in frame.filter(F.col("failure").isNotNull()).select("source", "failure").collect()
    ]
    stored = frame.filter(F.col("failure").isNull()).drop("failure")
    ids = spark.createDataFrame(
        stored.select("order").rdd.map(lambda r: r[0]).sortBy(lambda o: o).zipWithIndex()
        .map(lambda pair: (pair[0], pair[1] + 1)),
        "order string, id long",
    )  # fmt: skip
    stored = stored.join(ids, "order").persist(StorageLevel.MEMORY_AND_DISK)
    new = stored.count()

    mentions = stored.select(
        F.col("id").alias("article_id"),
        "content_hash",
        "published",
        F.explode("mentions").alias("m"),
    ).select("article_id", "content_hash", "published", "m.*")
    mentions = mentions.persist(StorageLevel.MEMORY_AND_DISK)

    named = mentions.filter(F.col("speaker_name").isNotNull()).select(
        "mention_key", "speaker_name", "roles"
    )
    speaker_of, speaker_rows = speakers.canonical(named.rdd.map(tuple))
    speaker_frame = spark.createDataFrame(
        speaker_of, "mention_key string, speaker_id long"
    )
    with_speakers = mentions.join(speaker_frame, "mention_key", "left")
    align_input = with_speakers.select(
        "mention_key", "speaker_id", "text", "said_on", "said_on_granularity", "published",
        "content_hash", "start",
    ).rdd.map(tuple)  # fmt: skip
    statement_of, statement_rows = statements.align_mentions(align_input)
    statement_frame = spark.createDataFrame(statement_of, "mention_key string, statement_id string")
    final_mentions = with_speakers.join(statement_frame, "mention_key", "left").drop("published")

    _write(stored.drop("mentions"), out, "articles")
    _write(final_mentions, out, "mentions")
    _write(
        spark.createDataFrame(
            statement_rows,
            "id string, speaker_id long, text string, said_on string,"
            " said_on_granularity string, first_reported string, mentions long",
        ),
        out,
        "statements",
    )
    _write(
        spark.createDataFrame(
            speaker_rows, "id long, name string, roles array<string>, aliases array<string>"
        ),
        out,
        "speakers",
    )
    _write(
        spark.createDataFrame(
            [(f.source, f.reason) for f in failures], "source string, reason string"
        ),
        out,
        "failures",
    )
    docs.unpersist()
    frame.unpersist()
    return IngestReport(
        read=read_count,
        new=new,
        duplicate=read_count - unique_count,
        failures=tuple(failures),
    )


def _write(frame: DataFrame, out: str, table: str) -> None:
    frame.write.mode("overwrite").parquet(f"{out.rstrip('/')}/{table}")
