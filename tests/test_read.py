"""Tests for stage 1, read: every format, encoding and kind of bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotetrail.models import RawDocument, ReadFailure
from quotetrail.read import read_paths

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

ARTICLE_HTML = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Minister backs the new port plan</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Minister backs the new port plan</h1>
<p>The transport minister said on Tuesday that the new port would open next spring,
after two years of delays that had angered local traders.</p>
<p>“We have waited long enough, and the harbour is ready for the ships,” she told
reporters at the quay, adding that the budget had been approved by the council.</p>
<p>Opponents of the plan argued that the dredging would harm the estuary and said
they would take the matter to the regional court before the summer.</p>
</article>
<footer>Copyright Harbour Gazette</footer>
</body></html>
"""


def only(items: list[RawDocument | ReadFailure]) -> RawDocument | ReadFailure:
    assert len(items) == 1, items
    return items[0]


def read_one(path: Path | str, **kw: int) -> RawDocument | ReadFailure:
    return only(list(read_paths([str(path)], **kw)))


def read_doc(path: Path | str) -> RawDocument:
    item = read_one(path)
    assert isinstance(item, RawDocument), item
    return item


def read_failure(path: Path | str, **kw: int) -> ReadFailure:
    item = read_one(path, **kw)
    assert isinstance(item, ReadFailure), item
    return item


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- plain text and encodings -------------------------------------------------------


def test_utf8_text_is_read_with_source_exactly_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "news" / "a.txt", "Café owners said “no”.\n".encode())
    monkeypatch.chdir(tmp_path)
    doc = read_doc("./news//a.txt")
    assert doc.source == "./news//a.txt"
    assert doc.text == "Café owners said “no”.\n"
    assert (doc.format, doc.encoding) == ("text", "utf-8")
    assert doc.title is None and doc.date_hint is None


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path / "a.txt", b"\xef\xbb\xbfHello there."))
    assert doc.text == "Hello there."
    assert doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(tmp_path: Path, codec: str) -> None:
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    doc = read_doc(write(tmp_path / "a.txt", bom + "He said “yes”.".encode(codec)))
    assert doc.text == "He said “yes”."
    assert doc.encoding == codec


def test_utf16_without_bom_is_recognised_not_called_binary(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path / "a.txt", "The mayor said no.".encode("utf-16-le")))
    assert doc.text == "The mayor said no."


def test_cp1252_curly_quotes_are_decoded_not_mangled(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path / "a.txt", b"She said \x93hello\x94 caf\xe9."))
    assert doc.text == "She said “hello” café."
    assert doc.encoding == "cp1252"


def test_crlf_line_ends_become_newlines(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path / "a.txt", b"One.\r\n\r\nTwo.\rThree."))
    assert doc.text == "One.\n\nTwo.\nThree."


def test_gzip_text_is_decompressed(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path / "a.txt.gz", gzip.compress(b"Compressed words.")))
    assert (doc.text, doc.format, doc.source) == (
        "Compressed words.",
        "text",
        str(tmp_path / "a.txt.gz"),
    )


def test_extensionless_text_is_sniffed_as_text(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path / "README", b"Just words, no markup."))
    assert doc.format == "text"


# --- HTML ---------------------------------------------------------------------------


def test_html_body_title_outlet_and_date(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path / "page.html", ARTICLE_HTML.encode()))
    assert doc.format == "html"
    assert doc.title == "Minister backs the new port plan"
    assert doc.outlet == "Harbour Gazette"
    assert doc.date_hint == "2021-03-04"
    assert doc.date_hint_evidence == "HTML metadata"
    assert "“We have waited long enough, and the harbour is ready for the ships,”" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text


def test_html_paragraphs_are_separated_by_blank_lines(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path / "page.html", ARTICLE_HTML.encode()))
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[-1].startswith("Opponents of the plan argued")
    assert any(p.startswith("The transport minister said on Tuesday") for p in paragraphs)


def test_html_is_sniffed_without_extension(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path / "page", ARTICLE_HTML.encode()))
    assert doc.format == "html"


def test_gzipped_html_is_read(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path / "page.html.gz", gzip.compress(ARTICLE_HTML.encode())))
    assert doc.title == "Minister backs the new port plan"


def test_html_in_declared_legacy_charset(tmp_path: Path) -> None:
    html = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1252"')
    doc = read_doc(write(tmp_path / "page.html", html.encode("cp1252")))
    assert "“We have waited long enough" in doc.text
    assert doc.encoding == "cp1252"


def test_html_without_body_fails(tmp_path: Path) -> None:
    page = b"<html><head><title>Empty</title></head><body><nav></nav></body></html>"
    failure = read_failure(write(tmp_path / "empty.html", page))
    assert failure.reason == "HTML page has no article body"
    assert failure.source == str(tmp_path / "empty.html")


# --- records ------------------------------------------------------------------------


def record(**fields: str) -> bytes:
    return json.dumps(fields).encode() + b"\n"


def test_jsonl_yields_one_document_per_record(tmp_path: Path) -> None:
    data = record(
        id="a1",
        outlet="Daily Planet",
        url="https://example.org/a1",
        date="2019-07-11",
        title="Title one",
        text="Body one.",
    ) + record(id="b2", text="Body two.")
    path = write(tmp_path / "recs.jsonl", data)
    docs = list(read_paths([str(path)]))
    assert [d.source for d in docs] == [f"{path}#a1", f"{path}#b2"]
    first = docs[0]
    assert isinstance(first, RawDocument)
    assert (first.format, first.text, first.outlet, first.title) == (
        "record",
        "Body one.",
        "Daily Planet",
        "Title one",
    )
    assert (first.url, first.date_hint) == ("https://example.org/a1", "2019-07-11")


def test_record_without_id_is_named_by_line_number(tmp_path: Path) -> None:
    path = write(tmp_path / "r.ndjson", b"\n" + record(text="Only text."))
    assert read_doc(path).source == f"{path}#2"


def test_bad_json_line_and_record_without_text_fail_alone(tmp_path: Path) -> None:
    data = record(id="ok1", text="Fine.") + b"{not json\n" + record(id="empty", text=" ")
    data += record(id="ok2", text="Also fine.")
    path = write(tmp_path / "r.jsonl", data)
    items = list(read_paths([str(path)]))
    assert [type(i).__name__ for i in items] == [
        "RawDocument",
        "ReadFailure",
        "ReadFailure",
        "RawDocument",
    ]
    assert items[1].source == f"{path}:2"
    assert isinstance(items[1], ReadFailure)
    assert items[1].reason.startswith("line 2 is not valid JSON: ")
    assert items[2] == ReadFailure(source=f"{path}#empty", reason="record has no text")


def test_gzipped_jsonl_is_streamed(tmp_path: Path) -> None:
    data = b"".join(record(id=str(i), text=f"Text {i}.") for i in range(3))
    path = write(tmp_path / "r.jsonl.gz", gzip.compress(data))
    assert [d.source for d in read_paths([str(path)])] == [f"{path}#{i}" for i in range(3)]


@pytest.mark.parametrize(("name", "data"), [("r.jsonl", b"\n \n"), ("r.csv", b"id,text\r\n")])
def test_file_without_records_fails(tmp_path: Path, name: str, data: bytes) -> None:
    assert read_failure(write(tmp_path / name, data)).reason == "file has no records"


def test_json_array_of_records(tmp_path: Path) -> None:
    data = json.dumps([{"id": "x", "text": "One."}, {"text": "Two."}]).encode()
    path = write(tmp_path / "r.json", data)
    assert [d.source for d in read_paths([str(path)])] == [f"{path}#x", f"{path}#2"]


def test_csv_yields_one_document_per_row(tmp_path: Path) -> None:
    data = (
        b"id,outlet,url,date,title,text\r\n"
        b'c1,Daily Planet,https://e.org/c1,2020-01-02,T1,"He said ""yes"".\r\nThen left."\r\n'
        b",,,,,Second body.\r\n"
    )
    path = write(tmp_path / "r.csv", data)
    docs = list(read_paths([str(path)]))
    assert [d.source for d in docs] == [f"{path}#c1", f"{path}#2"]
    assert isinstance(docs[0], RawDocument)
    assert docs[0].text == 'He said "yes".\nThen left.'
    assert (docs[0].outlet, docs[0].date_hint) == ("Daily Planet", "2020-01-02")


def test_csv_without_text_column_fails_once(tmp_path: Path) -> None:
    failure = read_failure(write(tmp_path / "r.csv", b"id,body_html\n1,<p>x</p>\n"))
    assert "no 'text' column" in failure.reason


def test_csv_row_without_text_fails_alone(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", b"id,text\n1,\n2,Words.\n")
    items = list(read_paths([str(path)]))
    assert items == [
        ReadFailure(source=f"{path}#1", reason="record has no text"),
        RawDocument(source=f"{path}#2", text="Words.", format="record"),
    ]


# --- WARC and feeds -----------------------------------------------------------------


def warc_bytes(*, gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    pages = [
        ("https://news.example/port", "text/html; charset=utf-8", ARTICLE_HTML.encode()),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
    ]
    for uri, ctype, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
        writer.write_record(rec)
    return out.getvalue()


@pytest.mark.parametrize(("name", "gzipped"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str, gzipped: bool) -> None:
    doc = read_doc(write(tmp_path / name, warc_bytes(gzipped=gzipped)))
    assert (doc.source, doc.url, doc.format) == (
        "https://news.example/port",
        "https://news.example/port",
        "warc",
    )
    assert doc.title == "Minister backs the new port plan"


def test_warc_without_html_fails(tmp_path: Path) -> None:
    failure = read_failure(write(tmp_path / "x.warc", b"WARC/1.0\r\nnonsense\r\n\r\n"))
    assert "WARC" in failure.reason


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://hg.example/</link>
<item><title>Port opens</title><link>https://hg.example/port</link>
<pubDate>Tue, 02 Mar 2021 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The minister said the port was ready.&lt;/p&gt;
&lt;p&gt;Traders cheered.&lt;/p&gt;</description>
</item>
<item><title>No body</title><link>https://hg.example/empty</link></item>
</channel></rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Estuary News</title>
<id>urn:feed</id><updated>2022-05-06T00:00:00Z</updated>
<entry><title>Dredging halted</title><id>urn:entry:7</id>
<published>2022-05-05T12:00:00Z</published><updated>2022-05-06T00:00:00Z</updated>
<content type="html">&lt;p&gt;The court said work must stop.&lt;/p&gt;</content></entry>
</feed>
"""


def test_rss_items_become_documents(tmp_path: Path) -> None:
    items = list(read_paths([str(write(tmp_path / "feed.rss", RSS))]))
    doc, failure = items
    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.format, doc.title, doc.outlet) == (
        "https://hg.example/port",
        "feed",
        "Port opens",
        "Harbour Gazette",
    )
    assert doc.text == "The minister said the port was ready.\n\nTraders cheered."
    assert doc.date_hint == "2021-03-02"
    assert failure == ReadFailure(
        source="https://hg.example/empty", reason="feed entry has no content or summary"
    )


def test_atom_entry_without_link_is_named_by_id(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.xml", ATOM)
    doc = read_doc(path)
    assert doc.source == f"{path}#urn:entry:7"
    assert (doc.text, doc.outlet, doc.date_hint) == (
        "The court said work must stop.",
        "Estuary News",
        "2022-05-05",
    )


# --- paths --------------------------------------------------------------------------


def test_directory_is_walked_recursively_sorted_skipping_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/c.txt", ".hidden.txt", ".git/x.txt", "a/.swp"]:
        write(tmp_path / "in" / name, b"Some words.")
    given = str(tmp_path / "in")
    sources = [d.source for d in read_paths([given])]
    assert sources == [str(Path(given) / n) for n in ["a/c.txt", "a/z.txt", "b.txt"]]


def test_glob_pattern_is_expanded_sorted(tmp_path: Path) -> None:
    for name in ["2.txt", "1.txt", "x.html"]:
        write(tmp_path / name, b"Some words.")
    sources = [d.source for d in read_paths([str(tmp_path / "*.txt")])]
    assert sources == [str(tmp_path / "1.txt"), str(tmp_path / "2.txt")]


def test_glob_matching_nothing_fails(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.nothing")
    assert read_failure(pattern) == ReadFailure(pattern, "no file matches this pattern")


def test_missing_path_fails(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    assert read_failure(missing) == ReadFailure(missing, "no such file or directory")


def test_one_bad_path_does_not_stop_the_others(tmp_path: Path) -> None:
    good = write(tmp_path / "ok.txt", b"Fine words.")
    items = list(read_paths([str(tmp_path / "nope"), str(good)]))
    assert [type(i).__name__ for i in items] == ["ReadFailure", "RawDocument"]


# --- bad input ----------------------------------------------------------------------


def test_png_is_refused_as_binary(tmp_path: Path) -> None:
    failure = read_failure(write(tmp_path / "pic.txt", b"\x89PNG\r\n\x1a\n" + bytes(100)))
    assert failure.reason.startswith("binary file (a PNG image)")


def test_nul_bytes_are_refused_as_binary(tmp_path: Path) -> None:
    failure = read_failure(write(tmp_path / "blob", b"\x01\x00\x02\x00\xff\x00\x10" * 50))
    assert failure.reason.startswith("binary file")


def test_empty_file_fails(tmp_path: Path) -> None:
    assert read_failure(write(tmp_path / "e.txt", b"")).reason == "file is empty"


def test_whitespace_only_file_fails(tmp_path: Path) -> None:
    assert "no text" in read_failure(write(tmp_path / "w.txt", b" \n\t\n")).reason


def test_invalid_bytes_fail(tmp_path: Path) -> None:
    junk = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x01, 0x02, 0xFE]) * 40
    failure = read_failure(write(tmp_path / "junk.txt", junk))
    assert failure.reason.startswith(("binary file", "file is not text"))


def test_file_over_the_size_limit_fails_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", b"x" * 2_000)
    failure = read_failure(path, max_file_bytes=1_000)
    assert failure.reason == (
        "file is 2,000 bytes, over the 1,000-byte limit; split it or raise --max-file-bytes"
    )


def test_gzip_that_decompresses_over_the_limit_fails(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * 5_000))
    assert "decompresses to more than" in read_failure(path, max_file_bytes=1_000).reason


@pytest.mark.parametrize(
    "data",
    [
        b"\x1f\x8b\x08\x00garbage that is not deflate",
        gzip.compress(b"Some words that get cut off. " * 20)[:40],
        b"plain bytes, not gzip",
    ],
    ids=["corrupt", "truncated", "not-gzip"],
)
def test_bad_gzip_fails(tmp_path: Path, data: bytes) -> None:
    failure = read_failure(write(tmp_path / "a.txt.gz", data))
    assert "gzip" in failure.reason


def test_corrupt_gzip_jsonl_keeps_records_read_before_the_damage(tmp_path: Path) -> None:
    body = gzip.compress(b"".join(record(id=str(i), text="x " * 50) for i in range(200)))
    path = write(tmp_path / "r.jsonl.gz", body[: len(body) // 2])
    items = list(read_paths([str(path)]))
    assert isinstance(items[-1], ReadFailure) and "gzip" in items[-1].reason
    assert items[-1].source == str(path)
    assert all(isinstance(i, RawDocument) for i in items[:-1])


def test_failure_reasons_are_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "r.jsonl", b'{"a":\n\n[1,\n')
    assert all("\n" not in i.reason for i in read_paths([str(path)]) if isinstance(i, ReadFailure))


# --- properties ---------------------------------------------------------------------


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=400), name=st.sampled_from(["f.txt", "f", "f.jsonl", "f.csv"]))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes, name: str) -> None:
    path = write(tmp_path / name, data)
    items = list(read_paths([str(path)]))
    assert items
    for item in items:
        assert isinstance(item, RawDocument | ReadFailure)
        if isinstance(item, RawDocument):
            assert isinstance(item.text, str) and item.text.strip()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(min_size=1, max_size=200).filter(lambda t: t.strip() and "\r" not in t))
def test_any_utf8_text_reads_back_unchanged_unless_refused(tmp_path: Path, text: str) -> None:
    path = write(tmp_path / "t.txt", text.encode("utf-8", "surrogatepass"))
    item = read_one(path)
    if isinstance(item, RawDocument):
        assert item.text == text
    else:
        assert item.reason.startswith(("binary file", "file is not text"))


# --- shared data --------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is absent")
def test_seed_articles_are_read_as_utf8_text() -> None:
    given = str(SHARED / "seeds")
    docs = list(read_paths([given]))
    assert len(docs) == 5
    for doc in docs:
        assert isinstance(doc, RawDocument) and doc.format == "text"
        assert doc.source.startswith(given + "/") and doc.source.endswith(".txt")
        assert len(doc.text) > 1_000


@pytest.mark.shared
@pytest.mark.skipif(
    not (SHARED / "data" / "allsides" / "articles.jsonl.gz").is_file(),
    reason="../shared/data/allsides is absent",
)
def test_allsides_records_carry_their_ids() -> None:
    path = str(SHARED / "data" / "allsides" / "articles.jsonl.gz")
    docs = []
    for item in read_paths([path]):
        docs.append(item)
        if len(docs) == 50:
            break
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        ids = [json.loads(next(stream))["id"] for _ in range(50)]
    assert [d.source for d in docs] == [f"{path}#{i}" for i in ids]
    assert all(isinstance(d, RawDocument) and d.format == "record" and d.outlet for d in docs)


def test_directory_walk_skips_documentation(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About these articles\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text("The council met on Monday to vote.\n", encoding="utf-8")
    items = list(read_paths([str(tmp_path)]))
    assert [item.source for item in items] == [str(tmp_path / "story.txt")]


def test_jsonl_larger_than_the_limit_is_streamed(tmp_path: Path) -> None:
    line = json.dumps({"id": "r", "text": "The council met on Monday. " * 20}) + "\n"
    path = write(tmp_path / "big.jsonl", line.encode() * 10)
    items = list(read_paths([str(path)], max_file_bytes=len(line) * 2))
    assert all(isinstance(item, RawDocument) for item in items)
    assert len(items) == 10


def test_jsonl_record_over_the_limit_fails_alone(tmp_path: Path) -> None:
    small = json.dumps({"id": "a", "text": "Short report."}) + "\n"
    large = json.dumps({"id": "b", "text": "x" * 5_000}) + "\n"
    path = write(tmp_path / "mixed.jsonl", (small + large).encode())
    items = list(read_paths([str(path)], max_file_bytes=1_000))
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[1], ReadFailure)
    assert "over the 1,000-byte limit" in items[1].reason
