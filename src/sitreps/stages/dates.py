"""The dates stage: find temporal expressions and normalise them against the publication date.

Spans come from our own patterns (explicit dates, weekdays, relative words, periods) and from spaCy's
DATE/TIME entities where no pattern matched; each is normalised by our rules, never by guessing.

Rules (reference date R = `Article.published`):
- A weekday in a past-tense report is the most recent such day ON OR BEFORE R: wire style (AP, AFP) names
  the weekday even for the publication day itself, so "on Thursday" in a Thursday report is that day.
  "last Thursday" is strictly before R. With future tense ("will meet on Thursday") it is the next such day
  on or after R.
- A month-day without a year takes the year that puts it on or before R (after R for future tense).
- "yesterday" is R-1; "overnight" / "last night" is R-1 (the night before the report); "today",
  "this morning", "tonight" are R.
- "over the past 24 hours" covers R-1..R; "past N days/weeks" R-N..R; "recent days" R-7..R.
- "this week" is Monday of R's ISO week..R; "last week" the previous ISO week; "this/last month" and
  "earlier this month" likewise by calendar month; "this/last year" by calendar year.
- A bare month ("in March") is the most recent such month starting on or before R; a year is that year.
- "since 2011" has kind "since": background, start of the period..R; it is never an event date.
- A duration ("10 days of strikes", "for three weeks") has kind "duration": R-N..R.
Without R, every relative expression has resolved=False and no dates; explicit dates with a year still
resolve. Precision follows the length of the resolved range: ACLED `time_precision` 1 day, 2 up to a week,
3 longer; UCDP `date_prec` 1 day, 2 for 2-6 days, 3 a week, 4 a month, 5 longer.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from sitreps.model import Article, DateMention, TextSpan
from sitreps.nlp import sentence_index_of, sentence_starts

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "several": 3, "few": 3, "couple of": 2,
}  # fmt: skip
UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
FUTURE_AUX = {"will", "shall", "'ll"}

_MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WD = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon\.|Tue\.|Tues\.|Wed\.|Thu\.|Thurs\.|Fri\.)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = (
    r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|several|few|couple of)"
)
_UNIT = r"(?P<unit>hour|day|week|month|year)s?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"


@dataclass
class _Resolved:
    start: date | None
    end: date | None
    kind: str
    relative: bool  # needs the publication date


# --------------------------------------------------------------------------------------------- helpers


def _month_num(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")[:4] if text.lower().startswith("sept") else text.lower()[:3]]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _num(text: str) -> int:
    t = text.lower()
    return int(t) if t.isdigit() else SMALL_NUMBERS.get(t, 1)


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


def _clip(start: date, end: date, ref: date | None) -> tuple[date, date]:
    """A period that includes the publication date ends there: the report cannot speak of later days."""
    if ref is not None and start <= ref < end:
        return start, ref
    return start, end


# ------------------------------------------------------------------------------------------ normalisers
# Each takes (match, reference date or None, future tense?) and returns a _Resolved or None.


def _explicit(m: re.Match, ref: date | None, future: bool) -> _Resolved | None:
    month = _month_num(m.group("month"))
    day = int(m.group("day"))
    if m.group("year"):
        d = _safe_date(int(m.group("year")), month, day)
        return _Resolved(d, d, "date", False) if d else None
    if ref is None:
        return _Resolved(None, None, "date", True)
    for year in (ref.year - 1, ref.year, ref.year + 1) if future else (ref.year + 1, ref.year, ref.year - 1):
        d = _safe_date(year, month, day)
        if d and (d >= ref if future else d <= ref):
            return _Resolved(d, d, "date", True)
    return None


def _iso(m: re.Match, ref: date | None, future: bool) -> _Resolved | None:
    d = _safe_date(int(m.group("year")), int(m.group("mm")), int(m.group("dd")))
    return _Resolved(d, d, "date", False) if d else None


def _month_year(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    start, end = _month_range(int(m.group("year")), _month_num(m.group("month")))
    start, end = _part_of_period(m.group("part"), start, end)
    return _Resolved(start, end, "month", False)


def _part_of_period(part: str | None, start: date, end: date) -> tuple[date, date]:
    """'early', 'mid', 'late' narrow a period to its first, middle or last third."""
    if not part:
        return start, end
    third = ((end - start).days + 1) // 3
    p = part.lower().rstrip("-")
    if p in ("early", "the beginning of", "the start of"):
        return start, start + timedelta(days=third - 1)
    if p in ("mid", "the middle of"):
        return start + timedelta(days=third), end - timedelta(days=third)
    return end - timedelta(days=third - 1), end


def _bare_month(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    if ref is None:
        return _Resolved(None, None, "month", True)
    month = _month_num(m.group("month"))
    year = ref.year
    if future and month < ref.month:
        year += 1
    elif not future and month > ref.month:
        year -= 1
    start, end = _month_range(year, month)
    start, end = _part_of_period(m.group("part"), start, end)
    return _Resolved(*_clip(start, end, ref), "month", True)


def _year(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    y = int(m.group("year"))
    part = m.groupdict().get("part")  # the bare-year pattern has no early/mid/late part
    start, end = _part_of_period(part, date(y, 1, 1), date(y, 12, 31))
    return _Resolved(*_clip(start, end, ref), "year", False)


def _decade(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    y = int(m.group("year"))
    return _Resolved(date(y, 1, 1), date(y + 9, 12, 31), "year", False)


def _weekday(m: re.Match, ref: date | None, future: bool) -> _Resolved | None:
    if ref is None:
        return _Resolved(None, None, "weekday", True)
    wd = next(i for i, w in enumerate(WEEKDAYS) if m.group("wd").lower().startswith(w[:3]))
    prefix = (m.group("pre") or "").lower().strip()
    if prefix == "next" or (future and prefix != "last"):
        d = ref + timedelta(days=(wd - ref.weekday()) % 7 or (7 if prefix == "next" else 0))
    else:
        back = (ref.weekday() - wd) % 7
        if prefix == "last" and back == 0:
            back = 7
        d = ref - timedelta(days=back)
    return _Resolved(d, d, "weekday", True)


_RELATIVE_DAYS = {
    "today": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tonight": 0, "earlier today": 0,
    "yesterday": -1, "overnight": -1, "last night": -1, "late last night": -1, "early today": 0,
    "the day before yesterday": -2, "tomorrow": 1,
}  # fmt: skip


def _relative_day(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    if ref is None:
        return _Resolved(None, None, "relative", True)
    key = " ".join(m.group(0).lower().split())
    key = re.sub(r"^(?:early|late)\s+(?=yesterday|last night)", "", key)
    key = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", key) if key.startswith("yesterday") else key
    d = ref + timedelta(days=_RELATIVE_DAYS.get(key, 0))
    return _Resolved(d, d, "relative", True)


def _period(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    """this/last/next week|weekend|month|year, earlier this month, ..."""
    if ref is None:
        return _Resolved(None, None, "relative", True)
    which = m.group("which").lower()
    unit = m.group("punit").lower()
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday())
        shift = {"this": 0, "last": -7, "next": 7}[which]
        start, end = monday + timedelta(days=shift), monday + timedelta(days=shift + 6)
    elif unit == "weekend":
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
        if which == "next" or (which == "this" and ref.weekday() < 5):
            saturday += timedelta(days=7) if which == "next" or future else timedelta(days=0)
        if which == "last" and ref.weekday() >= 5:
            saturday -= timedelta(days=7)
        start, end = saturday, saturday + timedelta(days=1)
    elif unit == "month":
        y, mo = ref.year, ref.month + {"this": 0, "last": -1, "next": 1}[which]
        y, mo = (y - 1, 12) if mo == 0 else (y + 1, 1) if mo == 13 else (y, mo)
        start, end = _month_range(y, mo)
    else:
        y = ref.year + {"this": 0, "last": -1, "next": 1}[which]
        start, end = date(y, 1, 1), date(y, 12, 31)
    qualifier = (m.group("qual") or "").lower()
    if qualifier == "earlier" and which == "this":
        end = ref
    elif qualifier in ("early", "mid", "late"):
        start, end = _part_of_period(qualifier, start, end)
    return _Resolved(*_clip(start, end, ref), "relative", True)


def _past_span(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    """'over the past 24 hours', 'in the last three days', 'the past week', 'recent days'."""
    if ref is None:
        return _Resolved(None, None, "relative", True)
    n = _num(m.group("n")) if m.group("n") else 1
    unit = (m.group("unit") or "day").lower().rstrip("s")
    return _Resolved(ref - timedelta(days=_days_back(n, unit)), ref, "relative", True)


def _days_back(n: int, unit: str) -> int:
    """Days before the reference a span of n units starts: hours reach into the previous day ("the past
    24 hours" is yesterday and today); "the past three days" is today and the two before."""
    if unit == "hour":
        return max(1, -(-n // 24))
    return max(0, round(n * UNIT_DAYS[unit]) - 1)


def _recent(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    if ref is None:
        return _Resolved(None, None, "relative", True)
    days = 29 if "month" in m.group(0).lower() else 6
    return _Resolved(ref - timedelta(days=days), ref, "relative", True)


def _ago(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    if ref is None:
        return _Resolved(None, None, "relative", True)
    n = _num(m.group("n"))
    unit = m.group("unit").lower().rstrip("s")
    if unit in ("hour", "day"):
        d = ref - timedelta(days=round(n * UNIT_DAYS[unit]))
        return _Resolved(d, d, "relative", True)
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday() + 7 * n)
        return _Resolved(monday, monday + timedelta(days=6), "relative", True)
    if unit == "month":
        y, mo = divmod(ref.year * 12 + ref.month - 1 - n, 12)
        return _Resolved(*_month_range(y, mo + 1), "relative", True)
    return _Resolved(date(ref.year - n, 1, 1), date(ref.year - n, 12, 31), "relative", True)


def _duration(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    if ref is None:
        return _Resolved(None, None, "duration", True)
    n = _num(m.group("n"))
    unit = m.group("unit").lower().rstrip("s")
    return _Resolved(ref - timedelta(days=_days_back(n, unit)), ref, "duration", True)


def _relative_month(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    """ "last May" (the May before the current month), "this September" (of the current year)."""
    if ref is None:
        return _Resolved(None, None, "month", True)
    month = _month_num(m.group("month"))
    which = m.group("which").lower()
    year = ref.year
    if which == "last" and month >= ref.month:
        year -= 1
    elif which == "next" and month <= ref.month:
        year += 1
    start, end = _month_range(year, month)
    return _Resolved(start, end, "month", True)


# "now", "recently", "in the past": they place a statement in time but date no event; kind "reference"
_REFERENCE_WORDS = {
    "now": 0, "currently": 0, "current": 0, "at present": 0, "presently": 0, "nowadays": 0, "these days": 0,
    "recently": -30, "lately": -30, "more recently": -30, "previously": -365, "formerly": -365,
    "in the past": -365, "the past": -365, "in the future": 365, "the future": 365,
}  # fmt: skip


def _reference(m: re.Match, ref: date | None, future: bool) -> _Resolved:
    if ref is None:
        return _Resolved(None, None, "reference", True)
    offset = _REFERENCE_WORDS[" ".join(m.group(0).lower().split())]
    if offset == 0:
        return _Resolved(ref, ref, "reference", True)
    if offset < 0:
        return _Resolved(ref + timedelta(days=offset), ref, "reference", True)
    return _Resolved(ref + timedelta(days=1), ref + timedelta(days=offset), "reference", True)


# Order matters: earlier (more specific) patterns win over later ones on overlapping text.
_PATTERNS: list[tuple[re.Pattern, Callable[[re.Match, date | None, bool], _Resolved | None]]] = [
    (re.compile(rf"\b(?:{_WD},?\s+)?{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"), _explicit),
    (re.compile(rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?"), _explicit),
    (re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)\b"), _iso),
    (re.compile(rf"\b(?:(?P<part>early|mid-|late)\s*)?{_MONTH},?\s+{_YEAR}\b", re.I), _month_year),
    (re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", re.I), _ago),
    (
        re.compile(rf"\b(?:over|in|during|within|for)?\s*the\s+(?:past|last)\s+(?:{_NUM}\s+)?{_UNIT}", re.I),
        _past_span,
    ),
    (re.compile(r"\b(?:in\s+)?recent\s+(?:days|weeks|months)\b", re.I), _recent),
    (
        re.compile(
            r"\b(?:(?P<qual>earlier|later|early|late|mid)[\s-]+)?(?P<which>this|last|next)\s+"
            r"(?P<punit>week|weekend|month|year)\b",
            re.I,
        ),
        _period,
    ),
    (
        re.compile(
            r"\b(?:(?:early|late)\s+)?(?:the\s+day\s+before\s+yesterday|yesterday(?:\s+(?:morning|afternoon"
            r"|evening))?|last\s+night|overnight|tonight|today|this\s+(?:morning|afternoon|evening)|"
            r"tomorrow)\b",
            re.I,
        ),
        _relative_day,
    ),
    (re.compile(rf"\b(?P<pre>(?:last|next|on|this|late|early)\s+)?(?P<wd>{_WD}){_PART}"), _weekday),
    (re.compile(rf"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext)\s+{_MONTH}\b(?!\s+\d)"), _relative_month),
    (
        re.compile(
            rf"\b(?:(?:in|since|during|until|by|from|of|through)\s+)(?:(?P<part>early|mid-|late)\s*)?{_MONTH}\b"
            r"(?!\s+\d)"
        ),
        _bare_month,
    ),
    (
        re.compile(
            rf"\b(?:(?:in|since|during|until|by|from|of|through|before|after)\s+)(?:(?P<part>early|mid-|late)"
            rf"\s*)?{_YEAR}\b(?![-/]\d)",
            re.I,
        ),
        _year,
    ),
    (re.compile(r"\b(?P<part>early|mid-|late)\s*(?P<year>(?:19|20)\d\d)\b"), _year),
    (re.compile(r"\b(?:the\s+)?(?P<year>(?:19|20)\d0)s\b"), _decade),
    # "10 days of air strikes", "for three weeks"
    (re.compile(rf"\b{_NUM}\s+{_UNIT}(?=\s+of\b)", re.I), _duration),
    (re.compile(rf"\bfor\s+{_NUM}\s+{_UNIT}\b", re.I), _duration),
    (
        re.compile(
            r"\b(?:now|currently|current|at\s+present|presently|nowadays|these\s+days|more\s+recently|"
            r"recently|lately|previously|formerly|in\s+the\s+past|the\s+past|in\s+the\s+future|the\s+future)\b",
            re.I,
        ),
        _reference,
    ),
]


def _is_future(doc: Doc, start_char: int, end_char: int) -> bool:
    """Is the clause governing this expression in the future tense ("will meet on Thursday")?"""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
            break
        head = head.head
    words = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    return bool(words & FUTURE_AUX) or head.lower_ == "tomorrow"


def _since_prefix(text: str, start: int) -> bool:
    return bool(re.search(r"\bsince\s+(?:the\s+)?$", text[max(0, start - 12) : start], re.I))


def _to_mention(
    text: str, start: int, end: int, res: _Resolved, ref: date | None, starts: list[int], since: bool
) -> DateMention:
    kind = res.kind
    date_start, date_end = res.start, res.end
    if since:
        # background: from the start of the period to the report; never an event date
        kind = "since"
        date_end = ref if ref is not None and date_start is not None and ref >= date_start else None
    resolved = date_start is not None and date_end is not None
    unresolved_prec = {"month": (3, 4), "year": (3, 5), "since": (3, 5)}.get(kind, (1, 1))
    tp, dp = precisions(date_start, date_end) if resolved else unresolved_prec
    if kind == "month" and resolved:
        tp, dp = 3, max(dp, 4)
    if not resolved:
        date_start = date_end = None
    return DateMention(
        span=TextSpan(start, end, text[start:end]),
        sentence=sentence_index_of(starts, start),
        date_start=date_start,
        date_end=date_end,
        time_precision=tp,
        date_prec=dp,
        resolved=resolved,
        kind=kind,
    )


def _strip_leading_preposition(text: str, start: int, end: int) -> int:
    """Spans cover the temporal expression itself, not the "in"/"on"/"since" that introduces it."""
    m = re.match(
        r"(?:in|on|since|during|until|by|from|of|through|before|after|over|within|for)\s+",
        text[start:end],
        re.I,
    )
    return start + m.end() if m else start


def _is_age(text: str, end: int) -> bool:
    return bool(re.match(r"\s*(?:old\b|-old\b)", text[end : end + 6]))


def find_dates(doc: Doc, article: Article) -> list[DateMention]:
    """Temporal expressions of an article, each normalised against `article.published`."""
    text = doc.text
    ref = article.published
    starts = sentence_starts(doc)
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for pattern, normalise in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            s = _strip_leading_preposition(text, s, e)
            while e > s and text[e - 1] in " ,":
                e -= 1
            if e <= s or not free(s, e) or _is_age(text, e):
                continue
            res = normalise(m, ref, _is_future(doc, s, e))
            if res is None:
                continue
            taken.append((s, e))
            mentions.append(_to_mention(text, s, e, res, ref, starts, _since_prefix(text, s)))
    # spaCy's entities catch what the patterns do not know; keep only those we can still normalise
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or not free(ent.start_char, ent.end_char):
            continue
        m = re.fullmatch(rf"(?:the\s+)?{_YEAR}", ent.text)
        if m and not _is_age(text, ent.end_char):
            taken.append((ent.start_char, ent.end_char))
            mentions.append(
                _to_mention(
                    text,
                    ent.start_char,
                    ent.end_char,
                    _year(m, ref, False),
                    ref,
                    starts,
                    _since_prefix(text, ent.start_char),
                )
            )
    mentions.sort(key=lambda d: d.span.start)
    return mentions


# -------------------------------------------------------------------------------------------- datelines

# "(AFP)", "(Reuters)", any short capitalised agency name in parentheses
_AGENCY = r"(?:\s*\([A-Z][\w .]{1,20}\))?"
_DASH = r"\s*(?:-|--|—|–|:)"
_DATELINE_PATTERNS = [
    # "MOSCOW, Oct. 9, 2015 (Reuters) -", "BEIRUT, Oct 9 (AFP) -", "KABUL, Afghanistan, Oct 9 (AP) -"
    re.compile(
        rf"^[A-Z][A-Za-z.' -]{{1,40}}(?:,\s*[A-Z][A-Za-z.' -]{{1,30}})?,\s+{_MONTH}\s+{_DAY}"
        rf"(?:,?\s+{_YEAR})?{_AGENCY}{_DASH}"
    ),
    re.compile(
        rf"^[A-Z][A-Za-z.' -]{{1,40}}(?:,\s*[A-Z][A-Za-z.' -]{{1,30}})?,\s+{_DAY}\s+{_MONTH}"
        rf"(?:,?\s+{_YEAR})?{_AGENCY}{_DASH}"
    ),
    # "October 9, 2015 -" / "9 October 2015 -" opening the text
    re.compile(rf"^(?:{_WD},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}{_AGENCY}{_DASH}"),
    re.compile(rf"^(?:{_WD},?\s+)?{_DAY}\s+{_MONTH},?\s+{_YEAR}{_AGENCY}{_DASH}"),
]


def publication_date_from_text(text: str, reference: date | None = None) -> tuple[date | None, str]:
    """The dateline's date near the start of `text`, as (date, "dateline"), else (None, "none").

    A dateline without a year ("BEIRUT, Oct 9 (AFP) -") resolves only with `reference` (e.g. the feed's or
    the file's date): it takes the year that puts it on or before the reference (a few days' slack).
    """
    for line in [ln.strip() for ln in text[:1500].splitlines() if ln.strip()][:6]:
        for pattern in _DATELINE_PATTERNS:
            m = pattern.match(line)
            if not m:
                continue
            month, day = _month_num(m.group("month")), int(m.group("day"))
            if m.group("year"):
                d = _safe_date(int(m.group("year")), month, day)
                return (d, "dateline") if d else (None, "none")
            if reference is None:
                return None, "none"
            for year in (reference.year + 1, reference.year, reference.year - 1):
                d = _safe_date(year, month, day)
                if d and d <= reference + timedelta(days=3):
                    return d, "dateline"
            return None, "none"
    return None, "none"
