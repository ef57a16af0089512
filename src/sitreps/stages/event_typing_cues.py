"""What `event_typing.refine` asks of a trigger's sentence before it types it: is the weapon stopped,
carried or gone off in its makers' hands (Disrupted weapons use); did a vehicle crash or a chemical tank
leak (no attack); does a verb take a place (a capture) or only advance into one; is the news a coup, a
jailbreak or bodies found (ACLED's "Other"); is the trigger only an event named by a verb that reports on
it ("condemned the attack"). The words live in `data/event_typing.yaml`."""

from __future__ import annotations

from itertools import islice

from spacy.tokens import Span, Token

from sitreps.nlp import doc_tokens, doc_tree
from sitreps.stages.event_typing_base import (
    TypingLexicon,
    direct_objects,
    expand,
    has_any,
    lemmas,
    load_typing_lexicon,
    object_lemmas,
    objects,
    sentence_words,
    subjects,
    verbs_over,
)
from sitreps.stages.place_cues import token_table
from sitreps.stages.triggers import Trigger


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


def _stopped(verb: Token) -> list[Token]:
    """What a disrupting verb acts on: its objects, the subject of a small clause ("found an IED planted
    near the road"), and for a pronoun ("found an IED and safely detonated it") what its conjoined verb acted
    on."""
    objs = objects(verb)
    objs += [g for c in verb.children if c.dep_ in ("ccomp", "xcomp", "oprd")
             for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]  # fmt: skip
    if verb.dep_ == "conj" and any(t.lower_ in ("it", "them") for t in objs):
        objs += _stopped(verb.head)
    # "intercepted a car laden with explosives": what the vehicle carried
    objs += [g for t in list(objs) for w in t.subtree if w.lower_ == "with" and w.head.dep_ in ("acl", "amod")
             for g in w.children if g.dep_ == "pobj"]  # fmt: skip
    return objs


def disrupted_weapon(trigger: Trigger, tl: TypingLexicon | None = None) -> bool:
    """Whether the trigger is a weapon stopped, found or taken ("defused an IED", "an IED was defused",
    "seized weapons", "shot down a drone") or the verb that does it."""
    tl = tl or load_typing_lexicon()
    for verb in verbs_over(trigger.head):
        if not _disrupting_verb(verb, tl):
            continue
        objs = _stopped(verb)
        # the weapon stopped, or what stopped it ("downed by anti-aircraft fire")
        stopper = any(c.dep_ == "agent" and trigger.head in c.subtree for c in verb.children)
        if verb is not trigger.head and trigger.head not in objs and not stopper:
            continue
        wanted = tl.weapon_nouns | (tl.foil_objects if verb.lemma_.lower() in tl.foil_verbs else frozenset())
        if verb.lemma_.lower() in tl.downing_verbs:
            wanted |= tl.downable_nouns  # "a warplane was downed", "shot down a helicopter"
        if lemmas(objs) & wanted:
            return True
    return False


def describes_noun(participle: Token, sub: str) -> bool:
    """A weak trigger's participle that only describes its noun: a group's role ("a role reinforcing the
    front"), or where a weapon came from ("missiles fired from the Caspian Sea")."""
    if sub == "@change":
        return True
    return sub == "@strike" and any(c.dep_ == "prep" and c.lower_ == "from" for c in participle.children)


def hit_something(verb: Token) -> bool:
    """Whether the verb says what was hit: "crashed into a house", "on a market" (not "on Wednesday")."""
    for c in verb.children:
        objs = [g for g in c.children if g.dep_ == "pobj"]
        if c.lower_ in ("into", "onto") or (c.lower_ == "on" and any(not g.ent_type_ for g in objs)):
            return True
    return False


def vehicle_crash(sent: Span, tl: TypingLexicon) -> bool:
    """A plane, helicopter or bus that crashed or fell: the sentence tells an accident."""
    lemma, doc = token_table(sent.doc).lemma, sent.doc
    crashes = [doc[i] for i in range(sent.start, sent.end) if lemma[i] in ("crash", "crash-land")]
    return any(lemmas(subjects(t)) & tl.aircraft_vehicles for t in crashes)


def chemical_attack(head: Token, words: str, tl: TypingLexicon) -> bool:
    """Whether a chemical-weapon trigger tells a use of it: not an industrial leak ("a chlorine tank
    leaked"), nor talk about stockpiles ("inspectors verified the destruction of chemical weapons"),
    nor only an accusation ("accused the regime of using chemical weapons")."""
    if has_any(words, tl.accident_words) and not has_any(words, tl.chemical_delivery):
        return False
    governors = {a.lemma_.lower() for a in islice(head.ancestors, 4)}
    if governors & (tl.talk_governors | tl.attribution_governors | tl.chemical_non_use):
        return False
    return not has_any(words, tl.chemical_non_use) or has_any(words, tl.chemical_delivery)


def takes_place(head: Token, tl: TypingLexicon) -> bool:
    """Whether the verb's object is a place: a place noun or a named place ("entered Kidal"), also one the
    tagger names no entity ("entered Mocimboa da Praia")."""
    objs = [t for t in objects(head) if t.dep_ != "compound"]
    if lemmas(objs) & tl.place_nouns or any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in objs):
        return True
    return any(t.pos_ == "PROPN" and not t.ent_type_ for t in objs)


def advances_into(head: Token, tl: TypingLexicon) -> bool:
    """ "advanced into the district": an advance that entered ground (a capture), not one towards it."""
    if head.lemma_.lower() != "advance" or head.pos_ != "VERB":
        return False
    into = [g for c in head.children if c.dep_ == "prep" and c.lower_ in tl.entry_preps for g in c.children]
    named = any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.pos_ == "PROPN" for t in expand(into))
    return named or bool(lemmas(into) & tl.place_nouns)


def coup_or_jailbreak(head: Token, words: str, tl: TypingLexicon) -> bool:
    """ACLED's "Other": power seized in a coup ("seized power", "took over the government"), not ground; or
    inmates freed from a prison, not a release agreed."""
    if head.pos_ != "VERB":
        return False
    objs = lemmas(direct_objects(head))
    if objs & tl.coup_objects or has_any(words, tl.coup_words):
        return True
    return bool(objs & tl.inmate_nouns) and has_any(words, tl.prison_words)


def found_dead(head: Token, tl: TypingLexicon) -> bool:
    """A killing told only as what befell bodies found: "the body of a journalist killed by gunmen was
    discovered" (the news is the discovery, ACLED's "Other")."""
    for anc in islice(head.ancestors, 3):
        if anc.lemma_.lower() in tl.body_nouns:
            finder = anc.head
            return anc.dep_ in ("nsubjpass", "dobj", "nsubj") and finder.lemma_.lower() in tl.finding_verbs
        if anc.dep_ == "pobj" and anc.head.lower_ == "of" and anc.head.head.lemma_.lower() in tl.body_nouns:
            noun = anc.head.head
            return noun.dep_ in ("nsubjpass", "dobj") and noun.head.lemma_.lower() in tl.finding_verbs
    return False


def held_weapon(head: Token, words: str, tl: TypingLexicon) -> bool:
    """A weapon carried, hidden or transported and not used: "arrested a man carrying a grenade"."""
    if head.pos_ not in ("NOUN", "PROPN") or has_any(words, tl.detonation_words):
        return False
    held = head.dep_ in ("dobj", "pobj") and head.head.lemma_.lower() in tl.possession_verbs
    return held and has_any(words, tl.seizing_words)


def attributed(trigger: Trigger, tl: TypingLexicon) -> bool:
    """ "condemned the attack", "claimed responsibility for the bombing": a definite reference to an event
    told elsewhere, by a verb that reports on it."""
    head = trigger.head
    if head.pos_ != "NOUN":
        return False
    # the children's labels and words by index (no Token per child)
    tree, lower = doc_tree(head.doc), doc_tokens(head.doc).lower
    dep = tree.dep
    if not any(dep[c] == "det" and lower[c] in ("the", "this", "that") for c in tree.kids[head.i]):
        return False
    return any(anc.lemma_.lower() in tl.attribution_governors for anc in islice(head.ancestors, 3))


_STRIKES = {"@strike", "Air/drone strike", "Shelling/artillery/missile attack"}
_PROTESTS = {"Peaceful protest", "Protest with intervention", "Violent demonstration"}


def activity_changed(head: Token, sub: str, tl: TypingLexicon) -> bool:
    """Whether the trigger names an activity a side suspends, halts, resumes or calls off ("suspended air
    strikes", "called off the strike", "halted its offensive"): ACLED's Change to group/activity. Ending a
    battle ("agreed to end the fighting") is not one: only strikes, offensives and protests."""
    lemma = head.lemma_.lower()
    offensive = sub == "Armed clash" and lemma in tl.activity_offensives
    if sub not in _STRIKES and sub not in _PROTESTS and not offensive:
        return False
    if head.dep_ not in ("dobj", "nsubjpass"):
        return False  # "calls for a halt to air strikes" is a demand, not a change
    verb = head.head
    urged = any(a.lemma_.lower() in tl.proposal_governors for a in islice(verb.ancestors, 2))
    if verb.pos_ != "VERB" or urged:
        return False  # "urged Russia to halt its strikes"
    vlemma = verb.lemma_.lower()
    if any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children):
        vlemma += " off"
    verbs = tl.activity_change_verbs | tl.activity_ending_verbs
    return vlemma in verbs or verb.lower_ in verbs or f"{verb.lower_} off" in verbs


def planned_only(head: Token, tl: TypingLexicon) -> bool:
    """Whether a protest is only planned or kept from happening: "a planned protest", "ahead of the
    upcoming march", "banned the rally", "to prevent demonstrations"."""
    if any(c.dep_ in ("amod", "compound") and c.lower_ in tl.planned_modifiers for c in head.children):
        return True
    if head.dep_ not in ("dobj", "pobj", "nsubjpass"):
        return False
    # "ahead of the march", "banned the rally"
    governor = head.head.head if head.dep_ == "pobj" else head.head
    return governor.lemma_.lower() in tl.prevention_governors


def blows(head: Token, tl: TypingLexicon) -> bool:
    """Whether a harm verb tells blows, not words: a verb that is only physical ("stabbed him"), or one
    that may be figurative ("attacked them") with a weapon named in its sentence."""
    if head.lemma_.lower() not in tl.figurative_harm_verbs:
        return True
    return has_any(sentence_words(head.sent), tl.melee_weapons | tl.weapon_nouns)


def figurative_strike(head: Token, tl: TypingLexicon) -> str | None:
    """What "struck" or "hit" tells when its object is no target: "Agreement" for a deal struck, "" for a
    balance struck or a record hit; None when it may be a blow."""
    if head.lemma_.lower() not in ("strike", "hit") or head.pos_ != "VERB":
        return None
    # the direct object: "struck a deal", not "struck despite a truce"
    struck = lemmas(c for c in head.children if c.dep_ == "dobj")
    if struck & tl.agreement_nouns:
        return "Agreement"
    return "" if struck & tl.figurative_strike_objects else None


def frees(verb: Token, tl: TypingLexicon) -> bool:
    """Whether a verb tells captives freed: "released", "freed", "set free", "let them go", "regained their
    freedom"."""
    lemma = verb.lemma_.lower()
    if lemma in tl.freeing_verbs:
        return True
    return any(f"{lemma} {c.lower_}" in tl.freeing_phrase_parts for c in verb.children)


def captivity_behind_release(head: Token, tl: TypingLexicon) -> bool:
    """An abduction told as the past of captives whose release is the news: "passengers abducted last week
    were released", "the kidnappers freed the priest", "freed after a kidnapping". The nearest verb above
    the trigger decides; a kidnapping told by the main verb ("gunmen kidnapped five and later freed two")
    is the news itself."""
    for anc in islice(head.ancestors, 4):
        if anc.pos_ in ("VERB", "AUX"):
            return frees(anc, tl)
    return False


def release_type(head: Token, words: str, tl: TypingLexicon) -> str:
    """The type of a release of people: "Agreement" when a deal or swap is told or prisoners are freed
    (ACLED's codebook counts prisoner releases as agreements), ACLED's "Other" for captives freed by those
    who held them with no deal told, "" when no people held are freed ("released a statement")."""
    held = object_lemmas(head)
    regained = head.lemma_.lower() in ("regain", "walk") and frees(head, tl)
    if regained:
        held |= lemmas(subjects(head))  # "the students regained their freedom": the freed are the subject
    if has_any(words, tl.release_deal_words) or held & tl.prisoner_nouns:
        return "Agreement" if held & (tl.release_objects | tl.person_nouns) else ""
    captives = regained or has_any(words, tl.captivity_words)
    if held & tl.release_objects or (held & tl.person_nouns and captives):
        return "Other"
    return ""
