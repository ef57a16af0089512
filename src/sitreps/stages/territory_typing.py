"""Who gains the ground: the territory sub-event types as ACLED's codebook reads them.

Who takes it decides, not the verb: state forces that capture or recapture ground regain it (Government
regains territory); a rebel group or militia that takes ground overtakes it (Non-state actor overtakes
territory), even when it "recaptures" a town it once held; ground given up without a fight is a
Non-violent transfer of territory (`event_typing.refine`). Ground only aimed at ("an offensive to retake
the town") or fought for without a change of control stays an Armed clash.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitreps.model import ActorMention
from sitreps.stages.event_typing_base import (
    TypingLexicon,
    expand,
    has_any,
    lemmas,
    load_typing_lexicon,
    sentence_words,
    subjects,
)

GOV, NSA, CLASH = "Government regains territory", "Non-state actor overtakes territory", "Armed clash"


def _taker_side(tokens: list[Token], tl: TypingLexicon) -> str:
    """ "state", "non-state" or "" for the words naming who acts (subject, agent, "fell to X")."""
    words = lemmas(tokens)
    if words & tl.non_state_words:
        return "non-state"  # "pro-government militias", "rebel forces": the group, not the state
    if words & tl.state_words:
        return "state"
    return ""


def from_side(head: Token, tl: TypingLexicon) -> str:
    """The side the ground was taken from: "recaptured the town from the army" -> "state"."""
    verb_and_object = [head, *(c for c in head.children if c.dep_ == "dobj")]
    losers = [g for t in verb_and_object for c in t.children if c.dep_ == "prep" and c.lower_ == "from"
              for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    return _taker_side(expand(losers), tl) if losers else ""


def territory_type(trigger_head: Token, role1: ActorMention | None, tl: TypingLexicon | None = None) -> str:
    """Government regains territory or Non-state actor overtakes territory, by who takes the ground: the
    actor dictionary's reading of actor1 first, then the words of the taker, then the side it was taken
    from, and only then the verb ("recaptured" is a government's word when nothing else says)."""
    tl = tl or load_typing_lexicon()
    head = trigger_head
    if head.lower_ == "fell" or head.lemma_.lower() in ("fall", "lose"):
        # "the town fell to the army", "the Houthis lost control of Kitaf to government forces"
        held = [head, *(c for c in head.children if c.dep_ == "dobj")]
        takers = expand(g for t in held for c in t.children if c.lower_ == "to" for g in c.children)
        if head.lemma_.lower() == "lose" and not takers:
            return ""  # lost ground to no one named: a withdrawal told without its taker
    else:
        takers = _hands_of(head) or subjects(head)
    side = _taker_side(takers, tl)
    if role1 is not None and _names_taker(role1, takers):
        # the actor dictionary knows the actor better than the words around it, when it is the taker named
        # (not "after clashes with the Taliban, ANA forces regained the district": the Taliban lost it)
        side = "state" if role1.actor.actor_type == "state" or role1.actor.inter in (1, 8) else "non-state"
    if not side and has_any(sentence_words(head.sent), tl.state_control_phrases):
        side = "state"  # "the town came back under government control"
    if side == "state":
        return GOV
    if side == "non-state":
        return NSA
    loser = from_side(head, tl)
    if loser == "state":
        return NSA  # "recaptured the village from AMISOM troops"
    if loser == "non-state" or head.lemma_.lower() in tl.regain_verbs:
        return GOV  # "retook the town from the militants", "the town was liberated"
    return NSA


def _hands_of(head: Token) -> list[Token]:
    """The holder in "the town is back in the hands of the army": the words after "hands of"."""
    hands = [t for t in head.subtree if t.lower_ == "hands"][:1]
    return expand(g for h in hands for c in h.children if c.lower_ == "of" for g in c.children)


_SUCCESS_VERBS = {"manage", "succeed", "able"}
_PRONOUNS = {"they", "it", "he", "she", "we", "who", "which", "that"}


def _names_taker(role1: ActorMention, takers: list[Token]) -> bool:
    """Whether actor1 is the taker named in the sentence: inside the taker's words, or the taker is told
    only by a pronoun or not at all (then actor1, read from the context, is the best guess)."""
    named = [t for t in takers if t.lower_ not in _PRONOUNS]
    if not named:
        return True
    start, end = role1.span.start, role1.span.end
    for t in named:
        sub = list(t.subtree)
        if sub[0].idx <= start and end <= sub[-1].idx + len(sub[-1].text):
            return True
    return False


def aimed_only(head: Token, words: str, tl: TypingLexicon | None = None) -> str | None:
    """For a capture told only as an aim ("launched an offensive to retake the town", "in a bid to seize"):
    Armed clash when the sentence tells fighting for it, "" when not, and None when the capture happened."""
    tl = tl or load_typing_lexicon()
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    if not infinitive or head.dep_ not in ("advcl", "xcomp", "acl", "relcl", "ccomp"):
        return None
    if head.dep_ == "xcomp" and head.head.lemma_.lower() in _SUCCESS_VERBS:
        return None  # "managed to restore control over the village": the capture happened
    return CLASH if has_any(words, tl.fighting_words) else ""


def goods_not_ground(objs: list[Token], tl: TypingLexicon) -> bool:
    """ "seized two tanks", "captured vehicles and equipment": things taken, not ground."""
    heads = [t for t in objs if t.dep_ not in ("compound", "amod", "nmod", "appos")]
    heads = [t for t in heads if not (t.dep_ == "pobj" and t.head.lower_ == "of")]
    return bool(heads) and not (lemmas(heads) & tl.place_nouns) and bool(lemmas(heads) & tl.seized_goods)


def expels(verb: Token, tl: TypingLexicon) -> bool:
    """ "drove out rebels from the villages", "expelled the militants": the people are pushed off the ground,
    which is taken; not people captured."""
    lemma = verb.lemma_.lower()
    if lemma in tl.expulsion_verbs:
        return True
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    return lemma in tl.expulsion_particle_verbs and bool(particles & {"out", "away", "back"})


def pushed_off(verb: Token, tl: TypingLexicon | None = None) -> bool:
    """ "drove the militants out of the town", "were driven out", "forced the rebels to withdraw from the
    area": the holders pushed off the ground (a capture), not "pushed for talks" or "drove a car"."""
    tl = tl or load_typing_lexicon()
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in tl.expulsion_particle_verbs:
        return False  # "government forces" is no forcing
    # "out" on the verb, or (as the tagger often hangs it) on the people pushed
    held = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "attr", "nsubjpass"))]
    if any(c.lower_ == "out" and c.dep_ in ("prt", "advmod", "prep") for t in held for c in t.children):
        return True
    # "chased the militants from the village", "drove IS from Manbij": pushed off a named place or a town,
    # not "pushed back from the outskirts" (an attack repelled) nor "from their hideouts"
    sources = [g for t in held for c in t.children if c.dep_ == "prep" and c.lower_ == "from"
               for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    named = [g for g in sources if g.ent_type_ in ("GPE", "LOC") or g.pos_ == "PROPN" and not g.ent_type_]
    pushed = expand(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))
    armed = tl.armed_nouns | tl.fighter_nouns | tl.non_state_words | tl.state_words
    # the holders pushed off are armed ("chased the militants from"), not residents forced from their homes
    armed_holders = bool(lemmas(pushed) & armed) or any(t.ent_type_ in ("ORG", "NORP") for t in pushed)
    if armed_holders and (named or any(g.lemma_.lower() in tl.settlement_nouns for g in sources)):
        return not any(c.lower_ == "back" for c in verb.children)
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in tl.forced_departure_verbs for c in verb.children)


def under_control(verb: Token) -> bool:
    """ "brought the town under their control", "put the area under control": ground taken."""
    under = [c for t in (verb, *(c for c in verb.children if c.dep_ == "dobj")) for c in t.children
             if c.dep_ == "prep" and c.lower_ == "under"]  # fmt: skip
    return any(g.lemma_.lower() == "control" for c in under for g in c.children)
