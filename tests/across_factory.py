"""Articles with several hand-written mentions, for the across-article stages."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from quotetrail import store
from quotetrail.models import Article
from tests import factories


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
    mentions = [
        factories.mention(
            text,
            q.text,
            speaker=q.speaker,
            kind=q.kind,  # type: ignore[arg-type]
            roles=q.roles,
            said_on=dt.date.fromisoformat(q.said_on) if q.said_on else None,
        )
        for q in quotes
    ]
    day = dt.date.fromisoformat(published) if published else None
    return factories.article(
        source,
        text,
        mentions,
        title=title or source,
        outlet=outlet or source.split(".")[0],
        published=day,
        evidence=published or "",
    )


def ingest(db: Path, *articles: Article) -> sqlite3.Connection:
    conn = store.connect(db)
    for item in articles:
        store.add_article(conn, item)
    return conn
