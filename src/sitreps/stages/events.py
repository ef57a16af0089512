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
from sitreps.stages import actors as actors_stage
from sitreps.stages import event_typing
from sitreps.stages.arguments import actor_roles, claim_for, event_places, overlaps, owned, trigger_distance
from sitreps.stages.event_places import AWAY, place_rank, sort_places, trigger_places
from sitreps.stages.event_roles import EventRoles, event_roles, is_weapon, load_role_lexicon, noun_phrase
from sitreps.stages.triggers import (
    Lexicon,
    Trigger,
    find_triggers,
    governing_verb,
    load_lexicon,
    unreal_reason,
)

_REMOTE = event_typing.REMOTE
_CIVILIAN_WORDS = {
    "civilian", "civilians", "villager", "villagers", "resident", "residents", "child", "children",
    "woman", "women", "worshipper", "worshippers", "farmer", "farmers", "student", "students",
    "passenger", "passengers", "family", "families", "displaced", "refugees", "patients", "pupils",
}  # fmt: skip
_REFLEXIVES = {"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"}
# How far back (in sentences) an undated or unplaced event may inherit its date or place.
_CONTEXT_WINDOW = 2


@dataclasses.dataclass
class _Candidate:
    trigger: Trigger
    sub_event_type: str
    sentence: int
    places: list[PlaceMention] = dataclasses.field(default_factory=list)
    borrowed_place: bool = False  # the place is the sentence's nearest, not one the trigger governs


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
        candidates = _candidates(trigs, idx, _sentence_words(sent), lexicon, sents)
        candidates = _assign_places(candidates, doc, places, actor_spans, idx)
        rivals = [c.trigger for c in candidates]
        for cand in candidates:
            args = (doc, article, sent, places, dates, tolls, actors, claims, built)
            for m in _build_mentions(cand, rivals, *args):
                _inherit(m, built, idx, article)
                built.append((idx, m))
    return _merge_repeats([m for _, m in built])


def _is_heading(sent: Span) -> bool:
    """A short line with no closing punctuation and a blank line after it: a headline or subheading."""
    words = [t for t in sent if not t.is_space]
    return bool(words) and len(words) <= 8 and words[-1].text not in ".!?\"'”" and "\n" in sent.text_with_ws


def _sentence_words(sent: Span) -> str:
    """Lower-cased text and lemmas of a sentence, space-padded for substring tests."""
    return " " + " ".join([t.lower_ for t in sent] + [t.lemma_.lower() for t in sent]) + " "


def _instrument(words: str, lexicon: Lexicon) -> str:
    """The sub-event type that the weapon named in `words` points to, or ""."""
    return event_typing.instrument(words, lexicon)


def _candidates(trigs, idx: int, sent_words: str, lexicon: Lexicon, sents) -> list[_Candidate]:
    """The sentence's real triggers with their sub-event types decided where the words allow it
    (`event_typing`: the weapon, a protest, a disrupted weapon, a capture of territory)."""
    real = [t for t in trigs if not unreal_reason(t, lexicon)]
    weapon = _instrument(sent_words, lexicon)
    context_weapon = ""
    for back in range(1, _CONTEXT_WINDOW + 1):
        if idx - back >= 0 and not context_weapon:
            context_weapon = _instrument(_sentence_words(sents[idx - back]), lexicon)
    typed = [(t, event_typing.refine(t, sent_words, weapon, context_weapon)) for t in real]
    typed = [(t, sub) for t, sub in typed if sub]
    # a weak trigger ("killed" in "an air strike killed 5") only makes an event when nothing stronger does
    strong = [(t, sub) for t, sub in typed if t.rule.strength == "strong"]
    typed = event_typing.settle_sentence(strong or typed, sent_words)
    out = [_Candidate(trig, sub, idx) for trig, sub in typed]
    # an explosion inside a battle belongs to the battle
    if any(c.sub_event_type == "Armed clash" for c in out):
        out = [c for c in out if c.sub_event_type not in _REMOTE]
    # a weak trigger of a type already triggered in the sentence tells the same event ("drones hit a
    # building, killing five")
    kept: list[_Candidate] = []
    for cand in out:
        if cand.trigger.rule.strength == "weak" and any(
            k.sub_event_type == cand.sub_event_type for k in kept
        ):
            continue
        kept.append(cand)
    return kept


def _assign_places(candidates, doc, places, actor_spans, idx) -> list[_Candidate]:
    """Give each trigger the places nearest to it; a trigger with none, beside one of the same type that has
    some, is the same event told twice ("air strikes ... the raids") and is dropped."""
    usable = event_places(doc, places, actor_spans, idx)
    rivals = [c.trigger for c in candidates]
    for cand in candidates:
        cand.places = trigger_places(doc, cand.trigger, rivals, usable)
    for cand in candidates:
        if not cand.places and usable:
            # a trigger that owns no place shares the sentence's place nearest to it; if it is the same
            # event told twice, the repeat merges later (same type, place and date)
            # never a speaker's place or an origin ("said in Moscow", "fighters from Idlib")
            pool = [p for p in usable if place_rank(doc, cand.trigger.head, p) != AWAY]
            if pool:
                nearest = min(pool, key=lambda p: trigger_distance(doc, cand.trigger, p.span.start))
                cand.places, cand.borrowed_place = [nearest], True
    return candidates


def _build_mentions(cand, rivals, doc, article, sent, places, dates, tolls, actors, claims, built):
    idx = cand.sentence
    trig = cand.trigger
    actor_spans = [a.span for a in actors if a.actor.in_dictionary]
    by_nearness = sort_places(doc, trig, cand.places)
    fine = [p for p in by_nearness if p.place.feature_type != "country"]
    chosen_places = fine or by_nearness[:1] or _context_place(doc, places, idx, actor_spans, built)

    date = _governing_date(cand, rivals, doc, dates, idx)
    role1, role2 = actor_roles(trig, [a for a in actors if a.sentence == idx])
    sent_tolls = owned(
        [t for t in tolls if t.sentence == idx and not t.excluded], trig, rivals, doc, lambda t: t.span.start
    )
    told = _already_told(cand, date, built)
    if told is not None:
        # "the bombing", "yesterday's attack": the event told before; its toll fills what that one lacks
        _attach_tolls(told, sent_tolls)
        return []
    sub = cand.sub_event_type
    victims_civilian = (
        any(t.who == "civilians" for t in sent_tolls)
        or (role2 is not None and role2.actor.inter == 7)
        or _mentions_civilians(trig)
    )
    if sub == "@kill":
        recent = [m for i, m in built if idx - _CONTEXT_WINDOW <= i <= idx]
        if role1 is None and recent:
            # "More than 30 people were wounded", "yesterday's attack killed 13": a detail of the event just
            # told, not a new one; its toll fills what that event lacks
            _attach_tolls(recent[-1], sent_tolls)
            return []
    # who gains the ground, who holds whom, who killed whom
    sub = event_typing.type_with_roles(sub, trig, role1, role2, sent_tolls, victims_civilian)
    if not sub:
        return []
    row = taxonomy.lookup(sub)
    claim = claim_for(trig, claims, idx)
    if role1 is None and claim is not None and claim.claimant_actor and _possessed_by_speaker(trig):
        # "Moscow announced that its raids had killed ...": the speaker's own action
        speaker = actors_stage.get_actor_dictionary().actors.get(claim.claimant_actor)
        if speaker is not None:
            role1 = ActorMention(claim.claimant_span or _trigger_span(trig), idx, speaker)

    # the parse's own fillers reach the attackers and victims that no dictionary names ("gunmen")
    roles = _trigger_roles(trig)
    n = max(1, len(chosen_places))
    out = []
    for k, pm in enumerate(chosen_places or [None]):
        place = pm.place if pm else None
        country_code = place.country_code if place else ""
        country_name = place.country if place else ""
        actor1 = _localise(role1.actor if role1 else None, country_code, country_name)
        actor2 = _localise(role2.actor if role2 else None, country_code, country_name)
        if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
            actor2 = None
        said2 = role2 if actor2 is not None else None  # the actor mention actor2 was read from
        targets_civilians = row.event_type in ("Violence against civilians", "Explosions/Remote violence")
        if victims_civilian and targets_civilians and (actor2 is None or actor2.inter != 7):
            name = f"Civilians ({country_name})" if country_name else "Civilians"
            actor2, said2 = Actor(name, 7, country_code, "civilians", in_dictionary=False), None
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
        _apply_roles(mention, roles, role1 if actor1 is not None else None, said2)
        _apply_date(mention, date, article)
        _apply_tolls(mention, sent_tolls, n, k)
        out.append(mention)
    return out


def _context_place(doc, places: list[PlaceMention], idx: int, actor_spans, built) -> list[PlaceMention]:
    """Where an unplaced event happened: the last specific place of the sentences just before, else the
    place of the article's last event, else the country the article is most about (adjectives count:
    a report on "Syrian" towns is about Syria)."""
    for back in range(1, _CONTEXT_WINDOW + 1):
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


def _governing_date(cand, rivals, doc, dates: list[DateMention], idx: int) -> DateMention | None:
    """The date expression of the trigger's own sentence nearest to it in the tree; background ("since
    2011") and durations ("10 days of strikes") do not date an event."""
    usable = [d for d in dates if d.sentence == idx and d.kind not in ("since", "duration", "reference")]
    mine = owned(usable, cand.trigger, rivals, doc, lambda d: d.span.start)
    if not mine:
        return None
    return min(mine, key=lambda d: trigger_distance(doc, cand.trigger, d.span.start))


def _inherit(m: EventMention, built: list[tuple[int, EventMention]], idx: int, article: Article) -> None:
    """An undated or actorless mention takes them from the last mention of the same event type just before:
    "French warplanes carried out strikes overnight ... 16 jihadists were killed in the raids"."""
    previous = [p for i, p in built if idx - _CONTEXT_WINDOW <= i < idx and p.event_type == m.event_type]
    if not previous:
        return
    prev = previous[-1]
    if m.actor1 is None and prev.actor1 is not None:
        m.actor1 = prev.actor1
        # the sentence's own naming of the attacker ("the jets") stays; else the one the actor came with
        m.actor1_span = m.actor1_span or prev.actor1_span
    if m.date_span is None and prev.date_span is not None:
        m.date_start, m.date_end = prev.date_start, prev.date_end
        m.time_precision, m.date_prec = prev.time_precision, prev.date_prec
        m.date_span, m.date_resolved = prev.date_span, prev.date_resolved


def _trigger_roles(trig: Trigger) -> EventRoles:
    """The role fillers of a trigger. A noun trigger that names the weapon ("a roadside bomb", "grenades")
    is the weapon, and its clause's verb tells the rest ("three soldiers were killed by a roadside bomb")."""
    head = trig.head
    roles = _without_reflexives(event_roles(head))
    if head.pos_ in ("VERB", "AUX"):
        return roles
    if is_weapon(head):
        roles.weapons = _merged(roles.weapons, [noun_phrase(head)])
    verb = governing_verb(head)
    near = verb.i in (head.head.i, head.head.head.i)  # "bomb killed", "killed by a bomb"
    if (
        verb.i != head.i
        and near
        and verb.pos_ in ("VERB", "AUX")
        and verb.lemma_.lower() not in load_role_lexicon().speech_verbs
        and not (roles.attackers or roles.targets or roles.victims)
    ):
        from_verb = _without_reflexives(event_roles(verb))
        for key in ("attackers", "targets", "victims", "physical_targets", "weapons"):
            setattr(roles, key, _merged(getattr(roles, key), getattr(from_verb, key)))
    return roles


def _without_reflexives(roles: EventRoles) -> EventRoles:
    """"A bomber blew himself up": the reflexive object is the attacker again, not a victim."""
    for key in ("targets", "victims"):
        setattr(roles, key, [s for s in getattr(roles, key) if s.text.lower() not in _REFLEXIVES])
    return roles


def _merged(first: list[TextSpan], more: list[TextSpan]) -> list[TextSpan]:
    """`first`, then the spans of `more` that overlap none of them."""
    out = list(first)
    for s in more:
        if not any(s.start < k.end and k.start < s.end for k in out):
            out.append(s)
    return out


def _apply_roles(
    mention: EventMention, roles: EventRoles, role1: ActorMention | None, role2: ActorMention | None
) -> None:
    """The role spans: the span of the actor mention actor1/actor2 was read from, else the parse's noun
    phrase; victims, physical targets and weapons come from the parse alone."""
    if role1 is not None and role1.span != mention.trigger_span:  # a speaker without a span names nobody
        mention.actor1_span = role1.span
    elif roles.attackers:
        mention.actor1_span = roles.attackers[0]
    if role2 is not None:
        mention.actor2_span = role2.span
    elif roles.targets:
        mention.actor2_span = roles.targets[0]
    mention.victim_spans = list(roles.victims)
    mention.target_spans = list(roles.physical_targets)
    mention.weapon_spans = list(roles.weapons)


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


_DEFINITE = {"the", "this", "that", "these", "those"}


def _already_told(cand: _Candidate, date: DateMention | None, built) -> EventMention | None:
    """The earlier event a definite noun trigger refers back to ("the attack", "yesterday's bombing"), if
    the trigger brings no place or date of its own that tells another event."""
    head = cand.trigger.head
    if head.pos_ != "NOUN" or not built:
        return None
    definite = any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or (c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN"))
        for c in head.children
    )
    if not definite or date is not None:
        return None
    weak = cand.sub_event_type == "@kill"
    for _, m in reversed(built):
        if not weak and m.event_type != _event_type_of(cand.sub_event_type):
            continue
        own = [] if cand.borrowed_place else [p.place for p in cand.places]
        if own and m.place is not None and all(p.name != m.place.name for p in own):
            return None
        return m
    return None


def _event_type_of(sub_event_type: str) -> str:
    """The ACLED event type of a sub-event type; "" for the placeholders decided later."""
    return "" if sub_event_type.startswith("@") else taxonomy.lookup(sub_event_type).event_type


def _attach_tolls(mention: EventMention, tolls: list[Toll]) -> None:
    """Give a detail sentence's toll to the event it describes, for the kinds that event has no toll of."""
    for kind, prefix in (("killed", "fatalities"), ("injured", "injuries")):
        chosen = [t for t in tolls if t.kind == kind]
        if chosen and getattr(mention, f"{prefix}_best") == 0:
            for part in ("low", "best", "high"):
                setattr(mention, f"{prefix}_{part}", sum(getattr(t, part) for t in chosen))
            mention.toll_spans.extend(t.span for t in chosen)


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


def _trigger_span(trig: Trigger) -> TextSpan:
    return TextSpan(trig.span.start_char, trig.span.end_char, trig.span.text)


def _possessed_by_speaker(trig: Trigger) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in trig.head.children)


def _mentions_civilians(trig: Trigger) -> bool:
    tokens = list(trig.head.subtree) if trig.head.pos_ == "VERB" else list(trig.head.children)
    return any(t.lower_ in _CIVILIAN_WORDS for t in tokens)


def _localise(actor: Actor | None, country_code: str, country_name: str) -> Actor | None:
    """Fill a generic actor's country and give foreign state forces ACLED's inter code for where they act."""
    if actor is None:
        return None
    if not actor.country and country_name:
        actor = actors_stage.with_country(actor, country_name)
    if country_code:
        actor = dataclasses.replace(actor, inter=actors_stage.inter_for(actor, country_code))
    return actor


def _merge_repeats(mentions: list[EventMention]) -> list[EventMention]:
    """One event per sub-event type, place and date within a report: repeats fill in what the first lacks.

    Two mentions with different named actors are different events even at one place and date ("Russian
    raids" and "French strikes" on Syria the same night).
    """
    kept: list[EventMention] = []
    index: dict[tuple, list[EventMention]] = {}
    for m in mentions:
        place_key = (m.place.geonames_id or m.place.name) if m.place else None
        key = (m.sub_event_type, place_key, m.date_start)
        same = [k for k in index.get(key, []) if _same_actors(k, m)]
        if not same:
            index.setdefault(key, []).append(m)
            kept.append(m)
            continue
        _fold_into(same[0], m)
    return _fold_undated_twins(kept)


def _fold_into(first: EventMention, repeat: EventMention) -> None:
    """A repeat of an event fills what the first telling lacks; the larger toll of the two wins."""
    for prefix in ("fatalities", "injuries"):
        if getattr(first, f"{prefix}_best") < getattr(repeat, f"{prefix}_best"):
            for part in ("low", "best", "high"):
                setattr(first, f"{prefix}_{part}", getattr(repeat, f"{prefix}_{part}"))
            first.toll_spans.extend(repeat.toll_spans)
    if first.actor1 is None and repeat.actor1 is not None:
        first.actor1, first.actor1_span = repeat.actor1, repeat.actor1_span or first.actor1_span
    if first.actor2 is None and repeat.actor2 is not None:
        first.actor2, first.actor2_span = repeat.actor2, repeat.actor2_span or first.actor2_span
    first.actor1_span = first.actor1_span or repeat.actor1_span
    first.actor2_span = first.actor2_span or repeat.actor2_span
    for key in ("victim_spans", "target_spans", "weapon_spans"):
        if not getattr(first, key):
            setattr(first, key, list(getattr(repeat, key)))
    first.claim = first.claim or repeat.claim
    first.civilian_targeting = first.civilian_targeting or repeat.civilian_targeting


def _fold_undated_twins(mentions: list[EventMention]) -> list[EventMention]:
    """Two triggers of one type at one place in one sentence ("a car bomb exploded ... on Tuesday"), one of
    them with a date of its own and the other without, are one event."""
    out: list[EventMention] = []
    for m in mentions:
        twin = None
        if m.date_span is None:
            twin = next(
                (
                    k
                    for k in mentions
                    if k is not m
                    and k.date_span is not None
                    and k.sentence_span.start == m.sentence_span.start
                    and k.sub_event_type == m.sub_event_type
                    and (k.place.name if k.place else None) == (m.place.name if m.place else None)
                ),
                None,
            )
        if twin is None:
            out.append(m)
        else:
            _fold_into(twin, m)
    return out


def _same_actors(a: EventMention, b: EventMention) -> bool:
    return a.actor1 is None or b.actor1 is None or a.actor1.name == b.actor1.name
