"""Web fixtures: a small hand-made database (including a hostile article) and clients."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from fastapi import FastAPI

from quotetrail import store
from quotetrail.models import Article
from quotetrail.settings import Settings
from quotetrail.web import create_app
from quotetrail.web.app import Process
from tests import factories

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_LINK = '<a href="javascript:alert(1)">click</a>'
HOSTILE_SPEAKER = "Eve <img src=x onerror=alert(2)>"

LIND_QUOTE = "We will not accept a deal that cuts the freedom seekers' pay"
LIND_VARIANT = "we will not accept a deal that cuts the freedom-seekers' pay"
LIND_OTHER = "The harbour belongs to the people who work in it every day"


def _article(
    source: str,
    outlet: str,
    title: str,
    published: dt.date | None,
    text: str,
    quotes: list[tuple[str, str, dt.date | None]],
) -> Article:
    mentions = [
        factories.mention(text, q, speaker=who, speaker_mention=who.split()[-1], said_on=said)
        for q, who, said in quotes
    ]
    return factories.article(
        source,
        text,
        mentions,
        title=title,
        outlet=outlet,
        published=published,
        evidence=f"Date: {published}",
    )


def articles() -> list[Article]:
    day = dt.date(2024, 3, 12)
    gazette = (
        "Port strike enters second day\n\n"
        f"“{LIND_QUOTE},” said Maria Lind, the union leader, on Tuesday.\n"
        f"She added: “{LIND_OTHER}.”\n"
    )
    courier = (
        "Dockers hold the line\n\n"
        f'Union leader Maria Lind said on Tuesday: "{LIND_VARIANT}."\n'
        "The port authority did not reply.\n"
    )
    hostile = (
        f"Breaking {XSS_SCRIPT} news {XSS_IMG} and {XSS_LINK}\n\n"
        f"“Trust me, {XSS_SCRIPT} is harmless code for everyone,” said {HOSTILE_SPEAKER}.\n"
    )
    reyes_2020 = (
        "Mayor on the flood barrier\n\n"
        "“The barrier will be finished before the next winter storms arrive,” Tom Reyes said.\n"
    )
    reyes_2023 = (
        "Mayor defends delay\n\n"
        "“Nobody could have planned for the cost of steel doubling in one year,” Tom Reyes said."
        "\n“We will publish every invoice for the barrier project online,” he added.\n"
    )
    return [
        _article(
            "https://harbor.example/strike",
            "Harbor Gazette",
            "Port strike enters second day",
            dt.date(2024, 3, 13),
            gazette,
            [(LIND_QUOTE, "Maria Lind", day), (LIND_OTHER, "Maria Lind", day)],
        ),
        _article(
            "courier/strike.txt",
            "Coastline Courier",
            "Dockers hold the line",
            dt.date(2024, 3, 14),
            courier,
            [(LIND_VARIANT, "Maria Lind", day)],
        ),
        _article(
            "javascript:alert(document.cookie)",
            f"Evil Outlet {XSS_IMG}",
            f"Title {XSS_SCRIPT}",
            dt.date(2024, 3, 15),
            hostile,
            [(f"Trust me, {XSS_SCRIPT} is harmless code for everyone", HOSTILE_SPEAKER, day)],
        ),
        _article(
            "https://valley.example/barrier",
            "Valley Post",
            "Mayor on the flood barrier",
            dt.date(2020, 10, 2),
            reyes_2020,
            [
                (
                    "The barrier will be finished before the next winter storms arrive",
                    "Tom Reyes",
                    dt.date(2020, 10, 1),
                )
            ],
        ),
        _article(
            "https://meridian.example/delay",
            "Meridian Daily",
            "Mayor defends delay",
            None,
            reyes_2023,
            [
                (
                    "Nobody could have planned for the cost of steel doubling in one year",
                    "Tom Reyes",
                    dt.date(2023, 6, 20),
                ),
                ("We will publish every invoice for the barrier project online", "Tom Reyes", None),
            ],
        ),
    ]


def build_db(path: Path) -> Path:
    conn = store.connect(path)
    for article in articles():
        store.add_article(conn, article)
    conn.close()
    return path


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("web") / "web.db")


def make_app(db: Path, token: str | None = None, process: Process | None = None) -> FastAPI:
    return create_app(db, settings=Settings(db=db, ingest_token=token), process=process)


class Client:
    """A blocking client that drives the app in-process through httpx's ASGI transport.

    (Starlette's TestClient warns about its httpx dependency, and warnings are errors.)
    """

    def __init__(self, app: FastAPI) -> None:
        self._portal_cm: AbstractContextManager[BlockingPortal] = start_blocking_portal()
        self._portal = self._portal_cm.__enter__()
        self._client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        )

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self._portal.call(functools.partial(self._client.get, url, **kwargs))

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self._portal.call(functools.partial(self._client.post, url, **kwargs))

    def close(self) -> None:
        self._portal.call(self._client.aclose)
        self._portal_cm.__exit__(None, None, None)


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[Client]:
    test_client = Client(make_app(web_db))
    yield test_client
    test_client.close()


@pytest.fixture
def ids(client: Client) -> dict[str, int | str]:
    """Ids of the fixture's speakers, statements and articles, looked up by name."""
    speakers = {s["name"]: s["id"] for s in client.get("/api/speakers").json()["items"]}
    found: dict[str, int | str] = {
        "lind": speakers["Maria Lind"],
        "reyes": speakers["Tom Reyes"],
    }
    for key, query in (("lind_quote", "freedom seekers pay"), ("hostile_quote", "harmless code")):
        items = client.get("/api/statements", params={"q": query}).json()["items"]
        found[key] = items[0]["id"]
    statement = client.get(f"/api/statements/{found['hostile_quote']}").json()
    found["hostile_article"] = statement["mentions"][0]["article_id"]
    statement = client.get(f"/api/statements/{found['lind_quote']}").json()
    found["gazette"] = statement["mentions"][0]["article_id"]
    return found
