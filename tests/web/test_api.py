"""The JSON API, driven in-process over the hand-made database in conftest."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from quotetrail.models import Article, RawDocument
from tests.web.conftest import (
    LIND_QUOTE,
    LIND_VARIANT,
    XSS_IMG,
    XSS_SCRIPT,
    Client,
    articles,
    make_app,
)


def all_pages(client: Client, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(50):
        query = {**params, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/statements", params=query).json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def test_statements_lists_every_statement_with_its_outlets(client: Client) -> None:
    page = client.get("/api/statements").json()
    texts = {item["text"] for item in page["items"]}
    assert LIND_QUOTE in texts
    lind = next(item for item in page["items"] if item["text"] == LIND_QUOTE)
    assert lind["outlets"] == ["Coastline Courier", "Harbor Gazette"]
    assert lind["reports"] == 2
    assert lind["speaker"]["name"] == "Maria Lind"


def test_q_finds_statements_by_words_in_any_wording(client: Client) -> None:
    items = client.get("/api/statements", params={"q": "freedom seekers"}).json()["items"]
    assert [item["text"] for item in items] == [LIND_QUOTE]


def test_q_without_match_is_an_empty_page(client: Client) -> None:
    page = client.get("/api/statements", params={"q": "zeppelin"}).json()
    assert page == {"items": [], "next_cursor": None, "limit": 50}


def test_q_with_fts_syntax_is_searched_as_words(client: Client) -> None:
    response = client.get("/api/statements", params={"q": 'harbour" OR NEAR(* -'})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_speaker_filter_takes_a_name_or_an_id(client: Client, ids: dict[str, Any]) -> None:
    by_name = client.get("/api/statements", params={"speaker": "tom reyes"}).json()["items"]
    by_id = client.get("/api/statements", params={"speaker": str(ids["reyes"])}).json()["items"]
    assert len(by_name) == 3
    assert by_name == by_id


def test_speaker_filter_is_a_bound_value(client: Client) -> None:
    response = client.get("/api/statements", params={"speaker": "x' OR 1=1 --"})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_since_and_until_bound_said_on(client: Client) -> None:
    items = all_pages(client, since="2020-01-01", until="2021-12-31")
    assert [item["said_on"] for item in items] == ["2020-10-01"]


def test_outlet_filter_ignores_case(client: Client) -> None:
    items = all_pages(client, outlet="coastline courier")
    assert [item["text"] for item in items] == [LIND_QUOTE]


def test_cursor_pages_visit_every_statement_once(client: Client) -> None:
    everything = client.get("/api/statements", params={"limit": 100}).json()["items"]
    paged = all_pages(client, limit=1)
    assert [item["id"] for item in paged] == [item["id"] for item in everything]


def test_cursor_pages_with_q_visit_every_match_once(client: Client) -> None:
    one_page = client.get("/api/statements", params={"q": "the", "limit": 100}).json()["items"]
    paged = all_pages(client, q="the", limit=1)
    assert len(one_page) >= 3
    assert sorted(item["id"] for item in paged) == sorted(item["id"] for item in one_page)


def test_q_and_speaker_together(client: Client) -> None:
    items = all_pages(client, q="barrier", speaker="Tom Reyes", limit=1)
    assert len(items) == 2


def test_forged_cursor_is_a_400_with_advice(client: Client) -> None:
    response = client.get("/api/statements", params={"cursor": "bm90LWEtY3Vyc29y"})
    assert response.status_code == 400
    assert "drop it" in response.json()["error"]


def test_cursor_from_another_listing_is_refused(client: Client) -> None:
    cursor = client.get("/api/statements", params={"limit": 1}).json()["next_cursor"]
    response = client.get("/api/statements", params={"q": "the", "cursor": cursor})
    assert response.status_code == 400


def test_page_size_is_capped(client: Client) -> None:
    response = client.get("/api/statements", params={"limit": 1000})
    assert response.status_code == 422
    assert response.json()["error"].startswith("limit:")


def test_query_size_is_capped(client: Client) -> None:
    response = client.get("/api/statements", params={"q": "word " * 101})
    assert response.status_code == 422
    assert "500 characters" in response.json()["error"]


def test_bad_date_is_a_clear_4xx(client: Client) -> None:
    response = client.get("/api/statements", params={"since": "2020-13-01"})
    assert response.status_code == 422
    assert response.json()["error"].startswith("since:")


def test_since_after_until_is_a_400(client: Client) -> None:
    response = client.get("/api/statements", params={"since": "2024-01-01", "until": "2020-01-01"})
    assert response.status_code == 400
    assert "swap" in response.json()["error"]


def test_statement_detail_lists_reports_earliest_first(client: Client, ids: dict[str, Any]) -> None:
    detail = client.get(f"/api/statements/{ids['lind_quote']}").json()
    assert [m["outlet"] for m in detail["mentions"]] == ["Harbor Gazette", "Coastline Courier"]
    assert detail["first_report"]["published"] == "2024-03-13"
    assert detail["first_report"]["source_url"] == "https://harbor.example/strike"
    assert detail["statement"]["said_on"] == "2024-03-12"


def test_statement_detail_diffs_each_wording(client: Client, ids: dict[str, Any]) -> None:
    detail = client.get(f"/api/statements/{ids['lind_quote']}").json()
    variant = next(v for v in detail["variants"] if v["text"] == LIND_VARIANT)
    assert variant["outlets"] == ["Coastline Courier"]
    changes = [(op["op"], op["old"], op["new"]) for op in variant["diff"] if op["op"] != "equal"]
    assert changes == [("insert", "", "-")]
    assert "".join(op["new"] for op in variant["diff"]) == LIND_VARIANT


def test_unknown_statement_is_a_json_404(client: Client) -> None:
    response = client.get("/api/statements/nope")
    assert response.status_code == 404
    assert response.json() == {
        "error": "no statement 'nope'; search with /api/statements?q=…",
        "status": 404,
    }


def test_speakers_list_counts_statements(client: Client) -> None:
    items = client.get("/api/speakers").json()["items"]
    assert {"Maria Lind": 2, "Tom Reyes": 3}.items() <= {
        s["name"]: s["statements"] for s in items
    }.items()


def test_speaker_timeline_orders_dated_statements(client: Client, ids: dict[str, Any]) -> None:
    line = client.get(f"/api/speakers/{ids['reyes']}/timeline").json()
    assert [p["said_on"] for p in line["points"]] == ["2020-10-01", "2023-06-20"]
    assert line["undated"] == 1


def test_unknown_speaker_timeline_is_404(client: Client) -> None:
    assert client.get("/api/speakers/99999/timeline").status_code == 404


def test_article_returns_text_and_quote_offsets(client: Client, ids: dict[str, Any]) -> None:
    body = client.get(f"/api/articles/{ids['gazette']}").json()
    for mention in body["mentions"]:
        assert body["text"][mention["start"] : mention["end"]] == mention["text"]
    assert len(body["mentions"]) == 2


def test_hostile_article_is_json_not_html(client: Client, ids: dict[str, Any]) -> None:
    response = client.get(f"/api/articles/{ids['hostile_article']}")
    assert response.headers["content-type"] == "application/json"
    assert XSS_SCRIPT in response.json()["text"]
    assert response.json()["article"]["source_url"] is None  # javascript: is never a link


def test_trace_finds_the_statement_for_a_fragment(client: Client) -> None:
    body = client.get("/api/trace", params={"text": "not accept a deal that cuts the"}).json()
    assert body["detail"]["statement"]["text"] == LIND_QUOTE
    assert body["detail"]["first_report"]["outlet"] == "Harbor Gazette"
    assert body["score"] == 100.0


def test_trace_tolerates_a_slightly_different_wording(client: Client) -> None:
    text = "we won't accept any deal that cuts freedom seekers pay"
    body = client.get("/api/trace", params={"text": text}).json()
    assert body["detail"]["statement"]["text"] == LIND_QUOTE


def test_trace_without_match_is_404(client: Client) -> None:
    response = client.get("/api/trace", params={"text": "zeppelins over the quarry"})
    assert response.status_code == 404
    assert "no stored statement matches" in response.json()["error"]


def test_trace_needs_words(client: Client) -> None:
    assert client.get("/api/trace", params={"text": "…!?"}).status_code == 400
    assert client.get("/api/trace").status_code == 422


def test_stories_group_articles(client: Client) -> None:
    stories = client.get("/api/stories").json()
    assert sum(story["articles"] for story in stories) == len(articles())
    story = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert len(story["articles"]) == stories[0]["articles"]


def test_openapi_schema_documents_the_endpoints(client: Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/statements",
        "/api/statements/{statement_id}",
        "/api/speakers",
        "/api/speakers/{speaker_id}/timeline",
        "/api/articles/{article_id}",
        "/api/trace",
        "/api/ingest",
    ):
        assert path in paths
    assert "/articles/{article_id}" not in paths


def test_responses_carry_a_strict_content_security_policy(client: Client) -> None:
    headers = client.get("/api/statements").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_server_connection_is_read_only(web_db: Path) -> None:
    from quotetrail.web.app import Database

    conn = Database(web_db).read()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM statements")


def test_ingest_is_off_without_a_token(client: Client) -> None:
    response = client.post("/api/ingest", json={"text": "hello"})
    assert response.status_code == 403
    assert "QUOTETRAIL_INGEST_TOKEN" in response.json()["error"]


@pytest.fixture
def ingest_client(web_db: Path, tmp_path: Path) -> Any:
    copy = tmp_path / "copy.db"
    shutil.copy(web_db, copy)
    seen: list[RawDocument] = []

    def process(doc: RawDocument) -> Article:
        seen.append(doc)
        base = articles()[0]
        return Article(doc.source, "new-hash", doc.text, doc.format, base.meta, ())

    client = Client(make_app(copy, token="s3cret", process=process))
    yield client, seen
    client.close()


def test_ingest_refuses_a_wrong_token(ingest_client: Any) -> None:
    client, seen = ingest_client
    for header in ("Bearer nope", "s3cret", "Basic s3cret"):
        response = client.post("/api/ingest", json={"text": "x"}, headers={"authorization": header})
        assert response.status_code == 403
    assert seen == []


def test_ingest_with_the_token_stores_the_article(ingest_client: Any) -> None:
    client, seen = ingest_client
    response = client.post(
        "/api/ingest",
        json={"text": "A new article.", "source": "https://new.example/1"},
        headers={"authorization": "Bearer s3cret"},
    )
    assert response.status_code == 200
    assert response.json()["new"] is True
    assert seen[0].source == "https://new.example/1"
    article = client.get(f"/api/articles/{response.json()['article_id']}").json()
    assert article["text"] == "A new article."


def test_ingest_accepts_plain_text(ingest_client: Any) -> None:
    client, seen = ingest_client
    response = client.post(
        "/api/ingest?source=memo.txt&outlet=Memo",
        content=f"Plain {XSS_IMG} text".encode(),
        headers={"authorization": "Bearer s3cret", "content-type": "text/plain"},
    )
    assert response.status_code == 200
    assert (seen[0].source, seen[0].outlet, seen[0].text) == (
        "memo.txt",
        "Memo",
        f"Plain {XSS_IMG} text",
    )


def test_ingest_rejects_a_body_without_text(ingest_client: Any) -> None:
    client, _ = ingest_client
    response = client.post(
        "/api/ingest", json={"source": "x"}, headers={"authorization": "Bearer s3cret"}
    )
    assert response.status_code == 400
    assert "no article text" in response.json()["error"]


def test_trace_finds_a_fragment_with_a_misspelt_word(client: Client) -> None:
    body = client.get("/api/trace", params={"text": "we will not acept a deal that cuts"}).json()
    assert body["detail"]["statement"]["text"] == LIND_QUOTE
    assert 60 <= body["score"] < 100


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from quotetrail.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 4
    assert "no such database" in " ".join(result.output.split())
