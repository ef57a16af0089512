"""Calendar arithmetic and word lists shared by the temporal-expression rules (the dates stage).

A normalised expression is a `Resolved`: a range of days [start, end] and a kind. TIMEX3 values map to
ranges the same way the scorer reads them: "1998-Q3" is July-September 1998, "1998-WI" is December 1997
to February 1998, "199" the 1990s, "19" the 1900s; PRESENT_REF is a range ending on the DCT.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365, "decade": 3652}

# The tense of the clause governing an expression: "future" (will/shall), "prospective" (would, may,
# "expects ... to"), "past" (a past-tense verb), "" (present or unknown).
Tense = str
# "planned": prospective through a verb of planning ("is scheduled to meet", "expects ... to"), not a modal
AHEAD: tuple[str, ...] = ("future", "prospective", "planned")


@dataclass(frozen=True)
class Anchor:
    """How an anaphoric expression leans on the last date told before it: "the next day" is the last
    day told plus one (grain "day", unit "day", shift 1); "a year earlier" is the last period told (any
    grain: None) a year back."""

    grain: str | None  # "day", "month", "quarter", "year", or None for whatever period came last
    unit: str  # "day", "month" or "year": what the shift counts
    shift: int


@dataclass
class Resolved:
    """A normalised expression: the days it covers and its kind ("date", "month", "quarter", ...)."""

    start: date | None
    end: date | None
    kind: str
    relative: bool  # needs the publication date
    anchor: Anchor | None = None  # set on anaphoric expressions; start/end then read against the DCT


def unresolved(kind: str) -> Resolved:
    """A relative expression without a publication date to anchor it."""
    return Resolved(None, None, kind, True)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The word lists of data/timex.yaml, read once."""
    text = resources.files("sitreps.data").joinpath("timex.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def number(text: str) -> int:
    """ "3" -> 3, "three" -> 3, "a couple of" -> 2; unknown words count as one."""
    t = " ".join(text.lower().split())
    return int(t) if t.isdigit() else lexicon()["number_words"].get(t, 1)


def ordinal(text: str) -> int | None:
    """ "third" / "3rd" / "3" -> 3."""
    t = text.lower().rstrip(".")
    digits = t.rstrip("stndrh")
    if digits.isdigit():
        return int(digits)
    return lexicon()["ordinals"].get(t)


def month_num(text: str) -> int:
    """ "Sept." -> 9, "October" -> 10."""
    t = text.lower().rstrip(".")
    return MONTHS[t[:4] if t.startswith("sept") else t[:3]]


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the day does not exist ("February 30")."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_range(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month; months past December or before January roll the year."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def months_range(year: int, first: int, last: int) -> tuple[date, date]:
    """First day of month `first` to the last day of month `last` (which may lie in the next year)."""
    return month_range(year, first)[0], month_range(year, last)[1]


def quarter_range(year: int, quarter: int) -> tuple[date, date]:
    """Quarter 1..4 of a year; out-of-range quarters roll the year (quarter 0 is last year's Q4)."""
    year, quarter = year + (quarter - 1) // 4, (quarter - 1) % 4 + 1
    return months_range(year, 3 * quarter - 2, 3 * quarter)


def half_range(year: int, half: int) -> tuple[date, date]:
    """Half 1 or 2 of a year."""
    return months_range(year, 6 * half - 5, 6 * half)


def season_range(year: int, season: str) -> tuple[date, date]:
    """A season of `year` in TIMEX3 terms: winter ("WI") is December of the year before to February."""
    first, last = lexicon()["season_months"][season]
    if first > last:
        return months_range(year - 1, first, last + 12)
    return months_range(year, first, last)


def quarter_of(d: date) -> int:
    """1..4."""
    return (d.month - 1) // 3 + 1


def reported_quarter(ref: date) -> tuple[int, int]:
    """(year, quarter) a bare "the quarter" means in a report of `ref`: the quarter just ended while its
    results come out (the first weeks of the next quarter), else the current one."""
    q = quarter_of(ref)
    start = quarter_range(ref.year, q)[0]
    if (ref - start).days < lexicon()["reported_quarter_lag_days"]:
        return (ref.year, q - 1) if q > 1 else (ref.year - 1, 4)
    return ref.year, q


def nearest_cycle(
    current: int, wanted: int, period: int, tense: Tense, ahead_max: int = 1, future_max: int | None = None
) -> int:
    """Offset (in units) to the instance of a cyclic unit (quarter of a year, month of a year) named
    `wanted`, seen from `current`: the past one in past tense, the coming one in future tense (at most
    `future_max` units ahead), else the nearest (the past one on a tie), never more than `ahead_max` units
    ahead."""
    back = -((current - wanted) % period)
    ahead = (wanted - current) % period
    if back == 0 or ahead == 0:
        return 0
    if tense == "past":
        return back
    if tense in AHEAD:
        return ahead if future_max is None or ahead <= future_max else back
    return ahead if ahead <= ahead_max and ahead < -back else back


def precisions(start: date, end: date) -> tuple[int, int]:
    """(ACLED time_precision, UCDP date_prec) for a date range."""
    days = (end - start).days + 1
    if days <= 1:
        return 1, 1
    if days <= 6:
        return 2, 2
    if days <= 7:
        return 2, 3
    if days <= 31:
        return 3, 4
    return 3, 5


def clip(start: date, end: date, ref: date | None) -> tuple[date, date]:
    """A period that includes the publication date ends there: the report cannot speak of later days."""
    if ref is not None and start <= ref < end:
        return start, ref
    return start, end


def part_of_period(part: str | None, start: date, end: date) -> tuple[date, date]:
    """'early', 'mid', 'late', 'the end of' ... narrow a period to its first, middle or last third."""
    if not part:
        return start, end
    third = max(1, ((end - start).days + 1) // 3)
    p = " ".join(part.lower().rstrip("-").split())
    p = p[4:] if p.startswith("the ") else p
    if p in ("early", "beginning of", "start of", "first part of", "earlier"):
        return start, start + timedelta(days=third - 1)
    if p in ("mid", "middle of", "midst of"):
        return start + timedelta(days=third), end - timedelta(days=third)
    return end - timedelta(days=third - 1), end


def holiday_date(name: str, year: int) -> date | None:
    """The day of a holiday of data/timex.yaml in `year`: "christmas" -> Dec 25, "thanksgiving" -> the
    fourth Thursday of November, "good friday" -> two days before Easter Sunday."""
    spec = lexicon()["holidays"].get(" ".join(name.lower().replace("’", "'").split()))
    if spec is None:
        return None
    if spec[0] == "easter":
        return easter_sunday(year) + timedelta(days=spec[1])
    if len(spec) == 2:
        return safe_date(year, spec[0], spec[1])
    month, weekday, n = spec
    first, last = month_range(year, month)
    if n > 0:
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter_sunday(year: int) -> date:
    """Western Easter (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def days_back(n: int, unit: str) -> int:
    """Days before the reference a span of n units starts: hours reach into the previous day ("the past
    24 hours" is yesterday and today); "the past three days" is today and the two before."""
    if unit == "hour":
        return max(1, -(-n // 24))
    return max(0, round(n * UNIT_DAYS[unit]) - 1)


def phrase_alternation(phrases: list[str], apostrophes: bool = False) -> str:
    """A regex alternation of multi-word phrases, as a trie of words: "the next day|the next week|the
    following day" becomes "(?:the\\s+(?:next\\s+(?:week|day)|following\\s+day))". It matches what the
    flat list tried longest first matches (a longer continuation is tried before a phrase may end), but
    the engine settles each word once instead of once per phrase: flat lists of a few hundred phrases
    were most of the dates stage's time. `apostrophes` lets a straight apostrophe match a curly one."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for word in phrase.split():
            node = node.setdefault(word, {})
        node[""] = {}

    def word(w: str) -> str:
        esc = re.escape(w)
        return esc.replace("'", "['’]") if apostrophes else esc

    def choices(node: dict) -> str:
        """The words that may follow at `node`, each with what may follow it."""
        words = sorted((w for w in node if w), key=lambda w: (-_depth(node[w]), -len(w), w))
        return "|".join(word(w) + tail(node[w]) for w in words)

    def tail(node: dict) -> str:
        if not any(node):
            return ""
        more = rf"\s+(?:{choices(node)})"
        return f"(?:{more})?" if "" in node else more

    return f"(?:{choices(trie)})"


def _depth(node: dict) -> int:
    return 1 + max((_depth(c) for w, c in node.items() if w), default=0)
