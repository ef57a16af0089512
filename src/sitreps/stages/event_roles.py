"""Event roles from the dependency parse: who attacks, who or what is attacked, who dies, and with what.

The fillers are the sentence's own noun phrases, named or not ("gunmen", "Tsarnaev", "the embassy"), so they
reach beyond the actors stage, which only knows dictionary actors. The rules follow how an analyst reads a
clause:
- attacker: the subject of an active verb ("gunmen killed"), the "by"-agent of a passive ("were killed by
  rebels"), a possessive or name before an event noun ("IS's attack", "Taliban bombing"), the subject of a
  verb whose object is the event ("insurgents carried out the attack");
- victim (killed, injured) and target (attacked): the object ("killed five soldiers"), the passive subject
  ("soldiers were killed"), "on"/"against"/"of" after an event noun ("attack on the base"), the noun a
  participle modifies ("five people killed in the blast", "a wounded man"), the one an adjective says was
  hurt ("five soldiers are dead"), the other side of a fight ("clashed with police"); the object of a verb
  that attacks nothing by itself only when it names people ("launched an operation" targets no one);
- place attacked: a place as the object ("invaded Iraq", "the shelling of Aleppo"), kept apart;
- physical target: a target that is a building, a vehicle or an installation (MUC-4's physical target);
- weapon: the instrument ("with a car bomb", "a roadside bomb killed", "by a missile").
Relative clauses and coordinated verbs take the subject of the clause they hang on ("the militants who
attacked", "stormed the hotel and killed five").
An event mention's reading covers its incident (`incident=True`): the victims of every harm verb tied to
the trigger's clause ("three were killed and five wounded when a bomb exploded") are its victims. Read per
trigger (`incident=False`, `trigger_arguments`), each harm word keeps its own. A subject that only meets
the event ("the governor survived an assassination attempt", "police foiled an attack") is no attacker; a
survivor is the target. Abstract nouns ("his life", "part", "arrest warrants") are nobody
(data/event_roles.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sitreps.model import TextSpan
from sitreps.stages.noun_roles import adjective_roles, noun_roles
from sitreps.stages.role_grammar import (
    EVENT_NOUNS,
    HARM_LEMMAS,
    NAME_ENTS,
    PRONOUNS_SKIPPED,
    SUBJECT_DIES,
    TWO_SIDED_NOUNS,
    TWO_SIDED_VERBS,
    UNDERGONE_NOUNS,
    antecedent,
    bare_participle,
    conjuncts,
    harms,
    incident_verbs,
    is_victim,
    names_no_attacker,
    names_people,
    names_someone,
    near_verb,
    noun_phrase,
    owner,
    pobj,
    subject_of,
)
from sitreps.stages.role_lexicon import (  # noqa: F401  (re-exported: other stages import them from here)
    RoleLexicon,
    is_non_participant,
    is_physical_target,
    is_weapon,
    load_role_lexicon,
)


@dataclass
class EventRoles:
    """Role fillers of one trigger, as spans of the article's text (noun phrases up to their head)."""

    attackers: list[TextSpan] = field(default_factory=list)
    targets: list[TextSpan] = field(default_factory=list)  # people or groups attacked
    victims: list[TextSpan] = field(default_factory=list)  # people killed or injured
    physical_targets: list[TextSpan] = field(default_factory=list)  # buildings, vehicles, installations
    weapons: list[TextSpan] = field(default_factory=list)
    # places attacked ("invaded Iraq", "the shelling of Aleppo"): the target, and usually the place too
    place_targets: list[TextSpan] = field(default_factory=list)


class _Collector:
    """Adds fillers to an `EventRoles`, sorting each noun into its role by what it names."""

    def __init__(self, harm: bool, incident: bool = True) -> None:
        self.roles = EventRoles()
        self.harm = harm
        self.incident = incident  # the victims of the incident's harm verbs are this event's too
        self._seen: set[tuple[str, int]] = set()

    def _add(self, bucket: str, tok: Token) -> None:
        skipped = self._skipped(bucket)
        if tok.lower_ in skipped or tok.pos_ in ("VERB", "AUX", "ADP") or tok.dep_ == "expl":
            return
        key = (bucket, tok.i)
        if key not in self._seen:
            self._seen.add(key)
            span = noun_phrase(tok)
            if span.text and span.text.lower() not in skipped:
                getattr(self.roles, bucket).append(span)

    def _skipped(self, bucket: str) -> set[str]:
        """Words that fill no role. Read per trigger, "it" is a target or victim like "they" ("the army
        shelled it"; the datasets mark the pronoun); an incident's reading, which names who was hit for
        the database, leaves it out, as it does an attacker "it" (measured: "it" as an attacker is more
        often an event or a thing than a group)."""
        if not self.incident and bucket in ("targets", "victims"):
            return PRONOUNS_SKIPPED - {"it"}
        return PRONOUNS_SKIPPED

    def agent(self, tok: Token) -> None:
        for c in conjuncts(antecedent(tok)):
            if is_weapon(c):
                self._add("weapons", c)
                self.weapon_owner(c)
            elif c.lemma_.lower() in EVENT_NOUNS or c.lemma_.lower() in UNDERGONE_NOUNS:
                # "a car bomb explosion killed", "the Taliban's attack killed": the event's own modifiers
                self.event_noun_modifiers(c)
            elif names_no_attacker(c):
                continue  # "a vehicle", "the republic", "part": no one who acts
            else:
                self._add("attackers", c)

    def patient(self, tok: Token, with_conjuncts: bool = True, people_only: bool = False) -> None:
        """Sort what the event was done to; with `people_only` (the object of a verb that attacks nothing
        by itself: "launched an operation", "used force"), a common noun is a target only if it names
        people."""
        for c in conjuncts(antecedent(tok)) if with_conjuncts else [tok]:
            if c.ent_type_ in ("DATE", "TIME"):
                continue
            if c.ent_type_ in ("GPE", "LOC"):
                # "shelled Aleppo": the place attacked, not a person or a group
                if not self.harm:
                    self._add("place_targets", c)
                continue
            lemma = c.lemma_.lower()
            if lemma in load_role_lexicon().possessor_nouns:
                # "an attempt on his life", "claimed the lives of five people": the owner is the target
                whose = owner(c)
                if whose is not None:
                    self.patient(whose)
            elif is_physical_target(c):
                self._add("physical_targets", c)
            elif is_weapon(c):
                # "detonated two bombs", "fired rockets at": what was used; not "opened fire", "seized arms"
                seized = c.head.lemma_.lower() in load_role_lexicon().weapon_seizure_verbs
                if lemma != "fire" and not seized:
                    self._add("weapons", c)
            elif lemma in EVENT_NOUNS or is_non_participant(c):
                continue  # "an explosion", "27 arrest warrants": nothing attacked
            elif people_only and not self.harm and not names_people(c):
                continue
            else:
                self._add("victims" if self.harm else "targets", c)

    def weapon(self, tok: Token) -> None:
        for c in conjuncts(tok):
            if is_weapon(c):
                self._add("weapons", c)

    def agent_only(self, tok: Token) -> None:
        """`agent` for one noun, not its conjuncts."""
        if not (is_weapon(tok) or names_no_attacker(tok)):
            self._add("attackers", tok)

    def weapon_owner(self, weapon: Token) -> None:
        """The side a weapon's modifier names is the attacker: "a US drone", "Israeli missiles", "the
        Taliban's bomb"."""
        for child in weapon.children:
            named = child.ent_type_ in ("NORP", "ORG", "GPE") or child.pos_ == "PROPN"
            owner = child.dep_ == "poss" or (child.dep_ in ("compound", "amod", "nmod") and named)
            if owner and not is_weapon(child) and child.lower_ not in PRONOUNS_SKIPPED:
                self._add("attackers", child)

    def merge(self, other: EventRoles) -> None:
        """Add another collector's fillers that overlap none already held."""
        for key in ("attackers", "targets", "victims", "physical_targets", "weapons", "place_targets"):
            mine = getattr(self.roles, key)
            for s in getattr(other, key):
                if not any(s.start < k.end and k.start < s.end for k in mine):
                    mine.append(s)

    def event_noun_modifiers(self, noun: Token, own_modifiers: bool = True) -> None:
        """Attacker, target and weapon inside an event noun's phrase ("IS's car bomb attack on the base")."""
        # "opened fire", "came under fire": the act of shooting, not a weapon
        whole_weapon = own_modifiers and is_weapon(noun) and noun.lemma_.lower() != "fire"
        if whole_weapon:
            # "an improvised explosive device": the phrase is the weapon, not its modifier "explosive"
            self._add("weapons", noun)
        undergone = noun.lemma_.lower() in UNDERGONE_NOUNS
        for child in noun.children:
            if child.dep_ == "poss" and undergone and own_modifiers:
                # "his death", "Khashoggi's murder": the possessor is the victim (a name the tagger took
                # for a place too)
                if child.ent_type_ == "GPE" and child.pos_ == "PROPN":
                    self._add("victims", child)
                else:
                    self.patient(child)
            elif child.dep_ in ("poss", "compound", "amod", "nmod"):
                if not own_modifiers:
                    continue
                if is_weapon(child):
                    if whole_weapon:
                        continue
                    self._add("weapons", child)
                elif child.dep_ == "poss" and child.ent_type_ == "GPE":
                    self.agent(child)  # "Russia's war", "Israel's bombardment": the state acts
                elif (
                    child.dep_ == "poss" or child.ent_type_ in NAME_ENTS or child.pos_ == "PROPN"
                ) and child.ent_type_ not in ("GPE", "LOC", "DATE", "TIME"):
                    self.agent(child)
            elif child.dep_ == "prep":
                obj = pobj(child)
                if obj is None:
                    continue
                if child.lower_ == "by":
                    self.agent(obj)
                elif child.lower_ in ("on", "against", "of", "targeting"):
                    self.patient(obj)
                elif child.lower_ == "with" and noun.lemma_.lower() in TWO_SIDED_NOUNS and not is_weapon(obj):
                    self.patient(obj)  # "the war with Russia", "clashes with police": the other side
                elif child.lower_ == "with":
                    self.weapon(obj)
                elif child.lower_ == "from" and names_someone(obj):
                    self.agent(obj)  # "came under fire from militants" (not "rockets fired from Gaza")
                elif child.lower_ == "between" and noun.lemma_.lower() in TWO_SIDED_NOUNS:
                    # "clashes between police and protesters": the first side named, then the other
                    first, *others = conjuncts(obj)
                    self.agent_only(first)
                    for other in others:
                        self.patient(other, with_conjuncts=False)
            elif child.dep_ == "acl" and child.lemma_.lower() in ("target", "hit", "kill"):
                # "an attack targeting a convoy"
                for obj in child.children:
                    if obj.dep_ == "dobj":
                        self.patient(obj)
            elif child.dep_ == "acl" and child.lemma_.lower() in load_role_lexicon().support_verbs:
                # "airstrikes carried out by the coalition", "the attack claimed by IS"
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    obj = pobj(agent)
                    if obj is not None:
                        self.agent(obj)


def _verb_roles(col: _Collector, verb: Token) -> None:
    lemma = verb.lemma_.lower()
    if lemma in load_role_lexicon().bystander_verbs:
        event = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in EVENT_NOUNS), None)
        if event is not None:
            # "troops repelled an attack by marines": the attack's roles, the subject its target
            noun_roles(col, event, _verb_roles)
            return
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "five people killed in the blast", "a bomb planted by rebels"
        col.patient(verb.head) if not is_weapon(verb.head) else col.weapon(verb.head)
    elif verb.dep_ == "amod" and verb.tag_ == "VBN" and lemma in HARM_LEMMAS:
        col.patient(verb.head)  # "a wounded man"
    elif verb.dep_ == "acl" and verb.tag_ == "VBG":
        col.agent(verb.head)  # "gunmen killing five"
    subj = subject_of(verb)
    if subj is not None:
        # "three were killed and five others wounded": the bare participle's subject was hurt
        if lemma in SUBJECT_DIES or (subj.head == verb and bare_participle(verb)):
            col.patient(subj)
        else:
            col.agent(subj)
    for child in verb.children:
        dep = child.dep_
        if dep == "nsubjpass":
            col.patient(child)
        elif dep == "agent":
            obj = pobj(child)
            if obj is not None:
                col.agent(obj)
        elif dep in ("dobj", "attr") and lemma not in SUBJECT_DIES:
            col.patient(child, people_only=not (harms(verb) or lemma in load_role_lexicon().attack_verbs))
        elif dep == "prep":
            obj = pobj(child)
            if obj is None:
                continue
            if child.lower_ == "with" and lemma in TWO_SIDED_VERBS and not is_weapon(obj):
                col.patient(obj)  # "protesters clashed with police": the other side
            elif child.lower_ == "with":
                col.weapon(obj)
            elif child.lower_ == "against" or (
                child.lower_ in ("on", "at") and lemma in ("fire", "open", "shoot", "launch")
            ):
                col.patient(obj)  # "opened fire on protesters", "fought against the rebels"
            elif child.lower_ in ("in", "by") and obj.lemma_.lower() in EVENT_NOUNS:
                col.event_noun_modifiers(obj)  # "killed in a car bomb attack"
            elif child.lower_ == "by":
                col.weapon(obj)
    # "opened fire on", "waged a war against": the preposition hangs on the object noun
    for dobj in (c for c in verb.children if c.dep_ == "dobj"):
        preps = ("on", "at", "against") if dobj.lemma_.lower() == "fire" else ("against",)
        for prep in (c for c in dobj.children if c.dep_ == "prep" and c.lower_ in preps):
            obj = pobj(prep)
            if obj is not None:
                col.patient(obj)


def _incident_victims(col: _Collector, head: Token) -> None:
    """Victims (and weapons) of the incident's other harm verbs, into `col`'s victims."""
    for verb in incident_verbs(head):
        sub = _Collector(harm=True)
        lemma = verb.lemma_.lower()
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            sub.patient(verb.head)
        for child in verb.children:
            if is_victim(child, lemma):
                sub.patient(child)
            elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "with"):
                obj = pobj(child)
                if obj is not None:
                    sub.weapon(obj)  # only a weapon: "killed by a roadside bomb", "shot with a pistol"
        col.merge(sub.roles)


_ROLES_KEY = "sitreps.event_roles"


def event_roles(head: Token, incident: bool = True) -> EventRoles:
    """The role fillers of the event whose trigger's head token is `head`; with `incident`, the victims of
    the other harm verbs of its incident too (an event mention covers its incident).

    Read once per (token, incident) and document: the event builder, the actor roles and the argument
    linker all ask for the same triggers. Each caller gets its own lists (callers edit them)."""
    doc = head.doc
    cache = doc.user_data.get(_ROLES_KEY)
    if cache is None or cache[0] != len(doc):
        # kept with the document's length: a retokenised Doc reads its roles afresh
        cache = doc.user_data[_ROLES_KEY] = (len(doc), {})
    key = (head.i, incident)
    roles = cache[1].get(key)
    if roles is None:
        roles = cache[1][key] = _event_roles(head, incident)
    return _copied(roles)


def _copied(roles: EventRoles) -> EventRoles:
    """A copy of `roles` with lists of its own (the spans are immutable)."""
    return EventRoles(
        list(roles.attackers),
        list(roles.targets),
        list(roles.victims),
        list(roles.physical_targets),
        list(roles.weapons),
        list(roles.place_targets),
    )


def _event_roles(head: Token, incident: bool) -> EventRoles:
    """`event_roles`, read from the parse."""
    harm = head.lemma_.lower() in HARM_LEMMAS
    col = _Collector(harm, incident)
    if head.pos_ in ("VERB", "AUX"):
        _verb_roles(col, head)
    elif not (head.pos_ == "ADJ" and adjective_roles(col, head)):
        noun_roles(col, head, _verb_roles)
        r = col.roles
        verb = near_verb(head)
        subject_of_other = head.dep_ == "nsubj" and verb is not None and not harms(verb)
        # "attacked a checkpoint with grenades", "killed by a roadside bomb": a noun that names only the
        # weapon or the event takes its clause's roles; read per trigger (no incident), an event noun keeps
        # to its own phrase: in "soldiers fought in the war" or "he suffered injuries" the verb's subject and
        # object belong to the verb's event
        own_phrase_only = not incident and not is_weapon(head)
        empty = not (r.attackers or r.targets or r.victims)
        if verb is not None and not subject_of_other and empty and not own_phrase_only:
            col.merge(event_roles(verb, incident))
    if incident:
        _incident_victims(col, head)
    return col.roles


def roles_at(doc: Doc, start_char: int, end_char: int) -> EventRoles:
    """`event_roles` for the trigger covering characters [start_char, end_char) (an EventMention's
    `trigger_span`), so that a caller holding the Doc and a mention gets its fillers."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or not len(span):
        return EventRoles()
    return event_roles(span.root)
