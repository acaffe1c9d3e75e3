"""A speaker's statements over time, drawn as a small SVG (or PNG) chart.

One dot per dated statement: across by the date it was said, up by the number
of articles that reported it. The same SVG is inlined in the speaker page and
written by `quotetrail timeline`; every piece of text in it is escaped.
"""

from __future__ import annotations

import datetime as dt
import io
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


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    point: TimelinePoint


@dataclass(frozen=True)
class Layout:
    """Where everything goes, shared by the SVG and the PNG renderers."""

    title: str
    base: float
    ticks: tuple[tuple[float, str], ...]
    y_labels: tuple[tuple[float, str], ...]
    dots: tuple[Dot, ...]
    undated: int


def layout(line: Timeline) -> Layout:
    base = HEIGHT - BOTTOM
    title = f"Statements by {line.speaker} over time"
    if not line.points:
        return Layout(title, base, (), (), (), line.undated)
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

    taken: dict[tuple[int, int], int] = {}
    dots = []
    for point in line.points:
        # Statements on one day with as many reports would hide each other.
        spot = (round(x(point.said_on)), point.reports)
        shift = DOT_SPACING * taken.get(spot, 0)
        taken[spot] = taken.get(spot, 0) + 1
        dots.append(Dot(x(point.said_on) + shift, y(point.reports), point))
    return Layout(
        title,
        base,
        tuple((x(day), label) for day, label in _ticks(first, last)),
        ((y(top), str(top)), (y(1), "1")) if top > 1 else ((y(1), "1"),),
        tuple(dots),
        line.undated,
    )


def render_svg(line: Timeline, link: str | None = "/statements/{id}") -> str:
    """The chart as a standalone SVG document; `link` makes each dot a link."""
    e = escape
    plan = layout(line)
    base = plan.base
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" role="img" class="timeline"'
        f' font-family="sans-serif" font-size="11">',
        f"<title>{e(plan.title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<text x="{LEFT}" y="16" font-size="13" fill="#222">{e(plan.title)}</text>',
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#888"/>',
    ]
    if not plan.dots:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" fill="#666">'
            "No dated statements</text>"
        )
    else:
        for tick_x, label in plan.ticks:
            parts.append(
                f'<line x1="{tick_x:.1f}" y1="{base}" x2="{tick_x:.1f}" y2="{base + 4}"'
                f' stroke="#888"/><text x="{tick_x:.1f}" y="{base + 16}"'
                f' text-anchor="middle" fill="#444">{e(label)}</text>'
            )
        parts.append(
            f'<text x="12" y="{(TOP + base) / 2}" fill="#444" text-anchor="middle"'
            f' transform="rotate(-90 12 {(TOP + base) / 2})">reports</text>'
        )
        for label_y, label in plan.y_labels:
            parts.append(
                f'<text x="{LEFT - 6}" y="{label_y + 4:.1f}" text-anchor="end"'
                f' fill="#444">{e(label)}</text>'
            )
        for dot in plan.dots:
            point = dot.point
            text = point.text if len(point.text) <= TITLE_CHARS else point.text[:TITLE_CHARS] + "…"
            reports = f"{point.reports} report{'s' if point.reports != 1 else ''}"
            mark = (
                f'<circle cx="{dot.x:.1f}" cy="{dot.y:.1f}" r="6"'
                f' fill="#1f5fa8" fill-opacity="0.7" stroke="#0b2f57">'
                f"<title>{e(point.said_on.isoformat())} ({e(reports)}): {e(text)}</title>"
                "</circle>"
            )
            if link:
                href = link.replace("{id}", point.statement_id)
                mark = f'<a href="{e(href)}" class="dot">{mark}</a>'
            parts.append(mark)
    if plan.undated:
        parts.append(
            f'<text x="{WIDTH - RIGHT}" y="16" text-anchor="end" fill="#666">'
            f"{plan.undated} undated not shown</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def render_png(line: Timeline, scale: int = 2) -> bytes:
    """The same chart as a PNG, drawn with Pillow at `scale` times the SVG size."""
    from PIL import Image, ImageDraw, ImageFont

    plan = layout(line)
    image = Image.new("RGB", (WIDTH * scale, HEIGHT * scale), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=11 * scale)
    title_font = ImageFont.load_default(size=13 * scale)

    def at(x: float, y: float) -> tuple[float, float]:
        return x * scale, y * scale

    base = plan.base
    draw.text(at(LEFT, 4), plan.title, fill="#222", font=title_font)
    draw.line([at(LEFT, base), at(WIDTH - RIGHT, base)], fill="#888", width=scale)
    if not plan.dots:
        draw.text(
            at(WIDTH / 2, HEIGHT / 2), "No dated statements", fill="#666", font=font, anchor="mm"
        )
    for tick_x, label in plan.ticks:
        draw.line([at(tick_x, base), at(tick_x, base + 4)], fill="#888", width=scale)
        draw.text(at(tick_x, base + 12), label, fill="#444", font=font, anchor="mm")
    for label_y, label in plan.y_labels:
        draw.text(at(LEFT - 6, label_y), label, fill="#444", font=font, anchor="rm")
    for dot in plan.dots:
        x, y = at(dot.x, dot.y)
        radius = 6 * scale
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius],
            fill="#6f97c8",
            outline="#0b2f57",
            width=scale,
        )
    if plan.undated:
        draw.text(
            at(WIDTH - RIGHT, 10),
            f"{plan.undated} undated not shown",
            fill="#666",
            font=font,
            anchor="rm",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def write(line: Timeline, out: Path) -> None:
    """Write the chart as SVG or PNG, chosen by the file's suffix."""
    suffix = out.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise BadParameter(f"{out}: the chart is written as .svg or .png; pick one of those.")
    if suffix == ".png":
        out.write_bytes(render_png(line))
    else:
        out.write_text(render_svg(line, link=None) + "\n", encoding="utf-8")
