from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from quotetrail import export, store
from quotetrail.errors import BadParameter
from tests.factories import make_article


@pytest.fixture
def conn(db_path: Path):  # type: ignore[no-untyped-def]
    conn = store.connect(db_path)
    store.add_article(conn, make_article())
    return conn


def test_jsonl_follows_the_contract(conn) -> None:  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    assert export.write(conn, buffer, "jsonl", "statements") == 1
    record = json.loads(buffer.getvalue())
    assert {"id", "speaker", "text", "said_on", "first_reported", "mentions"} <= record.keys()
    mention = record["mentions"][0]
    assert mention["source"] == "gazette.txt"
    assert mention["published"] == "2024-03-14"
    assert {"kind", "text", "cue", "speaker_mention", "start", "end", "outlet", "title"} <= (
        mention.keys()
    )
    assert record["said_on"] == "2024-03-14"


def test_csv_has_one_row_per_mention(conn) -> None:  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    export.write(conn, buffer, "csv", "statements")
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert len(rows) == 1
    assert rows[0]["statement_speaker"] == "Elena Varga"
    assert rows[0]["source"] == "gazette.txt"


def test_parquet_is_typed(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "s.parquet"
    export.write(conn, out, "parquet", "statements")
    table = pq.read_table(out)
    assert str(table.schema.field("start").type) == "int64"
    assert table.column("source").to_pylist() == ["gazette.txt"]


def test_parquet_to_stdout_is_refused(conn) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BadParameter, match="--out"):
        export.write(conn, io.StringIO(), "parquet", "statements")


def test_stories_jsonl_lists_articles(conn) -> None:  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    export.write(conn, buffer, "jsonl", "stories")
    story = json.loads(buffer.getvalue())
    assert story["articles"][0]["source"] == "gazette.txt"
    assert {"id", "title", "start", "end"} <= story.keys()


def test_parquet_is_written_in_row_groups(
    conn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    store.add_article(
        conn,
        make_article(
            "Second report: “We will rebuild the pier soon, she said.”",
            quote="We will rebuild the pier soon, she said.",
        ),
    )
    monkeypatch.setattr(export, "_PARQUET_ROW_GROUP", 1)
    out = tmp_path / "s.parquet"
    export.write(conn, out, "parquet", "statements")
    metadata = pq.ParquetFile(out).metadata
    assert (metadata.num_row_groups, metadata.num_rows) == (2, 2)


def test_parquet_of_an_empty_database_has_the_columns(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty.parquet"
    export.write(store.connect(db_path), out, "parquet", "statements")
    table = pq.read_table(out)
    assert (table.num_rows, "statement_id" in table.column_names) == (0, True)
