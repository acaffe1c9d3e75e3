"""MinHash banding and connected components on Spark, as distributed dedup does.

Candidates come from grouping by (block, band, band hash): items that agree
on every row of one band share a bucket. Each bucket links its members to its
smallest member only (a star, not all pairs), each link is checked by the
caller's rule, and connected components over the checked links are found by
iterated min-label propagation. Nothing compares all pairs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark import RDD

# 2**61 - 1, a Mersenne prime above every 32-bit shingle hash.
_PRIME = (1 << 61) - 1
# 24 bands of 3 rows: a pair at Jaccard 0.5 (the alignment threshold) shares a
# bucket with probability 1 - (1 - 0.5**3)**24 = 0.96, at 0.7 with 0.9999;
# at 0.2 only 0.18, which keeps the checked links few.
BANDS = 24
ROWS = 3
# Beyond this many members a bucket is a boilerplate phrase, not a statement:
# its members still link through their other bands.
MAX_BUCKET = 5000


def _hash32(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=4).digest(), "big")


def _permutations(count: int) -> list[tuple[int, int]]:
    """Fixed (a, b) pairs, the same in every process, so signatures agree across workers."""
    found = []
    for i in range(count):
        digest = hashlib.blake2b(f"quotetrail-minhash-{i}".encode(), digest_size=16).digest()
        a = int.from_bytes(digest[:8], "big") % (_PRIME - 1) + 1
        b = int.from_bytes(digest[8:], "big") % _PRIME
        found.append((a, b))
    return found


_PERMS = _permutations(BANDS * ROWS)


def signature(shingles: Iterable[str]) -> tuple[int, ...]:
    """The MinHash signature of a set of shingles (BANDS * ROWS values)."""
    hashes = {_hash32(s) for s in shingles}
    if not hashes:
        return ()
    return tuple(min((a * h + b) % _PRIME for h in hashes) for a, b in _PERMS)


def bands(sig: tuple[int, ...]) -> Iterator[tuple[int, int]]:
    """(band number, band hash) for each band of a signature."""
    for band in range(BANDS) if sig else ():
        chunk = sig[band * ROWS : (band + 1) * ROWS]
        yield band, hash(chunk) & 0xFFFFFFFFFFFF


def star_links(
    items: RDD[tuple[str, str, tuple[int, ...]]],
) -> RDD[tuple[str, str]]:
    """(member, smallest member) for every bucket of (block, band, band hash).

    `items` are (block, node id, signature); only nodes in the same block can link.
    """

    def keyed(item: tuple[str, str, tuple[int, ...]]) -> Iterator[tuple[tuple[str, int, int], str]]:
        block, node, sig = item
        for band, value in bands(sig):
            yield (block, band, value), node

    def links(members: Iterable[str]) -> Iterator[tuple[str, str]]:
        ordered = sorted(set(members))
        if len(ordered) < 2 or len(ordered) > MAX_BUCKET:
            return
        head = ordered[0]
        for node in ordered[1:]:
            yield node, head

    parts = items.context.defaultParallelism
    grouped = items.flatMap(keyed).groupByKey(parts)
    return grouped.flatMap(lambda kv: links(kv[1])).distinct(parts)


def checked(
    links: RDD[tuple[str, str]],
    payload: RDD[tuple[str, str]],
    same: Callable[[str, str], bool],
) -> RDD[tuple[str, str]]:
    """The links whose two nodes' payloads pass the caller's rule."""
    parts = links.context.defaultParallelism
    by_first = links.join(payload, parts)  # (a, (b, payload a))
    by_second = by_first.map(lambda kv: (kv[1][0], (kv[0], kv[1][1]))).join(payload, parts)
    return by_second.filter(lambda kv: same(kv[1][0][1], kv[1][1])).map(
        lambda kv: (kv[1][0][0], kv[0])
    )


def components(nodes: RDD[str], links: RDD[tuple[str, str]], max_rounds: int = 64) -> RDD[tuple[str, str]]:
    """(node, label) where label is the smallest node id in the node's component.

    Min-label propagation: each round every node takes the smallest label among
    itself and its neighbours; it stops when no label changes. Star links keep
    the diameter, and so the number of rounds, small.
    """
    parts = nodes.context.defaultParallelism
    edges = links.flatMap(lambda e: [(e[0], e[1]), (e[1], e[0])]).distinct(parts).cache()
    labels = nodes.map(lambda n: (n, n)).reduceByKey(min, parts).cache()
    for _ in range(max_rounds):
        offered = edges.join(labels, parts).map(lambda kv: (kv[1][0], kv[1][1]))
        updated = labels.union(offered).reduceByKey(min, parts).cache()
        changed = updated.join(labels, parts).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = updated
        if changed == 0:
            break
    edges.unpersist()
    return labels
