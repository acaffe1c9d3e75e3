"""Hand-built pipeline outputs, so store and interface tests need no NLP."""

from __future__ import annotations

import datetime as dt
import hashlib

from quotetrail.models import Article, ArticleMeta, Mention, PublicationDate, StatementDate


def make_article(
    text: str = 'The mayor said: "The harbour will reopen in spring, whatever it costs."',
    *,
    source: str = "gazette.txt",
    outlet: str | None = "Harbor Gazette",
    published: str | None = "2024-03-14",
    quote: str = "The harbour will reopen in spring, whatever it costs.",
    speaker: str | None = "Elena Varga",
) -> Article:
    """A processed article built by hand, so store tests need no NLP."""
    start = text.index(quote)
    date = dt.date.fromisoformat(published) if published else None
    mention = Mention(
        kind="direct",
        text=quote,
        start=start,
        end=start + len(quote),
        cue="said",
        speaker_mention="The mayor",
        speaker=speaker,
        roles=("mayor",),
        channel=None,
        confidence=0.9,
        said_on=StatementDate(date, "day", "published") if date else None,
    )
    return Article(
        source=source,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        format="text",
        meta=ArticleMeta(
            title="Harbour to reopen",
            outlet=outlet,
            published=PublicationDate(date, published or "", "text") if date else None,
        ),
        mentions=(mention,),
    )
