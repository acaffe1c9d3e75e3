"""Articles with several hand-written mentions, for the across-article stages."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from quotetrail import store
from quotetrail.models import Article, ArticleMeta, Mention, PublicationDate, StatementDate


@dataclass(frozen=True)
class Q:
    """A quote as the per-article stages would hand it over."""

    text: str
    speaker: str | None
    said_on: str | None = None
    kind: str = "direct"
    roles: tuple[str, ...] = ()


def article(
    source: str,
    quotes: list[Q],
    *,
    published: str | None = "2024-03-14",
    outlet: str | None = None,
    title: str | None = None,
    extra: str = "",
) -> Article:
    """An article whose text holds every quote, one paragraph each."""
    text = (title or source) + "\n\n" + extra + "\n\n" + "\n\n".join(q.text for q in quotes)
    mentions = []
    for q in quotes:
        start = text.index(q.text)
        date = dt.date.fromisoformat(q.said_on) if q.said_on else None
        mentions.append(
            Mention(
                kind=q.kind,  # type: ignore[arg-type]
                text=q.text,
                start=start,
                end=start + len(q.text),
                cue="said",
                speaker_mention=q.speaker,
                speaker=q.speaker,
                roles=q.roles,
                channel=None,
                confidence=0.9,
                said_on=StatementDate(date, "day", "on Tuesday") if date else None,
            )
        )
    day = dt.date.fromisoformat(published) if published else None
    return Article(
        source=source,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        format="text",
        meta=ArticleMeta(
            title=title or source,
            outlet=outlet or source.split(".")[0],
            published=PublicationDate(day, published or "", "text") if day else None,
        ),
        mentions=tuple(mentions),
    )


def ingest(db: Path, *articles: Article) -> sqlite3.Connection:
    conn = store.connect(db)
    for item in articles:
        store.add_article(conn, item)
    return conn
