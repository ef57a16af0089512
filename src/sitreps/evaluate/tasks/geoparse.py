"""`geoparse`: toponym recognition and resolution on the geoparsing corpora (GeoWebNews, LGL, GeoVirus).

Recognition: the places stage's PlaceMentions that are not country adjectives, against the gold toponyms
that carry coordinates (GeoWebNews' non-toponym expressions have none and are not gold places), scored
as exact and overlapping spans.

Resolution, on every gold span (the protocol of Mordecai3's published figures): the places stage's
`resolve_spans` ranks each gold span's candidates with the whole article as evidence (the stage's own
toponyms elsewhere plus the gold spans); a gold name the gazetteer lacks takes the place named inside it,
else the nearest place the article resolved. Error = great-circle km to the gold point; no place at all
counts as a miss (`no_candidate`). The `subset_*` metrics cover gold places that are
a populated place, an administrative area or a country, where the dialect says so (LGL's fcode;
GeoWebNews' types say how a name is used, not what kind of place it names, so it has no such subset).

Literal recognition (`recognition_*_literal`, dialects with toponym types: GeoWebNews), the figure issue 4
targets. Predicted = every place mention, country adjectives included (the scheme's Literal_Modifier type
marks adjectives that modify literal geography, "the Syrian-Turkish border").
Gold = the literal toponyms (Literal, Mixed, Coercion, Embedded_Literal, Literal_Modifier; see
the loader), with or without coordinates. A predicted span that matches an unused literal gold span
(exactly, or by overlap for `_overlap`) is a true positive. One that matches none is left out of the
score, neither true nor false positive, when it overlaps an associative gold toponym ("Zimbabwe said",
"British", "the New York Times"' New York) and no literal one: the annotators marked a place name
there, and whether to offer such names is a product choice the literal score does not judge. Any other
unmatched prediction (a boundary error on a literal toponym, an organisation, a person, a common noun) is
a false positive; unmatched literal gold spans are false negatives.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sitreps.evaluate import TaskResult
from sitreps.evaluate.loaders.geoparsing import GeoArticle, load
from sitreps.evaluate.scoring import PRF, distance_summary, haversine_km, overlaps, span_prf
from sitreps.model import Article, PlaceMention

PATTERN = "geoparsing/*.xml"
BATCH_SIZE = 16


def predicted_spans(mentions: list[PlaceMention]) -> list[tuple[int, int]]:
    """Spans the stage offers as toponyms (country adjectives tie to a country, they are not places)."""
    return [(m.span.start, m.span.end) for m in mentions if not m.is_country_adjective]


def literal_prf(
    literal: list[tuple[int, int]],
    associative: list[tuple[int, int]],
    predicted: list[tuple[int, int]],
    mode: str = "exact",
) -> PRF:
    """Recognition of literal toponyms, one-to-one; predictions on associative toponyms are not scored."""
    if mode not in ("exact", "overlap"):
        raise ValueError(f"mode must be 'exact' or 'overlap', not {mode!r}")
    gold = sorted(set(literal))
    used: set[int] = set()
    tp = fp = 0
    for p in sorted(set(predicted)):
        hit = next(
            (
                i
                for i, g in enumerate(gold)
                if i not in used and (g == p if mode == "exact" else overlaps(g, p))
            ),
            None,
        )
        if hit is not None:
            used.add(hit)
            tp += 1
        elif any(overlaps(p, a) for a in associative) and not any(overlaps(p, g) for g in gold):
            continue  # a place name used associatively: neither right nor wrong for the literal score
        else:
            fp += 1
    return PRF(tp, fp, len(gold) - tp)


def _literal_metrics(exact: PRF, overlap: PRF) -> dict[str, float]:
    return {
        "recognition_precision_literal": exact.precision,
        "recognition_recall_literal": exact.recall,
        "recognition_f1_literal": exact.f1,
        "recognition_f1_literal_overlap": overlap.f1,
        "n_literal": exact.tp + exact.fn,
    }


def _set_metrics(
    exact: PRF,
    overlap: PRF,
    errors: list[float | None],
    subset: list[float | None],
    id_hits: list[bool],
) -> dict[str, float]:
    out: dict[str, float] = {
        "recognition_precision": exact.precision,
        "recognition_recall": exact.recall,
        "recognition_f1": exact.f1,
        "recognition_f1_overlap": overlap.f1,
    }
    out.update(distance_summary(errors))
    if subset:
        out.update({f"subset_{k}": v for k, v in distance_summary(subset).items()})
    if id_hits:  # same GeoNames id as the gold, where the gold gives one (centroids apart)
        out["geonames_id_accuracy"] = sum(id_hits) / len(id_hits)
    return out


def evaluate(files: list[Path], limit: int | None) -> TaskResult:
    """Score recognition and resolution per file and pooled."""
    from sitreps.gazetteer import get_gazetteer
    from sitreps.nlp import load_nlp
    from sitreps.stages.places import find_places, resolve_spans

    nlp, gaz = load_nlp(), get_gazetteer()
    result = TaskResult("geoparse", "")
    totals = [PRF(0, 0, 0), PRF(0, 0, 0)]
    literal_totals: list[PRF] | None = None  # stays None until a file with toponym types is seen
    all_errors: list[float | None] = []
    all_subset: list[float | None] = []
    all_ids: list[bool] = []
    worst: list[tuple] = []
    for path in files:
        articles: list[GeoArticle] = load(path, limit)
        exact, overlap = PRF(0, 0, 0), PRF(0, 0, 0)
        errors: list[float | None] = []
        subset: list[float | None] = []
        id_hits: list[bool] = []
        typed = any(a.annotations for a in articles)
        lit_exact, lit_overlap = PRF(0, 0, 0), PRF(0, 0, 0)
        docs = nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE)
        for art, doc in zip(articles, docs, strict=True):
            mentions = find_places(doc, Article(text=art.text), gaz)
            gold_spans = [(t.start, t.end) for t in art.toponyms]
            pred = predicted_spans(mentions)
            exact += span_prf(gold_spans, pred, "exact")
            overlap += span_prf(gold_spans, pred, "overlap")
            if typed:
                literal = [(a.start, a.end) for a in art.annotations if a.reading == "literal"]
                assoc = [(a.start, a.end) for a in art.annotations if a.reading == "associative"]
                # the typed scheme marks modifiers of literal geography ("the Syrian-Turkish border") as
                # toponyms: the stage's country adjectives are offered there too
                offered = [(m.span.start, m.span.end) for m in mentions]
                lit_exact += literal_prf(literal, assoc, offered, "exact")
                lit_overlap += literal_prf(literal, assoc, offered, "overlap")
            resolved = resolve_spans(doc, Article(text=art.text), gold_spans, gaz)
            for t, place in zip(art.toponyms, resolved, strict=True):
                if t.geonames_id is not None:
                    id_hits.append(place is not None and place.geonames_id == t.geonames_id)
                err = (
                    None
                    if place is None
                    else haversine_km(t.latitude, t.longitude, place.latitude, place.longitude)
                )
                errors.append(err)
                if t.is_settlement_admin_or_country:
                    subset.append(err)
                if err is None or err > 161:
                    worst.append((path.name, t.name, place.name if place else "-", err))
        result.sets[path.name] = _set_metrics(exact, overlap, errors, subset, id_hits)
        if typed:
            result.sets[path.name].update(_literal_metrics(lit_exact, lit_overlap))
            prev = literal_totals or [PRF(0, 0, 0), PRF(0, 0, 0)]
            literal_totals = [prev[0] + lit_exact, prev[1] + lit_overlap]
        totals = [totals[0] + exact, totals[1] + overlap]
        all_errors += errors
        all_subset += subset
        all_ids += id_hits
    result.overall = _set_metrics(totals[0], totals[1], all_errors, all_subset, all_ids)
    if literal_totals is not None:  # pooled over the typed sets only
        result.overall.update(_literal_metrics(*literal_totals))
    misses = Counter((f, gold, got) for f, gold, got, _ in worst)
    result.details["most frequent resolution misses (file | gold name | sitreps place | count)"] = [
        (f, gold, got, n) for (f, gold, got), n in misses.most_common(15)
    ]
    return result
