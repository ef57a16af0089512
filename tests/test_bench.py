"""Smoke test of `bench/bench.py` on three hand-made FA-KES-style articles (not a timing test)."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path

import pytest

BENCH_DIR = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH_DIR))  # spawned workers inherit sys.path, so they can import `bench` too

import bench  # noqa: E402

ARTICLES = [
    {
        "unit_id": "1",
        "article_title": "Air strikes hit market in Idlib",
        "article_content": (
            "IDLIB, Syria - Air strikes on a crowded market in the town of Maarat al-Numan killed at least "
            "14 civilians on Monday, a monitoring group said. Rescue workers said 30 people were wounded."
        ),
        "source": "Test Wire",
        "date": "4/18/2016",
        "location": "Idlib",
        "labels": "1",
    },
    {
        "unit_id": "2",
        "article_title": "Shelling in Aleppo",
        "article_content": (
            "Rebel shelling of a government-held district of Aleppo killed five people on Saturday, "
            "state media reported. The army said it had repelled an attack near the city."
        ),
        "source": "Other Agency",
        "date": "23/7/2016",
        "location": "Aleppo",
        "labels": "0",
    },
    {
        "unit_id": "3",
        "article_title": "Clashes near Homs",
        "article_content": (
            "Fighting between government forces and Islamic State militants near Palmyra in Homs province "
            "left 20 fighters dead, according to the Syrian Observatory for Human Rights."
        ),
        "source": "Test Wire",
        "date": "2016-03-27",
        "location": "Homs",
        "labels": "1",
    },
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fa_kes")
    with open(folder / "tiny.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(ARTICLES[0]))
        writer.writeheader()
        writer.writerows(ARTICLES)
        # an empty article is skipped, not counted
        writer.writerow({**ARTICLES[0], "unit_id": "4", "article_content": "  "})
    return folder


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("4/18/2016", date(2016, 4, 18)),
        ("4/5/2016", date(2016, 4, 5)),  # ambiguous: FA-KES is month first
        ("23/7/2016", date(2016, 7, 23)),  # a first field over 12 is a day
        ("2016-03-27", date(2016, 3, 27)),
        ("", None),
        ("13/13/2016", None),
    ],
)
def test_parse_publication_date(cell: str, expected: date | None) -> None:
    assert bench.parse_publication_date(cell) == expected


def test_read_fa_kes(data_dir: Path) -> None:
    articles = bench.read_fa_kes(data_dir.glob("*.csv"))
    assert [a.title for a in articles] == [r["article_title"] for r in ARTICLES]
    first = articles[0]
    assert first.outlet == "Test Wire"
    assert first.published == date(2016, 4, 18) and first.published_source == "metadata"
    assert first.path == "tiny.csv:1"
    assert len(bench.read_fa_kes(data_dir.glob("*.csv"), limit=2)) == 2
    assert bench.word_count(["a b  c", "d\ne"]) == 5


def test_stage_shares_add_up() -> None:
    run = {"stage_seconds": {"parse": 3.0, "places": 1.0}, "store_s": 0.5, "fuse_s": 0.5}
    shares = bench.stage_shares(run)
    assert shares == {"parse": 0.6, "places": 0.2, "store": 0.1, "fuse": 0.1}


def test_run_bench_end_to_end(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    results = bench.run_bench(data_dir, workers=2, out=out)
    saved = json.loads(out.read_text())
    assert saved["n_articles"] == 3
    assert saved["n_words"] == bench.word_count(r["article_content"] for r in ARTICLES)
    assert saved["machine"]["cpu_count"] >= 1 and saved["machine"]["python"]
    assert saved["load"]["rss_after_load_mb"] > 10
    # every text was parsed once, untimed, before the timed runs (the first pass is the dear one)
    assert saved["load"]["first_parse_s"] > 0 and saved["load"]["first_parse_cpu_s"] > 0
    assert saved["bare_parse"]["gc_s"] >= 0 and saved["bare_parse"]["gc_collections"] >= 0
    assert saved["bare_parse"]["seconds"] > 0 and saved["bare_parse"]["tokens"] > 50
    single, parallel = saved["single"], saved["workers"]
    for run in (single, parallel):
        assert run["articles_stored"] == 3 and run["errors"] == 0
        assert run["ratio_to_bare_parse"] > 0
        assert run["words_per_s"] == pytest.approx(saved["n_words"] / run["seconds"])
        assert set(run["stage_shares"]) == {*bench.STAGES, "store", "fuse"}
        assert sum(run["stage_shares"].values()) == pytest.approx(1.0)
        assert run["stage_seconds"]["parse"] > 0 and run["store_s"] > 0 and run["fuse_s"] > 0
    # the same articles into a fresh file give the same database, whether one process or two wrote it
    assert single["mentions"] > 0
    assert parallel["mentions"] == single["mentions"] and parallel["events"] == single["events"]
    assert parallel["workers"] == 2 and len(parallel["worker_peak_rss_mb"]) == 2
    assert parallel["children_peak_rss_mb"] > 10
    assert results["single"]["events"] == single["events"]
    bench.print_report(results)  # the table renders from these numbers


def test_broken_stage_is_reported_not_hidden(data_dir: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    def broken(*args):
        raise ValueError("stage broke")

    monkeypatch.setattr(bench.analyse.__globals__["events"], "find_events", broken)
    results = bench.run_bench(data_dir, workers=0, out=tmp_path / "r.json")
    assert "workers" not in results
    assert results["single"]["errors"] == 3 and results["single"]["articles_stored"] == 0
    assert "stage broke" in results["load"]["stage_warmup_error"]
    bench.print_report(results)
    assert "3 articles failed analysis" in capsys.readouterr().out


def test_repeat_alternates_rounds_and_reports_medians(
    data_dir: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    saved_runs = []
    real_single = bench.run_single

    def spy(articles, db_path):  # every round ingests into its own fresh file
        saved_runs.append(db_path)
        assert not db_path.exists()
        return real_single(articles, db_path)

    monkeypatch.setattr(bench, "run_single", spy)
    results = bench.run_bench(data_dir, workers=0, out=tmp_path / "r.json", repeat=3)
    saved = json.loads((tmp_path / "r.json").read_text())
    assert saved["repeat"] == 3 and len(set(saved_runs)) == 3
    rounds = saved["rounds"]
    assert [r["round"] for r in rounds] == [1, 2, 3]
    for r in rounds:
        assert r["bare_s"] > 0 and r["bare_cpu_s"] > 0 and r["ingest_s"] > r["ingest_parse_s"] > 0
        assert r["after_parse_s"] == pytest.approx(r["ingest_s"] - r["ingest_parse_s"])
        assert r["ratio"] == pytest.approx(r["ingest_s"] / r["bare_s"])
        assert 0 <= r["bare_gc_s"] < r["bare_cpu_s"]
    m = saved["medians"]
    assert m["bare_s"] == sorted(r["bare_s"] for r in rounds)[1]
    assert m["ingest_cpu_s"] == sorted(r["ingest_cpu_s"] for r in rounds)[1]
    assert m["ratio_of_medians"] == pytest.approx(m["ingest_s"] / m["bare_s"])
    # the headline keys hold the medians; every run stays listed
    single = saved["single"]
    assert single["seconds"] == m["ingest_s"] and saved["bare_parse"]["seconds"] == m["bare_s"]
    assert single["ratio_to_bare_parse"] == pytest.approx(m["ratio_of_medians"])
    assert len(single["runs"]) == 3 and len(saved["bare_parse"]["runs"]) == 3
    assert single["articles_stored"] == 3 and single["errors"] == 0
    assert set(single["stage_cpu_seconds"]) == {*bench.STAGES, "store", "fuse"}
    bench.print_report(results)
    printed = capsys.readouterr().out
    assert "median" in printed and "after the parse" in printed


def test_medians_of_even_rounds_average_the_middle() -> None:
    rows = [bench.round_row(k, {"seconds": b, "cpu_s": b},
                            {"seconds": i, "cpu_s": i, "stage_seconds": {"parse": p},
                             "stage_cpu_seconds": {"parse": p}})
            for k, (b, i, p) in enumerate([(10.0, 12.0, 8.0), (20.0, 30.0, 18.0)], 1)]
    m = bench.medians(rows)
    assert m["bare_s"] == 15.0 and m["ingest_s"] == 21.0 and m["after_parse_s"] == 8.0
    assert m["ratio_of_medians"] == pytest.approx(21.0 / 15.0)
    assert m["after_parse_ratio"] == pytest.approx(8.0 / 15.0)
    picked = bench.median_run([{"seconds": 3.0, "cpu_s": 1.0}, {"seconds": 1.0, "cpu_s": 2.0}])
    assert picked["seconds"] == 2.0 and picked["cpu_s"] == 1.5 and len(picked["runs"]) == 2


def test_gc_clock_counts_collections_inside_the_block_only() -> None:
    import gc

    with bench.GCClock() as clock:
        gc.collect()
        gc.collect()
    assert clock.collections == 2 and clock.seconds >= 0
    gc.collect()  # after the block: not counted, and the callback is gone
    assert clock.collections == 2 and clock._callback not in gc.callbacks
