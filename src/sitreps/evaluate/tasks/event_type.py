"""`sitreps evaluate event-type`: ACLED sub-event classification of CASE 2021 task 2 snippets.

sitreps' reading of a snippet: the rules propose, the trained classifier disposes. The candidates are
the sub-event types of every event mention sitreps finds in it, mapped to CASE 2021 codes by the one
table in `data/taxonomy.yaml` (`sitreps.taxonomy.lookup(sub).case2021`), plus the non-event kind
`stages.non_events.classify` names (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) when
its cues weigh enough. With one candidate, that is the reading; with several, the snippet's main event is
the candidate `stages.event_classifier` (trained on the team's own examples, never on CASE data) rates
highest. With none, the classifier's own reading of the snippet; the classifier's reading also wins when
it rates a code the rules did not read at least `event_classifier.OVERRIDE_PROBABILITY` (0.5, chosen by
5-fold cross-validation on the team's notes, not on CASE data: their accuracy 0.891 -> 0.953).
Only when the pipeline fails does the snippet get `NO_EVENT`, a label that is never gold: it always
counts as an error, and is not passed off as ACLED's "OTHER" (which would earn credit by chance).
`no_event_rate` shows how often sitreps abstains, and
`non_event_kinds` how often each non-event kind was predicted.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sitreps import taxonomy
from sitreps.evaluate import TaskResult
from sitreps.evaluate.loaders.case2021 import CaseSnippet, load_case2021
from sitreps.evaluate.scoring import label_f1
from sitreps.evaluate.scoring_events import analyse_safely, error_summary
from sitreps.stages import event_classifier, non_events

PATTERN = "case2021/*.tsv"
NO_EVENT = "NO_EVENT"


def candidate_labels(analysis, doc) -> list[str]:
    """CASE codes of the event mentions sitreps reads (in text order) and the non-event kind, if any."""
    out: list[str] = []
    for m in analysis.mentions:
        try:
            code = taxonomy.lookup(m.sub_event_type).case2021
        except KeyError:
            continue  # a sub-event type outside the table: no conflict event
        if code not in out:
            out.append(code)
    kind = non_events.classify(doc)
    if kind and kind not in out:
        out.append(kind)
    return out


def predict_label(text: str, errors: list[str]) -> str:
    """CASE 2021 code of the snippet's main event: the candidate the classifier rates highest (see the
    module's docstring); NO_EVENT when sitreps reads nothing (also when the pipeline fails)."""
    found = analyse_safely(text, errors)
    if found is None:
        return NO_EVENT
    analysis, doc = found
    # the rules' readings, the classifier choosing among several, and its own reading when the rules read
    # nothing or it rates another code at least OVERRIDE_PROBABILITY (chosen by CV on the team's notes)
    return event_classifier.choose_label(doc, candidate_labels(analysis, doc))


def score(gold: list[str], predicted: list[str]) -> dict[str, object]:
    """Accuracy, macro/weighted F1 (over the gold labels), per-label F1, confusions, abstention rate and
    the share of snippets read as non-events."""
    out = label_f1(gold, predicted)
    out["no_event_rate"] = sum(1 for p in predicted if p == NO_EVENT) / len(predicted) if predicted else 0.0
    out["non_event_rate"] = sum(non_event_kinds(predicted).values()) / len(predicted) if predicted else 0.0
    out["n"] = len(gold)
    return out


def non_event_kinds(predicted: list[str]) -> dict[str, int]:
    """How often each non-event kind was predicted (zero counts included, so a silent kind shows)."""
    return {kind: sum(1 for p in predicted if p == kind) for kind in non_events.KINDS}


def non_event_confusions(gold: list[str], predicted: list[str]) -> list[tuple[str, str, int]]:
    """Every (gold, predicted, count) error where either side is a non-event kind or NO_EVENT."""
    labels = set(non_events.KINDS) | {NO_EVENT}
    pairs = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p and {g, p} & labels)
    return [(g, p, k) for (g, p), k in pairs.most_common()]


def _metrics(scored: dict[str, object]) -> dict[str, object]:
    keys = ("accuracy", "macro_f1", "weighted_f1", "no_event_rate", "non_event_rate", "n")
    return {k: scored[k] for k in keys}


def evaluate(files: list[Path], limit: int | None) -> TaskResult:
    result = TaskResult("event-type", "")
    all_gold: list[str] = []
    all_pred: list[str] = []
    errors: list[str] = []
    for path in files:
        snippets: list[CaseSnippet] = load_case2021(path)[:limit] if limit else load_case2021(path)
        gold = [s.label for s in snippets]
        pred = [predict_label(s.text, errors) for s in snippets]
        result.sets[path.name] = _metrics(score(gold, pred))
        all_gold += gold
        all_pred += pred
    pooled = score(all_gold, all_pred)
    result.overall = _metrics(pooled)
    result.overall["errors"] = len(errors)
    if errors:
        result.details["pipeline errors (scored as NO_EVENT)"] = error_summary(errors)
    per_label = pooled["per_label_f1"]
    assert isinstance(per_label, dict)
    result.details["per_label_f1"] = {k: round(v, 3) for k, v in sorted(per_label.items())}
    result.details["costliest_confusions (gold, predicted, count)"] = pooled["confusions"]
    result.details["non_event_kinds"] = non_event_kinds(all_pred)
    result.details["non-event confusions (gold, predicted, count)"] = non_event_confusions(all_gold, all_pred)
    return result
