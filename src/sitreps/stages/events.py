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
from bisect import bisect_right

from spacy.tokens import Doc, Span

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
from sitreps.nlp import doc_tokens
from sitreps.stages import actors as actors_stage
from sitreps.stages import event_classifier, event_typing, toll_sides
from sitreps.stages.arguments import actor_roles, claim_for, event_places, overlaps, owned
from sitreps.stages.event_build import (
    CONTEXT_WINDOW,
    Candidate,
    apply_date,
    apply_roles,
    apply_tolls,
    assign_places,
    attach_tolls,
    localise,
    mentions_civilians,
    own_people_killed,
    possessed_by_speaker,
    sentence_candidates,
    trigger_roles,
    trigger_span,
)
from sitreps.stages.event_merge import (
    already_told,
    claimed_attackers,
    event_type_of,
    merge_repeats,
    placed_attack_noun,
    retold_attacker,
    same_actor1,
    told_killing,
)
from sitreps.stages.event_places import sort_places
from sitreps.stages.event_timing import background, governing_date, only_running_totals, under_since
from sitreps.stages.event_typing_roles import type_with_roles
from sitreps.stages.place_cues import token_table
from sitreps.stages.triggers import Trigger, find_triggers, load_lexicon


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
    starts = [s.start for s in sents]

    by_sentence: dict[int, list[Trigger]] = {}
    for trig in find_triggers(doc, lexicon):
        by_sentence.setdefault(bisect_right(starts, trig.start) - 1, []).append(trig)

    # a dateline city ("KYIV, June 12 (Reuters) -") is where the reporter is, never an actor
    datelines = [p.span for p in places if p.relation == "dateline"]
    actors = [a for a in actors if not any(overlaps(d, a.span.start, a.span.end) for d in datelines)]
    # a place inside a named actor ("Syrian Observatory") is not a location; inside a description of
    # people ("Idlib residents", "Afghan villagers") it is
    actor_spans = [a.span for a in actors if a.actor.in_dictionary]
    built: list[tuple[int, EventMention]] = []
    for idx, trigs in sorted(by_sentence.items()):
        sent = sents[idx]
        if _is_heading(sent):
            continue  # a headline or caption line repeats the story's events, it is not one
        candidates = sentence_candidates(trigs, idx, event_typing.sentence_words(sent), lexicon, sents)
        candidates = assign_places(candidates, doc, places, actor_spans, idx)
        rivals = [c.trigger for c in candidates]
        for cand in candidates:
            args = (doc, article, sent, places, dates, tolls, actors, claims, built)
            for m in _build_mentions(cand, rivals, *args):
                _inherit(m, built, idx, article)
                built.append((idx, m))
        _share_capture_sides([m for i, m in built if i == idx])
        claimed_attackers(trigs, idx, actors, built)
    mentions = merge_repeats([m for _, m in built])
    # the sides of the dead once actors and tolls are final (inherited, shared or merged above)
    toll_sides.resolve_sides(mentions, tolls)
    return mentions


_CAPTURES = {"Non-state actor overtakes territory", "Government regains territory"}


def _share_capture_sides(mentions: list[EventMention]) -> None:
    """A clash told with a capture ("dozens were killed on both sides as IS drove out rebels") was fought by
    the capture's two sides, unless the sentence names its own."""
    captures = [m for m in mentions if m.sub_event_type in _CAPTURES and m.actor1 is not None]
    if not captures:
        return
    cap = captures[0]
    for m in mentions:
        if m.sub_event_type != "Armed clash":
            continue
        sent = m.sentence_span
        own1 = m.actor1_span is not None and sent.start <= m.actor1_span.start < sent.end
        if m.actor1 is None or not own1:
            m.actor1, m.actor1_span = cap.actor1, cap.actor1_span
        if m.actor2 is None:
            m.actor2, m.actor2_span = cap.actor2, cap.actor2_span


def _is_heading(sent: Span) -> bool:
    """A short line with no closing punctuation and a blank line after it: a headline or subheading."""
    table = doc_tokens(sent.doc)  # the words and their kinds from the token table, no Token per word
    spaces = table.is_space
    if len(sent) > 8 and not any(spaces[sent.start : sent.start + 9]):
        return False  # nine words or more: no headline
    words = [k for k in range(sent.start, sent.end) if not spaces[k]]
    return (
        bool(words)
        and len(words) <= 8
        and table.text[words[-1]] not in ".!?\"'”"
        and any("\n" in w for w in table.text[sent.start : sent.end])
    )


def _build_mentions(cand, rivals, doc, article, sent, places, dates, tolls, actors, claims, built):
    idx = cand.sentence
    trig = cand.trigger
    actor_spans = [a.span for a in actors if a.actor.in_dictionary]
    by_nearness = sort_places(doc, trig, cand.places)
    fine = [p for p in by_nearness if p.place.feature_type != "country"]
    chosen_places = (
        fine
        or by_nearness[:1]
        or _same_type_place(cand, built)
        or _context_place(doc, places, idx, actor_spans, built)
    )

    date = governing_date(cand, rivals, doc, dates, idx)
    if background(date, article) or under_since(cand, rivals, doc, dates, idx):
        return []
    if cand.sub_event_type == "@kill" and only_running_totals(cand, rivals, doc, tolls, idx):
        return []  # "130,000 people have been killed in the civil war": a war's running total, no event
    role1, role2 = actor_roles(trig, [a for a in actors if a.sentence == idx])
    sent_tolls = owned(
        [t for t in tolls if t.sentence == idx and not t.excluded], trig, rivals, doc, lambda t: t.span.start
    )
    told = already_told(cand, date, built, article.text)
    if told is not None:
        if date is not None and date.date_start is not None:
            # "... residents said Saturday. The attack on Thursday destroyed a monastery": the detail dates it
            apply_date(told, date, article)
        # "the bombing", "yesterday's attack": the event told before; its toll fills what that one lacks
        attach_tolls(told, sent_tolls)
        _refine_place(told, cand)
        told.claim = told.claim or _event_claim(trig, claims, idx)
        # "The attacks were carried out by seven bombers": the retelling names who did it
        retold_attacker(told, role1, trigger_roles(trig))
        return []
    sub = cand.sub_event_type
    victims_civilian = (
        any(t.who == "civilians" for t in sent_tolls)
        or (role2 is not None and role2.actor.inter == 7)
        or mentions_civilians(trig)
    )
    if sub == "@kill" and role1 is None:
        earlier = told_killing(cand, built, idx)
        if earlier is not None:
            # "More than 30 people were wounded", "yesterday's attack killed 13", "he was killed near
            # Kweyris": a detail of an event told before, not a new one; its toll fills what that event
            # lacks and its own place may say more precisely where it happened
            attach_tolls(earlier, sent_tolls)
            _refine_place(earlier, cand)
            return []
    # who gains the ground, who holds whom, who killed whom
    sub = type_with_roles(sub, trig, role1, role2, sent_tolls, victims_civilian)
    if not sub and cand.sub_event_type == "@kill" and placed_attack_noun(cand, date):
        # "there was an attack near the market in Gao on Sunday", "Monday's shooting in Dallas": an attack
        # told with its own place or date is an event even when no side is named (ACLED: unidentified)
        sub = "Attack"
    if not sub:
        return []
    if event_classifier.non_event_sentence(sent):
        return []  # the trained classifier and the cue lexicon agree: a disaster, a crime, diplomacy
    row = taxonomy.lookup(sub)
    claim = _event_claim(trig, claims, idx)
    if role1 is None and claim is not None and claim.claimant_actor and possessed_by_speaker(trig):
        # "Moscow announced that its raids had killed ...": the speaker's own action
        speaker = actors_stage.get_actor_dictionary().actors.get(claim.claimant_actor)
        if speaker is not None:
            role1 = ActorMention(claim.claimant_span or trigger_span(trig), idx, speaker)
    if role2 is None and claim is not None and claim.claimant_actor and own_people_killed(trig):
        # "the Guards announced one of its senior commanders was killed by IS": the speaker's own people
        speaker = actors_stage.get_actor_dictionary().actors.get(claim.claimant_actor)
        if speaker is not None and (role1 is None or role1.actor.name != speaker.name):
            role2 = ActorMention(claim.claimant_span or trigger_span(trig), idx, speaker)

    # the parse's own fillers reach the attackers and victims that no dictionary names ("gunmen")
    roles = trigger_roles(trig)
    n = max(1, len(chosen_places))
    article_hash = article.content_hash  # a property that hashes the whole text: once, not per place
    # spans' texts sliced from the document's text (what `Span.text` gives, without a Token per word; the
    # token table keeps the text: `Doc.text` joins every token on each call)
    doc_text = token_table(doc).doc_text
    sentence_span = TextSpan(sent.start_char, sent.end_char, doc_text[sent.start_char : sent.end_char])
    trig_start, trig_end = trig.span.start_char, trig.span.end_char
    trig_text_span = TextSpan(trig_start, trig_end, doc_text[trig_start:trig_end])
    out = []
    for k, pm in enumerate(chosen_places or [None]):
        place = pm.place if pm else None
        country_code = place.country_code if place else ""
        country_name = place.country if place else ""
        actor1 = localise(role1.actor if role1 else None, country_code, country_name)
        actor2 = localise(role2.actor if role2 else None, country_code, country_name)
        if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
            actor2 = None
        said2 = role2 if actor2 is not None else None  # the actor mention actor2 was read from
        targets_civilians = row.event_type in ("Violence against civilians", "Explosions/Remote violence")
        if victims_civilian and targets_civilians and (actor2 is None or actor2.inter != 7):
            name = f"Civilians ({country_name})" if country_name else "Civilians"
            actor2, said2 = Actor(name, 7, country_code, "civilians", in_dictionary=False), None
        mention = EventMention(
            article_hash=article_hash,
            sentence_span=sentence_span,
            trigger_span=trig_text_span,
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
        apply_roles(mention, roles, role1 if actor1 is not None else None, said2)
        apply_date(mention, date, article)
        apply_tolls(mention, sent_tolls, n, k)
        out.append(mention)
    return out


# "He was speaking after French warplanes carried out strikes": a clause that times the speech by the event
_TIMING_MARKS = {"after", "before", "since", "while", "as", "when", "until"}


def _event_claim(trig: Trigger, claims: list[Claim], idx: int) -> Claim | None:
    """Who says the event happened: the claim whose content holds the trigger; a claim of the same sentence
    only when it says nothing else (no content of its own: "X said") and the event does not merely time
    the speech ("he was speaking after the strikes"). "Despite strikes that Moscow says are aimed at
    jihadists": Moscow's claim is about the aim, not about the advance told around it."""
    claim = claim_for(trig, claims, idx)
    if claim is None:
        return None
    content = claim.content_span
    start, end = trig.span.start_char, trig.span.end_char
    if content is not None:
        return claim if content.start <= start and end <= content.end else None
    for anc in [trig.head, *trig.head.ancestors]:
        timed = any(c.dep_ in ("mark", "prep") and c.lower_ in _TIMING_MARKS for c in anc.children)
        if timed and anc.dep_ in ("advcl", "pcomp", "pobj"):
            return None
    return claim


def _refine_place(mention: EventMention, cand: Candidate) -> None:
    """A detail sentence's own place replaces a vague one in the same country ("in the Aleppo area" ->
    "near Kweyris")."""
    own = [p for p in cand.places if p.place.feature_type != "country"]
    if cand.borrowed_place or not own or mention.place is None:
        return
    new, old = own[0].place, mention.place
    vaguer = old.geo_precision >= 2 >= new.geo_precision
    if new.country_code == old.country_code and new.name != old.name and vaguer:
        mention.place, mention.place_span = new, own[0].span


def _same_type_place(cand: Candidate, built: list[tuple[int, EventMention]]) -> list[PlaceMention]:
    """An unplaced event goes on the one of its type just told ("raids hit 60 targets in Syria ... the
    warplanes hit 60 targets"): its place, rather than the last place named."""
    event_type = event_type_of(cand.sub_event_type)
    idx = cand.sentence
    same = [
        m
        for i, m in built
        if idx - CONTEXT_WINDOW <= i < idx and m.event_type == event_type and m.place and m.place_span
    ]
    return [PlaceMention(same[-1].place_span, idx, same[-1].place)] if event_type and same else []


def _context_place(doc, places: list[PlaceMention], idx: int, actor_spans, built) -> list[PlaceMention]:
    """Where an unplaced event happened: the last specific place of the sentences just before, else the
    place of the article's last event, else the country the article is most about (adjectives count:
    a report on "Syrian" towns is about Syria)."""
    for back in range(1, CONTEXT_WINDOW + 1):
        prev = event_places(doc, places, actor_spans, idx - back)
        prev = [p for p in prev if p.place.feature_type != "country"]
        if prev:
            return [prev[-1]]
    for _, m in reversed(built):
        if m.place is not None and m.place_span is not None:
            return [PlaceMention(m.place_span, idx, m.place)]
    counts: dict[str, float] = {}
    first: dict[str, PlaceMention] = {}
    for p in places:
        if p.place is None or p.relation in ("dateline", "based", "backed") or not p.place.country_code:
            continue
        # an adjective often names the attacker's nationality ("Russian air strikes"), a place where it is
        weight = 0.5 if p.is_country_adjective else 1.0
        counts[p.place.country_code] = counts.get(p.place.country_code, 0) + weight
        if p.place.feature_type == "country":
            first.setdefault(p.place.country_code, p)
    if not counts:
        return []
    top = max(counts, key=lambda k: counts[k])
    if top not in first:
        from sitreps.gazetteer import get_gazetteer

        country = get_gazetteer().country(top)
        anchor = next(p for p in places if p.place is not None and p.place.country_code == top)
        return [PlaceMention(anchor.span, idx, country)] if country is not None else []
    mention = first[top]
    place = mention.place
    if mention.is_country_adjective:
        place = dataclasses.replace(place, geo_precision=3)
    return [PlaceMention(mention.span, idx, place)]


# How far back (in sentences) an actorless mention may take the attacker of the same incident
_ATTACKER_WINDOW = 1


def _inherit(m: EventMention, built: list[tuple[int, EventMention]], idx: int, article: Article) -> None:
    """An undated or actorless mention takes them from the last mention of the same event type just before:
    "French warplanes carried out strikes overnight ... 16 jihadists were killed in the raids". The attacker
    only from the same incident: the same sentence or the one before."""
    previous = [(i, p) for i, p in built if idx - CONTEXT_WINDOW <= i < idx and p.event_type == m.event_type]
    if not previous:
        return
    prev_idx, prev = previous[-1]
    if m.actor1 is None and prev.actor1 is not None and idx - prev_idx <= _ATTACKER_WINDOW:
        m.actor1 = prev.actor1
        # the sentence's own naming of the attacker ("the jets") stays; else the one the actor came with
        m.actor1_span = m.actor1_span or prev.actor1_span
    said_before = [p for i, p in built if i == idx - 1 and p.event_type == m.event_type and p.claim]
    if m.claim is None and said_before and same_actor1(m, said_before[-1]):
        # "He said Russia had bombed Raqa ... Strikes on Aleppo killed 100": the speaker's account goes on
        m.claim = said_before[-1].claim
    if m.date_span is None and prev.date_span is not None:
        m.date_start, m.date_end = prev.date_start, prev.date_end
        m.time_precision, m.date_prec = prev.time_precision, prev.date_prec
        m.date_span, m.date_resolved = prev.date_span, prev.date_resolved
