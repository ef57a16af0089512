"""Relative expressions and TIMEX3 span boundaries (sentences written here)."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.model import Article, DateMention
from sitreps.nlp import parse
from sitreps.stages.dates import find_dates

D = date  # short, for the tables below

TUESDAY = D(1998, 2, 10)


@pytest.fixture(scope="module")
def dates_of():
    def run(text: str, published: date | None = TUESDAY) -> list[DateMention]:
        return find_dates(parse(text), Article(text=text, published=published))

    return run


def spans(mentions: list[DateMention]) -> list[str]:
    return [m.span.text for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no leading preposition; "last"/"this" belong to the expression
        ("Shares fell in 1996 and rose since January.", ["1996", "January"]),
        ("Prices rose last year and will fall next year.", ["last year", "next year"]),
        ("The vote was held on Wednesday, Oct. 7, 1997, in Paris.", ["Wednesday, Oct. 7, 1997"]),
        ("Output rose 3% over the past 24 hours.", ["the past 24 hours"]),
        ("Sales rose in the past and will rise in the future.", ["the past", "the future"]),
        ("Growth slowed in recent years.", ["recent years"]),
        ("1997's profit was a record.", ["1997"]),
        ("The pact was signed two years ago.", ["two years ago"]),
    ],
)
def test_span_boundaries(dates_of, text, expected):
    assert spans(dates_of(text)) == expected


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "kind"),
    [
        ("The firm is now profitable.", "now", TUESDAY, TUESDAY, "reference"),
        ("The firm currently employs 40.", "currently", TUESDAY, TUESDAY, "reference"),
        ("Growth slowed in recent years.", "recent years", D(1997, 2, 11), TUESDAY, "reference"),
        ("Prices will rise in the coming months.", "the coming months", D(1998, 2, 11), D(1998, 5, 11),
         "reference"),
        ("Sales rose this week.", "this week", D(1998, 2, 9), TUESDAY, "relative"),
        ("Sales rose last week.", "last week", D(1998, 2, 2), D(1998, 2, 8), "relative"),
        ("Sales rose earlier this month.", "earlier this month", D(1998, 2, 1), TUESDAY, "relative"),
        ("Sales fell for the month.", "the month", D(1998, 2, 1), TUESDAY, "relative"),
        ("The plant reopened last quarter.", "last quarter", D(1997, 10, 1), D(1997, 12, 31), "quarter"),
        ("Unemployment doubled over the past three years.", "the past three years", D(1995, 2, 12), TUESDAY,
         "duration"),
        ("Prices rose a month ago.", "a month ago", D(1998, 1, 1), D(1998, 1, 31), "relative"),
    ],
)  # fmt: skip
def test_relative_values(dates_of, text, span, start, end, kind):
    found = [m for m in dates_of(text) if m.span.text == span]
    assert len(found) == 1, spans(dates_of(text))
    m = found[0]
    assert (m.date_start, m.date_end, m.kind) == (start, end, kind)


def test_weekday_future_with_will_and_past_with_said(dates_of):
    future = [m for m in dates_of("The minister will visit Kabul on Friday.") if m.span.text == "Friday"]
    assert future[0].date_start == D(1998, 2, 13)
    past = [m for m in dates_of("The minister visited Kabul on Friday.") if m.span.text == "Friday"]
    assert past[0].date_start == D(1998, 2, 6)


def test_relative_words_need_the_report_date(dates_of):
    for m in dates_of("Sales rose last quarter, this spring and in recent years.", None):
        assert (m.resolved, m.date_start, m.date_end) == (False, None, None)
