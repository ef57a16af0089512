"""Calendar temporal expressions: dates, months, years, quarters, halves, seasons, decades, centuries.

Each rule is a regular expression and a normaliser taking (match, reference date or None, tense) and
returning a `Resolved` or None (no date after all). Spans follow TIMEX3: a leading "the" belongs to a
period ("the third quarter", "the 1990s"), a modifier use does not ("third-quarter profit").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from sitreps.stages.timex_normalise import (
    AHEAD,
    Anchor,
    Resolved,
    Tense,
    clip,
    half_range,
    holiday_date,
    lexicon,
    month_num,
    month_range,
    nearest_cycle,
    number,
    ordinal,
    part_of_period,
    phrase_alternation,
    quarter_of,
    quarter_range,
    reported_quarter,
    safe_date,
    season_range,
    unresolved,
)

Normaliser = Callable[[re.Match, date | None, Tense], Resolved | None]

MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
FULL_MONTH = (
    r"(?P<month>January|February|March|April|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
WD = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon\.|Tue\.|Tues\.|Wed\.|Thu\.|Thurs\.|Fri\.)"
)
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
PART = r"(?:(?P<part>early|mid-|mid|late)[\s-]*)"
# "the end of", "the beginning of", ...: TIMEX3 keeps them in the span (value of the period, mod END)
EDGE = r"(?P<edge>(?:the\s+)?(?:end|beginning|start|middle|close|first\s+part|second\s+half)\s+of\s+)"
ORD = r"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
# a year as broadcast transcripts say it, after a month or a season ("January nineteen ninety-seven")
SPOKEN = (
    r"(?P<spoken>nineteen[\s-]+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two"
    r"|three|four|five|six|seven|eight|nine))?|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six"
    r"|seven|eight|nine|ten))?)\b"
)
RELATIVE_YEAR = r"(?P<ryear>this|last|next|the|the\s+current|the\s+previous|the\s+past|the\s+coming)\s+year"
_PREP = r"(?:in|since|during|until|by|from|of|through|before|after|for|to|between|and|or|ended|ending)"


def _year_of(m: re.Match, ref: date | None) -> int | None:
    """The year a rule's match names: an explicit year, "this/last/next year", else None."""
    gd = m.groupdict()
    explicit = gd.get("year") or gd.get("qyear") or gd.get("fyear")
    if explicit:
        return int(explicit)
    if gd.get("ryear") and ref is not None:
        word = gd["ryear"].split()[-1].lower()
        return ref.year + {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(word, 0)
    return None


# --------------------------------------------------------------------------------- days and months


def explicit_date(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """ "Oct. 7, 2015", "7 October", "Wednesday, Oct. 7": a month-day without a year takes the year that
    puts it on or after the reference in future tense, else the nearer (in past tense, at most a few
    weeks ahead)."""
    month, day = month_num(m.group("month")), int(m.group("day"))
    if m.group("year"):
        d = safe_date(int(m.group("year")), month, day)
        return Resolved(d, d, "date", False) if d else None
    if ref is None:
        return unresolved("date")
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := safe_date(y, month, day))]
    if not candidates:
        return None
    if tense in AHEAD:
        d = min((c for c in candidates if c >= ref), default=candidates[-1])
    else:  # the nearer one, the past one on a tie ("the meeting on Nov. 15")
        d = min(candidates, key=lambda c: (abs((c - ref).days), c > ref))
        if tense == "past" and d > ref:
            d = max(c for c in candidates if c <= ref)  # "the siege began on December 3": last December
    return Resolved(d, d, "date", True)


def holiday(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """ "Christmas", "Thanksgiving 1997", "last Easter": the holiday of the year named, else the instance
    the tense points at, as for a month-day without a year ("before Christmas" told in November: the
    coming one)."""
    name = m.group("holiday")
    if m.group("year"):
        d = holiday_date(name, int(m.group("year")))
        return Resolved(d, d, "date", False) if d else None
    if ref is None:
        return unresolved("date")
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := holiday_date(name, y))]
    which = (m.group("hwhich") or "").lower()
    if which == "last":
        d = max(c for c in candidates if c < ref)
    elif which == "next" or tense in AHEAD:
        d = min(c for c in candidates if c >= ref)
    else:  # the nearer, but a past-tense clause speaks of one gone by
        d = min(candidates, key=lambda c: (abs((c - ref).days), c > ref))
        if tense == "past" and d > ref:
            d = max(c for c in candidates if c <= ref)
    return Resolved(d, d, "date", True)


def _holiday_names() -> str:
    return phrase_alternation(list(lexicon()["holidays"]), apostrophes=True)


def iso_date(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    d = safe_date(int(m.group("year")), int(m.group("mm")), int(m.group("dd")))
    return Resolved(d, d, "date", False) if d else None


def month_year(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "January 2014", "late September 1997", "June last year", "January nineteen ninety-seven"."""
    y = _year_of(m, ref) or spoken_year_number(m.groupdict().get("spoken"))
    if y is None:
        return unresolved("month")
    start, end = month_range(y, month_num(m.group("month")))
    start, end = part_of_period(m.group("part"), start, end)
    return Resolved(start, end, "month", not m.group("year"))


def bare_month(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "in March": the most recent March in past tense, the coming one in future tense, else the
    nearer (at most a month ahead)."""
    if ref is None:
        return unresolved("month")
    month = month_num(m.group("month"))
    shift = nearest_cycle(ref.month, month, 12, tense, ahead_max=2)
    start, end = month_range(ref.year, ref.month + shift)
    start, end = part_of_period(m.group("part") or m.groupdict().get("edge"), start, end)
    return Resolved(*clip(start, end, ref), "month", True)


def relative_month(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "last May" (the May before the current month), "this September" (of the current year)."""
    if ref is None:
        return unresolved("month")
    month = month_num(m.group("month"))
    which = m.group("which").lower()
    year = ref.year
    if which == "last" and month >= ref.month:
        year -= 1
    elif which == "next" and month <= ref.month:
        year += 1
    return Resolved(*month_range(year, month), "month", True)


# ----------------------------------------------------------------------------- years and longer


def year(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "2014", "early 1998", "mid-1997", "the end of 1997"."""
    y = int(m.group("year"))
    gd = m.groupdict()
    start, end = part_of_period(gd.get("part") or gd.get("edge"), date(y, 1, 1), date(y, 12, 31))
    return Resolved(*clip(start, end, ref), "year", False)


def spoken_year_number(words: str | None) -> int | None:
    """1997 for "nineteen ninety-seven", 2001 for "two thousand and one"; None if the words are no year."""
    if not words:
        return None
    parts = [w for w in words.lower().replace("-", " ").split() if w != "and"]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + (number(parts[2]) if len(parts) > 2 else 0)
    if parts[0] == "nineteen" and all(w in lexicon()["number_words"] for w in parts[1:]):
        return 1900 + sum(number(w) for w in parts[1:])
    return None


def spoken_year(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """ "nineteen ninety-eight", "two thousand and one": years as broadcast transcripts write them."""
    if m.group("thousand"):
        before = m.string[max(0, m.start() - 8) : m.start()]
        introduced = m.group(0).lower().startswith("the") or re.search(rf"\b{_PREP}\s+$", before)
        if not (m.group("units") or introduced):
            return None  # "two thousand troops": a count
        y = 2000 + (number(m.group("units")) if m.group("units") else 0)
    else:
        words = m.group("rest").lower().replace("-", " ").split()
        if any(w not in lexicon()["number_words"] for w in words):
            return None
        y = 1900 + sum(number(w) for w in words)
    return Resolved(*clip(date(y, 1, 1), date(y, 12, 31), ref), "year", False)


def year_ago(m: re.Match, ref: date | None, tense: Tense) -> Resolved:
    """ "year-earlier profit": the year before the reference's."""
    if ref is None:
        return unresolved("year")
    # the period last told, a year back ("third-quarter profit ... year-earlier profit")
    start, end = date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31)
    return Resolved(start, end, "year", True, Anchor(None, "year", -1))


def year_end(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """ "by year-end", "since year end", "the year's end": December 31 of the report's year, or of the
    year before when the clause looks back ("has risen since year-end", "at year-end, debt was ...")."""
    if ref is None:
        return unresolved("date")
    since = re.search(r"\bsince\s+$", m.string[max(0, m.start() - 8) : m.start()], re.I)
    y = ref.year - 1 if since or (tense == "past" and ref.month < 12) else ref.year
    d = date(y, 12, 31)
    return Resolved(d, d, "date", True)


def full_year(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """ "the full year", "the whole year": the report's year (earnings reports)."""
    if ref is None:
        return unresolved("year")
    return Resolved(*clip(date(ref.year, 1, 1), date(ref.year, 12, 31), ref), "relative", True)


def fiscal_year(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """ "fiscal 1998", "fiscal year 1998", "the 1998 fiscal year": TIMEX3's FY1998. Fiscal years start in
    different months, so the range is the calendar year named (its closing year for most companies)."""
    gd = m.groupdict()
    y = (1900 if int(gd["fy2"]) > 30 else 2000) + int(gd["fy2"]) if gd.get("fy2") else _year_of(m, ref)
    if y is None:
        return unresolved("year") if ref is None else None
    return Resolved(*clip(date(y, 1, 1), date(y, 12, 31), ref), "year", ref is not None)


def decade(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """ "the 1990s", "the late 1980s", "the '90s", "the nineties"; "this decade" needs the reference."""
    gd = m.groupdict()
    if gd.get("dyear"):
        y = int(gd["dyear"])
    elif gd.get("short"):
        y = (1900 if int(gd["short"]) > 20 else 2000) + int(gd["short"])
    elif gd.get("dword"):
        y = 1900 + 10 * ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                         "nineties"].index(gd["dword"].lower()) + 20  # fmt: skip
    elif ref is not None:
        shift = {"last": -10, "previous": -10, "next": 10}.get(gd["which"].split()[-1].lower(), 0)
        y = ref.year // 10 * 10 + shift
    else:
        return unresolved("decade")
    start, end = part_of_period(gd.get("part"), date(y, 1, 1), date(y + 9, 12, 31))
    return Resolved(*clip(start, end, ref), "decade", gd.get("which") is not None)


def century(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """ "the 20th century", "the twentieth century", "this century", "the next century"."""
    gd = m.groupdict()
    if gd.get("cord"):
        n = ordinal(gd["cord"])
        if n is None:
            return None
        first = (n - 1) * 100
    elif ref is not None:
        shift = {"last": -100, "previous": -100, "next": 100}.get(gd["which"].split()[-1].lower(), 0)
        first = ref.year // 100 * 100 + shift
    else:
        return unresolved("century")
    start, end = part_of_period(gd.get("part"), date(max(1, first), 1, 1), date(first + 99, 12, 31))
    return Resolved(*clip(start, end, ref), "century", gd.get("cord") is None)


# ------------------------------------------------------------------------- quarters, halves, seasons


def quarter(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """ "the third quarter (of 1997)", "third-quarter", "Q3", "the quarter", "last quarter", "the
    year-ago quarter": quarters without a year are placed around the quarter being reported; an ordinal
    alone ("the fourth quarter") is that quarter of the year being reported (of the current year in
    future tense), since reports compare the quarters of one year."""
    gd = m.groupdict()
    which = " ".join((gd.get("which") or "").lower().split())
    if m.group(0).lower().strip() == "quarter":
        return None  # "a quarter of the shares": a fraction, not a period
    digits = gd.get("qnum") or gd.get("qnum2")
    q = ordinal(gd["ord"]) if gd.get("ord") else int(digits) if digits else None
    y = _year_of(m, ref)
    if gd.get("pyear"):
        y = int(gd["pyear"])
    elif gd.get("pwhich") and ref is not None:
        y = ref.year + {"last": -1, "this": 0, "next": 1}[gd["pwhich"].lower()]
    if which in ("last", "final") and gd.get("of"):
        q = 4  # "the last quarter of 1997"
    if q is not None and y is not None:
        return Resolved(*clip(*quarter_range(y, q), ref), "quarter", not (gd.get("year") or gd.get("qyear")))
    if ref is None:
        return unresolved("quarter")
    ry, rq = reported_quarter(ref)
    if q is not None:
        if tense in AHEAD:
            ry, rq = ref.year, quarter_of(ref)
        start, end = quarter_range(ry, q)
        if tense == "past" and start > ref:  # "the fourth quarter was weak" told in August: last year's
            start, end = quarter_range(ry - 1, q)
    elif which in ("last", "past", "previous", "latest", "most recent", "recent"):
        start, end = quarter_range(*reported_quarter(ref)) if which != "last" else _previous_quarter(ref)
    elif which in ("this", "current"):
        start, end = quarter_range(ref.year, quarter_of(ref))
    elif which in ("next", "coming"):
        start, end = quarter_range(ref.year, quarter_of(ref) + 1)
    elif which.startswith("year"):  # "the year-ago quarter": the quarter last told, a year back
        start, end = quarter_range(ry - 1, rq)
        grain = "quarter" if m.group(0).lower().endswith("quarter") else None
        return Resolved(*clip(start, end, ref), "quarter", True, Anchor(grain, "year", -1))
    else:  # "the quarter", "the fiscal quarter"
        start, end = quarter_range(ry, rq) if tense not in AHEAD else quarter_range(ref.year, quarter_of(ref))
    return Resolved(*clip(start, end, ref), "quarter", True)


def _previous_quarter(ref: date) -> tuple[date, date]:
    return quarter_range(ref.year, quarter_of(ref) - 1)


def half(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """ "the first half (of 1998 / of the year / of next year)", "second-half": halves without a year
    are those of the reference year, the one before for a second half in a past-tense first-half report."""
    h = {"first": 1, "second": 2, "1st": 1, "2nd": 2, "latter": 2, "back": 2}[m.group("hword").lower()]
    y = _year_of(m, ref)
    if y is None:
        if ref is None:
            return unresolved("half")
        y = ref.year - 1 if (h == 2 and ref.month <= 6 and tense == "past") else ref.year
    return Resolved(*clip(*half_range(y, h), ref), "half", m.group("year") is None)


def season(m: re.Match, ref: date | None, tense: Tense) -> Resolved | None:
    """ "this spring", "last summer", "the fall of 1997", "winter 1998", "in the autumn"."""
    if not _is_season_use(m):
        return None
    code = lexicon()["seasons"][m.group("season").lower()]
    y = _year_of(m, ref) or spoken_year_number(m.groupdict().get("spoken"))
    if y is None:
        if ref is None:
            return unresolved("season")
        which = " ".join((m.group("which") or "").lower().split())
        which = {"this coming": "next"}.get(which, which)
        y = _season_year(code, which, ref, tense)
    start, end = season_range(y, code)
    start, end = part_of_period(m.groupdict().get("part"), start, end)
    relative = m.group("year") is None and not m.groupdict().get("spoken")
    return Resolved(*clip(start, end, ref), "season", relative)


def _is_season_use(m: re.Match) -> bool:
    """ "the fall of Kabul", "prices fall", "spring up" are no seasons: without a year, a season needs a
    determiner or an introducing preposition, and is not followed by "of" (but "of 1997", "of next year")."""
    if m.group("year") or m.groupdict().get("ryear") or m.groupdict().get("spoken"):
        return True
    if re.match(r"\s+of\b", m.string[m.end() : m.end() + 4]):
        return False
    before = m.string[max(0, m.start() - 12) : m.start()]
    introduced = re.search(r"\b(?:in|during|by|since|until|through|over|for|before|after|last|this|next)\s+$",
                           before, re.I)  # fmt: skip
    if m.group("which") and m.group("which").lower() != "the":
        return True
    if m.group("season").lower() == "fall":
        return bool(m.group("which")) and bool(introduced)
    return (
        bool(introduced)
        or bool(m.group("which"))
        or m.group("season")[0].isupper() is False
        and bool(m.group("part"))
    )


def _season_year(code: str, which: str, ref: date, tense: Tense) -> int:
    """The year (TIMEX3 naming) of the season a relative phrase means."""
    this = ref.year + (1 if code == "WI" and ref.month == 12 else 0)
    this_start, this_end = season_range(this, code)
    if which == "this":
        return this
    if which == "this past":  # the latest one begun before the report
        return this if this_start <= ref else this - 1
    if which == "last":  # the season of the year before ("last summer" told in October: a year back)
        return this - 1
    if which == "next":
        return this if this_start > ref else this + 1
    # bare "in the summer": the current or past one in past tense, else the current or coming one
    if this_start <= ref <= this_end:
        return this
    if tense == "past" and this_start > ref:  # told in the past: not one still to come
        return this - 1
    return this


# ------------------------------------------------------------------------------------------- rules

CALENDAR_RULES: dict[str, tuple[re.Pattern, Normaliser]] = {
    "explicit_mdy": (re.compile(rf"\b(?:{WD},?\s+)?{MONTH}\s+{DAY}\b(?:,?\s+{YEAR}\b)?"), explicit_date),
    "explicit_dmy": (
        re.compile(rf"\b(?:{WD},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR}\b)?"),
        explicit_date,
    ),
    "holiday": (
        re.compile(
            rf"\b(?:(?P<hwhich>last|this|next)\s+)?(?P<holiday>{_holiday_names()})(?![\w'’])(?!\s+Islands?\b)"
            rf"(?:,?\s+{YEAR}\b)?",
            re.I,
        ),
        holiday,
    ),
    "iso": (re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)\b"), iso_date),
    "month_year": (
        re.compile(
            rf"\b{PART}?{MONTH},?\s+(?:of\s+)?(?:{YEAR}\b|{SPOKEN}|(?P<ryear>this|last|next)\s+year\b)", re.I
        ),
        month_year,
    ),
    "quarter": (
        re.compile(
            rf"\b(?:the\s+(?!(?:fiscal\s+)?\w+-(?:quarter|period)\b))?"
            # "last year's third quarter", "1988's third quarter", "the 1988 third quarter"
            r"(?:(?:(?P<pyear>(?:19|20)\d\d)(?:'s)?|(?P<pwhich>last|this|next)\s+year's)\s+(?=\S+[\s-]+quarter))?"
            r"(?:(?P<which>last|final|latest|most\s+recent|recent|"
            rf"past|previous|current|this|next|coming|year-ago|year-earlier|year-before)\s+)?"
            rf"(?:fiscal\s+)?(?:{ORD}[\s-]+)?(?:fiscal[\s-]+)?"
            r"(?:quarter|period(?:(?<=ago\speriod)|(?<=lier\speriod)))\b(?!-)"
            rf"(?:(?P<of>\s+of)(?:\s+(?:the\s+)?(?:fiscal\s+)?(?:{YEAR}|{RELATIVE_YEAR}|year\b)))?"
            r"|\b(?:Q(?P<qnum>[1-4])|(?P<qnum2>[1-4])Q)(?:\s+(?P<qyear>(?:19|20)\d\d))?\b",  # "Q3 1997", "3Q"
            re.I,
        ),
        quarter,
    ),
    "half": (
        re.compile(
            r"\b(?:the\s+)?(?P<hword>first|second|1st|2nd|latter|back)[\s-]+half\b"
            rf"(?:\s+of\s+(?:the\s+)?(?:fiscal\s+)?(?:{YEAR}|{RELATIVE_YEAR}|year\b))?",
            re.I,
        ),
        half,
    ),
    "season": (
        re.compile(
            rf"\b(?:(?P<which>this\s+past|this\s+coming|this|last|next|the)\s+)?{PART}?"
            r"(?P<season>spring|summer|autumn|winter|fall)\b"
            rf"(?:(?:\s+of)?\s+{YEAR}\b|\s+of\s+{RELATIVE_YEAR}|\s+of\s+{SPOKEN})?",
            re.I,
        ),
        season,
    ),
    "fiscal": (
        re.compile(
            rf"\b(?:fiscal(?:\s+year)?\s+(?:{YEAR}|'?(?P<fy2>\d\d))|(?:the\s+)?(?P<fyear>(?:19|20)\d\d)\s+fiscal\s+year"
            r"|(?:(?P<ryear>this|last|next|the\s+current|the\s+previous|the\s+coming|the)\s+)fiscal\s+year)\b",
            re.I,
        ),
        fiscal_year,
    ),
    "decade": (
        re.compile(
            rf"\b(?:the\s+)?{PART}?(?:(?P<dyear>(?:1[0-9]|20)\d0)'?s|'(?P<short>\d0)s|(?P<dword>twenties|"
            r"thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"
            r"|\b(?P<which>this|the\s+next|the\s+current|the)\s+decade\b",
            re.I,
        ),
        decade,
    ),
    "century": (
        re.compile(
            rf"\b(?:the\s+)?{PART}?(?:(?P<cord>\d{{1,2}}(?:st|nd|rd|th)|(?:twenty-)?first|(?:six|seven|eigh|"
            r"nine)teenth|twentieth)[\s-]+century|(?P<which>this|the\s+last|the\s+next|the\s+previous|"
            r"the\s+current|the\s+new|the)\s+century)\b",
            re.I,
        ),
        century,
    ),
    "year_end": (re.compile(r"\b(?:the\s+)?year(?:[\s-]end|['’]s\s+end)\b", re.I), year_end),
    "full_year": (re.compile(r"\bthe\s+(?:full|whole|entire)\s+year\b(?!['’-])", re.I), full_year),
    # "year-earlier profit", "year-ago levels" (after the quarter rule took "the year-ago quarter")
    "year_ago": (re.compile(r"\b(?:a[\s-])?year[\s-](?:earlier|ago|before)\b(?=\s+[a-z])", re.I), year_ago),
    "relative_month": (
        re.compile(rf"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext)\s+{MONTH}\b(?!\s+\d)"),
        relative_month,
    ),
    "bare_month_prep": (
        re.compile(rf"\b(?:{_PREP}\s+)(?:{EDGE}|{PART})?{MONTH}\b(?!\s+\d)"),
        bare_month,
    ),
    # a month name standing alone ("September was quiet", "mid-March"), never the modal "may"
    "bare_month": (re.compile(rf"\b(?:{EDGE}|{PART})?{FULL_MONTH}(?![\w-])(?!\s+\d)"), bare_month),
    "year_prep": (
        re.compile(rf"\b(?:{_PREP}\s+)(?:{EDGE}|{PART})?{YEAR}\b(?![-/]\d)", re.I),
        year,
    ),
    "year_part": (re.compile(rf"\b(?:{EDGE}|{PART}){YEAR}\b"), year),
    "spoken_year": (
        re.compile(
            r"\b(?:the\s+year\s+)?(?:nineteen[\s-]+(?P<rest>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
            r"|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?\b|(?:ten|eleven|twelve|thirteen"
            r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b)|(?P<thousand>two\s+thousand)(?:\s+(?:and\s+)?"
            r"(?P<units>one|two|three|four|five|six|seven|eight|nine|ten)\b)?)(?![\s-]+(?:percent|people|dollars))",
            re.I,
        ),
        spoken_year,
    ),
}
