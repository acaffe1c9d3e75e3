"""Alignment bench on the AllSides sample: multi-outlet statements, time, a sample to judge.

    .venv/bin/python bench/align.py [--limit 10000] [--pipeline]

Reads ../shared/data/allsides/articles.jsonl.gz (skips cleanly when absent),
feeds articles to the store one by one and reports, at 1k, 5k and 10k
articles, the time spent in align (and in people, stories and the whole
store) and how many statements two or more outlets carry. Mentions come from
a cheap regex quote extractor, so the bench measures the across-article
stages, not the NLP ones; `--pipeline` uses the real per-article pipeline
instead (much slower). Writes bench/results/align_sample.md: 50 random
multi-outlet statements for judging precision by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotetrail import align, people, store, stories  # noqa: E402
from quotetrail.models import (  # noqa: E402
    Article,
    ArticleMeta,
    Mention,
    PublicationDate,
    StatementDate,
)

DATA = ROOT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"
RESULTS = ROOT / "bench" / "results"
OUT = ROOT / "bench" / "out"
CHECKPOINTS = (1000, 5000, 10000)

_QUOTE = re.compile(r"[\"“]([^\"“”]{20,600}?)[\"”]")
_NAME = r"((?:[A-Z][\w.'’-]+\s){0,3}[A-Z][\w'’-]+)"
_AFTER = re.compile(r"^[,\s]*(?:said|says|told|added|wrote|tweeted)\s+" + _NAME)
_AFTER_INV = re.compile(r"^[,\s]*" + _NAME + r"\s+(?:said|says|told|added|wrote|tweeted)")
_BEFORE = re.compile(_NAME + r"\s+(?:said|says|told \w+|added|wrote|tweeted)[:,]?\s*$")


def records(limit: int) -> Iterator[dict[str, Any]]:
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= limit:
                return
            yield json.loads(line)


def _date(value: str | None) -> dt.date | None:
    try:
        day = dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None
    return day if day.year >= 1990 else None


def regex_mentions(text: str, day: dt.date | None) -> tuple[Mention, ...]:
    """Direct quotes of 6+ words with a speaker named next to a speech verb."""
    found = []
    for match in _QUOTE.finditer(text):
        quote = match.group(1).strip()
        if len(quote.split()) < 6:
            continue
        after = text[match.end() : match.end() + 60]
        before = text[max(0, match.start() - 60) : match.start()]
        speaker_match = _AFTER.match(after) or _AFTER_INV.match(after) or _BEFORE.search(before)
        speaker = speaker_match.group(1) if speaker_match else None
        if speaker and speaker.split()[0] in {"He", "She", "They", "It", "The", "We", "I"}:
            speaker = None
        found.append(
            Mention(
                kind="direct",
                text=quote,
                start=match.start(1),
                end=match.end(1),
                cue="said",
                speaker_mention=speaker,
                speaker=speaker,
                roles=(),
                channel=None,
                confidence=0.5,
                said_on=None if day is None else StatementDate(day, "day", "published (bench)"),
            )
        )
    return tuple(found)


def regex_article(record: dict[str, Any]) -> Article:
    text = record.get("text") or ""
    day = _date(record.get("date"))
    return Article(
        source=f"allsides#{record['id']}",
        content_hash=hashlib.sha256(f"{record['id']}:{text}".encode()).hexdigest(),
        text=text,
        format="record",
        meta=ArticleMeta(
            title=record.get("title"),
            outlet=record.get("outlet"),
            published=PublicationDate(day, record.get("date") or "", "field") if day else None,
        ),
        mentions=regex_mentions(text, day),
    )


def pipeline_article(record: dict[str, Any]) -> Article:
    from quotetrail import pipeline
    from quotetrail.models import RawDocument

    doc = RawDocument(
        source=f"allsides#{record['id']}",
        text=record.get("text") or "",
        format="record",
        title=record.get("title"),
        outlet=record.get("outlet"),
        url=record.get("url"),
        date_hint=record.get("date"),
        date_hint_evidence="date field",
    )
    return pipeline.process(doc)


class Timer:
    """Accumulates the time spent inside one module function."""

    def __init__(self, module: Any, name: str) -> None:
        self.total = 0.0
        original: Callable[..., None] = getattr(module, name)

        def timed(*args: Any) -> None:
            started = time.perf_counter()
            original(*args)
            self.total += time.perf_counter() - started

        setattr(module, name, timed)


def multi_outlet(conn: Any) -> list[str]:
    rows = conn.execute(
        "SELECT m.statement_id FROM mentions m JOIN articles a ON a.id = m.article_id"
        " GROUP BY m.statement_id HAVING COUNT(DISTINCT COALESCE(a.outlet, a.source)) > 1"
    ).fetchall()
    return [r[0] for r in rows]


def write_sample(conn: Any, ids: list[str], path: Path, size: int = 50) -> None:
    chosen = random.Random(20240521).sample(ids, min(size, len(ids)))
    lines = [
        "# Alignment sample: multi-outlet statements on AllSides",
        "",
        "Judge each: is every mention the same statement by the same speaker?",
        "",
    ]
    for number, statement in enumerate(chosen, 1):
        head = conn.execute(
            "SELECT s.text, sp.name FROM statements s LEFT JOIN speakers sp"
            " ON sp.id = s.speaker_id WHERE s.id = ?",
            (statement,),
        ).fetchone()
        lines.append(f"## {number}. `{statement}` speaker: {head[1] or 'unknown'}")
        lines.append("")
        for variant in align.variants(conn, statement):
            text = variant.text.replace("\n", " ")
            when = variant.published or "undated"
            lines.append(f"- **{variant.outlet}** {when} ({variant.relation}): {text}")
        lines.append("")
        lines.append("Verdict: ")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=10000)
    parser.add_argument("--pipeline", action="store_true", help="Use the real per-article stages.")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is not present")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    db = OUT / "align_bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    conn = store.connect(db)
    timers = {
        "people": Timer(people, "assign_speakers"),
        "align": Timer(align, "assign_statements"),
        "stories": Timer(stories, "assign_story"),
    }
    make = pipeline_article if args.pipeline else regex_article
    stored = 0
    store_time = 0.0
    report = []
    for record in records(args.limit):
        item = make(record)
        started = time.perf_counter()
        if store.add_article(conn, item) is not None:
            stored += 1
        store_time += time.perf_counter() - started
        if stored in CHECKPOINTS or stored == args.limit:
            numbers = store.stats(conn)
            line = (
                f"{stored:>6} articles: {numbers.mentions} mentions,"
                f" {numbers.statements} statements,"
                f" {len(multi_outlet(conn))} carried by 2+ outlets, {numbers.speakers} speakers,"
                f" {numbers.stories} stories; align {timers['align'].total:.1f}s,"
                f" people {timers['people'].total:.1f}s, stories {timers['stories'].total:.1f}s,"
                f" whole store {store_time:.1f}s"
            )
            print(line, flush=True)
            report.append(line)
    ids = multi_outlet(conn)
    write_sample(conn, ids, RESULTS / "align_sample.md")
    (RESULTS / "align_timing.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS / 'align_sample.md'} ({min(50, len(ids))} statements)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
