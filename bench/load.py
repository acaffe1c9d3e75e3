"""Load test for the HTTP API: req/s and p50/p99 latency on a large database.

    .venv/bin/python bench/load.py [--db bench/out/load.db] [--statements 100000]
                                   [--requests 2000] [--concurrency 8]

Builds (or reuses) a database of synthetic statements written straight into
the schema with SQL, starts `quotetrail serve` on a free 127.0.0.1 port in a
subprocess, and times GET /api/statements?q=… and GET /api/trace?text=… with
a minimal keep-alive HTTP/1.1 client. Prints the figures and writes bench/results/load.json.
Targets on the 2-core dev machine: p99 < 100 ms for ?q= search, >= 300 req/s.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotetrail import store  # noqa: E402

SUBJECTS = (
    "the council", "the union", "our government", "the port authority", "the ministry",
    "the board", "this city", "the committee", "the company", "the mayor's office",
)  # fmt: skip
VERBS = (
    "will fund", "has blocked", "must review", "cannot ignore", "plans to cut", "will defend",
    "refuses to sell", "promised to rebuild", "is delaying", "wants to expand", "will publish",
    "has approved", "rejects", "supports", "opposes", "will investigate",
)  # fmt: skip
NOUNS = (
    "harbour", "barrier", "hospital", "school", "budget", "railway", "bridge", "pension",
    "contract", "maternity", "strike", "flood", "tariff", "housing", "reservoir", "tunnel",
    "library", "airport", "subsidy", "wage", "clinic", "ferry", "market", "museum", "stadium",
    "pipeline", "refinery", "shipyard", "orchard", "vineyard", "quarry", "factory", "warehouse",
    "terminal", "courthouse", "prison", "embassy", "treaty", "election", "referendum", "audit",
    "inquiry", "merger", "levy", "toll", "canal", "dam", "forest", "coastline", "fishery",
)  # fmt: skip
WHEN = (
    "before the winter", "this year", "by next spring", "within a month", "after the election",
    "without delay", "for the next decade", "despite the protests", "once the audit ends",
)  # fmt: skip
OUTLETS = tuple(f"Outlet {n}" for n in range(40))
SPEAKERS = 300
MENTIONS_PER_STATEMENT = (1, 1, 1, 2, 3)


def sentence(rng: random.Random) -> str:
    noun, other = rng.sample(NOUNS, 2)
    return (
        f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} the {noun} and the {other}"
        f" {rng.choice(WHEN)}, case {rng.randrange(1_000_000)}"
    )


def build(path: Path, statements: int, seed: int = 7) -> None:
    """Synthesise `statements` statements with 1-3 reports each, directly in SQL."""
    rng = random.Random(seed)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = store.connect(path)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO speakers (id, name) VALUES (?, ?)",
        [(i, f"Speaker {i}") for i in range(1, SPEAKERS + 1)],
    )
    conn.executemany(
        "INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)",
        [(i, f"Speaker {i}") for i in range(1, SPEAKERS + 1)],
    )
    article_id = 0
    mention_id = 0
    for number in range(statements):
        text = sentence(rng)
        speaker = rng.randrange(1, SPEAKERS + 1)
        said = f"{rng.randrange(2015, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        statement_id = hashlib.sha1(f"bench:{number}".encode()).hexdigest()[:16]
        conn.execute(
            "INSERT INTO statements (id, speaker_id, text, said_on, said_on_granularity,"
            " first_reported) VALUES (?, ?, ?, ?, 'day', ?)",
            (statement_id, speaker, text, said, said),
        )
        for _ in range(rng.choice(MENTIONS_PER_STATEMENT)):
            article_id += 1
            mention_id += 1
            wording = text if rng.random() < 0.7 else text.replace(" the ", " a ", 1)
            body = f"Report {article_id}.\n\n“{wording},” Speaker {speaker} said.\n"
            start = body.index(wording)
            conn.execute(
                'INSERT INTO stories (id, title, start, "end") VALUES (?, ?, ?, ?)',
                (article_id, f"Report {article_id}", said, said),
            )
            conn.execute(
                "INSERT INTO articles (id, source, content_hash, format, outlet, title, published,"
                " text, story_id, ingested_at) VALUES (?, ?, ?, 'text', ?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    f"https://news.example/{article_id}",
                    hashlib.sha256(body.encode()).hexdigest(),
                    rng.choice(OUTLETS),
                    f"Report {article_id}",
                    said,
                    body,
                    article_id,
                    "2025-01-01T00:00:00",
                ),
            )
            conn.execute(
                'INSERT INTO mentions (id, article_id, statement_id, kind, text, start, "end",'
                " cue, speaker_mention, speaker_name, speaker_id, confidence, said_on,"
                " said_on_granularity) VALUES (?, ?, ?, 'direct', ?, ?, ?, 'said', ?, ?, ?,"
                " 0.9, ?, 'day')",
                (
                    mention_id,
                    article_id,
                    statement_id,
                    wording,
                    start,
                    start + len(wording),
                    f"Speaker {speaker}",
                    f"Speaker {speaker}",
                    speaker,
                    said,
                ),
            )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()


def count_statements(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        return int(conn.execute("SELECT COUNT(*) FROM statements").fetchone()[0])
    except sqlite3.Error:
        return 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, url: str
) -> int:
    """One keep-alive HTTP/1.1 GET; returns the status. A bare client keeps the
    load generator's CPU use small, since it shares the cores with the server."""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(
        int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")
    )
    await reader.readexactly(length)
    return int(lines[0].split()[1])


async def hammer(base: str, urls: list[str], concurrency: int) -> tuple[list[float], float, int]:
    """Latencies (s), wall time (s) and error count for GETting every url."""
    latencies: list[float] = []
    errors = 0
    queue = list(reversed(urls))
    address = httpx.URL(base)
    host, port = address.host, address.port or 80

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while queue:
                url = queue.pop()
                began = time.perf_counter()
                status = await _get(reader, writer, f"{host}:{port}", url)
                latencies.append(time.perf_counter() - began)
                errors += status != 200
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, time.perf_counter() - began, errors


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def figures(
    latencies: list[float], wall: float, errors: int, concurrency: int, cpu: float
) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "concurrency": concurrency,
        "errors": errors,
        "req_per_s": round(len(ordered) / wall, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        # Server CPU per request does not depend on what else the machine runs;
        # 1000 / this is what one otherwise idle core could serve.
        "server_cpu_ms_per_request": round(cpu * 1000 / len(ordered), 2),
        "one_core_capacity_req_per_s": round(len(ordered) / cpu, 1) if cpu else 0.0,
    }


def workloads(path: Path, requests: int, seed: int = 11) -> dict[str, list[str]]:
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    texts = [
        row[0] for row in conn.execute("SELECT text FROM mentions ORDER BY random() LIMIT 500")
    ]
    conn.close()
    searches = []
    for _ in range(requests):
        words = rng.sample(NOUNS, rng.choice((1, 2)))
        searches.append("/api/statements?" + httpx.QueryParams({"q": " ".join(words)}).__str__())
    traces = []
    for _ in range(requests):
        words = rng.choice(texts).split()
        start = rng.randrange(0, max(1, len(words) - 8))
        fragment = " ".join(words[start : start + rng.randrange(6, 12)])
        traces.append("/api/trace?" + str(httpx.QueryParams({"text": fragment})))
    return {"statements_q": searches, "trace": traces}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "load.db")
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "load.json")
    args = parser.parse_args()

    if count_statements(args.db) < args.statements:
        began = time.perf_counter()
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build(args.db, args.statements)
        print(f"built {args.db} in {time.perf_counter() - began:.1f}s", file=sys.stderr)
    statements = count_statements(args.db)

    port = free_port()
    # The same app `quotetrail serve` runs, started through uvicorn's factory mode.
    env = {**os.environ, "QUOTETRAIL_INGEST_TOKEN": "", "QUOTETRAIL_DB": str(args.db)}
    command = [sys.executable, "-m", "uvicorn", "--factory", "quotetrail.web:create_app"]
    server = subprocess.Popen(
        [
            *command,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/api/speakers?limit=1", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start; run `quotetrail serve` to see why")
            time.sleep(0.2)
        results: dict[str, object] = {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
            "statements": statements,
            # Other work on the machine skews the figures; this says how busy it was.
            "load_average_1m_before": round(os.getloadavg()[0], 2),
            "server": "uvicorn, 1 process, 127.0.0.1 (as `quotetrail serve`)",
        }
        for name, urls in workloads(args.db, args.requests).items():
            asyncio.run(hammer(base, urls[:100], args.concurrency))  # warm-up
            cpu_before = cpu_seconds(server.pid)
            latencies, wall, errors = asyncio.run(hammer(base, urls, args.concurrency))
            cpu = cpu_seconds(server.pid) - cpu_before
            results[name] = figures(latencies, wall, errors, args.concurrency, cpu)
    finally:
        server.terminate()
        server.wait(timeout=10)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
