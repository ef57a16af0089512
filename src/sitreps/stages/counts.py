"""The counts stage: how many people were killed, injured, missing or captured, with low/best/high.

A toll is a quantity of people tied to a toll word by the dependency parse (the victim noun is the subject
of passive "killed", the object of active "killed", the subject of "died"; "12 dead", "29 deaths", "the
death toll rose to 45"), with a linear fallback for the parser's misses. Numbers on things that are not
people ("60 targets", "10 kilometers", "24 hours") are never tolls.

How a quantity becomes (low, best, high); ACLED's `fatalities` is `low`:
- "29", "twenty-five", "1,200"               low = best = high = N
- "at least N", "no fewer than N"             low = best = high = N (the report's own floor, nothing more)
- "more than N", "over N", "upwards of N"     low = best = high = N + 1
- "nearly/almost/close to/just under N"       low = round(0.9 N), best = high = N
- "about/around/some/approximately/roughly/an estimated N"
                                              low = round(0.9 N), best = N, high = round(1.1 N)
- "up to N", "as many as N", "at most N"      low = 1, best = high = N
- "between A and B", "A to B", "A-B", "A or B"  low = A, best = (A + B) // 2, high = B
- vague words ("dozens", "several hundred")  the table in data/vague_quantities.yaml (ACLED: dozens 12,
                                              hundreds 100, tens 10 as `low`)
- a singular victim ("a soldier was killed", "Hamedani was killed", "he died")  1
- conjoined victims are summed ("three policemen and one civilian" = 4); subsets are not added ("16
  jihadists including three child soldiers" = 16; "two of the dead were children" is skipped).
- "N casualties" means killed AND injured, in unknown shares: it is a "killed" toll with low = best = 0,
  high = N, so that it never inflates ACLED's fatalities but keeps the upper bound.
Tolls that are not this event's are kept with `excluded` set: "negated" ("no one was hurt", all counts 0),
"hypothetical" ("could kill hundreds", "threatened to kill"), "cumulative" ("the war has killed 250,000
since 2011", "so far this year").
"""

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

from sitreps.model import Article, TextSpan, Toll, TollKind

# Modifiers before a number, longest first; value: how (low, best, high) follow from N.
MODIFIERS = {
    "at least": "floor", "no fewer than": "floor", "no less than": "floor", "a minimum of": "floor",
    "more than": "above", "over": "above", "upwards of": "above", "in excess of": "above",
    "nearly": "below", "almost": "below", "close to": "below", "just under": "below", "fewer than": "below",
    "less than": "below", "about": "approx", "around": "approx", "some": "approx", "approximately": "approx",
    "roughly": "approx", "an estimated": "approx", "estimated": "approx", "approx.": "approx",
    "up to": "upto", "as many as": "upto", "at most": "upto",
}  # fmt: skip
SUBSET_CUES = ("including", "includes", "included", "among them", "among whom", "of whom", "incl.", "among")
BARE_NUMBER_HEADS = {"kill", "wound", "injure", "leave", "claim", "reach", "rise", "climb", "stand", "hit",
                     "jump", "increase", "be"}  # fmt: skip
PERFECT = {"has", "have", "had"}
CALENDAR_WORDS = (
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
    r"|\b(?:day|week|month|year|decade|century|hour)s?\b|\b(?:19|20)\d\d\b"
)
# "took 20 hostages": captives count only with a verb of taking
CAPTIVE_NOUNS = {"hostage", "prisoner", "captive"}
VAGUE_HEADS = {"dozens", "hundreds", "scores", "thousands", "tens"}
TAKING_VERBS = {"take", "hold", "seize", "grab", "capture", "abduct", "kidnap"}


@dataclass
class _Lexicon:
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
    vague: dict[tuple[str, ...], tuple[int, int, int]] = field(default_factory=dict)


def _by_kind(table: dict[str, list[str]] | None) -> dict[str, str]:
    return {w.replace("_", " "): kind for kind, words in (table or {}).items() for w in words}


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
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
    return _Lexicon(
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
        vague={tuple(k.lower().split()): (v["low"], v["best"], v["high"]) for k, v in vague.items()},
    )


# ------------------------------------------------------------------------------------------ quantities


@dataclass
class _Quantity:
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


def _is_number(tok: Token) -> bool:
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
    doc = sent.doc
    for words in _phrases_by_first_word(phrases).get(doc[i].lower_, ()):
        n = len(words)
        if i + n <= sent.end and all(doc[i + k].lower_ == words[k] for k in range(1, n)):
            return " ".join(words), n
    return None


def _read_number(doc: Doc, i: int, stop: int) -> tuple[int, int] | None:
    """The number starting at token i: (value, index one past it)."""
    j = i
    while j < stop and (
        _is_number(doc[j])
        or (
            doc[j].text in ("-", "–")
            and j > i
            and j + 1 < stop
            and _is_number(doc[j + 1])
            and not doc[j - 1].is_digit
        )
    ):
        j += 1
    if j == i:
        return None
    value = number_value([t.text for t in doc[i:j]])
    return (value, j) if value is not None else None


def _quantities(sent: Span, lex: _Lexicon) -> list[_Quantity]:
    doc = sent.doc
    found: list[_Quantity] = []
    i = sent.start
    while i < sent.end:
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
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is not None and bool(re.search(CALENDAR_WORDS, ent.text, re.I))


def _quantity_at(doc: Doc, i: int, sent: Span, lex: _Lexicon) -> _Quantity | None:
    tok = doc[i]
    if tok.ent_type_ in ("TIME", "PERCENT", "MONEY", "ORDINAL") or _in_calendar_date(tok):
        return None
    if tok.lower_ == "one" and i > sent.start and doc[i - 1].lower_ == "no":
        return None  # "no one": a negation, read by _negated_tolls
    vague = _match_words(sent, i, lex.vague)
    mod = _match_words(sent, i, MODIFIERS)
    k = i + (mod[1] if mod else 0)
    if k < sent.end and doc[k].lower_ == "between":
        k += 1
    number = _read_number(doc, k, sent.end) if k < sent.end else None
    if number is not None:
        value, j = number
        if re.fullmatch(r"(?:19|20)\d\d", doc[k].text) and j == k + 1:
            return None  # a year
        # ranges: "10 to 15", "10-15", "between 10 and 15", "10 or 12"
        joiner = doc[j].lower_ if j + 1 < sent.end and _is_number(doc[j + 1]) else ""
        if joiner in ("to", "-", "–", "or") or (joiner == "and" and doc[k - 1].lower_ == "between"):
            second = _read_number(doc, j + 1, sent.end)
            if second and second[0] > value:
                return _Quantity(i, second[1], value, (value + second[0]) // 2, second[0])
        low, best, high = _apply_modifier(MODIFIERS[mod[0]], value) if mod else (value, value, value)
        if tok.lower_ == "between":
            return None
        return _Quantity(i, j, low, best, high)
    if vague is not None:
        n = vague[1]
        after = doc[i + n] if i + n < sent.end else None
        if after is not None and _is_number(after):
            return None  # "some 200": the number reads it
        if vague[0] in ("some", "several", "a number of", "many", "numerous", "a few") and (
            after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ")
        ):
            return None  # determiners only count when a victim noun follows
        return _Quantity(i, i + n, *lex.vague[tuple(vague[0].split())])
    return None


def _attach_victim(doc: Doc, q: _Quantity, sent: Span, lex: _Lexicon) -> None:
    """The victim noun after the number ('two senior field commanders', 'dozens of combatants', 'one of its
    commanders'), and a toll word right after the number or the noun ('12 dead', '29 people killed')."""
    j = q.end
    if j < sent.end and doc[j].lower_ == "of":
        j += 1
        # "one of its commanders", "17 of 24 drones": the noun after the partitive's own determiner or number
        while j < sent.end and (
            (doc[j].pos_ in ("DET", "PRON") and doc[j].lower_ not in ("them", "whom")) or doc[j].like_num
        ):
            j += 1
    q.np_end = q.end
    if j < sent.end and doc[j].lower_ in lex.predicates:
        q.predicate = doc[j]
        j += 1
    last_noun = None
    k = j
    while k < sent.end:
        t = doc[k]
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
        after = doc[q.np_end] if q.np_end < sent.end else None
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


# ---------------------------------------------------------------------------------------------- linking


def _trigger_kind(tok: Token, lex: _Lexicon) -> str | None:
    lemma = tok.lemma_.lower()
    if _manner_kill(tok):
        return "killed"
    if lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return None  # "shot down 17 drones" downs aircraft, it kills nobody
    return lex.verbs.get(lemma) or lex.intransitive.get(lemma) or lex.predicates.get(tok.lower_)


def _is_victim_of(x: Token, verb: Token, lex: _Lexicon) -> str | None:
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


def _link(q: _Quantity, sent: Span, lex: _Lexicon) -> tuple[Token, str] | None:
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
    starts += [t for t in doc[q.start : q.end] if _is_number(t) or t.lower_ in VAGUE_HEADS]
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
            if c.dep_ in ("acl", "relcl") and _trigger_kind(c, lex):
                return c, _trigger_kind(c, lex) or "killed"
    return _link_linear(q, sent, lex)


def _toll_noun_subject(verb: Token, lex: _Lexicon) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in lex.toll_nouns for c in verb.children)


def _link_linear(q: _Quantity, sent: Span, lex: _Lexicon) -> tuple[Token, str] | None:
    """The parser's misses: an active toll verb right before ('killing 16'), or a passive right after."""
    doc = sent.doc
    two_before = " ".join(t.lemma_.lower() for t in doc[max(sent.start, q.start - 2) : q.start])
    if two_before in lex.verbs:  # "shot dead 5 militants", "gunned down three"
        return doc[q.start - 1], lex.verbs[two_before]
    before = doc[q.start - 1] if q.start - 1 >= sent.start else None
    finite_or_gerund = ("VBD", "VBG", "VBZ", "VBP")
    if before is not None and before.lemma_.lower() in lex.verbs and before.tag_ in finite_or_gerund:
        return before, lex.verbs[before.lemma_.lower()]
    k = max(q.end, q.np_end)
    while k < sent.end and doc[k].lower_ in (
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
        t = doc[k]
        if t.tag_ == "VBN" and t.lemma_.lower() in lex.verbs:
            return t, lex.verbs[t.lemma_.lower()]
        if t.lower_ in lex.predicates:
            return t, lex.predicates[t.lower_]
        two = " ".join(x.lemma_.lower() for x in doc[k : k + 2])
        if two in lex.verbs:  # "5 militants were shot dead"
            return doc[k], lex.verbs[two]
    if k < sent.end and doc[k].lemma_.lower() in lex.intransitive:
        return doc[k], lex.intransitive[doc[k].lemma_.lower()]
    # "a death toll of 12", "the toll stood at 12": a bare number shortly after "toll"
    if q.victim is None:
        window = doc[max(sent.start, q.start - 5) : q.start]
        if any(t.lemma_.lower() in lex.toll_nouns for t in window):
            return next(t for t in window if t.lemma_.lower() in lex.toll_nouns), "killed"
    return None


def _is_subset(q: _Quantity, sent: Span) -> bool:
    """'including three child soldiers', 'among them two children', 'two of the dead were children'."""
    doc = sent.doc
    before = " ".join(t.lower_ for t in doc[max(sent.start, q.start - 2) : q.start])
    if any(before.endswith(cue) for cue in SUBSET_CUES):
        return True
    after = " ".join(t.lower_ for t in doc[q.end : min(sent.end, q.end + 3)])
    return bool(re.match(r"of (?:the|those) (?:dead|killed|victims|wounded|injured|casualties)", after))


# ----------------------------------------------------------------------------------------- exclusions


def _exclusion(trigger: Token, victims: list[Token], sent: Span, lex: _Lexicon) -> str:
    """'negated', 'hypothetical', 'cumulative' or '' for the toll governed by `trigger`."""
    if _negated(trigger, victims):
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
    subtree = " " + " ".join(t.lower_ for t in verb.subtree) + " "
    if any(f" {p} " in subtree for p in lex.cumulative_phrases):
        return "cumulative"
    if verb.dep_ in ("advcl", "conj", "xcomp"):
        # "has expanded across the region since 2022, killing hundreds": the running total of the main clause
        main = verb.head
        own = {t.i for t in verb.subtree}
        clause = " " + " ".join(t.lower_ for t in main.subtree if t.i not in own) + " "
        perfect = any(c.dep_ == "aux" and c.lower_ in PERFECT for c in main.children)
        if perfect and any(f" {p} " in clause for p in lex.cumulative_phrases):
            return "cumulative"
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(c.lemma_.lower() in lex.cumulative_subjects for c in subjects) and any(
        c.lower_ in PERFECT for c in verb.children if c.dep_ == "aux"
    ):
        return "cumulative"
    return ""


def _negated(trigger: Token, victims: list[Token]) -> bool:
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


def _negated_tolls(sent: Span, used: set[int], lex: _Lexicon) -> list[tuple[Token, str, list[Token]]]:
    """Toll words with nobody counted: 'no one was hurt', 'no casualties', 'were not injured'."""
    out = []
    for t in sent:
        if t.i in used:
            continue
        kind = _trigger_kind(t, lex) or lex.nouns.get(t.lemma_.lower())
        if kind is None:
            continue
        victims = [c for c in t.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")]
        if _negated(t, victims):
            out.append((t, "killed" if kind == "casualties" else kind, victims))
    return out


# -------------------------------------------------------------------------------------------- the stage


def _who(victims: list[Token], lex: _Lexicon) -> str:
    kinds: list[str] = []
    for v in victims:
        lemma = v.lemma_.lower()
        if lemma in lex.civilian or v.lower_ in lex.civilian:
            w = "civilians"
        elif lemma in lex.generic or v.lower_ in lex.generic or v.pos_ in ("NUM", "PRON") or v.ent_type_:
            w = "unknown"
        else:
            w = v.lower_
        if w not in kinds:
            kinds.append(w)
    known = [k for k in kinds if k != "unknown"]
    return ", ".join(known) if known else "unknown"


_MANNER_VERBS = {
    "shoot", "stab", "beat", "hack", "burn", "club", "strangle", "stone", "bludgeon", "gun", "hang",
}  # fmt: skip
_SINGULAR_DETS = {"a", "an", "one", "another", "the", "his", "her", "their", "its", "whose"}


def _manner_kill(t: Token) -> bool:
    """'shot dead', 'stabbed to death', 'beaten to death', 'gunned down': a killing told by its manner."""
    if t.lemma_.lower() not in _MANNER_VERBS:
        return False
    for c in t.children:
        if c.lower_ == "dead" or (c.dep_ == "prt" and c.lower_ == "down" and t.lemma_.lower() == "gun"):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
    return False


def _is_single_person(c: Token, lex: _Lexicon) -> bool:
    """'a soldier', 'An Interpol Commander', 'his wife', 'General Hamedani', 'he'."""
    if c.ent_type_ == "PERSON" or c.lower_ in ("he", "she", "him", "her", "himself", "herself"):
        return True
    dets = {d.lower_ for d in c.children if d.dep_ in ("det", "nummod", "poss")}
    lemma = c.lemma_.lower()
    return (
        c.tag_ in ("NN", "NNP")
        and bool(dets & _SINGULAR_DETS)
        and lemma not in lex.non_person
        and lemma not in lex.generic
        and not c.like_num
    )


def _singular_victims(sent: Span, used: set[int], lex: _Lexicon) -> list[tuple[Token, str, Token]]:
    """'a soldier was killed', 'General Hamedani was killed', 'he died', 'killing the owner, his wife and
    three children' (each single person of the list; numbered ones are counted as quantities)."""
    out = []
    for t in sent:
        lemma = t.lemma_.lower()
        kind = lex.verbs.get(lemma) or lex.intransitive.get(lemma) or ("killed" if _manner_kill(t) else None)
        if kind is None:
            continue  # a verb already counted ("killing 5 soldiers") may still list single people beside them
        transitive = lemma in lex.verbs or _manner_kill(t)
        for c in t.children:
            active_obj = c.dep_ == "dobj" and transitive
            intransitive = lemma in lex.intransitive
            passive_or_intrans = c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and intransitive)
            if not (active_obj or passive_or_intrans):
                continue
            for victim in (c, *c.conjuncts):
                if victim.i not in used and _is_single_person(victim, lex):
                    out.append((t, kind, victim))
    return out


def find_tolls(doc: Doc, article: Article) -> list[Toll]:
    """Tolls (killed, injured, missing, captured) in an article, with low/best/high, who, and exclusions."""
    lex = lexicon()
    tolls: list[Toll] = []
    for s_idx, sent in enumerate(doc.sents):
        groups: dict[tuple[int, str], list[_Quantity]] = {}
        triggers: dict[int, Token] = {}
        for q in _quantities(sent, lex):
            if _is_subset(q, sent):
                continue
            link = _link(q, sent, lex)
            if link is None:
                continue
            trigger, kind = link
            groups.setdefault((trigger.i, kind), []).append(q)
            triggers[trigger.i] = trigger
        used: set[int] = set(triggers)
        for (t_i, kind), qs in groups.items():
            trigger = triggers[t_i]
            victims = [q.victim for q in qs if q.victim is not None]
            for q in qs:
                used.update(range(q.start, max(q.end, q.np_end)))
            low, best, high = (sum(getattr(q, f) for q in qs) for f in ("low", "best", "high"))
            if kind == "casualties":  # killed and injured in unknown shares: see the module docstring
                kind, low, best = "killed", 0, 0
            excluded = _exclusion(trigger, victims or [doc[qs[0].start]], sent, lex)
            if excluded == "negated":
                low = best = high = 0
            tolls.append(
                _toll(
                    doc,
                    qs[0].start,
                    max(max(q.end, q.np_end) for q in qs),
                    s_idx,
                    kind,
                    (low, best, high),
                    _who(victims, lex),
                    excluded,
                )
            )
        for trigger, kind, victim in _singular_victims(sent, used, lex):
            used.add(trigger.i)
            excluded = _exclusion(trigger, [victim], sent, lex)
            n = 0 if excluded == "negated" else 1
            tolls.append(
                _toll(
                    doc,
                    victim.left_edge.i,
                    victim.i + 1,
                    s_idx,
                    kind,
                    (n, n, n),
                    _who([victim], lex),
                    excluded,
                )
            )
        for trigger, kind, victims in _negated_tolls(sent, used, lex):
            start = min([trigger.i] + [v.left_edge.i for v in victims])
            tolls.append(_toll(doc, start, trigger.i + 1, s_idx, kind, (0, 0, 0), "unknown", "negated"))
    tolls.sort(key=lambda t: t.span.start)
    return tolls


def _toll(
    doc: Doc,
    start: int,
    end: int,
    sentence: int,
    kind: str,
    counts: tuple[int, int, int],
    who: str,
    excluded: str,
) -> Toll:
    span = doc[start:end]
    toll_kind: TollKind = kind  # type: ignore[assignment]
    return Toll(
        span=TextSpan(span.start_char, span.end_char, span.text),
        sentence=sentence,
        kind=toll_kind,
        low=counts[0],
        best=counts[1],
        high=counts[2],
        who=who,
        excluded=excluded,
    )
