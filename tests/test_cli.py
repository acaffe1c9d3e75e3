from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from quotetrail import __version__
from quotetrail.cli import app


def _ingest(cli: CliRunner, db: Path, *paths: str) -> str:
    result = cli.invoke(app, ["ingest", "--db", str(db), "--workers", "1", *paths])
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_prints_summary_and_stores_articles(
    cli: CliRunner, db_path: Path, sample_paths: list[str]
) -> None:
    output = _ingest(cli, db_path, *sample_paths)
    count = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert f"new {count}," in output
    assert count >= 10
    assert "failed 0" in output


def test_second_ingest_adds_nothing(cli: CliRunner, db_path: Path, sample_paths: list[str]) -> None:
    _ingest(cli, db_path, *sample_paths)
    before = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    output = _ingest(cli, db_path, *sample_paths)
    after = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    assert "new 0," in output
    assert after == before


def test_bad_inputs_exit_7_and_keep_stored_data(
    cli: CliRunner, db_path: Path, tmp_path: Path, sample_paths: list[str]
) -> None:
    _ingest(cli, db_path, *sample_paths)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = cli.invoke(
        app, ["ingest", "--db", str(db_path), "--workers", "1", str(empty), "missing.txt"]
    )
    assert result.exit_code == 7
    assert "empty.txt" in result.output
    assert "missing.txt: no such file or directory" in result.output
    count = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert count >= 10


def test_export_jsonl_writes_statements(
    cli: CliRunner, db_path: Path, tmp_path: Path, sample_paths: list[str]
) -> None:
    _ingest(cli, db_path, *sample_paths)
    out = tmp_path / "s.jsonl"
    result = cli.invoke(
        app, ["export", "--db", str(db_path), "--format", "jsonl", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    statements = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM statements").fetchone()[0]
    assert len(lines) == statements
    assert all(json.loads(line)["mentions"] for line in lines)


def test_export_unknown_format_is_exit_2(
    cli: CliRunner, db_path: Path, sample_paths: list[str]
) -> None:
    _ingest(cli, db_path, sample_paths[0])
    result = cli.invoke(app, ["export", "--db", str(db_path), "--format", "xml"])
    assert result.exit_code == 2
    assert "unknown format 'xml'" in result.output


def test_stats_counts_match_database(
    cli: CliRunner, db_path: Path, sample_paths: list[str]
) -> None:
    _ingest(cli, db_path, *sample_paths)
    result = cli.invoke(app, ["stats", "--db", str(db_path)])
    mentions = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    assert f"mentions                 {mentions}" in result.output


def test_articles_lists_titles(cli: CliRunner, db_path: Path, sample_paths: list[str]) -> None:
    _ingest(cli, db_path, *sample_paths)
    result = cli.invoke(app, ["articles", "--db", str(db_path)])
    title = sqlite3.connect(db_path).execute("SELECT title FROM articles LIMIT 1").fetchone()[0]
    assert title[:20] in result.output


def test_missing_database_is_exit_4(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 4
    assert "quotetrail ingest" in result.output


def test_version(cli: CliRunner) -> None:
    result = cli.invoke(app, ["--version"])
    assert result.output.strip() == f"quotetrail {__version__}"


def test_every_command_has_help(cli: CliRunner) -> None:
    for command in app.registered_commands:
        name = command.name or ""
        result = cli.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage" in result.output


def test_quote_tagger_option_finds_more_reported_speech(
    cli: CliRunner, tmp_path: Path, sample_paths: list[str]
) -> None:
    plain, tagged = tmp_path / "plain.db", tmp_path / "tagged.db"
    _ingest(cli, plain, *sample_paths)
    _ingest(cli, tagged, "--quote-tagger", *sample_paths)
    count = "SELECT COUNT(*) FROM mentions"
    assert (
        sqlite3.connect(tagged).execute(count).fetchone()[0]
        > sqlite3.connect(plain).execute(count).fetchone()[0]
    )


def test_statements_keeps_an_outlet_name_with_a_comma(
    cli: CliRunner, db_path: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "wire.jsonl"
    text = 'The mayor said: "We will rebuild the pier before the summer season."'
    feed.write_text(json.dumps({"id": "1", "outlet": "Reuters, London", "text": text}) + "\n")
    _ingest(cli, db_path, str(feed))
    result = cli.invoke(app, ["statements", "--db", str(db_path)])
    assert "reported by: Reuters, London" in result.output
