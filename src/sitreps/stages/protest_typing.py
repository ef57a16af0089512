"""Which protest sub-event type a sentence tells, as ACLED's codebook reads a demonstration.

The order of the questions is the codebook's: were the demonstrators themselves violent (Violent
demonstration, even when the police then shot at them); else was lethal or severe force used against
them (Excessive force against protesters); else were they dispersed, arrested or tear-gassed (Protest with
intervention); else a Peaceful protest. What the protesters demand is not what happened to them: "calling
for the release of detained activists" or "against the killing of a student" names the grievance, so the
words of a demand are left out before the questions are asked. The words live in `data/event_typing.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from sitreps.stages.event_typing_base import (
    TypingLexicon,
    direct_objects,
    has_any,
    lemmas,
    load_typing_lexicon,
    subjects,
    token_words,
)

VIOLENT, FORCE = "Violent demonstration", "Excessive force against protesters"
INTERVENTION, PEACEFUL = "Protest with intervention", "Peaceful protest"
_GRIEVANCE_PREPS = {"against", "over", "after", "following", "at", "for", "about", "of", "into"}


def grievance_tokens(sent: Span, tl: TypingLexicon) -> set[int]:
    """Indices of the tokens that tell what the protest is about, not what happened at it: the objects of
    a demand ("demanding the release of detained activists"), a grievance noun after "against", "over"
    or "after" ("against the killing of a student"), a commemoration ("the anniversary of the massacre")."""
    out: set[int] = set()
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in tl.grievance_verbs and tok.pos_ in ("VERB", "NOUN"):
            for c in tok.children:
                # what is demanded, not the clauses around it ("... before police dispersed them")
                demand = c.dep_ in ("dobj", "xcomp", "ccomp", "attr", "oprd")
                if demand or c.dep_ == "prep" and c.lower_ in _GRIEVANCE_PREPS:
                    out.update(t.i for t in c.subtree)
        elif lemma in tl.grievance_nouns and tok.pos_ == "NOUN" and _about(tok):
            out.update(t.i for t in tok.subtree)
    return out


def _about(noun: Token) -> bool:
    """A noun that a protest is about: "against / over / after the killing", "protesting the arrest"."""
    if noun.head.dep_ == "prep" and noun.head.lower_ in _GRIEVANCE_PREPS:
        return True
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in ("protest", "demonstrate", "mourn", "mark")


def protest_words(sents: Iterable[Span], tl: TypingLexicon | None = None) -> str:
    """The words of the sentences (see `event_typing_base.sentence_words`) without their grievances."""
    tl = tl or load_typing_lexicon()
    kept: list[Token] = []
    for sent in sents:
        left_out = grievance_tokens(sent, tl)
        kept.extend(t for t in sent if t.i not in left_out)
    return token_words(kept)


def _protesters_violent(sents: Iterable[Span], tl: TypingLexicon) -> bool:
    """Demonstrators as the doers of violence ("protesters attacked police officers", "the crowd beat a
    policeman") or the police as its victims ("two policemen were injured by stone-throwing youths")."""
    for sent in sents:
        left_out = grievance_tokens(sent, tl)
        for tok in sent:
            if tok.i in left_out or tok.lemma_.lower() not in tl.protester_violence_verbs:
                continue
            if tok.pos_ != "VERB":
                continue
            doers, victims = lemmas(subjects(tok)), lemmas(direct_objects(tok))
            if doers & tl.protester_nouns and not doers & tl.authority_nouns:
                return True
            if victims & tl.authority_nouns and not victims & tl.protester_nouns:
                return True
    return False


def _authority_intervened(sents: Iterable[Span], tl: TypingLexicon) -> bool:
    """An ambiguous verb of intervention ("blocked", "stopped", "prevented") done by the authorities, not
    by the protesters ("protesters blocked a road" is a peaceful protest)."""
    for sent in sents:
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in tl.protest_intervention_by_authority:
                continue
            # "police blocked the march", "the protesters were stopped at a checkpoint"
            passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
            if lemmas(subjects(tok)) & tl.authority_nouns or lemmas(passive) & tl.protester_nouns:
                return True
    return False


def _without_gear(words: str, tl: TypingLexicon) -> str:
    for gear in tl.riot_gear:  # "riot police" are not rioters
        words = words.replace(f" {gear} ", " police ")
    return words


def protest_type(words: str, tl: TypingLexicon | None = None, sents: Iterable[Span] = ()) -> str:
    """The protest sub-event type of a sentence that tells a protest: the protesters' violence first, then
    lethal force against them, then intervention, else peaceful. With `sents` (the sentence's parse) the
    words of its grievances are left out and the parse says who did what."""
    tl = tl or load_typing_lexicon()
    sents = list(sents)
    if sents:
        words = protest_words(sents, tl)
    words = _without_gear(words, tl)
    if has_any(words, tl.protester_violence) or (sents and _protesters_violent(sents, tl)):
        return VIOLENT
    lethal = has_any(words, tl.lethal_force) and not has_any(words, tl.lethal_force_not)
    if lethal or has_any(words, tl.lethal_force_always):
        return FORCE
    if has_any(words, tl.protest_intervention) or (sents and _authority_intervened(sents, tl)):
        return INTERVENTION
    return PEACEFUL


def later_type(sents: Iterable[Span], tl: TypingLexicon | None = None) -> str:
    """What sentences told after a peaceful-sounding protest add to it: Protest with intervention when one
    of them tells a dispersal or arrests of the protesters ("Police dispersed them with tear gas."), else
    "". A later killing or violence adds nothing here: it is as often the grievance told as background
    ("The man was shot by police last week."), and a later protest trigger reads it for itself."""
    tl = tl or load_typing_lexicon()
    for sent in sents:
        words = _without_gear(protest_words([sent], tl), tl)
        if not has_any(words, tl.protest_referents) or has_any(words, tl.lethal_force_always):
            continue
        if has_any(words, tl.protest_intervention) or _authority_intervened([sent], tl):
            return INTERVENTION
    return ""
