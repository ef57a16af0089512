"""The events stage: triggers + what the earlier stages found -> `EventMention`s.

For each sentence: find triggers (`triggers.py`), drop those that are not new real events, decide the ACLED
sub-event type (by instrument, by who gains territory, by who dies), then attach arguments found by the
earlier stages: places, the governing date, tolls, actors with their roles, and the claim. ACLED's rules:
one event per type, place and date ("raids struck Latakia, Hama and Idlib" is three events, the toll split
among them); an explosion inside a battle belongs to the battle; civilian_targeting when civilians are the
target. Repeats of the same event in one report merge into one mention.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from spacy.tokens import Doc, Token

from sitreps import taxonomy
from sitreps.model import (
    Actor,
    ActorMention,
    Article,
    Claim,
    DateMention,
    EventMention,
    PlaceMention,
    TextSpan,
    Toll,
)
from sitreps.stages import actors as actors_stage
from sitreps.stages.triggers import Lexicon, Trigger, find_triggers, load_lexicon, unreal_reason

_REMOTE = {
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Suicide bomb",
    "Chemical weapon",
}
_CIVILIAN_WORDS = {
    "civilian", "civilians", "villager", "villagers", "resident", "residents", "child", "children",
    "woman", "women", "worshipper", "worshippers", "farmer", "farmers", "student", "students",
    "passenger", "passengers", "family", "families", "displaced", "refugees", "patients", "pupils",
}  # fmt: skip
_REGAIN_LEMMAS = {"recapture", "retake", "regain", "liberate"}
# How far back (in sentences) an undated or unplaced event may inherit its date or place.
_CONTEXT_WINDOW = 2


@dataclasses.dataclass
class _Candidate:
    trigger: Trigger
    sub_event_type: str
    sentence: int


def find_events(
    doc: Doc,
    article: Article,
    places: list[PlaceMention],
    dates: list[DateMention],
    tolls: list[Toll],
    actors: list[ActorMention],
    claims: list[Claim],
) -> list[EventMention]:
    """Event mentions of one article, one per sub-event type, place and date."""
    lexicon = load_lexicon()
    sents = list(doc.sents)
    sent_of_token = {}
    for idx, sent in enumerate(sents):
        for tok in sent:
            sent_of_token[tok.i] = idx

    by_sentence: dict[int, list[Trigger]] = {}
    for trig in find_triggers(doc, lexicon):
        by_sentence.setdefault(sent_of_token[trig.start], []).append(trig)

    mentions: list[EventMention] = []
    for idx, trigs in sorted(by_sentence.items()):
        sent = sents[idx]
        sent_lemmas = _sentence_words(sent)
        candidates = _candidates(trigs, idx, sent_lemmas, lexicon, sents)
        for cand in candidates:
            mentions.extend(
                _build_mentions(cand, candidates, doc, article, sents, places, dates, tolls, actors, claims)
            )
    return _merge_repeats(mentions)


def _sentence_words(sent) -> str:
    """Lower-cased text and lemmas of a sentence, space-padded for substring tests."""
    return " " + " ".join([t.lower_ for t in sent] + [t.lemma_.lower() for t in sent]) + " "


def _instrument(words: str, lexicon: Lexicon) -> str:
    """The sub-event type that the weapon named in `words` points to, or ""."""
    for sub_type in ("Chemical weapon", "Suicide bomb", "Grenade", "Remote explosive/landmine/IED"):
        if any(f" {w} " in words for w in lexicon.instruments.get(sub_type, [])):
            return sub_type
    air = any(f" {w} " in words for w in lexicon.instruments.get("Air/drone strike", []))
    ground = any(f" {w} " in words for w in lexicon.instruments.get("Shelling/artillery/missile attack", []))
    if air and not ground:
        return "Air/drone strike"
    if ground and not air:
        return "Shelling/artillery/missile attack"
    if air and ground:
        return (
            "Air/drone strike"
            if " air " in words or " warplane " in words
            else "Shelling/artillery/missile attack"
        )
    return ""


def _candidates(trigs, idx, sent_words, lexicon: Lexicon, sents) -> list[_Candidate]:
    real = [t for t in trigs if not unreal_reason(t, lexicon)]
    strong = [t for t in real if t.rule.strength == "strong"]
    chosen = strong or real
    out: list[_Candidate] = []
    instrument = _instrument(sent_words, lexicon)
    context_instrument = ""
    for back in range(1, _CONTEXT_WINDOW + 1):
        if idx - back >= 0 and not context_instrument:
            context_instrument = _instrument(_sentence_words(sents[idx - back]), lexicon)
    for trig in chosen:
        sub = trig.rule.sub_event_type
        if trig.rule.requires_instrument and not instrument:
            continue
        if sub == "@strike":
            sub = instrument or context_instrument or "Air/drone strike"
            if sub not in _REMOTE:
                sub = "Air/drone strike"
        elif sub == "@territory":
            sub = "@territory"  # decided once actors are known
        elif sub == "@kill":
            sub = "@kill"
        elif sub == "Peaceful protest":
            if any(w in sent_words for w in lexicon.protest_excessive_force):
                sub = "Excessive force against protesters"
            elif any(w in sent_words for w in lexicon.protest_intervention):
                sub = "Protest with intervention"
        out.append(_Candidate(trig, sub, idx))
    # an explosion inside a battle belongs to the battle; several triggers of one type are one event
    if any(c.sub_event_type == "Armed clash" for c in out):
        out = [c for c in out if c.sub_event_type not in _REMOTE]
    seen: dict[str, _Candidate] = {}
    for cand in out:
        seen.setdefault(cand.sub_event_type, cand)
    return list(seen.values())


def _in_span(span: TextSpan, start: int, end: int) -> bool:
    return span.start < end and start < span.end


def _token_distance(doc: Doc, trigger: Trigger, char: int) -> int:
    tok = doc.char_span(char, char + 1, alignment_mode="expand")
    i = tok.start if tok is not None and len(tok) else trigger.start
    return min(abs(i - trigger.start), abs(i - (trigger.end - 1)))


def _owned(items, cand: _Candidate, others: list[_Candidate], doc: Doc, start_of):
    """Items of the candidate's sentence closer to this trigger than to any other trigger in it."""
    mine = []
    for item in items:
        d_self = _token_distance(doc, cand.trigger, start_of(item))
        if all(d_self <= _token_distance(doc, o.trigger, start_of(item)) for o in others if o is not cand):
            mine.append(item)
    return mine


def _build_mentions(cand, candidates, doc, article, sents, places, dates, tolls, actors, claims):
    idx = cand.sentence
    sent = sents[idx]
    trig = cand.trigger
    actor_spans = [a.span for a in actors]

    # places: resolved, not adjectives, not part of an actor's name, not the dateline
    sent_places = [
        p for p in places
        if p.sentence == idx and p.place is not None and not p.is_country_adjective
        and p.relation != "dateline" and not any(_in_span(s, p.span.start, p.span.end) for s in actor_spans)
        and not _is_origin(doc, p)
    ]  # fmt: skip
    sent_places = _owned(sent_places, cand, candidates, doc, lambda p: p.span.start)
    fine = [p for p in sent_places if p.place.feature_type != "country"]
    chosen_places = fine or sent_places[:1]
    if not chosen_places:
        chosen_places = _context_place(places, idx, actor_spans)

    date = _governing_date(cand, candidates, doc, dates, idx)
    role1, role2 = _actor_roles(trig, doc, [a for a in actors if a.sentence == idx])
    sent_tolls = _owned(
        [t for t in tolls if t.sentence == idx and not t.excluded],
        cand,
        candidates,
        doc,
        lambda t: t.span.start,
    )
    sub = cand.sub_event_type
    victims_civilian = (
        any(t.who == "civilians" for t in sent_tolls)
        or (role2 is not None and role2.actor.inter == 7)
        or _mentions_civilians(trig)
    )
    if sub == "@territory":
        state = role1 is not None and role1.actor.actor_type == "state"
        sub = (
            "Government regains territory"
            if state or trig.head.lemma_ in _REGAIN_LEMMAS
            else ("Non-state actor overtakes territory")
        )
    elif sub == "@kill":
        if victims_civilian:
            sub = "Attack"
        elif role1 is not None or role2 is not None or sent_tolls:
            sub = "Armed clash"
        else:
            return []
    row = taxonomy.lookup(sub)
    claim = _claim_for(trig, claims, idx, doc)

    n = max(1, len(chosen_places) or 1)
    out = []
    for k, pm in enumerate(chosen_places or [None]):
        place = pm.place if pm else None
        country_code = place.country_code if place else ""
        country_name = place.country if place else ""
        actor1 = _localise(role1.actor if role1 else None, country_code, country_name)
        actor2 = _localise(role2.actor if role2 else None, country_code, country_name)
        if (
            victims_civilian
            and (actor2 is None or actor2.inter != 7)
            and row.event_type in ("Violence against civilians", "Explosions/Remote violence")
        ):
            actor2 = Actor(f"Civilians ({country_name})" if country_name else "Civilians", 7, country_code,
                           "civilians", in_dictionary=False)  # fmt: skip
        mention = EventMention(
            article_hash=article.content_hash,
            sentence_span=TextSpan(sent.start_char, sent.end_char, sent.text),
            trigger_span=TextSpan(trig.span.start_char, trig.span.end_char, trig.span.text),
            event_type=row.event_type,
            sub_event_type=sub,
            disorder_type=row.disorder_type,
            plover_type=row.plover_type,
            plover_mode=row.plover_mode,
            actor1=actor1,
            actor2=actor2,
            civilian_targeting=bool(victims_civilian and actor2 is not None and actor2.inter == 7),
            place=place,
            place_span=pm.span if pm else None,
            claim=claim,
            outlet=article.outlet,
        )
        _apply_date(mention, date, article)
        _apply_tolls(mention, sent_tolls, n, k)
        out.append(mention)
    return out


def _is_origin(doc: Doc, pm: PlaceMention) -> bool:
    """A place named as where a weapon came from ("fired from the Caspian Sea") is not the event's place."""
    span = doc.char_span(pm.span.start, pm.span.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span.root.head
    return head.lower_ == "from" and head.head.lemma_ in ("fire", "launch", "take", "come")


def _context_place(places: list[PlaceMention], idx: int, actor_spans) -> list[PlaceMention]:
    """An unplaced event inherits the last specific place of the previous sentences, else the country."""
    for back in range(1, _CONTEXT_WINDOW + 1):
        prev = [
            p for p in places if p.sentence == idx - back and p.place is not None and not p.is_country_adjective
            and p.relation != "dateline" and p.place.feature_type != "country"
            and not any(_in_span(s, p.span.start, p.span.end) for s in actor_spans)
        ]  # fmt: skip
        if prev:
            return [prev[-1]]
    countries: dict[str, PlaceMention] = {}
    counts: dict[str, int] = {}
    for p in places:
        if p.place is None or p.relation == "dateline":
            continue
        key = p.place.country_code
        counts[key] = counts.get(key, 0) + 1
        if p.place.feature_type == "country" and not p.is_country_adjective:
            countries.setdefault(key, p)
    if not counts:
        return []
    top = max(counts, key=lambda k: counts[k])
    return [countries[top]] if top in countries else []


def _governing_date(cand, candidates, doc, dates: list[DateMention], idx: int) -> DateMention | None:
    usable = [d for d in dates if d.kind not in ("since", "duration")]
    mine = _owned([d for d in usable if d.sentence == idx], cand, candidates, doc, lambda d: d.span.start)
    if mine:
        return min(mine, key=lambda d: _token_distance(doc, cand.trigger, d.span.start))
    for back in range(1, _CONTEXT_WINDOW + 1):
        prev = [d for d in usable if d.sentence == idx - back and d.date_start is not None]
        if prev:
            return prev[-1]
    return None


def _apply_date(mention: EventMention, date: DateMention | None, article: Article) -> None:
    if date is not None and (date.date_start is not None or not date.resolved):
        mention.date_start, mention.date_end = date.date_start, date.date_end
        mention.time_precision, mention.date_prec = date.time_precision, date.date_prec
        mention.date_span, mention.date_resolved = date.span, date.resolved
        return
    if article.published is None:
        mention.date_resolved = False
        return
    # An undated event in a wire story happened on the day of the report or the day before (the report
    # is usually filed the day after): the two-day range, with the week precision that ACLED uses for it.
    mention.date_start = article.published - timedelta(days=1)
    mention.date_end = article.published
    mention.time_precision, mention.date_prec = 2, 2


def _apply_tolls(mention: EventMention, tolls: list[Toll], n_places: int, k: int) -> None:
    """Sum the tolls by kind; one toll over n places is split evenly among them, as ACLED does."""
    for kind, prefix in (("killed", "fatalities"), ("injured", "injuries")):
        chosen = [t for t in tolls if t.kind == kind]
        if not chosen:
            continue
        for part in ("low", "best", "high"):
            total = sum(getattr(t, part) for t in chosen)
            share = total // n_places + (1 if k < total % n_places else 0)
            setattr(mention, f"{prefix}_{part}", share)
        mention.toll_spans.extend(t.span for t in chosen)


def _mentions_civilians(trig: Trigger) -> bool:
    tokens = list(trig.head.subtree) if trig.head.pos_ == "VERB" else list(trig.head.children)
    return any(t.lower_ in _CIVILIAN_WORDS for t in tokens)


def _actor_at(token: Token, actors: list[ActorMention]) -> ActorMention | None:
    """The actor mention covering any token of `token`'s subtree, nearest to the token first."""
    sub = sorted(token.subtree, key=lambda t: abs(t.i - token.i))
    for tok in sub:
        for am in actors:
            if am.span.start <= tok.idx < am.span.end:
                return am
    return None


def _actor_roles(
    trig: Trigger, doc: Doc, actors: list[ActorMention]
) -> tuple[ActorMention | None, ActorMention | None]:
    """(actor1, actor2): who acts and who is acted on, from the dependency parse, else by position."""
    head = trig.head
    verb = head if head.pos_ == "VERB" else (head.head if head.dep_ in ("nsubj", "dobj", "pobj") else head)
    a1 = a2 = None
    for child in verb.children:
        if child.dep_ in ("nsubj",) and a1 is None or child.dep_ == "agent" and a1 is None:
            a1 = _actor_at(child, actors)
        elif child.dep_ in ("dobj", "nsubjpass") and a2 is None:
            a2 = _actor_at(child, actors)
    if head.pos_ in ("NOUN", "PROPN"):
        for child in head.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and a1 is None:
                a1 = _actor_at(child, actors)
            elif child.dep_ == "prep" and child.lower_ in ("on", "against") and a2 is None:
                a2 = _actor_at(child, actors)
    if a1 is None:
        before = [a for a in actors if a.span.end <= trig.span.start_char and a is not a2]
        a1 = before[-1] if before else None
    if a2 is None:
        after = [a for a in actors if a.span.start >= trig.span.end_char and a is not a1]
        a2 = after[0] if after else None
    if a1 is not None and a2 is not None and a1.actor.name == a2.actor.name:
        a2 = None
    return a1, a2


def _localise(actor: Actor | None, country_code: str, country_name: str) -> Actor | None:
    """Fill a generic actor's country and give foreign state forces ACLED's inter code for where they act."""
    if actor is None:
        return None
    if not actor.country and country_name:
        actor = actors_stage.with_country(actor, country_name)
    if country_code:
        actor = dataclasses.replace(actor, inter=actors_stage.inter_for(actor, country_code))
    return actor


def _claim_for(trig: Trigger, claims: list[Claim], idx: int, doc: Doc) -> Claim | None:
    """The claim whose content holds the trigger, else a claim made in the same sentence."""
    start, end = trig.span.start_char, trig.span.end_char
    inside = [c for c in claims if c.content_span is not None and c.content_span.start <= start
              and end <= c.content_span.end]  # fmt: skip
    if inside:
        # the innermost claim, and a denial over a claim wins ("Moscow denied a US claim that ...")
        denied = [c for c in inside if c.stance == "denied"]
        pool = [c for c in inside if c.stance != "denied"] or inside
        best = min(pool, key=lambda c: c.content_span.end - c.content_span.start)
        if denied and best.stance != "denied":
            best = dataclasses.replace(best, stance="disputed" if best.stance == "asserted" else best.stance)
        return best
    same = [c for c in claims if c.sentence == idx]
    return same[0] if same else None


def _merge_repeats(mentions: list[EventMention]) -> list[EventMention]:
    """One event per sub-event type, place and date within a report: repeats fill in what the first lacks."""
    merged: dict[tuple, EventMention] = {}
    order: list[tuple] = []
    for m in mentions:
        place_key = (m.place.geonames_id or m.place.name) if m.place else None
        key = (m.sub_event_type, place_key, m.date_start)
        if key not in merged:
            merged[key] = m
            order.append(key)
            continue
        first = merged[key]
        if first.fatalities_best < m.fatalities_best:
            first.fatalities_low, first.fatalities_best, first.fatalities_high = (
                m.fatalities_low,
                m.fatalities_best,
                m.fatalities_high,
            )
            first.toll_spans.extend(m.toll_spans)
        if first.injuries_best < m.injuries_best:
            first.injuries_low, first.injuries_best, first.injuries_high = (
                m.injuries_low,
                m.injuries_best,
                m.injuries_high,
            )
        first.actor1 = first.actor1 or m.actor1
        first.actor2 = first.actor2 or m.actor2
        first.claim = first.claim or m.claim
        first.civilian_targeting = first.civilian_targeting or m.civilian_targeting
    return [merged[k] for k in order]
