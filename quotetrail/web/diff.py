"""Word-level differences between two wordings of one statement."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal, cast

# A word (with inner apostrophes or hyphen-free joins) or one punctuation mark.
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")

Op = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True)
class DiffOp:
    """`old` is the canonical wording's text for this run, `new` the variant's.

    Each run keeps the whitespace before its first word, so concatenating the
    `new` parts of all ops rebuilds the variant, and the `old` parts the canonical.
    """

    op: Op
    old: str
    new: str


def _pieces(text: str) -> tuple[list[str], list[str]]:
    """Tokens compared case-insensitively, and the same tokens with leading space."""
    keys: list[str] = []
    pieces: list[str] = []
    previous = 0
    for match in _TOKEN.finditer(text):
        keys.append(match.group().casefold().replace("’", "'"))
        pieces.append(text[previous : match.end()])
        previous = match.end()
    if pieces:
        pieces[-1] += text[previous:]
    return keys, pieces


def word_diff(old: str, new: str) -> list[DiffOp]:
    """The runs of equal, inserted, deleted and replaced words from `old` to `new`."""
    old_keys, old_pieces = _pieces(old.strip())
    new_keys, new_pieces = _pieces(new.strip())
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    return [
        DiffOp(cast(Op, tag), "".join(old_pieces[i1:i2]), "".join(new_pieces[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
