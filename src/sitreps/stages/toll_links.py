"""Linking for the counts stage (`counts.py`): which toll word a quantity belongs to ("were killed",
"12 dead", "the death toll rose to 45"), whether it is a subset of another ("including three children"),
and the tolls that are not this event's: negated, hypothetical, cumulative."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from sitreps.nlp import doc_tokens
from sitreps.stages.place_cues import token_table
from sitreps.stages.toll_quantities import VAGUE_HEADS, Quantity, TollLexicon, is_number

SUBSET_CUES = ("including", "includes", "included", "among them", "among whom", "of whom", "incl.", "among")
PERFECT = {"has", "have", "had"}
PRESENT_PERFECT = {"has", "have", "'ve"}
CAPTIVE_NOUNS = {"hostage", "prisoner", "captive"}
TAKING_VERBS = {"take", "hold", "seize", "grab", "capture", "abduct", "kidnap"}
_MANNER_VERBS = {
    "shoot", "stab", "beat", "hack", "burn", "club", "strangle", "stone", "bludgeon", "gun", "hang",
}  # fmt: skip


def manner_kill(t: Token) -> bool:
    """'shot dead', 'stabbed to death', 'beaten to death', 'gunned down': a killing told by its manner."""
    if t.lemma_.lower() not in _MANNER_VERBS:
        return False
    for c in t.children:
        if c.lower_ == "dead" or (c.dep_ == "prt" and c.lower_ == "down" and t.lemma_.lower() == "gun"):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
    return False


# ---------------------------------------------------------------------------------------------- linking


_TOLL_LEMMAS: dict[int, tuple[TollLexicon, frozenset[str]]] = {}


def _toll_lemmas(lex: TollLexicon) -> frozenset[str]:
    """Every lemma that `trigger_kind` or a toll noun can read a kind from (kept per lexicon object)."""
    entry = _TOLL_LEMMAS.get(id(lex))
    if entry is None or entry[0] is not lex:
        words = frozenset(_MANNER_VERBS) | set(lex.verbs) | set(lex.intransitive) | set(lex.nouns)
        entry = _TOLL_LEMMAS[id(lex)] = (lex, words)
    return entry[1]


def trigger_kind(tok: Token, lex: TollLexicon) -> str | None:
    """The toll kind a word triggers ("killed", "died", "wounded", "shot dead"), or None."""
    lemma = tok.lemma_.lower()
    if manner_kill(tok):
        return "killed"
    if lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return None  # "shot down 17 drones" downs aircraft, it kills nobody
    return lex.verbs.get(lemma) or lex.intransitive.get(lemma) or lex.predicates.get(tok.lower_)


def _is_victim_of(x: Token, verb: Token, lex: TollLexicon) -> str | None:
    """The kind of toll when token x (a victim noun or a bare number) is the victim of `verb`."""
    lemma = verb.lemma_.lower()
    if x.dep_ == "nsubjpass" or (x.dep_ == "dobj" and lemma in lex.verbs):
        return lex.verbs.get(lemma) or lex.predicates.get(verb.lower_)
    if x.dep_ == "nsubj":
        if lemma in lex.intransitive:
            return lex.intransitive[lemma]
        # "and 50 wounded": a reduced passive without its own object
        if verb.tag_ == "VBN" and lemma in lex.verbs and not any(c.dep_ == "dobj" for c in verb.children):
            return lex.verbs[lemma]
        if lemma == "be":  # "five soldiers were missing", "three are dead"
            for c in verb.children:
                if c.dep_ in ("acomp", "attr") and c.lower_ in lex.predicates:
                    return lex.predicates[c.lower_]
    if x.dep_ == "dobj" and lemma == "leave":  # "left 12 people dead"
        for c in verb.children:
            if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "advcl", "conj") and c.lower_ in lex.predicates:
                return lex.predicates[c.lower_]
    return None


def link_quantity(q: Quantity, sent: Span, lex: TollLexicon) -> tuple[Token, str] | None:
    """(trigger token, kind) that makes this quantity a toll, or None."""
    doc = sent.doc
    if q.victim is not None and q.victim.lemma_.lower() in lex.non_person:
        return None
    if q.predicate is not None:
        return q.predicate, lex.predicates[q.predicate.lower_]
    if q.victim is not None and q.victim.lemma_.lower() in CAPTIVE_NOUNS:
        head = q.victim.head
        if head.lemma_.lower() in TAKING_VERBS:
            return head, "captured"
    if q.victim is not None and q.victim.lemma_.lower() in lex.nouns:
        return q.victim, lex.nouns[q.victim.lemma_.lower()]
    starts = [q.victim] if q.victim is not None else []
    starts += [t for t in doc_tokens(doc).tokens[q.start : q.end] if is_number(t) or t.lower_ in VAGUE_HEADS]
    for x in starts:
        for _ in range(6):  # climb to the noun phrase's head: conjuncts, partitives, number modifiers
            if x.dep_ in ("conj", "appos") and x.head.i < x.i:
                x = x.head
            elif x.dep_ == "pobj" and x.head.lower_ == "of" and x.head.head.i < x.i:
                x = x.head.head
            elif x.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") and x.head.i > x.i:
                x = x.head
            else:
                break
        kind = _is_victim_of(x, x.head, lex)
        if kind:
            return x.head, kind
        if x.dep_ == "pobj" and x.head.lower_ in ("to", "at") and _toll_noun_subject(x.head.head, lex):
            return x.head.head, "killed"  # "the death toll rose to 45"
        for c in x.children:  # "people who were killed", "people killed in the blast"
            if c.dep_ in ("acl", "relcl") and trigger_kind(c, lex):
                return c, trigger_kind(c, lex) or "killed"
    return _link_linear(q, sent, lex)


def _toll_noun_subject(verb: Token, lex: TollLexicon) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in lex.toll_nouns for c in verb.children)


def _link_linear(q: Quantity, sent: Span, lex: TollLexicon) -> tuple[Token, str] | None:
    """The parser's misses: an active toll verb right before ('killing 16'), or a passive right after."""
    doc = sent.doc
    toks = doc_tokens(doc).tokens  # a Token per word built once, not per look
    two_before = " ".join(t.lemma_.lower() for t in toks[max(sent.start, q.start - 2) : q.start])
    if two_before in lex.verbs:  # "shot dead 5 militants", "gunned down three"
        return toks[q.start - 1], lex.verbs[two_before]
    before = toks[q.start - 1] if q.start - 1 >= sent.start else None
    finite_or_gerund = ("VBD", "VBG", "VBZ", "VBP")
    if before is not None and before.lemma_.lower() in lex.verbs and before.tag_ in finite_or_gerund:
        return before, lex.verbs[before.lemma_.lower()]
    k = max(q.end, q.np_end)
    while k < sent.end and toks[k].lower_ in (
        "were",
        "was",
        "have",
        "has",
        "had",
        "been",
        "are",
        "reportedly",
        "also",
        "later",
        "all",
        "being",
    ):
        k += 1
    if k < sent.end and k > max(q.end, q.np_end):
        t = toks[k]
        if t.tag_ == "VBN" and t.lemma_.lower() in lex.verbs:
            return t, lex.verbs[t.lemma_.lower()]
        if t.lower_ in lex.predicates:
            return t, lex.predicates[t.lower_]
        two = " ".join(x.lemma_.lower() for x in toks[k : k + 2])
        if two in lex.verbs:  # "5 militants were shot dead"
            return toks[k], lex.verbs[two]
    if k < sent.end and toks[k].lemma_.lower() in lex.intransitive:
        return toks[k], lex.intransitive[toks[k].lemma_.lower()]
    # "a death toll of 12", "the toll stood at 12": a bare number shortly after "toll"
    if q.victim is None:
        window = toks[max(sent.start, q.start - 5) : q.start]
        if any(t.lemma_.lower() in lex.toll_nouns for t in window):
            return next(t for t in window if t.lemma_.lower() in lex.toll_nouns), "killed"
    return None


_OF_THE_DEAD = re.compile(r"of (?:the|those) (?:dead|killed|victims|wounded|injured|casualties)")


def is_subset(q: Quantity, sent: Span) -> bool:
    """'including three child soldiers', 'among them two children', 'two of the dead were children'."""
    lower = token_table(sent.doc).lower  # the words around the number, without a Token each
    before = " ".join(lower[max(sent.start, q.start - 2) : q.start])
    if before.endswith(SUBSET_CUES):
        return True
    return bool(_OF_THE_DEAD.match(" ".join(lower[q.end : min(sent.end, q.end + 3)])))


# ----------------------------------------------------------------------------------------- exclusions


def exclusion(trigger: Token, victims: list[Token], sent: Span, lex: TollLexicon) -> str:
    """'negated', 'hypothetical', 'cumulative' or '' for the toll governed by `trigger`."""
    if negated(trigger, victims):
        return "negated"
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for v in (verb, verb.head if verb.dep_ in ("conj", "xcomp", "ccomp", "advcl") else verb):
        auxes = {c.lower_ for c in v.children if c.dep_ == "aux"}
        if auxes & lex.hyp_aux or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in v.children):
            return "hypothetical"
    gov = verb
    for _ in range(3):
        complement = gov.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep")
        if complement and gov.head.lemma_.lower() in lex.hyp_governors:
            return "hypothetical"
        gov = gov.head
    if _may_hold(verb, lex) and _holds_phrase(" ".join(t.lower_ for t in verb.subtree), lex):
        return "cumulative"
    if verb.dep_ in ("advcl", "conj", "xcomp"):
        # "has expanded across the region since 2022, killing hundreds": the running total of the main clause
        main = verb.head
        perfect = any(c.dep_ == "aux" and c.lower_ in PERFECT for c in main.children)
        if perfect and _may_hold(main, lex):
            own = {t.i for t in verb.subtree}
            clause = " ".join(t.lower_ for t in main.subtree if t.i not in own)
            if _holds_phrase(clause, lex):
                return "cumulative"
    perfect = _has_auxiliary(verb, PERFECT)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # "the conflict, which has killed 280,000": a relative pronoun stands for the noun its clause modifies
    relative = verb.dep_ == "relcl"
    subjects = [verb.head if relative and s.lower_ in ("which", "that") else s for s in subjects]
    if perfect and any(c.lemma_.lower() in lex.cumulative_subjects for c in subjects):
        return "cumulative"
    # "230,000 people have been killed in Syria's multi-front conflict": the war's toll, not an event's
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")]
    objects = [g for c in preps for g in c.children if g.dep_ == "pobj"]
    if perfect and any(g.lemma_.lower() in lex.cumulative_subjects for g in objects):
        return "cumulative"
    return ""


def _holds_phrase(words: str, lex: TollLexicon) -> bool:
    """Whether the space-joined words hold a cumulative phrase ("so far", "since") as whole words."""
    words = f" {words} "
    return any(f" {p} " in words for p in lex.cumulative_phrases)


def _may_hold(head: Token, lex: TollLexicon) -> bool:
    """Whether `head`'s subtree can hold a cumulative phrase at all: every word of one is among the words
    from its left to its right edge (a subtree's words are among them). Most cannot, and then no Token of
    the subtree is built to spell it out."""
    table = token_table(head.doc)
    words = set(table.lower[head.left_edge.i : head.right_edge.i + 1])
    return any(all(w in words for w in p.split()) for p in lex.cumulative_phrases)


def perfect_aspect(trigger: Token) -> bool:
    """The toll verb is in the present perfect ("have been killed", "has killed"): a running total when
    the number is a war's."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return _has_auxiliary(verb, PRESENT_PERFECT)


def _has_auxiliary(verb: Token, forms: set[str]) -> bool:
    return any(c.lower_ in forms for c in verb.children if c.dep_ in ("aux", "auxpass"))


def negated(trigger: Token, victims: list[Token]) -> bool:
    """'were not killed', 'no one was hurt', 'without casualties'."""
    if any(c.dep_ == "neg" for c in trigger.children):
        return True
    for v in [*victims, trigger]:
        if v.lower_ in ("nobody", "none") or any(c.lower_ == "no" for c in v.children if c.dep_ == "det"):
            return True
        # "no reports of casualties", "without casualties"
        if v.dep_ == "pobj" and (
            v.head.head.lower_ == "without"
            or v.head.lower_ == "without"
            or any(c.lower_ == "no" for c in v.head.head.children if c.dep_ == "det")
        ):
            return True
    return False


def negated_tolls(sent: Span, used: set[int], lex: TollLexicon) -> list[tuple[Token, str, list[Token]]]:
    """Toll words with nobody counted: 'no one was hurt', 'no casualties', 'were not injured'."""
    out = []
    table = token_table(sent.doc)
    lemmas, lowers, toks = table.lemma, table.lower, doc_tokens(sent.doc).tokens
    for i in range(sent.start, sent.end):
        # only a word whose lemma or text the toll lexicon lists can be a toll word (no Token for the rest)
        if i in used or not (lemmas[i] in _toll_lemmas(lex) or lowers[i] in lex.predicates):
            continue
        t = toks[i]
        kind = trigger_kind(t, lex) or lex.nouns.get(t.lemma_.lower())
        if kind is None:
            continue
        victims = [c for c in t.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")]
        if negated(t, victims):
            out.append((t, "killed" if kind == "casualties" else kind, victims))
    return out
