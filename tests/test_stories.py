from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from quotetrail import stories
from quotetrail.cli import app
from tests.across_factory import Q, article, ingest

HARBOUR = (
    "Mayor Elena Varga of Portavik announced on Tuesday that the Portavik harbour will reopen "
    "in spring after the storm damage, with the Nordlys Shipping company paying for repairs."
)
HARBOUR_2 = (
    "Portavik harbour is to reopen in spring, Mayor Elena Varga said, after Nordlys Shipping "
    "agreed to pay for repairs to the storm damage that closed it in January."
)
ELECTION = (
    "Voters in Kessel elected Tomas Brandt as governor on Sunday, ending twelve years of rule "
    "by the Green Alliance after a campaign dominated by housing costs."
)


def story_of(conn: sqlite3.Connection, source: str) -> int:
    return int(
        conn.execute("SELECT story_id FROM articles WHERE source = ?", (source,)).fetchone()[0]
    )


def test_articles_sharing_a_statement_are_one_story(db_path: Path) -> None:
    quote = "The harbour will reopen in spring, whatever it costs the city."
    conn = ingest(
        db_path,
        article("a.txt", [Q(quote, "Elena Varga")], published="2024-03-14"),
        article("b.txt", [Q(quote, "Elena Varga")], published="2024-03-15", extra="Other."),
    )
    assert story_of(conn, "a.txt") == story_of(conn, "b.txt")


def test_shared_statement_years_apart_is_not_one_story(db_path: Path) -> None:
    quote = "The harbour will reopen in spring, whatever it costs the city."
    conn = ingest(
        db_path,
        article("a.txt", [Q(quote, "Elena Varga")], published="2020-03-14"),
        article("b.txt", [Q(quote, "Elena Varga")], published="2024-03-15", extra="Other."),
    )
    assert story_of(conn, "a.txt") != story_of(conn, "b.txt")


def test_undated_article_joins_through_a_shared_statement(db_path: Path) -> None:
    quote = "The harbour will reopen in spring, whatever it costs the city."
    conn = ingest(
        db_path,
        article("a.txt", [Q(quote, "Elena Varga")], published="2024-03-14"),
        article("b.txt", [Q(quote, "Elena Varga")], published=None, extra="Undated."),
    )
    assert story_of(conn, "a.txt") == story_of(conn, "b.txt")


def test_similar_leads_on_close_days_are_one_story(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article(
            "a.txt", [], title="Portavik harbour to reopen", extra=HARBOUR, published="2024-03-12"
        ),
        article(
            "b.txt",
            [],
            title="Harbour reopening in spring",
            extra=HARBOUR_2,
            published="2024-03-13",
        ),
        article("c.txt", [], title="Brandt wins Kessel", extra=ELECTION, published="2024-03-12"),
    )
    assert story_of(conn, "a.txt") == story_of(conn, "b.txt")
    assert story_of(conn, "c.txt") != story_of(conn, "a.txt")


def test_similar_leads_weeks_apart_are_different_stories(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article(
            "a.txt", [], title="Portavik harbour to reopen", extra=HARBOUR, published="2024-03-12"
        ),
        article(
            "b.txt",
            [],
            title="Harbour reopening in spring",
            extra=HARBOUR_2,
            published="2024-04-20",
        ),
    )
    assert story_of(conn, "a.txt") != story_of(conn, "b.txt")


def test_article_linking_two_stories_merges_them(db_path: Path) -> None:
    first = "The harbour will reopen in spring, whatever it costs the city."
    second = "Nordlys Shipping will pay for every repair to the harbour walls."
    conn = ingest(
        db_path,
        article("a.txt", [Q(first, "Elena Varga")], published="2024-03-14"),
        article("b.txt", [Q(second, "Lars Holm")], published="2024-03-14"),
    )
    assert story_of(conn, "a.txt") != story_of(conn, "b.txt")
    ingest(
        db_path,
        article("c.txt", [Q(first, "Elena Varga"), Q(second, "Lars Holm")], published="2024-03-15"),
    )
    conn = sqlite3.connect(db_path)
    assert story_of(conn, "a.txt") == story_of(conn, "b.txt") == story_of(conn, "c.txt")
    assert conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == 1


def test_story_spans_its_articles_publication_dates(db_path: Path) -> None:
    quote = "The harbour will reopen in spring, whatever it costs the city."
    conn = ingest(
        db_path,
        article("a.txt", [Q(quote, "Elena Varga")], published="2024-03-16", title="Late"),
        article("b.txt", [Q(quote, "Elena Varga")], published="2024-03-14", title="Early"),
    )
    [summary] = stories.list_stories(conn)
    assert (summary.start, summary.end, summary.title, summary.articles) == (
        "2024-03-14",
        "2024-03-16",
        "Early",
        2,
    )


def test_every_article_has_exactly_one_story(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article("a.txt", [], extra=HARBOUR),
        article("b.txt", [], extra=ELECTION, published="2024-05-01"),
    )
    rows = conn.execute("SELECT story_id FROM articles").fetchall()
    assert all(r[0] is not None for r in rows) and len({r[0] for r in rows}) == 2


def test_cli_lists_stories(db_path: Path, cli: CliRunner) -> None:
    ingest(db_path, article("a.txt", [], title="Portavik harbour to reopen", extra=HARBOUR))
    result = cli.invoke(app, ["stories", "--db", str(db_path)])
    assert result.exit_code == 0 and "Portavik" in result.output and "2024-03-14" in result.output
