"""The arguments of one given trigger: who did it, to whom, where and with what.

For a user with their own event detector (or a gold trigger): hand in the parsed article, the analysis
sitreps made of it and the characters of the event word, and get the fillers of that word's event:

    doc = sitreps.nlp.parse(text)
    analysis = sitreps.pipeline.analyse(Article(text=text), doc=doc)
    args = trigger_arguments(doc, analysis, start, end)
    args.attackers, args.victims, args.places, args.weapons

The fillers are the parse's roles of THAT trigger (`event_roles(head, incident=False)`): the victims of
"wounded" are not the victims of "killed" in the same sentence, and "the attack, which killed five" leaves
the five to "killed". An event mention, which stands for its whole incident, reads the incident instead
(`event_build.trigger_roles`). Measured on WikiEvents and RAMS with the gold trigger given (the
`given_trigger_*` metrics of `sitreps evaluate arguments`), the per-trigger reading beats the incident's.
Besides the parse's roles:
- a place attacked ("invaded Iraq", "the shelling of Aleppo") is a target too;
- a trigger with no weapon of its own takes the weapon named nearest it in its sentence;
- an attacker read from a word that only modifies the event is kept when it names a known actor ("Russian
  airstrikes", "the Taliban attack"), not otherwise ("the Boston Marathon bombing", "their attack"); the
  datasets rarely mark a filler there (given-trigger attacker F1 0.385 dropping them all, 0.386 keeping the
  known actors), and a user asking who made "the Taliban attack" needs the answer;
- a pronoun or a bare description stays the filler ("he opened fire", "the group claimed the attack"): the
  datasets mark the words of the trigger's own sentence (measured: of the fillers a resolver changed, 7
  matched as written, 1 as their antecedent; resolving them all, given-trigger attacker F1 0.391 -> 0.363,
  target 0.560 -> 0.543, and for event mentions end-to-end attacker 0.220 -> 0.208, MUC-4 perp_org
  0.211 -> 0.206).
  `resolve(doc, analysis, span)` gives what such a filler stands for ("Abu Sayyaf ... the group");
- the place is the one of the trigger's own clause (`place_for_verb`: its locative phrase first, never a
  speaker's place or an origin).
- an adjective trigger that describes someone ("armed men", "hostile forces") has them as its attacker
  (given-trigger attacker F1 0.391 -> 0.396);
- a trigger with no target takes the building or the people its "at" phrase names ("the attack at the
  checkpoint", "a shooting at a wedding party"; given-trigger target F1 0.552 -> 0.560);
- "it" is a target or victim like "they" ("the army shelled it"; given-trigger target F1 0.548 -> 0.552);
  as an attacker it is more often a thing or an event.
- the trained argument linker (`argument_linker`, `make train-argument-linker`) reads every noun phrase of
  the trigger's sentence and, for the target and weapon, vetoes rule fillers it calls nobody and adds its
  confident picks, as cross-validation on the team's examples chose (`LINKED_ROLES`; given-trigger target
  F1 0.566 -> 0.576, weapon 0.284 -> 0.286 on dev).
Tried and dropped, by measurement: a dictionary actor for a missing or pronoun attacker, the antecedent of
a pronoun, the subject of a neighbouring sentence, the place or weapon of a neighbouring sentence; the
name inside a filler ("ISIS militants" -> "ISIS"), for attackers or targets; appositions and "including"
lists as more targets; a noun trigger's attacker as the (named) subject of the clause it sits in ("X
condemned ... the attack"); the relative pronoun itself rather than the noun it stands for; "a series
of attacks" read where "attacks" stands; the one "charged in" an attack as its attacker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sitreps.model import ArticleAnalysis, TextSpan
from sitreps.stages.argument_linker import LINKED_ROLES, link_more, load_linker, settings_of
from sitreps.stages.arguments import span_root
from sitreps.stages.event_places import place_for_verb
from sitreps.stages.event_roles import (
    EventRoles,
    event_roles,
    is_physical_target,
    is_weapon,
    load_role_lexicon,
    noun_phrase,
)
from sitreps.stages.role_grammar import (
    EVENT_NOUNS,
    REFLEXIVES,
    names_no_attacker,
    names_people,
    pobj,
    referent,
    referent_kind,
)


@dataclass
class TriggerArguments:
    """The fillers of one trigger's event, as spans of the article's text."""

    attackers: list[TextSpan] = field(default_factory=list)
    targets: list[TextSpan] = field(default_factory=list)  # people or groups attacked
    victims: list[TextSpan] = field(default_factory=list)  # people killed or injured
    physical_targets: list[TextSpan] = field(default_factory=list)  # buildings, vehicles, installations
    places: list[TextSpan] = field(default_factory=list)
    weapons: list[TextSpan] = field(default_factory=list)


def trigger_head(doc: Doc, start_char: int, end_char: int) -> Token | None:
    """The syntactic head of the tokens covering characters [start_char, end_char)."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def trigger_arguments(
    doc: Doc, analysis: ArticleAnalysis, start_char: int, end_char: int, linker: bool = True
) -> TriggerArguments:
    """Who did the event whose word covers [start_char, end_char), to whom, where and with what; with
    `linker`, the trained argument linker adds its picks as its cross-validation chose (`link_more`)."""
    head = trigger_head(doc, start_char, end_char)
    if head is None:
        return TriggerArguments()
    roles = _trigger_roles(head)
    out = TriggerArguments(
        attackers=[a for a in roles.attackers if not _names_by_modifier(doc, a) or _names_actor(analysis, a)],
        targets=[s for s in [*roles.targets, *roles.place_targets] if s.text.lower() not in REFLEXIVES],
        victims=[s for s in roles.victims if s.text.lower() not in REFLEXIVES],
        physical_targets=list(roles.physical_targets),
        weapons=list(roles.weapons) or weapon_nearby(head),
    )
    if not (out.targets or out.victims or out.physical_targets):
        out.physical_targets, out.targets = _at_phrase_targets(head)
    place = place_for_verb(doc, head, analysis.places)
    if place is not None:
        out.places = [place.span]
    if linker:
        model = load_linker()
        if model is not None:
            chosen = settings_of(model.meta)
            link_more(doc, head, out, {r: chosen[r] if r in LINKED_ROLES else ("rules", 1.0) for r in chosen})
    return out


def resolve(doc: Doc, analysis: ArticleAnalysis, span: TextSpan) -> TextSpan:
    """What a filler stands for, when it is a pronoun or a bare description: a group's the actor named
    before it ("Abu Sayyaf ... the group", "... they"), a person's the name before ("Omar Mateen ... he"),
    else the fuller phrase ("Islamist militants ... the militants"); any other filler is itself."""
    root = span_root(doc, span)
    kind = referent_kind(root) if root is not None else None
    if kind is None:
        return span
    if kind != "person":
        # the dictionary knows a group the tagger may take for a person ("Abu Sayyaf")
        earliest = doc[root.sent.start].sent
        for _ in range(2):
            earliest = doc[earliest.start - 1].sent if earliest.start > 0 else earliest
        before = [
            a
            for a in analysis.actors
            if a.actor.in_dictionary and earliest.start_char <= a.span.start and a.span.end <= span.start
        ]
        if before:
            return max(before, key=lambda a: a.span.start).span
    found = referent(root)
    return noun_phrase(found) if found is not None else span


def _at_phrase_targets(head: Token) -> tuple[list[TextSpan], list[TextSpan]]:
    """(physical targets, targets) that the trigger's own "at" phrase names: a building or people ("the
    attack at the checkpoint", "a shooting at a wedding party"), not a place's name or a time."""
    if head.pos_ not in ("NOUN", "VERB"):
        return [], []
    physical, people = [], []
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "at"):
        obj = pobj(prep)
        if obj is None or obj.ent_type_ in ("GPE", "LOC", "DATE", "TIME"):
            continue
        if is_physical_target(obj):
            physical.append(noun_phrase(obj))
        elif names_people(obj):
            people.append(noun_phrase(obj))
    return physical, people


def _trigger_roles(head: Token) -> EventRoles:
    """The parse's roles of the trigger; a noun that names the weapon ("a roadside bomb") is the weapon."""
    roles = event_roles(head, incident=False)
    # "opened fire" names no weapon
    if head.pos_ not in ("VERB", "AUX") and is_weapon(head) and head.lemma_.lower() != "fire":
        phrase = noun_phrase(head)
        if not any(phrase.start < w.end and w.start < phrase.end for w in roles.weapons):
            roles.weapons.append(phrase)
    noun = head.head
    if (
        head.pos_ == "ADJ"
        and head.dep_ == "amod"
        and noun.pos_ in ("NOUN", "PROPN")
        and not (roles.attackers or roles.targets or roles.victims)
        and noun.lemma_.lower() not in EVENT_NOUNS
        and not is_weapon(noun)
        and not names_no_attacker(noun)
    ):
        # "armed men", "hostile forces": the one an adjective trigger describes is the one who acts
        roles.attackers.append(noun_phrase(noun))
    return roles


def weapon_nearby(head: Token) -> list[TextSpan]:
    """The weapon named nearest the trigger in its sentence ("gunmen stormed the hotel, firing assault
    rifles, and killed 20": the rifles of "killed"); not one seized or found."""
    seizure = load_role_lexicon().weapon_seizure_verbs
    found = [
        t
        for t in head.sent
        if t.pos_ == "NOUN"
        and t.dep_ != "compound"
        and t.lemma_.lower() != "fire"
        and is_weapon(t)
        and t.head.lemma_.lower() not in seizure
    ]
    if not found:
        return []
    return [noun_phrase(min(found, key=lambda t: abs(t.i - head.i)))]


def _names_actor(analysis: ArticleAnalysis, span: TextSpan) -> bool:
    """Whether a dictionary actor mention of the analysis overlaps the span ("Taliban", "Russian")."""
    return any(
        a.actor.in_dictionary and a.span.start < span.end and span.start < a.span.end for a in analysis.actors
    )


def _names_by_modifier(doc: Doc, span: TextSpan) -> bool:
    """An attacker read from a word that only modifies the event or its weapon ("the Boston Marathon
    bombing", "Russian airstrikes", "their attack"): a description, not a mention of the one who acted,
    and the datasets mark none there (measured: no such filler matched on WikiEvents or RAMS)."""
    root = span_root(doc, span)
    if root is None:
        return False
    return root.dep_ in ("compound", "nmod", "amod") or (root.dep_ == "poss" and root.pos_ == "PRON")
