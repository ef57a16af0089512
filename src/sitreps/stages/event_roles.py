"""Event roles from the dependency parse: who attacks, who or what is attacked, who dies, and with what.

The fillers are the sentence's own noun phrases, named or not ("gunmen", "Tsarnaev", "the embassy"), so they
reach beyond the actors stage, which only knows dictionary actors. The rules follow how an analyst reads a
clause:
- attacker: the subject of an active verb ("gunmen killed"), the "by"-agent of a passive ("were killed by
  rebels"), a possessive or name before an event noun ("IS's attack", "Taliban bombing"), the subject of a
  verb whose object is the event ("insurgents carried out the attack");
- victim (killed, injured) and target (attacked): the object ("killed five soldiers"), the passive subject
  ("soldiers were killed"), "on"/"against"/"of" after an event noun ("attack on the base"), the noun a
  participle modifies ("five people killed in the blast");
- physical target: a target that is a building, a vehicle or an installation (MUC-4's physical target);
- weapon: the instrument ("with a car bomb", "a roadside bomb killed", "by a missile").
Relative clauses and coordinated verbs take the subject of the clause they hang on ("the militants who
attacked", "stormed the hotel and killed five").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from sitreps.model import TextSpan

_RELATIVE = {"who", "whom", "which", "that", "whose"}
_PRONOUNS_SKIPPED = {"it", "its", "this", "these", "those", "what", "there", "itself"}
# Verbs and nouns whose patient is killed or injured (a victim) rather than only attacked (a target)
_HARM_LEMMAS = {
    "kill", "injure", "wound", "murder", "assassinate", "execute", "behead", "massacre", "slay", "hurt",
    "maim", "slaughter", "lynch", "shoot", "stab", "die", "death", "killing", "assassination", "execution",
    "dead", "casualty", "injury", "torture", "beat", "hang", "strangle",
}  # fmt: skip
# Verbs whose subject is the one who dies: "soldiers died", "five perished"
_SUBJECT_DIES = {"die", "perish", "succumb", "drown"}
# Nouns that name an event, so that "the explosion killed five" has no human attacker in its subject
_EVENT_NOUNS = {
    "attack", "explosion", "blast", "bombing", "strike", "airstrike", "raid", "shelling", "ambush", "assault",
    "shooting", "fire", "gunfire", "clash", "fighting", "violence", "incident", "detonation", "offensive",
    "massacre", "operation", "crash", "battle",
}  # fmt: skip
_NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


@dataclass(frozen=True)
class RoleLexicon:
    """Word lists from data/event_roles.yaml."""

    weapons: frozenset[str]
    physical_targets: frozenset[str]
    locative_preps: frozenset[str]
    speech_verbs: frozenset[str]
    person_nouns: frozenset[str]
    support_verbs: frozenset[str]
    approach_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_role_lexicon() -> RoleLexicon:
    """The packaged role word lists, read once per process."""
    data = yaml.safe_load(resources.files("sitreps.data").joinpath("event_roles.yaml").read_text("utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []) or [])

    return RoleLexicon(
        weapons=words("weapon_nouns"),
        physical_targets=words("physical_target_nouns"),
        locative_preps=words("locative_preps"),
        speech_verbs=words("speech_verbs"),
        person_nouns=words("person_nouns"),
        support_verbs=words("support_verbs"),
        approach_nouns=words("approach_nouns"),
    )


@dataclass
class EventRoles:
    """Role fillers of one trigger, as spans of the article's text (noun phrases up to their head)."""

    attackers: list[TextSpan] = field(default_factory=list)
    targets: list[TextSpan] = field(default_factory=list)  # people or groups attacked
    victims: list[TextSpan] = field(default_factory=list)  # people killed or injured
    physical_targets: list[TextSpan] = field(default_factory=list)  # buildings, vehicles, installations
    weapons: list[TextSpan] = field(default_factory=list)


def _in_lexicon(tok: Token, words: frozenset[str]) -> bool:
    """The token's lemma (or its compound phrase, "car bomb") is listed."""
    if tok.lemma_.lower() in words or tok.lower_ in words:
        return True
    comps = [c.lower_ for c in tok.lefts if c.dep_ == "compound"]
    return bool(comps) and f"{comps[-1]} {tok.lower_}" in words


def is_weapon(tok: Token) -> bool:
    return _in_lexicon(tok, load_role_lexicon().weapons)


def is_physical_target(tok: Token) -> bool:
    return _in_lexicon(tok, load_role_lexicon().physical_targets) and tok.ent_type_ not in ("PERSON", "NORP")


def noun_phrase(tok: Token) -> TextSpan:
    """The noun phrase that `tok` heads, up to the head (post-modifiers are left out: "members of X")."""
    start = tok.left_edge
    # a leading preposition or punctuation is not part of the phrase
    while start.i < tok.i and (start.is_punct or start.dep_ in ("prep", "cc", "case")):
        start = start.doc[start.i + 1]
    end = tok
    # a name split over flat tokens ("Dzhokhar Tsarnaev") ends at its last capitalised token
    while end.i + 1 < len(tok.doc) and tok.doc[end.i + 1].dep_ == "flat":
        end = tok.doc[end.i + 1]
    # the span's own text: `doc.text` would rebuild the whole article's text on every call
    return TextSpan(start.idx, end.idx + len(end), tok.doc[start.i : end.i + 1].text)


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *tok.conjuncts]


def _antecedent(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("the men who attacked")."""
    if tok.lower_ in _RELATIVE:
        clause = next((a for a in tok.ancestors if a.dep_ in ("relcl", "acl")), None)
        if clause is not None:
            return clause.head
    return tok


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


class _Collector:
    """Adds fillers to an `EventRoles`, sorting each noun into its role by what it names."""

    def __init__(self, harm: bool) -> None:
        self.roles = EventRoles()
        self.harm = harm
        self._seen: set[tuple[str, int]] = set()

    def _add(self, bucket: str, tok: Token) -> None:
        if tok.lower_ in _PRONOUNS_SKIPPED or tok.pos_ in ("VERB", "AUX", "ADP"):
            return
        key = (bucket, tok.i)
        if key not in self._seen:
            self._seen.add(key)
            getattr(self.roles, bucket).append(noun_phrase(tok))

    def agent(self, tok: Token) -> None:
        for c in _conjuncts(_antecedent(tok)):
            if is_weapon(c):
                self._add("weapons", c)
            elif c.lemma_.lower() in _EVENT_NOUNS:
                # "a car bomb explosion killed", "the Taliban's attack killed": the event's own modifiers
                self.event_noun_modifiers(c)
            else:
                self._add("attackers", c)

    def patient(self, tok: Token) -> None:
        for c in _conjuncts(_antecedent(tok)):
            if c.ent_type_ in ("GPE", "LOC", "DATE", "TIME"):
                continue  # "shelled Aleppo": the place, scored as the event's place
            if is_physical_target(c):
                self._add("physical_targets", c)
            elif is_weapon(c):
                continue
            else:
                self._add("victims" if self.harm else "targets", c)

    def weapon(self, tok: Token) -> None:
        for c in _conjuncts(tok):
            if is_weapon(c):
                self._add("weapons", c)

    def event_noun_modifiers(self, noun: Token) -> None:
        """Attacker, target and weapon inside an event noun's phrase ("IS's car bomb attack on the base")."""
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                if is_weapon(child):
                    self._add("weapons", child)
                elif (
                    child.dep_ == "poss" or child.ent_type_ in _NAME_ENTS or child.pos_ == "PROPN"
                ) and child.ent_type_ not in ("GPE", "LOC", "DATE", "TIME"):
                    self.agent(child)
            elif child.dep_ == "prep":
                obj = _pobj(child)
                if obj is None:
                    continue
                if child.lower_ == "by":
                    self.agent(obj)
                elif child.lower_ in ("on", "against", "of", "targeting"):
                    self.patient(obj)
                elif child.lower_ == "with":
                    self.weapon(obj)
            elif child.dep_ == "acl" and child.lemma_.lower() in ("target", "hit", "kill"):
                # "an attack targeting a convoy"
                for obj in child.children:
                    if obj.dep_ == "dobj":
                        self.patient(obj)


def _subject_of(verb: Token) -> Token | None:
    """The verb's active subject, inherited from the verb it is coordinated with or complements."""
    current = verb
    for _ in range(3):
        subj = next((c for c in current.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            return subj
        if current.dep_ in ("conj", "xcomp") and current.head is not current:
            # "stormed the hotel and killed five"; "tried to kill"; but a passive conjunct keeps its own
            if any(c.dep_ == "nsubjpass" for c in current.children):
                return None
            current = current.head
            continue
        return None
    return None


def _verb_roles(col: _Collector, verb: Token) -> None:
    lemma = verb.lemma_.lower()
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "five people killed in the blast", "a bomb planted by rebels"
        col.patient(verb.head) if not is_weapon(verb.head) else col.weapon(verb.head)
    elif verb.dep_ == "acl" and verb.tag_ == "VBG":
        col.agent(verb.head)  # "gunmen killing five"
    subj = _subject_of(verb)
    if subj is not None:
        if lemma in _SUBJECT_DIES:
            col.patient(subj)
        else:
            col.agent(subj)
    for child in verb.children:
        dep = child.dep_
        if dep == "nsubjpass":
            col.patient(child)
        elif dep == "agent":
            obj = _pobj(child)
            if obj is not None:
                col.agent(obj)
        elif dep in ("dobj", "attr") and lemma not in _SUBJECT_DIES:
            col.patient(child)
        elif dep == "prep":
            obj = _pobj(child)
            if obj is None:
                continue
            if child.lower_ == "with":
                col.weapon(obj)
            elif child.lower_ in ("on", "against", "at") and lemma in ("fire", "open", "attack", "shoot"):
                col.patient(obj)  # "opened fire on protesters"
            elif child.lower_ in ("in", "by") and obj.lemma_.lower() in _EVENT_NOUNS:
                col.event_noun_modifiers(obj)  # "killed in a car bomb attack"
            elif child.lower_ == "by":
                col.weapon(obj)
    # "opened fire on": the preposition hangs on the object noun
    for dobj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "fire"):
        for prep in (c for c in dobj.children if c.dep_ == "prep" and c.lower_ in ("on", "at")):
            obj = _pobj(prep)
            if obj is not None:
                col.patient(obj)


def _noun_roles(col: _Collector, noun: Token) -> None:
    col.event_noun_modifiers(noun)
    governor = noun.head
    lex = load_role_lexicon()
    if noun.dep_ in ("nsubj",) and governor.pos_ in ("VERB", "AUX"):
        # "the bombing killed 12 people", "an explosion wounded five"
        for child in governor.children:
            if child.dep_ == "dobj":
                col.harm = True
                col.patient(child)
    elif noun.dep_ in ("dobj", "nsubjpass") and governor.lemma_.lower() in lex.support_verbs:
        # "militants launched an attack", "the Taliban claimed the bombing"
        if noun.dep_ == "dobj":
            subj = _subject_of(governor)
            if subj is not None:
                col.agent(subj)
        else:
            agent = next((c for c in governor.children if c.dep_ == "agent"), None)
            obj = _pobj(agent) if agent is not None else None
            if obj is not None:
                col.agent(obj)
    elif noun.dep_ == "pobj" and governor.dep_ == "prep" and governor.head.pos_ in ("VERB", "AUX", "NOUN"):
        verb = governor.head
        if governor.lower_ == "for" and verb.lemma_.lower() == "responsibility":
            # "IS claimed responsibility for the attack"
            claim = verb.head
            subj = _subject_of(claim) if claim.pos_ == "VERB" else None
            if subj is not None:
                col.agent(subj)
        elif verb.pos_ in ("VERB", "AUX") and governor.lower_ in ("in", "during"):
            # "three soldiers were killed in the attack", "five died in the blast"
            col.harm = True
            for child in verb.children:
                if child.dep_ == "nsubjpass" or (
                    child.dep_ == "nsubj" and verb.lemma_.lower() in _SUBJECT_DIES
                ):
                    col.patient(child)


def event_roles(head: Token) -> EventRoles:
    """The role fillers of the event whose trigger's head token is `head`."""
    harm = head.lemma_.lower() in _HARM_LEMMAS
    col = _Collector(harm)
    if head.pos_ in ("VERB", "AUX"):
        _verb_roles(col, head)
    else:
        _noun_roles(col, head)
    return col.roles


def roles_at(doc: Doc, start_char: int, end_char: int) -> EventRoles:
    """`event_roles` for the trigger covering characters [start_char, end_char) (an EventMention's
    `trigger_span`), so that a caller holding the Doc and a mention gets its fillers."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or not len(span):
        return EventRoles()
    return event_roles(span.root)
