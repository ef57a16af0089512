"""The fusion test set's loader and scorer, on tiny hand-made sets whose scores are worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitreps import evaluate
from sitreps.evaluate.loaders.fusion import FusionSetError, load_fusion
from sitreps.evaluate.tasks.fusion import (
    bcubed,
    fuse_reports,
    missed_incidents,
    neighbourhoods,
    pairwise_prf,
    score_clustering,
    together_pairs,
)

# Gold: incident X told by a, b, c; incident Y by d, e.
GOLD = {"X": {"a", "b", "c"}, "Y": {"d", "e"}}
# Prediction: a+b together, c wrongly with d, e alone.
PRED = {"ev1": {"a", "b"}, "ev2": {"c", "d"}, "ev3": {"e"}}
REPORTS = ["a", "b", "c", "d", "e"]


def test_together_pairs_are_unordered_and_skip_self_pairs():
    assert together_pairs({"k": ["b", "a", "a"], "j": ["c"]}) == {frozenset({"a", "b"})}


def test_pairwise_by_hand():
    # gold pairs ab ac bc de; predicted ab cd: one right, one wrong, three missed
    prf = pairwise_prf(GOLD, PRED)
    assert (prf.tp, prf.fp, prf.fn) == (1, 1, 3)
    assert prf.precision == pytest.approx(0.5) and prf.recall == pytest.approx(0.25)


def test_bcubed_by_hand():
    # precision per report: a 2/2, b 2/2, c 1/2, d 1/2, e 1/1 -> 4/5
    # recall per report:    a 2/3, b 2/3, c 1/3, d 1/2, e 1/2 -> 8/15
    p, r = bcubed(GOLD, PRED, REPORTS)
    assert p == pytest.approx(4 / 5) and r == pytest.approx(8 / 15)


def test_perfect_and_all_singletons():
    assert bcubed(GOLD, GOLD, REPORTS) == (pytest.approx(1.0), pytest.approx(1.0))
    # nothing fused: every report alone, precision is perfect, recall is 1/|incident| per report
    p, r = bcubed(GOLD, {}, REPORTS)
    assert p == pytest.approx(1.0) and r == pytest.approx((3 * 1 / 3 + 2 * 1 / 2) / 5)
    assert pairwise_prf(GOLD, {}).tp == 0 and pairwise_prf(GOLD, {}).fn == 4


def test_report_of_two_incidents():
    # r is a round-up of X and Y; fusing a, r and b into one event wrongly pairs a with b
    gold = {"X": {"a", "r"}, "Y": {"b", "r"}}
    pred = {"ev": {"a", "b", "r"}}
    prf = pairwise_prf(gold, pred)
    assert (prf.tp, prf.fp, prf.fn) == (2, 1, 0)
    assert neighbourhoods(gold, ["a", "b", "r"])["r"] == {"a", "b", "r"}
    p, r = bcubed(gold, pred, ["a", "b", "r"])
    assert p == pytest.approx((2 / 3 + 2 / 3 + 1) / 3) and r == pytest.approx(1.0)


def test_back_references_are_neither_required_nor_errors():
    # c reports incident Y but refers back to X; fusing c's back-reference with X costs nothing
    gold = {"X": {"a", "b"}, "Y": {"c"}}
    loose = {"X": {"a", "b", "c"}, "Y": {"c"}}
    pred = {"ev": {"a", "b", "c"}}
    assert pairwise_prf(gold, pred).precision == pytest.approx(1 / 3)
    assert pairwise_prf(gold, pred, loose).precision == pytest.approx(1.0)
    assert bcubed(gold, pred, ["a", "b", "c"], loose) == (pytest.approx(1.0), pytest.approx(1.0))
    # but a report fused with X only through a non-reference is still an error
    pred_d = {"ev": {"a", "b", "d"}}
    gold_d = {**gold, "Z": {"d"}}
    assert pairwise_prf(gold_d, pred_d, {**loose, "Z": {"d"}}).fp == 2


def test_score_clustering_counts():
    s = score_clustering(GOLD, PRED, REPORTS)
    assert s["events"] == 3 and s["multi_report_events"] == 2
    assert s["merging_events"] == 1  # ev2 joins c (X) and d (Y)
    assert s["incidents_exact"] == 0 and s["multi_report_incidents"] == 2
    s = score_clustering(GOLD, {"e1": {"a", "b", "c"}, "e2": {"d"}, "e3": {"e"}, "e4": {"a"}}, REPORTS)
    # X is exactly one event (an extra single-report event of `a` does not undo that); Y is split
    assert s["incidents_exact"] == 1 and s["multi_report_incidents_exact"] == 1
    assert s["pair_p"] == pytest.approx(1.0) and s["pair_r"] == pytest.approx(3 / 4)
    assert s["b3_p"] == pytest.approx(1.0)


def _write(path: Path, records: list[dict | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_loader_reads_records_in_order(tmp_path):
    path = _write(
        tmp_path / "anything.jsonl",
        [
            {"id": "r1", "outlet": "AFP", "published": "2024-03-12", "title": "T1", "text": "Body one.",
             "incidents": ["x"]},
            "",
            {"id": "r2", "outlet": "SOHR", "published": "2024-03-13T08:00:00", "title": "T2",
             "text": "Body two.", "incidents": "y", "also_mentions": ["x", "y"]},
        ],
    )
    r1, r2 = load_fusion(path)
    assert (r1.id, r1.outlet, r1.published.isoformat(), r1.incidents, r1.line) == (
        "r1", "AFP", "2024-03-12", ("x",), 1)
    assert (r2.published.isoformat(), r2.incidents, r2.also_mentions, r2.line) == (
        "2024-03-13", ("y",), ("x",), 3)


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "r1", "text": "Body.", "incidents": []},
        {"id": "", "text": "Body.", "incidents": ["x"]},
        {"id": "r1", "text": "Body.", "incidents": ["x"], "also_mentions": [3]},
        "{not json",
    ],
)
def test_loader_rejects_records_it_cannot_score(tmp_path, bad):
    with pytest.raises(FusionSetError):
        load_fusion(_write(tmp_path / "bad.jsonl", [bad]))


def test_loader_rejects_duplicate_ids(tmp_path):
    rec = {"id": "r1", "text": "Body.", "incidents": ["x"]}
    with pytest.raises(FusionSetError, match="duplicate"):
        load_fusion(_write(tmp_path / "dup.jsonl", [rec, rec]))


def test_files_found_under_any_name_and_absent_elsewhere(tmp_path):
    rec = {"id": "r1", "text": "Body.", "incidents": ["x"]}
    _write(tmp_path / "with" / "fusion" / "my_reports.jsonl", [rec])
    (tmp_path / "without" / "other").mkdir(parents=True)
    assert [p.name for p in evaluate.task_files("fusion", tmp_path / "with")] == ["my_reports.jsonl"]
    assert "fusion" not in evaluate.available(tmp_path / "without")


def test_fuse_reports_maps_events_back_to_reports(tmp_path):
    """One small real ingest: every fused event is traced to the report ids it came from."""
    records = [
        {"id": "afp", "outlet": "AFP", "published": "2024-06-16", "title": "Attack in Djibo",
         "text": "Jihadists attacked a military base in Djibo in northern Burkina Faso on Sunday, "
                 "killing at least 30 soldiers, security sources said.", "incidents": ["djibo"]},
        {"id": "rfi", "outlet": "RFI", "published": "2024-06-17", "title": "Djibo attacked",
         "text": "Armed men attacked the army detachment in Djibo on Sunday and killed 40 soldiers, "
                 "local sources said on Monday.", "incidents": ["djibo"]},
    ]
    reports = load_fusion(_write(tmp_path / "fusion.jsonl", records))
    groups, events, errors = fuse_reports(reports)
    assert errors == []
    assert len(events) == len(groups) >= 1
    assert set().union(*groups.values()) == {"afp", "rfi"}  # both reports yield events, traced back
    assert all(groups[ev.event_id] for ev in events)


def test_missed_incidents_lists_splits_and_merges():
    rows = missed_incidents(GOLD, GOLD, PRED)
    assert rows == [("X", "a, b, c", "{a, b}; {c, d}"), ("Y", "d, e", "{c, d}; {e}")]
    assert missed_incidents(GOLD, GOLD, GOLD) == []
