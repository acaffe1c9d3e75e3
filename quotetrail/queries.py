"""Read-side queries shared by the CLI, the HTTP API and the web pages."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
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


@dataclass(frozen=True)
class Reports:
    """How many articles carried a statement, and their outlets (source when none)."""

    articles: int
    outlets: tuple[str, ...]


# A separator no outlet name or path contains; a comma would split "Reuters, London".
_SEPARATOR = "\x1f"


def reports(conn: sqlite3.Connection, statement_ids: Sequence[str]) -> dict[str, Reports]:
    """Reports per statement, for the statements given."""
    if not statement_ids:
        return {}
    marks = ",".join("?" * len(statement_ids))
    rows = conn.execute(
        "SELECT statement_id, COUNT(DISTINCT article_id), GROUP_CONCAT(reporter, char(31))"
        " FROM (SELECT DISTINCT m.statement_id, m.article_id,"
        "   COALESCE(a.outlet, a.source) AS reporter"
        "   FROM mentions m JOIN articles a ON a.id = m.article_id"
        f"  WHERE m.statement_id IN ({marks}))"
        " GROUP BY statement_id",
        list(statement_ids),
    ).fetchall()
    return {
        row[0]: Reports(int(row[1]), tuple(sorted(set(row[2].split(_SEPARATOR)))) if row[2] else ())
        for row in rows
    }


def statement_summaries(
    conn: sqlite3.Connection, speaker: str | None = None, limit: int = 50
) -> list[StatementSummary]:
    """Statements with the outlets that carried them, most widely reported first."""
    rows = conn.execute(
        "SELECT s.id, sp.name, s.text, s.said_on, s.first_reported"
        " FROM statements s JOIN mentions m ON m.statement_id = s.id"
        " LEFT JOIN speakers sp ON sp.id = s.speaker_id"
        " WHERE (:speaker IS NULL OR sp.name = :speaker COLLATE NOCASE)"
        " GROUP BY s.id ORDER BY COUNT(DISTINCT m.article_id) DESC, s.said_on, s.id"
        " LIMIT :limit",
        {"speaker": speaker, "limit": limit},
    ).fetchall()
    carried = reports(conn, [row[0] for row in rows])
    return [
        StatementSummary(
            id=row[0],
            speaker=row[1],
            text=row[2],
            said_on=row[3],
            first_reported=row[4],
            outlets=tuple(
                sorted(_reporter(r) for r in carried.get(row[0], Reports(0, ())).outlets)
            ),
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
