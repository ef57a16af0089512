"""`make bench`: throughput and memory of ingesting FA-KES articles, beside a bare spaCy parse.

Runs, in one invocation:
1. warm-up (not timed as ingest): the spaCy model, the gazetteer (its index is built on first use), the
   event classifier's sentence-embedding model and one hand-made article through every stage, so lazily
   loaded tables are in memory;
2. a bare parse of every text with the same model (`sitreps.nlp.load_nlp()`), batched as
   `sitreps.pipeline.ingest_articles` parses (`nlp.pipe` over `PARSE_BATCH` texts at a time), so the
   ratio isolates what sitreps adds;
3. one process: `ingest_articles` into a fresh SQLite file, with per-stage times and store/fuse times;
4. N worker processes (default one per core), each ingesting one shard with `ingest_articles` through its
   own `Store` on the same fresh SQLite file (WAL, the store's documented way to have concurrent writers).
   Every worker fuses when its shard is done (`ingest_articles` ends with `Store.refuse`); the last fusion
   sees every article, so the file ends up the same as in the one-process run.

Prints a table and writes `bench/results.json`.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import os
import platform
import re
import resource
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
        self.store_s = 0.0
        self.fuse_s = 0.0

    def _timed(self, attr: str, fn, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            setattr(self, attr, getattr(self, attr) + time.perf_counter() - t0)

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


def bare_parse(texts: list[str], batch_size: int = PARSE_BATCH) -> dict[str, Any]:
    """The same model over the same texts, in the same batches as `ingest_articles`, nothing else."""
    from sitreps.nlp import parse_batch

    t0 = time.perf_counter()
    tokens = 0
    for i in range(0, len(texts), batch_size):
        tokens += sum(len(doc) for doc in parse_batch(texts[i : i + batch_size]))
    return {"seconds": time.perf_counter() - t0, "tokens": tokens, "peak_rss_mb": peak_rss_mb()}


def _ingest(articles: list[Article], db_path: Path) -> dict[str, Any]:
    """`ingest_articles` into `db_path` with stage, store and fuse times (seconds of this process)."""
    timer = StageTimer()
    with Store(db_path) as store:
        timed = TimedStore(store)
        t0 = time.perf_counter()
        report = ingest_articles(articles, timed, timer=timer)
        wall = time.perf_counter() - t0
    return {
        "seconds": wall,
        "stage_seconds": dict(timer.seconds),
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
        stages.add_column("share", justify="right")
        parts = {**run["stage_seconds"], "store": run["store_s"], "fuse": run["fuse_s"]}
        for name, share in run["stage_shares"].items():
            stages.add_row(name, f"{parts[name]:.2f}", f"{share:.1%}")
        console.print(stages)


def _say(message: str) -> None:
    print(f"bench: {message} ...", file=sys.stderr, flush=True)


def run_bench(
    data: Path, limit: int | None = None, workers: int | None = None, out: Path | None = DEFAULT_OUT,
    single: bool = True,
) -> dict[str, Any]:
    """Run the whole benchmark and return (and, with `out`, write) the results."""
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
    }
    _say("loading the model and gazetteer")
    results["load"] = warm_up()
    _say(f"bare spaCy parse ({n} articles, {words} words)")
    bare = bare_parse(texts)
    bare.update(_rates(bare["seconds"], n, words))
    results["bare_parse"] = bare
    def finish(run: dict[str, Any]) -> dict[str, Any]:
        run.update(_rates(run["seconds"], n, words))
        # the worker run too is divided by the one-process bare parse: it shows what the workers buy back
        run["ratio_to_bare_parse"] = run["seconds"] / max(bare["seconds"], 1e-9)
        run["stage_shares"] = stage_shares(run)
        return run

    with tempfile.TemporaryDirectory(prefix="sitreps-bench-") as tmp:
        if single:
            _say(f"sitreps ingest, 1 process ({n} articles)")
            results["single"] = finish(run_single(articles, Path(tmp) / "single.db"))
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
    """Command line: `python bench/bench.py --data DIR [--limit N] [--workers N] [--out FILE]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of FA-KES *.csv files (or one file)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes for the parallel run (default: one per core; 0 skips it)")
    parser.add_argument("--no-single", action="store_true", help="skip the one-process run")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="results JSON (default bench/results.json)")
    args = parser.parse_args(argv)
    results = run_bench(args.data, args.limit, args.workers, args.out, single=not args.no_single)
    print_report(results)
    if args.out is not None:
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
