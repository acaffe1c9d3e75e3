"""Trace a pasted quote to its statement: who said it, when, who reported it, how.

Candidates come from the FTS5 index over mention text (ranked by bm25) and
from the alignment LSH index (robust to reordered or re-punctuated words);
each is verified by token alignment against the query, and the statement of
the best-covered mention is returned with its mentions and word-level diffs.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from dataclasses import dataclass

from quotetrail.align import Variant, candidates, tokens, units, variants, wording_keys
from quotetrail.errors import BadParameter, NotFound

# A pasted quote of two words matches half the database.
_MIN_WORDS = 3
# Share of the query's words found in order in a mention (runs of 2+ words):
# a quote pasted with a typo or two, or from another translation, scores
# 0.7-0.95 against its statement; unrelated mentions with shared topic words
# below 0.4.
_MIN_SCORE = 0.6
_FTS_LIMIT = 50
_FTS_TERMS = 32


@dataclass(frozen=True)
class TraceMention:
    """One report of the statement, in the export contract's terms."""

    mention_id: int
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    kind: str
    text: str
    cue: str | None
    speaker_mention: str | None
    said_on: str | None
    said_on_inherited: bool
    said_on_evidence: str | None
    start: int
    end: int


@dataclass(frozen=True)
class TraceResult:
    query: str
    statement_id: str
    text: str
    speaker: str | None
    said_on: str | None
    said_on_granularity: str | None
    first_reported: str | None
    score: float
    mentions: tuple[TraceMention, ...]
    variants: tuple[Variant, ...]
    others: tuple[str, ...]


def score(query: list[str], text: list[str]) -> float:
    """How much of the query the text carries, in order, allowing small differences."""
    if not query or not text:
        return 0.0
    matcher = difflib.SequenceMatcher(None, query, text, autojunk=False)
    blocks = matcher.get_matching_blocks()
    covered = sum(b.size for b in blocks if b.size >= 2 or len(query) <= 3) / len(query)
    similarity = 2 * sum(b.size for b in blocks) / (len(query) + len(text))
    return max(covered, similarity)


def _fts_candidates(conn: sqlite3.Connection, words: list[str]) -> list[int]:
    terms = list(dict.fromkeys(w for w in words if re.fullmatch(r"\w+", w)))[:_FTS_TERMS]
    if not terms:
        return []
    expression = " OR ".join(f'"{t}"' for t in terms)
    rows = conn.execute(
        "SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ? ORDER BY rank LIMIT ?",
        (expression, _FTS_LIMIT),
    ).fetchall()
    return [int(r[0]) for r in rows]


def find(conn: sqlite3.Connection, text: str) -> TraceResult:
    """The statement a pasted quote comes from, with everything known about it."""
    words = tokens(text)
    if len(words) < _MIN_WORDS:
        raise BadParameter(
            f"{text!r} is too short to trace: paste at least {_MIN_WORDS} words of the quote."
        )
    keys = [k for unit in units(text) for k in wording_keys(unit)]
    ids = list(dict.fromkeys([*_fts_candidates(conn, words), *candidates(conn, keys, -1)]))
    best: dict[str, float] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for statement, mention_text in conn.execute(
            f"SELECT statement_id, text FROM mentions WHERE id IN ({marks})"
            " AND statement_id IS NOT NULL",
            chunk,
        ):
            value = score(words, tokens(mention_text))
            if value > best.get(statement, 0.0):
                best[statement] = value
    ranked = sorted(
        ((value, sid) for sid, value in best.items() if value >= _MIN_SCORE),
        key=lambda item: (-item[0], item[1]),
    )
    if not ranked:
        raise NotFound(
            f"no stored statement matches {text!r}. Check the wording, or ingest the "
            "articles that report it."
        )
    value, statement = ranked[0]
    return _result(conn, text, statement, value, tuple(sid for _, sid in ranked[1:6]))


def _result(
    conn: sqlite3.Connection, query: str, statement: str, value: float, others: tuple[str, ...]
) -> TraceResult:
    head = conn.execute(
        "SELECT s.text, sp.name, s.said_on, s.said_on_granularity, s.first_reported"
        " FROM statements s LEFT JOIN speakers sp ON sp.id = s.speaker_id WHERE s.id = ?",
        (statement,),
    ).fetchone()
    rows = conn.execute(
        "SELECT m.id, a.source, a.outlet, a.title, a.published, m.kind, m.text, m.cue,"
        ' m.speaker_mention, m.said_on, m.said_on_inherited, m.said_on_evidence, m.start, m."end"'
        " FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.statement_id = ?"
        " ORDER BY a.published IS NULL, a.published, m.id",
        (statement,),
    ).fetchall()
    mentions = tuple(
        TraceMention(
            mention_id=int(r[0]),
            source=r[1],
            outlet=r[2],
            title=r[3],
            published=r[4],
            kind=r[5],
            text=r[6],
            cue=r[7],
            speaker_mention=r[8],
            said_on=r[9],
            said_on_inherited=bool(r[10]),
            said_on_evidence=r[11],
            start=int(r[12]),
            end=int(r[13]),
        )
        for r in rows
    )
    return TraceResult(
        query=query,
        statement_id=statement,
        text=head[0],
        speaker=head[1],
        said_on=head[2],
        said_on_granularity=head[3],
        first_reported=head[4],
        score=round(value, 3),
        mentions=mentions,
        variants=variants(conn, statement),
        others=others,
    )
