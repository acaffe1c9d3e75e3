from __future__ import annotations

from quotetrail import nlp
from quotetrail.models import CleanText, Layout


def test_parser_has_dependency_parse_and_entities() -> None:
    doc = nlp.parser()("Mayor Elena Varga said the port would reopen.")
    assert any(token.dep_ == "nsubj" for token in doc)
    assert any(ent.label_ == "PERSON" for ent in doc.ents)


def test_tokenizer_splits_sentences_without_a_model() -> None:
    doc = nlp.tokenizer()("The port closed. The mayor spoke.")
    assert len(list(doc.sents)) == 2


def _layout(text: str) -> Layout:
    return nlp.layout(CleanText(text=text, offsets=tuple(range(len(text) + 1))))


def test_layout_paragraphs_are_trimmed_non_empty_lines() -> None:
    text = "  First line.  \n\n\nSecond line."
    found = _layout(text)
    assert [text[p.start : p.end] for p in found.paragraphs] == ["First line.", "Second line."]


def test_layout_sentences_know_their_paragraph() -> None:
    text = "The port closed. The mayor spoke.\nShe left."
    found = _layout(text)
    assert [(text[s.start : s.end].strip(), s.paragraph) for s in found.sentences] == [
        ("The port closed.", 0),
        ("The mayor spoke.", 0),
        ("She left.", 1),
    ]


def test_layout_gives_an_opening_mark_to_the_sentence_it_opens() -> None:
    text = "“It’s fine,” she said of the plan. “And much more is fine.”"
    found = _layout(text)
    assert [text[s.start : s.end] for s in found.sentences] == [
        "“It’s fine,” she said of the plan.",
        "“And much more is fine.”",
    ]


def test_models_run_on_numpy_ops_not_blis() -> None:
    ops = nlp.parser().get_pipe("tok2vec").model.ops
    assert type(ops).__name__ == "NumpyOps"
    assert getattr(ops, "use_blis", True) is False
