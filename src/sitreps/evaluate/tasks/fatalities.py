"""`fatalities`: killed and injured counts of RAND incident descriptions against the analysts' totals.

Only the counts stage runs (on spaCy's `nlp.pipe`, two processes for big files): no places or actors
are needed to count. The rule that turns a description's tolls into one incident's numbers:
- tolls with `excluded` set (negated, hypothetical, cumulative) are dropped;
- within a sentence, the `best` values of distinct tolls of a kind are added ("two killed ... three
  more killed" = 5; the stage already keeps subsets like "including three children" apart);
- across sentences the largest sentence total is taken, because a description restates its toll
  ("killing three. The three victims were ...") far more often than it spreads it over sentences.
  `killed_exact_sum_all` reports the other rule (every toll of the description added) beside it.
A description with no toll counts 0. `*_stated` metrics cover the descriptions that state a number
(a digit or a number word). All rows are scored unless `--limit` caps them per file.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from sitreps.evaluate import TaskResult
from sitreps.evaluate.loaders.rand import Incident, load
from sitreps.model import Article, Toll

PATTERN = "rand/*.csv.gz"
BATCH_SIZE = 256
PARALLEL_FROM = 3000  # rows; below this, a second process costs more than it saves

NUMBER_WORD = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
    r"|thousand|dozens?|scores?)\b",
    re.IGNORECASE,
)


def states_number(description: str) -> bool:
    """Whether a description states a number (a digit or a number word)."""
    return NUMBER_WORD.search(description) is not None


def incident_counts(tolls: list[Toll], kind: str, pool: str = "max_sentence") -> int:
    """One incident's count of `kind` from its tolls (see the module docstring for the rule)."""
    per_sentence: Counter = Counter()
    for t in tolls:
        if t.kind == kind and not t.excluded:
            per_sentence[t.sentence] += t.best
    if not per_sentence:
        return 0
    return sum(per_sentence.values()) if pool == "sum" else max(per_sentence.values())


class _Tally:
    def __init__(self) -> None:
        self.rows: list[tuple[int | None, int | None, int, int, int, bool]] = []

    def add(self, inc: Incident, tolls: list[Toll]) -> None:
        self.rows.append(
            (
                inc.fatalities,
                inc.injuries,
                incident_counts(tolls, "killed"),
                incident_counts(tolls, "injured"),
                incident_counts(tolls, "killed", "sum"),
                states_number(inc.description),
            )
        )

    @staticmethod
    def _metrics(rows: list[tuple], suffix: str = "") -> dict[str, float]:
        killed = [(g, p) for g, _, p, _, _, _ in rows if g is not None]
        injured = [(g, p) for _, g, _, p, _, _ in rows if g is not None]
        summed = [(g, p) for g, _, _, _, p, _ in rows if g is not None]

        def exact(pairs: list[tuple[int, int]]) -> float:
            return sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0

        return {
            f"killed_exact{suffix}": exact(killed),
            f"injured_exact{suffix}": exact(injured),
            f"killed_mae{suffix}": sum(abs(g - p) for g, p in killed) / len(killed) if killed else 0.0,
            f"injured_mae{suffix}": sum(abs(g - p) for g, p in injured) / len(injured) if injured else 0.0,
            f"killed_exact_sum_all{suffix}": exact(summed),
            f"n{suffix}": len(rows),
        }

    def metrics(self) -> dict[str, float]:
        out = self._metrics(self.rows)
        out.update(self._metrics([r for r in self.rows if r[5]], "_stated"))
        nonzero = [(g, p) for g, _, p, _, _, _ in self.rows if g]
        out["killed_exact_when_gold_nonzero"] = (
            sum(g == p for g, p in nonzero) / len(nonzero) if nonzero else 0.0
        )
        return out


def _tolls_per_incident(incidents: list[Incident]):
    """(incident, tolls) pairs: the parse and the counts stage only."""
    from sitreps.nlp import load_nlp
    from sitreps.stages.counts import find_tolls

    nlp = load_nlp()
    n_process = 2 if len(incidents) >= PARALLEL_FROM else 1
    docs = nlp.pipe((i.description for i in incidents), batch_size=BATCH_SIZE, n_process=n_process)
    for inc, doc in zip(incidents, docs, strict=True):
        try:
            tolls = find_tolls(doc, Article(text=inc.description))
        except Exception:  # a stage bug on one row must not stop the measurement: it counts 0
            tolls = []
        yield inc, tolls


def evaluate(files: list[Path], limit: int | None) -> TaskResult:
    """Score each file and all rows pooled."""
    result = TaskResult("fatalities", "")
    total = _Tally()
    worst: list[tuple] = []
    for path in files:
        tally = _Tally()
        for inc, tolls in _tolls_per_incident(load(path, limit)):
            tally.add(inc, tolls)
            total.rows.append(tally.rows[-1])
            g, p = inc.fatalities, tally.rows[-1][2]
            if g is not None and g != p:
                worst.append((abs(g - p), inc.row_id, g, p, inc.description[:110]))
        result.sets[path.name] = tally.metrics()
    result.overall = total.metrics()
    worst.sort(key=lambda w: -w[0])
    result.details["largest killed errors (row | gold | sitreps | description)"] = [w[1:] for w in worst[:12]]
    return result
