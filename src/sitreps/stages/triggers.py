"""Event triggers: the words that announce an event, from the lexicon in `data/triggers.yaml`.

A trigger is found by a multi-word phrase (matched on lower-cased text) or by a single token's lemma, and is
kept only when it reads as a new, real event: not negated, not hypothetical or future, not a generalisation
about many events ("80 to 90 percent of Russian strikes ...").
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from sitreps.nlp import doc_tokens, doc_tree
from sitreps.stages.place_cues import token_table

_LONG_PERIODS = {"year", "month", "decade", "week", "generation"}
_HABITUAL = {
    "frequently",
    "often",
    "regularly",
    "routinely",
    "repeatedly",
    "usually",
    "sometimes",
    "habitually",
}
# Tokens that a lemma trigger must be (so "March" the month or "mine" the pronoun are not triggers).
_TRIGGER_POS = {"NOUN", "VERB", "PROPN", "ADJ"}


@dataclass(frozen=True)
class TriggerRule:
    sub_event_type: str  # an ACLED sub-event type or "@strike" / "@territory" / "@kill"
    strength: str  # "strong" or "weak"
    requires_instrument: bool = False  # only an event when the sentence names a weapon


@dataclass
class Trigger:
    """A trigger found in a Doc: its tokens [start, end), its head token and the rule it matched."""

    start: int
    end: int
    head: Token
    rule: TriggerRule

    @cached_property
    def span(self) -> Span:
        """The trigger's tokens (built once: the event stage reads its offsets and text many times)."""
        return self.head.doc[self.start : self.end]


@dataclass
class Lexicon:
    lemma_rules: dict[str, TriggerRule]
    phrase_rules: dict[str, TriggerRule]
    instruments: dict[str, tuple[str, ...]]
    protest_intervention: list[str]
    protest_excessive_force: list[str]
    modal_aux: frozenset[str]
    hypothetical_governors: frozenset[str]
    generalisation_words: frozenset[str]
    background_preps: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    attempt_governors: frozenset[str] = frozenset()
    occurrence_verbs: frozenset[str] = frozenset()
    mining_words: frozenset[str] = frozenset()


def _read_yaml_files() -> list[dict]:
    files = [yaml.safe_load(resources.files("sitreps.data").joinpath("triggers.yaml").read_text("utf-8"))]
    for extra in filter(None, os.environ.get("SITREPS_TRIGGERS", "").split(os.pathsep)):
        files.append(yaml.safe_load(Path(extra).read_text("utf-8")) or {})
    return files


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load the trigger lexicon (and users' extra files from SITREPS_TRIGGERS), once per process."""
    lemma_rules: dict[str, TriggerRule] = {}
    phrase_rules: dict[str, TriggerRule] = {}
    base: dict = {}
    for data in _read_yaml_files():
        for entry in data.get("triggers", []):
            rule = TriggerRule(
                entry["sub_event_type"],
                entry.get("strength", "strong"),
                bool(entry.get("requires_instrument")),
            )
            for lemma in entry.get("lemmas", []) or []:
                # the first (stronger, more specific) entry wins for a lemma listed twice
                lemma_rules.setdefault(str(lemma).lower(), rule)
            for phrase in entry.get("phrases", []) or []:
                phrase_rules.setdefault(str(phrase).lower(), rule)
        for key in ("instruments", "protest_intervention", "protest_excessive_force", "modality"):
            if key in data:
                base[key] = data[key]
    modality = base.get("modality", {})
    return Lexicon(
        lemma_rules=lemma_rules,
        phrase_rules=phrase_rules,
        # tuples: `has_any` keeps a word list's split by its (immutable) object
        instruments={k: tuple(w.lower() for w in v) for k, v in base.get("instruments", {}).items()},
        protest_intervention=[w.lower() for w in base.get("protest_intervention", [])],
        protest_excessive_force=[w.lower() for w in base.get("protest_excessive_force", [])],
        modal_aux=frozenset(modality.get("modal_aux", [])),
        hypothetical_governors=frozenset(modality.get("hypothetical_governors", [])),
        generalisation_words=frozenset(modality.get("generalisation_words", [])),
        background_preps=frozenset(modality.get("background_preps", [])),
        claim_nouns=frozenset(modality.get("claim_nouns", [])),
        attempt_governors=frozenset(modality.get("attempt_governors", [])),
        occurrence_verbs=frozenset(modality.get("occurrence_verbs", [])),
        mining_words=frozenset(modality.get("mining_words", [])),
    )


_MATCHERS: dict[int, PhraseMatcher] = {}


def _phrase_matcher(doc: Doc, lexicon: Lexicon) -> PhraseMatcher:
    key = id(doc.vocab)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = PhraseMatcher(doc.vocab, attr="LOWER")
        tokenizer_doc = doc.vocab  # patterns are tokenised with a blank English tokenizer on the same vocab
        from spacy.lang.en import English

        tokenizer = English(vocab=tokenizer_doc).tokenizer
        for phrase in lexicon.phrase_rules:
            matcher.add(phrase, [tokenizer(phrase)])
        _MATCHERS[key] = matcher
    return matcher


def find_triggers(doc: Doc, lexicon: Lexicon | None = None) -> list[Trigger]:
    """Every trigger in the Doc, phrases first (longest wins), then single-token lemmas."""
    lexicon = lexicon or load_lexicon()
    triggers: list[Trigger] = []
    taken: set[int] = set()
    matches = _phrase_matcher(doc, lexicon)(doc)
    # longest first so that "suicide car bomb" beats "car bomb"
    for match_id, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if any(i in taken for i in range(start, end)):
            continue
        phrase = doc.vocab.strings[match_id]
        span = doc[start:end]
        triggers.append(Trigger(start, end, span.root, lexicon.phrase_rules[phrase]))
        taken.update(range(start, end))
    table = token_table(doc)
    lemmas, lowers, rules = table.lemma, table.lower, lexicon.lemma_rules
    for i in range(len(doc)):
        # a Token only for the words the lexicon lists by lemma or by text
        if i in taken or not (lemmas[i] in rules or lowers[i] in rules):
            continue
        token = doc[i]
        if token.pos_ not in _TRIGGER_POS:
            continue
        if token.pos_ == "PROPN" and token.is_title:  # names ("Mine", "March") are not triggers
            continue
        rule = lexicon.lemma_rules.get(token.lemma_.lower()) or lexicon.lemma_rules.get(token.lower_)
        if rule is None or _ore_mine(token, lexicon):
            continue
        triggers.append(Trigger(token.i, token.i + 1, token, rule))
    triggers.sort(key=lambda t: t.start)
    return triggers


def _ore_mine(token: Token, lexicon: Lexicon) -> bool:
    """ "the gold mine", "the mine site", "miners at the mine": a pit dug for ore, not a landmine."""
    if token.lower_ not in ("mine", "mines"):
        return False
    near = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    if token.dep_ == "compound":
        near.add(token.head.lower_)  # "mine workers", "the mine site"
    return bool(near & lexicon.mining_words)


_VERB_KEY = "sitreps.governing_verb"


def governing_verb(token: Token) -> Token:
    """The verb a trigger depends on: itself if a verb, else the nearest verbal ancestor."""
    # the walk is read once per token and document (the trigger, typing, role and place stages all ask)
    doc = token.doc
    cache = doc.user_data.get(_VERB_KEY)
    if cache is None or cache[0] != len(doc):
        cache = doc.user_data[_VERB_KEY] = (len(doc), {})
    found = cache[1].get(token.i)
    if found is None:
        found = cache[1][token.i] = _governing_verb(token).i
    # the token itself when it is its own verb, as the walk returns it (callers test `is`); else a new Token,
    # as `.head` gives one
    return token if found == token.i else doc[found]


def _governing_verb(token: Token) -> Token:
    """`governing_verb`, walked up the parse (`current.head is current` never holds: each `.head` is a new
    Token, so a verbless root is passed up to six times)."""
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.head is current:
            return current
        current = current.head
    return current


_TIME_MARKS = {"after", "when", "as", "while", "before", "following", "during", "once"}


def _definite(token: Token) -> bool:
    """A noun with "the"/"this"/"that" or a possessive ("the explosion", "Sunday's attack")."""
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) or c.dep_ == "poss" for c in token.children
    )


def _timed_clause(head: Token, chain: list[Token]) -> int | None:
    """How many verbs of `chain` (the trigger's verb and its ancestors) lie inside a clause or phrase of
    time ("after gunmen killed", "before striking", "after the attack") that holds the trigger; None when
    there is none."""
    # walked by index over the document's tree lists (a Token per step would be built otherwise)
    tree, lower = doc_tree(head.doc), doc_tokens(head.doc).lower
    heads, kids, deps = tree.heads, tree.kids, tree.dep
    path = _ancestor_ids(heads, head.i)
    path.insert(0, head.i)
    for t in path:
        dep = deps[t]
        timed = dep == "advcl" and any(deps[c] == "mark" and lower[c] in _TIME_MARKS for c in kids[t])
        timed = timed or (dep in ("pobj", "pcomp") and lower[heads[t]] in _TIME_MARKS)
        if timed:
            above = set(_ancestor_ids(heads, t))
            return next((k for k, anc in enumerate(chain) if anc.i in above), len(chain))
    return None


def _ancestor_ids(heads: list[int], i: int) -> list[int]:
    """Token i's ancestors' indices, nearest first, as `Token.ancestors` yields them (up to the root)."""
    out: list[int] = []
    while heads[i] != i and len(out) < len(heads):
        i = heads[i]
        out.append(i)
    return out


def unreal_reason(trigger: Trigger, lexicon: Lexicon | None = None) -> str:
    """Why a trigger is not a new real event, or "".

    Reasons: "negated", "hypothetical", "attempted" ("tried to seize the town": an attempt, see
    `event_build.sentence_candidates`), "background" ("despite 10 days of strikes"), "cumulative"
    ("have detained thousands since the war began"), "generalisation".
    """
    lexicon = lexicon or load_lexicon()
    head = trigger.head
    verb = governing_verb(head)
    # the clause's words are read by index from the document's tree lists and token table (a Token per
    # child or ancestor otherwise); `governing_verb` gives the head itself when it is its own verb
    tree, lower = doc_tree(head.doc), doc_tokens(head.doc).lower
    heads, kids, deps, pos = tree.heads, tree.kids, tree.dep, tree.pos
    h, v = head.i, verb.i
    # "despite 10 days of Russian air strikes": the trigger is the backdrop of another event
    for a in [h, *_ancestor_ids(heads, h)[:3]]:
        if deps[a] == "prep" and lower[a] in lexicon.background_preps:
            return "background"
        if pos[a] in ("VERB", "AUX"):
            # "since the military seized power": a clause opened by "since" / "despite" is background
            if any(deps[c] == "mark" and lower[c] in lexicon.background_preps for c in kids[a]):
                return "background"
            break
    # the verb's children, read by four tests below
    verb_kids = kids[v]
    # "is frequently targeted by drones", "has fought for years": a habit or a long campaign, not an event
    if any(deps[c] == "advmod" and lower[c] in _HABITUAL for c in verb_kids):
        return "habitual"
    for c in verb_kids:
        if deps[c] == "prep" and lower[c] == "for" and any(tree.lemma[g] in _LONG_PERIODS for g in kids[c]):
            return "habitual"
    # "came in without a fight"
    if deps[h] == "pobj" and lower[heads[h]] == "without":
        return "negated"
    # "have detained thousands since the war began", "has killed 250,000 since 2011": a running total
    for c in verb_kids:
        opener = lower[c] if deps[c] == "prep" else ""
        if deps[c] == "advcl":
            opener = next((lower[g] for g in kids[c] if deps[g] == "mark"), "")
        if opener == "since":
            return "cumulative"
    # "the explosion could be heard across the city", "the attack would not stop the withdrawal": what the
    # verb says of a definite event does not undo it
    told_event = h != v and deps[h] in ("nsubj", "nsubjpass") and _definite(head)
    # ... unless the verb tells whether it happens at all ("the offensive will begin next week")
    told_event = told_event and verb.lemma_.lower() not in lexicon.occurrence_verbs
    head_kids = verb_kids if h == v else kids[h]
    for ids in (head_kids,) if told_event else (head_kids, verb_kids):
        for c in ids:
            if deps[c] == "neg" or lower[c] in ("never",):
                return "negated"
            if deps[c] == "aux" and lower[c] in lexicon.modal_aux:
                return "hypothetical"
            if deps[c] == "det" and lower[c] == "no":
                return "negated"
    # "announced it would launch an offensive", "threatened to strike", "denied attacking"
    ancestor_chain = [verb, *islice(verb.ancestors, 3)]
    # "they feared more attacks after gunmen killed a farmer", "planned the attack before striking the hotel":
    # a clause of time tells what happened; the fear or plan above it does not reach it
    realis = _timed_clause(head, ancestor_chain)
    ancestor_chain = ancestor_chain[:realis]
    conj_only = True  # so far reached through conjoined verbs only: "tried to take X but were repelled"
    for k, anc in enumerate(ancestor_chain):
        lemma = anc.lemma_.lower()
        if k:
            conj_only = conj_only and ancestor_chain[k - 1].dep_ == "conj"
        if anc is not verb and lemma in ("deny", "refute", "reject"):
            # "Moscow denied a US claim that missiles crashed": the crash is a claimed event; the denial
            # is attached to its claim. "The army denied shelling the town" is no event.
            path = list(head.ancestors)
            path = path[: path.index(anc)] if anc in path else path
            claim_words = [*path, *anc.children]
            if not any(t.lemma_.lower() in lexicon.claim_nouns for t in claim_words):
                return "negated"
        if lemma in lexicon.hypothetical_governors and anc is not head and not (k and conj_only):
            # "attempted to seize the base": fighting for ground that was not taken
            return "attempted" if lemma in lexicon.attempt_governors else "hypothetical"
        # the trigger sits in the complement of a modal verb above its own: "would seek to capture" (the
        # children are read only for such a verb)
        complement = anc is not verb and (head.dep_ in ("xcomp", "dobj", "ccomp") or verb.dep_ == "xcomp")
        if complement and any(c.dep_ == "aux" and c.lower_ in lexicon.modal_aux for c in anc.children):
            return "hypothetical"
    # "80 to 90 percent of Russian strikes", "the vast majority of Russian strikes"
    if head.pos_ == "NOUN" and head.tag_ in ("NNS", "NNPS"):
        nearby = [t.lower_ for t in head.subtree] + [head.head.lower_, head.head.head.lower_]
        if any(w in lexicon.generalisation_words for w in nearby):
            return "generalisation"
    return ""
