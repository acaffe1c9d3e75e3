"""The FastAPI application: JSON routes under /api, HTML pages elsewhere.

Both kinds of route call the same view functions; a JSON route returns the
view's dataclass, a page renders it with a Jinja2 template (autoescaped).
The database is opened read-only, one connection per worker thread; only
POST /api/ingest, when a token is configured, opens it for writing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quotetrail import __version__, store
from quotetrail import timeline as timeline_lib
from quotetrail.errors import BadParameter, Forbidden, QuotetrailError, http_status
from quotetrail.models import Article, RawDocument
from quotetrail.settings import Settings
from quotetrail.web import data, views
from quotetrail.web.views import MAX_PAGE, MAX_QUERY, MAX_TRACE_TEXT

HERE = Path(__file__).resolve().parent
# 5 MB: the largest allsides article is 120 KB; an HTTP body this big is not one article.
MAX_INGEST_BYTES = 5_000_000
_CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:;"
    " form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = [
    (b"content-security-policy", _CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

Process = Callable[[RawDocument], Article]

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, at most {MAX_PAGE}.")]
Cursor = Annotated[str | None, Query(max_length=64, description="Opaque cursor from next_cursor.")]
Text = Annotated[str | None, Query(max_length=MAX_QUERY)]
Day = Annotated[dt.date | None, Query(description="ISO date, e.g. 2017-02-21.")]


class SecurityHeaders:
    """Adds CSP and friends to every response except the interactive API docs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/docs"):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


class Database:
    """Read-only connections, one per thread, opened on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.local = threading.local()
        self.write_lock = threading.Lock()

    def read(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self.local, "conn", None)
        if conn is None:
            conn = store.connect(self.path, readonly=True)
            self.local.conn = conn
        return conn


def _default_process(doc: RawDocument) -> Article:
    from quotetrail import pipeline

    return pipeline.process(doc)


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def _short_source(source: str) -> str:
    """A file path as its file name; URLs and outlet names unchanged."""
    if data.source_url(source) or "/" not in source:
        return source
    return source.rstrip("/").rsplit("/", 1)[-1]


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plural"] = _plural
    env.filters["short_source"] = _short_source
    return env


def create_app(
    db: Path | str | None = None,
    *,
    settings: Settings | None = None,
    process: Process | None = None,
) -> FastAPI:
    """The web app over the database at `db` (default: settings.db)."""
    settings = settings or Settings()
    database = Database(Path(db) if db is not None else settings.db)
    token = settings.ingest_token or None
    process_doc = process or _default_process
    templates = Jinja2Templates(env=_env())

    app = FastAPI(
        title="quotetrail",
        version=__version__,
        description="Who said what, when, and who reported it. Read-only unless an "
        "ingest token is configured.",
        redoc_url=None,
    )
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=code)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    def error_response(request: Request, status: int, message: str, **extra: Any) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message, "status": status, **extra}, status_code=status)
        return page(request, "error.html", status, status=status, message=message)

    @app.exception_handler(QuotetrailError)
    async def on_error(request: Request, error: QuotetrailError) -> Response:
        return error_response(request, http_status(error), str(error))

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, error: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in error.errors()
        ]
        return error_response(
            request, 422, "; ".join(problems) + ". Fix the parameter and retry.", problems=problems
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, error: StarletteHTTPException) -> Response:
        message = "no such page" if error.status_code == 404 else str(error.detail)
        return error_response(request, error.status_code, message)

    def listing(
        speaker: str | None,
        q: str | None,
        since: dt.date | None,
        until: dt.date | None,
        outlet: str | None,
        cursor: str | None,
        limit: int,
    ) -> data.StatementPage:
        if since and until and since > until:
            raise BadParameter("since is after until: swap them.")
        return views.statements(
            database.read(),
            speaker=speaker or None,
            q=q or None,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            outlet=outlet or None,
            cursor=cursor,
            limit=limit,
        )

    # ---- JSON API -------------------------------------------------------------
    # The read routes are `async` and query SQLite on the event loop: each takes
    # 1-5 ms, and skipping the thread hop took ?q= search from ~260 to ~460
    # req/s at 8 concurrent clients on the 2-core dev machine.

    @app.get("/api/statements", tags=["api"])
    async def api_statements(
        speaker: Text = None,
        q: Annotated[
            str | None, Query(max_length=MAX_QUERY, description="Words that must all appear.")
        ] = None,
        since: Day = None,
        until: Day = None,
        outlet: Text = None,
        cursor: Cursor = None,
        limit: Limit = views.DEFAULT_PAGE,
    ) -> data.StatementPage:
        """Statements filtered by speaker (id or name), words, said_on range and outlet."""
        return listing(speaker, q, since, until, outlet, cursor, limit)

    @app.get("/api/statements/{statement_id}", tags=["api"])
    async def api_statement(statement_id: str) -> data.StatementDetail:
        """A statement with every report, its wordings and a word-level diff of each."""
        return views.statement(database.read(), statement_id)

    @app.get("/api/speakers", tags=["api"])
    async def api_speakers(
        cursor: Cursor = None, limit: Limit = views.DEFAULT_PAGE
    ) -> data.SpeakerPage:
        """Speakers with their other names and number of statements."""
        return views.speakers(database.read(), cursor, limit)

    @app.get("/api/speakers/{speaker_id}", tags=["api"])
    async def api_speaker(speaker_id: int) -> data.SpeakerItem:
        return data.speaker(database.read(), speaker_id)

    @app.get("/api/speakers/{speaker_id}/timeline", tags=["api"])
    async def api_timeline(speaker_id: int) -> timeline_lib.Timeline:
        """The speaker's dated statements by said_on, with the number of reports."""
        return views.timeline(database.read(), speaker_id)

    @app.get("/api/articles/{article_id}", tags=["api"])
    async def api_article(article_id: int) -> data.ArticleDetail:
        """An article's text and every quote in it, with offsets into the text."""
        return views.article(database.read(), article_id)

    @app.get("/api/stories", tags=["api"])
    async def api_stories() -> tuple[data.StoryItem, ...]:
        return views.stories(database.read())

    @app.get("/api/stories/{story_id}", tags=["api"])
    async def api_story(story_id: int) -> data.StoryDetail:
        return views.story(database.read(), story_id)

    @app.get("/api/trace", tags=["api"])
    async def api_trace(
        text: Annotated[str, Query(min_length=1, max_length=MAX_TRACE_TEXT)],
    ) -> data.TraceResult:
        """The statement a pasted quote belongs to, who said it, when, and who reported it."""
        return views.trace(database.read(), text)

    @app.post(
        "/api/ingest",
        tags=["api"],
        openapi_extra={
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["text"],
                            "properties": {
                                k: {"type": "string"}
                                for k in ("text", "source", "title", "outlet", "published")
                            },
                        }
                    },
                    "text/plain": {"schema": {"type": "string"}},
                }
            }
        },
    )
    async def api_ingest(request: Request) -> dict[str, Any]:
        """Ingest one article. Off unless QUOTETRAIL_INGEST_TOKEN is set; needs
        `Authorization: Bearer TOKEN`."""
        if token is None:
            raise Forbidden(
                "ingest over HTTP is off; start the server with QUOTETRAIL_INGEST_TOKEN set."
            )
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
            raise Forbidden("missing or wrong token: send `Authorization: Bearer TOKEN`.")
        body = await _read_limited(request)
        doc = _document(body, request.headers.get("content-type", ""), request.query_params)
        return await run_in_threadpool(_ingest_one, doc)

    def _ingest_one(doc: RawDocument) -> dict[str, Any]:
        article = process_doc(doc)
        with database.write_lock:
            conn = store.connect(database.path)
            try:
                article_id = store.add_article(conn, article)
            finally:
                conn.close()
        return {
            "article_id": article_id,
            "new": article_id is not None,
            "mentions": len(article.mentions),
        }

    # ---- HTML pages -----------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        return page(request, "index.html", overview=views.overview(database.read()))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(
        request: Request, text: Annotated[str, Query(max_length=MAX_TRACE_TEXT)] = ""
    ) -> HTMLResponse:
        if not text.strip():
            return page(request, "search.html", text="", result=None, message=None)
        try:
            result = views.trace(database.read(), text)
        except QuotetrailError as error:
            return page(
                request,
                "search.html",
                http_status(error),
                text=text,
                result=None,
                message=str(error),
            )
        return page(request, "search.html", text=text, result=result, message=None)

    @app.get("/statements", response_class=HTMLResponse, include_in_schema=False)
    def statements_page(
        request: Request,
        speaker: Text = None,
        q: Text = None,
        since: Day = None,
        until: Day = None,
        outlet: Text = None,
        cursor: Cursor = None,
        limit: Limit = views.DEFAULT_PAGE,
    ) -> HTMLResponse:
        found = listing(speaker, q, since, until, outlet, cursor, limit)
        params = {
            "speaker": speaker or "",
            "q": q or "",
            "since": since.isoformat() if since else "",
            "until": until.isoformat() if until else "",
            "outlet": outlet or "",
        }
        following = {k: v for k, v in params.items() if v}
        if found.next_cursor:
            following["cursor"] = found.next_cursor
        return page(
            request,
            "statements.html",
            found=found,
            params=params,
            next_params=following if found.next_cursor else None,
        )

    @app.get("/statements/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
    def statement_page(request: Request, statement_id: str) -> HTMLResponse:
        return page(
            request, "statement.html", detail=views.statement(database.read(), statement_id)
        )

    @app.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
    def speakers_page(request: Request, cursor: Cursor = None) -> HTMLResponse:
        return page(request, "speakers.html", found=views.speakers(database.read(), cursor, 100))

    @app.get("/speakers/{speaker_id}", response_class=HTMLResponse, include_in_schema=False)
    def speaker_page(request: Request, speaker_id: int) -> HTMLResponse:
        view = views.speaker(database.read(), speaker_id)
        # render_svg escapes every piece of text it places in the chart.
        chart = Markup(timeline_lib.render_svg(view.timeline))
        return page(request, "speaker.html", view=view, chart=chart)

    @app.get("/speakers/{speaker_id}/timeline.svg", include_in_schema=False)
    def speaker_chart(speaker_id: int) -> Response:
        svg = timeline_lib.render_svg(views.timeline(database.read(), speaker_id))
        return Response(svg, media_type="image/svg+xml")

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: int) -> HTMLResponse:
        return page(request, "article.html", view=views.article_view(database.read(), article_id))

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request) -> HTMLResponse:
        return page(request, "stories.html", stories=views.stories(database.read()))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: int) -> HTMLResponse:
        return page(request, "story.html", detail=views.story(database.read(), story_id))

    return app


async def _read_limited(request: Request) -> bytes:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_INGEST_BYTES:
            raise BadParameter(
                f"request body over {MAX_INGEST_BYTES} bytes; send one article per request."
            )
    return body


def _document(body: bytes, content_type: str, query: Any) -> RawDocument:
    """A RawDocument from a JSON object or a plain-text body (with ?source=…)."""
    try:
        if content_type.startswith("application/json"):
            fields = json.loads(body.decode("utf-8"))
            if not isinstance(fields, dict):
                raise ValueError("not an object")
        else:
            fields = {"text": body.decode("utf-8"), **dict(query)}
    except (UnicodeDecodeError, ValueError) as error:
        raise BadParameter(
            f'body is not UTF-8 JSON or text ({error}); send {{"text": …}} or text/plain.'
        ) from error
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadParameter('body has no article text: send {"text": "…", "source": "…"}.')
    extra = {
        k: fields[k] if isinstance(fields.get(k), str) else None
        for k in ("source", "title", "outlet", "published")
    }
    return RawDocument(
        source=extra["source"] or f"http-ingest:{hashlib.sha256(text.encode()).hexdigest()[:16]}",
        text=text,
        format="record",
        title=extra["title"],
        outlet=extra["outlet"],
        date_hint=extra["published"],
        date_hint_evidence=extra["published"],
    )
