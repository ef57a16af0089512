"""Roles of noun and adjective triggers: "the attack on the base", "IS claimed the bombing", "five soldiers
are dead". Split from `event_roles` (which reads verbs and holds the collector); see its docstring for the
rules. `noun_roles` takes the verb reader as an argument, since a perpetrator noun ("suicide bombers
struck") and a bystander verb ("repelled an attack") send each reading to the other.

Beside the event noun's own phrase: the clause's verb ("launched an attack against the base", "the group
was behind the bombing", "Russia used airstrikes", not "police condemned the attack"), the victims it
names ("the victims of the bombing", "attack victims"), a later conjunct sharing the first one's roles
("the bombings and raids on rebel positions"), the other side of a war ("the war with Russia"). Tried
and dropped, by measurement (WikiEvents and RAMS, trigger given): the suspects "of" or "in" an attack,
"the militants behind the attack", the possessor of the phrase the noun modifies ("IS's bombing
campaign"), the dead of "killed in the attack" as the attack's own victims.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from sitreps.stages.role_grammar import (
    BLAME_VERBS,
    HARM_LEMMAS,
    HURT_STATES,
    PERPETRATOR_NOUNS,
    SUBJECT_DIES,
    SUSPECT_VERBS,
    clause_verb,
    harms,
    is_victim,
    names_someone,
    phrase_head,
    pobj,
    subject_of,
)
from sitreps.stages.role_lexicon import is_weapon, load_role_lexicon

if TYPE_CHECKING:
    from sitreps.stages.event_roles import _Collector

VerbReader = Callable[["_Collector", Token], None]



def noun_roles(col: _Collector, noun: Token, verb_roles: VerbReader) -> None:
    """Roles of an event noun ("the attack on the base", "militants launched an attack") or a perpetrator
    noun ("suicide bombers struck"); `verb_roles` reads a verb's roles (event_roles' reader)."""
    _own_noun_roles(col, noun, verb_roles)
    r = col.roles
    first = noun
    while first.dep_ == "conj" and first.head != first and first.head.pos_ == "NOUN":
        first = first.head
    # (any first conjunct, measured: "the invasion and bombardment of ...", an event noun not listed)
    # (a weapon takes its clause's roles instead, in `event_roles`: "with rifle fire and grenades")
    if first != noun and not is_weapon(noun) and not (r.attackers or r.targets or r.victims):
        # "airstrikes and shelling by government forces": a later conjunct shares the first one's roles
        _own_noun_roles(col, first, verb_roles)


def _own_noun_roles(col: _Collector, noun: Token, verb_roles: VerbReader) -> None:
    if noun.lemma_.lower() in PERPETRATOR_NOUNS:
        # "suicide bombers struck three churches": the trigger names the attacker, its verb the rest
        col.agent(noun)
        if noun.dep_ == "nsubj" and noun.head.pos_ in ("VERB", "AUX"):
            verb_roles(col, noun.head)
        return
    col.event_noun_modifiers(noun)
    if noun.dep_ == "compound":
        _modified_noun(col, noun)
    elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _VICTIM_NOUNS:
        # "the victims of the bombing" (not the suspects "of" or "in" an attack: measured, often another's)
        col.patient(noun.head.head)
    phrase = phrase_head(noun)
    if phrase != noun:
        col.event_noun_modifiers(phrase, own_modifiers=False)  # "an assassination attempt on the governor"
    noun = phrase
    relative = [c for c in noun.children if c.dep_ == "relcl" and harms(c)] if col.incident else []
    for clause in relative:
        # "the attack, which killed five soldiers": the relative clause tells whom it hurt
        for child in clause.children:
            if child.dep_ == "dobj":
                col.harm = True
                col.patient(child)
    governor = noun.head
    lex = load_role_lexicon()
    glemma = governor.lemma_.lower()
    if noun.dep_ == "nsubj" and governor.pos_ in ("VERB", "AUX") and harms(governor):
        # "the bombing killed 12 people", "an explosion wounded five" (not "the attack shocked the nation")
        for child in governor.children:
            if child.dep_ == "dobj":
                col.harm = True
                col.patient(child)
    elif noun.dep_ in ("dobj", "nsubjpass") and glemma in lex.support_verbs:
        # "militants launched an attack", "the Taliban claimed the bombing"
        if noun.dep_ == "dobj":
            subj = subject_of(governor)
            if subj is not None:
                col.agent(subj)
            for prep in (c for c in governor.children if c.dep_ == "prep"):
                obj = pobj(prep)
                if obj is not None and prep.lower_ in ("against", "on", "targeting"):
                    col.patient(obj)  # "launched an attack against the base" (the phrase hangs on the verb)
        else:
            by_agent(col, governor)  # "the attack was carried out by a suicide bomber"
    elif noun.dep_ == "pobj" and governor.lower_ == "under" and governor.head.lemma_.lower() == "come":
        # "the convoy came under attack (from militants)"
        subj = subject_of(governor.head)
        if subj is not None:
            col.patient(subj)
        for prep in (c for c in governor.head.children if c.dep_ == "prep" and c.lower_ == "from"):
            obj = pobj(prep)
            if obj is not None and names_someone(obj):
                col.agent(obj)
    elif noun.dep_ in ("dobj", "pobj") and clause_verb(noun).lemma_.lower() in lex.target_subject_verbs:
        # "the governor survived an assassination attempt", "escaped unhurt from a drone attack"
        subj = subject_of(clause_verb(noun))
        if subj is not None:
            col.patient(subj)
    elif noun.dep_ == "pobj" and governor.lower_ == "for" and governor.head.lemma_.lower() == "responsible":
        # "the militants were responsible for the attack"
        subj = subject_of(governor.head.head) if governor.head.dep_ == "acomp" else None
        if subj is not None:
            col.agent(subj)
    elif noun.dep_ == "pobj" and governor.dep_ == "prep" and governor.head.pos_ in ("VERB", "AUX", "NOUN"):
        verb = governor.head
        vlemma = verb.lemma_.lower()
        if governor.lower_ == "for" and vlemma == "responsibility":
            # "IS claimed responsibility for the attack", "responsibility ... was claimed by IS"
            claim = verb.head
            subj = subject_of(claim) if claim.pos_ == "VERB" else None
            if subj is not None:
                col.agent(subj)
            elif claim.pos_ == "VERB":
                by_agent(col, claim)
        elif governor.lower_ == "among" and verb.pos_ in ("VERB", "AUX"):
            # "two policemen were among the dead": the subject is one of them
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                col.harm = col.harm or noun.lemma_.lower() in HARM_LEMMAS
                col.patient(subj)
        elif governor.lower_ == "behind" and verb.pos_ in ("VERB", "AUX"):
            # "the group was behind the bombing"
            subj = subject_of(verb)
            if subj is not None:
                col.agent(subj)
        elif governor.lower_ in _CHARGE_PREPS and vlemma in BLAME_VERBS | SUSPECT_VERBS:
            # "Kyiv blamed Moscow for the attack", "Russia was accused of the bombing", "two men were
            # arrested over the bombing": the one blamed or held
            for child in verb.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    col.agent(child)
        elif (
            governor.lower_ in _CHARGE_PREPS
            and verb.pos_ in ("NOUN", "PROPN")
            and verb.dep_ in ("dobj", "nsubjpass")
            and verb.head.lemma_.lower() in BLAME_VERBS | SUSPECT_VERBS
        ):
            col.agent(verb)  # "sentenced a former militant for the attack": the phrase hangs on the one held
        elif verb.pos_ in ("VERB", "AUX") and governor.lower_ in ("in", "during"):
            # "three soldiers were killed in the attack", "five died in the blast", "rebels killed five
            # soldiers in an ambush"
            col.harm = True
            active_harm = vlemma in HARM_LEMMAS and vlemma not in SUBJECT_DIES
            for child in verb.children:
                # the dead of "killed in the attack" are the killing's victims; the attack's own reading
                # takes them only as its incident's
                if col.incident and is_victim(child, vlemma) and (child.dep_ != "dobj" or active_harm):
                    col.patient(child)
            subj = subject_of(verb) if active_harm else None
            if subj is not None:
                col.agent(subj)
    elif noun.dep_ == "dobj" and governor.pos_ == "VERB" and not (_onlooker(governor) or is_weapon(noun)):
        # "Russia used airstrikes", "the rebels pressed their offensive": whoever does the event's verb
        # ("opened fire on": the whole clause is read, in `event_roles`)
        subj = subject_of(governor)
        if subj is not None and names_someone(subj):
            col.agent(subj)


def _onlooker(verb: Token) -> bool:
    """A verb whose subject only meets, tells or judges an event ("condemned the attack")."""
    lex = load_role_lexicon()
    lemma = verb.lemma_.lower()
    return lemma in lex.speech_verbs or lemma in lex.bystander_verbs or lemma in lex.target_subject_verbs


# Nouns an event noun can modify that name its attacker ("the bombing suspect") or its target ("attack
# victims")
_SUSPECT_NOUNS = {
    "suspect", "perpetrator", "mastermind", "plotter", "ringleader", "accused", "convict", "organizer",
    "organiser", "architect",
}  # fmt: skip
_VICTIM_NOUNS = {"victim", "survivor", "casualty"}
# Prepositions that tie an event to the one blamed or held for it ("arrested over the bombing"); not "in":
# "charged in the attack" measured as often another event's role (WikiEvents)
_CHARGE_PREPS = {"for", "of", "over", "with"}


def _modified_noun(col: _Collector, noun: Token) -> None:
    """The noun an event noun modifies as a compound: "the bombing suspect (Tsarnaev)" is the attacker,
    "the attack victims" the target."""
    head = noun.head
    siblings = {c.lemma_.lower() for c in head.children if c.dep_ == "compound"}
    if head.pos_ == "PROPN" and siblings & _SUSPECT_NOUNS:
        col.agent(head)  # "marathon bombing suspect Dzhokhar Tsarnaev": the name heads the compounds
    else:
        _person_noun(col, head)


def _person_noun(col: _Collector, person: Token) -> None:
    """A noun tied to the event that names its attacker ("suspect", "perpetrator") or target ("victim")."""
    if person.lemma_.lower() in _SUSPECT_NOUNS:
        col.agent(person)
    elif person.lemma_.lower() in _VICTIM_NOUNS:
        col.patient(person)


def by_agent(col: _Collector, verb: Token) -> None:
    """The "by"-agent of a passive verb is the attacker."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    obj = pobj(agent) if agent is not None else None
    if obj is not None:
        col.agent(obj)


def adjective_roles(col: _Collector, adj: Token) -> bool:
    """Who an adjective trigger says was hurt: "the injured soldiers", "five soldiers are dead", "left
    five people dead". False when the adjective stands where none of these tell it."""
    if adj.lemma_.lower() not in HARM_LEMMAS and adj.lower_ not in HURT_STATES:
        return False
    col.harm = True
    if adj.dep_ == "amod":
        col.patient(adj.head)
        return True
    if adj.dep_ not in ("acomp", "oprd", "xcomp", "ccomp", "advcl"):
        return False
    verb = adj.head
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if obj is not None:
        col.patient(obj)  # "left five people dead"
    elif subj is not None:
        col.patient(subj)  # "five soldiers are dead", "two were reported injured"
    return obj is not None or subj is not None
