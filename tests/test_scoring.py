"""Scorers on tiny hand-made examples with known answers."""

import pytest

from sitreps.evaluate.scoring import PRF, distance_summary, haversine_km, label_f1, set_prf, span_prf


def test_prf_arithmetic():
    s = PRF(2, 1, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3)
    assert PRF(0, 0, 0).f1 == 0.0
    assert (PRF(1, 0, 0) + PRF(0, 1, 1)) == PRF(1, 1, 1)


def test_span_prf_exact_and_overlap():
    gold = [(0, 5), (10, 15), (20, 25)]
    pred = [(0, 5), (11, 15), (30, 31)]
    exact = span_prf(gold, pred, "exact")
    assert (exact.tp, exact.fp, exact.fn) == (1, 2, 2)
    loose = span_prf(gold, pred, "overlap")
    assert (loose.tp, loose.fp, loose.fn) == (2, 1, 1)
    # one gold span is matched by at most one prediction
    twice = span_prf([(0, 10)], [(0, 3), (5, 9)], "overlap")
    assert (twice.tp, twice.fp, twice.fn) == (1, 1, 0)


def test_set_prf_counts_multisets():
    s = set_prf(["a", "a", "b"], ["a", "c"])
    assert (s.tp, s.fp, s.fn) == (1, 1, 2)


def test_haversine_known_distance():
    # Aleppo to Damascus is about 310 km
    assert 300 < haversine_km(36.2021, 37.1343, 33.5138, 36.2765) < 320
    assert haversine_km(10, 10, 10, 10) == 0


def test_distance_summary():
    s = distance_summary([0.0, 100.0, 500.0, None])
    assert s["acc_161km"] == 0.5
    assert s["no_candidate"] == 0.25
    assert s["median_error_km"] == 100.0
    assert s["mean_error_km"] == pytest.approx(200.0)


def test_label_f1():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", "C"]
    m = label_f1(gold, pred)
    assert m["accuracy"] == 0.75
    assert m["per_label_f1"]["A"] == pytest.approx(2 / 3)
    assert m["per_label_f1"]["B"] == pytest.approx(2 / 3)
    assert m["per_label_f1"]["C"] == 1.0
    assert m["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)
    assert m["weighted_f1"] == pytest.approx((2 / 3 * 2 + 2 / 3 + 1) / 4)
    assert m["confusions"] == [("A", "B", 1)]
