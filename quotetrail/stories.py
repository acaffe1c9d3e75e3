"""Stage 10, stories: articles about the same event grouped together.

An article joins the stories of the articles it is linked to, merging them
when it links several:

- a shared statement (from align) published within a week, or by an article
  with no date;
- or a similar lead (title plus opening words: content-word overlap) together
  with shared named entities, published within a few days.

Lead candidates come from MinHash LSH band keys in `story_bands`, keyed by
publication week, so that a new article is compared with a bounded set.
An article linked to nothing is a story of its own.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from quotetrail.align import content_words, day_number, tokens
from quotetrail.lexicons.titles import NOT_NAMES
from quotetrail.minhash import band_keys, hash_items

# Title and the first 80 words: where an event is named (checked on the seeds
# and allsides; later paragraphs drift into background).
_LEAD_WORDS = 80
# Characters tokenised to find those words: 80 English words take ~500.
_LEAD_CHARS = 2000
# 16 bands of 2 rows: lead Jaccard 0.3 is a candidate with p=0.8, 0.05 with p=0.04.
_BANDS, _ROWS = 16, 2
_SALT = 0x5702
# One event's coverage: seeds and allsides triples of one event fall within 3 days.
_LEAD_DAYS = 3
_STATEMENT_DAYS = 7
# Lead overlap and entity overlap both needed: same-topic articles on different
# days share words ("Iran", "nuclear") but not the event's particular names.
_LEAD_JACCARD = 0.2
_ENTITY_JACCARD = 0.2
_MAX_ENTITIES = 30
_MAX_CANDIDATES = 200

_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:of\s+|al-|bin\s+)?[A-Z][\w'’-]+)*")
_RNG = np.random.default_rng(20240522)
_SEEDS = _RNG.integers(0, 1 << 63, size=_BANDS * _ROWS, dtype=np.uint64)


@dataclass(frozen=True)
class Features:
    """What an article is compared on."""

    day: int | None
    terms: frozenset[str]
    entities: frozenset[str]


@dataclass(frozen=True)
class StorySummary:
    id: int
    title: str | None
    start: str | None
    end: str | None
    articles: int
    outlets: tuple[str, ...]


def features(title: str | None, text: str, published: str | None) -> Features:
    lead = _lead(f"{title or ''} {text}")
    names: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        entity = _entity(match.group())
        if entity is not None:
            names[entity] += 1
    entities = frozenset(n for n, _ in names.most_common(_MAX_ENTITIES) if n)
    return Features(day_number(published), frozenset(content_words(lead)), entities)


# Capitalised phrases remembered with their entity form: names recur across
# articles of one news cycle (allsides: ~60 phrases per article, mostly repeats).
@functools.lru_cache(maxsize=1 << 15)
def _entity(phrase: str) -> str | None:
    """A capitalised phrase as an entity, without words that are never names (None if none)."""
    words = [w for w in phrase.split() if w.casefold() not in NOT_NAMES]
    return " ".join(tokens(" ".join(words))) if words else None


def _lead(text: str) -> list[str]:
    """The first words, tokenising only a head of the text cut at whitespace."""
    head = text[:_LEAD_CHARS]
    cut = max(head.rfind(" "), head.rfind("\n"))
    if len(text) > _LEAD_CHARS and cut > 0:
        words = tokens(head[:cut])
        if len(words) >= _LEAD_WORDS:
            return words[:_LEAD_WORDS]
    return tokens(text)[:_LEAD_WORDS]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _keys(terms: Iterable[str], week: int) -> list[int]:
    return band_keys(hash_items(terms), _SEEDS, _BANDS, _ROWS, _SALT, week)


def _stored(conn: sqlite3.Connection, article_id: int) -> tuple[Features, int | None] | None:
    row = conn.execute(
        "SELECT f.day, f.terms, f.entities, a.story_id FROM story_features f"
        " JOIN articles a ON a.id = f.article_id WHERE f.article_id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    terms = frozenset(row[1].split(" ")) - {""}
    entities = frozenset(row[2].split("|")) - {""}
    return Features(row[0], terms, entities), row[3]


def linked(mine: Features, other: Features, shares_statement: bool) -> bool:
    """Whether two articles report the same event."""
    gap = abs(mine.day - other.day) if mine.day is not None and other.day is not None else None
    if shares_statement and (gap is None or gap <= _STATEMENT_DAYS):
        return True
    if gap is None or gap > _LEAD_DAYS:
        return False
    return (
        _jaccard(mine.terms, other.terms) >= _LEAD_JACCARD
        and _jaccard(mine.entities, other.entities) >= _ENTITY_JACCARD
    )


def assign_story(conn: sqlite3.Connection, article_id: int) -> None:
    """Put the article in the story of the articles about its event, or a new story."""
    title, published, text = conn.execute(
        "SELECT title, published, text FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    mine = features(title, text, published)
    conn.execute(
        "INSERT OR REPLACE INTO story_features (article_id, day, terms, entities)"
        " VALUES (?, ?, ?, ?)",
        (article_id, mine.day, " ".join(sorted(mine.terms)), "|".join(sorted(mine.entities))),
    )
    sharing = {
        int(r[0])
        for r in conn.execute(
            "SELECT DISTINCT m2.article_id FROM mentions m1"
            " JOIN mentions m2 ON m2.statement_id = m1.statement_id"
            " WHERE m1.article_id = ? AND m2.article_id != ? LIMIT ?",
            (article_id, article_id, _MAX_CANDIDATES),
        )
    }
    similar: list[int] = []
    if mine.day is not None:
        week = mine.day // 7
        keys = [k for w in (week - 1, week, week + 1) for k in _keys(mine.terms, w)]
        similar = _lead_candidates(conn, keys, article_id)
        conn.executemany(
            "INSERT OR IGNORE INTO story_bands (key, article_id) VALUES (?, ?)",
            [(k, article_id) for k in sorted(set(_keys(mine.terms, week)))],
        )
    joined: set[int] = set()
    for other_id in dict.fromkeys([*sharing, *similar]):
        stored = _stored(conn, other_id)
        if stored is None or stored[1] is None:
            continue
        if linked(mine, stored[0], other_id in sharing):
            joined.add(stored[1])
    if joined:
        story = min(joined)
        for other_story in joined - {story}:
            conn.execute(
                "UPDATE articles SET story_id = ? WHERE story_id = ?", (story, other_story)
            )
            conn.execute("DELETE FROM stories WHERE id = ?", (other_story,))
    else:
        story = int(
            conn.execute(
                'INSERT INTO stories (title, start, "end") VALUES (NULL, NULL, NULL)'
            ).lastrowid
            or 0
        )
    conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story, article_id))
    refresh_story(conn, story)


def _lead_candidates(conn: sqlite3.Connection, keys: list[int], exclude: int) -> list[int]:
    if not keys:
        return []
    unique = list(dict.fromkeys(keys))
    marks = ",".join("?" * len(unique))
    rows = conn.execute(
        f"SELECT article_id, COUNT(*) AS n FROM story_bands WHERE key IN ({marks})"
        " AND article_id != ? GROUP BY article_id ORDER BY n DESC LIMIT ?",
        (*unique, exclude, _MAX_CANDIDATES),
    ).fetchall()
    return [int(r[0]) for r in rows]


def refresh_story(conn: sqlite3.Connection, story: int) -> None:
    """Title of the earliest article; start and end are the first and last publication."""
    conn.execute(
        "UPDATE stories SET start = (SELECT MIN(published) FROM articles WHERE story_id = :s),"
        ' "end" = (SELECT MAX(published) FROM articles WHERE story_id = :s),'
        " title = (SELECT title FROM articles WHERE story_id = :s AND title IS NOT NULL"
        "   ORDER BY published IS NULL, published, id LIMIT 1)"
        " WHERE id = :s",
        {"s": story},
    )


def list_stories(conn: sqlite3.Connection, limit: int = 50) -> list[StorySummary]:
    """Stories with the most articles first."""
    rows = conn.execute(
        'SELECT s.id, s.title, s.start, s."end", COUNT(a.id) AS n,'
        " GROUP_CONCAT(DISTINCT COALESCE(a.outlet, a.source)) AS outlets"
        " FROM stories s JOIN articles a ON a.story_id = s.id"
        " GROUP BY s.id ORDER BY n DESC, s.start, s.id LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        StorySummary(
            id=int(r[0]),
            title=r[1],
            start=r[2],
            end=r[3],
            articles=int(r[4]),
            outlets=tuple(sorted(r[5].split(","))) if r[5] else (),
        )
        for r in rows
    ]
