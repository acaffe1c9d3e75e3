"""The foundation's done-when checks on the five seed articles in ../shared."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from quotetrail import export, store
from quotetrail.ingest import ingest


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:  # type: ignore[type-arg]
    seeds = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    report = ingest([str(seeds)], db)
    assert report.failed == 0
    buffer = io.StringIO()
    export.write(store.connect(db), buffer, "jsonl", "statements")
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def _mentions(records: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    return [m for r in records for m in r["mentions"]]


def test_every_seed_has_quotes(seed_export: list[dict]) -> None:  # type: ignore[type-arg]
    sources = {Path(m["source"]).name[:3] for m in _mentions(seed_export)}
    assert sources == {"000", "001", "002", "003", "004"}


@pytest.mark.parametrize(
    "prefix, published", [("000", "2017-02-21"), ("003", "2023-06-22"), ("004", "2023-06-21")]
)
def test_publication_dates(seed_export: list[dict], prefix: str, published: str) -> None:  # type: ignore[type-arg]
    dates = {m["published"] for m in _mentions(seed_export) if Path(m["source"]).name[:3] == prefix}
    assert dates == {published}


def test_mentions_carry_source_and_title(seed_export: list[dict]) -> None:  # type: ignore[type-arg]
    for mention in _mentions(seed_export):
        assert mention["source"].startswith(str(Path(mention["source"]).parent))
        assert mention["title"]


def test_no_boilerplate_becomes_a_quote(seed_export: list[dict]) -> None:  # type: ignore[type-arg]
    boilerplate = (
        "Leave a Reply",
        "Your email address",
        "Share it",
        "Read more",
        "Check Also",
        "Be the first to comment",
        "comment policy",
        "FAO",
    )
    for mention in _mentions(seed_export):
        assert not any(b in mention["text"] for b in boilerplate), mention["text"]
