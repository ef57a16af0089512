"""`make bench`: throughput and memory of ingesting FA-KES articles, beside a bare spaCy parse.

Runs, in one invocation:
1. warm-up (not timed as ingest): the spaCy model, the gazetteer (its index is built on first use), the
   event classifier's sentence-embedding model and one hand-made article through every stage, so lazily
   loaded tables are in memory; then one untimed parse of every text (`first_parse` in `load`): the
   process's first pass over new texts fills spaCy's caches (vocabulary entries, the rule lemmatizer's
   cache, the tokenizer's cache), which every later parse enjoys, so no timed run pays for them alone;
2. a bare parse of every text with the same model (`sitreps.nlp.load_nlp()`), batched as
   `sitreps.pipeline.ingest_articles` parses (`nlp.pipe` over `PARSE_BATCH` texts at a time), so the
   ratio isolates what sitreps adds;
3. one process: `ingest_articles` into a fresh SQLite file, with per-stage times and store/fuse times;
4. N worker processes (default one per core), each ingesting one shard with `ingest_articles` through its
   own `Store` on the same fresh SQLite file (WAL, the store's documented way to have concurrent writers).
   Every worker fuses when its shard is done (`ingest_articles` ends with `Store.refuse`); the last fusion
   sees every article, so the file ends up the same as in the one-process run.

With `--repeat N` steps 2 and 3 alternate N times in the same process (a fresh SQLite file each time); every
round is reported, and the headline numbers are the medians (bare parse, ingest, their ratio), with CPU
seconds (`time.process_time`, little disturbed by other processes) beside wall seconds, and the ingest's own
parse stage beside the bare parse of the same round, so the two parses can be seen to agree.

Prints a table and writes `bench/results.json`.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import multiprocessing as mp
import os
import platform
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sitreps.model import Article
from sitreps.pipeline import PARSE_BATCH, STAGES, StageTimer, analyse, ingest_articles
from sitreps.store import Store

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "results.json"

# One article that wakes every stage (places, dates, tolls, actors, a claim) before anything is timed.
WARMUP_TEXT = (
    "BEIRUT, March 3 (Reuters) - Air strikes killed at least 12 civilians in the town of Saraqeb in "
    "Syria's Idlib province on Tuesday, the Syrian Observatory for Human Rights said. Rebels said "
    "government forces shelled villages near Aleppo, wounding dozens of people."
)

# FA-KES dates are month/day/year ("4/17/2016"); a first field over 12 can only be a day.
_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


# ------------------------------------------------------------------------------------------ input


def parse_publication_date(value: str) -> date | None:
    """The publication date of an FA-KES `date` cell: m/d/yyyy (d/m/yyyy when unambiguous) or ISO."""
    value = (value or "").strip()
    if not value:
        return None
    m = _SLASHED.match(value)
    try:
        if m:
            a, b, year = (int(g) for g in m.groups())
            month, day = (b, a) if a > 12 else (a, b)
            return date(year, month, day)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_fa_kes(paths: Iterable[Path], limit: int | None = None) -> list[Article]:
    """Articles from FA-KES CSV files (unit_id, article_title, article_content, source, date, ...)."""
    articles: list[Article] = []
    for path in sorted(paths):
        with open(path, newline="", encoding="utf-8") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                text = (row.get("article_content") or "").strip()
                if not text:
                    continue
                published = parse_publication_date(row.get("date", ""))
                articles.append(
                    Article(
                        text=text,
                        title=(row.get("article_title") or "").strip(),
                        outlet=(row.get("source") or "").strip(),
                        published=published,
                        published_source="metadata" if published else "none",
                        path=f"{path.name}:{row.get('unit_id') or i}",
                    )
                )
                if limit is not None and len(articles) >= limit:
                    return articles
    return articles


def word_count(texts: Iterable[str]) -> int:
    """Whitespace-separated words, the unit of words/s."""
    return sum(len(t.split()) for t in texts)


# ------------------------------------------------------------------------------------------ memory


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb(field: str = "VmRSS") -> float:
    """Resident set size now (or `VmHWM`, this process image's own peak), in MB, from /proc.

    A spawned worker's ru_maxrss keeps the parent's peak across fork+exec, so workers use VmHWM.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


# ------------------------------------------------------------------------------------------ timing


class TimedStore:
    """A `Store` that adds up the seconds spent writing (store) and fusing (refuse) for the benchmark."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.store_s = self.store_cpu_s = 0.0
        self.fuse_s = self.fuse_cpu_s = 0.0

    def _timed(self, attr: str, fn, *args, **kwargs):
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            setattr(self, attr, getattr(self, attr) + time.perf_counter() - t0)
            cpu = attr.replace("_s", "_cpu_s")
            setattr(self, cpu, getattr(self, cpu) + time.process_time() - c0)

    def has_article(self, content_hash: str) -> bool:
        return self._timed("store_s", self.store.has_article, content_hash)

    def add_analysis(self, analysis):
        return self._timed("store_s", self.store.add_analysis, analysis)

    def record_error(self, path: str, reason: str) -> None:
        return self._timed("store_s", self.store.record_error, path, reason)

    def refuse(self, *args, **kwargs) -> int:
        return self._timed("fuse_s", self.store.refuse, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def warm_up() -> dict[str, Any]:
    """Load the model and the gazetteer and run every stage once; returns load times and RSS."""
    from sitreps.gazetteer import get_gazetteer, index_path
    from sitreps.nlp import load_nlp

    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    load_nlp()
    out["model_load_s"] = time.perf_counter() - t0
    out["gazetteer_index_built"] = not index_path().exists()
    t0 = time.perf_counter()
    get_gazetteer()
    out["gazetteer_load_s"] = time.perf_counter() - t0  # includes the one-off build when it happened
    t0 = time.perf_counter()
    try:  # the event classifier's sentence embeddings load on the first sentence that asks for them
        from sitreps.embeddings import load_static_model

        load_static_model()
    except (ImportError, FileNotFoundError):
        pass
    out["embeddings_load_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    try:
        analyse(Article(text=WARMUP_TEXT, title="warm-up", published=date(2016, 3, 3)))
    except Exception as exc:  # a broken stage shows up as ingest errors; the benchmark still reports
        out["stage_warmup_error"] = f"{type(exc).__name__}: {exc}"
    out["stage_warmup_s"] = time.perf_counter() - t0
    out["rss_after_load_mb"] = current_rss_mb()
    return out


class GCClock:
    """CPU seconds the garbage collector runs while the block runs (`gc.callbacks`), and how often."""

    def __init__(self) -> None:
        self.seconds, self.collections, self._t0 = 0.0, 0, 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._t0 = time.process_time()
        else:
            self.seconds += time.process_time() - self._t0
            self.collections += 1

    def __enter__(self) -> GCClock:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)


def bare_parse(texts: list[str], batch_size: int = PARSE_BATCH) -> dict[str, Any]:
    """The same model over the same texts, in the same batches as `ingest_articles`, nothing else.

    `gc_s` is the collector's share (at Python's default threshold): next to nothing, so the ingest's
    raised threshold (`pipeline.INGEST_GC_THRESHOLD`) cannot make its own parse cheaper.
    """
    from sitreps.nlp import parse_batch

    with GCClock() as collector:
        t0, c0 = time.perf_counter(), time.process_time()
        tokens = 0
        for i in range(0, len(texts), batch_size):
            tokens += sum(len(doc) for doc in parse_batch(texts[i : i + batch_size]))
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"seconds": wall, "cpu_s": cpu, "tokens": tokens, "peak_rss_mb": peak_rss_mb(),
            "gc_s": collector.seconds, "gc_collections": collector.collections}


def _ingest(articles: list[Article], db_path: Path) -> dict[str, Any]:
    """`ingest_articles` into `db_path` with stage, store and fuse times (seconds of this process)."""
    timer = StageTimer()
    with Store(db_path) as store:
        timed = TimedStore(store)
        t0, c0 = time.perf_counter(), time.process_time()
        report = ingest_articles(articles, timed, timer=timer)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "seconds": wall,
        "cpu_s": cpu,
        "stage_seconds": dict(timer.seconds),
        "stage_cpu_seconds": {**timer.cpu_seconds, "store": timed.store_cpu_s, "fuse": timed.fuse_cpu_s},
        "store_s": timed.store_s,
        "fuse_s": timed.fuse_s,
        "articles_stored": report.articles_stored,
        "duplicates": report.duplicates,
        "errors": len(report.errors),
        "error_samples": [f"{e.path}: {e.reason}" for e in report.errors[:5]],
        "mentions": report.mentions,
        "events": report.events,
    }


def run_single(articles: list[Article], db_path: Path) -> dict[str, Any]:
    """One process: ingest every article into a fresh file."""
    result = _ingest(articles, db_path)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def _worker(shard: list[Article], db_path: str, ready, go, results) -> None:
    """One worker: warm up, say so, wait for the start signal, ingest its shard, send its numbers."""
    try:
        load = warm_up()
        ready.put(load)
        go.wait()
        result = _ingest(shard, Path(db_path))
        result["load"] = load
        result["peak_rss_mb"] = current_rss_mb("VmHWM")
        results.put(result)
    except BaseException as exc:  # the parent must hear about it rather than wait forever
        ready.put({"error": repr(exc)})
        results.put({"error": repr(exc)})
        raise


def run_workers(articles: list[Article], db_path: Path, workers: int) -> dict[str, Any]:
    """`workers` processes (spawned: no SQLite handle crosses a fork), each ingesting one shard.

    Shards are dealt round-robin so long and short articles spread evenly. The clock starts once every
    worker has loaded the model and gazetteer and stops when the last one has stored and fused.
    """
    ctx = mp.get_context("spawn")
    Store(db_path).close()  # create the schema once, before concurrent writers arrive
    ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    shards = [articles[i::workers] for i in range(workers)]
    procs = [ctx.Process(target=_worker, args=(s, str(db_path), ready, go, results)) for s in shards]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    loads = [ready.get() for _ in procs]
    startup = time.perf_counter() - t0
    errors = [x["error"] for x in loads if "error" in x]
    if errors:
        go.set()
        for p in procs:
            p.join()
        raise RuntimeError(f"worker failed to start: {errors[0]}")
    t0 = time.perf_counter()
    go.set()
    done = [results.get() for _ in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join()
    errors = [x["error"] for x in done if "error" in x]
    if errors:
        raise RuntimeError(f"worker failed: {errors[0]}")
    with Store(db_path) as store:
        summary = store.summary()
    stage_seconds = {s: sum(d["stage_seconds"].get(s, 0.0) for d in done) for s in STAGES}
    return {
        "workers": workers,
        "seconds": wall,
        "startup_s": startup,  # spawn + model/gazetteer load in every worker, not counted in `seconds`
        "stage_seconds": stage_seconds,  # summed over workers (CPU-seconds of analysis, not wall)
        "stage_cpu_seconds": {
            s: sum(d["stage_cpu_seconds"].get(s, 0.0) for d in done) for s in (*STAGES, "store", "fuse")
        },
        "cpu_s": sum(d["cpu_s"] for d in done),  # summed over workers
        "store_s": sum(d["store_s"] for d in done),
        "fuse_s": sum(d["fuse_s"] for d in done),
        "articles_stored": sum(d["articles_stored"] for d in done),
        "duplicates": sum(d["duplicates"] for d in done),
        "errors": sum(d["errors"] for d in done),
        "error_samples": [x for d in done for x in d["error_samples"]][:5],
        "mentions": sum(d["mentions"] for d in done),
        "events": summary["events"],
        "worker_rss_after_load_mb": [x["rss_after_load_mb"] for x in loads],
        "worker_peak_rss_mb": [d["peak_rss_mb"] for d in done],
        # the largest child, not a sum; floored at the parent's RSS when it spawned them (see above)
        "children_peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
    }


# ------------------------------------------------------------------------------------------ report


def _rates(seconds: float, n_articles: int, n_words: int) -> dict[str, float]:
    s = max(seconds, 1e-9)
    return {"articles_per_s": n_articles / s, "words_per_s": n_words / s}


def stage_shares(run: dict[str, Any]) -> dict[str, float]:
    """Each stage's share, plus store and fuse, of the time they add up to (fractions summing to 1)."""
    parts = {**run["stage_seconds"], "store": run["store_s"], "fuse": run["fuse_s"]}
    total = sum(parts.values()) or 1.0
    return {k: v / total for k, v in parts.items()}


def round_row(n: int, bare: dict[str, Any], single: dict[str, Any] | None) -> dict[str, Any]:
    """One round of `--repeat`: the bare parse and the ingest that followed it, wall and CPU seconds.

    `ingest_parse_s` is the ingest's own parse stage, to be read beside `bare_s` (the same model over the
    same texts in the same batches); `after_parse_s` is everything sitreps adds (stages, store, fusion).
    """
    row: dict[str, Any] = {"round": n, "bare_s": bare["seconds"], "bare_cpu_s": bare["cpu_s"],
                           "bare_gc_s": bare.get("gc_s", 0.0)}
    if single is not None:
        parse_s = single["stage_seconds"].get("parse", 0.0)
        parse_cpu = single["stage_cpu_seconds"].get("parse", 0.0)
        row.update({
            "ingest_s": single["seconds"],
            "ingest_cpu_s": single["cpu_s"],
            "ingest_parse_s": parse_s,
            "ingest_parse_cpu_s": parse_cpu,
            "after_parse_s": single["seconds"] - parse_s,
            "after_parse_cpu_s": single["cpu_s"] - parse_cpu,
            "ratio": single["seconds"] / max(bare["seconds"], 1e-9),
            "cpu_ratio": single["cpu_s"] / max(bare["cpu_s"], 1e-9),
        })
    return row


def medians(rounds: list[dict[str, Any]]) -> dict[str, float]:
    """The median of every measured column over the rounds, and the ratios of those medians.

    `ratio_of_medians` is ingest over bare parse (wall); `after_parse_ratio` what sitreps adds after its
    own parse, over the bare parse (the strict reading of the 1.25x target: parse + work <= 1.25 parse).
    """
    keys = [k for k in rounds[0] if k not in ("round", "ratio", "cpu_ratio")]
    out = {k: statistics.median(r[k] for r in rounds) for k in keys}
    if "ingest_s" in out:
        out["ratio_of_medians"] = out["ingest_s"] / max(out["bare_s"], 1e-9)
        out["cpu_ratio_of_medians"] = out["ingest_cpu_s"] / max(out["bare_cpu_s"], 1e-9)
        out["after_parse_ratio"] = out["after_parse_s"] / max(out["bare_s"], 1e-9)
        out["after_parse_cpu_ratio"] = out["after_parse_cpu_s"] / max(out["bare_cpu_s"], 1e-9)
    return out


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median wall time (the lower of the two middle ones for an even count), whose
    seconds and CPU seconds are then set to the medians over all runs; every run's numbers in `runs`."""
    walls = [r["seconds"] for r in runs]
    pick = dict(runs[walls.index(statistics.median_low(walls))])
    pick["seconds"] = statistics.median(walls)
    pick["cpu_s"] = statistics.median(r["cpu_s"] for r in runs)
    pick["runs"] = [{k: v for k, v in r.items() if k != "runs"} for r in runs]
    return pick


def machine_info() -> dict[str, Any]:
    """What the numbers were measured on."""
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def print_report(results: dict[str, Any]) -> None:
    """A rich table of the headline numbers and per-stage shares."""
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 110))  # piped output (make) would squeeze the table
    n, words = results["n_articles"], results["n_words"]
    load = results["load"]
    console.print(
        f"[bold]sitreps bench[/bold]: {n} articles, {words} words from {results['data']} "
        f"({results['machine']['cpu_count']} CPUs, Python {results['machine']['python']})"
    )
    console.print(
        f"load: model {load['model_load_s']:.2f} s, gazetteer {load['gazetteer_load_s']:.2f} s"
        f"{' (index built)' if load['gazetteer_index_built'] else ''}, stage warm-up "
        f"{load['stage_warmup_s']:.2f} s; RSS after load {load['rss_after_load_mb']:.0f} MB"
    )
    if "first_parse_s" in load:
        console.print(f"first (untimed) parse of the texts: {load['first_parse_s']:.2f} s "
                      f"({load['first_parse_cpu_s']:.2f} CPU s)")
    table = Table(title="throughput")
    for col in ("run", "seconds", "articles/s", "words/s", "x bare parse", "peak RSS MB", "events",
                "errors"):
        table.add_column(col, justify="left" if col == "run" else "right")
    bare = results["bare_parse"]
    table.add_row("bare spaCy parse", f"{bare['seconds']:.2f}", f"{bare['articles_per_s']:.2f}",
                  f"{bare['words_per_s']:.0f}", "1.00", f"{bare['peak_rss_mb']:.0f}", "", "")
    for key, label in (("single", "sitreps, 1 process"), ("workers", "sitreps, N workers")):
        run = results.get(key)
        if not run:
            continue
        if key == "workers":
            label = f"sitreps, {run['workers']} workers"
            rss = f"{max(run['worker_peak_rss_mb']):.0f} each"
        else:
            rss = f"{run['peak_rss_mb']:.0f}"
        table.add_row(label, f"{run['seconds']:.2f}", f"{run['articles_per_s']:.2f}",
                      f"{run['words_per_s']:.0f}", f"{run['ratio_to_bare_parse']:.2f}", rss,
                      str(run["events"]), str(run["errors"]))
    console.print(table)
    print_rounds(console, results)
    for key in ("single", "workers"):
        if (results.get(key) or {}).get("errors"):
            console.print(f"[red]{results[key]['errors']} articles failed analysis in the {key} run[/red]: "
                          "its times are not those of a working pipeline")
    if results.get("workers_error"):
        console.print(f"[red]worker run failed[/red]: {results['workers_error']}")
    if load.get("stage_warmup_error"):
        console.print(f"[red]warm-up article failed[/red]: {load['stage_warmup_error']}")
    for key in ("single", "workers"):
        run = results.get(key)
        if not run:
            continue
        title = "time per stage, 1 process" if key == "single" else (
            f"time per stage, {run['workers']} workers (summed over workers)")
        stages = Table(title=title)
        stages.add_column("stage")
        stages.add_column("seconds", justify="right")
        stages.add_column("CPU s", justify="right")
        stages.add_column("share", justify="right")
        parts = {**run["stage_seconds"], "store": run["store_s"], "fuse": run["fuse_s"]}
        cpu = run.get("stage_cpu_seconds", {})
        for name, share in run["stage_shares"].items():
            cpu_s = f"{cpu[name]:.2f}" if name in cpu else ""
            stages.add_row(name, f"{parts[name]:.2f}", cpu_s, f"{share:.1%}")
        console.print(stages)


def print_rounds(console, results: dict[str, Any]) -> None:
    """Every round of the bare parse and the one-process ingest, wall / CPU seconds, and the medians."""
    from rich.table import Table

    rounds = results.get("rounds") or []
    if not rounds or "ingest_s" not in rounds[0]:
        return
    table = Table(title="rounds (wall s / CPU s): bare parse, ingest, the ingest's own parse, the rest")
    for col in ("round", "bare parse", "ingest", "ingest's parse", "after parse", "x bare (wall)",
                "x bare (CPU)"):
        table.add_column(col, justify="right")

    def row(label: str, r: dict[str, Any], ratio: float, cpu_ratio: float) -> None:
        table.add_row(label, f"{r['bare_s']:.2f} / {r['bare_cpu_s']:.2f}",
                      f"{r['ingest_s']:.2f} / {r['ingest_cpu_s']:.2f}",
                      f"{r['ingest_parse_s']:.2f} / {r['ingest_parse_cpu_s']:.2f}",
                      f"{r['after_parse_s']:.2f} / {r['after_parse_cpu_s']:.2f}",
                      f"{ratio:.2f}", f"{cpu_ratio:.2f}")

    for r in rounds:
        row(str(r["round"]), r, r["ratio"], r["cpu_ratio"])
    m = results["medians"]
    row("median", m, m["ratio_of_medians"], m["cpu_ratio_of_medians"])
    console.print(table)
    console.print(
        f"after the parse (stages, store, fusion): {m['after_parse_ratio']:.2f}x the bare parse (wall), "
        f"{m['after_parse_cpu_ratio']:.2f}x (CPU); the ingest's parse is "
        f"{m['ingest_parse_s'] / max(m['bare_s'], 1e-9):.2f}x the bare parse (the collector ran "
        f"{m.get('bare_gc_s', 0.0):.2f} s of the bare parse)"
    )


def _say(message: str) -> None:
    print(f"bench: {message} ...", file=sys.stderr, flush=True)


def run_bench(
    data: Path, limit: int | None = None, workers: int | None = None, out: Path | None = DEFAULT_OUT,
    single: bool = True, repeat: int = 1,
) -> dict[str, Any]:
    """Run the whole benchmark and return (and, with `out`, write) the results.

    `repeat` rounds of bare parse then one-process ingest; `bare_parse` and `single` hold the medians.
    """
    repeat = max(1, repeat)
    files = [data] if data.is_file() else sorted(data.glob("*.csv"))
    if not files:
        raise SystemExit(f"no *.csv files in {data}")
    articles = read_fa_kes(files, limit)
    if not articles:
        raise SystemExit(f"no articles with text in {data}")
    texts = [a.text for a in articles]
    n, words = len(articles), word_count(texts)
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "data": str(data),
        "files": [f.name for f in files],
        "n_articles": n,
        "n_words": words,
        "repeat": repeat,
    }
    _say("loading the model and gazetteer")
    results["load"] = warm_up()
    # The first pass over these texts is dearer than any later one (spaCy's caches fill up on it); before
    # this pass, round 1's bare parse paid for it alone and the ingest's parse looked 0.84x the bare one.
    _say(f"first (untimed) parse of the {n} texts")
    first = bare_parse(texts)
    results["load"].update(first_parse_s=first["seconds"], first_parse_cpu_s=first["cpu_s"])
    bare_runs: list[dict[str, Any]] = []
    single_runs: list[dict[str, Any]] = []
    rounds: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="sitreps-bench-") as tmp:
        for k in range(1, repeat + 1):
            of = f" (round {k} of {repeat})" if repeat > 1 else ""
            gc.collect()  # every timed run starts without the previous run's garbage
            _say(f"bare spaCy parse ({n} articles, {words} words){of}")
            bare_runs.append(bare_parse(texts))
            if single:
                gc.collect()
                _say(f"sitreps ingest, 1 process ({n} articles){of}")
                single_runs.append(run_single(articles, Path(tmp) / f"single-{k}.db"))
            rounds.append(round_row(k, bare_runs[-1], single_runs[-1] if single else None))
        results["rounds"] = rounds
        results["medians"] = medians(rounds)
        # peak RSS of the bare parse: the first round's, before any ingest raised the process's peak
        bare = {**median_run(bare_runs), "peak_rss_mb": bare_runs[0]["peak_rss_mb"]}
        bare.update(_rates(bare["seconds"], n, words))
        results["bare_parse"] = bare

        def finish(run: dict[str, Any]) -> dict[str, Any]:
            run.update(_rates(run["seconds"], n, words))
            # the worker run too is divided by the one-process bare parse: it shows what workers buy back
            run["ratio_to_bare_parse"] = run["seconds"] / max(bare["seconds"], 1e-9)
            run["cpu_ratio_to_bare_parse"] = run["cpu_s"] / max(bare["cpu_s"], 1e-9)
            run["stage_shares"] = stage_shares(run)
            return run

        if single:
            results["single"] = finish(median_run(single_runs))
        if workers and workers > 0:
            _say(f"sitreps ingest, {workers} workers")
            try:
                results["workers"] = finish(run_workers(articles, Path(tmp) / "workers.db", workers))
            except RuntimeError as exc:  # keep the one-process numbers
                results["workers_error"] = str(exc)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    """Command line: `python bench/bench.py --data DIR [--limit N] [--workers N] [--repeat N] [--out F]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of FA-KES *.csv files (or one file)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes for the parallel run (default: one per core; 0 skips it)")
    parser.add_argument("--no-single", action="store_true", help="skip the one-process run")
    parser.add_argument("--repeat", type=int, default=1,
                        help="alternate the bare parse and the one-process ingest N times; report medians")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="results JSON (default bench/results.json)")
    args = parser.parse_args(argv)
    results = run_bench(args.data, args.limit, args.workers, args.out, single=not args.no_single,
                        repeat=args.repeat)
    print_report(results)
    if args.out is not None:
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
