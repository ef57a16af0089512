"""One event per sub-event type, place and date within a report (`events.py`): repeats of an event fold
into its first telling, filling what it lacks."""

from __future__ import annotations

from sitreps.model import ActorMention, EventMention
from sitreps.stages.arguments import actor_roles
from sitreps.stages.event_build import CONTEXT_WINDOW, localise, trigger_roles
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
