"""Helpers shared by the event tasks (event-type, event-location, arguments, attribution, plover).

Kept apart from the loaders: how sitreps is run on one text, and how role fillers are compared.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from sitreps.model import Actor, ActorMention, Article, ArticleAnalysis, EventMention, TextSpan
from sitreps.pipeline import StageTimer, analyse

# Words that end a noun phrase's head region: "members OF the FMLN" -> "members".
_CUT = re.compile(r"\s+(?:of|who|which|that|from|in|at|on|with|near|,)\s+|[,(\[;:]", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-.]*")
_STOP = frozenset(
    {
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by",
        "with", "from", "its", "his", "her", "their", "this", "that", "these", "those", "some", "several",
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    }
)


def head_word(text: str) -> str:
    """Head word of a noun phrase, lower-cased: the last word before any post-modifier.

    English noun phrases are head-final before their post-modifiers ("the Russian major general in
    Syria" -> "general"; "members of the FMLN" -> "members"). Used the same way on gold and
    predicted strings, so neither side gets an advantage.
    """
    first = _CUT.split(text.strip(), maxsplit=1)[0]
    words = [w.strip(".'-") for w in _WORD.findall(first)]
    words = [w for w in words if w]
    if not words:
        words = list(_WORD.findall(text))
    return words[-1].lower() if words else ""


def content_words(text: str) -> set[str]:
    """Lower-cased words minus function words, for loose name matching."""
    return {w.lower().strip(".'") for w in _WORD.findall(text)} - _STOP - {""}


@dataclass
class _DocTimer(StageTimer):
    """A StageTimer that also keeps the parsed Doc, so a task can use the same parse as the pipeline."""

    doc: Doc | None = None
    given: Doc | None = None  # a Doc parsed beforehand (in a batch): used instead of parsing again

    def run(self, name: str, fn: Callable, *args):
        if name == "parse" and self.given is not None:
            self.doc = self.given
            return self.given
        result = super().run(name, fn, *args)
        if name == "parse":
            self.doc = result
        return result


def analyse_text(text: str, title: str = "", doc: Doc | None = None) -> tuple[ArticleAnalysis, Doc]:
    """Run the whole pipeline on one text; the analysis and the spaCy Doc it was read from.

    `doc`, when given, is the text's parse made beforehand (see `parsed`), so it is not parsed twice.
    """
    timer = _DocTimer(given=doc)
    analysis = analyse(Article(text=text, title=title, path="<eval>"), published=None, timer=timer)
    assert timer.doc is not None
    return analysis, timer.doc


def actor_span(analysis: ArticleAnalysis, mention: EventMention, actor: Actor | None) -> TextSpan | None:
    """The text span of `actor` nearest the mention's trigger (the event stores the Actor, not its span)."""
    if actor is None:
        return None
    found: list[ActorMention] = [a for a in analysis.actors if a.actor == actor]
    if not found:
        found = [a for a in analysis.actors if a.actor.name == actor.name]
    if not found:
        return None
    t = mention.trigger_span.start
    return min(found, key=lambda a: abs(a.span.start - t)).span


def first_mention(analysis: ArticleAnalysis) -> EventMention | None:
    """The mention sitreps reads first (events carry no confidence, so text order decides)."""
    return min(analysis.mentions, key=lambda m: m.trigger_span.start) if analysis.mentions else None


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """English words (the language model's lemmatizer index: WordNet's nouns, verbs, adjectives, adverbs)
    and spaCy's stop words: the words an all-capitals wire writes in lower case once truecased."""
    from sitreps.nlp import load_nlp

    try:
        index = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        words = {w.lower() for ws in index.values() for w in ws}
    except (KeyError, ValueError, AttributeError):
        words = set()
    return frozenset(words | {w.lower() for w in STOP_WORDS})


def deshout(text: str) -> str:
    """Truecase an all-capitals text (MUC-4 wires), which spaCy's small model cannot parse: sentence case,
    and words that are no English word keep a capital ("ANTONIO ROLDAN BETANCUR" -> "Antonio Roldan
    Betancur", "FMLN" -> "FMLN" when short), so names stay names."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.8:
        return text
    common = common_words()

    def is_common(low: str) -> bool:
        stems = [low]  # the index holds lemmas: "guerrillas", "killed", "carried", "bombing" need theirs
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"),
                             ("ing", ""), ("ing", "e"), ("ers", ""), ("er", "")):  # fmt: skip
            if low.endswith(suffix) and len(low) - len(suffix) >= 2:
                stems.append(low[: -len(suffix)] + repl)
        return any(st in common for st in stems)

    stop = {w.lower() for w in STOP_WORDS}

    def word(m: re.Match) -> str:
        w = m.group(0)
        low = w.lower()
        # a word right after a name, itself no stop word, continues it: "San Salvador", "Farabundo Marti"
        before = m.string[max(0, m.start() - 1) : m.start()]
        continues = before == " " and m.start() >= 2 and names.get(m.start() - 1, False) and low not in stop
        if not continues and (len(w) == 1 or is_common(low)):
            return low
        if not any(c in "aeiouy" for c in low):
            return w  # an acronym: "FMLN"
        names[m.end()] = True
        return w[0] + w[1:].lower()  # a name: "Betancur"

    names: dict[int, bool] = {}  # end offsets of the words kept as names
    lower = re.sub(r"[A-Za-z]+", word, text)
    return re.sub(r"(^|[.!?]\s+|\n\s*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), lower)


def parsed(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """The texts parsed in batches (`nlp.pipe`), about twice as fast as one at a time."""
    from sitreps.nlp import load_nlp

    yield from load_nlp().pipe(texts, batch_size=batch_size)


def analyse_safely(
    text: str, errors: list[str], title: str = "", doc: Doc | None = None
) -> tuple[ArticleAnalysis, Doc] | None:
    """`analyse_text`, but a crash in a stage is logged in `errors` and scored as "found nothing".

    An evaluation must finish and say how often sitreps failed, rather than stop at the first bad record.
    """
    try:
        return analyse_text(text, title, doc)
    except Exception as exc:  # noqa: BLE001 - any stage failure is one failed record
        errors.append(f"{type(exc).__name__}: {exc}")
        return None


def error_summary(errors: list[str]) -> dict[str, int]:
    """Counts of distinct failure messages, most common first (for `details`)."""
    from collections import Counter

    return dict(Counter(errors).most_common(5))
