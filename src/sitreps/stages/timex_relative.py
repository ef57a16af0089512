"""Relative temporal expressions: weekdays, "yesterday", "last week", "three days ago", "the past 24
hours", "now", times of day. All are normalised against the publication date (the reference, TIMEX3's
DCT); without one they come back unresolved.

Conflict-report conventions: a weekday in a past-tense report is the most recent such day ON OR BEFORE
the reference (wire style names the publication day itself by its weekday); "last Thursday" is strictly
before it; with future tense ("will meet on Thursday") it is the next such day on or after it.
"overnight" and "last night" are the day before the report.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitreps.stages.timex_normalise import (
    UNIT_DAYS,
    WEEKDAYS,
    Anchor,
    Resolved,
    Tense,
    clip,
    days_back,
    lexicon,
    month_range,
    number,
    part_of_period,
    phrase_alternation,
    quarter_of,
    quarter_range,
    unresolved,
)
from sitreps.stages.timex_rules import DAY, EDGE, MONTH, WD, YEAR, Normaliser, explicit_date

NUM = (
    r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|eighteen|twenty|thirty|forty|fifty|several|few|couple\s+of)"
)
UNIT = r"(?P<unit>hour|day|week|month|year)s?"
DAY_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"


def weekday(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    if ref is None:
        return unresolved("weekday")
    wd = next(i for i, w in enumerate(WEEKDAYS) if m.group("wd").lower().startswith(w[:3]))
    prefix = " ".join((m.groupdict().get("pre") or "").lower().split())
    if prefix in ("coming", "this coming"):
        prefix = "next"
    # "will meet Monday", "is scheduled to close Monday"; not "could do harm" ("warnings on Thursday")
    if prefix == "next" or (tense in ("future", "planned") and prefix != "last"):
        d = ref + timedelta(days=(wd - ref.weekday()) % 7 or (7 if prefix == "next" else 0))
    else:
        back = (ref.weekday() - wd) % 7
        if prefix == "last" and back == 0:
            back = 7
        d = ref - timedelta(days=back)
    return Resolved(d, d, "weekday", True)


def relative_day(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "yesterday", "overnight", "this morning", "tomorrow"."""
    if ref is None:
        return unresolved("relative")
    key = " ".join(m.group(0).lower().split())
    key = re.sub(r"^(?:early|late)\s+(?=yesterday|last night)", "", key)
    key = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", key) if key.startswith("yesterday") else key
    d = ref + timedelta(days=lexicon()["relative_days"].get(key, 0))
    return Resolved(d, d, "relative", True)


def time_of_day(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "10:30 a.m. EDT", "around 7:15 p.m.": a clock time is on the day it names ("5 p.m. EST Nov. 9",
    "midnight Friday"), else on the last day told before it, else on the reference day."""
    if m.group("month"):
        day = explicit_date(m, ref, tense)
        return Resolved(day.start, day.end, "time", day.relative) if day else None
    if m.group("wd"):
        day = weekday(m, ref, tense)
        return Resolved(day.start, day.end, "time", True) if day else None
    if ref is None:
        return unresolved("time")
    return Resolved(ref, ref, "time", True, Anchor("day", "day", 0))


_SHIFT = {"this": 0, "current": 0, "the": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}


def period(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """this/last/next week|weekend|month|quarter|year, "the year", "earlier this month", "late last year",
    "the end of the year"."""
    if ref is None:
        return unresolved("relative")
    which = m.group("which").lower().split()[-1]
    unit = m.group("punit").lower()
    shift = _SHIFT[which]
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday())
        start, end = monday + timedelta(days=7 * shift), monday + timedelta(days=7 * shift + 6)
    elif unit == "weekend":
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
        if which == "next" or (which == "this" and ref.weekday() < 5):
            saturday += timedelta(days=7) if which == "next" or tense == "future" else timedelta(days=0)
        if which == "last" and ref.weekday() >= 5:
            saturday -= timedelta(days=7)
        start, end = saturday, saturday + timedelta(days=1)
    elif unit == "month":
        start, end = month_range(ref.year, ref.month + shift)
    elif unit == "quarter":
        start, end = quarter_range(ref.year, quarter_of(ref) + shift)
    else:
        start, end = date(ref.year + shift, 1, 1), date(ref.year + shift, 12, 31)
    qualifier = (m.group("qual") or "").lower()
    if qualifier == "earlier" and which == "this":
        end = ref
    elif qualifier == "later" and which == "this":
        start = min(ref + timedelta(days=1), end)
    elif qualifier:
        start, end = part_of_period(qualifier, start, end)
    start, end = part_of_period(m.group("edge"), start, end)
    plain_last_year = unit == "year" and which == "last" and not qualifier and not m.group("edge")
    if plain_last_year and _COMPARED.search(m.string, max(0, m.start() - 50), m.start()):
        # "profit rose to $5 million from $3 million last year": the period told, a year back
        return Resolved(*clip(start, end, ref), "relative", True, Anchor("period", "year", -1))
    return Resolved(*clip(start, end, ref), "relative", True)


# an earnings comparison just before "last year": "from $3.1 million", "compared with 45 cents"
_NOT_END = r"(?:[^.;]|\.(?=\d))"  # no sentence end, but the point of "$3.1"
_COMPARED = re.compile(
    rf"\b(?:from|compared\s+(?:with|to)|versus|vs\.|against)\s+{_NOT_END}{{0,30}}\d{_NOT_END}{{0,25}}$",
    re.I,
)


def past_span(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "over the past 24 hours", "in the last three days", "the past week": the span up to the reference.
    A span of several months or years dates no event: TIMEX3 calls it a DURATION, and so do we."""
    if ref is None:
        return unresolved("relative")
    n = number(m.group("n")) if m.group("n") else 1
    unit = (m.group("unit") or "day").lower().rstrip("s")
    kind = "duration" if m.group("n") and n > 1 and unit in ("month", "year") else "relative"
    if m.group("n") and m.group("n").lower() in ("few", "several", "couple of"):
        kind = "reference"  # "the last few months": TIMEX3's PAST_REF, no count to measure
    return Resolved(ref - timedelta(days=days_back(n, unit)), ref, kind, True)


def recent(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "recent days" (a week), "recent weeks"/"months" (a month), "recent years" (PAST_REF, a year)."""
    if ref is None:
        return unresolved("relative")
    word = m.group(0).lower()
    days = 364 if "year" in word else 29 if ("month" in word or "week" in word) else 6
    return Resolved(ref - timedelta(days=days), ref, "relative" if days < 364 else "reference", True)


def coming(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "the coming weeks", "the months ahead": FUTURE_REF, the span after the reference."""
    if ref is None:
        return unresolved("reference")
    unit = (m.group("unit") or m.group("unit_ahead")).lower()
    end = ref + timedelta(days=round(3 * UNIT_DAYS[unit]))
    return Resolved(ref + timedelta(days=1), end, "reference", True)


def ago(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "three days ago", "a year ago", "a year earlier": the unit that many units before the reference.
    "A year earlier" (or "ago") in a report comparing periods is the period last told, a year back ("the
    third quarter ... a year earlier"); "three days earlier" is three days before the last day told."""
    if ref is None:
        return unresolved("relative")
    n = number(m.group("n"))
    unit = m.group("unit").lower().rstrip("s")
    if unit in ("hour", "day"):
        days = round(n * UNIT_DAYS[unit])
        d = ref - timedelta(days=days)
        anchored = Anchor("day", "day", -days) if m.group("dir").lower() != "ago" and unit == "day" else None
        return Resolved(d, d, "relative", True, anchored)
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday() + 7 * n)
        return Resolved(monday, monday + timedelta(days=6), "relative", True)
    if unit == "month":
        return Resolved(*month_range(ref.year, ref.month - n), "relative", True)
    start, end = date(ref.year - n, 1, 1), date(ref.year - n, 12, 31)
    return Resolved(start, end, "relative", True, Anchor(None, "year", -n))


def anaphoric(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "the next day", "that year", "the previous month": read against the publication date here; the
    dates stage moves them onto the last date told before them (`anchor_to`)."""
    if ref is None:
        return unresolved("relative")
    grain, unit, shift = lexicon()["anaphoric"][" ".join(m.group(0).lower().split())]
    if unit == "day":
        start = end = ref + timedelta(days=shift)
    elif unit == "month":
        start, end = month_range(ref.year, ref.month + shift)
    else:
        start, end = date(ref.year + shift, 1, 1), date(ref.year + shift, 12, 31)
    return Resolved(*clip(start, end, ref), "relative", True, Anchor(grain, unit, shift))


def duration(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "10 days of air strikes", "for three weeks": kind "duration", the span up to the reference."""
    if ref is None:
        return unresolved("duration")
    n = number(m.group("n"))
    unit = m.group("unit").lower().rstrip("s")
    return Resolved(ref - timedelta(days=days_back(n, unit)), ref, "duration", True)


def reference(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "now", "recently", "in the past", "the future": TIMEX3's PRESENT_REF, PAST_REF, FUTURE_REF."""
    if ref is None:
        return unresolved("reference")
    offset = lexicon()["reference_words"][" ".join(m.group(0).lower().split())]
    if offset == 0:
        return Resolved(ref, ref, "reference", True)
    if offset < 0:
        return Resolved(ref + timedelta(days=offset), ref, "reference", True)
    return Resolved(ref + timedelta(days=1), ref + timedelta(days=offset), "reference", True)


# ------------------------------------------------------------------------------- anaphoric anchors


def grain_of(res: Resolved) -> str | None:
    """The calendar unit a resolved expression names: "day", "month", "quarter", "half", "season",
    "year", or None (a week, a span, a reference, a duration: nothing to lean on)."""
    start, end = res.start, res.end
    if start is None or end is None or res.kind in ("duration", "reference", "decade", "century"):
        return None
    if start == end:
        return "day"
    if res.kind in ("quarter", "half", "season", "month", "year"):
        return res.kind
    if start.day == 1 and end.year == start.year:
        if end.month == start.month:
            return "month"
        if start.month == 1 and (end - start).days >= 180:
            return "year"
    return None


_GRAIN_KIND = {"day": "relative"}


def anchor_to(res: Resolved, history: list[Resolved], ref: date | None) -> Resolved:
    """An anaphoric expression moved onto the last fitting date told before it (`history`, in text
    order); unchanged when none fits."""
    a = res.anchor
    if a is None:
        return res
    for prev in reversed(history):
        grain = grain_of(prev)
        if grain is None or prev.anchor is not None or prev.start is None:
            continue
        if a.grain == "period":  # only a period shorter than a year told last ("the third quarter")
            if grain not in ("quarter", "half", "month", "season"):
                return res
            a = Anchor(None, a.unit, a.shift)
        if a.grain == "day" and grain != "day" or a.grain == "month" and grain not in ("day", "month"):
            continue
        target = a.grain or grain
        start, end = _unit_range(prev.start, prev.end or prev.start, target)
        start, end = _shifted(start, end, target, a.unit, a.shift)
        kind = res.kind if res.kind == "time" else _GRAIN_KIND.get(target, target)
        return Resolved(*clip(start, end, ref), kind, True, a)
    return res


def _unit_range(start: date, end: date, grain: str) -> tuple[date, date]:
    """The whole calendar unit of `grain` holding `start` (a season keeps its own range)."""
    if grain == "day":
        return start, start
    if grain == "month":
        return month_range(start.year, start.month)
    if grain == "quarter":
        return quarter_range(start.year, quarter_of(start))
    if grain == "half":
        return month_range(start.year, 1 if start.month <= 6 else 7)[0], month_range(
            start.year, 6 if start.month <= 6 else 12
        )[1]
    if grain == "year":
        return date(start.year, 1, 1), date(start.year, 12, 31)
    return start, end


def _shifted(start: date, end: date, grain: str, unit: str, shift: int) -> tuple[date, date]:
    if shift == 0:
        return start, end
    if unit == "day":
        return start + timedelta(days=shift), end + timedelta(days=shift)
    months = shift if unit == "month" else 12 * shift
    if grain == "day":
        d = month_range(start.year, start.month + months)[1]
        return (d.replace(day=min(start.day, d.day)),) * 2
    return month_range(start.year, start.month + months)[0], month_range(end.year, end.month + months)[1]


def _words(key: str) -> str:
    """An alternation of a lexicon's phrases (a word trie, longest first), spaces matching any whitespace."""
    return phrase_alternation(list(lexicon()[key]))


RELATIVE_RULES: dict[str, tuple[re.Pattern, Normaliser]] = {
    "ago": (re.compile(rf"\b{NUM}\s+{UNIT}(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|before)\b", re.I), ago),
    "anaphoric": (
        re.compile(rf"\b(?:{_words('anaphoric')})\b(?!\s+(?:yesterday|tomorrow|last|next)\b)", re.I),
        anaphoric,
    ),
    "past_span": (
        re.compile(rf"\b(?:over|in|during|within|for)?\s*the\s+(?:past|last)\s+(?:{NUM}\s+)?{UNIT}", re.I),
        past_span,
    ),
    "recent": (re.compile(r"\b(?:in\s+)?recent\s+(?:days|weeks|months|years)\b", re.I), recent),
    "coming": (
        re.compile(
            r"\b(?:the\s+|in\s+)(?:coming|next\s+few|next\s+several)\s+(?P<unit>day|week|month|quarter|year)s\b"
            r"|\bthe\s+(?P<unit_ahead>day|week|month|year)s\s+ahead\b",
            re.I,
        ),
        coming,
    ),
    "period": (
        re.compile(
            rf"\b{EDGE}?(?:(?P<qual>earlier|later|early|late|mid)[\s-]+)?(?P<which>this|last|next|the\s+current"
            r"|the\s+previous|the\s+coming|the)\s+(?P<punit>week|weekend|month|year)\b(?!-)"
            r"(?!\s+(?:two\s+thousand|nineteen)\b)",
            re.I,
        ),
        period,
    ),
    "relative_day": (
        re.compile(
            r"\b(?:(?:early|late)\s+)?(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday(?:\s+"
            r"(?:morning|afternoon|evening))?|last\s+night|overnight|tonight|today|this\s+(?:morning|afternoon"
            r"|evening)|tomorrow)\b",
            re.I,
        ),
        relative_day,
    ),
    "weekday": (
        re.compile(
            rf"\b(?P<pre>(?:this\s+coming|coming|last|next|on|this|late|early)\s+)?(?P<wd>{WD}){DAY_PART}"
        ),
        weekday,
    ),
    "time_of_day": (
        re.compile(
            r"\b(?:[01]?\d(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|[012]?\d:[0-5]\d\b|noon\b|midnight\b)"
            r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|local\s+time)\b)?"
            # the day it is on: "5 p.m. EST Nov. 9", "noon Saturday"
            rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WD})\b|{MONTH}\s+{DAY}\b(?:,?\s+{YEAR}\b)?))?",
        ),
        time_of_day,
    ),
    # "10 days of air strikes", "for three weeks"
    "duration_of": (re.compile(rf"\b{NUM}\s+{UNIT}(?=\s+of\b)", re.I), duration),
    "duration_for": (re.compile(rf"\bfor\s+{NUM}\s+{UNIT}\b", re.I), duration),
    "reference": (re.compile(rf"\b(?:{_words('reference_words')})\b", re.I), reference),
}
