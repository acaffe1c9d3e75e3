"""Stage 9, align: mentions of one statement across articles become one statement.

Foundation version: mentions whose normalised words are identical and whose
speakers agree share a statement. The alignment issue adds near-verbatim,
fragment and paraphrase matching.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3

_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def statement_id(content_hash: str, start: int) -> str:
    """Stable across re-ingest: derived from the first mention's article and offset."""
    return hashlib.sha1(f"{content_hash}:{start}".encode()).hexdigest()[:16]


def assign_statements(conn: sqlite3.Connection, article_id: int) -> None:
    content_hash = conn.execute(
        "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
    ).fetchone()[0]
    mentions = conn.execute(
        "SELECT id, text, start, speaker_id FROM mentions WHERE article_id = ?", (article_id,)
    ).fetchall()
    for mention_id, text, start, speaker_id in mentions:
        key = normalise(text)
        match = conn.execute(
            "SELECT m.statement_id, m.text FROM mentions m WHERE m.statement_id IS NOT NULL"
            " AND m.speaker_id IS ? AND m.id != ?",
            (speaker_id, mention_id),
        ).fetchall()
        found = next((row[0] for row in match if normalise(row[1]) == key), None)
        if found is None:
            found = statement_id(content_hash, start)
            conn.execute(
                "INSERT OR IGNORE INTO statements (id, speaker_id, text) VALUES (?, ?, ?)",
                (found, speaker_id, text),
            )
        conn.execute("UPDATE mentions SET statement_id = ? WHERE id = ?", (found, mention_id))
        refresh_statement(conn, found)


def refresh_statement(conn: sqlite3.Connection, statement: str) -> None:
    """Recompute said_on (most common mention date) and first_reported."""
    conn.execute(
        "UPDATE statements SET"
        " said_on = (SELECT said_on FROM mentions WHERE statement_id = :s AND said_on IS NOT NULL"
        "   GROUP BY said_on ORDER BY COUNT(*) DESC, said_on LIMIT 1),"
        " said_on_granularity = (SELECT said_on_granularity FROM mentions"
        "   WHERE statement_id = :s AND said_on IS NOT NULL"
        "   GROUP BY said_on ORDER BY COUNT(*) DESC, said_on LIMIT 1),"
        " first_reported = (SELECT MIN(a.published) FROM mentions m"
        "   JOIN articles a ON a.id = m.article_id WHERE m.statement_id = :s)"
        " WHERE id = :s",
        {"s": statement},
    )
