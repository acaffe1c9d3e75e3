"""The pipeline, stage by stage.

Per article (pure, runs in worker processes):
    1. read       paths -> RawDocument | ReadFailure          (read.py)
    2. clean      RawDocument -> CleanText                    (clean.py)
    3. meta       RawDocument, CleanText -> ArticleMeta       (meta.py)
    4. nlp        CleanText -> Layout (paragraphs, sentences)  (nlp.py)
    5. quotes     CleanText, Layout -> Quote...               (quotes.py)
    6. attribute  CleanText, Quote..., Layout -> Attribution...  (attribute.py)
    7. date       CleanText, ArticleMeta, Attribution... -> Mention...  (dates.py)

Across articles (in the store, incremental):
    8. people     canonical speakers for names and titles     (people.py)
    9. align      mentions of one statement grouped           (align.py)
   10. stories    articles about one event grouped            (stories.py)
   11. store      SQLite, idempotent, each article all-or-nothing  (store.py)
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from quotetrail import attribute, clean, dates, meta, nlp, quotes
from quotetrail.models import Article, RawDocument


def content_hash(doc: RawDocument) -> str:
    """The idempotency key: the same text carried by the same outlet is one article.

    The outlet counts so that wire copy carried by two outlets stays two reports.
    """
    key = f"{doc.outlet or ''}\x00{doc.text}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def process(doc: RawDocument, outlet: str | None = None, *, quote_tagger: bool = False) -> Article:
    """Run the per-article stages 2-7 on one document (see Settings.quote_tagger)."""
    cleaned = clean.clean(doc)  # 2
    article_meta = meta.extract_meta(doc, cleaned, default_outlet=outlet)  # 3
    layout = nlp.layout(cleaned)  # 4
    found = quotes.find_quotes(cleaned, layout, use_tagger=quote_tagger)  # 5
    attributed = attribute.attribute(cleaned, found, layout)  # 6
    dated = dates.date_mentions(cleaned, article_meta, attributed)  # 7
    # Mentions quote the article as read, so that text == article.text[start:end].
    mentions = tuple(replace(m, text=doc.text[m.start : m.end]) for m in dated)
    return Article(
        source=doc.source,
        content_hash=content_hash(doc),
        text=doc.text,
        format=doc.format,
        meta=article_meta,
        mentions=mentions,
    )
