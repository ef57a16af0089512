"""`sitreps evaluate attribution`: who said it (source) and the saying words (cue) in PolNeAR.

sitreps' claims come from the attribution stage (`find_claims` after `find_actors` on the parse; the
event stage is not needed). A claim's `claimant_span` is scored against gold Source spans and its
`cue_span` against gold Cue spans, exact and overlapping, per document and pooled; sets are the split
folders. Discontinuous gold spans are taken from their first to their last character. Attributions
without a source (passive "it is said") only count for the cue.
"""

from __future__ import annotations

from pathlib import Path

from sitreps.evaluate import TaskResult
from sitreps.evaluate.loaders.polnear import AttributionDocument, Span, load_polnear_ann
from sitreps.evaluate.scoring import PRF, span_prf
from sitreps.evaluate.scoring_events import error_summary
from sitreps.model import Article, Claim
from sitreps.nlp import parse
from sitreps.stages.actors import find_actors
from sitreps.stages.attribution import find_claims

PATTERN = "polnear/*/attributions/*.ann"
KINDS = ("source", "cue")


def _hull(fragments: list[Span]) -> Span | None:
    return (min(a for a, _ in fragments), max(b for _, b in fragments)) if fragments else None


def gold_spans(doc: AttributionDocument) -> dict[str, list[Span]]:
    """Gold source and cue spans of one document."""
    out: dict[str, list[Span]] = {k: [] for k in KINDS}
    for att in doc.attributions:
        for kind, frags in (("source", att.source), ("cue", att.cue)):
            span = _hull(frags)
            if span is not None:
                out[kind].append(span)
    return out


def predicted_spans(claims: list[Claim]) -> dict[str, list[Span]]:
    """sitreps' claimant and cue spans."""
    return {
        "source": [(c.claimant_span.start, c.claimant_span.end) for c in claims if c.claimant_span],
        "cue": [(c.cue_span.start, c.cue_span.end) for c in claims if c.cue_span],
    }


def score_document(gold: dict[str, list[Span]], predicted: dict[str, list[Span]]) -> dict[str, PRF]:
    """Exact and overlap counts for sources and cues of one document."""
    return {
        f"{k}_{mode}": span_prf(gold[k], predicted[k], mode) for k in KINDS for mode in ("exact", "overlap")
    }


def find_document_claims(text: str) -> list[Claim]:
    doc = parse(text)
    article = Article(text=text, path="<eval>")
    return find_claims(doc, article, find_actors(doc, article))


def _metrics(c: dict[str, PRF], n_docs: int) -> dict[str, object]:
    return {
        "source_f1": c["source_exact"].f1,
        "source_f1_overlap": c["source_overlap"].f1,
        "cue_f1": c["cue_exact"].f1,
        "cue_f1_overlap": c["cue_overlap"].f1,
        "source_precision_overlap": c["source_overlap"].precision,
        "source_recall_overlap": c["source_overlap"].recall,
        "documents": n_docs,
    }


def evaluate(files: list[Path], limit: int | None) -> TaskResult:
    result = TaskResult("attribution", "")
    by_split: dict[str, list[Path]] = {}
    for path in files:
        by_split.setdefault(path.parent.parent.name, []).append(path)
    keys = [f"{k}_{m}" for k in KINDS for m in ("exact", "overlap")]
    pooled = {k: PRF(0, 0, 0) for k in keys}
    n_all = 0
    errors: list[str] = []
    for split, paths in sorted(by_split.items()):
        counts = {k: PRF(0, 0, 0) for k in keys}
        docs = [d for d in (load_polnear_ann(p) for p in paths) if d is not None]
        docs = docs[:limit] if limit else docs
        for doc in docs:
            try:
                claims = find_document_claims(doc.text)
            except Exception as exc:  # noqa: BLE001 - one failed document is scored as nothing found
                errors.append(f"{type(exc).__name__}: {exc}")
                claims = []
            for k, prf in score_document(gold_spans(doc), predicted_spans(claims)).items():
                counts[k] += prf
        result.sets[split] = _metrics(counts, len(docs))
        pooled = {k: pooled[k] + counts[k] for k in keys}
        n_all += len(docs)
    result.overall = _metrics(pooled, n_all)
    result.overall["errors"] = len(errors)
    if errors:
        result.details["pipeline errors (scored as nothing found)"] = error_summary(errors)
    return result
