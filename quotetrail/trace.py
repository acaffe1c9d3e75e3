"""Trace a pasted quote to its statement: who said it, when, who reported it, how.

Candidates come from two indexes. The FTS5 index over mention text is searched
for the pasted text's key words (its longest content words: rare, so their
doclists are short) without ranking, narrowed to a phrase search when even
they are common, and ranked by bm25 only when no mention has them all (a
typo, a reworded word). The alignment LSH index adds mentions whose words are
reordered or re-punctuated. Each candidate is verified by token alignment
against the query, and the statement of the best-covered mention is returned
with its mentions and word-level diffs.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from quotetrail.align import candidates, tokens, units, wording_keys
from quotetrail.errors import BadParameter, NotFound
from quotetrail.lexicons.align import STOPWORDS
from quotetrail.wording import Variant, variants

# A pasted quote of two words matches half the database.
_MIN_WORDS = 3
# Share of the query's words found in order in a mention (runs of 2+ words):
# a quote pasted with a typo or two, or from another translation, scores
# 0.7-0.95 against its statement; unrelated mentions with shared topic words
# below 0.4.
_MIN_SCORE = 0.6
# FTS terms per query: a pasted paragraph has ~60 words; 32 already pin a
# statement down, and more only slow the match.
_FTS_TERMS = 32
# Mentions verified per trace when the key words match at most this many:
# unranked, all are scored. bm25 ranking costs ~10 ms on 100k statements (it
# counts every matching document), verifying 200 about 3 ms.
_CANDIDATES = 200
# Ranked candidates when the key words match more than that, or only some match.
_RANKED = 50
# Key words: four of the longest single out a sentence in 100k statements;
# eight when four are not enough (the, and: ~5 ms of doclist each, which is
# why common words are left out).
_KEY_TERMS = (4, 8)
# Sentences (or 24-word windows) of the query looked up in the LSH index. A
# query passes _MIN_SCORE only against a mention of at least 0.43 times its
# length, and quotes rarely exceed 60 words, so 8 units cover any query that
# can match; a pasted page then costs 8 lookups (~5 ms), not 80 (~80 ms).
_LSH_UNITS = 8
# FTS terms as the index's unicode61 tokenizer cuts them ("won't": won, t).
_TERM = re.compile(r"\w+")
# Pasted text quoted in error messages, in characters.
_ECHO = 80


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
    # The mention whose wording carries the query best.
    mention_id: int
    mentions: tuple[TraceMention, ...]
    variants: tuple[Variant, ...]
    others: tuple[str, ...]


def score(query: list[str], text: list[str]) -> float:
    """How much of the query the text carries, in order, allowing small differences.

    The larger of: the share of query words in runs of 2+ aligned with the text
    (longest common subsequence), and the similarity of the two as wholes.
    """
    if not query or not text:
        return 0.0
    blocks = Indel.opcodes(query, text).as_matching_blocks()
    covered = sum(b.size for b in blocks if b.size >= 2 or len(query) <= 3) / len(query)
    similarity = 2 * sum(b.size for b in blocks) / (len(query) + len(text))
    return max(covered, similarity)


def _ids(conn: sqlite3.Connection, match: str, limit: int, ranked: bool = False) -> list[int]:
    order = " ORDER BY rank" if ranked else ""
    rows = conn.execute(
        f"SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?{order} LIMIT ?",
        (match, limit),
    ).fetchall()
    return [int(r[0]) for r in rows]


def _fts_candidates(conn: sqlite3.Connection, text: str) -> list[int]:
    """Mentions with the text's key words, or with its wording as a phrase."""
    words = _TERM.findall(text.casefold())[:_FTS_TERMS]
    rare = sorted(dict.fromkeys(w for w in words if w not in STOPWORDS), key=len, reverse=True)
    if not rare:
        return _ids(conn, _phrase(words), _CANDIDATES)
    found = _with_key_words(conn, rare)
    if not found:  # a typo, or a word no mention has: leave such words out
        present: list[str] = []
        dropped = False
        for term in rare:
            if len(present) == _KEY_TERMS[-1]:
                break
            if _ids(conn, f'"{term}"', 1):
                present.append(term)
            else:
                dropped = True
        found = _with_key_words(conn, present) if present and dropped else []
        if not found:  # a reworded key word: rank mentions sharing some
            key = " OR ".join(f'"{t}"' for t in present[: _KEY_TERMS[0]])
            return _ids(conn, key, _RANKED, ranked=True) if present else []
        rare = present
    if len(found) <= _CANDIDATES:
        return found
    # The key words are common: a verbatim fragment is found as a phrase.
    return _ids(conn, _phrase(words), _CANDIDATES) or _ids(
        conn, " AND ".join(f'"{t}"' for t in rare[: _KEY_TERMS[-1]]), _RANKED, ranked=True
    )


def _with_key_words(conn: sqlite3.Connection, rare: list[str]) -> list[int]:
    """Mentions with the longest 4 (then 8) words; more than _CANDIDATES if still common."""
    found: list[int] = []
    for size in _KEY_TERMS:
        key = " AND ".join(f'"{t}"' for t in rare[:size])
        found = _ids(conn, key, _CANDIDATES + 1)
        if len(found) <= _CANDIDATES or size >= len(rare):
            break
    return found


def _phrase(words: list[str]) -> str:
    """The words as an FTS phrase, less the stopwords at its ends (their doclists are long)."""
    first = next((i for i, w in enumerate(words) if w not in STOPWORDS), 0)
    last = max((i for i, w in enumerate(words) if w not in STOPWORDS), default=len(words) - 1)
    return '"' + " ".join(words[first : last + 1]) + '"'


def _echo(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= _ECHO else text[: _ECHO - 1] + "…")


# Per statement: (score, similarity to the whole mention, -mention id) of its
# best mention; tuples compare best first, the earliest mention winning ties.
Ranking = dict[str, tuple[float, float, int]]


def find(conn: sqlite3.Connection, text: str) -> TraceResult:
    """The statement a pasted quote comes from, with everything known about it."""
    words = tokens(text)
    if len(words) < _MIN_WORDS:
        raise BadParameter(
            f"{_echo(text)} is too short to trace: paste at least {_MIN_WORDS} words of the quote."
        )
    seen = _fts_candidates(conn, text)
    best = _verify(conn, words, seen)
    if max(best.values(), default=(0.0, 0.0, 0))[0] < 1.0:
        # A mention with every word in order scores 1.0, which nothing betters;
        # short of that, look up reordered or re-punctuated wordings too (~2 ms).
        keys = [k for unit in units(text)[:_LSH_UNITS] for k in wording_keys(unit)]
        known = set(seen)
        more = _verify(conn, words, [i for i in candidates(conn, keys, -1) if i not in known])
        best |= {sid: v for sid, v in more.items() if v > best.get(sid, (0.0, 0.0, 0))}
    ranked = sorted(
        ((found, sid) for sid, found in best.items() if found[0] >= _MIN_SCORE), reverse=True
    )
    if not ranked:
        raise NotFound(
            f"no stored statement matches {_echo(text)}. Check the wording, or ingest the "
            "articles that report it."
        )
    (value, _, negated_id), statement = ranked[0]
    others = tuple(sid for _, sid in ranked[1:6])
    return _result(conn, text, statement, -negated_id, value, others)


def _verify(conn: sqlite3.Connection, words: list[str], ids: list[int]) -> Ranking:
    """Each candidate statement's best mention, scored against the query's words."""
    best: Ranking = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for mention_id, statement, mention_text in conn.execute(
            f"SELECT id, statement_id, text FROM mentions WHERE id IN ({marks})"
            " AND statement_id IS NOT NULL",
            chunk,
        ):
            other = tokens(mention_text)
            if 2 * len(other) < _MIN_SCORE * (len(words) + len(other)):
                continue  # too short to carry _MIN_SCORE of the query
            found = (score(words, other), Indel.normalized_similarity(words, other), -mention_id)
            if found > best.get(statement, (0.0, 0.0, 0)):
                best[statement] = found
    return best


def _result(
    conn: sqlite3.Connection,
    query: str,
    statement: str,
    mention_id: int,
    value: float,
    others: tuple[str, ...],
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
        mention_id=mention_id,
        mentions=mentions,
        variants=variants(conn, statement),
        others=others,
    )
