"""`timex`: temporal expressions on TimeML (TimeBank) against the document creation time (DCT).

Gold: the DATE and TIME TIMEX3s inside `<TEXT>` (DURATION and SET are not dates of events).
Predicted: the dates stage's DateMentions, run with published = DCT, except kind "duration" (TimeML
types those DURATION). Recognition: strict (same span) and relaxed (overlapping) F1.

Value, on every gold span: the stage's mention overlapping the gold span most. A sitreps date is a range
[date_start, date_end]; it matches a TimeML value when the range lies inside the interval the value
denotes, so it is compared at the granularity of the gold value:
- "2015-10-07" (and "2015-10-07T18:30", "...TEV"): that day; "1998-W12" that ISO week ("-WE": its
  weekend); "1998-03" that month; "1998-Q1" / "-H1" / "-SU" (season) that part of the year; "1998" that
  year; "199" that decade; "19" that century; "FY1998" (TIMEX3's fiscal year; "FY1998-Q1", "-H1" its
  quarters and halves) every day such a fiscal year may cover (see `_fiscal_interval`). Unspecified
  parts ("1998-WXX", "1998-QX", "199X") are dropped, and the value is compared on the part that is
  specified ("1998", "199").
- "PRESENT_REF": the range ends on the DCT; "PAST_REF": it ends on or before the DCT and starts before
  it; "FUTURE_REF": it ends after the DCT.
A gold value of any other shape ("XXXX-XX-XX", "PXY") counts as wrong, as does a gold span sitreps did
not find or could not resolve. `value_accuracy` is over all gold spans; `value_accuracy_found` over
those sitreps found. `to_timeml` writes a sitreps range the other way round (day, week, month, quarter,
year, decade when it covers exactly one; else the start and end days joined by "/").
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sitreps.evaluate import TaskResult
from sitreps.evaluate.loaders.timeml import GoldTimex, TimeMLDoc, load
from sitreps.evaluate.scoring import PRF, overlaps, span_prf
from sitreps.model import Article, DateMention

PATTERN = "timeml/*.tml"
GOLD_TYPES = ("DATE", "TIME")
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}  # winter ("WI") spans the year end: Dec-Feb

Interval = tuple[date, date]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _specified(value: str) -> str:
    """The value up to its first unspecified part: "1998-WXX" -> "1998", "199X" -> "199", "1998-QX" (a
    quarter of 1998) -> "1998"."""
    head = value.split("X", 1)[0]
    return head.rstrip("-WQH") if "X" in value else value


def value_interval(value: str) -> tuple[Interval, str] | None:
    """The days a (calendar) TimeML value denotes and its granularity; None for other shapes."""
    v = _specified(value.strip())
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return (d, d), "day"
        if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", v):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return (monday + timedelta(5), monday + timedelta(6)), "week"
            return (monday, monday + timedelta(6)), "week"
        if m := re.fullmatch(r"(\d{4})-(\d\d)", v):
            y, mo = int(m[1]), int(m[2])
            return (date(y, mo, 1), _month_end(y, mo)), "month"
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return (date(y, 3 * q - 2, 1), _month_end(y, 3 * q)), "quarter"
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m[1]), int(m[2])
            return (date(y, 6 * h - 5, 1), _month_end(y, 6 * h)), "half"
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y = int(m[1])
            if m[2] == "WI":
                return (date(y - 1, 12, 1), _month_end(y, 2)), "season"
            a, b = SEASONS[m[2]]
            return (date(y, a, 1), _month_end(y, b)), "season"
        if m := re.fullmatch(r"FY(\d{4})(?:-(?:Q([1-4])|H([12])))?", v):
            part, n = ("Q", m[2]) if m[2] else ("H", m[3]) if m[3] else (None, None)
            return _fiscal_interval(int(m[1]), part, int(n) if n else None), "fiscal"
        if re.fullmatch(r"\d{4}", v):
            return (date(int(v), 1, 1), date(int(v), 12, 31)), "year"
        if re.fullmatch(r"\d{3}", v):
            return (date(int(v) * 10, 1, 1), date(int(v) * 10 + 9, 12, 31)), "decade"
        if re.fullmatch(r"\d{2}", v):
            return (date(max(1, int(v) * 100), 1, 1), date(int(v) * 100 + 99, 12, 31)), "century"
    except ValueError:
        return None
    return None


def _fiscal_interval(year: int, part: str | None, n: int | None) -> Interval:
    """The days fiscal year `year` (TIMEX3 "FY1998"), or its quarter or half ("FY1998-Q1", "FY1998-H2"),
    may cover. A fiscal year is named by the calendar year it ends in and may end in any month, so the
    value denotes the union over the twelve possible years: FY1998 is Feb 1997 to Dec 1998; its first
    quarter, the first three months of any such year, Feb 1997 to Mar 1998."""
    months = {"Q": 3, "H": 6}.get(part or "", 12)
    n = n or 1
    # the earliest fiscal year starts in February of the year before, the latest in January
    first = (year - 1) * 12 + 1 + months * (n - 1)  # months counted from year 0, 0-based: Feb of year-1
    last = year * 12 + months * n - 1  # Jan of `year` + months * n - 1
    lo = date(first // 12, first % 12 + 1, 1)
    return lo, _month_end(last // 12, last % 12 + 1)


def granularity(value: str) -> str:
    """How fine a gold value is: "day", "week", "month", ..., "present_ref", or "other"."""
    if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return value.lower()
    parsed = value_interval(value)
    return parsed[1] if parsed else "other"


def value_matches(gold_value: str, start: date | None, end: date | None, dct: date | None) -> bool:
    """Whether the sitreps range [start, end] agrees with the gold value at the gold's granularity."""
    if start is None or end is None:
        return False
    if gold_value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        if dct is None:
            return False
        if gold_value == "PRESENT_REF":
            return end == dct
        if gold_value == "PAST_REF":
            return end <= dct and start < dct
        return end > dct
    parsed = value_interval(gold_value)
    if parsed is None:
        return False
    (lo, hi), _ = parsed
    return lo <= start <= end <= hi


def to_timeml(start: date, end: date) -> str:
    """A sitreps range as a TimeML value: the one calendar unit it covers exactly, else "start/end"."""
    if start == end:
        return start.isoformat()
    iso = start.isocalendar()
    if start.weekday() == 0 and end == start + timedelta(6):
        return f"{iso[0]}-W{iso[1]:02d}"
    if start.day == 1 and end == _month_end(start.year, start.month):
        return f"{start.year}-{start.month:02d}"
    if start.day == 1 and start.month % 3 == 1 and end == _month_end(start.year, start.month + 2):
        return f"{start.year}-Q{start.month // 3 + 1}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        if start.year == end.year:
            return str(start.year)
        if start.year % 10 == 0 and end.year == start.year + 9:
            return str(start.year // 10)
    return f"{start.isoformat()}/{end.isoformat()}"


def predicted(mentions: list[DateMention]) -> list[DateMention]:
    """The mentions that stand for a date or time (durations are TimeML's DURATION, not scored here)."""
    return [m for m in mentions if m.kind != "duration"]


def mention_at(gold: GoldTimex, mentions: list[DateMention]) -> DateMention | None:
    """The mention sharing most characters with the gold span."""
    best, best_shared = None, 0
    for m in mentions:
        if overlaps((m.span.start, m.span.end), (gold.start, gold.end)):
            shared = min(m.span.end, gold.end) - max(m.span.start, gold.start)
            if shared > best_shared:
                best, best_shared = m, shared
    return best


class _Tally:
    def __init__(self) -> None:
        self.strict, self.relaxed = PRF(0, 0, 0), PRF(0, 0, 0)
        self.gold = self.found = self.correct = 0
        self.by_type: Counter = Counter()

    def add_doc(self, doc: TimeMLDoc, mentions: list[DateMention], errors: list[tuple]) -> None:
        gold = [t for t in doc.timexes if t.type in GOLD_TYPES]
        spans = [(t.start, t.end) for t in gold]
        pred = [(m.span.start, m.span.end) for m in mentions]
        self.strict += span_prf(spans, pred, "exact")
        self.relaxed += span_prf(spans, pred, "overlap")
        for t in gold:
            m = mention_at(t, mentions)
            ok = m is not None and value_matches(t.value, m.date_start, m.date_end, doc.dct)
            self.gold += 1
            self.found += m is not None
            self.correct += ok
            self.by_type[(t.type, "gold")] += 1
            self.by_type[(t.type, "found")] += m is not None
            self.by_type[(t.type, "correct")] += ok
            self.by_type[(granularity(t.value), "gold")] += 1
            self.by_type[(granularity(t.value), "correct")] += ok
            if m is not None and not ok:
                got = to_timeml(m.date_start, m.date_end) if m.date_start and m.date_end else "unresolved"
                errors.append((doc.doc_id, t.text, t.value, m.span.text, got))

    def metrics(self) -> dict[str, float]:
        out = {
            "recognition_precision_strict": self.strict.precision,
            "recognition_recall_strict": self.strict.recall,
            "recognition_f1_strict": self.strict.f1,
            "recognition_f1_relaxed": self.relaxed.f1,
            "value_accuracy": self.correct / self.gold if self.gold else 0.0,
            "value_accuracy_found": self.correct / self.found if self.found else 0.0,
            "n_gold": self.gold,
        }
        for t in GOLD_TYPES:
            out[f"n_{t.lower()}"] = self.by_type[(t, "gold")]
        return out


def evaluate(files: list[Path], limit: int | None) -> TaskResult:
    """One set: the folder of .tml files (a TimeML corpus is one document per file)."""
    from sitreps.nlp import load_nlp
    from sitreps.stages.dates import find_dates

    docs = load(files, limit)
    nlp = load_nlp()
    sets: dict[str, _Tally] = {}
    total = _Tally()
    errors: list[tuple] = []
    crashes: list[tuple[str, str]] = []
    for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16), strict=True):
        try:
            mentions = predicted(find_dates(parsed, Article(text=doc.text, published=doc.dct)))
        except Exception as exc:  # a stage bug on one document must not stop the measurement
            crashes.append((doc.doc_id, f"{type(exc).__name__}: {exc}"))
            mentions = []
        name = files[0].parent.name if len({f.parent for f in files}) == 1 else doc.doc_id
        sets.setdefault(name, _Tally()).add_doc(doc, mentions, errors)
        total.add_doc(doc, mentions, [])
    result = TaskResult("timex", "")
    result.sets = {name: t.metrics() for name, t in sets.items()}
    result.overall = total.metrics()
    result.overall["stage_errors"] = len(crashes)
    if crashes:
        result.details["documents where the dates stage failed (scored as finding nothing)"] = crashes[:20]
    keys = sorted({k for k, _ in total.by_type})
    result.details["per type and granularity (gold | found | value correct)"] = {
        k: f"{total.by_type[(k, 'gold')]} | {total.by_type[(k, 'found')] if k in GOLD_TYPES else '-'} | "
        f"{total.by_type[(k, 'correct')]}"
        for k in keys
    }
    result.details["value errors (doc | gold text | gold value | sitreps span | sitreps value), first 15"] = (
        errors[:15]
    )
    return result
