"""Hand-built pipeline outputs, so store and interface tests need no NLP.

`mention` and `article` build the models; `make_article` is the one-quote
article most store tests want.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from quotetrail.models import (
    Article,
    ArticleMeta,
    Mention,
    PublicationDate,
    QuoteKind,
    StatementDate,
)


def mention(
    text: str,
    quote: str,
    *,
    speaker: str | None,
    speaker_mention: str | None = None,
    kind: QuoteKind = "direct",
    roles: tuple[str, ...] = (),
    said_on: dt.date | None = None,
    evidence: str = "on Tuesday",
) -> Mention:
    """A mention of `quote`, found where it first occurs in `text`."""
    start = text.index(quote)
    return Mention(
        kind=kind,
        text=quote,
        start=start,
        end=start + len(quote),
        cue="said",
        speaker_mention=speaker_mention if speaker_mention is not None else speaker,
        speaker=speaker,
        roles=roles,
        channel=None,
        confidence=0.9,
        said_on=StatementDate(said_on, "day", evidence) if said_on else None,
    )


def article(
    source: str,
    text: str,
    mentions: Sequence[Mention],
    *,
    title: str | None,
    outlet: str | None,
    published: dt.date | None,
    evidence: str | None = None,
) -> Article:
    """A processed article; its content hash is the hash of its text."""
    return Article(
        source=source,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        format="text",
        meta=ArticleMeta(
            title=title,
            outlet=outlet,
            published=PublicationDate(published, evidence or str(published), "text")
            if published
            else None,
        ),
        mentions=tuple(mentions),
    )


def make_article(
    text: str = 'The mayor said: "The harbour will reopen in spring, whatever it costs."',
    *,
    source: str = "gazette.txt",
    outlet: str | None = "Harbor Gazette",
    published: str | None = "2024-03-14",
    quote: str = "The harbour will reopen in spring, whatever it costs.",
    speaker: str | None = "Elena Varga",
) -> Article:
    """A processed article with one quote by the mayor."""
    date = dt.date.fromisoformat(published) if published else None
    found = mention(
        text,
        quote,
        speaker=speaker,
        speaker_mention="The mayor",
        roles=("mayor",),
        said_on=date,
        evidence="published",
    )
    return article(
        source,
        text,
        [found],
        title="Harbour to reopen",
        outlet=outlet,
        published=date,
        evidence=published or "",
    )
