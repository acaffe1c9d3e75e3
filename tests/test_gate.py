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


def _polnear_figures(result: dict) -> dict[str, float]:  # type: ignore[type-arg]
    figures = result["all_gold"]
    return {
        "content_dice_f1": figures["content_dice"]["f1"],
        "content_exact_f1": figures["content_exact"]["f1"],
        "direct_recall": figures["recall_direct"],
        "speaker_accuracy": figures["speaker_accuracy"],
    }


@pytest.mark.parametrize("config", ["rules", "tagger"])
def test_polnear_dev_slice_is_above_its_floors(config: str) -> None:
    from bench import polnear

    result = polnear.score_split("dev", 20, use_tagger=config == "tagger")
    if not result:
        pytest.skip("../shared/data/polnear is not present")
    measured = _polnear_figures(result)
    floors = FLOORS["polnear_dev_first_20"][config]
    fallen = {k: round(measured[k], 3) for k, floor in floors.items() if measured[k] < floor}
    assert not fallen, f"below the floor on PolNeAR dev[:20] ({config}): {fallen}"
