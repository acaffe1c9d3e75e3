"""Views: plain functions from a connection and parameters to data.

The JSON routes return what a view returns; the HTML routes render the same
value with a template. Nothing here knows about HTTP.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from quotetrail import timeline as timeline_lib
from quotetrail import trace as trace_lib
from quotetrail.errors import NotFound
from quotetrail.web import data
from quotetrail.web.data import (
    ArticleDetail,
    MentionItem,
    SpeakerItem,
    SpeakerPage,
    StatementDetail,
    StatementItem,
    StatementPage,
    StoryDetail,
    StoryItem,
    TraceResult,
)

# Page size: large enough for a screenful of results, small enough that one
# request stays well under 100 ms on a 100k-statement database.
MAX_PAGE = 100
DEFAULT_PAGE = 50
# 500 characters is a long paragraph; longer queries only slow FTS down.
MAX_QUERY = 500
# A pasted quote may be a few paragraphs long.
MAX_TRACE_TEXT = 5000


@dataclass(frozen=True)
class SpeakerView:
    speaker: SpeakerItem
    timeline: timeline_lib.Timeline
    statements: tuple[StatementItem, ...]


@dataclass(frozen=True)
class Segment:
    """A run of article text, inside a quote (`mention`) or between quotes."""

    text: str
    mention: MentionItem | None


@dataclass(frozen=True)
class ArticleView:
    article: ArticleDetail
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Overview:
    statements: int
    speakers: int
    articles: int
    stories: int


def overview(conn: sqlite3.Connection) -> Overview:
    def count(table: str) -> int:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    return Overview(count("statements"), count("speakers"), count("articles"), count("stories"))


def statements(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    q: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    cursor: str | None = None,
    limit: int = DEFAULT_PAGE,
) -> StatementPage:
    return data.statements(
        conn,
        speaker=speaker,
        q=q,
        since=since,
        until=until,
        outlet=outlet,
        cursor=cursor,
        limit=limit,
    )


def statement(conn: sqlite3.Connection, statement_id: str) -> StatementDetail:
    return data.statement_detail(conn, statement_id)


def speakers(
    conn: sqlite3.Connection, cursor: str | None = None, limit: int = DEFAULT_PAGE
) -> SpeakerPage:
    return data.speakers(conn, cursor, limit)


def speaker(conn: sqlite3.Connection, speaker_id: int) -> SpeakerView:
    return SpeakerView(
        speaker=data.speaker(conn, speaker_id),
        timeline=timeline_lib.timeline(conn, speaker_id),
        statements=data.speaker_statements(conn, speaker_id),
    )


def timeline(conn: sqlite3.Connection, speaker_id: int) -> timeline_lib.Timeline:
    return timeline_lib.timeline(conn, speaker_id)


def article(conn: sqlite3.Connection, article_id: int) -> ArticleDetail:
    return data.article(conn, article_id)


def article_view(conn: sqlite3.Connection, article_id: int) -> ArticleView:
    detail = data.article(conn, article_id)
    return ArticleView(detail, segments(detail.text, detail.mentions))


def segments(text: str, mentions: tuple[MentionItem, ...]) -> tuple[Segment, ...]:
    """Split text at mention offsets; overlapping or out-of-range mentions are clipped."""
    out: list[Segment] = []
    position = 0
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end, m.id)):
        start, end = max(mention.start, position), min(mention.end, len(text))
        if end <= start:
            continue
        if start > position:
            out.append(Segment(text[position:start], None))
        out.append(Segment(text[start:end], mention))
        position = end
    if position < len(text):
        out.append(Segment(text[position:], None))
    return tuple(out)


def stories(conn: sqlite3.Connection) -> tuple[StoryItem, ...]:
    return data.stories(conn)


def story(conn: sqlite3.Connection, story_id: int) -> StoryDetail:
    return data.story(conn, story_id)


def trace(conn: sqlite3.Connection, text: str) -> TraceResult:
    """The statement for a pasted quote (quotetrail.trace), with its reports and wordings."""
    found = trace_lib.find(conn, text)
    detail = data.statement_detail(conn, found.statement_id)
    matched = next((m for m in detail.mentions if m.id == found.mention_id), None)
    if matched is None:  # the database changed between the two reads
        raise NotFound(f"statement {found.statement_id} changed while tracing; try again.")
    return TraceResult(" ".join(text.split()), round(found.score * 100, 1), matched, detail)
