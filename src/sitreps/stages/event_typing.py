"""Sub-event typing: which ACLED sub-event type a trigger tells, read as an ACLED coder reads a sentence.

A trigger (`triggers.py`) suggests a type; the sentence decides it. The weapon decides a strike ("warplanes"
-> Air/drone strike, "mortar" -> Shelling); a weapon that is defused, seized or shot down is Disrupted weapons
use, not its attack; a protest takes over the arrests, clashes and killings told with it (Protest with
intervention, Violent demonstration, Excessive force against protesters); a capture of territory outranks the
fighting that won it; who died or who killed decides between Attack, Armed clash and Mob violence; floods and
gas explosions are no conflict events at all. The words behind these decisions live in
`data/event_typing.yaml`.

Placeholders a trigger rule may carry (`data/triggers.yaml`): "@strike" and "@explosion" (typed by the
weapon), "@kill" and "@territory" (typed by who, see `event_typing_roles.type_with_roles`), "@disrupt",
"@base", "@change", "@release", "@burn", "@agree" (events only with the right object). Protests are typed in
`protest_typing.py`, captures of ground in `territory_typing.py`; what a sentence says about its trigger
(a weapon stopped, a vehicle crash, a coup, bodies found) in `event_typing_cues.py`; the shared helpers
live in `event_typing_base.py`.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from sitreps.nlp import doc_tokens, doc_tree
from sitreps.stages.event_typing_base import (
    TypingLexicon,
    direct_objects,
    has_any,
    is_person,
    lemmas,
    load_typing_lexicon,
    object_lemmas,
    objects,
    sentence_words,
    subjects,
    token_words,
)
from sitreps.stages.event_typing_cues import (
    activity_changed,
    advances_into,
    attributed,
    captivity_behind_release,
    chemical_attack,
    coup_or_jailbreak,
    describes_noun,
    disrupted_weapon,
    figurative_strike,
    found_dead,
    frees,
    held_weapon,
    hit_something,
    planned_only,
    release_type,
    takes_place,
    vehicle_crash,
)
from sitreps.stages.protest_typing import later_type, protest_type
from sitreps.stages.territory_typing import (
    aimed_only,
    expels,
    from_side,
    goods_not_ground,
    pushed_off,
    under_control,
)
from sitreps.stages.triggers import Lexicon, Trigger, load_lexicon

__all__ = ["has_any", "load_typing_lexicon", "objects", "protest_type", "sentence_words", "subjects"]

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
# trigger types that may be a weapon stopped before use
_WEAPON_SUBS = REMOTE | {"@strike", "@explosion", "@territory", "@disrupt", "@kill", "@burn",
                         "Disrupted weapons use", "Non-violent transfer of territory"}  # fmt: skip


def instrument(words: str, lexicon: Lexicon) -> str:
    """The sub-event type that the weapon named in `words` points to, or ""."""
    for phrase in load_typing_lexicon().not_aircraft_phrases:
        if f" {phrase} " in words:  # "fired shots into the air": where the bullets went, not an aircraft
            words = words.replace(f" {phrase} ", " ")
    for sub_type in ("Chemical weapon", "Suicide bomb", "Grenade", _IED):
        if has_any(words, lexicon.instruments.get(sub_type, ())):
            return sub_type
    air = has_any(words, lexicon.instruments.get(_AIR, ()))
    ground = has_any(words, lexicon.instruments.get(_SHELLING, ()))
    if air and ground:
        carried = load_typing_lexicon().air_carried_munitions
        if not has_any(words, [w for w in lexicon.instruments.get(_SHELLING, []) if w not in carried]):
            return _AIR  # "jets fired missiles", "a helicopter fired rockets": munitions the aircraft carry
        # "warplanes and artillery pounded the town": the air raid is the one named
        return _AIR if " air " in words or " warplane " in words else _SHELLING
    return _AIR if air else _SHELLING if ground else ""


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
    if attributed(trigger, tl):
        return ""
    if weapon == "Chemical weapon" and not chemical_attack(head, words, tl):
        weapon = ""  # "a chlorine tank leaked, killing 13": an industrial accident, no weapon
    if trigger.rule.strength == "weak" and head.dep_ == "acl" and describes_noun(head, sub):
        # "missiles fired from the Caspian Sea", "a role reinforcing the front": a participle that describes
        # a noun, not a telling of what happened
        return ""
    # the trigger and its nearest verbal ancestor (or itself again), read from the document's tree lists
    tree, lower = doc_tree(head.doc), doc_tokens(head.doc).lower
    heads, kids = tree.heads, tree.kids
    verb_i = k = head.i
    while heads[k] != k:
        k = heads[k]
        if tree.pos[k] in ("VERB", "AUX"):
            verb_i = k
            break
    if {lower[c] for t in (head.i, verb_i) for c in kids[t]} & tl.habitual_adverbs:
        return ""  # "we always fix the target": what is done as a rule, not an event
    doers = subjects(head) + (subjects(head.head) if head.pos_ == "NOUN" else [])
    armed = [t for t in doers if t.lemma_.lower() in tl.weapon_nouns]
    if any(d.lower_ in ("all", "every", "any", "no") for subj in armed for d in subj.children):
        return ""  # "all our cruise missiles hit their target": a boast about every strike, not one strike
    if lemma == "riot" and head.dep_ in ("compound", "amod", "nmod") or head.lower_.startswith("anti-riot"):
        return ""  # "riot police", "anti-riot units": the police, not a riot
    if sub == "Arrests" and head.dep_ == "amod":
        return ""  # "freed in exchange for detained commanders": who they are, not an arrest told
    if sub in ("@burn", "@kill") and weapon in (_AIR, _SHELLING) and _struck_by(head, weapon):
        return weapon  # "coalition aircraft destroyed an IS vehicle", "a drone killed two": the strike
    figurative = figurative_strike(head, tl)
    if figurative is not None:
        return figurative  # "the two sides struck a deal" (an agreement), "struck a balance" (nothing)
    if activity_changed(head, sub, tl):
        return "Change to group/activity"  # "the coalition suspended air strikes", "called off the strike"
    if sub in _WEAPON_SUBS and disrupted_weapon(trigger, tl):
        return "Disrupted weapons use"
    if sub in _WEAPON_SUBS - {"@kill", "@territory"} and held_weapon(head, words, tl):
        return "Disrupted weapons use"  # "police arrested a man carrying a grenade and an IED"
    explosive = sub in ("@explosion", _IED, "Grenade") or (sub == "@strike" and weapon in ("", _IED))
    if explosive and weapon != "Suicide bomb" and has_any(words, tl.premature_detonation):
        return "Disrupted weapons use"  # "an IED went off while militants were planting it"
    if sub in PROTEST_TYPES and planned_only(head, tl):
        return ""  # "police deployed to prevent a planned protest": no protest took place
    if sub in PROTEST_TYPES and lemma in tl.gathering_verbs and lemmas(subjects(head)) & tl.fighter_nouns:
        return "Change to group/activity"  # "rebel fighters rallied to the government": no protest
    if sub == "Abduction/forced disappearance" and captivity_behind_release(head, tl):
        return ""  # "passengers abducted last week were released": the release is the news
    if sub in ("@kill", "Attack") and found_dead(head, tl):
        return "Other"  # "the bodies of three men who had been shot dead were found": a discovery
    remote_assault = weapon in (_AIR, _SHELLING) and lemma in tl.remote_assault_nouns
    if sub == "Armed clash" and remote_assault and not has_any(words, tl.ground_fighting_words):
        return weapon  # "an artillery assault on rebel positions": fired from afar, no fight told
    ended = head.dep_ == "dobj" and head.head.lemma_.lower() in tl.ending_verbs
    if sub == "Armed clash" and head.pos_ == "NOUN" and ended:
        return ""  # "agreed to end the fighting": the fighting is what is ended, not news of its own
    if sub == "Armed clash" and advances_into(head, tl):
        sub = "@territory"  # "pro-government forces advanced into the district after clashes"
    if sub == "@disrupt" and lemma in tl.ground_disrupt_verbs and object_lemmas(head) & tl.place_nouns:
        sub = "@territory"  # "troops recovered the locality of Kamango": ground, not a weapon found
    elif sub == "@disrupt":
        return ""  # "bodies were found": a verb of finding with no weapon
    if sub == "Chemical weapon" and not chemical_attack(head, words, tl):
        return ""  # "a chlorine tank leaked", "talks on Syria's chemical weapons": no attack told
    if sub in {"@kill", "@strike", "@explosion", "@burn"}:
        # a trigger that only tells a deliberate attack ("the bombing collapsed a building") is not undone by
        # what the attack caused; only by a disaster told with it
        vetoes = tl.disaster_words
        if lemma not in tl.deliberate_attack_lemmas:
            vetoes = tl.disaster_words | tl.accident_words
        if has_any(words, vetoes) and not weapon:
            return ""  # "floods killed 12", "a gas cylinder explosion": no conflict event
        if vehicle_crash(head.sent, tl):
            return ""  # "a plane crashed near the airport, killing 20": an accident, not a strike
    if lemma in tl.malfunction_verbs and not hit_something(head):
        return ""  # "missiles had crashed in Iran": a weapon gone astray; "crashed into a house" is a hit
    if trigger.rule.requires_instrument and (not weapon or has_any(words, tl.accident_words)):
        return ""  # a weapon must have hit; a fuel tank that caught fire is an accident
    if sub == _SHELLING and weapon == _AIR:
        return _AIR  # "jets fired missiles at a camp": the aircraft, not the missile, makes an air strike
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
    if sub in ("@territory", "@release") and coup_or_jailbreak(head, words, tl):
        return "Other"  # "mutinous soldiers seized power", "gunmen freed 200 inmates from the prison"
    if sub == "@territory" and lemma in tl.expulsion_particle_verbs and not pushed_off(head, tl):
        return ""  # "pushed for talks", "drove a car": no one pushed off ground
    if sub == "Non-violent transfer of territory" and head.dep_ == "xcomp" and pushed_off(head.head, tl):
        return ""  # "forced the militants to withdraw": the capture is told by "forced"
    if sub == "@territory" and lemma in tl.under_control_verbs and not under_control(head):
        return ""  # "brought the town under their control" is a capture; "brought food" is not
    if sub == "@territory" and lemma in tl.liberation_verbs and not takes_place(head, tl):
        # "freed the town of Bardere" is a capture; "freed 20 hostages" a release of people
        return release_type(head, words, tl) if lemma == "free" else ""
    if sub == "@territory" and lemma == "take" and not takes_place(head, tl):
        return ""  # "took five people", "took refuge": "take" tells a capture only of a place
    # "recaptured Baga" even when the tagger calls Baga a person; "drove the rebels out": the ground is taken
    # and "seized Shewa Robit from TPLF fighters": what is taken from an armed side is ground
    ground_verb = lemma in tl.ground_only_verbs or pushed_off(head, tl) or bool(from_side(head, tl))
    if sub == "@territory" and is_person(objects(head), tl) and not expels(head, tl) and not ground_verb:
        # "captured a commander": people, not ground; "gunmen who seized the farmers let them go": a release
        return "" if captivity_behind_release(head, tl) else "@detain"
    if sub == "@territory" and lemma == "regain" and frees(head, tl):
        return release_type(head, words, tl)  # "the hostages regained their freedom": a release, not ground
    if sub == "@territory" and goods_not_ground(direct_objects(head), tl):
        return ""  # "seized two tanks and ammunition": spoils of a fight, not ground
    aim = aimed_only(head, words, tl) if sub == "@territory" else None
    if aim is not None:
        return aim  # "launched an offensive to retake the town": fighting for ground not (yet) taken
    if sub == "@territory" and lemma in tl.ground_object_verbs and not takes_place(head, tl):
        return ""  # "entered the house", "secured the release": no ground taken
    presence = has_any(words, tl.presence_activities) and not has_any(words, tl.control_words)
    if sub == "@territory" and lemma in tl.entry_only_verbs and presence:
        return "Other"  # "militants entered the village and preached to residents": a presence, not a capture
    no_fight = has_any(words, tl.peaceful_transfer_unless_fighting) and not has_any(words, tl.fighting_words)
    if sub == "@territory" and (has_any(words, tl.peaceful_transfer) or no_fight):
        return "Non-violent transfer of territory"  # "entered the town unopposed after the army withdrew"
    if sub == "Armed clash" and lemma == "assault" and head.pos_ == "VERB":
        return "@kill"  # "youths assaulted a trader": who assaulted whom decides, not a battle
    if sub == "@base":
        return "Headquarters or base established" if object_lemmas(head) & tl.base_nouns else ""
    if sub == "@change":
        needs_object = lemma in {"form", "join", "appoint", "elect", "announce", "split"}
        if needs_object and not object_lemmas(head) & tl.change_objects:
            return ""
        return "Change to group/activity"
    if sub == "@agree":
        phrase = trigger.end - trigger.start > 1
        sub = "Agreement" if phrase or object_lemmas(head) & tl.agreement_nouns else ""
    suicide = weapon == "Suicide bomb" and has_any(words, tl.suicide_words)
    if suicide and (sub in REMOTE or sub == "Armed clash"):
        return weapon  # "a suicide bomber blew up a car bomb", "suicide attackers stormed the base"
    handed = direct_objects(head)
    people = is_person(handed, tl) or lemmas(handed) & tl.release_objects
    if sub == "Non-violent transfer of territory" and people:
        sub = "@release"  # "handed over 20 prisoners to the ICRC": people, not ground
    if sub == "@release":
        return release_type(head, words, tl)  # a deal or prisoners: Agreement; captives freed: Other
    if sub == "@burn":
        return "Looting/property destruction" if object_lemmas(head) & tl.property_nouns else ""
    # "talks on a ceasefire": diplomacy, not an agreement; but a meeting "during which they agreed to end
    # the fighting" concluded one: a verb of agreeing is undone only by a call or proposal to agree
    governors = tl.talk_governors if head.pos_ != "VERB" else tl.proposal_governors
    if sub == "Agreement" and any(a.lemma_.lower() in governors for a in list(head.ancestors)[:3]):
        return ""
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
    if unarmed_verb and not lemmas(subjects(head)) & tl.aircraft_vehicles:
        return "@kill"  # "gunmen struck a village": no weapon named, so who did it to whom decides
    sub = weapon or context_weapon or _AIR  # a bare "strikes" in conflict reporting means air strikes
    return sub if sub in REMOTE else _AIR


def two_sided_capture(typed: list[tuple[Trigger, str]], words: str, tl: TypingLexicon | None = None) -> bool:
    """Whether the sentence tells a capture of territory and a killing on both sides of it, so that its weak
    killing trigger is a clash of its own (see `settle_sentence`)."""
    tl = tl or load_typing_lexicon()
    return any(sub == "@territory" for _, sub in typed) and has_any(words, tl.two_sided_phrases)


def settle_sentence(
    typed: list[tuple[Trigger, str]],
    words: str,
    tl: TypingLexicon | None = None,
    sent: Span | None = None,
    report: Sequence[Span] = (),
    since_protest: Sequence[Span] = (),
) -> list[tuple[Trigger, str]]:
    """One sentence's triggers, typed together: a protest takes over the arrests and clashes told with it
    (its type read from the parse of `sent`, and of the `report` sentences that follow it when given:
    "Residents protested. Police dispersed them with tear gas." is one protest with intervention); a
    sentence told after a protest (`since_protest`: the sentences from the protest's to this one) that
    says what was done to the protesters belongs to it; a capture of territory outranks the fighting; a
    disrupted weapon is not also its attack."""
    tl = tl or load_typing_lexicon()
    protest_here = any(sub in PROTEST_TYPES for _, sub in typed)
    follows = bool(since_protest) and has_any(words, tl.protest_referents)
    if protest_here or (follows and any(sub.lower() in tl.protest_follow_absorbs for _, sub in typed)):
        # the protest told before and this sentence; of what follows, only a dispersal or arrests (a later
        # killing is as often the grievance told as background)
        sents = list(since_protest) or ([sent] if sent is not None else [])
        decided = protest_type(words, tl, sents)
        later = later_type(report[1:], tl) if protest_here and decided == "Peaceful protest" else ""
        decided = later or decided
        absorbs = tl.protest_absorbs if protest_here else tl.protest_follow_absorbs
        typed = [(t, decided if sub.lower() in absorbs else sub) for t, sub in typed]
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


def _struck_by(head, weapon: str) -> bool:
    """Whether the verb's doer is the aircraft or gun that `weapon` names ("jets destroyed a depot", "a
    drone killed two"), not troops that destroyed a drone."""
    return instrument(token_words(subjects(head)), load_lexicon()) == weapon
