"""One event per sub-event type, place and date within a report (`events.py`): repeats of an event fold
into its first telling, filling what it lacks; a later telling of an event ("the attack", "three were
killed") adds to the one told before unless it is told as another incident."""

from __future__ import annotations

import re
from datetime import timedelta

from sitreps import taxonomy
from sitreps.model import ActorMention, DateMention, EventMention
from sitreps.stages.arguments import actor_roles
from sitreps.stages.event_build import CONTEXT_WINDOW, Candidate, localise, trigger_roles
from sitreps.stages.event_roles import EventRoles
from sitreps.stages.event_typing_base import load_typing_lexicon
from sitreps.stages.event_typing_cues import attributed
from sitreps.stages.triggers import Trigger


def merge_repeats(mentions: list[EventMention]) -> list[EventMention]:
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
    elif (
        not own_attacker(first)
        and own_attacker(repeat)
        and (first.actor1 is None or repeat.actor1 is not None)
    ):
        # the first telling's attacker was only inherited; the repeat names its own
        first.actor1, first.actor1_span = repeat.actor1 or first.actor1, repeat.actor1_span
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
    """Two triggers of one type at one place, one of them with a date of its own and the other without, are
    one event when they share the sentence ("a car bomb exploded ... on Tuesday") or the attacker ("the
    regime's fight in Sahl al-Ghab ... the army announced an offensive there on Thursday")."""
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
                    and (k.sentence_span.start == m.sentence_span.start or same_actor1(k, m))
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


def same_actor1(a: EventMention, b: EventMention) -> bool:
    return a.actor1 is not None and b.actor1 is not None and a.actor1.name == b.actor1.name


def _same_actors(a: EventMention, b: EventMention) -> bool:
    return a.actor1 is None or b.actor1 is None or a.actor1.name == b.actor1.name


def own_attacker(m: EventMention) -> bool:
    """Whether a mention's attacker span is in its own sentence (not inherited from an earlier one)."""
    span, sent = m.actor1_span, m.sentence_span
    return span is not None and sent.start <= span.start < sent.end


def retold_attacker(told: EventMention, role1: ActorMention | None, roles: EventRoles) -> None:
    """A retelling's attacker ("IS claimed responsibility for the bombings") fills the event told before
    when that one has no attacker span of its own."""
    # no attacker, or one inherited with its span from an earlier sentence (a dictionary actor without a
    # span was read some other way and stays)
    if own_attacker(told) or (told.actor1 is not None and told.actor1_span is None):
        return
    if role1 is not None and role1.span != told.trigger_span:
        place = told.place
        actor = localise(role1.actor, place.country_code if place else "", place.country if place else "")
        if told.actor2 is None or actor is None or told.actor2.name != actor.name:
            told.actor1, told.actor1_span = actor, role1.span
        return
    if roles.attackers:
        told.actor1_span = roles.attackers[0]


def claimed_attackers(trigs: list[Trigger], idx: int, actors: list[ActorMention], built) -> None:
    """ "IS claimed responsibility for the bombing", "police blamed the rebels for the attack": a sentence
    that only refers to an event told just before (no event of its own) names who carried it out."""
    tl = load_typing_lexicon()
    recent = [m for i, m in built if idx - CONTEXT_WINDOW <= i < idx]
    for trig in trigs:
        if not recent or not attributed(trig, tl):
            continue
        role1, _ = actor_roles(trig, [a for a in actors if a.sentence == idx])
        retold_attacker(recent[-1], role1, trigger_roles(trig))


# --- a telling of an event told before --------------------------------------------------------------


_PRONOUNS = {"he", "she", "they", "him", "her", "them"}
# How far back a pronoun victim ("he was killed near Kweyris") may point to the killing told before.
_ANAPHORA_WINDOW = 4


# How far (km) from the last event's town a killing's own town makes it another incident
_SEPARATE_KM = 60


def placed_attack_noun(cand: Candidate, date: DateMention | None) -> bool:
    """Whether an attack noun with no side named is told with a place or date of its own ("an attack near
    the market in Gao", "Monday's shooting"), singular and not a generic ("attacks on aid workers")."""
    head = cand.trigger.head
    attack_noun = head.lemma_.lower() in load_typing_lexicon().placed_attack_nouns
    if head.pos_ != "NOUN" or not attack_noun or head.tag_ == "NNS":
        return False
    return bool(cand.places and not cand.borrowed_place) or date is not None


def told_killing(cand: Candidate, built: list[tuple[int, EventMention]], idx: int) -> EventMention | None:
    """The event an attacker-less killing adds detail to: the last one just before, or, when the victim is a
    pronoun ("he was killed"), the last event with a death a few sentences back. Not when the killing is
    told as another incident ("another attack", "in Mosul" after a bombing in Baghdad)."""
    trig = cand.trigger
    if _new_incident(cand, built):
        return None
    recent = [m for i, m in built if idx - CONTEXT_WINDOW <= i <= idx]
    if recent:
        return recent[-1]
    victims = [c for c in trig.head.children if c.dep_ in ("nsubjpass", "dobj")]
    if not any(v.lower_ in _PRONOUNS for v in victims):
        return None
    deadly = [m for i, m in built if idx - _ANAPHORA_WINDOW <= i < idx and m.fatalities_best > 0]
    return deadly[-1] if deadly else None


def _new_incident(cand: Candidate, built: list[tuple[int, EventMention]]) -> bool:
    """Whether a killing is told as an incident apart from the last event: "another"/"separate" said of
    it or of the attack it happened in, or a town of its own where the last event was placed in another
    town far from it ("he was killed near Kweyris" after fighting around Aleppo is the same incident; a
    killing in Mosul after a bombing in Baghdad is not)."""
    head, new_words = cand.trigger.head, load_typing_lexicon().new_incident_words
    near = [head, *head.children, *[g for c in head.children if c.dep_ == "prep" for g in c.children]]
    if any(c.lower_ in new_words for t in near for c in t.children if c.dep_ in ("det", "amod")):
        return True
    if cand.borrowed_place or not built:
        return False
    last = built[-1][1].place
    own = [p.place for p in cand.places if p.place.feature_type != "country"]
    if last is None or last.feature_type == "country" or not own:
        return False
    if last.latitude is None or own[0].latitude is None or own[0].name == last.name:
        return False
    from sitreps.gazetteer import distance_km

    return distance_km(own[0], last) > _SEPARATE_KM


_DEFINITE = {"the", "this", "that", "these", "those"}


def already_told(cand: Candidate, date: DateMention | None, built, text: str = "") -> EventMention | None:
    """The earlier event a definite noun trigger refers back to ("the attack", "yesterday's bombing"), if
    the trigger brings no place or date of its own that tells another event. A date of its own still refers
    back when the event told was dated only by when someone spoke of it ("said Saturday") and this date
    falls in the week before."""
    head = cand.trigger.head
    if head.pos_ != "NOUN" or not built:
        return None
    definite = any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or (c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN"))
        for c in head.children
    )
    if not definite or (date is not None and not _redates(date, built, text)):
        return None
    weak = cand.sub_event_type == "@kill"
    for _, m in reversed(built):
        if not weak and m.event_type != event_type_of(cand.sub_event_type):
            continue
        if date is not None and not _dated_by_speech(m, text):
            return None
        own = [] if cand.borrowed_place else [p.place for p in cand.places]
        # "strikes on IS targets in Syria ... the raids hit a camp near Raqa": a place inside the country
        # the event was told in says where it was, not that it is another event
        inside = m.place is not None and m.place.feature_type == "country"
        inside = inside and all(p.country_code == m.place.country_code for p in own)
        if own and m.place is not None and all(p.name != m.place.name for p in own) and not inside:
            return None
        return m
    return None


_SPEECH_BEFORE_DATE = re.compile(r"\b(?:said|told|reported|announced|added|says|say)\s+(?:on\s+)?$", re.I)


def _dated_by_speech(m: EventMention, text: str) -> bool:
    """Whether an event's date is the day someone spoke of it ("residents said Saturday")."""
    if m.date_span is None:
        return False
    return bool(_SPEECH_BEFORE_DATE.search(text[max(0, m.date_span.start - 30) : m.date_span.start]))


def _redates(date: DateMention, built, text: str) -> bool:
    """Whether `date` can be the true date of the last event told that was dated by a speaker's day."""
    for _, m in reversed(built):
        if _dated_by_speech(m, text) and m.date_start is not None and date.date_start is not None:
            return timedelta(0) <= m.date_start - date.date_start <= timedelta(days=7)
    return False


def event_type_of(sub_event_type: str) -> str:
    """The ACLED event type of a sub-event type; "" for the placeholders decided later."""
    return "" if sub_event_type.startswith("@") else taxonomy.lookup(sub_event_type).event_type
