from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotetrail import store, trace
from quotetrail.cli import app
from quotetrail.errors import BadParameter, NotFound
from tests.across_factory import Q, article, ingest

DIRECT = (
    "All regional nations and all freedom seekers in the world should meet the main needs of it."
)
VARIANT = "All regional nations, and all freedom-seekers of the world, should meet the main needs"


@pytest.fixture
def db(db_path: Path) -> Path:
    ingest(
        db_path,
        article("a.txt", [Q(DIRECT, "Ali Khamenei", said_on="2017-02-21")], published="2017-02-21"),
        article("b.txt", [Q(VARIANT, "the Leader")], published=None),
        article(
            "c.txt", [Q("The harbour will reopen in spring, whatever it costs.", "Elena Varga")]
        ),
    )
    return db_path


def test_trace_finds_the_statement_from_a_few_words(db: Path) -> None:

    found = trace.find(store.connect(db, readonly=True), "freedom seekers in the world should meet")
    assert (found.speaker, found.said_on, found.first_reported) == (
        "Ali Khamenei",
        "2017-02-21",
        "2017-02-21",
    )
    assert {m.source for m in found.mentions} == {"a.txt", "b.txt"}


def test_trace_tolerates_small_wording_differences(db: Path) -> None:

    found = trace.find(
        store.connect(db, readonly=True),
        "all freedom-seekers across the world should meet the needs",
    )
    assert found.text == DIRECT
    assert 0.6 <= found.score < 1.0


def test_trace_reports_inherited_dates_and_diffs(db: Path) -> None:

    found = trace.find(store.connect(db, readonly=True), "regional nations and all freedom seekers")
    undated = next(m for m in found.mentions if m.source == "b.txt")
    assert undated.said_on == "2017-02-21" and undated.said_on_inherited
    variant = next(v for v in found.variants if v.source == "b.txt")
    assert [(d.op, d.old.strip(), d.new.strip()) for d in variant.diff if d.op != "equal"] == [
        ("insert", "", ","),
        ("insert", "", "-"),
        ("replace", "in", "of"),
        ("insert", "", ","),
        ("skip", "of it.", ""),
    ]


def test_trace_finds_a_quote_with_a_misspelt_key_word(db: Path) -> None:

    found = trace.find(store.connect(db, readonly=True), "the harbour will reopen in sprung")
    assert found.speaker == "Elena Varga"


def test_trace_finds_a_fragment_by_phrase_when_its_words_are_common(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(trace, "_CANDIDATES", 1)  # as if thousands of mentions had the words
    found = trace.find(store.connect(db, readonly=True), "the world should meet the main needs")
    assert found.text == DIRECT


def test_trace_names_the_best_matching_mention(db: Path) -> None:

    found = trace.find(store.connect(db, readonly=True), "freedom-seekers of the world, should")
    assert next(m.source for m in found.mentions if m.mention_id == found.mention_id) == "b.txt"


def test_trace_of_unknown_words_is_not_found(db: Path) -> None:

    with pytest.raises(NotFound):
        trace.find(
            store.connect(db, readonly=True), "completely unrelated words about cooking pasta"
        )


def test_trace_of_too_few_words_is_a_bad_parameter(db: Path) -> None:

    with pytest.raises(BadParameter):
        trace.find(store.connect(db, readonly=True), "the world")


def test_cli_trace_prints_speaker_date_and_outlets(db: Path, cli: CliRunner) -> None:
    result = cli.invoke(app, ["trace", "freedom seekers in the world", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Ali Khamenei" in result.output and "2017-02-21" in result.output
    assert "a.txt" in result.output and "b.txt" in result.output and "(inherited)" in result.output


def test_cli_trace_not_found_exits_3(db: Path, cli: CliRunner) -> None:
    result = cli.invoke(app, ["trace", "completely unrelated words about pasta", "--db", str(db)])
    assert result.exit_code == 3
