"""Shared ground of sub-event typing (`event_typing.py`, `protest_typing.py`, `territory_typing.py`): the
word lists of `data/event_typing.yaml`, whole-word tests on a sentence, and the dependency helpers that
say what a verb acts on and who acts."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

import yaml
from spacy.tokens import Span, Token

from sitreps.nlp import doc_tree
from sitreps.stages.place_cues import token_table

OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}


@dataclass(frozen=True)
class TypingLexicon:
    """The word lists of `data/event_typing.yaml`, as frozensets of lower-case lemmas or phrases."""

    lists: dict[str, frozenset[str]]
    disrupt_particles: dict[str, frozenset[str]]

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.lists[name]
        except KeyError:
            raise AttributeError(name) from None


@lru_cache(maxsize=1)
def load_typing_lexicon() -> TypingLexicon:
    """The typing word lists (and users' extra files from SITREPS_EVENT_TYPING, merged), once per process."""
    files = [yaml.safe_load(resources.files("sitreps.data").joinpath("event_typing.yaml").read_text("utf-8"))]
    for extra in filter(None, os.environ.get("SITREPS_EVENT_TYPING", "").split(os.pathsep)):
        files.append(yaml.safe_load(Path(extra).read_text("utf-8")) or {})
    lists: dict[str, set[str]] = {}
    particles: dict[str, set[str]] = {}
    for data in files:
        for key, value in data.items():
            if key == "disrupt_particles":
                for verb, words in value.items():
                    particles.setdefault(verb, set()).update(str(w).lower() for w in words or [])
            elif isinstance(value, list):
                lists.setdefault(key, set()).update(str(w).lower() for w in value)
    tl = TypingLexicon(
        {k: frozenset(v) for k, v in lists.items()}, {k: frozenset(v) for k, v in particles.items()}
    )
    # each list also as a plain attribute: `tl.weapon_nouns` then skips `__getattr__` (a Python call per
    # read, tens of thousands per corpus); the dataclass's fields are left as they are
    for key, value in tl.lists.items():
        if key not in ("lists", "disrupt_particles"):
            object.__setattr__(tl, key, value)
    return tl


def sentence_words(sent: Span) -> str:
    """Lower-cased text and lemmas of a sentence, space-padded, for whole-word tests with `has_any`. Kept
    on the Doc: the trigger, typing, event and non-event stages all ask for the same sentences."""
    cache = sent.doc.user_data.setdefault("sitreps_sentence_words", {})
    key = (sent.start, sent.end)
    words = cache.get(key)
    if words is None:
        # from the document's token table: the same words as `token_words(sent)`, without Token objects
        table = token_table(sent.doc)
        lower, lemma = table.lower[sent.start : sent.end], table.lemma[sent.start : sent.end]
        words = cache[key] = " " + " ".join(lower + lemma) + " "
    return words


def token_words(tokens: Iterable[Token]) -> str:
    """Lower-cased text and lemmas of any run of tokens, space-padded (see `sentence_words`)."""
    toks = list(tokens)
    return " " + " ".join([t.lower_ for t in toks] + [t.lemma_.lower() for t in toks]) + " "


def has_any(words: str, items: Iterable[str]) -> bool:
    """Whether any word or phrase of `items` occurs as whole words in `words` (see `sentence_words`)."""
    pieces = _pieces(words)
    if isinstance(items, frozenset | tuple):
        singles, by_first = _split_items(items)
        if not singles.isdisjoint(pieces):
            return True
        # a phrase " a b " is in `words` only if its first word "a" is one of the pieces: test just those
        for first in pieces.intersection(by_first) if by_first else ():
            if any(f" {w} " in words for w in by_first[first]):
                return True
        return False
    # a word without a space is whole in `words` exactly when it is one of its space-separated pieces
    return any((w in pieces) if " " not in w else (f" {w} " in words) for w in items)


# per phrase set (by id, the set kept to check it: equal sets built differently may iterate in another order)
_PHRASE_FIRSTS: dict[int, tuple[frozenset[str], frozenset[str], tuple[tuple[str, str, str], ...]]] = {}


def phrases_in(words: str, phrases: frozenset[str]) -> list[str]:
    """The phrases of `phrases` that occur as whole words in `words` (see `sentence_words`), in the set's
    own iteration order: only those whose first word is one of the pieces of `words` are searched."""
    entry = _PHRASE_FIRSTS.get(id(phrases))
    if entry is None or entry[0] is not phrases:
        # (first word, " phrase ", phrase) in the set's order; a leading space makes the first word ""
        rows = tuple((p.split(" ")[0], f" {p} ", p) for p in phrases)
        if len(_PHRASE_FIRSTS) > 256:
            _PHRASE_FIRSTS.clear()
        entry = _PHRASE_FIRSTS[id(phrases)] = (phrases, frozenset(r[0] for r in rows), rows)
    pieces = _pieces(words)
    if entry[1].isdisjoint(pieces):
        return []
    return [p for first, padded, p in entry[2] if first in pieces and padded in words]


@lru_cache(maxsize=4096)
def _pieces(words: str) -> frozenset[str]:
    """The runs between two spaces of `words`: w (with no space) is one of them iff " w " is in `words`."""
    return frozenset(words.split(" ")[1:-1])


_ITEM_SPLITS: dict[frozenset[str] | tuple[str, ...], tuple[frozenset[str], dict[str, tuple[str, ...]]]] = {}


def _split_items(
    items: frozenset[str] | tuple[str, ...],
) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """A word list's single words (tested by set) and its phrases by their first word (a phrase can only
    occur where its first word is a piece), kept per list content: the lexicon's lists and the unions
    built from them on each call ("disaster_words | accident_words") find the same entry."""
    entry = _ITEM_SPLITS.get(items)
    if entry is not None:
        return entry
    singles = frozenset(w for w in items if " " not in w)
    by_first: dict[str, list[str]] = {}
    for w in items:
        if " " in w:
            # a phrase with a leading or doubled space has "" first: `pieces` holds "" only then, too
            by_first.setdefault(w.split(" ")[0], []).append(w)
    if len(_ITEM_SPLITS) > 1024:
        _ITEM_SPLITS.clear()
    entry = _ITEM_SPLITS[items] = (singles, {k: tuple(v) for k, v in by_first.items()})
    return entry


def expand(tokens: Iterable[Token]) -> list[Token]:
    """Tokens with their conjuncts, compounds and "of" objects: "a cache of weapons and ammunition"."""
    out: list[Token] = []
    todo = list(tokens)
    while todo:
        tok = todo.pop()
        if tok in out:
            continue
        out.append(tok)
        for c in tok.children:
            if c.dep_ in ("conj", "compound", "appos", "nmod", "amod"):
                todo.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of":
                todo.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def direct_objects(verb: Token) -> list[Token]:
    """A verb's direct or passive-subject objects (a passive subject shared with an earlier conjoined verb
    counts: "an IED was found and defused"), not expanded."""
    found = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if verb.dep_ == "conj" and not found:
        found = [c for c in verb.head.children if c.dep_ in ("nsubjpass", "dobj")]
    return found


def objects(verb: Token) -> list[Token]:
    """What a verb acts on: `direct_objects` and "on / against / at" objects ("an attack on a checkpoint"),
    expanded with conjuncts and "of" objects."""
    found = direct_objects(verb)
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "at"):
            found.extend(g for g in c.children if g.dep_ == "pobj")
    return expand(found)


def subjects(verb: Token) -> list[Token]:
    """Who acts: the active subject or the passive agent ("killed by a mob"), expanded."""
    # the walk by index over the document's tree lists; a Token only for each subject found
    tree = doc_tree(verb.doc)
    dep, kids, v = tree.dep, tree.kids, verb.i
    found = [c for c in kids[v] if dep[c] == "nsubj"]
    for c in kids[v]:
        if dep[c] == "agent":
            found.extend(g for g in kids[c] if dep[g] == "pobj")
    # (a token with one of these labels is never a root: it has a head of its own)
    if not found and dep[v] in ("conj", "advcl", "xcomp", "relcl"):
        found = [c for c in kids[tree.heads[v]] if dep[c] == "nsubj"]
    doc = verb.doc
    return expand([doc[k] for k in found])


def lemmas(tokens: Iterable[Token]) -> set[str]:
    """Lower-cased lemmas and words of `tokens`."""
    toks = list(tokens)
    return {t.lemma_.lower() for t in toks} | {t.lower_ for t in toks}


def verbs_over(token: Token, depth: int = 3) -> list[Token]:
    """The token if it is a verb, and the verbs above it (nearest first)."""
    out = [token] if token.pos_ in ("VERB", "AUX") else []
    for anc in islice(token.ancestors, depth):
        if anc.pos_ in ("VERB", "AUX"):
            out.append(anc)
    return out


def object_lemmas(head: Token) -> set[str]:
    """Lemmas of what the trigger's verb (or the trigger itself) acts on."""
    verbs = verbs_over(head, depth=1)
    return lemmas(objects(verbs[0]) if verbs else [c for c in head.children if c.dep_ in OBJECT_DEPS])


def is_person(tokens: list[Token], tl: TypingLexicon) -> bool:
    """Whether the heads of `tokens` are people: the head nouns and their conjuncts, not their compounds
    or "of" modifiers ("the town of Palmyra", "Tal Tamr" misread as a name)."""
    heads = [t for t in tokens if t.dep_ not in ("compound", "amod", "nmod", "appos")]
    heads = [t for t in heads if not (t.dep_ == "pobj" and t.head.lower_ == "of")]
    if lemmas(t for t in heads if t.dep_ != "pobj") & tl.place_nouns:
        return False  # "captured the village", not "captured aid workers on the road"
    return any(t.ent_type_ == "PERSON" for t in heads) or bool(lemmas(heads) & tl.person_nouns)
