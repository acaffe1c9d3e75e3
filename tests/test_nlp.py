from __future__ import annotations

from quotetrail import nlp


def test_parser_has_dependency_parse_and_entities() -> None:
    doc = nlp.parser()("Mayor Elena Varga said the port would reopen.")
    assert any(token.dep_ == "nsubj" for token in doc)
    assert any(ent.label_ == "PERSON" for ent in doc.ents)


def test_tokenizer_splits_sentences_without_a_model() -> None:
    doc = nlp.tokenizer()("The port closed. The mayor spoke.")
    assert len(list(doc.sents)) == 2
