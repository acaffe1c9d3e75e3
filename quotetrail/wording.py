"""How the outlets' wordings of one statement differ: word diffs and variants.

Used by `trace` and the web pages; alignment itself (align.py) decides which
mentions are one statement, this module only shows how their words differ.
"""

from __future__ import annotations

import difflib
import functools
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import Literal, cast

from quotetrail.align import MatchKind, compare_words, tokens
from quotetrail.errors import NotFound

DiffOp = Literal["equal", "insert", "delete", "replace", "skip"]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class WordDiff:
    """One run of a word diff: `old` is the canonical wording's text, `new` the variant's.

    Each run keeps the whitespace before its first token, so joining the `new`
    parts of a diff rebuilds the variant and the `old` parts the canonical text.
    """

    op: DiffOp
    old: str
    new: str


@dataclass(frozen=True)
class Variant:
    mention_id: int
    source: str
    outlet: str | None
    published: str | None
    kind: str
    text: str
    relation: MatchKind | Literal["canonical"]
    diff: tuple[WordDiff, ...]


# A word (inner apostrophes kept) or one punctuation mark: a hyphen or comma
# one outlet adds is a token of its own, so the diff shows it.
_DIFF_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"'})


def _diff_tokens(text: str) -> tuple[list[str], list[str]]:
    """Comparison keys (case and quote style folded) and surface runs with leading space."""
    keys: list[str] = []
    pieces: list[str] = []
    previous = 0
    for match in _DIFF_TOKEN.finditer(text):
        key = unicodedata.normalize("NFKC", match.group()).casefold()
        keys.append(key.translate(_TYPOGRAPHIC))
        pieces.append(text[previous : match.end()])
        previous = match.end()
    if pieces:
        pieces[-1] += text[previous:]
    return keys, pieces


# Distinct wordings diffed and remembered: a statement page and a trace of it
# diff the same pairs, and popular statements are viewed again and again.
@functools.lru_cache(maxsize=1024)
def word_diff(canonical: str, variant: str) -> tuple[WordDiff, ...]:
    """Runs of equal, inserted, deleted and replaced tokens from the canonical text to a variant.

    Case and quote style are not differences; punctuation and hyphenation are.
    Canonical words a fragment leaves out before or after the part it quotes
    are "skip" runs, shown collapsed: leaving them out is not a change of
    wording. A dropped closing mark alone stays a deletion.
    """
    old_keys, old_pieces = _diff_tokens(canonical.strip())
    new_keys, new_pieces = _diff_tokens(variant.strip())
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    runs = [
        WordDiff(cast(DiffOp, op), "".join(old_pieces[i1:i2]), "".join(new_pieces[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    if any(run.op == "equal" for run in runs):
        for index in (0, -1):
            if runs[index].op == "delete" and _WORD.search(runs[index].old):
                runs[index] = WordDiff("skip", runs[index].old, "")
    return tuple(runs)


def variants(conn: sqlite3.Connection, statement: str) -> tuple[Variant, ...]:
    """Each mention of a statement with its word-level differences from the canonical text."""
    head = conn.execute("SELECT text FROM statements WHERE id = ?", (statement,)).fetchone()
    if head is None:
        raise NotFound(f"no statement {statement!r}. Run `quotetrail statements` to list them.")
    canonical: str = head[0]
    rows = conn.execute(
        "SELECT m.id, a.source, a.outlet, a.published, m.kind, m.text FROM mentions m"
        " JOIN articles a ON a.id = m.article_id WHERE m.statement_id = ?"
        " ORDER BY a.published IS NULL, a.published, m.id",
        (statement,),
    ).fetchall()
    base = tokens(canonical)
    found = []
    for mention_id, source, outlet, published, kind, text in rows:
        words = tokens(text)
        if words == base:
            relation: MatchKind | Literal["canonical"] = (
                "canonical" if text == canonical else "verbatim"
            )
        else:
            relation = compare_words(words, base).kind
            if relation == "none":
                relation = "paraphrase"
        found.append(
            Variant(
                mention_id=int(mention_id),
                source=source,
                outlet=outlet,
                published=published,
                kind=kind,
                text=text,
                relation=relation,
                diff=word_diff(canonical, text),
            )
        )
    return tuple(found)
