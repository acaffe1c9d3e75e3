"""Ingest: read paths, run the per-article stages in worker processes, store.

Documents are streamed: reading happens here, a bounded window of documents
is in flight in the workers, and finished articles are committed a few at a
time (each one all-or-nothing), so memory stays flat and a killed run resumes
after the last committed batch.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from quotetrail import pipeline, read, store
from quotetrail.models import Article, IngestReport, RawDocument, ReadFailure

# Documents in flight per worker: enough to hide the read/commit latency,
# small enough that peak memory stays flat (checked on allsides 10k).
_WINDOW_PER_WORKER = 8
# Articles per commit: 32 or half a second, whichever comes first. Per-article
# commits took 16 ms of a 38 ms store on a 2k-article allsides db (the band index
# pages each commit rewrites); a killed run loses at most the open batch.
_BATCH_ARTICLES = 32
_BATCH_SECONDS = 0.5


@dataclass(frozen=True)
class Progress:
    """What a progress bar needs after each document."""

    source: str
    done: int
    outcome: str  # "new", "duplicate" or "failed"


def _process(doc: RawDocument, outlet: str | None, quote_tagger: bool) -> Article | ReadFailure:
    try:
        return pipeline.process(doc, outlet=outlet, quote_tagger=quote_tagger)
    except Exception as error:  # one bad document must not stop the run
        return ReadFailure(doc.source, f"could not be processed ({type(error).__name__}: {error})")


def _warm_up() -> None:
    from quotetrail import nlp

    nlp.one_blas_thread()
    nlp.tokenizer()
    nlp.parser()


def ingest(
    paths: Sequence[str],
    db: Path | str,
    *,
    outlet: str | None = None,
    workers: int = 1,
    max_file_bytes: int = 50_000_000,
    quote_tagger: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
    batch_articles: int = _BATCH_ARTICLES,
    batch_seconds: float = _BATCH_SECONDS,
) -> IngestReport:
    """Ingest files, directories and globs into the database at `db`."""
    conn = store.connect(db)
    batch = store.Batch(conn, max_articles=batch_articles, max_seconds=batch_seconds)
    counts = {"read": 0, "new": 0, "duplicate": 0}
    failures: list[ReadFailure] = []

    def record(source: str, outcome: str) -> None:
        if outcome != "failed":
            counts[outcome] += 1
        if on_progress:
            done = counts["new"] + counts["duplicate"] + len(failures)
            on_progress(Progress(source, done, outcome))

    def finish(result: Article | ReadFailure) -> None:
        if isinstance(result, ReadFailure):
            failures.append(result)
            record(result.source, "failed")
        elif batch.add(result) is None:
            record(result.source, "duplicate")
        else:
            record(result.source, "new")

    def fresh_documents() -> Iterator[RawDocument]:
        for item in read.read_paths(paths, max_file_bytes=max_file_bytes):
            if isinstance(item, ReadFailure):
                failures.append(item)
                record(item.source, "failed")
                continue
            counts["read"] += 1
            if store.has_article(conn, pipeline.content_hash(item)):
                record(item.source, "duplicate")
                continue
            yield item

    try:
        if workers <= 1:
            for doc in fresh_documents():
                finish(_process(doc, outlet, quote_tagger))
        else:
            _ingest_parallel(fresh_documents(), outlet, quote_tagger, workers, finish)
    finally:
        try:
            batch.commit()
        finally:
            conn.close()
    return IngestReport(
        read=counts["read"],
        new=counts["new"],
        duplicate=counts["duplicate"],
        failures=tuple(failures),
    )


def _ingest_parallel(
    docs: Iterator[RawDocument],
    outlet: str | None,
    quote_tagger: bool,
    workers: int,
    finish: Callable[[Article | ReadFailure], None],
) -> None:
    window = workers * _WINDOW_PER_WORKER
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up) as pool:
        pending: list[Future[Article | ReadFailure]] = []
        for doc in docs:
            pending.append(pool.submit(_process, doc, outlet, quote_tagger))
            if len(pending) >= window:
                finish(pending.pop(0).result())
        for future in pending:
            finish(future.result())
