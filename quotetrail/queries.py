"""Read-side queries shared by the CLI, the HTTP API and the web pages."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import cast

from quotetrail.errors import BadParameter
from quotetrail.export import Format, What


@dataclass(frozen=True)
class StatementSummary:
    id: str
    speaker: str | None
    text: str
    said_on: str | None
    first_reported: str | None
    outlets: tuple[str, ...]


def statement_summaries(
    conn: sqlite3.Connection, speaker: str | None = None, limit: int = 50
) -> list[StatementSummary]:
    """Statements with the outlets that carried them, most widely reported first."""
    rows = conn.execute(
        "SELECT s.id, sp.name, s.text, s.said_on, s.first_reported,"
        " GROUP_CONCAT(DISTINCT COALESCE(a.outlet, a.source)) AS outlets,"
        " COUNT(DISTINCT a.id) AS reports"
        " FROM statements s JOIN mentions m ON m.statement_id = s.id"
        " JOIN articles a ON a.id = m.article_id"
        " LEFT JOIN speakers sp ON sp.id = s.speaker_id"
        " WHERE (:speaker IS NULL OR sp.name = :speaker COLLATE NOCASE)"
        " GROUP BY s.id ORDER BY reports DESC, s.said_on, s.id LIMIT :limit",
        {"speaker": speaker, "limit": limit},
    ).fetchall()
    return [
        StatementSummary(
            id=row[0],
            speaker=row[1],
            text=row[2],
            said_on=row[3],
            first_reported=row[4],
            outlets=tuple(sorted(row[5].split(","))) if row[5] else (),
        )
        for row in rows
    ]


def check_format(value: str) -> Format:
    if value not in ("jsonl", "csv", "parquet"):
        raise BadParameter(f"unknown format {value!r}: use jsonl, csv or parquet.")
    return cast(Format, value)


def check_what(value: str) -> What:
    if value not in ("statements", "stories"):
        raise BadParameter(f"unknown --what {value!r}: use statements or stories.")
    return cast(What, value)
