"""Server-rendered pages, in-process: content, links, and escaping of article text."""

from __future__ import annotations

import re
from typing import Any

from quotetrail.web.data import MentionItem
from quotetrail.web.views import segments
from tests.web.conftest import LIND_QUOTE, XSS_IMG, XSS_LINK, XSS_SCRIPT, Client

# Markup that must never reach a page from article text.
LIVE_MARKUP = ("<script>alert", "<img src=x", 'href="javascript:', "onerror=alert(1)>")


def assert_no_live_markup(html: str) -> None:
    for needle in LIVE_MARKUP:
        assert needle not in html


def test_home_page_offers_the_search_form(client: Client) -> None:
    html = client.get("/").text
    assert '<form class="search" action="/search" method="get">' in html
    assert "5 articles" in html


def test_search_page_shows_statement_speaker_dates_and_outlets(client: Client) -> None:
    response = client.get("/search", params={"text": "cuts the freedom seekers"})
    html = response.text
    assert response.status_code == 200
    assert "“" + LIND_QUOTE.replace("'", "&#39;") + "”" in html
    assert ">Maria Lind</a>" in html
    assert "<dt>Said on</dt><dd>2024-03-12" in html
    assert "2024-03-13, Harbor Gazette" in html  # first report
    assert re.search(r'<a href="/articles/\d+">Dockers hold the line</a>', html)
    assert 'href="https://harbor.example/strike"' in html


def test_search_page_shows_the_word_diff(client: Client) -> None:
    html = client.get("/search", params={"text": "cuts the freedom seekers"}).text
    assert "freedom<ins>-</ins>seekers" in html


def test_search_without_match_says_so_with_404(client: Client) -> None:
    response = client.get("/search", params={"text": "zeppelins over the quarry"})
    assert response.status_code == 404
    assert "no stored statement matches" in response.text
    assert "zeppelins over the quarry</textarea>" in response.text


def test_statement_page_lists_every_report(client: Client, ids: dict[str, Any]) -> None:
    html = client.get(f"/statements/{ids['lind_quote']}").text
    assert "Reported by 2 articles" in html
    assert "<td>Harbor Gazette</td>" in html and "<td>Coastline Courier</td>" in html
    assert '<span class="source" title="courier/strike.txt">strike.txt</span>' in html


def test_statements_page_pages_with_a_next_link(client: Client) -> None:
    html = client.get("/statements", params={"limit": 2}).text
    link = re.search(r'<a rel="next" href="/statements\?([^"]+)"', html)
    assert link is not None
    assert html.count('class="statement-row"') == 2
    following = client.get("/statements?" + link.group(1).replace("&amp;", "&"))
    assert following.status_code == 200
    assert following.text.count('class="statement-row"') >= 1


def test_speaker_page_has_inline_timeline_then_the_list(
    client: Client, ids: dict[str, Any]
) -> None:
    html = client.get(f"/speakers/{ids['reyes']}").text
    chart = html.index("<svg")
    assert html.count("<circle") == 2
    assert chart < html.index('class="statement-row"')
    assert "1 undated not shown" in html
    assert html.count('class="statement-row"') == 3


def test_timeline_svg_route(client: Client, ids: dict[str, Any]) -> None:
    response = client.get(f"/speakers/{ids['lind']}/timeline.svg")
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.text.startswith("<svg")


def test_article_page_marks_every_quote_with_its_speaker(
    client: Client, ids: dict[str, Any]
) -> None:
    html = client.get(f"/articles/{ids['gazette']}").text
    marks = re.findall(r'<mark class="direct" title="([^"]*)">([^<]*)</mark>', html)
    assert [title for title, _ in marks] == ["Maria Lind (direct, said)"] * 2
    assert marks[0][1] == LIND_QUOTE.replace("'", "&#39;")
    assert html.count('<a class="who"') == 2


def test_hostile_article_renders_as_text(client: Client, ids: dict[str, Any]) -> None:
    html = client.get(f"/articles/{ids['hostile_article']}").text
    assert_no_live_markup(html)
    assert "Breaking &lt;script&gt;alert(1)&lt;/script&gt; news" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;click&lt;/a&gt;" in html
    assert "<mark" in html  # the quote is still highlighted, with its text escaped
    assert '<span class="source">javascript:alert(document.cookie)</span>' in html


def test_hostile_text_is_escaped_on_every_page(client: Client, ids: dict[str, Any]) -> None:
    pages = [
        "/",
        "/statements",
        f"/statements/{ids['hostile_quote']}",
        "/search?text=harmless+code+for+everyone",
        "/stories",
        "/speakers",
    ]
    for story in client.get("/api/stories").json():
        pages.append(f"/stories/{story['id']}")
    for speaker in client.get("/api/speakers").json()["items"]:
        pages.append(f"/speakers/{speaker['id']}")
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_live_markup(response.text)


def test_story_page_lists_its_articles(client: Client) -> None:
    stories = client.get("/api/stories").json()
    story = next(s for s in stories if s["title"] == "Port strike enters second day")
    html = client.get(f"/stories/{story['id']}").text
    assert "Port strike enters second day" in html
    assert html.count('<a href="/articles/') == story["articles"]


def test_missing_page_is_an_html_404(client: Client) -> None:
    response = client.get("/articles/424242")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no article 424242" in response.text


def test_bad_page_parameter_is_an_html_422(client: Client) -> None:
    response = client.get("/statements", params={"since": "yesterday"})
    assert response.status_code == 422
    assert "since:" in response.text


def test_static_css_is_served(client: Client) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert "mark" in response.text


def _mention(start: int, end: int, ident: int = 1) -> MentionItem:
    return MentionItem(
        id=ident, article_id=1, statement_id="s", kind="direct", text="", start=start, end=end,
        cue=None, speaker_mention=None, speaker=None, speaker_name=None, said_on=None,
        said_on_evidence=None, confidence=1.0, outlet=None, title=None, published=None,
        source="x", source_url=None,
    )  # fmt: skip


def test_segments_cover_the_text_exactly_once() -> None:
    text = f"a {XSS_SCRIPT} b {XSS_LINK} c"
    parts = segments(text, (_mention(2, 10), _mention(5, 20, 2), _mention(30, 999, 3)))
    assert "".join(part.text for part in parts) == text
    assert [part.mention is not None for part in parts] == [False, True, True, False, True]


def test_segments_skip_empty_and_inverted_spans() -> None:
    parts = segments(XSS_IMG, (_mention(5, 5), _mention(9, 3, 2)))
    assert [(p.text, p.mention) for p in parts] == [(XSS_IMG, None)]
