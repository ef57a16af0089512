"""`sitreps evaluate event-location`: which place name sitreps links to a given event verb.

For each sentence sitreps runs its whole pipeline. The location it gives the verb is:
1. the place span of the event mention whose trigger overlaps the gold VERB span (sitreps' own link),
   unless that place is only a country adjective or a "-based" country (the event's country-level
   fallback);
2. else, unless the verb is no event of its own (a speech verb: "said", "reported", "announced"),
   `event_places.place_for_verb`: the place in the verb's own locative phrase, else the one
   nearest it in the dependency tree within its sentence, leaving out country adjectives ("Syrian"),
   datelines, a speaker's location ("said in Moscow") and an origin ("fighters from Idlib") unless the
   sentence gives the verb no other place ("fled to Turkey");
3. else the dateline's city, for a sentence that opens with one and places the verb nowhere else.
The chosen place comes with the places listed with it (`event_places.place_conjuncts`: "shelled the
villages of A and B" is located at A and B), as sitreps makes one event per listed place.
The predicted span is turned into gold token ids (tokens sharing a character with it) and scored as
token precision/recall/F1 pooled over sentences, as Halterman (2019) does. A sentence without a
gold LOCATION still counts: a place predicted there is a false positive.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from sitreps.evaluate import TaskResult
from sitreps.evaluate.loaders.event_location import EventLocationSentence, load_event_location
from sitreps.evaluate.scoring import PRF, set_prf
from sitreps.evaluate.scoring_events import analyse_safely, error_summary, parsed
from sitreps.model import PlaceMention
from sitreps.stages.arguments import token_at
from sitreps.stages.event_places import no_event_verb, place_conjuncts, place_for_verb

PATTERN = "event_location/*.jsonl"


def predict_location(
    sentence: EventLocationSentence, errors: list[str], doc: Doc | None = None
) -> tuple[frozenset[int], str]:
    """Gold token ids of the location sitreps links to the verb, and how it was linked."""
    verb = sentence.char_span(sentence.verb_tokens)
    found = analyse_safely(sentence.text, errors, doc=doc)
    if verb is None or found is None:
        return frozenset(), "none"
    analysis, doc = found
    # a country adjective ("the Syrian army attacked ...") is sitreps' country-level fallback for an event
    # with no place of its own, not a toponym linked to the verb
    adjectives = {(p.span.start, p.span.end) for p in analysis.places if p.is_country_adjective}
    by_span = {(p.span.start, p.span.end): p for p in analysis.places}
    for m in analysis.mentions:
        if m.place_span is None or (m.place_span.start, m.place_span.end) in adjectives:
            continue
        if m.trigger_span.start < verb[1] and verb[0] < m.trigger_span.end:
            chosen = by_span.get((m.place_span.start, m.place_span.end))
            if chosen is None:  # a place carried over from an earlier event: its span alone
                return sentence.tokens_in(m.place_span.start, m.place_span.end), "event"
            if chosen.relation in ("based", "backed", "dateline"):
                continue  # the article's country as the event's last resort ("a U.S. official said")
            return _location_tokens(sentence, doc, chosen, analysis.places), "event"
    verb_tok = token_at(doc, verb[0])
    if verb_tok is None or no_event_verb(verb_tok):
        return frozenset(), "none"
    # the verb's own or nearest place; else, for a verb that moves or meets ("fled to Turkey", "talks with
    # Kabul"), the place it goes to or comes from (token F1 +0.002 on a half of the set, recall +0.02)
    best = place_for_verb(doc, verb_tok, analysis.places) or place_for_verb(
        doc, verb_tok, analysis.places, away_ok=True
    )
    if best is not None:
        return _location_tokens(sentence, doc, best, analysis.places), "tree"
    # "TEGUCIGALPA, Honduras -- Police fired ...": an event the sentence places nowhere else happened
    # where the report was filed; the dateline's city, not its country
    sent_start = verb_tok.sent.start_char
    dateline = [p for p in analysis.places if p.relation == "dateline" and p.span.start >= sent_start]
    if dateline and dateline[0].span.end <= verb[0]:
        return sentence.tokens_in(dateline[0].span.start, dateline[0].span.end), "dateline"
    return frozenset(), "none"


def _location_tokens(
    sentence: EventLocationSentence, doc: Doc, chosen: PlaceMention, places: list[PlaceMention]
) -> frozenset[int]:
    """Gold token ids of the chosen place and the places listed with it ("the villages of A and B").

    (Adding the compass word before a place, "northern Kosovo", cost precision on a quarter of the set:
    token F1 0.624 -> 0.607; the annotators mostly leave it out.)"""
    out: set[int] = set()
    for pm in place_conjuncts(doc, chosen, places):
        out |= sentence.tokens_in(pm.span.start, pm.span.end)
    return frozenset(out)


def score_sentence(gold: frozenset[int], predicted: frozenset[int]) -> PRF:
    """Token-level counts for one sentence."""
    return set_prf(gold, predicted)


def _metrics(prf: PRF, n: int, by_event: int, by_tree: int) -> dict[str, object]:
    return {
        "token_precision": prf.precision,
        "token_recall": prf.recall,
        "token_f1": prf.f1,
        "linked_by_event": by_event / n if n else 0.0,
        "linked_by_tree": by_tree / n if n else 0.0,
        "n": n,
    }


def evaluate(files: list[Path], limit: int | None) -> TaskResult:
    result = TaskResult("event-location", "")
    total, n_all, ev_all, tree_all = PRF(0, 0, 0), 0, 0, 0
    errors: list[str] = []
    # per source collection: some collections mark a LOCATION on few sentences that name one, which caps
    # precision there (a place sitreps finds counts as a false positive); the breakdown shows where
    by_source: dict[str, list] = {}
    for path in files:
        sentences = load_event_location(path)
        if limit:
            sentences = sentences[:limit]
        prf, by_event, by_tree = PRF(0, 0, 0), 0, 0
        for s, doc in zip(sentences, parsed(s.text for s in sentences), strict=True):
            predicted, how = predict_location(s, errors, doc)
            counts = score_sentence(s.location_tokens, predicted)
            prf += counts
            entry = by_source.setdefault(s.source or "-", [PRF(0, 0, 0), 0, 0])
            entry[0] += counts
            entry[1] += 1
            entry[2] += bool(s.location_tokens)
            by_event += how == "event"
            by_tree += how == "tree"
        result.sets[path.name] = _metrics(prf, len(sentences), by_event, by_tree)
        total += prf
        n_all, ev_all, tree_all = n_all + len(sentences), ev_all + by_event, tree_all + by_tree
    result.overall = _metrics(total, n_all, ev_all, tree_all)
    result.overall["errors"] = len(errors)
    result.details["by source (sentences | with a gold location | token P / R / F1)"] = {
        src: f"{n} | {with_loc} | {p.precision:.3f} / {p.recall:.3f} / {p.f1:.3f}"
        for src, (p, n, with_loc) in sorted(by_source.items(), key=lambda kv: -kv[1][1])
    }
    if errors:
        result.details["pipeline errors (scored as no location)"] = error_summary(errors)
    return result
