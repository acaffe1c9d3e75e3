"""Stages 2-7 on Spark: the local per-article pipeline, once per document, in place.

Each task runs `pipeline.process` over its partition; Python workers are reused,
so the spaCy model (cached by nlp.py) loads once per worker process, not once
per task or document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from quotetrail import nlp, pipeline, store
from quotetrail.models import Article
from quotetrail.spark.readers import DOC_FIELDS, DocRow, to_document

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql.types import StructType

ArticleRow = tuple[Any, ...]


def article_schema() -> StructType:
    from pyspark.sql.types import (
        ArrayType,
        DoubleType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )

    def text(name: str) -> StructField:
        return StructField(name, StringType(), True)

    mention = StructType(
        [
            StructField("mention_key", StringType(), False),
            StructField("position", IntegerType(), False),
            StructField("kind", StringType(), False),
            StructField("text", StringType(), False),
            StructField("start", IntegerType(), False),
            StructField("end", IntegerType(), False),
            text("cue"),
            text("speaker_mention"),
            text("speaker_name"),
            StructField("roles", ArrayType(StringType(), False), False),
            text("channel"),
            StructField("confidence", DoubleType(), False),
            text("said_on"),
            text("said_on_granularity"),
            text("said_on_evidence"),
        ]
    )
    return StructType(
        [
            StructField("order", StringType(), False),
            text("content_hash"),
            StructField("source", StringType(), False),
            text("format"),
            text("outlet"),
            text("title"),
            text("published"),
            text("published_evidence"),
            text("published_origin"),
            text("text"),
            text("failure"),
            StructField("mentions", ArrayType(mention, False), False),
        ]
    )


def _article_row(order: str, article: Article) -> ArticleRow:
    mentions = [
        (
            f"{order}#{position:05d}",
            position,
            m.kind,
            m.text,
            m.start,
            m.end,
            m.cue,
            m.speaker_mention,
            m.speaker,
            list(m.roles),
            m.channel,
            float(m.confidence),
            *store.said_on_columns(m),
        )
        for position, m in enumerate(article.mentions)
    ]
    return (
        order,
        article.content_hash,
        article.source,
        article.format,
        article.meta.outlet,
        article.meta.title,
        *store.published_columns(article),
        article.text,
        None,
        mentions,
    )


def _failure_row(order: str, source: str, reason: str) -> ArticleRow:
    return (order, None, source, None, None, None, None, None, None, None, reason, [])


def process_partition(
    rows: Iterable[DocRow], outlet: str | None, quote_tagger: bool = False
) -> Iterator[ArticleRow]:
    """Executor side: run the per-article stages; one bad document costs one row."""
    nlp.one_blas_thread()  # Spark runs one Python worker per core
    for row in rows:
        values = dict(zip(DOC_FIELDS, row, strict=True))
        order = values["order"]
        if values["failure"] is not None:
            yield _failure_row(order, values["source"], values["failure"])
            continue
        try:
            article = pipeline.process(to_document(row), outlet=outlet, quote_tagger=quote_tagger)
        except Exception as error:  # as in ingest: one document must not stop the run
            reason = f"could not be processed ({type(error).__name__}: {error})"
            yield _failure_row(order, values["source"], reason)
            continue
        yield _article_row(order, article)


def first_of_each_text(docs: RDD[DocRow]) -> RDD[DocRow]:
    """One document per content hash, the first in reading order, as the local store keeps."""
    failures = docs.filter(lambda row: row[1] is None)
    unique = (
        docs.filter(lambda row: row[1] is not None)
        .map(lambda row: (row[1], row))
        .reduceByKey(lambda a, b: a if a[0] <= b[0] else b)
        .values()
    )
    return failures.union(unique)


def process(
    docs: RDD[DocRow], outlet: str | None, quote_tagger: bool, partitions: int
) -> RDD[ArticleRow]:
    # Repartition after reading: a directory of small files arrives as a few large
    # partitions, and the NLP is what needs spreading over every core.
    unique = first_of_each_text(docs).repartition(partitions)
    return unique.mapPartitions(lambda rows: process_partition(rows, outlet, quote_tagger))
