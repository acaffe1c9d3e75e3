"""The Spark engine in local mode agrees with the local engine on the sample corpus."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest

from quotetrail import align, ingest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "quotetrail" / "samples"

# PySpark 4 warns that it does not yet support pandas 3; nothing here goes through pandas.
spark_warnings = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning",
    "ignore::ResourceWarning",
)


def _needs_spark() -> None:
    from quotetrail.spark import available

    reason = available()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="module")
def spark_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _needs_spark()
    from quotetrail import spark

    out = tmp_path_factory.mktemp("spark") / "out"
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas")
        warnings.filterwarnings("ignore", category=ResourceWarning)
        report = spark.run([str(SAMPLES)], str(out))
    assert report.new > 0
    return out


@pytest.fixture(scope="module")
def local_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.db"
    ingest.ingest([str(SAMPLES)], db, workers=1)
    return db


def _parquet(out: Path, table: str) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    rows: list[dict[str, Any]] = (
        ds.dataset(str(out / table), format="parquet").to_table().to_pylist()
    )
    return rows


def _local_statements(db: Path) -> set[tuple[str | None, str]]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT sp.name, st.text FROM statements st LEFT JOIN speakers sp ON sp.id = st.speaker_id"
    ).fetchall()
    conn.close()
    return {(name, align.normalise(text)) for name, text in rows}


def _spark_statements(out: Path) -> set[tuple[str | None, str]]:
    names = {row["id"]: row["name"] for row in _parquet(out, "speakers")}
    return {
        (names.get(row["speaker_id"]), align.normalise(row["text"]))
        for row in _parquet(out, "statements")
    }


@pytest.mark.spark
@spark_warnings
def test_spark_finds_the_statements_the_local_engine_finds(spark_out: Path, local_db: Path) -> None:
    local = _local_statements(local_db)
    assert local, "the sample corpus should yield statements"
    assert _spark_statements(spark_out) == local


@pytest.mark.spark
@spark_warnings
def test_spark_finds_the_speakers_the_local_engine_finds(spark_out: Path, local_db: Path) -> None:
    conn = sqlite3.connect(local_db)
    local = dict(conn.execute("SELECT id, name FROM speakers").fetchall())
    conn.close()
    spark = {row["id"]: row["name"] for row in _parquet(spark_out, "speakers")}
    assert spark == local


@pytest.mark.spark
@spark_warnings
def test_spark_places_every_mention_in_a_statement(spark_out: Path, local_db: Path) -> None:
    mentions = _parquet(spark_out, "mentions")
    conn = sqlite3.connect(local_db)
    local = conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    conn.close()
    assert len(mentions) == local
    assert all(m["statement_id"] is not None for m in mentions)


@pytest.mark.spark
@spark_warnings
def test_spark_output_loads_with_the_local_counts(
    spark_out: Path, local_db: Path, tmp_path: Path
) -> None:
    from quotetrail import load, store

    load.load(spark_out, tmp_path / "loaded.db")
    loaded = store.stats(store.connect(tmp_path / "loaded.db", readonly=True))
    local = store.stats(store.connect(local_db, readonly=True))
    assert loaded == local
