from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotetrail import people, store
from quotetrail.cli import app
from quotetrail.errors import NotFound, UnreadableInput
from tests.across_factory import Q, article, ingest

pytestmark = pytest.mark.filterwarnings("error")


def speaker_names(conn: sqlite3.Connection) -> list[str]:
    return sorted(r[0] for r in conn.execute("SELECT name FROM speakers"))


def mention_speakers(conn: sqlite3.Connection) -> dict[str, str | None]:
    rows = conn.execute(
        "SELECT m.text, s.name FROM mentions m LEFT JOIN speakers s ON s.id = m.speaker_id"
    )
    return {r[0]: r[1] for r in rows}


@pytest.mark.parametrize(
    ("raw", "name", "roles"),
    [
        ("Ayatollah Ali Khamenei", "Ali Khamenei", ("Ayatollah",)),
        ("Ayatollah Seyyed Ali Khamenei", "Ali Khamenei", ("Ayatollah", "Seyyed")),
        ("Imam Khamenei", "Khamenei", ("Imam",)),
        ("Iran's supreme leader Ali Khamenei", "Ali Khamenei", ("Iran's supreme leader",)),
        ("Khamenei's official website", "Khamenei", ()),
        ("Parliament Speaker Ali Larijani", "Ali Larijani", ("Parliament Speaker",)),
        ("Grand Ayatollah Ali al-Sistani", "Ali al-Sistani", ("Grand", "Ayatollah")),
        ("Martin Luther King Jr.", "Martin Luther King Jr.", ()),
        ("Ali Khamenei, Iran's supreme leader", "Ali Khamenei", ()),
    ],
)
def test_parse_name_strips_titles_into_roles(raw: str, name: str, roles: tuple[str, ...]) -> None:
    parsed = people.parse_name(raw)
    assert parsed is not None
    assert (parsed.name, parsed.roles) == (name, roles)


@pytest.mark.parametrize("raw", ["he", "she", "the Leader", "the Supreme Leader", "Iran's leader"])
def test_pronouns_and_bare_titles_are_not_names(raw: str) -> None:
    assert people.parse_name(raw) is None


def test_every_form_of_one_name_is_one_speaker(db_path: Path) -> None:
    forms = [
        "Ayatollah Ali Khamenei",
        "Ayatollah Seyyed Ali Khamenei",
        "Imam Khamenei",
        "Iran's supreme leader Ali Khamenei",
        "Ali Khamenei",
        "Khamenei",
    ]
    conn = ingest(
        db_path,
        *(
            article(f"a{i}.txt", [Q(f"Quote number {i} about the resistance and unity.", form)])
            for i, form in enumerate(forms)
        ),
    )
    assert speaker_names(conn) == ["Ali Khamenei"]
    roles = json.loads(conn.execute("SELECT roles FROM speakers").fetchone()[0])
    assert {"Ayatollah", "Seyyed", "Imam"} <= set(roles)


def test_bare_title_leaves_the_mention_without_speaker(db_path: Path) -> None:
    conn = ingest(db_path, article("a.txt", [Q("We will stand with the oppressed.", "the Leader")]))
    assert mention_speakers(conn) == {"We will stand with the oppressed.": None}
    assert speaker_names(conn) == []


def test_people_sharing_a_surname_stay_apart(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article("a.txt", [Q("The parliament will vote on the budget.", "Ali Larijani")]),
        article("b.txt", [Q("The courts will act on corruption.", "Sadeq Amoli Larijani")]),
    )
    assert speaker_names(conn) == ["Ali Larijani", "Sadeq Amoli Larijani"]


def test_bare_surname_joins_the_full_name_in_the_same_article(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article("a.txt", [Q("The parliament will vote on the budget.", "Ali Larijani")]),
        article("b.txt", [Q("The courts will act on corruption.", "Sadeq Amoli Larijani")]),
        article(
            "c.txt",
            [
                Q("The judiciary is independent of politics.", "Sadeq Amoli Larijani"),
                Q("No case will be dropped for anyone.", "Larijani"),
            ],
        ),
    )
    assert mention_speakers(conn)["No case will be dropped for anyone."] == "Sadeq Amoli Larijani"


def test_ambiguous_bare_surname_is_not_assigned(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article("a.txt", [Q("The parliament will vote on the budget.", "Ali Larijani")]),
        article("b.txt", [Q("The courts will act on corruption.", "Sadeq Amoli Larijani")]),
        article("c.txt", [Q("Something must change in this country.", "Larijani")]),
    )
    assert mention_speakers(conn)["Something must change in this country."] is None


def test_bare_surname_with_a_matching_role_joins_that_person(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article(
            "a.txt",
            [Q("The parliament will vote on the budget.", "Parliament Speaker Ali Larijani")],
        ),
        article(
            "b.txt",
            [Q("The courts will act on corruption.", "Judiciary Chief Sadeq Amoli Larijani")],
        ),
        article("c.txt", [Q("The session is adjourned until Monday.", "Speaker Larijani")]),
    )
    assert mention_speakers(conn)["The session is adjourned until Monday."] == "Ali Larijani"


def test_surname_first_then_full_name_become_one_speaker(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article("a.txt", [Q("Gaza is the core of the resistance.", "Haniyeh")]),
        article("b.txt", [Q("We thank Iran for its support.", "Ismail Haniyeh")]),
    )
    assert speaker_names(conn) == ["Ismail Haniyeh"]


def test_merge_survives_new_articles(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article("a.txt", [Q("The harbour will reopen in spring.", "Elena Varga")]),
        article("b.txt", [Q("The budget is balanced this year.", "E. Varga-Novak")]),
    )
    with store.transaction(conn):
        people.merge_speakers(conn, "Elena Varga", "E. Varga-Novak")
    ingest(
        db_path,
        article("c.txt", [Q("Taxes will not rise next year.", "E. Varga-Novak")]),
        article("d.txt", [Q("The ferry will run every hour.", "Elena Varga")]),
    )
    conn = store.connect(db_path)
    assert speaker_names(conn) == ["Elena Varga"]
    assert set(mention_speakers(conn).values()) == {"Elena Varga"}


def test_split_moves_one_alias_and_survives_new_articles(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article("a.txt", [Q("The harbour will reopen in spring.", "Mayor Elena Varga")]),
        article("b.txt", [Q("Our team will win the league.", "Varga")]),
    )
    assert speaker_names(conn) == ["Elena Varga"]
    with store.transaction(conn):
        people.split_speaker(conn, "Elena Varga", "Varga")
    ingest(db_path, article("c.txt", [Q("The coach must stay another season.", "Varga")]))
    conn = store.connect(db_path)
    found = mention_speakers(conn)
    assert found["The harbour will reopen in spring."] == "Elena Varga"
    assert found["Our team will win the league."] == "Varga"
    assert found["The coach must stay another season."] == "Varga"


def test_split_of_an_unknown_alias_is_not_found(db_path: Path) -> None:
    conn = ingest(db_path, article("a.txt", [Q("The harbour will reopen.", "Elena Varga")]))
    with pytest.raises(NotFound), store.transaction(conn):
        people.split_speaker(conn, "Elena Varga", "Nobody Else")


def test_user_aliases_apply_to_stored_and_future_mentions(db_path: Path, tmp_path: Path) -> None:
    conn = ingest(
        db_path,
        article("a.txt", [Q("We will stand with the oppressed.", "the Leader")]),
        article(
            "b.txt", [Q("Resistance is the only way forward.", "Sayyid Ali Hosseini Khamenei")]
        ),
    )
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(
        "canonical,aliases,wikidata\nAli Khamenei,the Leader;Ali Hosseini Khamenei,Q57336\n"
    )
    with store.transaction(conn):
        people.load_aliases(conn, people.read_alias_file(aliases))
    ingest(db_path, article("c.txt", [Q("The enemy will fail again.", "the Leader")]))
    conn = store.connect(db_path)
    assert set(mention_speakers(conn).values()) == {"Ali Khamenei"}
    assert [tuple(r) for r in conn.execute("SELECT wikidata FROM speakers")] == [("Q57336",)]


def test_json_alias_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "aliases.json"
    path.write_text(json.dumps([{"name": "Ali Khamenei", "aliases": ["Imam Khamenei"]}]))
    entries = people.read_alias_file(path)
    assert [(e.canonical, e.aliases, e.wikidata) for e in entries] == [
        ("Ali Khamenei", ("Imam Khamenei",), None)
    ]


def test_broken_alias_file_says_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "aliases.json"
    path.write_text("[{oops")
    with pytest.raises(UnreadableInput, match="not valid JSON"):
        people.read_alias_file(path)


def test_speakers_lists_aliases_and_counts(db_path: Path) -> None:
    conn = ingest(
        db_path,
        article("a.txt", [Q("The harbour will reopen in spring.", "Mayor Elena Varga")]),
        article("b.txt", [Q("The ferry will run every hour.", "Varga")]),
    )
    [summary] = people.speakers(conn)
    assert (summary.name, set(summary.aliases), summary.mentions) == (
        "Elena Varga",
        {"Elena Varga", "Varga"},
        2,
    )
    assert summary.roles == ("Mayor",)


def test_cli_speakers_merge_and_split(db_path: Path, cli: CliRunner) -> None:
    runner = cli
    ingest(
        db_path,
        article("a.txt", [Q("The harbour will reopen in spring.", "Elena Varga")]),
        article("b.txt", [Q("The budget is balanced this year.", "Lena Novak")]),
    )
    merged = runner.invoke(
        app, ["merge-speakers", "Elena Varga", "Lena Novak", "--db", str(db_path)]
    )
    assert merged.exit_code == 0, merged.output
    listed = runner.invoke(app, ["speakers", "--db", str(db_path)])
    assert "Elena Varga" in listed.output and "Lena Novak" in listed.output
    split = runner.invoke(
        app, ["split-speakers", "Elena Varga", "Lena Novak", "--db", str(db_path)]
    )
    assert split.exit_code == 0, split.output
    assert speaker_names(store.connect(db_path)) == ["Elena Varga", "Lena Novak"]
    ingest(db_path, article("c.txt", [Q("Taxes will not rise next year.", "Lena Novak")]))
    assert speaker_names(store.connect(db_path)) == ["Elena Varga", "Lena Novak"]
    missing = runner.invoke(app, ["merge-speakers", "Nobody", "Lena Novak", "--db", str(db_path)])
    assert missing.exit_code == 3


def test_cli_aliases_load_applies_a_csv(db_path: Path, tmp_path: Path, cli: CliRunner) -> None:
    ingest(db_path, article("a.txt", [Q("We will stand with the oppressed.", "the Leader")]))
    path = tmp_path / "aliases.csv"
    path.write_text("Ali Khamenei,the Leader|Imam Khamenei,Q57336\n")
    result = cli.invoke(app, ["aliases", "load", str(path), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert mention_speakers(store.connect(db_path)) == {
        "We will stand with the oppressed.": "Ali Khamenei"
    }
    wrong = cli.invoke(app, ["aliases", "unload", str(path), "--db", str(db_path)])
    assert wrong.exit_code == 2
