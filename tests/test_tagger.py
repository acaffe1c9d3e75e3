"""Tests for the attribution tagger (tagger.py) and its training data loader."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from quotetrail import tagger
from quotetrail.models import CleanText, Span
from quotetrail.quotes import find_quotes

ROOT = Path(__file__).resolve().parents[1]


def _train_script() -> ModuleType:
    path = ROOT / "bench" / "train_tagger.py"
    spec = importlib.util.spec_from_file_location("train_tagger", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_tagger", module)
    spec.loader.exec_module(module)
    return module


# An invented article and its brat annotation, in PolNeAR's layout.
SAMPLE_TEXT = "Budget talks\n\nThe mayor praised the new bridge plan on Friday.\n"
SAMPLE_ANN = (
    "T1\tSource 14 23\tThe mayor\n"
    "T2\tCue 24 31\tpraised\n"
    "T3\tContent 32 51\tthe new bridge plan\n"
    "T4\tAttribution 24 31\tpraised\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "#1\tAnnotatorNotes T3\ta note\n"
)


def test_weights_are_shipped_and_small() -> None:
    assert tagger.available()
    size = sum(f.stat().st_size for f in tagger.WEIGHTS.rglob("*") if f.is_file())
    assert size <= 50_000_000


def test_model_loads_once() -> None:
    assert tagger.model() is tagger.model()


def test_tags_a_content_span_after_a_cue() -> None:
    text = "The governor said that the new highway would open next spring."
    found = tagger.frames(text, [(0, len(text))])
    assert any("highway would open" in f.content.text for f in found), found


def test_links_content_to_its_cue_and_source() -> None:
    text = '"We will not raise taxes this year," the governor said on Tuesday.'
    frame = next(f for f in tagger.frames(text, [(0, len(text))]) if "taxes" in f.content.text)
    assert frame.cue is not None and frame.cue.text == "said"
    assert frame.source is not None and "governor" in frame.source.text


def test_frame_offsets_are_into_the_whole_text() -> None:
    text = "Headline here\n\nThe senator said the vote would be delayed until March."
    start = text.index("The senator")
    for f in tagger.frames(text, [(start, len(text))]):
        assert text[f.content.start : f.content.end] == f.content.text
        assert f.content.start >= start


def test_find_quotes_with_tagger_adds_a_noun_phrase_content_the_rules_miss() -> None:
    text = "The mayor criticized the plan to close three public libraries downtown."
    cleaned = CleanText(text=text, offsets=tuple(range(len(text) + 1)))
    without = find_quotes(cleaned)
    with_tagger = find_quotes(cleaned, use_tagger=True)
    assert not any("libraries" in q.content.text for q in without)
    quote = next(q for q in with_tagger if "libraries" in q.content.text)
    assert quote.kind == "indirect"
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "The mayor"


def test_read_ann_keeps_attribution_labels_only() -> None:
    pieces = _train_script().read_ann(SAMPLE_ANN)
    assert [(p.label, SAMPLE_TEXT[p.start : p.end]) for p in pieces] == [
        ("Source", "The mayor"),
        ("Cue", "praised"),
        ("Content", "the new bridge plan"),
    ]


def test_read_ann_splits_discontinuous_entities() -> None:
    pieces = _train_script().read_ann("T1\tContent 0 4;10 15\tsome words\n")
    assert [(p.start, p.end) for p in pieces] == [(0, 4), (10, 15)]


def test_examples_are_paragraphs_with_bio_tags() -> None:
    script = _train_script()
    examples = script.article_examples(SAMPLE_TEXT, script.read_ann(SAMPLE_ANN))
    assert [text for text, _ in examples] == [
        "Budget talks",
        "The mayor praised the new bridge plan on Friday.",
    ]
    assert examples[0][1] == ["O", "O"]
    assert examples[1][1] == [
        "B-Source",
        "I-Source",
        "B-Cue",
        "B-Content",
        "I-Content",
        "I-Content",
        "I-Content",
        "O",
        "O",
        "O",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a\n\n  b c \n", [(0, 1), (5, 8)]), ("", []), ("one", [(0, 3)])],
)
def test_paragraphs_are_trimmed_lines(text: str, expected: list[tuple[int, int]]) -> None:
    assert _train_script().paragraphs(text) == expected


def test_find_quotes_with_tagger_keeps_the_rule_quote_and_its_speaker() -> None:
    text = '"We will rebuild the old bridge next spring," Mayor Jane Doe said.'
    cleaned = CleanText(text=text, offsets=tuple(range(len(text) + 1)))
    rules = find_quotes(cleaned)
    assert find_quotes(cleaned, use_tagger=True) == rules


def _stub_frames(monkeypatch: pytest.MonkeyPatch, text: str, content: str, cue: str) -> None:
    def frames(_: str, __: object) -> list[tagger.TaggedFrame]:
        c, k = text.index(content), text.index(cue)
        return [
            tagger.TaggedFrame(
                content=Span(c, c + len(content), content),
                cue=Span(k, k + len(cue), cue),
                source=None,
                confidence=0.9,
            )
        ]

    monkeypatch.setattr(tagger, "frames", frames)


def test_merge_keeps_a_short_marked_content_with_a_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    text = 'She turned to him. "I love you," she said quietly.'
    _stub_frames(monkeypatch, text, "I love you", "said")
    (quote,) = tagger.merge(text, [(0, len(text))], [])
    assert quote.kind == "direct" and quote.content.text == "I love you"


def test_merge_drops_a_short_title_case_content(monkeypatch: pytest.MonkeyPatch) -> None:
    text = 'He told "Fox News Sunday" that the deal was dead.'
    _stub_frames(monkeypatch, text, "Fox News Sunday", "told")
    assert tagger.merge(text, [(0, len(text))], []) == []
