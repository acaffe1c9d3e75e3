"""MinHash signatures and LSH band keys, for align (stage 9) and stories (stage 10).

Keys are stored in the database, so these functions must give the same keys
for the same input in every version: change seeds or mixing only with a
migration that rebuilds the band tables.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

import numpy as np

_MIX = np.uint64(0x9E3779B97F4A7C15)
_C1 = np.uint64(0xBF58476D1CE4E5B9)
_C2 = np.uint64(0x94D049BB133111EB)


def hash_items(items: Iterable[str]) -> np.ndarray:
    return np.array(sorted({zlib.crc32(i.encode()) for i in items}), dtype=np.uint64)


def _mix(values: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser, element-wise (uint64 arithmetic wraps)."""
    values = (values ^ (values >> np.uint64(30))) * _C1
    values = (values ^ (values >> np.uint64(27))) * _C2
    return values ^ (values >> np.uint64(31))


def signature(hashed: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """The MinHash signature of a set of hashed items."""
    return _mix(hashed[:, None] ^ seeds[None, :]).min(axis=0)


def keys_of(signature: np.ndarray, bands: int, rows: int, salt: int, extra: int) -> list[int]:
    """A signature cut into bands, each band hashed (with salt and extra) to one key."""
    return [int(k) for k in keys_of_many(signature[None, :], bands, rows, salt, [extra])[0]]


def signatures(hashed: Sequence[np.ndarray], seeds: np.ndarray) -> np.ndarray:
    """MinHash signatures of many non-empty hashed sets at once, one row each."""
    sizes = np.fromiter((h.size for h in hashed), dtype=np.int64, count=len(hashed))
    starts = np.concatenate((np.zeros(1, dtype=np.int64), np.cumsum(sizes)[:-1]))
    mixed = _mix(np.concatenate(hashed)[:, None] ^ seeds[None, :])
    return np.minimum.reduceat(mixed, starts, axis=0)


def keys_of_many(
    signatures: np.ndarray, bands: int, rows: int, salt: int, extras: Sequence[int]
) -> np.ndarray:
    """`keys_of` for row i of `signatures` with extras[i]: one row of int64 keys each."""
    grid = signatures.reshape(len(extras), bands, rows)
    masked = np.array([e & 0xFFFFFFFFFFFF for e in extras], dtype=np.uint64)
    keys = np.arange(bands, dtype=np.uint64)[None, :] + np.uint64(salt << 8)
    keys = keys ^ (masked[:, None] << np.uint64(12))
    for column in range(rows):
        keys = (keys ^ grid[:, :, column]) * _MIX
    return _mix(keys).view(np.int64)


def band_keys(
    hashed: np.ndarray, seeds: np.ndarray, bands: int, rows: int, salt: int, extra: int
) -> list[int]:
    """LSH band keys of a set of hashed items."""
    if hashed.size == 0:
        return []
    return keys_of(signature(hashed, seeds), bands, rows, salt, extra)
