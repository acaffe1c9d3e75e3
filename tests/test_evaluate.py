from __future__ import annotations

from quotetrail.evaluate import GoldQuote, PredictedMention, dice, score, tokens


def gold(content: str, start: int, statement: str = "s1") -> GoldQuote:
    return GoldQuote(
        "a.txt",
        "direct",
        content,
        "Elena Varga",
        "2024-03-12",
        statement,
        start,
        start + len(content),
    )


def predicted(text: str, start: int, statement: str = "p1") -> PredictedMention:
    return PredictedMention(
        "a.txt", "direct", text, start, start + len(text), "Elena Varga", "2024-03-12", statement, 1
    )


def test_dice_of_half_overlap() -> None:
    assert dice(tokens("a b c d"), tokens("a b x y")) == 0.5


def test_partial_overlap_matches_but_is_not_exact() -> None:
    scores = score(
        [gold("the port will reopen by spring", 0)], [predicted("the port will reopen", 0)]
    )
    assert (scores.f1, scores.exact_f1) == (1.0, 0.0)


def test_unrelated_prediction_is_a_false_positive() -> None:
    scores = score(
        [gold("the port will reopen by spring", 0)],
        [predicted("the port will reopen by spring", 0), predicted("taxes rise", 50)],
    )
    assert scores.precision == 0.5


def test_statement_grouping_counts_pairs() -> None:
    golds = [gold("we will rebuild the pier", 0), gold("we will rebuild the pier now", 40)]
    preds = [
        predicted("we will rebuild the pier", 0, "p1"),
        predicted("we will rebuild the pier now", 40, "p2"),
    ]
    assert score(golds, preds).statement_f1 == 0.0
