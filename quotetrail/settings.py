"""The one settings object. Each field has a default and help text; the CLI
builds its options from these, and `quotetrail settings` prints them as docs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


def _default_db() -> Path:
    return Path(os.environ.get("QUOTETRAIL_DB", "quotetrail.db"))


def _setting(default: Any, help: str, **kw: Any) -> Any:
    return field(default=default, metadata={"help": help}, **kw)


@dataclass(frozen=True)
class Settings:
    db: Path = field(
        default_factory=_default_db,
        metadata={"help": "SQLite database file (env QUOTETRAIL_DB; default ./quotetrail.db)."},
    )
    # 50 MB: the largest seed is 7 KB and the largest allsides article 120 KB;
    # anything this big is a dump or a binary, not an article.
    max_file_bytes: int = _setting(50_000_000, "Files larger than this are refused.")
    workers: int = field(
        default_factory=lambda: max(1, os.cpu_count() or 1),
        metadata={"help": "Worker processes for ingest (default: all cores)."},
    )
    outlet: str | None = _setting(None, "Outlet name for plain-text files that carry none.")
    # A quote shorter than this is almost always a scare quote or a title:
    # checked by hand on the seeds and 30 PolNeAR dev articles.
    min_quote_words: int = _setting(4, "Direct quotes shorter than this many words are skipped.")
    # Off by default: it lifts PolNeAR dev content F1 from 0.60 to 0.75 but
    # makes quote finding about 2.5x slower (bench/results/polnear.json: 23k -> 10k words/s).
    quote_tagger: bool = _setting(
        False,
        "Also run the attribution tagger trained on PolNeAR: finds far more reported "
        "speech (content F1 on PolNeAR dev 0.60 -> 0.75), about 2.5x slower quote finding.",
    )
    host: str = _setting("127.0.0.1", "Address the web server binds to.")
    port: int = _setting(8000, "Port the web server listens on.")
    ingest_token: str | None = field(
        default_factory=lambda: os.environ.get("QUOTETRAIL_INGEST_TOKEN"),
        metadata={"help": "Token that enables POST /api/ingest (env QUOTETRAIL_INGEST_TOKEN)."},
    )

    @classmethod
    def describe(cls) -> list[tuple[str, str, str]]:
        """(name, default, help) for every field, for docs and `--help`."""
        rows = []
        defaults = cls()
        for f in fields(cls):
            rows.append((f.name, repr(getattr(defaults, f.name)), f.metadata.get("help", "")))
        return rows
