"""Stage 10, stories: articles about the same event grouped together.

Foundation version: every article is a story of its own. The stories issue
groups them by time, shared statements, entities and text similarity.
"""

from __future__ import annotations

import sqlite3


def assign_story(conn: sqlite3.Connection, article_id: int) -> None:
    title, published = conn.execute(
        "SELECT title, published FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    cursor = conn.execute(
        'INSERT INTO stories (title, start, "end") VALUES (?, ?, ?)', (title, published, published)
    )
    conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (cursor.lastrowid, article_id))
