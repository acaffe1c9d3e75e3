"""Stage 1 on Spark: local paths or Hadoop URIs -> document rows, read by read.py.

Files are listed with Spark's own file source, so globs, directories and any
Hadoop-compatible filesystem (hdfs://, s3a://, gs://, abfs://) work. JSON-lines
files are read line by line (split across tasks when uncompressed); every
other file is fetched whole as bytes and handed to `read.read_file`, so each
format is decoded exactly as the local engine decodes it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from quotetrail import pipeline, read
from quotetrail.models import RawDocument, ReadFailure

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

_RECORD_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_NOT_ARTICLES = tuple(read.NOT_ARTICLES)

# One row per document or failure: (order, content_hash, document fields..., failure reason).
# `order` sorts like the local engine reads: input, then file path, then line.
DOC_FIELDS = (
    "order",
    "content_hash",
    "source",
    "text",
    "format",
    "encoding",
    "title",
    "outlet",
    "url",
    "date_hint",
    "date_hint_evidence",
    "failure",
)
DocRow = tuple[Any, ...]


def to_uri(given: str) -> str:
    """A Hadoop URI for a user-given path: local paths become absolute file: URIs."""
    if "://" in given or given.startswith("file:"):
        return given
    return "file://" + os.path.abspath(os.path.expanduser(given))


def _spark_path(given: str) -> str:
    """A local path as Spark's file source spells it (file:/abs/path)."""
    uri = to_uri(given)
    return "file:" + uri[len("file://") :] if uri.startswith("file://") else uri


def source_for(uri: str, given: str) -> str:
    """The source name the local engine would give: the path as the user wrote it."""
    if "://" in given or given.startswith("file:"):
        return uri
    parsed = urlparse(uri)
    local = unquote(parsed.path) if parsed.scheme in ("file", "") else uri
    given_abs = os.path.abspath(os.path.expanduser(given))
    if local == given_abs:
        return given
    if os.path.isdir(given_abs) and local.startswith(given_abs.rstrip("/") + "/"):
        return os.path.join(given, local[len(given_abs.rstrip("/")) + 1 :])
    return local


def _order(input_index: int, path: str, record: int) -> str:
    return f"{input_index:05d}|{path}|{record:012d}"


def _row(order: str, item: RawDocument | ReadFailure) -> DocRow:
    if isinstance(item, ReadFailure):
        return (order, None, item.source, None, None, None, None, None, None, None, None,
                item.reason)  # fmt: skip
    return (
        order,
        pipeline.content_hash(item),
        item.source,
        item.text,
        item.format,
        item.encoding,
        item.title,
        item.outlet,
        item.url,
        item.date_hint,
        item.date_hint_evidence,
        None,
    )


def to_document(row: DocRow) -> RawDocument:
    values = dict(zip(DOC_FIELDS, row, strict=True))
    return RawDocument(
        source=values["source"],
        text=values["text"],
        format=values["format"],
        encoding=values["encoding"],
        title=values["title"],
        outlet=values["outlet"],
        url=values["url"],
        date_hint=values["date_hint"],
        date_hint_evidence=values["date_hint_evidence"],
    )


def _read_whole_files(
    files: Iterable[tuple[str, bytes]], given: dict[str, tuple[int, str]], max_file_bytes: int
) -> Iterator[DocRow]:
    """Executor side: write each file's bytes under its own name and read it with read.py."""
    with tempfile.TemporaryDirectory(prefix="quotetrail-") as tmp:
        for uri, content in files:
            index, user_given = given[uri]
            name = os.path.basename(urlparse(uri).path) or "document"
            local = Path(tmp) / name
            local.write_bytes(content)
            source = source_for(uri, user_given)
            try:
                for record, item in enumerate(read.read_file(local, source, max_file_bytes), 1):
                    yield _row(_order(index, uri, record), item)
            finally:
                local.unlink()


def _read_record_lines(
    lines: Iterable[tuple[str, int]], uri: str, index: int, source: str
) -> Iterator[DocRow]:
    """Executor side: one JSON line -> one document, named `source#id` as read.py names it."""
    for line, position in lines:
        lineno = position + 1
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            reason = f"line {lineno} is not valid JSON: {' '.join(str(error).split())}"
            yield _row(_order(index, uri, lineno), ReadFailure(f"{source}:{lineno}", reason))
            continue
        # read.py turns records into documents; reuse it so ids and fields agree.
        for item in read.records_to_documents([(str(lineno), record)], source):
            yield _row(_order(index, uri, lineno), item)


def list_files(
    spark: SparkSession, inputs: list[str]
) -> tuple[list[tuple[str, int, str]], list[DocRow]]:
    """(uri, input index, as given) for every file under the inputs, plus failures."""
    from pyspark.errors import AnalysisException

    found: list[tuple[str, int, str]] = []
    failures: list[DocRow] = []
    for index, given in enumerate(inputs):
        try:
            frame = (
                spark.read.format("binaryFile")
                .option("recursiveFileLookup", "true")
                .load(to_uri(given))
                .select("path")
            )
            paths = sorted(row.path for row in frame.collect())
            if len(paths) != 1 or paths[0] != _spark_path(given):
                # As read.py does: docs and code beside articles in a folder are skipped.
                paths = [p for p in paths if not p.lower().endswith(_NOT_ARTICLES)]
        except AnalysisException as error:
            reason = (
                "no such file or directory"
                if "PATH_NOT_FOUND" in str(error) or "does not exist" in str(error)
                else " ".join(str(error).split())[:300]
            )
            failures.append(_row(_order(index, given, 0), ReadFailure(given, reason)))
            continue
        if not paths:
            failures.append(_row(_order(index, given, 0), ReadFailure(given, "no file found")))
        found.extend((path, index, given) for path in paths)
    return found, failures


def read_documents(spark: SparkSession, inputs: list[str], max_file_bytes: int) -> RDD[DocRow]:
    """Every document or failure under the inputs, as rows of DOC_FIELDS."""
    sc = spark.sparkContext
    files, failures = list_files(spark, inputs)
    parts: list[RDD[DocRow]] = [sc.parallelize(failures, 1)] if failures else []
    whole = [
        (uri, index, given) for uri, index, given in files if not uri.endswith(_RECORD_SUFFIXES)
    ]
    for uri, index, given in files:
        if uri.endswith(_RECORD_SUFFIXES):
            source = source_for(uri, given)
            lines = sc.textFile(uri).zipWithIndex()
            parts.append(
                lines.mapPartitions(
                    partial(_read_record_lines, uri=uri, index=index, source=source)
                )
            )
    if whole:
        lookup = {uri: (index, given) for uri, index, given in whole}
        contents = (
            spark.read.format("binaryFile")
            .load([uri for uri, _, _ in whole])
            .select("path", "content")
            .rdd.map(lambda row: (row.path, bytes(row.content)))
        )
        parts.append(
            contents.mapPartitions(lambda it: _read_whole_files(it, lookup, max_file_bytes))
        )
    if not parts:
        return sc.emptyRDD()
    return sc.union(parts)
