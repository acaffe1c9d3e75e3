"""Stage 1, read: paths -> RawDocument | ReadFailure.

Expands files, directories and glob patterns, detects the format by extension
(after `.gz`) or by sniffing, decodes, and yields one document per article.
Bad input never raises: each unreadable file or record becomes one
ReadFailure with the reason in plain words, and the rest still comes through.
Record files (JSONL, CSV) and WARC archives are streamed, not loaded whole.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import glob
import gzip
import io
import json
import os
import re
import time
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Literal, cast

from quotetrail.models import RawDocument, ReadFailure

Item = RawDocument | ReadFailure
Kind = Literal["text", "html", "jsonl", "json", "csv", "warc", "feed", "xml", "sniff"]

DEFAULT_MAX_FILE_BYTES = 50_000_000

_EXTENSION_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",
}

# Leading bytes of common binary formats, so the failure can name what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SUPPORTED = "plain text, HTML, JSONL, CSV, WARC or RSS/Atom"
_SNIFF_BYTES = 4096
_GZIP_MAGIC = b"\x1f\x8b"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_RECORD_TEXT_FIELDS = ("text", "body", "content")
# More stray control characters than this (per character) means binary, not text:
# real articles have none; random bytes decoded as cp1252 have about 12%.
_MAX_CONTROL_RATIO = 0.01
# Bad characters (unassigned, private use, surrogates, C1 controls) tolerated in
# text decoded from a legacy encoding; calibrated like _MAX_CONTROL_RATIO.
_MAX_ODD_RATIO = 0.01
# Characters checked by _plausible: enough to judge, cheap for a 50 MB file.
_PLAUSIBLE_SAMPLE = 200_000


class _Unreadable(Exception):
    """Internal: the whole file cannot be read, for the given reason."""


def read_paths(
    paths: Sequence[str], *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> Iterator[Item]:
    """Every document (or failure) found under the given files, directories and globs."""
    for given in paths:
        for found in _expand(given):
            if isinstance(found, ReadFailure):
                yield found
            else:
                yield from read_file(found[0], found[1], max_file_bytes)


def _expand(given: str) -> Iterator[tuple[Path, str] | ReadFailure]:
    """(path, source) for each file a user-given path names, or a failure."""
    if not given:
        yield ReadFailure(source=given, reason="empty path; give a file, directory or glob")
        return
    try:
        path = Path(given)
        if path.is_dir():
            yield from ((p, str(p)) for p in _walk(path))
        elif path.exists():
            yield (path, given)
        elif any(ch in given for ch in "*?["):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield ReadFailure(source=given, reason="no file matches this pattern")
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    yield from ((p, str(p)) for p in _walk(match_path))
                else:
                    yield (match_path, str(match_path))
        else:
            yield ReadFailure(source=given, reason="no such file or directory")
    except (OSError, ValueError) as error:
        yield ReadFailure(source=given, reason=_error_reason(error))


# Documentation and code beside articles in a folder are not articles; a file
# named directly is always read.
NOT_ARTICLES = frozenset({".md", ".rst", ".py", ".yml", ".yaml", ".toml"})


def _walk(top: Path) -> list[Path]:
    """Files under a directory, recursively, sorted; hidden files and docs skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root) / name
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() not in NOT_ARTICLES
        )
    return sorted(found, key=lambda p: p.parts)


def read_file(
    path: Path, source: str, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> Iterator[Item]:
    """The documents in one file; a failure (never an exception) when it cannot be read."""
    try:
        yield from _read_file(path, source, max_file_bytes)
    except _Unreadable as error:
        yield ReadFailure(source=source, reason=str(error))
    except (OSError, EOFError, zlib.error) as error:
        yield ReadFailure(source=source, reason=_error_reason(error))
    except Exception as error:  # a reader bug must cost one file, never the whole ingest
        reason = (
            f"unexpected error while reading ({type(error).__name__}: {error}); please report it"
        )
        yield ReadFailure(source=source, reason=_one_line(reason))


_STREAMED_KINDS = frozenset({"warc", "jsonl", "csv"})


def _read_file(path: Path, source: str, max_file_bytes: int) -> Iterator[Item]:
    if not path.is_file():
        raise _Unreadable("not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise _Unreadable("file is empty")
    with path.open("rb") as raw:
        compressed = raw.read(2) == _GZIP_MAGIC
    name = path.name.lower()
    if name.endswith(".gz"):
        if not compressed:
            raise _Unreadable("file name ends in .gz but it is not gzip-compressed")
        name = name[:-3]
    kind = _EXTENSION_KINDS.get(os.path.splitext(name)[1], "sniff")
    if kind in ("sniff", "xml"):
        kind = _sniff(_head(path, compressed), kind)
    # Record containers are streamed, so the limit applies to each record, not the file.
    if kind not in _STREAMED_KINDS and size > max_file_bytes:
        raise _Unreadable(
            f"file is {size:,} bytes, over the {max_file_bytes:,}-byte limit; "
            "split it or raise --max-file-bytes"
        )
    if kind == "warc":  # warcio reads gzipped WARC members itself
        yield from _read_warc(path, source, max_file_bytes)
        return
    if kind in ("jsonl", "csv"):
        with _open(path, compressed) as stream:
            records = (
                _jsonl_records(stream, source, max_file_bytes)
                if kind == "jsonl"
                else _csv_records(stream, source, max_file_bytes)
            )
            yield from records_to_documents(records, source)
        return
    data = _read_all(path, compressed, max_file_bytes)
    if not data.strip():
        raise _Unreadable("file has no text (only whitespace)")
    if kind == "html":
        yield _html_document(data, source, "html", url=None)
    elif kind == "feed":
        yield from _read_feed(data, source)
    elif kind == "json":
        yield from _read_json(data, source)
    else:
        yield _text_document(data, source)


def _open(path: Path, compressed: bool) -> io.BufferedIOBase:
    return gzip.GzipFile(path, "rb") if compressed else path.open("rb")


def _head(path: Path, compressed: bool) -> bytes:
    with _open(path, compressed) as stream:
        return stream.read(_SNIFF_BYTES)


def _read_all(path: Path, compressed: bool, max_file_bytes: int) -> bytes:
    with _open(path, compressed) as stream:
        data = stream.read(max_file_bytes + 1)
    if len(data) > max_file_bytes:
        raise _Unreadable(
            f"file decompresses to more than the {max_file_bytes:,}-byte limit; "
            "split it or raise --max-file-bytes"
        )
    return data


def _sniff(head: bytes, kind: Kind) -> Kind:
    """The format of a file with no telling extension, from its first bytes."""
    if head.startswith(b"WARC/"):
        return "warc"
    _refuse_binary(head)
    start = _decode_head(head).lstrip().lower()
    if "<rss" in start or "<feed" in start or "<rdf:rdf" in start:
        return "feed"
    if start.startswith("<") and any(tag in start for tag in ("<html", "<body", "<head", "<p>")):
        return "html"
    if kind == "xml":
        raise _Unreadable("XML file is neither an RSS/Atom feed nor an HTML page")
    if start.startswith("{"):
        first_line = start.split("\n", 1)[0]
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except ValueError:
            pass
    return "text"


def _decode_head(head: bytes) -> str:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore")


def _refuse_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _Unreadable(f"binary file ({what}), not {_SUPPORTED}")


# --- decoding -----------------------------------------------------------------------


def _decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name) for a file's bytes; raises _Unreadable for binary or junk."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                name = encoding.removesuffix("-sig").upper()
                raise _Unreadable(
                    f"file starts with a {name} byte-order mark but is not valid "
                    f"{name} (at byte {error.start + len(bom)}); re-save it as UTF-8"
                ) from None
            _refuse_junk(text, strict=encoding != "utf-8-sig")
            return text, encoding
    _refuse_binary(data)
    if b"\x00" in data:  # never in 8-bit text: binary, or UTF-16 without a BOM
        guessed = _bomless_utf16(data)
        if guessed is None:
            raise _Unreadable(f"binary file (contains NUL bytes), not {_SUPPORTED}")
        return guessed
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _refuse_junk(text, strict=False)
        return text, "utf-8"
    for encoding in _legacy_candidates(declared):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return text, encoding
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    raise _Unreadable(
        "file is not text in any encoding recognised (UTF-8, UTF-16, cp1252); "
        "if it is text, re-save it as UTF-8"
    )


def _legacy_candidates(declared: str | None) -> list[str]:
    candidates = []
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = ""
        if name and name not in ("utf-8", "ascii"):
            # Browsers read a declared latin-1 as cp1252; so do we.
            candidates.append("cp1252" if name in ("latin-1", "iso8859-1") else name)
    candidates.append("cp1252")
    return candidates


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: ASCII-heavy text has NUL in every other byte."""
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    # 0.9: English UTF-16 has NUL high bytes for nearly every character.
    for encoding, high in (("utf-16-le", odd), ("utf-16-be", even)):
        if high.count(0) >= 0.9 * half:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return (text, encoding) if _plausible(text) else None
    return None


def _refuse_junk(text: str, *, strict: bool) -> None:
    controls = sum(1 for _ in _CONTROL.finditer(text)) if _CONTROL.search(text) else 0
    if controls > _MAX_CONTROL_RATIO * len(text) or (strict and not _plausible(text)):
        raise _Unreadable(f"binary file (control characters in the text), not {_SUPPORTED}")


def _plausible(text: str) -> bool:
    """Text decoded from a guessed encoding reads as text, not as decoded junk."""
    sample = text[:_PLAUSIBLE_SAMPLE]
    odd = 0
    for ch in sample:
        if ch < "\x7f":
            odd += ch < " " and ch not in "\t\n\r\f\v"
        elif unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"):
            odd += 1
    return odd <= _MAX_ODD_RATIO * len(sample)


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    try:
        import charset_normalizer
    except ImportError:  # optional: trafilatura depends on it, but do not insist
        return None
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return (text, best.encoding) if _plausible(text) else None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# --- plain text ---------------------------------------------------------------------


def _text_document(data: bytes, source: str) -> RawDocument:
    text, encoding = _decode(data)
    text = _normalise_newlines(text)
    if not text.strip():
        raise _Unreadable("file has no text (only whitespace)")
    return RawDocument(source=source, text=text, format="text", encoding=encoding)


# --- HTML ---------------------------------------------------------------------------


def _html_document(
    data: bytes | str,
    source: str,
    fmt: Literal["html", "warc", "feed"],
    url: str | None,
    declared: str | None = None,
) -> Item:
    """The article body of an HTML page with its title, site name and date."""
    if isinstance(data, bytes):
        try:
            if declared is None:
                match = _META_CHARSET.search(data[:_SNIFF_BYTES])
                declared = match.group(1).decode("ascii", "replace") if match else None
            html, encoding = _decode(data, declared)
        except _Unreadable as error:
            return ReadFailure(source=source, reason=str(error))
    else:
        html, encoding = data, "utf-8"
    import trafilatura  # lazily: ~0.5 s to import, only needed once HTML is met

    try:
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_images=False
        )
    except Exception as error:  # trafilatura/lxml raise many kinds on broken markup
        return ReadFailure(source=source, reason=_one_line(f"HTML could not be parsed: {error}"))
    body = _paragraphs(getattr(extracted, "text", None) or "")
    if not body:
        return ReadFailure(source=source, reason="HTML page has no article body")
    date = _clean_str(getattr(extracted, "date", None))
    return RawDocument(
        source=source,
        text=body,
        format=fmt,
        encoding=encoding,
        title=_clean_str(getattr(extracted, "title", None)),
        outlet=_clean_str(getattr(extracted, "sitename", None)),
        url=url or _clean_str(getattr(extracted, "url", None)),
        date_hint=date,
        date_hint_evidence="HTML metadata" if date else None,
    )


def _paragraphs(text: str) -> str:
    """One paragraph per extracted line, separated by a blank line as in plain text."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


_BLOCK_TAGS = (
    "p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
    "tr", "pre", "section", "article", "ul", "ol", "table", "figure", "figcaption",
)  # fmt: skip


def _fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry), one paragraph per block element."""
    from lxml import html as lxml_html  # lxml comes with trafilatura

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except Exception:  # not markup after all: keep it as text
        return _paragraphs(html)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
        element.text = "\n\n" + (element.text or "")
    parts = re.split(r"\n\s*\n", root.text_content())
    return "\n\n".join(p for p in (" ".join(part.split()) for part in parts) if p)


# --- records (JSONL, JSON, CSV) -----------------------------------------------------


def _jsonl_records(
    stream: io.BufferedIOBase, source: str, max_record_bytes: int
) -> Iterator[tuple[str, Any] | ReadFailure]:
    """(fallback id, record) per non-blank line, or a failure for a line that is not JSON."""
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        if len(raw) > max_record_bytes:
            size = f"{len(raw):,} bytes, over the {max_record_bytes:,}-byte limit"
            yield ReadFailure(source=f"{source}:{lineno}", reason=f"line {lineno} is {size}")
            continue
        try:
            record = json.loads(raw)
        except ValueError as error:
            reason = f"line {lineno} is not valid JSON: {error}"
            yield ReadFailure(source=f"{source}:{lineno}", reason=_one_line(reason))
            continue
        yield (str(lineno), record)


def _csv_records(
    stream: io.BufferedIOBase, source: str, max_file_bytes: int
) -> Iterator[tuple[str, Any] | ReadFailure]:
    # An article is one field; the default 128 KB limit is below the largest allsides body.
    csv.field_size_limit(max(csv.field_size_limit(), max_file_bytes))
    with io.TextIOWrapper(cast("IO[bytes]", stream), encoding="utf-8-sig", newline="") as text:
        yield from _csv_rows(csv.DictReader(text), source)


def _csv_rows(reader: csv.DictReader[str], source: str) -> Iterator[tuple[str, Any] | ReadFailure]:
    row = 0
    try:
        fields = reader.fieldnames or []
        if not any(name in fields for name in _RECORD_TEXT_FIELDS):
            columns = _shorten(", ".join(map(str, fields))) or "none"
            raise _Unreadable(
                f"CSV has no 'text' column (columns: {columns}); name the article column 'text'"
            )
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                row += 1
                reason = f"row {row} is not valid CSV: {error}"
                yield ReadFailure(source=f"{source}:{reader.line_num}", reason=_one_line(reason))
                continue
            row += 1
            yield (str(row), record)
    except UnicodeDecodeError:
        raise _Unreadable(f"CSV is not valid UTF-8 after row {row}; re-save it as UTF-8") from None


def _read_json(data: bytes, source: str) -> Iterator[Item]:
    """A .json file: one record, a list of records, or JSON lines."""
    try:
        parsed = json.loads(data)
    except ValueError:
        # The whole file is already within the limit, so no line can exceed it.
        lines = _jsonl_records(io.BytesIO(data), source, len(data))
        yield from records_to_documents(lines, source)
        return
    if isinstance(parsed, list):
        records: Iterable[tuple[str, Any]] = ((str(i), r) for i, r in enumerate(parsed, 1))
    else:
        records = [("1", parsed)]
    yield from records_to_documents(records, source)


def records_to_documents(
    records: Iterable[tuple[str, Any] | ReadFailure], source: str
) -> Iterator[Item]:
    seen = 0
    for item in records:
        seen += 1
        if isinstance(item, ReadFailure):
            yield item
            continue
        fallback_id, record = item
        if not isinstance(record, Mapping):
            reason = f"record {fallback_id} is a JSON {type(record).__name__}, not an object"
            yield ReadFailure(source=f"{source}#{fallback_id}", reason=reason)
            continue
        record_id = _clean_str(record.get("id")) or fallback_id
        record_source = f"{source}#{record_id}"
        text = next(
            (v for k in _RECORD_TEXT_FIELDS if isinstance(v := record.get(k), str) and v.strip()),
            None,
        )
        if text is None:
            yield ReadFailure(source=record_source, reason="record has no text")
            continue
        date = _clean_str(record.get("date"))
        yield RawDocument(
            source=record_source,
            text=_normalise_newlines(text),
            format="record",
            title=_clean_str(record.get("title")),
            outlet=_clean_str(record.get("outlet")),
            url=_clean_str(record.get("url")),
            date_hint=date,
            date_hint_evidence=f"record field 'date': {date}" if date else None,
        )
    if not seen:
        raise _Unreadable("file has no records")


def _clean_str(value: object) -> str | None:
    """A metadata value as a stripped one-line string, or None when empty or absent."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = " ".join(str(value).split())
    return text or None


# --- WARC ---------------------------------------------------------------------------


def _read_warc(path: Path, source: str, max_file_bytes: int) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    pages = 0
    with path.open("rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type not in ("response", "resource"):
                    continue
                headers = record.http_headers if record.rec_type == "response" else None
                if headers is not None and not str(headers.get_statuscode()).startswith("2"):
                    continue
                ctype = (headers or record.rec_headers).get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#{pages + 1}"
                payload = record.content_stream().read(max_file_bytes + 1)
                pages += 1
                if len(payload) > max_file_bytes:
                    reason = f"page is over the {max_file_bytes:,}-byte limit"
                    yield ReadFailure(source=uri, reason=reason)
                    continue
                charset = re.search(r"charset=([\w.:-]+)", ctype, re.I)
                yield _html_document(
                    payload, uri, "warc", url=uri, declared=charset.group(1) if charset else None
                )
        except Exception as error:  # warcio raises ArchiveLoadFailed, ValueError, zlib errors
            after = f" after {pages} pages" if pages else ""
            reason = f"not a valid WARC file{after}: {error}"
            raise _Unreadable(_one_line(reason)) from None
    if pages == 0:
        raise _Unreadable("WARC file has no HTML responses")


# --- RSS / Atom ---------------------------------------------------------------------


def _read_feed(data: bytes, source: str) -> Iterator[Item]:
    import feedparser  # lazily: only feeds need it

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise _Unreadable(_one_line(f"not a valid RSS/Atom feed: {problem}"))
        raise _Unreadable("feed has no entries")
    outlet = _clean_str(parsed.get("feed", {}).get("title"))
    for index, entry in enumerate(entries, start=1):
        link = _clean_str(entry.get("link"))
        if link and "://" not in link:  # feedparser copies a non-URL Atom id into link
            link = None
        entry_id = _clean_str(entry.get("id")) or str(index)
        entry_source = link or f"{source}#{entry_id}"
        body = _entry_text(entry)
        if not body:
            yield ReadFailure(source=entry_source, reason="feed entry has no content or summary")
            continue
        published = _clean_str(entry.get("published") or entry.get("updated"))
        yield RawDocument(
            source=entry_source,
            text=body,
            format="feed",
            title=_clean_str(entry.get("title")),
            outlet=outlet,
            url=link,
            date_hint=_struct_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            date_hint_evidence=f"feed entry date: {published}" if published else None,
        )


def _entry_text(entry: Mapping[str, Any]) -> str:
    candidates: list[Mapping[str, Any]] = list(entry.get("content") or [])
    if entry.get("summary"):
        candidates.append(entry.get("summary_detail") or {"value": entry["summary"]})
    for part in candidates:
        value = part.get("value") or ""
        if not value.strip():
            continue
        if "html" in str(part.get("type", "text/html")):
            text = _fragment_text(value)
        else:
            text = _paragraphs(value)
        if text:
            return text
    return ""


def _struct_date(value: object) -> str | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    except ValueError:
        return None


# --- errors -------------------------------------------------------------------------


def _error_reason(error: BaseException) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied; check the file's permissions"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, (gzip.BadGzipFile, EOFError, zlib.error)):
        return _one_line(f"file is not valid gzip (corrupt or truncated): {error}")
    if isinstance(error, OSError) and error.strerror:
        return _one_line(error.strerror.lower())
    return _one_line(str(error) or type(error).__name__)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int = 80) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
