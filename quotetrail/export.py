"""Export statements and stories in the contract DESIGN.md fixes.

JSONL carries the nested contract; CSV and Parquet carry one row per
mention with the statement fields repeated, so that spreadsheets, DuckDB
and pandas read them without unnesting.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal

from quotetrail.errors import BadParameter

Format = Literal["jsonl", "csv", "parquet"]
# Rows per Parquet row group: large enough for DuckDB's scans, small enough
# (a few MB) that export memory does not grow with the database.
_PARQUET_ROW_GROUP = 10_000
What = Literal["statements", "stories"]

MENTION_FIELDS = (
    "source",
    "outlet",
    "title",
    "published",
    "kind",
    "text",
    "cue",
    "speaker_mention",
    "start",
    "end",
    "said_on",
    "said_on_evidence",
    "confidence",
)
STATEMENT_FIELDS = ("id", "speaker", "text", "said_on", "first_reported")


def statements(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One dict per statement, in the export contract's shape."""
    rows = conn.execute(
        "SELECT s.id, sp.name AS speaker, s.text, s.said_on, s.first_reported,"
        " a.source, a.outlet, a.title, a.published, m.kind, m.text AS mention_text, m.cue,"
        ' m.speaker_mention, m.start, m."end", m.said_on AS mention_said_on,'
        " m.said_on_evidence, m.confidence"
        " FROM statements s"
        " JOIN mentions m ON m.statement_id = s.id"
        " JOIN articles a ON a.id = m.article_id"
        " LEFT JOIN speakers sp ON sp.id = s.speaker_id"
        " ORDER BY s.rowid, a.published IS NULL, a.published, m.id"
    )
    current: dict[str, Any] | None = None
    for row in rows:
        if current is None or current["id"] != row["id"]:
            if current is not None:
                yield current
            current = {key: row[key] for key in STATEMENT_FIELDS}
            current["mentions"] = []
        current["mentions"].append(
            {
                "source": row["source"],
                "outlet": row["outlet"],
                "title": row["title"],
                "published": row["published"],
                "kind": row["kind"],
                "text": row["mention_text"],
                "cue": row["cue"],
                "speaker_mention": row["speaker_mention"],
                "start": row["start"],
                "end": row["end"],
                "said_on": row["mention_said_on"],
                "said_on_evidence": row["said_on_evidence"],
                "confidence": row["confidence"],
            }
        )
    if current is not None:
        yield current


def stories(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One dict per story with its articles."""
    current: dict[str, Any] | None = None
    rows = conn.execute(
        'SELECT st.id, st.title, st.start, st."end", a.source, a.outlet, a.title AS a_title,'
        " a.published FROM stories st JOIN articles a ON a.story_id = st.id"
        " ORDER BY st.id, a.published IS NULL, a.published, a.id"
    )
    for row in rows:
        if current is None or current["id"] != str(row["id"]):
            if current is not None:
                yield current
            current = {
                "id": str(row["id"]),
                "title": row["title"],
                "start": row["start"],
                "end": row["end"],
                "articles": [],
            }
        current["articles"].append(
            {
                "source": row["source"],
                "outlet": row["outlet"],
                "title": row["a_title"],
                "published": row["published"],
            }
        )
    if current is not None:
        yield current


def flatten(record: dict[str, Any], what: What) -> Iterator[dict[str, Any]]:
    """One flat row per mention (statements) or per article (stories)."""
    children = record["mentions"] if what == "statements" else record["articles"]
    prefix = "statement_" if what == "statements" else "story_"
    head = {prefix + key: value for key, value in record.items() if not isinstance(value, list)}
    for child in children:
        yield {**head, **child}


def write(conn: sqlite3.Connection, out: IO[str] | Path, fmt: Format, what: What) -> int:
    """Write records to a text stream (jsonl, csv) or a file path (any format)."""
    records = statements(conn) if what == "statements" else stories(conn)
    if fmt == "jsonl":
        return _with_text(out, lambda f: _write_jsonl(records, f))
    if fmt == "csv":
        return _with_text(out, lambda f: _write_csv(records, f, what))
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise BadParameter("Parquet is binary: pass --out FILE.parquet.")
        return _write_parquet(records, out, what)
    raise BadParameter(f"unknown format {fmt!r}: use jsonl, csv or parquet.")


def _with_text(out: IO[str] | Path, body: Any) -> int:
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return int(body(handle))
    return int(body(out))


def _write_jsonl(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _columns(what: What) -> list[str]:
    if what == "statements":
        return ["statement_" + key for key in STATEMENT_FIELDS] + list(MENTION_FIELDS)
    return ["story_id", "story_title", "story_start", "story_end"] + [
        "source",
        "outlet",
        "title",
        "published",
    ]


def _write_csv(records: Iterator[dict[str, Any]], out: IO[str], what: What) -> int:
    writer = csv.DictWriter(out, fieldnames=_columns(what), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerows(flatten(record, what))
        count += 1
    return count


def _write_parquet(records: Iterator[dict[str, Any]], out: Path, what: What) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    integer_columns = {"start", "end"}
    float_columns = {"confidence"}
    schema = pa.schema(
        [
            pa.field(
                name,
                pa.int64()
                if name in integer_columns
                else pa.float64()
                if name in float_columns
                else pa.string(),
            )
            for name in _columns(what)
        ]
    )
    count = 0
    rows: list[dict[str, Any]] = []
    # Written in row groups so that memory stays flat however large the database.
    with pq.ParquetWriter(out, schema) as writer:
        for record in records:
            rows.extend(flatten(record, what))
            count += 1
            if len(rows) >= _PARQUET_ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return count
