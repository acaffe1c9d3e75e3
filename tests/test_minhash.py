from __future__ import annotations

import numpy as np

from quotetrail import minhash

SEEDS = np.random.default_rng(7).integers(0, 1 << 63, size=12, dtype=np.uint64)


def test_signatures_of_many_sets_equal_each_set_alone() -> None:
    sets = [
        minhash.hash_items(["the harbour will", "harbour will reopen"]),
        minhash.hash_items(["taxes"]),
        minhash.hash_items([str(i) for i in range(40)]),
    ]
    together = minhash.signatures(sets, SEEDS)
    assert [list(row) for row in together] == [list(minhash.signature(h, SEEDS)) for h in sets]


def test_band_keys_of_many_equal_keys_of_each() -> None:
    sig = minhash.signature(minhash.hash_items(["a b c", "b c d", "c d e"]), SEEDS)
    extras = [0, 5, 123 * 100_003 - 1]
    many = minhash.keys_of_many(np.repeat(sig[None, :], 3, axis=0), 6, 2, 0x51, extras)
    assert [list(row) for row in many] == [minhash.keys_of(sig, 6, 2, 0x51, e) for e in extras]


def test_keys_depend_on_the_extra() -> None:
    sig = minhash.signature(minhash.hash_items(["a b c"]), SEEDS)
    assert not set(minhash.keys_of(sig, 6, 2, 0x51, 1)) & set(minhash.keys_of(sig, 6, 2, 0x51, 2))
