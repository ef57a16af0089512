"""Non-events: what a report is when it tells no conflict event (a flood, a road accident, a gang robbery).

Analysts triaging feeds want to know why a report gave no event, and CASE 2021 labels such snippets with
kinds outside ACLED's taxonomy: NATURAL_DISASTER, MAN_MADE_DISASTER, ORG_CRIME, DIPLO and ATTRIB. Each kind
has cue words and phrases (`data/non_events.yaml`); a sentence's cues are weighed (strong 2, weak 1, the
lede counts in full and later sentences by half), and the heaviest kind of at least 2 is named, ties going
by the file's `precedence`. Conflict evidence vetoes a kind where an ACLED coder would code an event:
- ordnance ("a rocket", "gunmen") or an armed group's arson turns a fire or explosion into an attack;
- a political armed group ("militants", "al-Shabaab") or rioters turn a robbery or smuggling into conflict,
  and a haul of weapons or explosives is Disrupted weapons use, not organised crime;
- a conflict verb at the root of the sentence ("troops attacked rebels as talks went on") makes the
  diplomatic or attributive words background.

`classify(doc)` gives the kind; `read_non_event(doc)` also gives the cues and the sentence behind it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

from sitreps.stages.event_typing import sentence_words
from sitreps.stages.event_typing_base import has_any, phrases_in
from sitreps.stages.place_cues import token_table

KINDS = ("ATTRIB", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "DIPLO")
STRONG, WEAK = 2.0, 1.0
THRESHOLD = 2.0
LEDE_SENTENCES = 3  # a report's news is in its first sentences; later ones weigh half
_LATE_FACTOR = 0.5


@dataclass(frozen=True)
class KindCues:
    """The cue words of one non-event kind."""

    label: str
    strong: frozenset[str]
    weak: frozenset[str]
    nouns: frozenset[str]  # strong only as a noun ("a storm", not "stormed")
    phrases: frozenset[str]
    # (cues, companions): a cue that is strong only with a companion in its sentence ("building collapsed")
    combos: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    bonus_with: frozenset[str] = frozenset()  # words that add WEAK, once, to a sentence with cues


@dataclass(frozen=True)
class NonEventLexicon:
    """`data/non_events.yaml`: the cues per kind and the conflict evidence that vetoes them."""

    kinds: dict[str, KindCues]
    precedence: tuple[str, ...]
    gunfire_heads: frozenset[str]
    armed_actors: frozenset[str]
    weapons: frozenset[str]
    arson_cues: frozenset[str]
    conflict_verbs: frozenset[str]
    crowd_actors: frozenset[str] = frozenset()
    seized_weapons: frozenset[str] = frozenset()
    drug_words: frozenset[str] = frozenset()
    agreement_roots: frozenset[str] = frozenset()
    agreement_nouns: frozenset[str] = frozenset()
    talk_complements: frozenset[str] = frozenset()
    attribution_roots: frozenset[str] = frozenset()


@dataclass
class NonEventReading:
    """Why a report is not a conflict event: its kind, a human label, the weight and the cues behind it."""

    kind: str  # CASE 2021 code: NATURAL_DISASTER, MAN_MADE_DISASTER, ORG_CRIME, DIPLO or ATTRIB
    label: str  # "natural disaster", "organised crime", ...
    score: float
    cues: list[str] = field(default_factory=list)  # the words and phrases that weighed, in text order
    sentence: int = 0  # index of the sentence with the heaviest cues of this kind


def _lower_set(items: Iterable[object] | None) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items or [])


@lru_cache(maxsize=1)
def load_non_event_lexicon() -> NonEventLexicon:
    """The cue lists (and users' extra files from SITREPS_NON_EVENTS, merged), once per process."""
    text = resources.files("sitreps.data").joinpath("non_events.yaml").read_text("utf-8")
    files = [yaml.safe_load(text)]
    for extra in filter(None, os.environ.get("SITREPS_NON_EVENTS", "").split(os.pathsep)):
        files.append(yaml.safe_load(Path(extra).read_text("utf-8")) or {})
    kinds: dict[str, dict[str, set[str]]] = {}
    combos: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
    labels: dict[str, str] = {}
    lists: dict[str, set[str]] = {}
    precedence: list[str] = []
    for data in files:
        for kind, spec in (data.get("kinds") or {}).items():
            labels.setdefault(kind, str(spec.get("label", kind.lower())))
            slot = kinds.setdefault(
                kind, {"strong": set(), "weak": set(), "nouns": set(), "phrases": set(), "bonus_with": set()}
            )
            for key in slot:
                slot[key] |= _lower_set(spec.get(key))
            for combo in spec.get("combos") or []:
                combos.setdefault(kind, []).append((_lower_set(combo["cue"]), _lower_set(combo["with"])))
        precedence += [k for k in data.get("precedence") or [] if k not in precedence]
        for key, value in data.items():
            if key not in ("kinds", "precedence") and isinstance(value, list):
                lists.setdefault(key, set()).update(_lower_set(value))
    cues = {
        kind: KindCues(
            labels[kind],
            *(frozenset(slot[k]) for k in ("strong", "weak", "nouns", "phrases")),
            combos=tuple(combos.get(kind, [])),
            bonus_with=frozenset(slot["bonus_with"]),
        )
        for kind, slot in kinds.items()
    }
    precedence += [k for k in cues if k not in precedence]
    return NonEventLexicon(
        cues,
        tuple(precedence),
        *(frozenset(lists.get(k, set())) for k in (
            "gunfire_heads", "armed_actors", "weapons", "arson_cues", "conflict_verbs", "crowd_actors",
            "seized_weapons", "drug_words", "agreement_roots", "agreement_nouns", "talk_complements",
            "attribution_roots",
        )),
    )  # fmt: skip


# --- reading one sentence --------------------------------------------------------------------------------


def _has(words: str, items: frozenset[str]) -> bool:
    # `has_any`: single words by set, phrases only where their first word occurs (same answer as a search
    # for each " w " in `words`)
    return has_any(words, items)


def _is_gunfire(tok: Token, lex: NonEventLexicon) -> bool:
    """ "opened fire", "came under heavy fire", "mortar fire", "ceasefire": shooting, not a blaze."""
    if tok.pos_ == "VERB":
        return True  # "fired rockets"
    near = {tok.head.lemma_.lower(), tok.head.head.lemma_.lower()} | {c.lemma_.lower() for c in tok.children}
    prev = tok.doc[tok.i - 1].lemma_.lower() if tok.i > 0 else ""
    return bool(near & lex.gunfire_heads) or prev in lex.gunfire_heads


def _token_weight(tok: Token, cues: KindCues, kind: str, words: str, lex: NonEventLexicon) -> float:
    return _keys_weight(tok, {tok.lower_, tok.lemma_.lower()}, cues, kind, words, lex)


def _keys_weight(
    tok: Token, keys: set[str], cues: KindCues, kind: str, words: str, lex: NonEventLexicon
) -> float:
    """A token's cue weight for one kind, given its lower-cased text and lemma (`keys`)."""
    if kind == "MAN_MADE_DISASTER" and "fire" in keys and _is_gunfire(tok, lex):
        return 0.0
    if keys & cues.strong:
        return STRONG
    if any(keys & cue and _has(words, companions) for cue, companions in cues.combos):
        return STRONG
    if keys & cues.nouns:
        return STRONG if tok.pos_ in ("NOUN", "PROPN") else 0.0
    if keys & cues.weak:
        return WEAK
    return 0.0


_CUE_WORDS: dict[int, tuple[NonEventLexicon, frozenset[str]]] = {}


def _any_cue_words(lex: NonEventLexicon) -> frozenset[str]:
    """Every word that can weigh for some kind: a token with none of them weighs 0 for all kinds. Kept
    per lexicon object (keyed by id: the lexicon holds dicts and cannot be hashed)."""
    entry = _CUE_WORDS.get(id(lex))
    if entry is not None and entry[0] is lex:
        return entry[1]
    out: set[str] = set()
    for cues in lex.kinds.values():
        out |= cues.strong | cues.weak | cues.nouns
        for cue, _ in cues.combos:
            out |= cue
    if len(_CUE_WORDS) > 16:
        _CUE_WORDS.clear()
    _CUE_WORDS[id(lex)] = (lex, frozenset(out))
    return _CUE_WORDS[id(lex)][1]


def _root_is_conflict(sent: Span, lex: NonEventLexicon) -> bool:
    """Whether the sentence's main verb (or a verb conjoined with it) tells a conflict event."""
    root = sent.root
    heads = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    return any(t.lemma_.lower() in lex.conflict_verbs for t in heads)


def _root_is_agreement(sent: Span, words: str, lex: NonEventLexicon) -> bool:
    """Whether the sentence's main verb concludes an agreement ("the clans signed a peace accord"): not
    diplomacy but an Agreement, unless what was agreed is more talking ("agreed to resume talks")."""
    root = sent.root
    heads = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    agreeing = [t for t in heads if t.lemma_.lower() in lex.agreement_roots]
    if not agreeing or not _has(words, lex.agreement_nouns):
        return False
    talks = {c.lemma_.lower() for t in agreeing for c in t.children if c.dep_ in ("xcomp", "ccomp")}
    return not talks & lex.talk_complements


def _vetoed(kind: str, sent: Span, words: str, lex: NonEventLexicon) -> bool:
    """Whether conflict evidence in the sentence makes `kind` a conflict event (see module docstring)."""
    if kind == "MAN_MADE_DISASTER":
        if _has(words, lex.weapons):
            return True
        # arson by an armed group or by rioters ("protesters set a police station on fire") is no accident
        return _has(words, lex.arson_cues) and _has(words, lex.armed_actors | lex.crowd_actors)
    if kind == "ORG_CRIME":
        if _has(words, lex.armed_actors | lex.crowd_actors):
            return True  # looting in a riot, a robbery by militants: no gang crime
        # a haul of weapons or explosives (and no drugs) is Disrupted weapons use
        return _has(words, lex.seized_weapons) and not _has(words, lex.drug_words)
    if kind == "DIPLO" and _root_is_agreement(sent, words, lex):
        return True
    if kind in ("DIPLO", "ATTRIB"):
        return _root_is_conflict(sent, lex)
    return False


def _sentence_scores(sent: Span, lex: NonEventLexicon) -> dict[str, tuple[float, list[str]]]:
    """Weight and cues per kind in one sentence, vetoes applied."""
    words = sentence_words(sent)
    out: dict[str, tuple[float, list[str]]] = {}
    # only tokens that carry some kind's cue word can weigh (one Token object per word, keys read once)
    vocab = _any_cue_words(lex)
    weighable = []
    table = token_table(sent.doc)
    lower, lemma, doc = table.lower, table.lemma, sent.doc
    start, end = sent.start, sent.end
    # most sentences hold no cue word at all: two set tests before any per-word loop
    if not (vocab.isdisjoint(lower[start:end]) and vocab.isdisjoint(lemma[start:end])):
        for i in range(start, end):
            if lower[i] in vocab or lemma[i] in vocab:
                weighable.append((doc[i], {lower[i], lemma[i]}))
    for kind, cues in lex.kinds.items():
        score, found = 0.0, []
        for tok, keys in weighable:
            w = _keys_weight(tok, keys, cues, kind, words, lex)
            if w:
                score += w
                found.append(tok.lower_)
        for phrase in phrases_in(words, cues.phrases):
            score += STRONG
            found.append(phrase)
        if found and _has(words, cues.bonus_with):
            score += WEAK  # "heavy rains killed 12", "condemned the bombing"
        if found and kind == "ATTRIB" and sent.root.lemma_.lower() in lex.attribution_roots:
            score += STRONG  # "the foreign ministry blamed Kyiv for the attack": the blame is the news
        if score and not _vetoed(kind, sent, words, lex):
            out[kind] = (score, found)
    return out


# --- the document -----------------------------------------------------------------------------------------


def read_non_event(doc: Doc, lexicon: NonEventLexicon | None = None) -> NonEventReading | None:
    """The non-conflict kind a report tells, with the cues behind it, or None when no kind weighs enough."""
    lex = lexicon or load_non_event_lexicon()
    totals: dict[str, float] = {}
    best_sentence: dict[str, tuple[float, int]] = {}
    cue_lists: dict[str, list[str]] = {}
    for i, sent in enumerate(doc.sents):
        factor = 1.0 if i < LEDE_SENTENCES else _LATE_FACTOR
        for kind, (score, found) in _sentence_scores(sent, lex).items():
            totals[kind] = totals.get(kind, 0.0) + factor * score
            cue_lists.setdefault(kind, []).extend(found)
            if score > best_sentence.get(kind, (0.0, 0))[0]:
                best_sentence[kind] = (score, i)
    named = [k for k, v in totals.items() if v >= THRESHOLD]
    if not named:
        return None
    order = {k: i for i, k in enumerate(lex.precedence)}
    kind = max(named, key=lambda k: (totals[k], -order.get(k, len(order))))
    return NonEventReading(
        kind=kind,
        label=lex.kinds[kind].label,
        score=totals[kind],
        cues=list(dict.fromkeys(cue_lists[kind])),
        sentence=best_sentence[kind][1],
    )


def classify(doc: Doc) -> str | None:
    """The CASE 2021 non-event kind of a parsed report (NATURAL_DISASTER, MAN_MADE_DISASTER, ORG_CRIME,
    DIPLO, ATTRIB), or None when it reads as none of them.

    Meant for reports in which sitreps found no conflict event: it says why ("a flood", "a road accident");
    it does not decide whether an event happened.
    """
    reading = read_non_event(doc)
    return reading.kind if reading else None
