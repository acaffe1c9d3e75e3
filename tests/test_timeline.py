"""The speaker timeline chart: data, SVG, escaping, and the `timeline` command."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotetrail import store
from quotetrail import timeline as tl
from quotetrail.cli import app
from quotetrail.errors import BadParameter, NotFound
from tests.web.conftest import build_db

SVG = "{http://www.w3.org/2000/svg}"


def line(*points: tuple[str, int], speaker: str = "Tom Reyes", undated: int = 0) -> tl.Timeline:
    return tl.Timeline(
        speaker_id=1,
        speaker=speaker,
        points=tuple(
            tl.TimelinePoint(f"s{i}", dt.date.fromisoformat(day), "day", f"quote {i}", reports)
            for i, (day, reports) in enumerate(points)
        ),
        undated=undated,
    )


def test_dots_are_placed_left_to_right_by_date() -> None:
    root = ET.fromstring(tl.render_svg(line(("2023-06-20", 1), ("2020-10-01", 3))))
    circles = root.findall(f".//{SVG}circle")
    xs = {c.find(f"{SVG}title").text.split()[0]: float(c.get("cx")) for c in circles}  # type: ignore[union-attr]
    assert xs["2020-10-01"] < xs["2023-06-20"]


def test_more_reports_sit_higher() -> None:
    root = ET.fromstring(tl.render_svg(line(("2021-01-01", 1), ("2021-02-01", 4))))
    low, high = (float(c.get("cy", "0")) for c in root.findall(f".//{SVG}circle"))
    assert high < low


def test_dots_link_to_their_statement() -> None:
    svg = tl.render_svg(line(("2021-01-01", 1)), link="/statements/{id}")
    assert '<a href="/statements/s0" class="dot">' in svg
    assert "<a " not in tl.render_svg(line(("2021-01-01", 1)), link=None)


def test_year_ticks_for_long_spans_and_month_ticks_for_short() -> None:
    years = tl.render_svg(line(("2015-03-01", 1), ("2023-06-20", 1)))
    months = tl.render_svg(line(("2023-03-01", 1), ("2023-06-20", 1)))
    assert ">2020</text>" in years
    assert ">Apr 2023</text>" in months


def test_hostile_names_and_quotes_are_escaped() -> None:
    hostile = tl.Timeline(
        1,
        "<script>alert(1)</script>",
        (
            tl.TimelinePoint(
                'x"><img src=x onerror=alert(1)>',
                dt.date(2020, 1, 1),
                None,
                "</title><script>alert(2)</script>",
                1,
            ),
        ),  # fmt: skip
        0,
    )
    svg = tl.render_svg(hostile)
    ET.fromstring(svg)  # still well-formed
    assert "<script>" not in svg and "<img" not in svg


def test_empty_timeline_says_so() -> None:
    svg = tl.render_svg(line(undated=2))
    assert "No dated statements" in svg and "2 undated not shown" in svg


def test_timeline_reads_dated_statements_from_the_store(tmp_path: Path) -> None:
    conn = store.connect(build_db(tmp_path / "t.db"), readonly=True)
    speaker_id, name = tl.resolve_speaker(conn, "tom reyes")
    found = tl.timeline(conn, speaker_id)
    assert name == "Tom Reyes"
    assert [p.said_on.isoformat() for p in found.points] == ["2020-10-01", "2023-06-20"]
    assert found.undated == 1


def test_unknown_speaker_is_not_found(tmp_path: Path) -> None:
    conn = store.connect(build_db(tmp_path / "t.db"), readonly=True)
    with pytest.raises(NotFound):
        tl.resolve_speaker(conn, "Nobody At All")


def test_write_refuses_other_suffixes(tmp_path: Path) -> None:
    with pytest.raises(BadParameter, match=".svg or .png"):
        tl.write(line(), tmp_path / "chart.gif")


def test_png_is_a_png_image_of_the_chart(tmp_path: Path) -> None:
    out = tmp_path / "chart.png"
    tl.write(line(("2021-01-01", 1), ("2021-03-01", 3)), out)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == tl.WIDTH * 2  # IHDR width, drawn at 2x


def test_timeline_command_writes_svg(tmp_path: Path) -> None:
    db = build_db(tmp_path / "t.db")
    out = tmp_path / "reyes.svg"
    result = CliRunner().invoke(app, ["timeline", "Tom Reyes", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().count("<circle") == 2


def test_timeline_command_unknown_speaker_exits_3(tmp_path: Path) -> None:
    db = build_db(tmp_path / "t.db")
    result = CliRunner().invoke(app, ["timeline", "Nobody", "--db", str(db)])
    assert result.exit_code == 3
