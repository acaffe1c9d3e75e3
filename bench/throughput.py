#!/usr/bin/env python3
"""Throughput, memory and cost-growth bench (issue 6).

    .venv/bin/python bench/throughput.py [--sizes 1000,5000,10000] [--workers N]

Ingests the first N articles of ../shared/data/allsides/articles.jsonl.gz into
a fresh database for each size and reports articles/s, words/s, peak RSS of
the whole process tree, and where the time goes. In the same run it times the
naive baseline (the full en_core_web_sm pipeline over every article's whole
text with `nlp.pipe(n_process=2)`), a per-stage profile (workers=1 on a small
slice), and the incremental cost of adding 500 new articles (PolNeAR train
texts) to the databases already built. Figures go to bench/results/
throughput.json and throughput.md and are printed.

Each measurement runs in its own child process (this file with a `child-*`
verb), so that wall time includes start-up and the RSS sampler sees only the
measured process tree. Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ALLSIDES = SHARED / "data" / "allsides" / "articles.jsonl.gz"
POLNEAR = SHARED / "data" / "polnear" / "train" / "text"
RESULTS = ROOT / "bench" / "results"
MARK = "BENCH_JSON "
# 0.1 s: long enough that reading /proc costs <1% of a core, short enough that a
# worker's model load (several seconds) cannot slip between two samples.
SAMPLE_INTERVAL_S = 0.1
TARGET_RATIO = 0.33
TARGET_RSS_MB = 1500
PAGE = os.sysconf("SC_PAGE_SIZE")


# --- process-tree memory ------------------------------------------------------------


def _proc_table() -> dict[int, tuple[int, int]]:
    """pid -> (ppid, rss bytes) for every process visible in /proc."""
    table: dict[int, tuple[int, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        table[int(entry)] = (int(fields[1]), int(fields[21]) * PAGE)
    return table


class TreeRss:
    """Samples the summed RSS of a process and all its descendants in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_tree = 0
        self.peak_process = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            table = _proc_table()
            children: dict[int, list[int]] = {}
            for pid, (ppid, _) in table.items():
                children.setdefault(ppid, []).append(pid)
            total, stack = 0, [self.pid]
            while stack:
                pid = stack.pop()
                if pid in table:
                    rss = table[pid][1]
                    total += rss
                    self.peak_process = max(self.peak_process, rss)
                stack.extend(children.get(pid, ()))
            self.peak_tree = max(self.peak_tree, total)
            self._stop.wait(SAMPLE_INTERVAL_S)


def run_child(args: list[str], extra_env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run this file with a child verb; return its JSON plus wall time and peak RSS."""
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    load_before = os.getloadavg()[0]
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(extra_env or {})}
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    with TreeRss(proc.pid) as rss:
        stdout, _ = proc.communicate()
    wall = time.perf_counter() - start
    lines = [line for line in stdout.splitlines() if line.startswith(MARK)]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"bench child {args[0]} failed (exit {proc.returncode}): {stdout[-2000:]}")
    result: dict[str, Any] = json.loads(lines[-1][len(MARK) :])
    result["wall_s"] = round(wall, 2)
    result["peak_rss_tree_mb"] = round(rss.peak_tree / 2**20, 1)
    result["peak_rss_process_mb"] = round(rss.peak_process / 2**20, 1)
    # The machine may be shared: a 1-minute load above the core count means contention.
    result["load_avg_1m"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return result


# --- timers (used inside child processes) -------------------------------------------


class Timers:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.calls[name] = self.calls.get(name, 0) + 1

    def wrap(self, module: Any, attr: str, name: str) -> None:
        original: Callable[..., Any] = getattr(module, attr)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - start)

        setattr(module, attr, timed)

    def wrap_generator(self, module: Any, attr: str, name: str) -> None:
        original: Callable[..., Iterator[Any]] = getattr(module, attr)

        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            iterator = original(*args, **kwargs)
            while True:
                start = time.perf_counter()
                try:
                    item = next(iterator)
                except StopIteration:
                    self.add(name, time.perf_counter() - start)
                    return
                self.add(name, time.perf_counter() - start)
                yield item

        setattr(module, attr, timed)

    def rounded(self) -> dict[str, dict[str, float]]:
        return {
            name: {"seconds": round(sec, 3), "calls": self.calls[name]}
            for name, sec in sorted(self.seconds.items(), key=lambda kv: -kv[1])
        }


def _wrap_store(timers: Timers) -> None:
    from quotetrail import align, people, store, stories

    timers.wrap(store, "add_article", "store.add_article (incl. people, align, stories)")
    timers.wrap(store, "has_article", "store.has_article")
    timers.wrap(store.Batch, "commit", "store.Batch.commit (batched transactions)")
    timers.wrap(people, "assign_speakers", "people.assign_speakers")
    timers.wrap(align, "assign_statements", "align.assign_statements")
    timers.wrap(stories, "assign_story", "stories.assign_story")


def _wrap_pipeline(timers: Timers) -> None:
    from spacy.language import Language

    from quotetrail import attribute, clean, dates, meta, quotes, read

    timers.wrap_generator(read, "read_paths", "read.read_paths")
    timers.wrap(clean, "clean", "clean.clean")
    timers.wrap(meta, "extract_meta", "meta.extract_meta")
    timers.wrap(quotes, "find_quotes", "quotes.find_quotes")
    timers.wrap(attribute, "attribute", "attribute.attribute")
    timers.wrap(dates, "date_mentions", "dates.date_mentions")

    def kind(nlp: Any) -> str:
        return "parser" if "parser" in nlp.pipe_names else "tokenizer"

    call = Language.__call__
    pipe = Language.pipe

    def timed_call(self: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return call(self, *args, **kwargs)
        finally:
            timers.add(f"spacy {kind(self)} (inside the stages above)", time.perf_counter() - start)

    def timed_pipe(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        name = f"spacy {kind(self)} (inside the stages above)"
        iterator = pipe(self, *args, **kwargs)
        while True:
            start = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                timers.add(name, time.perf_counter() - start)
                return
            timers.add(name, time.perf_counter() - start)
            yield item

    Language.__call__ = timed_call  # type: ignore[method-assign]
    Language.pipe = timed_pipe  # type: ignore[method-assign]


def _counts(db: Path) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return {
            table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("articles", "mentions", "statements", "speakers", "stories")
        }
    finally:
        conn.close()


def child_ingest(db: Path, inputs: list[str], workers: int, profile: bool) -> dict[str, Any]:
    """One ingest; store-side timers always, per-article stage timers when profiling."""
    import_start = time.perf_counter()
    from quotetrail import ingest, store

    timers = Timers()
    _wrap_store(timers)
    if profile:
        _wrap_pipeline(timers)
        from quotetrail import nlp

        load_start = time.perf_counter()
        nlp.tokenizer()
        nlp.parser()
        timers.add("model load (once per process)", time.perf_counter() - load_start)
    # Store time per block of 1,000 articles: the curve of across-article cost with db size.
    # Batch.add covers add_article and the batched commits it triggers.
    blocks: list[float] = []
    add_article = store.Batch.add

    def counted(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return add_article(*args, **kwargs)
        finally:
            if not blocks or counted.n % 1000 == 0:  # type: ignore[attr-defined]
                blocks.append(0.0)
            blocks[-1] += time.perf_counter() - start
            counted.n += 1  # type: ignore[attr-defined]

    counted.n = 0  # type: ignore[attr-defined]
    store.Batch.add = counted  # type: ignore[method-assign]
    start = time.perf_counter()
    report = ingest.ingest(inputs, db, workers=workers)
    elapsed = time.perf_counter() - start
    return {
        "import_s": round(start - import_start, 3),
        "ingest_s": round(elapsed, 3),
        "read": report.read,
        "new": report.new,
        "duplicate": report.duplicate,
        "failed": report.failed,
        "failure_examples": [f"{f.source}: {f.reason}" for f in report.failures[:5]],
        "counts": _counts(Path(db)),
        "timers": timers.rounded(),
        "store_s_per_1k_block": [round(b, 2) for b in blocks],
    }


def child_baseline(slice_path: Path, n_process: int, batch_size: int, ops: str) -> dict[str, Any]:
    """The peers' way: the full pipeline over every article's whole text.

    `ops="default"` loads en_core_web_sm as the peers do (thinc's BLIS); `ops="openblas"`
    loads it the way quotetrail does (nlp.parser), to show what the ops change alone buys.
    """
    texts = [json.loads(line)["text"] for line in slice_path.open(encoding="utf-8")]
    start = time.perf_counter()
    from quotetrail import nlp

    model = nlp.parser() if ops == "openblas" else nlp.model_package().load()
    loaded = time.perf_counter()
    tokens = 0
    for doc in model.pipe(texts, n_process=n_process, batch_size=batch_size):
        tokens += len(doc)
    done = time.perf_counter()
    return {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "tokens": tokens,
        "model": f"{model.meta.get('name')} {model.meta.get('version')}",
        "pipes": list(model.pipe_names),
        "ops": ops,
        "n_process": n_process,
        "batch_size": batch_size,
        "load_s": round(loaded - start, 3),
        "pipe_s": round(done - loaded, 3),
    }


# --- orchestration ------------------------------------------------------------------


def write_slices(sizes: list[int], tmp: Path) -> dict[int, tuple[Path, int]]:
    """The first N records of the allsides file as plain JSONL, with word counts."""
    largest = max(sizes)
    handles = {n: (tmp / f"allsides_{n}.jsonl").open("wb") for n in sizes}
    words = dict.fromkeys(sizes, 0)
    with gzip.open(ALLSIDES, "rb") as stream:
        for index, line in enumerate(stream):
            if index >= largest:
                break
            count = len(json.loads(line).get("text", "").split())
            for n, handle in handles.items():
                if index < n:
                    handle.write(line)
                    words[n] += count
    for handle in handles.values():
        handle.close()
    return {n: (tmp / f"allsides_{n}.jsonl", words[n]) for n in sizes}


def polnear_paths(count: int) -> tuple[list[str], int]:
    paths = sorted(POLNEAR.glob("*.txt"))[:count]
    words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in paths)
    return [str(p) for p in paths], words


def copy_db(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


def ingest_run(
    db: Path, inputs: list[str], workers: int, tmp: Path, profile: bool
) -> dict[str, Any]:
    listing = tmp / f"{db.stem}.inputs"
    listing.write_text("\n".join(inputs), encoding="utf-8")
    args = ["child-ingest", "--db", str(db), "--inputs", str(listing), "--workers", str(workers)]
    return run_child(args + (["--profile"] if profile else []))


def bench(args: argparse.Namespace) -> dict[str, Any]:
    sizes = sorted(args.sizes)
    tmp = Path(tempfile.mkdtemp(prefix="qt-bench-"))
    result: dict[str, Any] = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "workers": args.workers,
        "words": "whitespace-separated words of the article text as read",
    }
    try:
        slice_sizes = sorted({*sizes, args.baseline_size, args.profile_size})
        slices = write_slices(slice_sizes, tmp)

        print(f"baseline: en_core_web_sm over {args.baseline_size} articles, n_process=2 ...")
        base_args = ["child-baseline", "--slice", str(slices[args.baseline_size][0]),
                     "--n-process", "2", "--batch-size", str(args.batch_size)]  # fmt: skip
        base = run_child([*base_args, "--ops", "default"])
        base["words_per_s"] = round(base["words"] / base["wall_s"], 1)
        base["words_per_s_pipe_only"] = round(base["words"] / base["pipe_s"], 1)
        result["baseline"] = base
        save(result, args.out)
        print(json.dumps(base))
        if args.baseline_openblas:
            print("baseline again on quotetrail's ops (OpenBLAS, one thread per process) ...")
            same_ops = run_child([*base_args, "--ops", "openblas"], {"OPENBLAS_NUM_THREADS": "1"})
            same_ops["words_per_s"] = round(same_ops["words"] / same_ops["wall_s"], 1)
            result["baseline_openblas"] = same_ops
            save(result, args.out)
            print(json.dumps(same_ops))
        seconds_per_word = base["wall_s"] / base["words"]

        print(f"profile: workers=1 over {args.profile_size} articles ...")
        prof = ingest_run(
            tmp / "profile.db", [str(slices[args.profile_size][0])], 1, tmp, profile=True
        )
        prof["articles"] = args.profile_size
        prof["words"] = slices[args.profile_size][1]
        result["profile"] = prof
        save(result, args.out)
        print(json.dumps(prof["timers"], indent=1))

        runs = []
        dbs: dict[int, Path] = {}
        for n in sizes:
            print(f"ingest: {n} articles, workers={args.workers} ...")
            db = tmp / f"size_{n}.db"
            run = ingest_run(db, [str(slices[n][0])], args.workers, tmp, profile=False)
            dbs[n] = db
            words = slices[n][1]
            measured = n == base["articles"]
            baseline_s = base["wall_s"] if measured else seconds_per_word * words
            run.update(
                articles=n,
                words=words,
                articles_per_s=round(n / run["wall_s"], 2),
                words_per_s=round(words / run["wall_s"], 1),
                s_per_1k_articles=round(run["wall_s"] / n * 1000, 2),
                baseline_s=round(baseline_s, 1),
                baseline_extrapolated=not measured,
                ratio_to_baseline=round(run["wall_s"] / baseline_s, 3),
            )
            runs.append(run)
            result["sizes"] = runs
            save(result, args.out)
            print(json.dumps({k: v for k, v in run.items() if k != "timers"}))

        if args.incremental and POLNEAR.is_dir():
            new_paths, new_words = polnear_paths(args.incremental)
            incremental = []
            for base_size in [0, *sizes]:
                db = tmp / f"incr_{base_size}.db"
                if base_size:
                    copy_db(dbs[base_size], db)
                print(f"incremental: {len(new_paths)} PolNeAR articles onto a {base_size} db ...")
                run = ingest_run(db, new_paths, args.workers, tmp, profile=False)
                run.update(
                    base_articles=base_size,
                    new_articles=len(new_paths),
                    new_words=new_words,
                    ms_per_new_article=round(run["wall_s"] / len(new_paths) * 1000, 1),
                )
                incremental.append(run)
                result["incremental"] = incremental
                save(result, args.out)
                print(json.dumps({k: v for k, v in run.items() if k != "timers"}))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def save(result: dict[str, Any], out: Path) -> None:
    """Write what is measured so far: a run cut short keeps its figures."""
    result["targets"] = targets(result)
    out.mkdir(parents=True, exist_ok=True)
    (out / "throughput.json").write_text(json.dumps(result, indent=2) + "\n")
    (out / "throughput.md").write_text(markdown(result) + "\n")


def targets(result: dict[str, Any]) -> dict[str, Any]:
    runs = result.get("sizes", [])
    found: dict[str, Any] = {
        "ratio_to_baseline_max": TARGET_RATIO,
        "ratio_met": all(r["ratio_to_baseline"] <= TARGET_RATIO for r in runs),
        "peak_rss_mb_max": TARGET_RSS_MB,
        "rss_met": all(r["peak_rss_tree_mb"] < TARGET_RSS_MB for r in runs),
    }
    if len(runs) > 1:
        first, last = runs[0], runs[-1]
        found["s_per_1k_growth_smallest_to_largest"] = round(
            last["s_per_1k_articles"] / first["s_per_1k_articles"], 3
        )
    incremental = result.get("incremental", [])
    if len(incremental) > 1:
        found["incremental_ms_per_article_growth_fresh_to_largest"] = round(
            incremental[-1]["ms_per_new_article"] / incremental[0]["ms_per_new_article"], 3
        )
    return found


# --- report -------------------------------------------------------------------------


def markdown(result: dict[str, Any]) -> str:
    out = [
        "# Throughput bench",
        "",
        f"Run {result['when']} on {result['machine']['cpus']} CPUs, Python "
        f"{result['machine']['python']}, `--workers {result['workers']}`. Data: the first N "
        "articles of allsides/articles.jsonl.gz. Wall time is the whole `ingest` process "
        "(start-up and model load included), reading through storing; words are "
        "whitespace-separated words of the article text. Peak RSS is the sum over the "
        "process tree (main process and workers), sampled every 0.1 s.",
        "",
    ]
    if result.get("note"):
        out += [f"**Note.** {result['note']}", ""]
    base = result.get("baseline")
    if base:
        out += [
            "## Baseline: full en_core_web_sm over every whole text",
            "",
            f"`nlp.pipe(texts, n_process={base['n_process']}, batch_size={base['batch_size']})` "
            f"over {base['articles']} articles ({base['words']:,} words): "
            f"{base['wall_s']} s wall (model load {base['load_s']} s, pipe {base['pipe_s']} s), "
            f"**{base['words_per_s']:,.0f} words/s** "
            f"({base['words_per_s_pipe_only']:,.0f} words/s counting the pipe alone); "
            f"peak RSS {base['peak_rss_tree_mb']} MB. Larger sizes are extrapolated per word "
            "from this measurement. The model is loaded as the peers load it (`load()`, "
            "thinc's default BLIS ops); the ratios below are against this baseline.",
            "",
        ]
    same_ops = result.get("baseline_openblas")
    if same_ops and base:
        runs_1k = [r for r in result.get("sizes", []) if r["articles"] == same_ops["articles"]]
        ratio = (
            f"; the {same_ops['articles']:,}-article pipeline run takes "
            f"{runs_1k[0]['wall_s'] / same_ops['wall_s']:.3f}× its time"
            if runs_1k
            else ""
        )
        out += [
            "The same baseline on quotetrail's ops (NumPy's OpenBLAS instead of BLIS, one "
            f"thread per process): {same_ops['wall_s']} s wall, "
            f"**{same_ops['words_per_s']:,.0f} words/s**{ratio}.",
            "",
        ]
    runs = result.get("sizes", [])
    if runs:
        out += [
            "## Complete pipeline",
            "",
            "| articles | words | wall s | articles/s | words/s | s per 1k articles "
            "| baseline s | ratio | peak RSS tree MB | largest process MB | mentions "
            "| statements | speakers | failed |",
            "|" + "---|" * 14,
        ]
        for r in runs:
            c = r["counts"]
            extra = " (extrap.)" if r["baseline_extrapolated"] else ""
            out.append(
                f"| {r['articles']:,} | {r['words']:,} | {r['wall_s']} | {r['articles_per_s']} "
                f"| {r['words_per_s']:,.0f} | {r['s_per_1k_articles']} | {r['baseline_s']}{extra} "
                f"| {r['ratio_to_baseline']} | {r['peak_rss_tree_mb']} "
                f"| {r['peak_rss_process_mb']} | {c['mentions']:,} | {c['statements']:,} "
                f"| {c['speakers']:,} | {r['failed']} |"
            )
        out += [
            "",
            "Store time (main process: people, align, stories) per block of 1k articles:",
            "",
        ]
        for r in runs:
            out.append(f"- {r['articles']:,}: {r['store_s_per_1k_block']}")
        out.append("")
    prof = result.get("profile")
    if prof:
        out += [
            f"## Stage profile (workers=1, {prof['articles']} articles, {prof['words']:,} words, "
            f"ingest {prof['ingest_s']} s)",
            "",
            "| stage | seconds | calls | ms per article |",
            "|---|---|---|---|",
        ]
        for name, t in prof["timers"].items():
            per = t["seconds"] / prof["articles"] * 1000
            out.append(f"| {name} | {t['seconds']} | {t['calls']} | {per:.1f} |")
        out.append("")
    incremental = result.get("incremental")
    if incremental:
        out += [
            "## Incremental cost",
            "",
            f"The same {incremental[0]['new_articles']} new articles (PolNeAR train texts, not "
            "in allsides) added to databases of each size. Proportional to the new articles "
            "means flat ms per new article.",
            "",
            "| db before | new articles | wall s | ms per new article | store s | align s |",
            "|---|---|---|---|---|---|",
        ]
        for r in incremental:
            timers = r["timers"]
            store_s = timers.get("store.add_article (incl. people, align, stories)", {})
            align_s = timers.get("align.assign_statements", {})
            out.append(
                f"| {r['base_articles']:,} | {r['new']} | {r['wall_s']} | "
                f"{r['ms_per_new_article']} | {store_s.get('seconds', 0)} | "
                f"{align_s.get('seconds', 0)} |"
            )
        out.append("")
    t = result.get("targets")
    if t:
        out += ["## Targets", ""]
        out.append(
            f"- pipeline time ≤ {t['ratio_to_baseline_max']}× baseline: "
            f"{'met' if t['ratio_met'] else 'MISSED'}"
        )
        out.append(f"- peak RSS < {t['peak_rss_mb_max']} MB: {'met' if t['rss_met'] else 'MISSED'}")
        if "s_per_1k_growth_smallest_to_largest" in t:
            out.append(
                "- seconds per 1k articles, largest size / smallest: "
                f"{t['s_per_1k_growth_smallest_to_largest']} (1.0 = linear)"
            )
        if "incremental_ms_per_article_growth_fresh_to_largest" in t:
            out.append(
                "- ms per new article, largest db / fresh db: "
                f"{t['incremental_ms_per_article_growth_fresh_to_largest']} "
                "(1.0 = proportional to the new articles only)"
            )
        out.append("")
    if result.get("analysis"):
        out += ["## Analysis", "", *result["analysis"], ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="verb")
    child = sub.add_parser("child-ingest")
    child.add_argument("--db", type=Path, required=True)
    child.add_argument("--inputs", type=Path, required=True)
    child.add_argument("--workers", type=int, default=1)
    child.add_argument("--profile", action="store_true")
    child_b = sub.add_parser("child-baseline")
    child_b.add_argument("--slice", type=Path, required=True)
    child_b.add_argument("--n-process", type=int, default=2)
    child_b.add_argument("--batch-size", type=int, default=32)
    child_b.add_argument("--ops", choices=["default", "openblas"], default="default")

    def sizes(text: str) -> list[int]:
        return [int(x) for x in text.split(",") if x.strip()]

    parser.add_argument("--sizes", type=sizes, default=[1000, 5000, 10000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--baseline-size", type=int, default=1000)
    # 32 articles per batch: 10% faster than 8 on 200 allsides articles here, and far
    # below spaCy's default of 1000, which would hold ~1M words of Docs per process.
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--no-baseline-openblas", dest="baseline_openblas", action="store_false",
        help="skip timing the baseline a second time on quotetrail's OpenBLAS ops",
    )  # fmt: skip
    parser.add_argument("--profile-size", type=int, default=200)
    parser.add_argument("--incremental", type=int, default=500)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    if args.verb == "child-ingest":
        inputs = args.inputs.read_text(encoding="utf-8").split("\n")
        found = child_ingest(args.db, inputs, args.workers, args.profile)
        print(MARK + json.dumps(found), flush=True)
        return 0
    if args.verb == "child-baseline":
        found = child_baseline(args.slice, args.n_process, args.batch_size, args.ops)
        print(MARK + json.dumps(found), flush=True)
        return 0

    if not ALLSIDES.is_file():
        print(f"skipped: {ALLSIDES} is not present (the bench needs ../shared/data)")
        return 0
    result = bench(args)
    save(result, args.out)
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
