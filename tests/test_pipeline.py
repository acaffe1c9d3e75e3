"""Tests for pipeline.process: the per-article stages run together."""

from __future__ import annotations

from quotetrail import pipeline
from quotetrail.models import RawDocument


def test_typewriter_quotes_give_a_direct_quote_sliced_from_the_text_as_read() -> None:
    text = (
        "Mayor Rosa Diaz spoke on Monday.\n\n"
        "''The bridge will reopen by the spring,'' Mayor Rosa Diaz said."
    )
    article = pipeline.process(RawDocument(source="nyt.txt", text=text, format="text"))
    (mention,) = article.mentions
    assert mention.kind == "direct"
    assert mention.speaker == "Rosa Diaz"
    assert mention.text == "The bridge will reopen by the spring,"
    assert text[mention.start : mention.end] == mention.text
