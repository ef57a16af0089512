"""Sub-event typing: which ACLED sub-event type a trigger tells, read as an ACLED coder reads a sentence.

A trigger (`triggers.py`) suggests a type; the sentence decides it. The weapon decides a strike ("warplanes"
-> Air/drone strike, "mortar" -> Shelling); a weapon that is defused, seized or shot down is Disrupted weapons
use, not its attack; a protest takes over the arrests, clashes and killings told with it (Protest with
intervention, Violent demonstration, Excessive force against protesters); a capture of territory outranks the
fighting that won it; who died or who killed decides between Attack, Armed clash and Mob violence; floods and
gas explosions are no conflict events at all. The words behind these decisions live in
`data/event_typing.yaml`.

Placeholders a trigger rule may carry (`data/triggers.yaml`): "@strike" and "@explosion" (typed by the
weapon), "@kill" and "@territory" (typed by who, see `type_with_roles`), "@disrupt", "@base", "@change",
"@release", "@burn" (events only with the right object).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from spacy.tokens import Span, Token

from sitreps.model import ActorMention, Toll
from sitreps.stages.triggers import Lexicon, Trigger

REMOTE = frozenset(
    {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Suicide bomb",
        "Chemical weapon",
    }
)
PROTEST_TYPES = frozenset(
    {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
    }
)
_AIR, _SHELLING = "Air/drone strike", "Shelling/artillery/missile attack"
_IED = "Remote explosive/landmine/IED"
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}
_REGAIN_LEMMAS = {"recapture", "retake", "regain", "liberate", "reclaim"}
_STATE_WORDS = {
    "army", "troop", "soldier", "military", "government", "police", "gendarme", "security", "navy",
    "policeman", "marine", "paratrooper", "loyalist", "regime", "national", "federal", "state",
}  # fmt: skip
# trigger types that may be a weapon stopped before use
_WEAPON_SUBS = REMOTE | {"@strike", "@explosion", "@territory", "@disrupt", "@kill", "@burn",
                         "Disrupted weapons use", "Non-violent transfer of territory"}  # fmt: skip
# inter codes of armed actors (state, rebel, militias, external forces)
_ARMED_INTER = {1, 2, 3, 4, 8}


@dataclass(frozen=True)
class TypingLexicon:
    """The word lists of `data/event_typing.yaml`, as frozensets of lower-case lemmas or phrases."""

    lists: dict[str, frozenset[str]]
    disrupt_particles: dict[str, frozenset[str]]

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.lists[name]
        except KeyError:
            raise AttributeError(name) from None


@lru_cache(maxsize=1)
def load_typing_lexicon() -> TypingLexicon:
    """The typing word lists (and users' extra files from SITREPS_EVENT_TYPING, merged), once per process."""
    files = [yaml.safe_load(resources.files("sitreps.data").joinpath("event_typing.yaml").read_text("utf-8"))]
    for extra in filter(None, os.environ.get("SITREPS_EVENT_TYPING", "").split(os.pathsep)):
        files.append(yaml.safe_load(Path(extra).read_text("utf-8")) or {})
    lists: dict[str, set[str]] = {}
    particles: dict[str, set[str]] = {}
    for data in files:
        for key, value in data.items():
            if key == "disrupt_particles":
                for verb, words in value.items():
                    particles.setdefault(verb, set()).update(str(w).lower() for w in words or [])
            elif isinstance(value, list):
                lists.setdefault(key, set()).update(str(w).lower() for w in value)
    return TypingLexicon(
        {k: frozenset(v) for k, v in lists.items()}, {k: frozenset(v) for k, v in particles.items()}
    )


def sentence_words(sent: Span) -> str:
    """Lower-cased text and lemmas of a sentence, space-padded, for whole-word tests with `has_any`. Kept
    on the Doc: the trigger, typing, event and non-event stages all ask for the same sentences."""
    cache = sent.doc.user_data.setdefault("sitreps_sentence_words", {})
    key = (sent.start, sent.end)
    words = cache.get(key)
    if words is None:
        words = cache[key] = " " + " ".join([t.lower_ for t in sent] + [t.lemma_.lower() for t in sent]) + " "
    return words


def has_any(words: str, items: Iterable[str]) -> bool:
    """Whether any word or phrase of `items` occurs as whole words in `words` (see `sentence_words`)."""
    return any(f" {w} " in words for w in items)


def instrument(words: str, lexicon: Lexicon) -> str:
    """The sub-event type that the weapon named in `words` points to, or ""."""
    for sub_type in ("Chemical weapon", "Suicide bomb", "Grenade", _IED):
        if has_any(words, lexicon.instruments.get(sub_type, [])):
            return sub_type
    air = has_any(words, lexicon.instruments.get(_AIR, []))
    ground = has_any(words, lexicon.instruments.get(_SHELLING, []))
    if air and ground:
        # "warplanes and artillery pounded the town": the air raid is the one named
        return _AIR if " air " in words or " warplane " in words else _SHELLING
    return _AIR if air else _SHELLING if ground else ""


# --- dependency helpers ------------------------------------------------------------------------------


def _expand(tokens: Iterable[Token]) -> list[Token]:
    """Tokens with their conjuncts, compounds and "of" objects: "a cache of weapons and ammunition"."""
    out: list[Token] = []
    todo = list(tokens)
    while todo:
        tok = todo.pop()
        if tok in out:
            continue
        out.append(tok)
        for c in tok.children:
            if c.dep_ in ("conj", "compound", "appos", "nmod", "amod"):
                todo.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of":
                todo.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def objects(verb: Token) -> list[Token]:
    """What a verb acts on: its direct or passive-subject objects (a passive subject shared with an earlier
    conjoined verb counts: "an IED was found and defused"), expanded with conjuncts and "of" objects."""
    found = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
    if verb.dep_ == "conj" and not found:
        found = [c for c in verb.head.children if c.dep_ in ("nsubjpass", "dobj")]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "at"):  # "an attack on a checkpoint"
            found.extend(g for g in c.children if g.dep_ == "pobj")
    return _expand(found)


def subjects(verb: Token) -> list[Token]:
    """Who acts: the active subject or the passive agent ("killed by a mob"), expanded."""
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    for c in verb.children:
        if c.dep_ == "agent":
            found.extend(g for g in c.children if g.dep_ == "pobj")
    if not found and verb.dep_ in ("conj", "advcl", "xcomp", "relcl") and verb.head is not verb:
        found = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return _expand(found)


def _lemmas(tokens: Iterable[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}


def _verbs_over(token: Token, depth: int = 3) -> list[Token]:
    """The token if it is a verb, and the verbs above it (nearest first)."""
    out = [token] if token.pos_ in ("VERB", "AUX") else []
    for anc in list(token.ancestors)[:depth]:
        if anc.pos_ in ("VERB", "AUX"):
            out.append(anc)
    return out


def _disrupting_verb(verb: Token, tl: TypingLexicon) -> bool:
    lemma = verb.lemma_.lower()
    if lemma not in tl.disrupt_verbs:
        return False
    needed = tl.disrupt_particles.get(lemma)
    if needed is not None:
        return any(c.lower_ in needed for c in verb.children) or any(
            c.lower_ in needed for c in verb.head.children
        )
    return True


def disrupted_weapon(trigger: Trigger, tl: TypingLexicon | None = None) -> bool:
    """Whether the trigger is a weapon stopped, found or taken ("defused an IED", "an IED was defused",
    "seized weapons", "shot down a drone") or the verb that does it."""
    tl = tl or load_typing_lexicon()
    for verb in _verbs_over(trigger.head):
        if not _disrupting_verb(verb, tl):
            continue
        objs = objects(verb)
        if verb is not trigger.head and trigger.head not in objs:
            continue
        wanted = tl.weapon_nouns | (tl.foil_objects if verb.lemma_.lower() in tl.foil_verbs else frozenset())
        if _lemmas(objs) & wanted:
            return True
    return False


def _object_lemmas(head: Token) -> set[str]:
    verbs = _verbs_over(head, depth=1)
    return _lemmas(objects(verbs[0]) if verbs else [c for c in head.children if c.dep_ in _OBJECT_DEPS])


def _is_person(tokens: list[Token], tl: TypingLexicon) -> bool:
    """Whether the heads of `tokens` (not their "of" modifiers: "the town of Palmyra") are people."""
    heads = [t for t in tokens if t.dep_ != "pobj" or t.head.lower_ != "of"]
    return any(t.ent_type_ == "PERSON" for t in heads) or bool(_lemmas(heads) & tl.person_nouns)


def _expels(verb: Token, tl: TypingLexicon) -> bool:
    """ "drove out rebels from the villages", "expelled the militants": the people are pushed off the ground,
    which is taken; not people captured."""
    lemma = verb.lemma_.lower()
    if lemma in tl.expulsion_verbs:
        return True
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    return lemma in tl.expulsion_particle_verbs and bool(particles & {"out", "away", "back"})


def _describes_noun(participle: Token, sub: str) -> bool:
    """A weak trigger's participle that only describes its noun: a group's role ("a role reinforcing the
    front"), or where a weapon came from ("missiles fired from the Caspian Sea")."""
    if sub == "@change":
        return True
    return sub == "@strike" and any(c.dep_ == "prep" and c.lower_ == "from" for c in participle.children)


def _hit_something(verb: Token) -> bool:
    """Whether the verb says what was hit: "crashed into a house", "on a market" (not "on Wednesday")."""
    for c in verb.children:
        objs = [g for g in c.children if g.dep_ == "pobj"]
        if c.lower_ in ("into", "onto") or (c.lower_ == "on" and any(not g.ent_type_ for g in objs)):
            return True
    return False


def _vehicle_crash(sent: Span, tl: TypingLexicon) -> bool:
    """A plane, helicopter or bus that crashed or fell: the sentence tells an accident."""
    crashes = [t for t in sent if t.lemma_.lower() in ("crash", "crash-land")]
    return any(_lemmas(subjects(t)) & tl.aircraft_vehicles for t in crashes)


def _attributed(trigger: Trigger, tl: TypingLexicon) -> bool:
    """ "condemned the attack", "claimed responsibility for the bombing": a definite reference to an event
    told elsewhere, by a verb that reports on it."""
    head = trigger.head
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
    if head.pos_ != "NOUN" or not definite:
        return False
    return any(anc.lemma_.lower() in tl.attribution_governors for anc in list(head.ancestors)[:3])


# --- the decisions ---------------------------------------------------------------------------------------


def refine(
    trigger: Trigger, words: str, weapon: str, context_weapon: str, tl: TypingLexicon | None = None
) -> str:
    """The sub-event type a trigger tells in its sentence (`words` from `sentence_words`), given the weapon
    named there (`weapon`) or in the sentences before (`context_weapon`). "" when it tells no event;
    "@kill" and "@territory" are left for `type_with_roles`."""
    tl = tl or load_typing_lexicon()
    sub = trigger.rule.sub_event_type
    head = trigger.head
    lemma = head.lemma_.lower()
    if _attributed(trigger, tl):
        return ""
    if trigger.rule.strength == "weak" and head.dep_ == "acl" and _describes_noun(head, sub):
        # "missiles fired from the Caspian Sea", "a role reinforcing the front": a participle that describes
        # a noun, not a telling of what happened
        return ""
    clause = [head, *[a for a in head.ancestors if a.pos_ in ("VERB", "AUX")][:1]]
    if {c.lower_ for t in clause for c in t.children} & tl.habitual_adverbs:
        return ""  # "we always fix the target": what is done as a rule, not an event
    doers = subjects(head) + (subjects(head.head) if head.pos_ == "NOUN" else [])
    armed = [t for t in doers if t.lemma_.lower() in tl.weapon_nouns]
    if any(d.lower_ in ("all", "every", "any", "no") for subj in armed for d in subj.children):
        return ""  # "all our cruise missiles hit their target": a boast about every strike, not one strike
    if lemma == "riot" and head.dep_ in ("compound", "amod", "nmod") or head.lower_.startswith("anti-riot"):
        return ""  # "riot police", "anti-riot units": the police, not a riot
    if sub in _WEAPON_SUBS and disrupted_weapon(trigger, tl):
        return "Disrupted weapons use"
    if sub == "@disrupt":
        return ""  # "bodies were found": a verb of finding with no weapon
    if sub in {"@kill", "@strike", "@explosion", "@burn"}:
        if has_any(words, tl.disaster_words | tl.accident_words) and not weapon:
            return ""  # "floods killed 12", "a gas cylinder explosion": no conflict event
        if _vehicle_crash(head.sent, tl):
            return ""  # "a plane crashed near the airport, killing 20": an accident, not a strike
    if lemma in tl.malfunction_verbs and not _hit_something(head):
        return ""  # "missiles had crashed in Iran": a weapon gone astray; "crashed into a house" is a hit
    if trigger.rule.requires_instrument and (not weapon or has_any(words, tl.accident_words)):
        return ""  # a weapon must have hit; a fuel tank that caught fire is an accident
    if sub in REMOTE and weapon == "Chemical weapon":
        return weapon  # "rockets loaded with chlorine": the agent, not the carrier, makes the type
    if sub == "@explosion":
        return weapon or _IED
    if sub == "@strike":
        return _strike_type(trigger, words, weapon, context_weapon, tl)
    if sub == "@kill" and weapon in REMOTE:
        return weapon  # "drones hit a building, killing five": the weapon types the killing
    if sub == "@kill" and lemma == "raid" and context_weapon in REMOTE:
        return context_weapon  # "warplanes struck ... 16 were killed in the raids"
    if sub == "@territory" and _is_person(objects(head), tl) and not _expels(head, tl):
        return "@detain"  # "captured a commander": people, not ground
    if sub == "@territory" and has_any(words, tl.peaceful_transfer):
        return "Non-violent transfer of territory"  # "entered the town unopposed after the army withdrew"
    if sub == "Armed clash" and lemma == "assault" and head.pos_ == "VERB":
        return "@kill"  # "youths assaulted a trader": who assaulted whom decides, not a battle
    if sub == "@base":
        return "Headquarters or base established" if _object_lemmas(head) & tl.base_nouns else ""
    if sub == "@change":
        needs_object = lemma in {"form", "join", "appoint", "elect", "announce", "split"}
        if needs_object and not _object_lemmas(head) & tl.change_objects:
            return ""
        return "Change to group/activity"
    if sub == "@release":
        return "Agreement" if _object_lemmas(head) & tl.release_objects else ""
    if sub == "@burn":
        return "Looting/property destruction" if _object_lemmas(head) & tl.property_nouns else ""
    if sub == "Agreement" and any(a.lemma_.lower() in tl.talk_governors for a in list(head.ancestors)[:3]):
        return ""  # "talks on a ceasefire": diplomacy, not an agreement
    return sub


def _strike_type(trigger: Trigger, words: str, weapon: str, context_weapon: str, tl: TypingLexicon) -> str:
    head = trigger.head
    lemma = head.lemma_.lower()
    if lemma == "bomb" and head.pos_ == "NOUN" and weapon not in (_AIR, _SHELLING):
        return weapon or _IED  # "a bomb exploded": a planted bomb, not one dropped from the air
    explosive_words = ("explode", "blast", "explosion", "plant", "detonate")
    if lemma == "bombing" and not weapon and has_any(words, explosive_words):
        return _IED
    unarmed_verb = lemma == "strike" and head.pos_ == "VERB" and not (weapon or context_weapon)
    if unarmed_verb and not _lemmas(subjects(head)) & tl.aircraft_vehicles:
        return "@kill"  # "gunmen struck a village": no weapon named, so who did it to whom decides
    sub = weapon or context_weapon or _AIR  # a bare "strikes" in conflict reporting means air strikes
    return sub if sub in REMOTE else _AIR


def protest_type(words: str, tl: TypingLexicon | None = None) -> str:
    """The protest sub-event type of a sentence that tells a protest: the protesters' violence first, then
    lethal force against them, then intervention, else peaceful."""
    tl = tl or load_typing_lexicon()
    for gear in tl.riot_gear:  # "riot police" are not rioters
        words = words.replace(f" {gear} ", " police ")
    if has_any(words, tl.protester_violence):
        return "Violent demonstration"
    lethal = has_any(words, tl.lethal_force) and not has_any(words, tl.lethal_force_not)
    if lethal or has_any(words, tl.lethal_force_always):
        return "Excessive force against protesters"
    if has_any(words, tl.protest_intervention):
        return "Protest with intervention"
    return "Peaceful protest"


def two_sided_capture(typed: list[tuple[Trigger, str]], words: str, tl: TypingLexicon | None = None) -> bool:
    """Whether the sentence tells a capture of territory and a killing on both sides of it, so that its weak
    killing trigger is a clash of its own (see `settle_sentence`)."""
    tl = tl or load_typing_lexicon()
    return any(sub == "@territory" for _, sub in typed) and has_any(words, tl.two_sided_phrases)


def settle_sentence(
    typed: list[tuple[Trigger, str]], words: str, tl: TypingLexicon | None = None
) -> list[tuple[Trigger, str]]:
    """One sentence's triggers, typed together: a protest takes over the arrests and clashes told with it;
    a capture of territory outranks the fighting; a disrupted weapon is not also its attack."""
    tl = tl or load_typing_lexicon()
    if any(sub in PROTEST_TYPES for _, sub in typed):
        decided = protest_type(words, tl)
        typed = [(t, decided if sub.lower() in tl.protest_absorbs else sub) for t, sub in typed]
    if any(sub == "@territory" for _, sub in typed):
        # the fighting that won the ground is the capture, unless the killing is told as a fight of two
        # sides ("dozens were killed on both sides as IS drove out rebels"): that is a clash of its own
        two_sided = has_any(words, tl.two_sided_phrases)
        typed = [(t, "Armed clash" if two_sided and sub == "@kill" else sub) for t, sub in typed]
        typed = [(t, sub) for t, sub in typed if sub != "@kill" and (sub != "Armed clash" or two_sided)]
    disrupting = [t for t, sub in typed if sub == "Disrupted weapons use"]
    if disrupting:

        # the weapon named beside its disruption is the disrupted one ("an IED discovered near the road
        # was defused"), unless the sentence tells it went off
        def told_by_disruption(t: Trigger) -> bool:
            tree = any(t.head in d.head.subtree or d.head in t.head.subtree for d in disrupting)
            return tree or t.head.pos_ in ("NOUN", "PROPN")

        typed = [(t, sub) for t, sub in typed if sub not in REMOTE or not told_by_disruption(t)]
    return typed


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
        return _territory_type(trigger, role1)
    if sub == "@detain":
        state = role1 is not None and role1.actor.actor_type == "state"
        if state or _lemmas(subjects(head)) & _STATE_WORDS:
            return "Arrests"
        return "Abduction/forced disappearance"
    if sub != "@kill":
        return sub
    doers = _lemmas(subjects(head))
    if doers & tl.crowd_nouns and not doers & tl.armed_nouns:
        return "Mob violence"  # "villagers beat a suspected thief to death"
    victims = objects(head)
    victim_words = _lemmas(victims)
    if victim_words & tl.armed_nouns or victim_words & tl.armed_targets:
        return "Armed clash"  # "militants attacked a checkpoint", "killed four soldiers"
    if role2 is not None and role2.actor.inter in _ARMED_INTER:
        return "Armed clash"
    if victims_civilian or victim_words & tl.civilian_targets or _is_person(victims, tl):
        return "Attack"  # "gunmen shot dead a trader": violence against civilians
    if any(t.who == "civilians" for t in tolls):
        return "Attack"
    if role1 is not None and role2 is not None:
        return "Armed clash"
    if role1 is not None or role2 is not None or tolls:
        # a killing by armed men with no armed victim named: ACLED's default for one-sided violence
        return "Attack"
    return ""


def _territory_type(trigger: Trigger, role1: ActorMention | None) -> str:
    head = trigger.head
    if head.lemma_.lower() in _REGAIN_LEMMAS or (role1 is not None and role1.actor.actor_type == "state"):
        return "Government regains territory"
    if role1 is not None:
        return "Non-state actor overtakes territory"
    takers = _lemmas(subjects(head))
    if head.lower_ == "fell":  # "the town fell to the army"
        takers = _lemmas(_expand(g for c in head.children if c.lower_ == "to" for g in c.children))
    if takers & _STATE_WORDS:
        return "Government regains territory"
    return "Non-state actor overtakes territory"
