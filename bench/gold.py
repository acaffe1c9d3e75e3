"""Score the pipeline on the bundled gold set and record the figures.

python bench/gold.py            # prints the figures, writes bench/results/gold.json
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from quotetrail import evaluate, store
from quotetrail.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "gold.db"
        ingest([str(ROOT / "quotetrail" / "samples")], db)
        gold = evaluate.load_gold(GOLD / "samples.jsonl") + evaluate.load_gold(GOLD / "feed.jsonl")
        stories = json.loads((GOLD / "stories.json").read_text())["stories_with_feed"]
        conn = store.connect(db)
        scores = evaluate.score(gold, evaluate.predicted_mentions(conn), stories)
        conn.close()
    figures = {k: round(v, 4) for k, v in scores.as_dict().items()}
    for name, value in figures.items():
        print(f"{name:<18} {value}")
    out = ROOT / "bench" / "results" / "gold.json"
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
