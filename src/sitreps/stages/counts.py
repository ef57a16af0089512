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
- conjoined victims of one kind are summed into one toll ("four soldiers and three more soldiers" = 7), of
  different kinds they are one toll each ("three policemen and one civilian": 3 policemen, 1 civilians);
  subsets are not added ("16 jihadists including three child soldiers" = 16; "two of the dead were
  children" is skipped).
Who the dead are (`Toll.who`): "civilians" for civilian nouns, "unknown" when the words do not say ("29
people", "he"), else the victim noun phrase without its count ("IS jihadists", "suicide bomber", "Iranian
general" for "Iranian general Hossein Hamedani"); `toll_sides` sorts them into UCDP's deaths per side.
The stage's parts: `toll_quantities` reads numbers, `toll_links` ties them to toll words and exclusions.
- "N casualties" means killed AND injured, in unknown shares: it is a "killed" toll with low = best = 0,
  high = N, so that it never inflates ACLED's fatalities but keeps the upper bound.
Tolls that are not this event's are kept with `excluded` set: "negated" ("no one was hurt", all counts 0),
"hypothetical" ("could kill hundreds", "threatened to kill"), "cumulative" ("the war has killed 250,000
since 2011", "so far this year").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from sitreps.model import Article, TextSpan, Toll, TollKind
from sitreps.nlp import doc_tokens
from sitreps.stages.place_cues import token_table
from sitreps.stages.toll_links import (
    _MANNER_VERBS,
    exclusion,
    is_subset,
    link_quantity,
    manner_kill,
    negated_tolls,
    perfect_aspect,
)
from sitreps.stages.toll_quantities import (
    VAGUE_HEADS,
    Quantity,
    TollLexicon,
    lexicon,
    number_value,
    quantities,
)

__all__ = ["find_tolls", "lexicon", "number_value"]

# -------------------------------------------------------------------------------------------- the stage


def _who(victim: Token | None, lex: TollLexicon, start: int | None = None) -> str:
    """Who the victims are: "civilians" for civilian nouns ("villagers", "protesters"), "unknown" when the
    words say nothing ("29 people", a bare number, "he"), else the victim noun phrase without its count
    ("16 IS jihadists" -> "IS jihadists", "the suicide bomber" -> "suicide bomber", "Iranian general
    Hossein Hamedani" -> "Iranian general"), which `toll_sides` types with the actor dictionary."""
    if victim is None:
        return "unknown"
    lemma = victim.lemma_.lower()
    if lemma in lex.civilian or victim.lower_ in lex.civilian:
        return "civilians"
    if victim.pos_ in ("NUM", "PRON") or victim.like_num:
        return "unknown"
    words = _victim_words(victim, victim.left_edge.i if start is None else start)
    if victim.ent_type_ == "PERSON" or (victim.ent_type_ and victim.pos_ == "PROPN"):
        # a named person: what the words before the name say of them ("Iranian general")
        while words and (words[-1].ent_type_ == "PERSON" or words[-1].pos_ == "PROPN"):
            words.pop()
        if not words or words[-1].lemma_.lower() in lex.generic:
            return "unknown"
    elif lemma in lex.generic or victim.lower_ in lex.generic:
        # "members of the security forces", "12 people from the IS group": the group they belong to
        group = next((p for p in victim.children if p.dep_ == "prep" and p.lower_ in ("of", "from")), None)
        owner = next((o for o in group.children if o.dep_ == "pobj"), None) if group is not None else None
        return _who(owner, lex) if owner is not None and owner.i > victim.i else "unknown"
    return _phrase_text(words) or "unknown"


# words of counting, not of who the victims are ("three more soldiers", "two other civilians")
_COUNT_ADJECTIVES = {"more", "other", "another", "additional", "further", "fewer", "least", "total"}


def _victim_words(victim: Token, start: int) -> list[Token]:
    """The tokens of the victim's noun phrase from `start` (the end of its count) up to its head, after its
    last determiner or quantity word ("one of its commanders", "dozens of")."""
    words: list[Token] = []
    for t in victim.doc[min(start, victim.i) : victim.i + 1]:
        acronym = t.is_upper and t.is_alpha and len(t) > 1  # "IS" is often parsed as the verb
        counted = (
            t.like_num
            or t.dep_ in ("det", "predet", "nummod", "quantmod")
            or t.lower_ in VAGUE_HEADS
            or t.lower_ in _COUNT_ADJECTIVES
        )
        function_word = t.dep_ != "amod" and t.pos_ in (
            "DET",
            "NUM",
            "PRON",
            "ADP",
            "CCONJ",
            "ADV",
            "AUX",
            "VERB",
            "SCONJ",
        )
        hyphen = t.text in ("-", "–")
        hyphenated = t.i + 1 < len(t.doc) and t.doc[t.i + 1].text in ("-", "–")  # "pro-government"
        if not (acronym or hyphen or hyphenated) and (counted or function_word or t.is_punct):
            words = []  # the phrase starts again after it
        else:
            words.append(t)
    return words


def _phrase_text(words: list[Token]) -> str:
    """The words as written, lower case except names and acronyms ("IS jihadists", "Russian soldiers")."""
    out = []
    for k, t in enumerate(words):
        keep = t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) or (t.ent_type_ and t.text[:1].isupper())
        out.append((t.text if keep else t.lower_) + (t.whitespace_ if k < len(words) - 1 else ""))
    return "".join(out).strip()


_SINGULAR_DETS = {"a", "an", "one", "another", "the", "his", "her", "their", "its", "whose"}


def _is_single_person(c: Token, lex: TollLexicon) -> bool:
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


def _singular_victims(sent: Span, used: set[int], lex: TollLexicon) -> list[tuple[Token, str, Token]]:
    """'a soldier was killed', 'General Hamedani was killed', 'he died', 'killing the owner, his wife and
    three children' (each single person of the list; numbered ones are counted as quantities)."""
    out = []
    lemmas, toks = token_table(sent.doc).lemma, doc_tokens(sent.doc).tokens
    for i in range(sent.start, sent.end):
        # only the words whose lemma can name a killing (a toll verb or a manner of killing)
        if not (lemmas[i] in lex.verbs or lemmas[i] in lex.intransitive or lemmas[i] in _MANNER_VERBS):
            continue
        t = toks[i]
        lemma = t.lemma_.lower()
        kind = lex.verbs.get(lemma) or lex.intransitive.get(lemma) or ("killed" if manner_kill(t) else None)
        if kind is None:
            continue  # a verb already counted ("killing 5 soldiers") may still list single people beside them
        transitive = lemma in lex.verbs or manner_kill(t)
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
        groups: dict[tuple[int, str], list[Quantity]] = {}
        triggers: dict[int, Token] = {}
        for q in quantities(sent, lex):
            if is_subset(q, sent):
                continue
            found = link_quantity(q, sent, lex)
            if found is None:
                continue
            trigger, kind = found
            groups.setdefault((trigger.i, kind), []).append(q)
            triggers[trigger.i] = trigger
        used: set[int] = set(triggers)
        for (t_i, kind), group in groups.items():
            trigger = triggers[t_i]
            for q in group:
                used.update(range(q.start, max(q.end, q.np_end)))
            # conjoined victims of different kinds are separate counts ("three soldiers and 12 militants"),
            # so that each keeps who it is; the same kind is summed into one toll
            by_who: dict[str, list[Quantity]] = {}
            for q in group:
                by_who.setdefault(_who(q.victim, lex, q.end), []).append(q)
            for who, qs in by_who.items():
                tolls.append(_group_toll(doc, sent, s_idx, trigger, kind, who, qs, lex))
        for trigger, kind, victim in _singular_victims(sent, used, lex):
            used.add(trigger.i)
            excluded = exclusion(trigger, [victim], sent, lex)
            n = 0 if excluded == "negated" else 1
            tolls.append(
                _toll(
                    doc,
                    victim.left_edge.i,
                    victim.i + 1,
                    s_idx,
                    kind,
                    (n, n, n),
                    _who(victim, lex),
                    excluded,
                )
            )
        for trigger, kind, victims in negated_tolls(sent, used, lex):
            start = min([trigger.i] + [v.left_edge.i for v in victims])
            tolls.append(_toll(doc, start, trigger.i + 1, s_idx, kind, (0, 0, 0), "unknown", "negated"))
    tolls.sort(key=lambda t: t.span.start)
    return tolls


def _group_toll(
    doc: Doc,
    sent: Span,
    s_idx: int,
    trigger: Token,
    kind: str,
    who: str,
    qs: list[Quantity],
    lex: TollLexicon,
) -> Toll:
    """One toll from the quantities of one trigger and one kind of victim, summed."""
    victims = [q.victim for q in qs if q.victim is not None]
    low, best, high = (sum(getattr(q, f) for q in qs) for f in ("low", "best", "high"))
    if kind == "casualties":  # killed and injured in unknown shares: see the module docstring
        kind, low, best = "killed", 0, 0
    excluded = exclusion(trigger, victims or [doc[qs[0].start]], sent, lex)
    if not excluded and low >= lex.cumulative_min and perfect_aspect(trigger):
        excluded = "cumulative"  # "more than 300,000 people have been killed": a war's toll, no event's
    if excluded == "negated":
        low = best = high = 0
    end = max(max(q.end, q.np_end) for q in qs)
    return _toll(doc, qs[0].start, end, s_idx, kind, (low, best, high), who, excluded)


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
