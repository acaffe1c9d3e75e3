"""Read-side queries shared by the CLI, the HTTP API and the web pages."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import PurePath
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
        " (SELECT GROUP_CONCAT(reporter, char(31)) FROM (SELECT DISTINCT"
        "   COALESCE(a2.outlet, a2.source) AS reporter FROM mentions m2"
        "   JOIN articles a2 ON a2.id = m2.article_id WHERE m2.statement_id = s.id)) AS outlets,"
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
            outlets=tuple(sorted(_reporter(r) for r in row[5].split("\x1f"))) if row[5] else (),
        )
        for row in rows
    ]


def _reporter(outlet_or_source: str) -> str:
    """An outlet name, or the file name of a source that carried none."""
    return (
        PurePath(outlet_or_source.split("#")[0]).name
        if "/" in outlet_or_source
        else (outlet_or_source)
    )


def check_format(value: str) -> Format:
    if value not in ("jsonl", "csv", "parquet"):
        raise BadParameter(f"unknown format {value!r}: use jsonl, csv or parquet.")
    return cast(Format, value)


def check_what(value: str) -> What:
    if value not in ("statements", "stories"):
        raise BadParameter(f"unknown --what {value!r}: use statements or stories.")
    return cast(What, value)
