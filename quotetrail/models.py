"""Frozen dataclasses passed between pipeline stages.

Every stage is a function from these types to these types; see pipeline.py
for the order. Offsets are character offsets into the text named in each
docstring; `CleanText.to_read` maps clean offsets back to the text as read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "indirect", "mixed"]
Granularity = Literal["day", "month", "year"]


@dataclass(frozen=True)
class RawDocument:
    """A document as read: decoded text plus whatever fields its container gave.

    `source` is exactly the path or URL given to ingest (`path#id` for a record
    inside a JSONL/CSV file). `text` is the text as read; for HTML it is the
    extracted article body, since offsets into markup mean nothing to a reader.
    """

    source: str
    text: str
    format: Literal["text", "html", "record", "warc", "feed"]
    encoding: str = "utf-8"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date_hint: str | None = None
    date_hint_evidence: str | None = None


@dataclass(frozen=True)
class ReadFailure:
    """A file or record that could not be read, with the reason in plain words."""

    source: str
    reason: str


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) and the text it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CleanText:
    """Text after boilerplate removal and normalisation.

    `offsets[i]` is the offset in the text as read of clean character i;
    `offsets[len(text)]` is the end of the text as read, so that a clean
    half-open span [a, b) maps to [offsets[a], offsets[b-1] + 1).
    """

    text: str
    offsets: tuple[int, ...]
    removed: tuple[Span, ...] = ()

    def to_read(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean half-open span to one in the text as read."""
        if end <= start:
            pos = self.offsets[min(start, len(self.offsets) - 1)]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Paragraph:
    """A non-empty line of a cleaned text, surrounding whitespace trimmed."""

    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into Layout.paragraphs


@dataclass(frozen=True)
class Layout:
    """Stage 4: the paragraphs and sentences of a cleaned text, offsets into it."""

    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class PublicationDate:
    """A publication date and the text it was found in."""

    value: dt.date
    evidence: str
    origin: Literal["field", "text", "caption", "html"]


@dataclass(frozen=True)
class ArticleMeta:
    title: str | None
    outlet: str | None
    published: PublicationDate | None


@dataclass(frozen=True)
class Quote:
    """A quotation found in clean text; spans are offsets into CleanText.text."""

    kind: QuoteKind
    content: Span
    cue: Span | None
    speaker_mention: Span | None
    confidence: float


@dataclass(frozen=True)
class Attribution:
    """A quote with its speaker resolved within one article.

    `speaker` is a person's name as best known in the article (never a
    pronoun or a bare title); None when no person could be found.
    `channel` names who relayed it ("official website") when not the speaker.
    """

    quote: Quote
    speaker: str | None
    roles: tuple[str, ...] = ()
    channel: str | None = None


@dataclass(frozen=True)
class StatementDate:
    value: dt.date
    granularity: Granularity
    evidence: str


@dataclass(frozen=True)
class Mention:
    """One report of a statement in one article, offsets into the text as read."""

    kind: QuoteKind
    text: str
    start: int
    end: int
    cue: str | None
    speaker_mention: str | None
    speaker: str | None
    roles: tuple[str, ...]
    channel: str | None
    confidence: float
    said_on: StatementDate | None


@dataclass(frozen=True)
class Article:
    """Everything the per-article stages learn about one document."""

    source: str
    content_hash: str
    text: str
    format: str
    meta: ArticleMeta
    mentions: tuple[Mention, ...] = field(default=())


@dataclass(frozen=True)
class IngestReport:
    read: int
    new: int
    duplicate: int
    failures: tuple[ReadFailure, ...]

    @property
    def failed(self) -> int:
        return len(self.failures)
