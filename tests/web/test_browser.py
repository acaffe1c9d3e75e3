"""The pages in a real browser: Debian's Chromium driven by Playwright.

A uvicorn server runs in a background thread on a free localhost port over a
database built from the sample corpus plus the hand-made hostile article.
Screenshots go to tests/screenshots/ (git-ignored). Never run `playwright
install`: these tests use /usr/bin/chromium and skip when it is absent.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quotetrail import store
from quotetrail.settings import Settings
from quotetrail.web import create_app
from tests.conftest import SAMPLES
from tests.web.conftest import XSS_SCRIPT, articles

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]
playwright_sync = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from quotetrail.ingest import ingest

    path = tmp_path_factory.mktemp("browser") / "corpus.db"
    samples = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    report = ingest(samples, path, workers=1)
    assert report.failed == 0, report.failures
    conn = store.connect(path)
    for article in articles():
        store.add_article(conn, article)
    conn.close()
    return path


@pytest.fixture(scope="module")
def server(corpus_db: Path) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    app = create_app(corpus_db, settings=Settings(db=corpus_db, ingest_token=None))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    runner = uvicorn.Server(config)
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not runner.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    runner.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_sync.sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every dialog (alert, confirm) that opens."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.dialogs = []

    def on_dialog(dialog: Any) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield tab
    assert tab.dialogs == [], "article text ran as script"
    context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000


def _most_varied_statement(db: Path) -> tuple[str, str]:
    """(statement id, a mention's wording) for a statement reported in several wordings."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    row = conn.execute(
        "SELECT statement_id, MIN(text) FROM mentions WHERE statement_id IS NOT NULL"
        " GROUP BY statement_id ORDER BY COUNT(DISTINCT text) DESC, COUNT(*) DESC LIMIT 1"
    ).fetchone()
    conn.close()
    return str(row[0]), str(row[1])


def test_search_a_quote_then_open_its_statement_and_diff(
    page: Any, server: str, corpus_db: Path
) -> None:
    statement_id, wording = _most_varied_statement(corpus_db)
    fragment = " ".join(wording.split()[:12])
    page.goto(server + "/")
    page.fill("textarea[name=text]", fragment)
    page.click("button[type=submit]")
    page.wait_for_url("**/search?**")
    assert page.locator("blockquote.canonical").count() == 1
    assert page.locator("table.reports tbody tr").count() >= 2
    assert page.locator("table.reports a[href^='/articles/']").count() >= 2
    shot(page, "search")
    page.click("h1 a[href^='/statements/']")
    page.wait_for_url(f"**/statements/{statement_id}")
    assert page.locator(".variants li").count() >= 2
    assert page.locator(".variants ins, .variants del").count() >= 1
    shot(page, "statement")


def test_speaker_timeline_chart_then_list(page: Any, server: str) -> None:
    page.goto(server + "/speakers")
    page.click("table.speakers tbody tr:first-child a")
    page.wait_for_selector("figure.chart svg")
    dots = page.locator("figure.chart svg circle").count()
    assert dots >= 1
    assert page.locator("li.statement-row").count() >= dots
    box = page.locator("figure.chart svg").bounding_box()
    assert box is not None and box["width"] > 300
    shot(page, "speaker")


def test_article_highlights_quotes_with_their_speakers(
    page: Any, server: str, corpus_db: Path
) -> None:
    statement_id, _ = _most_varied_statement(corpus_db)
    page.goto(f"{server}/statements/{statement_id}")
    page.click("table.reports tbody tr:first-child a[href^='/articles/']")
    page.wait_for_selector("article.text mark")
    marks = page.locator("article.text mark")
    assert marks.count() >= 1
    assert marks.first.get_attribute("title")
    assert page.locator("article.text .who").count() == marks.count()
    shot(page, "article")


def test_hostile_article_shows_markup_as_text(page: Any, server: str) -> None:
    page.goto(server + "/search?text=harmless+code+for+everyone")
    page.click("table.reports a[href^='/articles/']")
    page.wait_for_selector("article.text")
    text = page.locator("article.text").inner_text()
    assert XSS_SCRIPT in text and "onerror=alert(1)" in text
    injected = "article.text img, article.text script, article.text a[href^='javascript']"
    assert page.locator(injected).count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.locator("article.text mark").first.hover()
    shot(page, "hostile")


def test_search_works_without_javascript(browser: Any, server: str, corpus_db: Path) -> None:
    _, wording = _most_varied_statement(corpus_db)
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "/")
    tab.fill("textarea[name=text]", " ".join(wording.split()[:10]))
    tab.click("button[type=submit]")
    tab.wait_for_url("**/search?**")
    assert tab.locator("blockquote.canonical").count() == 1
    context.close()
