"""Stage 8 on Spark: one canonical speaker for all the names that refer to them.

Names that the local rule treats as one (people.py: an exact alias match,
ignoring ASCII case, as SQLite's NOCASE does) are grouped by key; distinct
keys are then blocked by MinHash over character trigrams, and candidate links
are checked with the same rule before connected components join them. The
speaker's name and roles are those of its first mention in reading order, and
speakers are numbered in order of first appearance, as the local store does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotetrail.spark import lsh

if TYPE_CHECKING:
    from pyspark import RDD

_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# (mention_key, speaker_name, roles) in; (mention_key, speaker_id) and speaker rows out.
SpeakerRow = tuple[int, str, list[str], list[str]]


def name_key(name: str) -> str:
    """The key people.py's alias lookup matches on (SQLite NOCASE folds ASCII only)."""
    return " ".join(name.split()).translate(_ASCII_FOLD)


def same_speaker(a: str, b: str) -> bool:
    """The local rule for two name keys: people.py merges exact alias matches only."""
    return a == b


def _trigrams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def canonical(
    named: RDD[tuple[str, str, list[str]]],
) -> tuple[RDD[tuple[str, int]], RDD[SpeakerRow]]:
    """(mention_key, speaker_id) for each named mention, and (id, name, roles, aliases)."""
    keyed = named.map(lambda m: (name_key(m[1]), m)).cache()
    # One node per distinct key: its first mention.
    firsts = keyed.reduceByKey(lambda a, b: a if a[0] <= b[0] else b)
    nodes = firsts.map(lambda kv: kv[0])
    signatures = nodes.map(lambda key: ("", key, lsh.signature(_trigrams(key))))
    candidates = lsh.star_links(signatures)
    links = lsh.checked(candidates, nodes.map(lambda key: (key, key)), same_speaker)
    labels = lsh.components(nodes, links)  # (key, smallest key in component)

    # A component's speaker is its earliest mention across all its keys.
    first_by_key = firsts.map(lambda kv: (kv[0], kv[1]))
    earliest = (
        labels.join(first_by_key)  # (key, (label, first mention))
        .map(lambda kv: (kv[1][0], kv[1][1]))
        .reduceByKey(lambda a, b: a if a[0] <= b[0] else b)
    )  # (label, first mention)
    ranked = earliest.sortBy(lambda kv: kv[1][0]).zipWithIndex()
    label_ids = ranked.map(lambda kv: (kv[0][0], kv[1] + 1)).cache()  # (label, speaker id)

    aliases = (
        keyed.map(lambda kv: (kv[0], kv[1][1]))
        .join(labels)  # (key, (name, label))
        .map(lambda kv: (kv[1][1], kv[1][0]))
        .groupByKey()
        .mapValues(lambda names: sorted(set(names)))
    )

    def speaker_row(kv: tuple[str, tuple[tuple[int, tuple[str, str, list[str]]], list[str]]]) -> SpeakerRow:
        _, ((speaker_id, first), names) = kv
        return (speaker_id, first[1], list(first[2]), names)

    speakers = label_ids.join(earliest).join(aliases).map(speaker_row)

    key_ids = labels.map(lambda kv: (kv[1], kv[0])).join(label_ids).map(
        lambda kv: (kv[1][0], kv[1][1])
    )  # (key, speaker id)
    mention_ids = keyed.map(lambda kv: (kv[0], kv[1][0])).join(key_ids).map(
        lambda kv: (kv[1][0], kv[1][1])
    )
    return mention_ids, speakers

