"""Attribution spans from the tagger trained on PolNeAR (bench/train_tagger.py).

The model tags each token B-/I- Source, Cue or Content, or O. It runs on
whole paragraphs; `frames` turns the tags into spans and links each content
to its nearest cue and each cue to its nearest source in the paragraph;
`merge` adds the frames the rules in quotes.py missed to their quotes.
Weights ship in quotetrail/weights/attribution and load once per process.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy

from quotetrail import nlp as nlp_loader
from quotetrail.errors import ModelMissing
from quotetrail.lexicons import cues
from quotetrail.models import Quote, QuoteKind, Span
from quotetrail.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

WEIGHTS = Path(__file__).resolve().parent / "weights" / "attribution"
COMPONENT = "attribution"

Label = Literal["Source", "Cue", "Content"]
_CLITICS = frozenset({"'s", "’s", "'", "’"})
_LABELS: dict[str, Label] = {"Source": "Source", "Cue": "Cue", "Content": "Content"}

MIN_WORDS = Settings().min_quote_words
# Tagger quotes: confidence is this times the tagger's mean token probability,
# so that even a sure one ranks below a marked quote with its own cue.
CONF_TAGGED = 0.8
# Tagger contents kept by mean token probability, with a cue of their own and
# without one; set on the first 30 PolNeAR dev articles, where contents below
# these matched gold less than a third of the time.
KEEP_CUED = 0.5
KEEP_UNCUED = 0.8
# How far back a sourceless tagged content looks for a speaker (about two
# sentences): speaker accuracy 0.825 -> 0.828 on the first 30 PolNeAR dev articles.
INHERIT_CHARS = 400
# Give a rule's indirect quote the tagger's content edges when both found it:
# off, as on the first 30 PolNeAR dev articles it cost 1 point of Dice F1 and
# 5 of exact F1 (the parse subtree's edges are closer to PolNeAR's).
TAGGED_EDGES = False
_WORD = re.compile(r"[\w][\w'’-]*")

# Paragraphs per model batch: 16, 64 and 256 ran within noise of each other
# (5-7k words/s on the shared 2-core machine).
BATCH_SIZE = 64
# A B- tag this sure splits two adjacent spans of one label: 0.3, 0.5 and 0.9
# scored within 0.002 Dice F1 of each other on the first 30 PolNeAR dev articles.
BEGIN_SPLIT = 0.5
# O runs up to this many tokens between two content runs are filled in, as the
# tagger loses confidence mid-clause: 0, 1, 3, 5 gave Dice F1 0.741, 0.745,
# 0.747, 0.750 on the first 30 PolNeAR dev articles.
MAX_GAP = 5


@dataclass(frozen=True)
class Tagged:
    """One labelled span; offsets into the text given to `frames`."""

    label: Label
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class TaggedFrame:
    """A content span with the cue and source the tagger found for it."""

    content: Span
    cue: Span | None
    source: Span | None
    confidence: float


@functools.cache
def model() -> Language:
    """The trained tagger pipeline, loaded once per process."""
    if not (WEIGHTS / "config.cfg").is_file():
        raise ModelMissing(
            f"The attribution tagger weights are missing from {WEIGHTS}. Reinstall quotetrail, "
            "or rebuild them with `python bench/train_tagger.py --install`."
        )
    return nlp_loader.load_path(WEIGHTS)


def available() -> bool:
    """Whether the weights are shipped with this install."""
    return (WEIGHTS / "config.cfg").is_file()


def tag(texts: Sequence[str]) -> list[list[Tagged]]:
    """Labelled spans for each text, offsets relative to that text."""
    from spacy.pipeline import Tagger

    nlp = model()
    pipe = nlp.get_pipe(COMPONENT) if COMPONENT in nlp.pipe_names else None
    if not isinstance(pipe, Tagger):
        raise ModelMissing(
            f"The model in {WEIGHTS} has no '{COMPONENT}' tagger. Rebuild it with "
            "`python bench/train_tagger.py --install`."
        )
    labels = pipe.labels
    out: list[list[Tagged]] = []
    # tok2vec runs through nlp.pipe; the tagger's listener reads doc.tensor.
    docs = nlp.pipe(texts, disable=[COMPONENT], batch_size=BATCH_SIZE)
    for batch in _batches(docs, BATCH_SIZE):
        scores = pipe.model.predict(batch)
        for doc, logits in zip(batch, scores, strict=True):
            out.append(_decode(doc, pipe.model.ops.to_numpy(logits), labels))
    return out


def _batches(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _decode(doc: Doc, logits: numpy.ndarray, labels: Sequence[str]) -> list[Tagged]:
    """Spans from per-token scores: B-/I- of a label are pooled, so a content
    is one run of its label; a new span starts where B- alone wins."""
    # The model skips the softmax at prediction time; confidences need it.
    probs = numpy.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    names = ["O", *_LABELS]
    pooled = numpy.zeros((len(doc), len(names)))
    begins = numpy.zeros(len(doc))
    for j, tag_ in enumerate(labels):
        name = tag_.partition("-")[2]
        col = names.index(name) if name in _LABELS else 0
        pooled[:, col] += probs[:, j]
    best = pooled.argmax(axis=1)
    for j, tag_ in enumerate(labels):
        if tag_.startswith("B-"):
            col = names.index(tag_[2:])
            begins = numpy.where(best == col, numpy.maximum(begins, probs[:, j]), begins)
    tags = [names[int(k)] for k in best]
    _fill_gaps(tags)
    out: list[Tagged] = []
    run: list[int] = []
    for i, t in enumerate(tags):
        split = bool(run) and (t != tags[run[0]] or begins[i] > BEGIN_SPLIT)
        if run and (t == "O" or split):
            out.append(_close(doc, tags[run[0]], run, pooled, best))
            run = []
        if t != "O":
            run.append(i)
    if run:
        out.append(_close(doc, tags[run[0]], run, pooled, best))
    return out


def _fill_gaps(tags: list[str]) -> None:
    """Short O runs inside a content become content: the tagger loses
    confidence mid-clause, far from the cue."""
    i = 0
    while i < len(tags):
        if tags[i] != "O" or i == 0 or tags[i - 1] != "Content":
            i += 1
            continue
        j = i
        while j < len(tags) and tags[j] == "O":
            j += 1
        if j < len(tags) and tags[j] == "Content" and j - i <= MAX_GAP:
            tags[i:j] = ["Content"] * (j - i)
        i = j


def _close(
    doc: Doc, label: str, run: list[int], pooled: numpy.ndarray, best: numpy.ndarray
) -> Tagged:
    if label != "Content":
        # "Iran’s Supreme Leader" can come out as "’s Supreme Leader": trim clitics and marks.
        while len(run) > 1 and (doc[run[0]].is_punct or doc[run[0]].lower_ in _CLITICS):
            run = run[1:]
        while len(run) > 1 and doc[run[-1]].is_punct:
            run = run[:-1]
    first, last = doc[run[0]], doc[run[-1]]
    conf = float(sum(pooled[i, best[i]] for i in run) / len(run))
    return Tagged(_LABELS[label], first.idx, last.idx + len(last), conf)


def _gap(a: Tagged, b: Tagged) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def link(text: str, spans: Sequence[Tagged], base: int = 0) -> list[TaggedFrame]:
    """Frames for one paragraph: each content with its nearest cue, and that
    cue's (or, with no cue, the content's) nearest source."""
    contents = [s for s in spans if s.label == "Content"]
    cue_spans = [s for s in spans if s.label == "Cue"]
    sources = [s for s in spans if s.label == "Source"]
    out: list[TaggedFrame] = []
    for c in contents:
        cue = min(cue_spans, key=lambda k: _gap(k, c), default=None)
        anchor = cue if cue is not None else c
        src = min(sources, key=lambda s: _gap(s, anchor), default=None)
        out.append(
            TaggedFrame(
                content=_span(text, c, base),
                cue=_span(text, cue, base) if cue is not None else None,
                source=_span(text, src, base) if src is not None else None,
                confidence=c.confidence,
            )
        )
    return out


def _span(text: str, t: Tagged, base: int) -> Span:
    return Span(base + t.start, base + t.end, text[base + t.start : base + t.end])


def frames(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[TaggedFrame]:
    """Tagger frames for the given (start, end) paragraphs of `text`."""
    tagged = tag([text[a:b] for a, b in paragraphs])
    out: list[TaggedFrame] = []
    for (a, _), spans in zip(paragraphs, tagged, strict=True):
        out.extend(link(text, spans, a))
    return out


# --- merging with the rules -------------------------------------------------


def merge(text: str, paragraphs: Sequence[tuple[int, int]], found: Sequence[Quote]) -> list[Quote]:
    """The rules' quotes plus the tagger contents none of them covers.

    A rule quote the tagger also found keeps its spans, and takes the tagger's
    source when it had none.
    """
    plain = text.translate(nlp_loader.PLAIN_SPACES)
    todo = [(a, b) for a, b in paragraphs if len(_WORD.findall(plain, a, b)) >= MIN_WORDS]
    out = list(found)
    if not todo:
        return out
    added: list[Quote] = []
    for f in frames(plain, todo):
        start, end = _trim(text, f.content.start, f.content.end)
        marked = _is_marked(text, start, end)
        # A short marked stretch with its own cue is speech ("“I love you,” she said").
        words = _WORD.findall(text, start, end)
        floor = 1 if marked and f.cue is not None else MIN_WORDS
        if len(words) < floor or (len(words) < MIN_WORDS and all(w[0].isupper() for w in words)):
            # Short Title Case stretches are names of shows and papers, not speech.
            continue
        content = Span(start, end, text[start:end])
        cue = _respan(text, f.cue)
        source = _respan(text, f.source)
        hits = [i for i, q in enumerate(out) if _covers(q.content, content)]
        if hits:
            q = out[hits[0]]
            edges = TAGGED_EDGES and len(hits) == 1 and q.kind == "indirect"
            if edges or (q.speaker_mention is None and source is not None):
                out[hits[0]] = Quote(
                    q.kind,
                    content if edges else q.content,
                    q.cue or cue,
                    q.speaker_mention or source,
                    q.confidence,
                )
            continue
        if f.confidence < (KEEP_CUED if f.cue is not None else KEEP_UNCUED):
            continue
        kind: QuoteKind = "direct" if marked else "indirect"
        added.append(Quote(kind, content, cue, source, CONF_TAGGED * f.confidence))
    return out + [_inherit(q, out + added) for q in added]


def _inherit(quote: Quote, quotes: Sequence[Quote]) -> Quote:
    """A tagged content with no source of its own takes that of the nearest
    quote before it, as a reader would ("…, she said. It would also …")."""
    if quote.speaker_mention is not None:
        return quote
    before = [
        q
        for q in quotes
        if q.speaker_mention is not None
        and q.content.end <= quote.content.start
        and quote.content.start - q.content.end <= INHERIT_CHARS
    ]
    if not before:
        return quote
    prev = max(before, key=lambda q: q.content.end)
    return Quote(quote.kind, quote.content, quote.cue, prev.speaker_mention, quote.confidence)


def _respan(text: str, span: Span | None) -> Span | None:
    """The same offsets over the original text (frames ran on a space-mapped copy)."""
    return None if span is None else Span(span.start, span.end, text[span.start : span.end])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in cues.DOUBLE_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in cues.DOUBLE_MARKS):
        end -= 1
    while end > start and text[end - 1] in ",;:—– ":
        end -= 1
    return start, end


def _covers(x: Span, y: Span) -> bool:
    overlap = min(x.end, y.end) - max(x.start, y.start)
    return overlap > 0 and overlap * 2 >= min(x.end - x.start, y.end - y.start)


def _is_marked(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is one marked stretch: a mark on each side, none inside."""
    before = text[max(0, start - 2) : start].strip()
    after = text[end : end + 3].strip(" .,;:!?")
    return (
        before[-1:] in cues.DOUBLE_MARKS
        and after[:1] in cues.DOUBLE_MARKS
        and not any(c in cues.DOUBLE_MARKS for c in text[start:end])
    )
