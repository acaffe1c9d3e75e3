"""Read-side SQL for the HTTP API and the pages, returning frozen dataclasses.

Every query binds its values; the only SQL assembled at run time joins fixed
clause fragments and `?` placeholders.
"""

from __future__ import annotations

import base64
import binascii
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quotetrail import queries
from quotetrail.errors import BadParameter, NotFound
from quotetrail.wording import WordDiff, word_diff

# FTS terms per query: a pasted paragraph has ~60 words; 32 distinct terms
# already pin a statement down, and more only slow the match.
MAX_TERMS = 32
_TERM = re.compile(r"\w+", re.UNICODE)
_SAFE_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class SpeakerRef:
    id: int
    name: str


@dataclass(frozen=True)
class StatementItem:
    id: str
    text: str
    speaker: SpeakerRef | None
    said_on: str | None
    said_on_granularity: str | None
    first_reported: str | None
    reports: int
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class StatementPage:
    items: tuple[StatementItem, ...]
    next_cursor: str | None
    limit: int


@dataclass(frozen=True)
class MentionItem:
    id: int
    article_id: int
    statement_id: str | None
    kind: str
    text: str
    start: int
    end: int
    cue: str | None
    speaker_mention: str | None
    speaker: SpeakerRef | None
    speaker_name: str | None
    said_on: str | None
    said_on_evidence: str | None
    confidence: float
    outlet: str | None
    title: str | None
    published: str | None
    source: str
    source_url: str | None


@dataclass(frozen=True)
class Variant:
    """One distinct wording of a statement, with the diff from the canonical text."""

    text: str
    outlets: tuple[str, ...]
    mention_ids: tuple[int, ...]
    diff: tuple[WordDiff, ...]


@dataclass(frozen=True)
class StatementDetail:
    statement: StatementItem
    first_report: MentionItem | None
    mentions: tuple[MentionItem, ...]
    variants: tuple[Variant, ...]


@dataclass(frozen=True)
class SpeakerItem:
    id: int
    name: str
    aliases: tuple[str, ...]
    statements: int


@dataclass(frozen=True)
class SpeakerPage:
    items: tuple[SpeakerItem, ...]
    next_cursor: str | None
    limit: int


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    source: str
    source_url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    story_id: int | None


@dataclass(frozen=True)
class ArticleDetail:
    article: ArticleSummary
    published_evidence: str | None
    text: str
    mentions: tuple[MentionItem, ...]


@dataclass(frozen=True)
class StoryItem:
    id: int
    title: str | None
    start: str | None
    end: str | None
    articles: int


@dataclass(frozen=True)
class StoryDetail:
    story: StoryItem
    articles: tuple[ArticleSummary, ...]
    statements: tuple[StatementItem, ...]


@dataclass(frozen=True)
class TraceResult:
    """The statement a pasted quote belongs to, and the mention that matched it best."""

    query: str
    # quotetrail.trace's score as a percentage: how much of the query the
    # matched mention carries, in order.
    score: float
    matched: MentionItem
    detail: StatementDetail


def source_url(source: str) -> str | None:
    """The source as a link target, only when it is a plain web URL."""
    return source if source.lower().startswith(_SAFE_SCHEMES) else None


def encode_cursor(kind: str, rowid: int) -> str:
    """An opaque cursor: the last row seen, tagged with what kind of row it counts."""
    return base64.urlsafe_b64encode(f"qt1:{kind}:{rowid}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, kind: str) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        tag, found, number = raw.split(":")
        if tag != "qt1" or found != kind or not number.isdigit():
            raise ValueError(raw)
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise BadParameter(
            "cursor: not a cursor this server issued; drop it to start from the first page."
        ) from error


def fts_query(text: str, operator: str = "AND") -> str:
    """A safe FTS5 expression: each word quoted, so no user text is FTS syntax."""
    terms: list[str] = []
    for term in _TERM.findall(text.casefold()):
        if term not in terms:
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    if not terms:
        raise BadParameter("q: give at least one word to search for.")
    return f" {operator} ".join(f'"{term}"' for term in terms)


def _speaker_ids(conn: sqlite3.Connection, speaker: str) -> list[int]:
    if speaker.isdigit():
        return [int(speaker)]
    rows = conn.execute(
        "SELECT id FROM speakers WHERE name = ? COLLATE NOCASE"
        " UNION SELECT speaker_id FROM speaker_aliases WHERE alias = ? COLLATE NOCASE",
        (speaker, speaker),
    ).fetchall()
    return [int(row[0]) for row in rows]


_STATEMENT_FIELDS = (
    "s.id, s.text, s.speaker_id, sp.name, s.said_on, s.said_on_granularity, s.first_reported"
)
_SPEAKER_JOIN = "LEFT JOIN speakers sp ON sp.id = s.speaker_id"
_STATEMENT_COLUMNS = f"s.rowid, {_STATEMENT_FIELDS} FROM statements s {_SPEAKER_JOIN}"


def _statement_items(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[StatementItem]:
    carried = queries.reports(conn, [row[1] for row in rows])
    none = queries.Reports(0, ())
    return [
        StatementItem(
            id=row[1],
            text=row[2],
            speaker=SpeakerRef(int(row[3]), row[4]) if row[3] is not None else None,
            said_on=row[5],
            said_on_granularity=row[6],
            first_reported=row[7],
            reports=carried.get(row[1], none).articles,
            outlets=carried.get(row[1], none).outlets,
        )
        for row in rows
    ]


def statements(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    q: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> StatementPage:
    """Statements matching every given filter.

    Without `q` they come in the order they were stored. With `q` they come in
    the order of their first matching mention, read straight off the FTS index,
    so a page costs about `limit` index steps however common the words are.
    """
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        ids = _speaker_ids(conn, speaker)
        if not ids:
            return StatementPage((), None, limit)
        where.append(f"s.speaker_id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    if since:
        where.append("s.said_on >= ?")
        params.append(since)
    if until:
        where.append("s.said_on <= ?")
        params.append(until)
    if outlet:
        where.append(
            "EXISTS (SELECT 1 FROM mentions mo JOIN articles a ON a.id = mo.article_id"
            " WHERE mo.statement_id = s.id AND a.outlet = ? COLLATE NOCASE)"
        )
        params.append(outlet)
    if q and speaker:
        # A speaker's statements are few: visit them and seek each in the index.
        sql = (
            f"SELECT MIN(f.rowid) AS k, {_STATEMENT_FIELDS}"
            " FROM statements s INDEXED BY statements_speaker"
            " CROSS JOIN mentions m ON m.statement_id = s.id"
            " CROSS JOIN mentions_fts f ON f.rowid = m.id"
            f" {_SPEAKER_JOIN} WHERE mentions_fts MATCH ? AND {' AND '.join(where)}"
            " GROUP BY s.id HAVING k > ? ORDER BY k LIMIT ?"
        )
        params = [fts_query(q), *params, decode_cursor(cursor, "m")]
        kind = "m"
    elif q:
        rows = _first_matches(conn, fts_query(q), where, params, decode_cursor(cursor, "m"), limit)
        return _page(conn, rows, limit, "m")
    else:
        sql = (
            f"SELECT s.rowid, {_STATEMENT_FIELDS} FROM statements s {_SPEAKER_JOIN}"
            f" WHERE s.rowid > ?{''.join(' AND ' + w for w in where)} ORDER BY s.rowid LIMIT ?"
        )
        params = [decode_cursor(cursor, "s"), *params]
        kind = "s"
    return _page(conn, conn.execute(sql, [*params, limit + 1]).fetchall(), limit, kind)


def _page(
    conn: sqlite3.Connection, rows: list[sqlite3.Row], limit: int, kind: str
) -> StatementPage:
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(kind, int(rows[-1][0])) if more and rows else None
    return StatementPage(tuple(_statement_items(conn, rows)), next_cursor, limit)


def _first_matches(
    conn: sqlite3.Connection,
    match: str,
    where: list[str],
    params: list[Any],
    after: int,
    limit: int,
) -> list[sqlite3.Row]:
    """Up to limit + 1 statements, each at its first matching mention after `after`.

    Matching mentions are read in rowid order straight off the FTS index, so a
    page costs about `limit` index steps however common the words are. A
    statement whose earlier mention matched was listed on an earlier page, and
    is skipped here.
    """
    sql = (
        f"SELECT f.rowid, {_STATEMENT_FIELDS} FROM mentions_fts f"
        " JOIN mentions m ON m.id = f.rowid JOIN statements s ON s.id = m.statement_id"
        f" {_SPEAKER_JOIN} WHERE mentions_fts MATCH ? AND f.rowid > ?"
        f"{''.join(' AND ' + w for w in where)} ORDER BY f.rowid LIMIT ?"
    )
    batch_size = 2 * limit + 2
    chosen: list[sqlite3.Row] = []
    seen: set[str] = set()
    position = after
    while len(chosen) <= limit:
        batch = conn.execute(sql, [match, position, *params, batch_size]).fetchall()
        earlier = _matched_before(conn, match, {row[1] for row in batch} - seen, after)
        for row in batch:
            if row[1] in seen or row[1] in earlier:
                continue
            seen.add(row[1])
            chosen.append(row)
            if len(chosen) > limit:
                break
        if len(batch) < batch_size:
            break
        position = batch[-1][0]
    return chosen


def _matched_before(
    conn: sqlite3.Connection, match: str, statement_ids: set[str], before: int
) -> set[str]:
    """Which of these statements have a mention at or before `before` that matches."""
    if before == 0 or not statement_ids:
        return set()
    ids = sorted(statement_ids)
    earlier = conn.execute(
        f"SELECT id, statement_id FROM mentions WHERE id <= ?"
        f" AND statement_id IN ({','.join('?' * len(ids))})",
        [before, *ids],
    ).fetchall()
    if not earlier:
        return set()
    owner = {int(row[0]): str(row[1]) for row in earlier}
    hits = conn.execute(
        "SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?"
        f" AND rowid IN ({','.join('?' * len(owner))})",
        [match, *owner],
    ).fetchall()
    return {owner[int(row[0])] for row in hits}


def statement_item(conn: sqlite3.Connection, statement_id: str) -> StatementItem:
    row = conn.execute(f"SELECT {_STATEMENT_COLUMNS} WHERE s.id = ?", (statement_id,)).fetchone()
    if row is None:
        raise NotFound(f"no statement {statement_id!r}; search with /api/statements?q=…")
    return _statement_items(conn, [row])[0]


_MENTION_SQL = (
    'SELECT m.id, m.article_id, m.statement_id, m.kind, m.text, m.start, m."end", m.cue,'
    " m.speaker_mention, m.speaker_id, sp.name, m.said_on,"
    " m.said_on_evidence, m.confidence, a.outlet, a.title, a.published, a.source, m.speaker_name"
    " FROM mentions m JOIN articles a ON a.id = m.article_id"
    " LEFT JOIN speakers sp ON sp.id = m.speaker_id"
)


def _mention(row: sqlite3.Row) -> MentionItem:
    return MentionItem(
        id=int(row[0]),
        article_id=int(row[1]),
        statement_id=row[2],
        kind=row[3],
        text=row[4],
        start=int(row[5]),
        end=int(row[6]),
        cue=row[7],
        speaker_mention=row[8],
        speaker=SpeakerRef(int(row[9]), row[10]) if row[9] is not None else None,
        speaker_name=row[18] or row[10],
        said_on=row[11],
        said_on_evidence=row[12],
        confidence=float(row[13]),
        outlet=row[14],
        title=row[15],
        published=row[16],
        source=row[17],
        source_url=source_url(row[17]),
    )


def statement_detail(conn: sqlite3.Connection, statement_id: str) -> StatementDetail:
    """A statement with every report (earliest first) and its wordings diffed."""
    item = statement_item(conn, statement_id)
    rows = conn.execute(
        f"{_MENTION_SQL} WHERE m.statement_id = ?"
        " ORDER BY a.published IS NULL, a.published, m.article_id, m.start",
        (statement_id,),
    ).fetchall()
    mentions = tuple(_mention(row) for row in rows)
    return StatementDetail(
        statement=item,
        first_report=mentions[0] if mentions else None,
        mentions=mentions,
        variants=variants(item.text, mentions),
    )


def variants(canonical: str, mentions: Sequence[MentionItem]) -> tuple[Variant, ...]:
    """Distinct wordings, most widely reported first, each diffed against `canonical`."""
    grouped: dict[str, list[MentionItem]] = {}
    for mention in mentions:
        grouped.setdefault(mention.text.strip(), []).append(mention)
    ordered = sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[1][0].id))
    return tuple(
        Variant(
            text=text,
            outlets=tuple(sorted({m.outlet or m.source for m in group})),
            mention_ids=tuple(m.id for m in group),
            diff=tuple(word_diff(canonical, text)),
        )
        for text, group in ordered
    )


def speakers(conn: sqlite3.Connection, cursor: str | None = None, limit: int = 50) -> SpeakerPage:
    rows = conn.execute(
        "SELECT sp.id, sp.name, (SELECT COUNT(*) FROM statements s WHERE s.speaker_id = sp.id),"
        " (SELECT GROUP_CONCAT(alias, char(31)) FROM speaker_aliases WHERE speaker_id = sp.id)"
        " FROM speakers sp WHERE sp.id > ? ORDER BY sp.id LIMIT ?",
        (decode_cursor(cursor, "p"), limit + 1),
    ).fetchall()
    more = len(rows) > limit
    items = tuple(
        SpeakerItem(
            id=int(row[0]),
            name=row[1],
            aliases=tuple(sorted(set(row[3].split("\x1f")) - {row[1]})) if row[3] else (),
            statements=int(row[2]),
        )
        for row in rows[:limit]
    )
    return SpeakerPage(items, encode_cursor("p", items[-1].id) if more and items else None, limit)


def speaker(conn: sqlite3.Connection, speaker_id: int) -> SpeakerItem:
    row = conn.execute(
        "SELECT sp.id, sp.name, (SELECT COUNT(*) FROM statements s WHERE s.speaker_id = sp.id)"
        " FROM speakers sp WHERE sp.id = ?",
        (speaker_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no speaker {speaker_id}; list them with /api/speakers.")
    aliases = conn.execute(
        "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias", (speaker_id,)
    ).fetchall()
    return SpeakerItem(
        id=int(row[0]),
        name=row[1],
        aliases=tuple(a[0] for a in aliases if a[0] != row[1]),
        statements=int(row[2]),
    )


def speaker_statements(
    conn: sqlite3.Connection, speaker_id: int, limit: int = 500
) -> tuple[StatementItem, ...]:
    """A speaker's statements, latest said first, undated last."""
    rows = conn.execute(
        f"SELECT {_STATEMENT_COLUMNS} WHERE s.speaker_id = ?"
        " ORDER BY s.said_on IS NULL, s.said_on DESC, s.rowid LIMIT ?",
        (speaker_id, limit),
    ).fetchall()
    return tuple(_statement_items(conn, rows))


def _article_summary(row: sqlite3.Row) -> ArticleSummary:
    return ArticleSummary(
        id=int(row["id"]),
        source=row["source"],
        source_url=source_url(row["source"]),
        outlet=row["outlet"],
        title=row["title"],
        published=row["published"],
        story_id=row["story_id"],
    )


def article(conn: sqlite3.Connection, article_id: int) -> ArticleDetail:
    row = conn.execute(
        "SELECT id, source, outlet, title, published, published_evidence, story_id, text"
        " FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no article {article_id}; find articles through /api/statements.")
    mentions = conn.execute(
        f"{_MENTION_SQL} WHERE m.article_id = ? ORDER BY m.start, m.id", (article_id,)
    ).fetchall()
    return ArticleDetail(
        article=_article_summary(row),
        published_evidence=row["published_evidence"],
        text=row["text"],
        mentions=tuple(_mention(m) for m in mentions),
    )


def stories(conn: sqlite3.Connection, limit: int = 100) -> tuple[StoryItem, ...]:
    rows = conn.execute(
        'SELECT st.id, st.title, st.start, st."end",'
        " (SELECT COUNT(*) FROM articles a WHERE a.story_id = st.id)"
        " FROM stories st ORDER BY st.start IS NULL, st.start DESC, st.id LIMIT ?",
        (limit,),
    ).fetchall()
    return tuple(StoryItem(int(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows)


def story(conn: sqlite3.Connection, story_id: int) -> StoryDetail:
    row = conn.execute(
        'SELECT st.id, st.title, st.start, st."end",'
        " (SELECT COUNT(*) FROM articles a WHERE a.story_id = st.id)"
        " FROM stories st WHERE st.id = ?",
        (story_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no story {story_id}; list them with /api/stories.")
    articles = conn.execute(
        "SELECT id, source, outlet, title, published, story_id FROM articles"
        " WHERE story_id = ? ORDER BY published IS NULL, published, id",
        (story_id,),
    ).fetchall()
    statement_rows = conn.execute(
        f"SELECT {_STATEMENT_COLUMNS} WHERE s.id IN (SELECT m.statement_id FROM mentions m"
        " JOIN articles a ON a.id = m.article_id WHERE a.story_id = ?)"
        " ORDER BY s.said_on IS NULL, s.said_on, s.rowid LIMIT 500",
        (story_id,),
    ).fetchall()
    return StoryDetail(
        story=StoryItem(int(row[0]), row[1], row[2], row[3], int(row[4])),
        articles=tuple(_article_summary(a) for a in articles),
        statements=tuple(_statement_items(conn, statement_rows)),
    )
