"""The dates stage: find temporal expressions and normalise them against the publication date.

Spans come from our own rules (`timex_rules`: calendar expressions; `timex_relative`: expressions
relative to the report) and from spaCy's DATE entities holding a year; each is normalised by our
rules, never by guessing. Spans follow TIMEX3 (TimeML): no leading "on"/"in"/"since", "last year" with
its "last", "Wednesday, Oct. 7, 2015" as one expression.

Rules (reference date R = `Article.published`, TIMEX3's DCT):
- A weekday in a past-tense report is the most recent such day ON OR BEFORE R; "last Thursday" is
  strictly before R; in future tense it is the next such day on or after R.
- "yesterday", "overnight", "last night" are R-1; "today", "this morning", "tonight" are R.
- "over the past 24 hours" covers R-1..R; "past N days/weeks" R-N..R; "recent days" R-7..R.
- "this week" is Monday of R's ISO week..R; "last week" the previous ISO week; months, quarters and years
  likewise by the calendar; "the year" / "the month" are R's.
- A month-day without a year in a past-tense clause is on or before R, in future tense on or after R,
  else the nearer one ("the meeting on Nov. 15"); a clause reached through a noun lends it no tense.
- A bare month ("in March") is the instance the tense points at: past tense the last one, future tense
  the coming one, else the nearest. "The quarter" is the quarter being reported (the one just ended, in
  the weeks its results come out); "the fourth quarter" is that quarter of the reported quarter's year.
- Anaphoric expressions lean on the last date told before them, not on R: "the next day", "that year",
  "a year earlier" (the period last told, a year back: "the third quarter ... a year earlier" is the
  third quarter of the year before); without such a date they are read against R.
- Seasons, halves, decades and centuries are the calendar ranges TIMEX3 gives them (winter is Dec-Feb).
- "since 2011" has kind "since": background, never an event date; its dates are the year 2011.
- A duration ("10 days of strikes", "for three weeks", "the past three years") has kind "duration".
- "now", "recently", "the past", "the future" have kind "reference" (TIMEX3 PRESENT_REF/PAST_REF/...).
Without R, every relative expression has resolved=False and no dates; explicit dates with a year still
resolve. Precision follows the length of the resolved range: ACLED `time_precision` 1 day, 2 up to a week,
3 longer; UCDP `date_prec` 1 day, 2 for 2-6 days, 3 a week, 4 a month, 5 longer.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Token

from sitreps.model import Article, DateMention, TextSpan
from sitreps.nlp import sentence_index_of, sentence_starts
from sitreps.stages.timex_normalise import Resolved, Tense, clip, lexicon, month_num, precisions, safe_date
from sitreps.stages.timex_relative import RELATIVE_RULES, anchor_to
from sitreps.stages.timex_rules import CALENDAR_RULES, DAY, MONTH, WD, YEAR, Normaliser
from sitreps.stages.timex_scan import scan as _scan

__all__ = ["find_dates", "precisions", "publication_date_from_text"]

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
PROSPECTIVE_AUX = {"would", "'d", "could", "may", "might", "should", "can", "must"}

# Order matters: earlier (more specific) rules win over later ones on overlapping text.
_ORDER = [
    "time_of_day", "explicit_mdy", "explicit_dmy", "holiday", "iso", "month_year", "quarter", "half",
    "fiscal", "season", "decade", "century", "year_end", "full_year", "anaphoric", "ago", "past_span",
    "recent", "coming", "period", "relative_day", "weekday", "relative_month", "bare_month_prep",
    "year_prep", "year_part", "spoken_year", "bare_month", "year_ago", "duration_of", "duration_for",
    "reference",
]  # fmt: skip
_RULES: list[tuple[re.Pattern, Normaliser]] = [{**CALENDAR_RULES, **RELATIVE_RULES}[name] for name in _ORDER]
_NOT_YEARS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}
_YEAR_ONLY = re.compile(rf"{YEAR}")
# every place a year's four digits could start, overlapping ones included
_YEAR_STARTS = re.compile(r"(?=(?:19|20)\d\d)")


@lru_cache(maxsize=1)
def _tense_words() -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's "ahead" words and prospective verbs, as sets built once (`_tense` runs per match)."""
    return frozenset(lexicon()["ahead_words"]), frozenset(lexicon()["prospective_verbs"])



def _tense(doc: Doc, start_char: int, end_char: int) -> Tense:
    """The tense of the clause governing an expression: "future" ("will meet on Thursday"),
    "prospective" ("would"), "planned" ("expects ... to rise"), "past" or "" (present, unknown)."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return ""
    head = span.root
    via_noun = False  # "the meeting on Nov. 15" takes no tense from the verb that governs "meeting"
    ahead_words, prospective = _tense_words()
    ahead = False  # "payable Dec. 1", "effective Feb. 1": a word on the way points past the report
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
            break
        ahead = ahead or head.lower_ in ahead_words
        head = head.head
        via_noun = via_noun or (head.pos_ in ("NOUN", "PROPN") and head not in span)
    aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_AUX or head.lower_ == "tomorrow":
        return "future"
    if aux & PROSPECTIVE_AUX:
        return "prospective"
    # "extended to Nov. 16", "expires Friday"; not "had been due to expire Friday" (a deadline gone by)
    ahead = (
        ahead
        or head.lemma_ == "expire"
        or (head.lemma_ == "extend" and any(c.lower_ in ("to", "until", "through") for c in head.children))
    )
    governing_aux = set(aux)
    for up in list(head.ancestors)[:3]:
        governing_aux |= {c.lower_ for c in up.children if c.dep_ in ("aux", "auxpass")}
    if "had" in governing_aux:
        return "past"  # "had been due to expire Friday": a plan or deadline told as gone by
    if ahead:
        return "planned"
    if via_noun and head.pos_ in ("VERB", "AUX"):
        return ""  # "worth $130 million in October, she estimates": the noun's date, not the verb's
    governor = head.head if head.dep_ in ("xcomp", "ccomp", "advcl") else head
    if head.lemma_ in prospective or governor.lemma_ in prospective:
        return "planned"
    if head.tag_ == "VBD" or (head.tag_ == "VBN" and aux & {"had", "has", "have", "was", "were"}):
        return "past"
    return ""


def _since_prefix(text: str, start: int) -> bool:
    return bool(re.search(r"\bsince\s+(?:the\s+)?$", text[max(0, start - 12) : start], re.I))


def _to_mention(
    text: str, start: int, end: int, res: Resolved, ref: date | None, starts: list[int], since: bool
) -> DateMention:
    kind = res.kind
    date_start, date_end = res.start, res.end
    if since:
        # background, never an event date; the dates are those of the period named (TIMEX3: "since 2011"
        # is the year 2011, "since" being only the signal of the relation)
        kind = "since"
    resolved = date_start is not None and date_end is not None
    day_kinds = ("date", "weekday", "relative", "time", "reference", "duration")
    unresolved_prec = {"month": (3, 4)}.get(kind, (1, 1) if kind in day_kinds else (3, 5))
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


_LEADING_PREP = re.compile(
    r"(?:in|on|since|during|until|by|from|of|through|before|after|over|within|for|to|between|and|or"
    r"|ended|ending|at)\s+",
    re.I,
)


def _strip_leading_preposition(text: str, start: int, end: int) -> int:
    """Spans cover the temporal expression itself, not the "in"/"on"/"since" that introduces it."""
    m = _LEADING_PREP.match(text, start, end)
    return m.end() if m and m.end() < end else start


def _is_age(text: str, end: int) -> bool:
    return bool(re.match(r"\s*(?:old\b|-old\b)", text[end : end + 6]))


def _year_is_a_number(doc: Doc, text: str, start: int, end: int) -> bool:
    """ "2000 troops", "$1990", "1990 percent": a four-digit number that the model or its neighbours say
    is a count, not a year."""
    if re.search(r"[$€£#]\s*$", text[max(0, start - 2) : start]) or re.match(r"\s*(?:%|percent)", text[end:]):
        return True
    for tok in doc.char_span(start, end, alignment_mode="expand") or []:
        if not _YEAR_ONLY.fullmatch(tok.text):
            continue
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        counted = after is not None and after.tag_ == "NNS" and tok.ent_type_ != "DATE"  # "2000 employees"
        if tok.ent_type_ in _NOT_YEARS or counted:
            return True
    return False


def _year_tokens(doc: Doc, text: str) -> list[Token]:
    """Tokens spelled as a year ("1998"), in order: found in the text, not by walking every token."""
    out = []
    for m in _YEAR_STARTS.finditer(text):
        span = doc.char_span(m.start(), m.start() + 4)
        if span is not None and len(span) == 1 and _YEAR_ONLY.fullmatch(span[0].text):
            out.append(span[0])
    return out


def _entity_years(doc: Doc, text: str, ref: date | None) -> list[tuple[int, int, Resolved]]:
    """Years standing alone ("the 1998 budget", "1997's profit") that no rule introduced: those the model
    tags as dates, or leaves untagged within a lifetime of the report."""
    found = []
    n = len(doc)
    for tok in _year_tokens(doc, text):
        if tok.ent_type_ not in ("DATE", ""):
            continue
        y = int(tok.text)
        if tok.ent_type_ == "" and ref is not None and abs(ref.year - y) > 60:
            continue
        if tok.i + 1 < n and doc[tok.i + 1].text in ("-", "/"):
            continue  # "1990-91", "2015/16": ranges and fractions
        start, end = clip(date(y, 1, 1), date(y, 12, 31), ref)
        found.append((tok.idx, tok.idx + len(tok.text), Resolved(start, end, "year", False)))
    return found


def _is_text_of(doc: Doc, text: str) -> bool:
    """Whether `text` is the parsed text (as the pipeline passes it): `doc.text` rebuilds the string token
    by token, so the article's own copy is used when its length and ends agree with the tokens."""
    if not len(doc):
        return not text
    first, last = doc[0], doc[-1]
    return (
        len(text) == last.idx + len(last.text_with_ws)
        and text.startswith(first.text, first.idx)
        and text.startswith(last.text, last.idx)
    )


def find_dates(doc: Doc, article: Article) -> list[DateMention]:
    """Temporal expressions of an article, each normalised against `article.published`."""
    text = article.text if _is_text_of(doc, article.text) else doc.text
    ref = article.published
    starts = sentence_starts(doc)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, Resolved]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s: int, e: int, res: Resolved) -> None:
        taken.append((s, e))
        found.append((s, e, res))

    low = text.lower()
    seen: dict[str, list[list[int]]] = {}
    for name, (pattern, normalise) in zip(_ORDER, _RULES, strict=True):
        for m in _scan(name, pattern, text, low, seen):
            s, e = m.span()
            s = _strip_leading_preposition(text, s, e)
            while e > s and text[e - 1] in " ,":
                e -= 1
            if e <= s or not free(s, e) or _is_age(text, e):
                continue
            res = normalise(m, ref, _tense(doc, s, e))
            if res is None or (res.kind in ("year", "decade") and _year_is_a_number(doc, text, s, e)):
                continue
            add(s, e, res)
    # the model's DATE entities catch years no rule introduced
    for s, e, res in _entity_years(doc, text, ref):
        if free(s, e) and not _is_age(text, e) and not _year_is_a_number(doc, text, s, e):
            add(s, e, res)
    # anaphoric expressions ("the next day", "a year earlier") lean on the last date told before them
    found.sort(key=lambda f: f[0])
    history: list[Resolved] = []
    mentions: list[DateMention] = []
    for s, e, res in found:
        res = anchor_to(res, history, ref) if ref is not None else res
        history.append(res)
        mentions.append(_to_mention(text, s, e, res, ref, starts, _since_prefix(text, s)))
    return mentions


# -------------------------------------------------------------------------------------------- datelines

# "(AFP)", "(Reuters)", any short capitalised agency name in parentheses
_AGENCY = r"(?:\s*\([A-Z][\w .]{1,20}\))?"
_DASH = r"\s*(?:-|--|—|–|:)"
_DATELINE_PATTERNS = [
    # "MOSCOW, Oct. 9, 2015 (Reuters) -", "BEIRUT, Oct 9 (AFP) -", "KABUL, Afghanistan, Oct 9 (AP) -"
    re.compile(
        rf"^[A-Z][A-Za-z.' -]{{1,40}}(?:,\s*[A-Z][A-Za-z.' -]{{1,30}})?,\s+{MONTH}\s+{DAY}"
        rf"(?:,?\s+{YEAR})?{_AGENCY}{_DASH}"
    ),
    re.compile(
        rf"^[A-Z][A-Za-z.' -]{{1,40}}(?:,\s*[A-Z][A-Za-z.' -]{{1,30}})?,\s+{DAY}\s+{MONTH}"
        rf"(?:,?\s+{YEAR})?{_AGENCY}{_DASH}"
    ),
    # "October 9, 2015 -" / "9 October 2015 -" opening the text
    re.compile(rf"^(?:{WD},?\s+)?{MONTH}\s+{DAY},?\s+{YEAR}{_AGENCY}{_DASH}"),
    re.compile(rf"^(?:{WD},?\s+)?{DAY}\s+{MONTH},?\s+{YEAR}{_AGENCY}{_DASH}"),
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
            month, day = month_num(m.group("month")), int(m.group("day"))
            if m.group("year"):
                d = safe_date(int(m.group("year")), month, day)
                return (d, "dateline") if d else (None, "none")
            if reference is None:
                return None, "none"
            for year in (reference.year + 1, reference.year, reference.year - 1):
                d = safe_date(year, month, day)
                if d and d <= reference + timedelta(days=3):
                    return d, "dateline"
            return None, "none"
    return None, "none"
