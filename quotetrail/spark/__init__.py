"""The Spark engine: the same pipeline over corpora that outgrow one machine.

    quotetrail ingest --engine spark INPUT... --out DIR [--master URL]

reads local paths or Hadoop URIs, runs the per-article stages (read.py,
pipeline.process) in the executors, canonicalises speakers and aligns
statements with MinHash banding and connected components, and writes Parquet
tables under DIR: articles, mentions, statements, speakers and failures.
`quotetrail load DIR` puts them in SQLite for the UI. See docs/spark.md.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quotetrail.models import IngestReport, ReadFailure
from quotetrail.read import DEFAULT_MAX_FILE_BYTES
from quotetrail.spark.session import SparkUnavailable, available

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["SparkUnavailable", "available", "run", "TABLES"]

TABLES = ("articles", "mentions", "statements", "speakers", "failures")
log = logging.getLogger(__name__)


def run(
    inputs: Sequence[str],
    out: str,
    *,
    master: str | None = None,
    outlet: str | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    quote_tagger: bool = False,
    partitions: int | None = None,
    spark: SparkSession | None = None,
) -> IngestReport:
    """Ingest `inputs` on Spark and write the Parquet tables under `out`."""
    from quotetrail.spark import session

    own = spark is None
    active = spark if spark is not None else session.start(master)
    try:
        return _run(
            active, list(inputs), _out_uri(out), outlet, max_file_bytes, quote_tagger, partitions
        )
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
    quote_tagger: bool,
    partitions: int | None,
) -> IngestReport:
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from quotetrail.spark import articles, readers, replay

    sc = spark.sparkContext
    docs = readers.read_documents(spark, inputs, max_file_bytes).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    hashes = docs.filter(lambda row: row[1] is not None).map(lambda row: row[1])
    started = time.perf_counter()
    read_count = hashes.count()
    unique_count = hashes.distinct().count()
    log.info(
        "read %d documents (%d distinct) in %.1f s",
        read_count,
        unique_count,
        time.perf_counter() - started,
    )
    processed = articles.process(
        docs, outlet, quote_tagger, partitions or sc.defaultParallelism * 4
    )
    frame = spark.createDataFrame(processed, articles.article_schema()).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    failures = [
        ReadFailure(row.source, row.failure)
        for row in frame.filter(F.col("failure").isNotNull()).select("source", "failure").collect()
    ]
    stored = frame.filter(F.col("failure").isNull()).drop("failure")
    # Numbered in reading order, as the local store numbers them; only the order
    # keys meet in one partition, never the texts.
    ids = stored.select("order").withColumn(
        "id", F.row_number().over(Window.orderBy("order")).cast("long")
    )
    stored = stored.join(ids, "order").persist(StorageLevel.MEMORY_AND_DISK)
    new = stored.count()
    log.info("per-article stages on %d articles: %.1f s", new, time.perf_counter() - started)

    exploded = stored.select(
        F.col("id").alias("article_id"),
        "source",
        "content_hash",
        "format",
        "published",
        F.explode("mentions").alias("m"),
    ).select("article_id", "source", "content_hash", "format", "published", "m.*")
    # Numbered in reading order, as the local store numbers them.
    numbering = Window.orderBy("article_id", "position")
    mentions = exploded.withColumn("mention_id", F.row_number().over(numbering).cast("long"))
    mentions = mentions.persist(StorageLevel.MEMORY_AND_DISK)

    speaker_of, speaker_table = replay.canonical_speakers(mentions)
    with_speakers = mentions.join(speaker_of, "mention_id", "left")
    log.info("speakers: %.1f s", time.perf_counter() - started)
    statement_of, statement_table = replay.align_statements(with_speakers)
    dated = ("said_on", "said_on_granularity", "said_on_evidence")
    final_mentions = with_speakers.drop(*dated).join(statement_of, "mention_id", "left")
    final_mentions = final_mentions.drop("published", "source", "format", "mention_key")
    log.info("statements: %.1f s", time.perf_counter() - started)

    # Mentions sorted, so that `quotetrail load` numbers them in reading order as ingest does.
    _write(stored.drop("mentions", "order"), out, "articles")
    _write(final_mentions.orderBy("mention_id"), out, "mentions")
    _write(statement_table, out, "statements")
    _write(speaker_table, out, "speakers")
    _write(
        spark.createDataFrame(
            [(f.source, f.reason) for f in failures], "source string, reason string"
        ),
        out,
        "failures",
    )
    log.info("written: %.1f s", time.perf_counter() - started)
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
