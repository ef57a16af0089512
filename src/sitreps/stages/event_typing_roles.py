"""Typing that needs the actors and tolls: who gains the ground ("@territory"), who holds whom ("@detain")
and who killed whom ("@kill"). Called by `events.py` once the roles of a trigger are known; the rest of the
typing, which reads the sentence alone, lives in `event_typing.py`."""

from __future__ import annotations

from sitreps.model import ActorMention, Toll
from sitreps.stages.event_typing_base import (
    TypingLexicon,
    direct_objects,
    expand,
    is_person,
    lemmas,
    load_typing_lexicon,
    objects,
    subjects,
)
from sitreps.stages.event_typing_cues import blows
from sitreps.stages.territory_typing import territory_type
from sitreps.stages.triggers import Trigger

_AT = ("on", "at", "against", "into")
# inter codes of armed actors (state, rebel, militias, external forces)
_ARMED_INTER = {1, 2, 3, 4, 8}


def type_with_roles(
    sub: str,
    trigger: Trigger,
    role1: ActorMention | None,
    role2: ActorMention | None,
    tolls: list[Toll],
    victims_civilian: bool,
    tl: TypingLexicon | None = None,
) -> str:
    """Resolve the placeholders that need the actors: "@territory" (who gains), "@detain" (who holds whom)
    and "@kill" (who killed whom). "" when a killing has neither side nor toll to make it an event."""
    tl = tl or load_typing_lexicon()
    head = trigger.head
    if sub == "@territory":
        return territory_type(trigger.head, role1, tl)
    if sub == "@detain":
        state = role1 is not None and role1.actor.actor_type == "state"
        if state or lemmas(subjects(head)) & tl.state_words:
            return "Arrests"
        return "Abduction/forced disappearance"
    if sub != "@kill":
        return sub
    doers = lemmas(subjects(head))
    if doers & tl.crowd_nouns and not doers & tl.armed_nouns:
        return "Mob violence"  # "villagers beat a suspected thief to death"
    # whom the killing or beating was done to: its direct object when it has one ("beat her at a
    # checkpoint": the checkpoint is where, not whom)
    victims = expand(direct_objects(head)) or objects(head)
    if head.pos_ == "NOUN" and not victims:
        # "the killing of three farmers", "the murder of a journalist": whom the noun's "of" names
        of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        victims = expand(g for c in of for g in c.children if g.dep_ == "pobj")
    shots = [t for t in direct_objects(head) if t.lemma_.lower() in tl.shot_nouns]
    if shots:
        # "opened fire on an army patrol", "fired shots at villagers": whom the shots were aimed at
        aimed = [g for t in (head, *shots) for c in t.children if c.dep_ == "prep" and c.lower_ in _AT
                 for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        victims = expand(aimed) or victims
    victim_words = lemmas(victims)
    if victim_words & tl.armed_nouns or victim_words & tl.armed_targets:
        return "Armed clash"  # "militants attacked a checkpoint", "killed four soldiers"
    if role2 is not None and role2.actor.inter in _ARMED_INTER:
        return "Armed clash"
    armed_doer = (role1 is not None and role1.actor.inter in _ARMED_INTER) or bool(doers & tl.armed_nouns)
    if not (armed_doer or tolls or victims_civilian or blows(head, tl)):
        return ""  # "the opposition attacked the minister over the budget": words, not blows
    if victims_civilian or victim_words & tl.civilian_targets or is_person(victims, tl):
        return "Attack"  # "gunmen shot dead a trader": violence against civilians
    if victim_words & tl.pronoun_victims and blows(head, tl):
        return "Attack"  # "they attacked us with knives", "stabbed him": a witness's telling of an attack
    if any(t.who == "civilians" for t in tolls):
        return "Attack"
    if role1 is not None and role2 is not None:
        return "Armed clash"
    if role1 is not None or role2 is not None or tolls:
        # a killing by armed men with no armed victim named: ACLED's default for one-sided violence
        return "Attack"
    return ""
