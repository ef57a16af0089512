"""Building blocks of the events stage (`events.py`): the sentence's candidate triggers with their
places, and the filling of one `EventMention` (roles, date, tolls, localised actors) from what the earlier
stages found."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from sitreps.model import (
    Actor,
    ActorMention,
    Article,
    DateMention,
    EventMention,
    PlaceMention,
    TextSpan,
    Toll,
)
from sitreps.nlp import doc_tokens, doc_tree
from sitreps.stages import actors as actors_stage
from sitreps.stages import event_typing, toll_sides
from sitreps.stages.argument_linker import link_more, load_linker, settings_of
from sitreps.stages.arguments import event_places, trigger_distance
from sitreps.stages.event_places import AWAY, place_rank, trigger_places
from sitreps.stages.event_roles import EventRoles, event_roles, is_weapon, load_role_lexicon, noun_phrase
from sitreps.stages.role_grammar import REFLEXIVES
from sitreps.stages.triggers import Lexicon, Trigger, TriggerRule, governing_verb, unreal_reason

REMOTE = event_typing.REMOTE
CIVILIAN_WORDS = {
    "civilian", "civilians", "villager", "villagers", "resident", "residents", "child", "children",
    "woman", "women", "worshipper", "worshippers", "farmer", "farmers", "student", "students",
    "passenger", "passengers", "family", "families", "displaced", "refugees", "patients", "pupils",
}  # fmt: skip
_ATTEMPTED_CAPTURE = TriggerRule("Armed clash", "weak")
# How far back (in sentences) an undated or unplaced event may inherit its date, place or weapon.
CONTEXT_WINDOW = 2
# How many sentences after a protest may tell what happened at it ("Police dispersed them with tear gas.")
PROTEST_WINDOW = 2
# Roles for which event mentions (end to end) take the argument linker's picks (added, never vetoing) beside
# the rules' fillers, as the given trigger does (`trigger_arguments`). None by default: measured on dev with
# ("target",), MUC-4 target F1 0.247 -> 0.303 and RAMS end-to-end target 0.221 -> 0.230, but WikiEvents
# 0.254 -> 0.253 (also with "fill", 0.295 / 0.231 / 0.253, and with physical targets only), so by the rule
# "no set lowered" it is not switched on; weapons lowered MUC-4 weapon (0.559 -> 0.551) and attackers MUC-4
# perp_org (0.211 -> 0.202).
LINKED_END_TO_END: tuple[str, ...] = ()


@dataclasses.dataclass
class Candidate:
    trigger: Trigger
    sub_event_type: str
    sentence: int
    places: list[PlaceMention] = dataclasses.field(default_factory=list)
    borrowed_place: bool = False  # the place is the sentence's nearest, not one the trigger governs


def _instrument(words: str, lexicon: Lexicon) -> str:
    """The sub-event type that the weapon named in `words` points to, or ""."""
    return event_typing.instrument(words, lexicon)


def _sentence_instrument(sent, lexicon: Lexicon) -> str:
    """`_instrument` of a whole sentence, kept on the Doc: the next sentences ask for it again."""
    cache = sent.doc.user_data.setdefault("sitreps_sentence_instrument", {})
    if sent.start not in cache:
        cache[sent.start] = _instrument(event_typing.sentence_words(sent), lexicon)
    return cache[sent.start]


def protest_report(sents, idx: int) -> tuple[list, list]:
    """The sentences that may tell one protest with sentence `idx` (a short report tells the march first,
    then what the police or the crowd did): `idx` and the ones after it, and the sentences from the
    nearest protest told before it to `idx` (empty when none was)."""
    tl = event_typing.load_typing_lexicon()
    since: list = []
    for back in range(1, PROTEST_WINDOW + 1):
        words = event_typing.sentence_words(sents[idx - back]) if idx - back >= 0 else ""
        if words and event_typing.has_any(words, tl.protest_cues):
            since = list(sents[idx - back : idx + 1])
            break
    return list(sents[idx : idx + PROTEST_WINDOW + 1]), since


def sentence_candidates(trigs, idx: int, sent_words: str, lexicon: Lexicon, sents) -> list[Candidate]:
    """The sentence's real triggers with their sub-event types decided where the words allow it
    (`event_typing`: the weapon, a protest, a disrupted weapon, a capture of territory)."""
    reasons = [unreal_reason(t, lexicon) for t in trigs]
    real = [t for t, why in zip(trigs, reasons, strict=True) if not why]
    # "militants attempted to overrun the base": fighting for ground not taken, when nothing else tells it
    real += [
        Trigger(t.start, t.end, t.head, _ATTEMPTED_CAPTURE)
        for t, why in zip(trigs, reasons, strict=True)
        if why == "attempted" and t.rule.sub_event_type == "@territory"
    ]
    # the sentence's weapon, kept on the Doc (the next sentences ask for it as their context weapon)
    own_words = sent_words == event_typing.sentence_words(sents[idx])
    weapon = _sentence_instrument(sents[idx], lexicon) if own_words else _instrument(sent_words, lexicon)
    context_weapon = ""
    for back in range(1, CONTEXT_WINDOW + 1):
        if idx - back >= 0 and not context_weapon:
            context_weapon = _sentence_instrument(sents[idx - back], lexicon)
    typed = [(t, event_typing.refine(t, sent_words, weapon, context_weapon)) for t in real]
    typed = [(t, sub) for t, sub in typed if sub]
    # a weak trigger ("killed" in "an air strike killed 5") only makes an event when nothing stronger does
    strong = [(t, sub) for t, sub in typed if t.rule.strength == "strong"]
    if strong and event_typing.two_sided_capture(strong, sent_words):
        strong += [(t, sub) for t, sub in typed if sub == "@kill"]
    report, since_protest = protest_report(sents, idx)
    typed = event_typing.settle_sentence(
        strong or typed, sent_words, sent=sents[idx], report=report, since_protest=since_protest
    )
    out = [Candidate(trig, sub, idx) for trig, sub in typed]
    # an explosion inside a battle belongs to the battle
    if any(c.sub_event_type == "Armed clash" for c in out):
        out = [c for c in out if c.sub_event_type not in REMOTE]
    # a weak trigger of a type already triggered in the sentence tells the same event ("drones hit a
    # building, killing five")
    kept: list[Candidate] = []
    for cand in out:
        if cand.trigger.rule.strength == "weak" and any(
            k.sub_event_type == cand.sub_event_type for k in kept
        ):
            continue
        kept.append(cand)
    return kept


def assign_places(candidates, doc, places, actor_spans, idx) -> list[Candidate]:
    """Give each trigger the places nearest to it; a trigger with none, beside one of the same type that has
    some, is the same event told twice ("air strikes ... the raids") and is dropped."""
    usable = event_places(doc, places, actor_spans, idx)
    rivals = [c.trigger for c in candidates]
    for cand in candidates:
        own = trigger_places(doc, cand.trigger, rivals, usable)
        cand.places = own or _place_after(doc, cand.trigger, usable)
    for cand in candidates:
        if not cand.places and usable:
            # a trigger that owns no place shares the sentence's place nearest to it; if it is the same
            # event told twice, the repeat merges later (same type, place and date)
            # never a speaker's place or an origin ("said in Moscow", "fighters from Idlib")
            pool = [p for p in usable if place_rank(doc, cand.trigger.head, p) != AWAY]
            if pool:
                nearest = min(pool, key=lambda p: trigger_distance(doc, cand.trigger, p.span.start))
                cand.places, cand.borrowed_place = [nearest], True
    return candidates


_LOCATIVE_PREPS = {"in", "near", "at", "outside", "around", "inside", "on"}
# How many tokens a trigger's object may take before its locative phrase: "bombed a command post in X"
_PLACE_AFTER_TOKENS = 8


def _place_after(doc, trig: Trigger, usable: list[PlaceMention]) -> list[PlaceMention]:
    """The place that follows a trigger in its own clause by the words alone ("bombed a command post in IS
    stronghold Raqa"), for the parses that hang the place elsewhere: no punctuation or verb between, and a
    locative preposition before it."""
    for pm in sorted(usable, key=lambda p: p.span.start):
        place = doc.char_span(pm.span.start, pm.span.end, alignment_mode="expand")
        if place is None or place.start < trig.span.end:
            continue
        words = [t for t in doc[trig.span.end : place.start] if not t.is_space]
        if len(words) > _PLACE_AFTER_TOKENS or any(t.is_punct or t.pos_ == "VERB" for t in words):
            return []
        if any(t.lower_ in _LOCATIVE_PREPS for t in words):
            return [pm]
    return []


def trigger_roles(trig: Trigger) -> EventRoles:
    """The role fillers of a trigger: the rules' (`rule_trigger_roles`) with the trained argument linker's
    picks added for the roles in `LINKED_END_TO_END`. A mention stands for its incident, so the linker
    vetoes nothing here: the victims of the incident's other harm verbs are the mention's, though not the
    trigger's own."""
    roles = rule_trigger_roles(trig)
    model = load_linker() if LINKED_END_TO_END else None
    if model is not None:
        chosen = settings_of(model.meta)
        settings = {
            r: ("add" if chosen[r][0] == "veto" else chosen[r][0], chosen[r][1])
            if r in LINKED_END_TO_END
            else ("rules", 1.0)
            for r in chosen
        }
        link_more(trig.head.doc, trig.head, roles, settings)
    return roles


def rule_trigger_roles(trig: Trigger) -> EventRoles:
    """The rules' role fillers of a trigger. A noun trigger that names the weapon ("a roadside bomb",
    "grenades") is the weapon, and its clause's verb tells the rest ("three soldiers were killed by a
    roadside bomb").
    The merge with the clause's verb is not `event_roles`' own: that one takes a different verb
    (`near_verb`), and dropping this one changes the output."""
    head = trig.head
    roles = _without_reflexives(event_roles(head))
    if head.pos_ in ("VERB", "AUX"):
        return roles
    if is_weapon(head):
        roles.weapons = _merged(roles.weapons, [noun_phrase(head)])
    verb = governing_verb(head)
    near = verb.i in (head.head.i, head.head.head.i)  # "bomb killed", "killed by a bomb"
    if (
        verb.i != head.i
        and near
        and verb.pos_ in ("VERB", "AUX")
        and verb.lemma_.lower() not in load_role_lexicon().speech_verbs
        and not (roles.attackers or roles.targets or roles.victims)
    ):
        from_verb = _without_reflexives(event_roles(verb))
        for key in ("attackers", "targets", "victims", "physical_targets", "weapons"):
            setattr(roles, key, _merged(getattr(roles, key), getattr(from_verb, key)))
    return roles


def _without_reflexives(roles: EventRoles) -> EventRoles:
    """ "A bomber blew himself up": the reflexive object is the attacker again, not a victim."""
    for key in ("targets", "victims"):
        setattr(roles, key, [s for s in getattr(roles, key) if s.text.lower() not in REFLEXIVES])
    return roles


def _merged(first: list[TextSpan], more: list[TextSpan]) -> list[TextSpan]:
    """`first`, then the spans of `more` that overlap none of them."""
    out = list(first)
    for s in more:
        if not any(s.start < k.end and k.start < s.end for k in out):
            out.append(s)
    return out


def apply_roles(
    mention: EventMention, roles: EventRoles, role1: ActorMention | None, role2: ActorMention | None
) -> None:
    """The role spans: the span of the actor mention actor1/actor2 was read from, else the parse's noun
    phrase; victims, physical targets and weapons come from the parse alone."""
    if role1 is not None and role1.span != mention.trigger_span:  # a speaker without a span names nobody
        mention.actor1_span = role1.span
    elif roles.attackers:
        mention.actor1_span = roles.attackers[0]
    if role2 is not None:
        mention.actor2_span = role2.span
    elif roles.targets:
        mention.actor2_span = roles.targets[0]
    mention.victim_spans = list(roles.victims)
    mention.target_spans = list(roles.physical_targets)
    mention.weapon_spans = list(roles.weapons)


def apply_date(mention: EventMention, date: DateMention | None, article: Article) -> None:
    if date is not None and (date.date_start is not None or not date.resolved):
        mention.date_start, mention.date_end = date.date_start, date.date_end
        mention.time_precision, mention.date_prec = date.time_precision, date.date_prec
        mention.date_span, mention.date_resolved = date.span, date.resolved
        return
    if article.published is None:
        mention.date_resolved = False
        return
    # An undated event in a wire story happened on the day of the report or the day before (the report
    # is usually filed the day after): the two-day range, with the week precision that ACLED uses for it.
    mention.date_start = article.published - timedelta(days=1)
    mention.date_end = article.published
    mention.time_precision, mention.date_prec = 2, 2


def attach_tolls(mention: EventMention, tolls: list[Toll]) -> None:
    """Give a detail sentence's toll to the event it describes, for the kinds that event has no toll of."""
    for kind, prefix in (("killed", "fatalities"), ("injured", "injuries")):
        chosen = [t for t in tolls if t.kind == kind]
        if chosen and getattr(mention, f"{prefix}_best") == 0:
            for part in ("low", "best", "high"):
                setattr(mention, f"{prefix}_{part}", sum(getattr(t, part) for t in chosen))
            mention.toll_spans.extend(t.span for t in chosen)
            if kind == "killed":
                toll_sides.fill_sides(mention, chosen)


def apply_tolls(mention: EventMention, tolls: list[Toll], n_places: int, k: int) -> None:
    """Sum the tolls by kind; one toll over n places is split evenly among them, as ACLED does."""
    for kind, prefix in (("killed", "fatalities"), ("injured", "injuries")):
        chosen = [t for t in tolls if t.kind == kind]
        if not chosen:
            continue
        for part in ("low", "best", "high"):
            total = sum(getattr(t, part) for t in chosen)
            share = total // n_places + (1 if k < total % n_places else 0)
            setattr(mention, f"{prefix}_{part}", share)
        mention.toll_spans.extend(t.span for t in chosen)
        if kind == "killed":  # who the dead are: UCDP's deaths per side, summing to this share
            toll_sides.fill_sides(mention, chosen)


def trigger_span(trig: Trigger) -> TextSpan:
    return TextSpan(trig.span.start_char, trig.span.end_char, trig.span.text)


def possessed_by_speaker(trig: Trigger) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in trig.head.children)


def own_people_killed(trig: Trigger) -> bool:
    """The trigger's victim is "its / their / our" people ("one of its senior commanders was killed", "two
    of their soldiers died"): the possessor is the speaker of the sentence's claim."""
    verb = trig.head
    victims = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj", "nsubj")]
    for v in victims:
        nouns = [v, *(c for p in v.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children)]
        for noun in nouns:  # "one of its commanders": the possessive sits on the "of" object
            if any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in noun.children):
                return True
    return False


def mentions_civilians(trig: Trigger) -> bool:
    """Whether a civilian word sits in a verb trigger's subtree or among a noun trigger's children."""
    head = trig.head
    # the words by index from the document's tree lists and token table (no Token per word)
    tree, lower = doc_tree(head.doc), doc_tokens(head.doc).lower
    ids = tree.subtree(head.i) if tree.pos[head.i] == "VERB" else tree.kids[head.i]
    return any(lower[k] in CIVILIAN_WORDS for k in ids)


def localise(actor: Actor | None, country_code: str, country_name: str) -> Actor | None:
    """Fill a generic actor's country and give foreign state forces ACLED's inter code for where they act."""
    if actor is None:
        return None
    # a family's branch ("Islamic State (Syria)" read from a bare "IS") follows the event's country too
    branches = actor.name in actors_stage.get_actor_dictionary().family_of
    if country_name and (not actor.country or branches):
        actor = actors_stage.with_country(actor, country_name)
    if country_code:
        actor = dataclasses.replace(actor, inter=actors_stage.inter_for(actor, country_code))
    return actor
