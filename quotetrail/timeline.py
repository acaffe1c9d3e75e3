"""A speaker's statements over time, drawn as a small SVG chart.

One dot per dated statement: across by the date it was said, up by the number
of articles that reported it. The same SVG is inlined in the speaker page and
written by `quotetrail timeline`; every piece of text in it is escaped.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from html import escape
from pathlib import Path

from quotetrail.errors import BadParameter, NotFound

WIDTH, HEIGHT = 760, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 20, 28, 36
# Tooltip length: long enough to recognise a quote, short enough to stay on screen.
TITLE_CHARS = 160
MAX_TICKS = 12
DOT_SPACING = 9  # px between dots that share a day and a height; dots are 12 px wide


@dataclass(frozen=True)
class TimelinePoint:
    statement_id: str
    said_on: dt.date
    granularity: str | None
    text: str
    reports: int


@dataclass(frozen=True)
class Timeline:
    speaker_id: int
    speaker: str
    points: tuple[TimelinePoint, ...]
    undated: int


def resolve_speaker(conn: sqlite3.Connection, speaker: str) -> tuple[int, str]:
    """A speaker by id or by any of their names (case ignored); the most quoted wins."""
    if speaker.isdigit():
        row = conn.execute("SELECT id, name FROM speakers WHERE id = ?", (int(speaker),))
    else:
        row = conn.execute(
            "SELECT sp.id, sp.name FROM speakers sp WHERE sp.id IN ("
            " SELECT id FROM speakers WHERE name = ? COLLATE NOCASE UNION"
            " SELECT speaker_id FROM speaker_aliases WHERE alias = ? COLLATE NOCASE)"
            " ORDER BY (SELECT COUNT(*) FROM statements s WHERE s.speaker_id = sp.id) DESC,"
            " sp.id LIMIT 1",
            (speaker, speaker),
        )
    found = row.fetchone()
    if found is None:
        raise NotFound(f"no speaker {speaker!r}; `quotetrail statements` lists who is quoted.")
    return int(found[0]), str(found[1])


def timeline(conn: sqlite3.Connection, speaker_id: int) -> Timeline:
    """The speaker's statements by the date they were said."""
    head = conn.execute("SELECT name FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    if head is None:
        raise NotFound(f"no speaker {speaker_id}; list them with /api/speakers.")
    rows = conn.execute(
        "SELECT s.id, s.said_on, s.said_on_granularity, s.text,"
        " (SELECT COUNT(DISTINCT m.article_id) FROM mentions m WHERE m.statement_id = s.id)"
        " FROM statements s WHERE s.speaker_id = ? ORDER BY s.said_on, s.rowid",
        (speaker_id,),
    ).fetchall()
    points: list[TimelinePoint] = []
    undated = 0
    for statement_id, said_on, granularity, text, reports in rows:
        try:
            day = dt.date.fromisoformat(said_on) if said_on else None
        except ValueError:
            day = None
        if day is None:
            undated += 1
            continue
        points.append(TimelinePoint(statement_id, day, granularity, text, int(reports)))
    return Timeline(speaker_id, str(head[0]), tuple(points), undated)


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    if (last - first).days > 2 * 365:
        years = list(range(first.year + (first > dt.date(first.year, 1, 1)), last.year + 1))
        step = max(1, -(-len(years) // MAX_TICKS))
        return [(dt.date(y, 1, 1), str(y)) for y in years[::step]]
    months: list[dt.date] = []
    cur = dt.date(first.year, first.month, 1)
    while cur <= last:
        if cur >= first:
            months.append(cur)
        cur = dt.date(cur.year + cur.month // 12, cur.month % 12 + 1, 1)
    step = max(1, -(-len(months) // MAX_TICKS))
    return [(m, m.strftime("%b %Y")) for m in months[::step]]


def render_svg(line: Timeline, link: str | None = "/statements/{id}") -> str:
    """The chart as a standalone SVG document; `link` makes each dot a link."""
    e = escape
    title = f"Statements by {line.speaker} over time"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" role="img" class="timeline"'
        f' font-family="sans-serif" font-size="11">',
        f"<title>{e(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<text x="{LEFT}" y="16" font-size="13" fill="#222">{e(title)}</text>',
    ]
    base = HEIGHT - BOTTOM
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#888"/>')
    if not line.points:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" fill="#666">'
            "No dated statements</text>"
        )
    else:
        first = min(p.said_on for p in line.points)
        last = max(p.said_on for p in line.points)
        pad = max(15, (last - first).days // 20)
        first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
        span = max(1, (last - first).days)
        top = max(p.reports for p in line.points)

        def x(day: dt.date) -> float:
            return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span

        def y(reports: int) -> float:
            return base - 12 - (base - TOP - 24) * (reports - 1) / max(1, top - 1)

        for day, label in _ticks(first, last):
            parts.append(
                f'<line x1="{x(day):.1f}" y1="{base}" x2="{x(day):.1f}" y2="{base + 4}"'
                f' stroke="#888"/><text x="{x(day):.1f}" y="{base + 16}"'
                f' text-anchor="middle" fill="#444">{e(label)}</text>'
            )
        parts.append(
            f'<text x="12" y="{(TOP + base) / 2}" fill="#444" text-anchor="middle"'
            f' transform="rotate(-90 12 {(TOP + base) / 2})">reports</text>'
            f'<text x="{LEFT - 6}" y="{y(top) + 4:.1f}" text-anchor="end" fill="#444">{top}</text>'
            f'<text x="{LEFT - 6}" y="{y(1) + 4:.1f}" text-anchor="end" fill="#444">1</text>'
        )
        taken: dict[tuple[int, int], int] = {}
        for point in line.points:
            # Statements on one day with as many reports would hide each other.
            spot = (round(x(point.said_on)), point.reports)
            shift = DOT_SPACING * taken.get(spot, 0)
            taken[spot] = taken.get(spot, 0) + 1
            text = point.text if len(point.text) <= TITLE_CHARS else point.text[:TITLE_CHARS] + "…"
            reports = f"{point.reports} report{'s' if point.reports != 1 else ''}"
            dot = (
                f'<circle cx="{x(point.said_on) + shift:.1f}" cy="{y(point.reports):.1f}" r="6"'
                f' fill="#1f5fa8" fill-opacity="0.7" stroke="#0b2f57">'
                f"<title>{e(point.said_on.isoformat())} ({e(reports)}): {e(text)}</title>"
                "</circle>"
            )
            if link:
                href = link.replace("{id}", point.statement_id)
                dot = f'<a href="{e(href)}" class="dot">{dot}</a>'
            parts.append(dot)
    if line.undated:
        parts.append(
            f'<text x="{WIDTH - RIGHT}" y="16" text-anchor="end" fill="#666">'
            f"{line.undated} undated not shown</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def render_png(svg: str) -> bytes:
    """PNG through the optional cairosvg package."""
    try:
        import cairosvg
    except ImportError as error:
        raise BadParameter(
            "PNG output needs the optional cairosvg package: `pip install cairosvg`,"
            " or write an .svg file instead."
        ) from error
    return bytes(cairosvg.svg2png(bytestring=svg.encode("utf-8")))


def write(line: Timeline, out: Path) -> None:
    """Write the chart as SVG or PNG, chosen by the file's suffix."""
    suffix = out.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise BadParameter(f"{out}: the chart is written as .svg or .png; pick one of those.")
    svg = render_svg(line, link=None)
    if suffix == ".png":
        out.write_bytes(render_png(svg))
    else:
        out.write_text(svg + "\n", encoding="utf-8")
