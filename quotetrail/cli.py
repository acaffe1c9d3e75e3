"""The command line: thin commands over the library, one verb per function."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from quotetrail import __version__, export, queries, store
from quotetrail import ingest as ingest_lib
from quotetrail.errors import PARTIAL_FAILURE, BadParameter, QuotetrailError, exit_code
from quotetrail.models import IngestReport
from quotetrail.settings import Settings

app = typer.Typer(
    help="quotetrail: who said what, when, and who reported it.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)
DEFAULTS = Settings()


def _help(name: str) -> str:
    return next(f.metadata["help"] for f in fields(Settings) if f.name == name)


DbOption = Annotated[
    Path, typer.Option("--db", envvar="QUOTETRAIL_DB", help=_help("db"), show_default=True)
]


def command(func: Callable[..., None]) -> Callable[..., None]:
    """Register a command whose QuotetrailErrors print one line and set the exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
        except QuotetrailError as error:
            err.print(f"[red]error:[/red] {error}", highlight=False)
            raise typer.Exit(exit_code(error)) from error

    app.command(func.__name__.rstrip("_").replace("_", "-"))(wrapper)
    return func


def _version(value: bool) -> None:
    if value:
        out.print(f"quotetrail {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """quotetrail: who said what, when, and who reported it."""


@dataclass(frozen=True)
class IngestOptions:
    outlet: str | None
    workers: int
    max_file_bytes: int
    quote_tagger: bool


@command
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or globs to ingest.")],
    db: DbOption = DEFAULTS.db,
    outlet: Annotated[str | None, typer.Option(help=_help("outlet"))] = None,
    workers: Annotated[int, typer.Option(help=_help("workers"))] = DEFAULTS.workers,
    max_file_bytes: Annotated[int, typer.Option(help=_help("max_file_bytes"))] = (
        DEFAULTS.max_file_bytes
    ),
    quote_tagger: Annotated[bool, typer.Option(help=_help("quote_tagger"))] = (
        DEFAULTS.quote_tagger
    ),
    engine: Annotated[str, typer.Option(help="local (SQLite) or spark (Parquet in --out).")] = (
        "local"
    ),
    out_dir: Annotated[
        str | None, typer.Option("--out", help="Spark engine: directory or URI for Parquet.")
    ] = None,
    master: Annotated[
        str | None, typer.Option(help="Spark engine: master URL (default local[*]).")
    ] = None,
) -> None:
    """Read articles, find who said what, and store it. Exit 7 if some inputs failed."""
    options = IngestOptions(outlet, workers, max_file_bytes, quote_tagger)
    if engine == "spark":
        report = _ingest_spark(paths, out_dir, master, options)
    elif engine == "local":
        report = _ingest_local(paths, db, options)
    else:
        raise BadParameter(f"--engine {engine}: choose local or spark")
    for failure in report.failures:
        err.print(f"[red]failed[/red] {failure.source}: {failure.reason}", highlight=False)
    out.print(
        f"read {report.read}, new {report.new}, duplicate {report.duplicate}, "
        f"failed {report.failed}"
    )
    if report.failed:
        raise typer.Exit(PARTIAL_FAILURE)


def _ingest_local(paths: list[str], db: Path, options: IngestOptions) -> IngestReport:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingesting", total=None)
        return ingest_lib.ingest(
            paths,
            db,
            outlet=options.outlet,
            workers=options.workers,
            max_file_bytes=options.max_file_bytes,
            quote_tagger=options.quote_tagger,
            on_progress=lambda p: bar.update(task, completed=p.done, description=p.source[-40:]),
        )


@command
def articles(
    db: DbOption = DEFAULTS.db,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 100,
) -> None:
    """List stored articles with their outlet, date and number of quotes."""
    rows = store.articles(store.connect(db, readonly=True), limit=limit)
    for row in rows:
        out.print(
            f"{row['id']:>5}  {row['published'] or '----------'}  {row['outlet'] or '-'}  "
            f"{row['title'] or '(untitled)'}  [{row['mentions']} quotes]  {row['source']}",
            highlight=False,
            soft_wrap=True,
        )


@command
def stats(db: DbOption = DEFAULTS.db) -> None:
    """Count articles, mentions, statements, speakers and stories."""
    numbers = store.stats(store.connect(db, readonly=True))
    for field in fields(numbers):
        out.print(f"{field.name:<24} {getattr(numbers, field.name)}")


@command
def statements(
    db: DbOption = DEFAULTS.db,
    speaker: Annotated[str | None, typer.Option(help="Only this speaker.")] = None,
    limit: Annotated[int, typer.Option(help="Statements to show.")] = 50,
) -> None:
    """Show who said what, when, and which outlets reported it."""
    found = queries.statement_summaries(store.connect(db, readonly=True), speaker, limit)
    for item in found:
        said = f"on {item.said_on}" if item.said_on else "on an unknown date"
        first = item.first_reported or "unknown"
        speaker = item.speaker or "unknown speaker"
        out.print(f"[bold]{speaker}[/bold] said {said} (first reported {first}):", highlight=False)
        out.print(f"  “{item.text}”", highlight=False)
        out.print(f"  reported by: {', '.join(item.outlets)}", highlight=False)


@command
def export_(
    db: DbOption = DEFAULTS.db,
    format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    what: Annotated[str, typer.Option(help="statements or stories.")] = "statements",
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write here (default stdout).")
    ] = None,
) -> None:
    """Export statements (or stories) in the documented contract."""
    conn = store.connect(db, readonly=True)
    target: Any = out_file if out_file is not None else sys.stdout
    count = export.write(conn, target, queries.check_format(format), queries.check_what(what))
    err.print(f"exported {count} {what}")


@command
def settings() -> None:
    """Print every setting with its default and help text."""
    for name, default, text in Settings.describe():
        out.print(f"[bold]{name}[/bold] = {default}\n    {text}", highlight=False)


@command
def serve(
    db: DbOption = DEFAULTS.db,
    host: Annotated[str, typer.Option(help=_help("host"))] = DEFAULTS.host,
    port: Annotated[int, typer.Option(help=_help("port"))] = DEFAULTS.port,
) -> None:
    """Serve the web pages and the JSON API (read-only; ingest needs QUOTETRAIL_INGEST_TOKEN)."""
    import uvicorn

    from quotetrail.web import create_app

    store.connect(db, readonly=True).close()  # fail here, not on the first request
    err.print(f"serving {db} on http://{host}:{port} (API docs at /docs)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


@command
def timeline(
    speaker: Annotated[str, typer.Argument(help="Speaker name, alias or id.")],
    db: DbOption = DEFAULTS.db,
    out_file: Annotated[Path, typer.Option("--out", help="timeline.svg or .png")] = Path(
        "timeline.svg"
    ),
) -> None:
    """Draw a speaker's statements over time as an SVG (or PNG) chart."""
    from quotetrail import timeline as timeline_lib

    conn = store.connect(db, readonly=True)
    line = timeline_lib.timeline(conn, timeline_lib.resolve_speaker(conn, speaker)[0])
    timeline_lib.write(line, out_file)
    err.print(f"wrote {out_file}: {len(line.points)} dated statements, {line.undated} undated")


# ---------------------------------------------------------------- people, stories, trace


@command
def speakers(
    db: DbOption = DEFAULTS.db,
    limit: Annotated[int, typer.Option(help="Speakers to show.")] = 100,
) -> None:
    """List each speaker with aliases, roles and counts of mentions and statements."""
    from quotetrail import people as people_lib

    table = Table("id", "speaker", "aliases", "roles", "mentions", "statements")
    for item in people_lib.speakers(store.connect(db, readonly=True), limit):
        table.add_row(
            str(item.id),
            item.name,
            "; ".join(item.aliases),
            "; ".join(item.roles),
            str(item.mentions),
            str(item.statements),
        )
    out.print(table)


@command
def merge_speakers(
    keep: Annotated[str, typer.Argument(help="The speaker to keep (name or alias).")],
    other: Annotated[str, typer.Argument(help="The speaker merged into it.")],
    db: DbOption = DEFAULTS.db,
) -> None:
    """Merge two speakers into one; the fix is replayed after every ingest."""
    from quotetrail import people as people_lib

    conn = store.connect(db)
    with store.transaction(conn):
        result = people_lib.merge_speakers(conn, keep, other)
    out.print(f"merged {other!r} into {result.name!r} ({result.mentions_moved} mentions moved)")


@command
def split_speakers(
    name: Annotated[str, typer.Argument(help="The speaker wrongly holding another person.")],
    alias: Annotated[str, typer.Argument(help="The name whose mentions belong to someone else.")],
    db: DbOption = DEFAULTS.db,
) -> None:
    """Move the mentions of NAME written as ALIAS to a new speaker; replayed after ingest."""
    from quotetrail import people as people_lib

    conn = store.connect(db)
    with store.transaction(conn):
        result = people_lib.split_speaker(conn, name, alias)
    out.print(f"split {result.name!r} from {name!r} ({result.mentions_moved} mentions moved)")


@command
def aliases(
    action: Annotated[str, typer.Argument(help="load")],
    file: Annotated[Path, typer.Argument(help="CSV (canonical,aliases,wikidata) or JSON.")],
    db: DbOption = DEFAULTS.db,
) -> None:
    """`aliases load FILE`: add user aliases and apply them to stored mentions."""
    from quotetrail import people as people_lib

    if action != "load":
        raise BadParameter(f"unknown action {action!r}: use `quotetrail aliases load FILE`.")
    entries = people_lib.read_alias_file(file)
    conn = store.connect(db)
    with store.transaction(conn):
        results = people_lib.load_aliases(conn, entries)
    moved = sum(r.mentions_moved for r in results)
    out.print(f"loaded {len(results)} speakers from {file} ({moved} mentions reassigned)")


@command
def stories(
    db: DbOption = DEFAULTS.db,
    limit: Annotated[int, typer.Option(help="Stories to show.")] = 50,
) -> None:
    """List stories (articles about one event), largest first."""
    from quotetrail import stories as stories_lib

    table = Table("id", "start", "end", "articles", "title", "outlets")
    for item in stories_lib.list_stories(store.connect(db, readonly=True), limit):
        table.add_row(
            str(item.id),
            item.start or "",
            item.end or "",
            str(item.articles),
            item.title or "",
            ", ".join(item.outlets),
        )
    out.print(table)


@command
def trace(
    text: Annotated[str, typer.Argument(help="Some words of the quote.")],
    db: DbOption = DEFAULTS.db,
) -> None:
    """Find the statement a quote comes from: speaker, date, first report, every wording."""
    from quotetrail import trace as trace_lib

    found = trace_lib.find(store.connect(db, readonly=True), text)
    said = found.said_on or "on an unknown date"
    out.print(
        f"[bold]{found.speaker or 'unknown speaker'}[/bold], said {said}, first reported "
        f"{found.first_reported or 'unknown'}",
        highlight=False,
    )
    out.print(f"  “{found.text}”  [dim](statement {found.statement_id})[/dim]", highlight=False)
    for mention, variant in zip(found.mentions, found.variants, strict=True):
        dated = f"{mention.said_on or '?'}{' (inherited)' if mention.said_on_inherited else ''}"
        out.print(
            f"- {mention.published or 'undated'} {mention.outlet or ''} {mention.source}"
            f" \\[{mention.kind}, {variant.relation}, said {dated}]",
            highlight=False,
        )
        for op in (d for d in variant.diff if d.op != "equal"):
            out.print(f"    {op.op}: {op.old.strip()!r} -> {op.new.strip()!r}", highlight=False)


def _ingest_spark(
    paths: list[str], out_dir: str | None, master: str | None, options: IngestOptions
) -> IngestReport:
    if out_dir is None:
        raise BadParameter("--engine spark writes Parquet: give --out DIR (a path or URI)")
    from quotetrail import spark

    report = spark.run(
        paths,
        out_dir,
        master=master,
        outlet=options.outlet,
        max_file_bytes=options.max_file_bytes,
        quote_tagger=options.quote_tagger,
    )
    err.print(f"wrote {', '.join(spark.TABLES)} under {out_dir}; `quotetrail load` fills SQLite")
    return report


@command
def load(
    directory: Annotated[Path, typer.Argument(help="--out directory of a Spark ingest.")],
    db: DbOption = DEFAULTS.db,
) -> None:
    """Load the Parquet written by `ingest --engine spark` into a new SQLite database."""
    from quotetrail import load as load_lib

    report = load_lib.load(directory, db)
    out.print(
        f"loaded {report.articles} articles, {report.mentions} mentions, "
        f"{report.statements} statements, {report.speakers} speakers into {db}"
    )


def main() -> None:
    app()
