"""Stage 9 on Spark: mentions of one statement across articles become one statement.

Mentions by the same speaker whose text align.py normalises identically are
one statement outright. Distinct normalised texts of one speaker are blocked
by MinHash over word 5-gram shingles; candidate links are checked with
align.py's match rule, and connected components over all links give the
statements. As in the local store, a statement's id and wording come from its
first mention in reading order, `said_on` is its most common mention date and
`first_reported` the earliest publication date among its articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from quotetrail import align
from quotetrail.spark import lsh

if TYPE_CHECKING:
    from pyspark import RDD

# Five-word shingles, the unit Settings.align_threshold was calibrated on.
SHINGLE_WORDS = 5

# In: (mention_key, speaker_id | None, text, said_on, granularity, published, content_hash, start)
MentionRow = tuple[str, int | None, str, str | None, str | None, str | None, str, int]
# Out: (id, speaker_id, text, said_on, granularity, first_reported, mention count)
StatementRow = tuple[str, int | None, str, str | None, str | None, str | None, int]


def same_statement(a: str, b: str) -> bool:
    """align.py's match rule for two normalised texts by one speaker: identical words."""
    return a == b


def shingles(normalised: str) -> set[str]:
    words = normalised.split()
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _block(speaker_id: int | None) -> str:
    return "-" if speaker_id is None else str(speaker_id)


def _summary(mentions: Iterable[MentionRow]) -> tuple[MentionRow, str | None, str | None, str | None, int]:
    ordered = sorted(mentions, key=lambda m: m[0])
    dates = Counter(m[3] for m in ordered if m[3] is not None)
    said_on = min(dates, key=lambda d: (-dates[d], d)) if dates else None
    granularity = next((m[4] for m in ordered if m[3] == said_on), None) if said_on else None
    published = [m[5] for m in ordered if m[5] is not None]
    return ordered[0], said_on, granularity, min(published) if published else None, len(ordered)


def align_mentions(mentions: RDD[MentionRow]) -> tuple[RDD[tuple[str, str]], RDD[StatementRow]]:
    """(mention_key, statement id) for every mention, and the statements."""
    keyed = mentions.map(lambda m: ((_block(m[1]), align.normalise(m[2])), m)).cache()
    # The first mention of each exact (speaker, words) group stands for the group.
    heads = keyed.mapValues(lambda m: m[0]).reduceByKey(min).cache()  # ((block, norm), head)
    exact_links = keyed.map(lambda kv: (kv[0], kv[1][0])).join(heads).map(
        lambda kv: (kv[1][0], kv[1][1])
    ).filter(lambda link: link[0] != link[1])

    signatures = heads.map(lambda kv: (kv[0][0], kv[1], lsh.signature(shingles(kv[0][1]))))
    candidates = lsh.star_links(signatures)
    payload = heads.map(lambda kv: (kv[1], kv[0][1]))  # (head, normalised text)
    fuzzy_links = lsh.checked(candidates, payload, same_statement)

    nodes = keyed.map(lambda kv: kv[1][0])
    labels = lsh.components(nodes, exact_links.union(fuzzy_links))  # (mention_key, label)

    by_key = keyed.map(lambda kv: (kv[1][0], kv[1]))
    grouped = labels.join(by_key).map(lambda kv: (kv[1][0], kv[1][1])).groupByKey()

    def statement(kv: tuple[str, Iterable[MentionRow]]) -> tuple[StatementRow, list[str]]:
        members = list(kv[1])
        first, said_on, granularity, first_reported, count = _summary(members)
        statement_id = align.statement_id(first[6], first[7])
        row = (statement_id, first[1], first[2], said_on, granularity, first_reported, count)
        return row, [m[0] for m in members]

    built = grouped.map(statement).cache()
    statements = built.map(lambda pair: pair[0])
    assignment = built.flatMap(lambda pair: [(key, pair[0][0]) for key in pair[1]])
    return assignment, statements


def as_dict(row: StatementRow) -> dict[str, Any]:
    names = ("id", "speaker_id", "text", "said_on", "said_on_granularity", "first_reported")
    return dict(zip(names, row[:6], strict=True)) | {"mentions": row[6]}
