"""Scorers: small pure functions over gold and predicted values, kept apart from the loaders."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]  # [start, end) offsets


@dataclass(frozen=True)
class PRF:
    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def span_prf(gold: Iterable[Span], predicted: Iterable[Span], mode: str = "exact") -> PRF:
    """Precision/recall of predicted spans against gold spans, one-to-one.

    mode "exact": same start and end; "overlap": any shared character (each gold matched at most once).
    """
    gold = sorted(set(gold))
    predicted = sorted(set(predicted))
    if mode == "exact":
        tp = len(set(gold) & set(predicted))
        return PRF(tp, len(predicted) - tp, len(gold) - tp)
    if mode != "overlap":
        raise ValueError(f"mode must be 'exact' or 'overlap', not {mode!r}")
    used: set[int] = set()
    tp = 0
    for p in predicted:
        for i, g in enumerate(gold):
            if i not in used and overlaps(p, g):
                used.add(i)
                tp += 1
                break
    return PRF(tp, len(predicted) - tp, len(gold) - tp)


def set_prf(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> PRF:
    """Multiset precision/recall (e.g. head words, tokens)."""
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return PRF(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def distance_summary(errors_km: Sequence[float | None], threshold_km: float = 161.0) -> dict[str, float]:
    """Geocoding errors (None = no candidate): accuracy within the threshold over all, mean/median km over
    those placed, and the share with no candidate."""
    n = len(errors_km)
    placed = [e for e in errors_km if e is not None]
    return {
        "acc_161km": sum(1 for e in placed if e <= threshold_km) / n if n else 0.0,
        "mean_error_km": statistics.fmean(placed) if placed else 0.0,
        "median_error_km": statistics.median(placed) if placed else 0.0,
        "no_candidate": (n - len(placed)) / n if n else 0.0,
        "n": n,
    }


def accuracy(pairs: Iterable[tuple[Hashable, Hashable]]) -> float:
    pairs = list(pairs)
    return sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0


def label_f1(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, object]:
    """Accuracy, macro and weighted F1 over the gold labels, per-label F1 and the costliest confusions."""
    labels = sorted(set(gold), key=str)
    per: dict[Hashable, PRF] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        per[label] = PRF(tp, fp, fn)
    support = Counter(gold)
    n = len(gold)
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    return {
        "accuracy": accuracy(zip(gold, predicted, strict=True)),
        "macro_f1": statistics.fmean(per[label].f1 for label in labels) if labels else 0.0,
        "weighted_f1": sum(per[label].f1 * support[label] for label in labels) / n if n else 0.0,
        "per_label_f1": {str(label): per[label].f1 for label in labels},
        "confusions": [(str(g), str(p), k) for (g, p), k in confusions.most_common(15)],
    }
