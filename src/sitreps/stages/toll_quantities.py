"""Number reading for the counts stage (`counts.py`): the toll lexicon, and the quantities of a sentence
with their (low, best, high) and the victim noun after them ("at least 29 people", "dozens of combatants",
"between 10 and 15 soldiers"). The rules of how a quantity becomes (low, best, high) are in counts.py's
docstring."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from sitreps.nlp import doc_tokens
from sitreps.stages.place_cues import token_table

# Modifiers before a number, longest first; value: how (low, best, high) follow from N.
MODIFIERS = {
    "at least": "floor", "no fewer than": "floor", "no less than": "floor", "a minimum of": "floor",
    "more than": "above", "over": "above", "upwards of": "above", "in excess of": "above",
    "nearly": "below", "almost": "below", "close to": "below", "just under": "below", "fewer than": "below",
    "less than": "below", "about": "approx", "around": "approx", "some": "approx", "approximately": "approx",
    "roughly": "approx", "an estimated": "approx", "estimated": "approx", "approx.": "approx",
    "up to": "upto", "as many as": "upto", "at most": "upto",
}  # fmt: skip
CALENDAR_WORDS = (
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
    r"|\b(?:day|week|month|year|decade|century|hour)s?\b|\b(?:19|20)\d\d\b"
)
# "took 20 hostages": captives count only with a verb of taking
VAGUE_HEADS = {"dozens", "hundreds", "scores", "thousands", "tens"}


@dataclass
class TollLexicon:
    """The words of data/toll_lexicon.yaml and the vague-quantity table, indexed for the counts stage."""

    verbs: dict[str, str] = field(default_factory=dict)  # lemma -> kind (transitive)
    intransitive: dict[str, str] = field(default_factory=dict)
    predicates: dict[str, str] = field(default_factory=dict)  # surface word -> kind
    nouns: dict[str, str] = field(default_factory=dict)  # lemma -> kind or "casualties"
    toll_nouns: set[str] = field(default_factory=set)
    civilian: set[str] = field(default_factory=set)
    generic: set[str] = field(default_factory=set)
    non_person: set[str] = field(default_factory=set)
    hyp_aux: set[str] = field(default_factory=set)
    hyp_governors: set[str] = field(default_factory=set)
    cumulative_phrases: list[str] = field(default_factory=list)
    cumulative_subjects: set[str] = field(default_factory=set)
    cumulative_min: int = 5000
    vague: dict[tuple[str, ...], tuple[int, int, int]] = field(default_factory=dict)


def _by_kind(table: dict[str, list[str]] | None) -> dict[str, str]:
    return {w.replace("_", " "): kind for kind, words in (table or {}).items() for w in words}


@lru_cache(maxsize=1)
def lexicon() -> TollLexicon:
    """The toll lexicon and the vague-quantity table, loaded once."""
    data_dir = resources.files("sitreps") / "data"
    raw: dict[str, Any] = yaml.safe_load((data_dir / "toll_lexicon.yaml").read_text(encoding="utf-8"))
    vague = yaml.safe_load((data_dir / "vague_quantities.yaml").read_text(encoding="utf-8"))["quantities"]
    # a user's own files extend the packaged ones (lists are extended, tables merged over)
    if os.environ.get("SITREPS_TOLL_LEXICON"):
        user = yaml.safe_load(Path(os.environ["SITREPS_TOLL_LEXICON"]).read_text(encoding="utf-8")) or {}
        for key, value in user.items():
            if isinstance(value, dict):
                for kind, words in value.items():
                    raw.setdefault(key, {}).setdefault(kind, []).extend(words)
            else:
                raw.setdefault(key, []).extend(value)
    if os.environ.get("SITREPS_VAGUE_QUANTITIES"):
        user = yaml.safe_load(Path(os.environ["SITREPS_VAGUE_QUANTITIES"]).read_text(encoding="utf-8")) or {}
        vague.update(user.get("quantities", {}))
    words = {k: {w.replace("_", " ") for w in raw.get(k, [])} for k in
             ("toll_nouns", "civilian_nouns", "generic_nouns", "non_person_nouns", "hypothetical_aux",
              "hypothetical_governors", "cumulative_subjects")}  # fmt: skip
    return TollLexicon(
        verbs=_by_kind(raw.get("verbs")),
        intransitive=_by_kind(raw.get("intransitive")),
        predicates=_by_kind(raw.get("predicates")),
        nouns=_by_kind(raw.get("nouns")),
        toll_nouns=words["toll_nouns"],
        civilian=words["civilian_nouns"],
        generic=words["generic_nouns"],
        non_person=words["non_person_nouns"],
        hyp_aux=words["hypothetical_aux"],
        hyp_governors=words["hypothetical_governors"],
        cumulative_phrases=list(raw.get("cumulative_phrases", [])),
        cumulative_subjects=words["cumulative_subjects"],
        cumulative_min=int(raw.get("cumulative_min", 5000)),
        vague={tuple(k.lower().split()): (v["low"], v["best"], v["high"]) for k, v in vague.items()},
    )


# ------------------------------------------------------------------------------------------ quantities


@dataclass
class Quantity:
    """A number phrase of a sentence with its (low, best, high) and the victim noun after it."""

    start: int  # first token (doc index)
    end: int  # one past the number phrase
    low: int
    best: int
    high: int
    victim: Token | None = None  # head noun of the victims, when there is one
    np_end: int = 0  # one past the victim noun phrase
    predicate: Token | None = None  # "12 dead", "29 people killed": the toll word right after


def number_value(words: list[str]) -> int | None:
    """'1,200' -> 1200, 'twenty - five' -> 25, '1.2 million' -> 1200000, 'two hundred' -> 200."""
    words = [w for w in words if w not in ("-", "–")]
    if not words:
        return None
    if len(words) == 2 and re.fullmatch(r"\d+(?:\.\d+)?", words[0].replace(",", "")):
        scale = {"hundred": 100, "thousand": 1000, "million": 1_000_000}.get(words[1].lower())
        if scale:
            return round(float(words[0].replace(",", "")) * scale)
    if len(words) == 1 and re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", words[0]):
        return int(words[0].replace(",", ""))
    try:
        return int(
            text2num(
                "-".join(w.lower() for w in words)
                if len(words) == 2 and "hundred" not in words[1].lower()
                else " ".join(w.lower() for w in words),
                "en",
            )
        )
    except ValueError:
        return None


def is_number(tok: Token) -> bool:
    """A number word or figure, not an ordinal ("3rd")."""
    return tok.like_num and not re.fullmatch(r"\d+(?:st|nd|rd|th)", tok.lower_)


def _apply_modifier(mod: str, n: int) -> tuple[int, int, int]:
    if mod == "floor":
        return n, n, n
    if mod == "above":
        return n + 1, n + 1, n + 1
    if mod == "below":
        return max(1, round(0.9 * n)), n, n
    if mod == "approx":
        return max(1, round(0.9 * n)), n, max(n, round(1.1 * n))
    if mod == "upto":
        return 1, n, n
    return n, n, n


_PHRASE_INDEX: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _phrases_by_first_word(phrases: dict) -> dict[str, list[tuple[str, ...]]]:
    """The phrase table's keys as word tuples grouped by first word, longest first (built once per table)."""
    index = _PHRASE_INDEX.get(id(phrases))
    if index is None:
        index = {}
        for phrase in phrases:
            words = phrase if isinstance(phrase, tuple) else tuple(phrase.split())
            index.setdefault(words[0], []).append(words)
        for group in index.values():
            group.sort(key=len, reverse=True)
        _PHRASE_INDEX[id(phrases)] = index
    return index


def _match_words(sent: Span, i: int, phrases: dict) -> tuple[str, int] | None:
    """Longest phrase (a key of `phrases`) starting at doc token i; returns (phrase, length)."""
    lower = token_table(sent.doc).lower  # each word's `lower_`, without a Token per look
    for words in _phrases_by_first_word(phrases).get(lower[i], ()):
        n = len(words)
        if i + n <= sent.end and all(lower[i + k] == words[k] for k in range(1, n)):
            return " ".join(words), n
    return None


def _read_number(doc: Doc, i: int, stop: int) -> tuple[int, int] | None:
    """The number starting at token i: (value, index one past it)."""
    toks = doc_tokens(doc).tokens  # a Token per word built once, not per look
    j = i
    while j < stop and (
        is_number(toks[j])
        or (
            toks[j].text in ("-", "–")
            and j > i
            and j + 1 < stop
            and is_number(toks[j + 1])
            and not toks[j - 1].is_digit
        )
    ):
        j += 1
    if j == i:
        return None
    value = number_value(doc_tokens(doc).text[i:j])
    return (value, j) if value is not None else None


def _start_words(lex: TollLexicon) -> frozenset[str]:
    """Words a quantity can start with besides a number: a modifier's or a vague quantity's first word."""
    key = id(lex.vague)
    cached = _START_WORDS.get(key)
    if cached is None:
        cached = frozenset(_phrases_by_first_word(MODIFIERS)) | frozenset(_phrases_by_first_word(lex.vague))
        cached |= {"between"}
        _START_WORDS[key] = cached
    return cached


_START_WORDS: dict[int, frozenset[str]] = {}


def quantities(sent: Span, lex: TollLexicon) -> list[Quantity]:
    doc = sent.doc
    found: list[Quantity] = []
    starts = _start_words(lex)
    i = sent.start
    table = token_table(doc)  # read from the token table: most words start no quantity
    like_num, lower = table.like_num, table.lower
    while i < sent.end:
        if not (like_num[i] or lower[i] in starts):
            i += 1  # no number, modifier or vague quantity can start here
            continue
        q = _quantity_at(doc, i, sent, lex)
        if q is None:
            i += 1
            continue
        _attach_victim(doc, q, sent, lex)
        found.append(q)
        i = max(q.end, q.np_end, i + 1)
    return found


def _in_calendar_date(tok: Token) -> bool:
    """Inside a DATE entity that names a calendar date ("Oct. 7", "10 days"), not "between 10 and 15"."""
    if tok.ent_type_ != "DATE":
        return False
    # the entity's bounds from the IOB tags around the token: `doc.ents` builds every entity's Span
    doc, start, end = tok.doc, tok.i, tok.i + 1
    toks = doc_tokens(doc).tokens  # a Token per word built once, not per look
    while start > 0 and toks[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and toks[end].ent_iob_ == "I":
        end += 1
    return bool(re.search(CALENDAR_WORDS, doc[start:end].text, re.I))


def _quantity_at(doc: Doc, i: int, sent: Span, lex: TollLexicon) -> Quantity | None:
    toks = doc_tokens(doc).tokens  # a Token per word built once, not per look
    tok = toks[i]
    if tok.ent_type_ in ("TIME", "PERCENT", "MONEY", "ORDINAL") or _in_calendar_date(tok):
        return None
    if tok.lower_ == "one" and i > sent.start and toks[i - 1].lower_ == "no":
        return None  # "no one": a negation, read by negated_tolls
    vague = _match_words(sent, i, lex.vague)
    mod = _match_words(sent, i, MODIFIERS)
    k = i + (mod[1] if mod else 0)
    if k < sent.end and toks[k].lower_ == "between":
        k += 1
    number = _read_number(doc, k, sent.end) if k < sent.end else None
    if number is not None:
        value, j = number
        if re.fullmatch(r"(?:19|20)\d\d", toks[k].text) and j == k + 1:
            return None  # a year
        # ranges: "10 to 15", "10-15", "between 10 and 15", "10 or 12"
        joiner = toks[j].lower_ if j + 1 < sent.end and is_number(toks[j + 1]) else ""
        if joiner in ("to", "-", "–", "or") or (joiner == "and" and toks[k - 1].lower_ == "between"):
            second = _read_number(doc, j + 1, sent.end)
            if second and second[0] > value:
                return Quantity(i, second[1], value, (value + second[0]) // 2, second[0])
        low, best, high = _apply_modifier(MODIFIERS[mod[0]], value) if mod else (value, value, value)
        if tok.lower_ == "between":
            return None
        return Quantity(i, j, low, best, high)
    if vague is not None:
        n = vague[1]
        after = toks[i + n] if i + n < sent.end else None
        if after is not None and is_number(after):
            return None  # "some 200": the number reads it
        if vague[0] in ("some", "several", "a number of", "many", "numerous", "a few") and (
            after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ")
        ):
            return None  # determiners only count when a victim noun follows
        return Quantity(i, i + n, *lex.vague[tuple(vague[0].split())])
    return None


def _attach_victim(doc: Doc, q: Quantity, sent: Span, lex: TollLexicon) -> None:
    """The victim noun after the number ('two senior field commanders', 'dozens of combatants', 'one of its
    commanders'), and a toll word right after the number or the noun ('12 dead', '29 people killed')."""
    toks = doc_tokens(doc).tokens  # a Token per word built once, not per look
    j = q.end
    if j < sent.end and toks[j].lower_ == "of":
        j += 1
        # "one of its commanders", "17 of 24 drones": the noun after the partitive's own determiner or number
        while j < sent.end and (
            (toks[j].pos_ in ("DET", "PRON") and toks[j].lower_ not in ("them", "whom")) or toks[j].like_num
        ):
            j += 1
    q.np_end = q.end
    if j < sent.end and toks[j].lower_ in lex.predicates:
        q.predicate = toks[j]
        j += 1
    last_noun = None
    k = j
    while k < sent.end:
        t = toks[k]
        if t.pos_ in ("NOUN", "PROPN") or (t.text.isupper() and t.is_alpha and len(t) > 1):
            last_noun = t
        elif not (
            t.pos_ == "ADJ"
            or t.tag_ in ("VBN", "HYPH")
            or t.dep_ in ("amod", "compound")
            or t.text in ('"', "'")
        ):
            break
        k += 1
    if last_noun is not None and last_noun.lower_ not in lex.predicates:
        q.victim = last_noun
        q.np_end = last_noun.i + 1
        after = toks[q.np_end] if q.np_end < sent.end else None
        # "29 people killed in the blast" (a reduced passive), not "5 gunmen killed 3" (active)
        if (
            q.predicate is None
            and after is not None
            and after.lower_ in lex.predicates
            and not any(c.dep_ == "dobj" for c in after.children)
        ):
            q.predicate = after
    elif q.predicate is not None:
        q.np_end = q.predicate.i + 1
