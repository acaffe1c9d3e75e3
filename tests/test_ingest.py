from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from quotetrail import store
from quotetrail.ingest import ingest


def test_bad_jsonl_lines_fail_alone(db_path: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    good = {
        "id": "a1",
        "outlet": "Gazette",
        "url": "u",
        "date": "2024-03-01",
        "title": "T",
        "text": 'The mayor said: "We will rebuild the pier before the summer season."',
    }
    feed.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "b2"}) + "\n")
    report = ingest([str(feed)], db_path)
    assert report.new == 1
    assert {f.source for f in report.failures} == {f"{feed}:2", f"{feed}#b2"}


def test_record_source_is_path_hash_id(db_path: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "x9", "outlet": "Gazette", "text": "A short report."}))
    ingest([str(feed)], db_path)
    row = store.connect(db_path).execute("SELECT source, outlet FROM articles").fetchone()
    assert tuple(row) == (f"{feed}#x9", "Gazette")


@pytest.mark.parametrize(
    "name, content",
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        ("empty.txt", b""),
        ("invalid.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x01, 0x02, 0xFE]) * 40),
        ("nobody.html", b"<html><head><title>x</title></head><body></body></html>"),
    ],
)
def test_bad_file_is_one_failure(db_path: Path, tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    report = ingest([str(path)], db_path)
    assert [f.source for f in report.failures] == [str(path)]
    assert report.failures[0].reason


def test_oversized_file_is_refused_by_size(db_path: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    report = ingest([str(big)], db_path)
    assert "limit" in report.failures[0].reason


def test_parallel_workers_store_the_same_as_one(tmp_path: Path, sample_paths: list[str]) -> None:
    one = ingest(sample_paths, tmp_path / "one.db", workers=1)
    two = ingest(sample_paths, tmp_path / "two.db", workers=2)
    assert (one.new, one.failed) == (two.new, two.failed)
    count = "SELECT COUNT(*) FROM mentions"
    assert (
        sqlite3.connect(tmp_path / "one.db").execute(count).fetchone()
        == sqlite3.connect(tmp_path / "two.db").execute(count).fetchone()
    )


def test_killed_run_resumes(db_path: Path, sample_paths: list[str]) -> None:
    # Batches of 2, killed when the 6th article comes: two batches (4 articles)
    # are committed and the open batch (the 5th) is lost whole.
    script = (
        "import os, sys\n"
        "from quotetrail import store\n"
        "from quotetrail.ingest import ingest\n"
        "real = store.add_article\n"
        "calls = []\n"
        "def dying(conn, article):\n"
        "    calls.append(1)\n"
        "    if len(calls) == 6:\n"
        "        os._exit(9)\n"
        "    return real(conn, article)\n"
        "store.add_article = dying\n"
        "ingest(sys.argv[2:], sys.argv[1], batch_articles=2, batch_seconds=3600)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(db_path), *sample_paths])
    assert run.returncode == 9
    assert store.stats(store.connect(db_path)).articles == 4
    report = ingest(sample_paths, db_path)
    assert report.duplicate == 4
    assert store.stats(store.connect(db_path)).articles == report.read


def test_each_article_is_committed_by_the_end_of_its_batch(
    db_path: Path, sample_paths: list[str]
) -> None:
    report = ingest(sample_paths, db_path, batch_articles=5)
    reader = store.connect(db_path, readonly=True)
    assert store.stats(reader).articles == report.new == report.read


def test_mention_text_is_the_article_slice(db_path: Path, sample_paths: list[str]) -> None:
    ingest(sample_paths, db_path)
    rows = store.connect(db_path).execute(
        'SELECT a.text, m.text, m.start, m."end" FROM mentions m JOIN articles a'
        " ON a.id = m.article_id"
    )
    for article_text, text, start, end in rows:
        assert article_text[start:end] == text


def test_same_text_from_two_outlets_is_two_articles(db_path: Path, tmp_path: Path) -> None:
    text = 'The mayor said: "We will rebuild the pier before the summer season."'
    feed = tmp_path / "wire.jsonl"
    feed.write_text(
        json.dumps({"id": "1", "outlet": "Gazette", "text": text})
        + "\n"
        + json.dumps({"id": "2", "outlet": "Courier", "text": text})
        + "\n"
    )
    assert ingest([str(feed)], db_path).new == 2
