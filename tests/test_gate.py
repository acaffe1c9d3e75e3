"""The evaluation gate: accuracy on the gold set must stay above pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotetrail import evaluate, store
from quotetrail.ingest import ingest

GOLD = Path(__file__).parent / "gold"
FLOORS = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_scores(tmp_path_factory: pytest.TempPathFactory) -> evaluate.Scores:
    samples = Path(__file__).resolve().parents[1] / "quotetrail" / "samples"
    db = tmp_path_factory.mktemp("gate") / "gate.db"
    ingest([str(samples)], db)
    gold = evaluate.load_gold(GOLD / "samples.jsonl") + evaluate.load_gold(GOLD / "feed.jsonl")
    stories = json.loads((GOLD / "stories.json").read_text(encoding="utf-8"))["stories_with_feed"]
    return evaluate.score(gold, evaluate.predicted_mentions(store.connect(db)), stories)


@pytest.mark.parametrize("figure", sorted(FLOORS["samples"]))
def test_sample_figure_is_above_its_floor(sample_scores: evaluate.Scores, figure: str) -> None:
    measured = getattr(sample_scores, figure)
    assert measured >= FLOORS["samples"][figure], f"{figure} fell to {measured:.3f}"
