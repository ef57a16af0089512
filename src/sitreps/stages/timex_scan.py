"""Where the dates stage runs its rules: only in windows around what every match of a rule contains.

The rules (`timex_rules`, `timex_relative`) are case-insensitive patterns that the regex engine tries at
every position of a text. Each rule here names what any of its matches must contain, in the lower-cased
text: literal words (the month rules need "jan" ... "dec"), whole words ("now", not the "now" of "known"),
or a short pattern of its own ("10:30", "3 p.m.", "days of"). A rule is run only within `WINDOW`
characters of those, windows that touch being merged, which finds the same matches as a scan of the whole
text: a match lies within `WINDOW` characters of what it contains, and the whole string is passed with
pos/endpos, so \\b and lookbehinds see the text before the window.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from sitreps.stages.timex_normalise import lexicon

__all__ = ["WINDOW", "rule_needs", "needs_patterns", "scan", "windows"]

# how far a match may reach from the word it must contain: date expressions are far shorter
WINDOW = 200

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_UNITS = ("hour", "day", "week", "month", "year")

# Rules whose words stand whole in every match (each phrase is bounded by \b in the rule, its words by
# spaces): "now" in "known", "year" in "years" cannot start a window.
_WHOLE_WORDS = frozenset({"reference", "holiday", "anaphoric"})

# Rules with a sharper need than a word, as a pattern over the lower-cased text that every match holds:
# "duration_of" always ends in a unit before "of" ("10 days of strikes"); "time_of_day" always holds a
# clock time ("10:30", "3 p.m.", "9am") or "noon"/"midnight" (not every "am" of "Damascus"); the year
# rules a year ("mid-2014", not every "20" of "20 people"); "iso" a whole ISO date.
_YEAR = r"(?:19|20)\d\d"
_NEEDS_PATTERNS = {
    "duration_of": r"(?:hour|day|week|month|year)s?\s+of\b",
    "time_of_day": r"\d(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d:[0-5]\d|noon|midnight",
    "year_prep": _YEAR,
    "year_part": _YEAR,
    "iso": _YEAR + r"-[01]\d-[0-3]\d",
}


@lru_cache(maxsize=1)
def rule_needs() -> dict[str, tuple[str, ...]]:
    """For each rule, lower-case strings of which every match contains at least one (none: always run)."""
    lex = lexicon()

    def key_words(key: str) -> tuple[str, ...]:
        # each phrase's longest word (apostrophes split it): rarer than its first word ("the near future")
        pieces = ([p for p in re.split(r"['’\s]+", str(k).lower()) if p] for k in lex[key])
        return tuple({max(ws, key=len) for ws in pieces})

    return {
        "explicit_mdy": _MONTHS, "explicit_dmy": _MONTHS, "month_year": _MONTHS, "relative_month": _MONTHS,
        "bare_month_prep": _MONTHS, "bare_month": _MONTHS,
        "holiday": key_words("holidays"),
        "quarter": ("quarter", "period", "q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q"),
        "half": ("half",), "fiscal": ("fiscal",), "season": ("spring", "summer", "autumn", "winter", "fall"),
        "decade": ("decade", "0s", "0's", "ties"), "century": ("century",), "year_end": ("year",),
        "full_year": ("year",), "anaphoric": key_words("anaphoric"), "ago": ("ago", "earlier", "before"),
        "past_span": ("past", "last"), "recent": ("recent",), "coming": ("coming", "next", "ahead"),
        "period": ("week", "month", "year"),
        "relative_day": ("yesterday", "night", "today", "tomorrow", "morning", "afternoon", "evening"),
        "weekday": ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
        "time_of_day": ("a.m.", "p.m.", "am", "pm", ":", "noon", "midnight"),
        "year_prep": ("19", "20"), "year_part": ("19", "20"), "spoken_year": ("nineteen", "thousand"),
        "year_ago": ("year",), "duration_of": _UNITS, "duration_for": _UNITS,
        "reference": key_words("reference_words"),
    }  # fmt: skip


# pattern text -> (its literal words, longest first; whether they must stand whole), for the patterns
# `needs_patterns` builds from words (not those of `_NEEDS_PATTERNS`)
_WORDS_OF: dict[str, tuple[tuple[str, ...], bool]] = {}


def _alternation(words: tuple[str, ...], whole: bool) -> str:
    alternation = "|".join(re.escape(w) for w in words)
    return rf"\b(?:{alternation})\b" if whole else alternation


@lru_cache(maxsize=1)
def needs_patterns() -> dict[str, re.Pattern]:
    """Each rule's need as one case-sensitive pattern run over the lower-cased text: a literal alternation
    of its words (the engine scans for literals fast, unlike the rules' case-insensitive patterns), the
    same bounded by \\b for `_WHOLE_WORDS`, or its `_NEEDS_PATTERNS` pattern."""
    out = {name: re.compile(pattern) for name, pattern in _NEEDS_PATTERNS.items()}
    for name, words in rule_needs().items():
        if not words or name in out:
            continue
        ordered = tuple(sorted(words, key=len, reverse=True))
        whole = name in _WHOLE_WORDS
        out[name] = re.compile(_alternation(ordered, whole))
        _WORDS_OF[out[name].pattern] = (ordered, whole)
    return out


@lru_cache(maxsize=4096)
def _present_pattern(words: tuple[str, ...], whole: bool) -> re.Pattern:
    return re.compile(_alternation(words, whole))


def windows(needs: re.Pattern, low: str) -> list[list[int]]:
    """The merged character windows around every match of `needs` in the lower-cased text.

    A word alternation is run with only the words the text holds at all (a substring test each, far
    cheaper than the regex engine trying every alternative at every position): the others can match
    nowhere, so the matches are the same.
    """
    words, whole = _WORDS_OF.get(needs.pattern, ((), False))
    finder = needs
    if words:
        present = tuple(w for w in words if w in low)
        if not present:
            return []
        if len(present) < len(words):
            finder = _present_pattern(present, whole)
    found: list[list[int]] = []
    for m in finder.finditer(low):
        a, b = max(0, m.start() - WINDOW), min(len(low), m.end() + WINDOW)
        if found and a <= found[-1][1]:
            found[-1][1] = max(found[-1][1], b)
        else:
            found.append([a, b])
    return found


def scan(
    name: str, pattern: re.Pattern, text: str, low: str, seen: dict[str, list[list[int]]] | None = None
) -> Iterator[re.Match]:
    """`pattern.finditer(text)`, run only in the windows of rule `name` (the same matches).

    `seen` keeps one text's windows by need: six month rules need the same twelve words.
    """
    needs = needs_patterns().get(name)
    if needs is None or len(low) != len(text):  # lower() lengthened a character ("İ"): offsets differ
        yield from pattern.finditer(text)
        return
    found = seen.get(needs.pattern) if seen is not None else None
    if found is None:
        found = windows(needs, low)
        if seen is not None:
            seen[needs.pattern] = found
    for a, b in found:
        # the whole string with pos/endpos: \b and lookbehinds see the text before the window
        yield from pattern.finditer(text, a, b)
