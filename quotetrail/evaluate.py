"""Score a database against hand annotations (tests/gold/README.md gives the format).

Used by the CI gate (tests/test_gate.py) and bench/gold.py. A predicted
mention matches a gold quote in the same file when their token sets overlap
with Dice >= 0.5, the matching the quote-extraction literature calls
"partial"; each gold quote matches at most one prediction.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"\w+")
# Dice >= 0.5 is the overlap threshold PolNeAR-style evaluations report as
# "partial match"; kept identical here so the gold and bench figures compare.
MATCH_DICE = 0.5


@dataclass(frozen=True)
class GoldQuote:
    file: str
    kind: str
    content: str
    speaker: str | None
    said_on: str | None
    statement: str
    start: int
    end: int


@dataclass(frozen=True)
class PredictedMention:
    file: str
    kind: str
    text: str
    start: int
    end: int
    speaker: str | None
    said_on: str | None
    statement: str | None
    story: int | None


@dataclass(frozen=True)
class Scores:
    """Figures in [0, 1]; see the module docstring for the matching rule."""

    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    exact_f1: float
    direct_recall: float
    speaker_accuracy: float
    date_accuracy: float
    statement_f1: float
    story_f1: float

    def as_dict(self) -> dict[str, float | int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def load_gold(path: Path) -> list[GoldQuote]:
    quotes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            quotes.append(
                GoldQuote(
                    file=row["file"],
                    kind=row["kind"],
                    content=row["content"],
                    speaker=row.get("speaker"),
                    said_on=row.get("said_on"),
                    statement=row["statement"],
                    start=row["start"],
                    end=row["end"],
                )
            )
    return quotes


def predicted_mentions(conn: sqlite3.Connection) -> list[PredictedMention]:
    """Every stored mention with its canonical speaker, statement and story."""
    rows = conn.execute(
        'SELECT a.source, m.kind, m.text, m.start, m."end", sp.name,'
        " COALESCE(m.said_on, s.said_on), m.statement_id, a.story_id"
        " FROM mentions m JOIN articles a ON a.id = m.article_id"
        " LEFT JOIN speakers sp ON sp.id = m.speaker_id"
        " LEFT JOIN statements s ON s.id = m.statement_id"
    ).fetchall()
    return [
        PredictedMention(_file_name(row[0]), row[1], row[2], row[3], row[4], *row[5:])
        for row in rows
    ]


def _file_name(source: str) -> str:
    path, _, record = source.partition("#")
    name = Path(path).name
    return f"{name}#{record}" if record else name


def tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.casefold()))


def dice(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def match(
    gold: Sequence[GoldQuote], predicted: Sequence[PredictedMention]
) -> list[tuple[GoldQuote, PredictedMention]]:
    """Greedy one-to-one matching by Dice overlap, best pairs first, same file only."""
    candidates = []
    for g_index, g in enumerate(gold):
        g_tokens = tokens(g.content)
        for p_index, p in enumerate(predicted):
            if p.file == g.file and p.start < g.end + 200 and g.start < p.end + 200:
                score = dice(g_tokens, tokens(p.text))
                if score >= MATCH_DICE:
                    candidates.append((score, g_index, p_index))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, g_index, p_index in sorted(candidates, reverse=True):
        if g_index not in used_gold and p_index not in used_pred:
            used_gold.add(g_index)
            used_pred.add(p_index)
            pairs.append((gold[g_index], predicted[p_index]))
    return pairs


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pair_f1(gold_groups: Iterable[tuple[str, object]], predicted_of: dict[str, object]) -> float:
    """Pairwise F1 of a clustering: pairs grouped together in gold vs in prediction."""
    items = list(gold_groups)
    gold_pairs = set()
    predicted_pairs = set()
    for (a, ga), (b, gb) in itertools.combinations(items, 2):
        key = (a, b)
        if ga == gb:
            gold_pairs.add(key)
        pa, pb = predicted_of.get(a), predicted_of.get(b)
        if pa is not None and pa == pb:
            predicted_pairs.add(key)
    true = len(gold_pairs & predicted_pairs)
    return _f1(_ratio(true, len(predicted_pairs)), _ratio(true, len(gold_pairs)))


def score(
    gold: Sequence[GoldQuote],
    predicted: Sequence[PredictedMention],
    stories: Sequence[Sequence[str]] = (),
) -> Scores:
    pairs = match(gold, predicted)
    precision = _ratio(len(pairs), len(predicted))
    recall = _ratio(len(pairs), len(gold))
    exact = sum(1 for g, p in pairs if (g.start, g.end) == (p.start, p.end))
    direct = [g for g in gold if g.kind == "direct"]
    direct_found = sum(1 for g, _ in pairs if g.kind == "direct")
    spoken = [(g, p) for g, p in pairs if g.speaker]
    speakers_right = sum(
        1 for g, p in spoken if p.speaker and p.speaker.casefold() == (g.speaker or "").casefold()
    )
    dates_right = sum(1 for g, p in pairs if g.said_on == p.said_on)
    statement_f1 = _pair_f1(
        ((f"{g.file}:{g.start}", g.statement) for g, _ in pairs),
        {f"{g.file}:{g.start}": p.statement for g, p in pairs},
    )
    story_of = {p.file: p.story for p in predicted}
    story_f1 = _pair_f1(
        ((name, index) for index, group in enumerate(stories) for name in group),
        {name: story_of.get(name) for group in stories for name in group},
    )
    return Scores(
        gold=len(gold),
        predicted=len(predicted),
        matched=len(pairs),
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        exact_f1=_f1(_ratio(exact, len(predicted)), _ratio(exact, len(gold))),
        direct_recall=_ratio(direct_found, len(direct)),
        speaker_accuracy=_ratio(speakers_right, len(spoken)),
        date_accuracy=_ratio(dates_right, len(pairs)),
        statement_f1=statement_f1,
        story_f1=story_f1,
    )
