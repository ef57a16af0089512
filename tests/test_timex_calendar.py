"""Calendar expressions in TIMEX3 style: quarters, halves, fiscal years, seasons, decades, centuries,
bare years and months (sentences written here; values normalised against the publication date)."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.model import Article, DateMention
from sitreps.nlp import parse
from sitreps.stages.dates import find_dates

D = date  # short, for the tables below

OCT_25_1989 = D(1989, 10, 25)  # a report in the weeks third-quarter results come out
FEB_10_1998 = D(1998, 2, 10)


@pytest.fixture(scope="module")
def dates_of():
    def run(text: str, published: date | None = OCT_25_1989) -> list[DateMention]:
        return find_dates(parse(text), Article(text=text, published=published))

    return run


def one(mentions: list[DateMention], text: str) -> DateMention:
    found = [m for m in mentions if m.span.text == text]
    assert len(found) == 1, [m.span.text for m in mentions]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "start", "end"),
    [
        # the quarter being reported is the one just ended
        ("Profit in the quarter rose 5%.", "the quarter", D(1989, 7, 1), D(1989, 9, 30)),
        ("Third-quarter net income rose 12%.", "Third-quarter", D(1989, 7, 1), D(1989, 9, 30)),
        ("The third-quarter loss widened.", "third-quarter", D(1989, 7, 1), D(1989, 9, 30)),
        ("Revenue in the first quarter fell.", "the first quarter", D(1989, 1, 1), D(1989, 3, 31)),
        ("Sales rose in the latest quarter.", "the latest quarter", D(1989, 7, 1), D(1989, 9, 30)),
        ("Profit fell from the year-ago quarter.", "the year-ago quarter", D(1988, 7, 1), D(1988, 9, 30)),
        ("The loss came in the fourth quarter of 1988.", "the fourth quarter of 1988", D(1988, 10, 1),
         D(1988, 12, 31)),
        ("Earnings beat forecasts in Q2 1987.", "Q2 1987", D(1987, 4, 1), D(1987, 6, 30)),
        ("Profit rose in the first half of 1989.", "the first half of 1989", D(1989, 1, 1), D(1989, 6, 30)),
        ("Results for fiscal 1988 were restated.", "fiscal 1988", D(1988, 1, 1), D(1988, 12, 31)),
        ("The plant closed in the fall of 1987.", "the fall of 1987", D(1987, 9, 1), D(1987, 11, 30)),
        ("Prices soared in the 1970s.", "the 1970s", D(1970, 1, 1), D(1979, 12, 31)),
        ("Wars marked the 19th century.", "the 19th century", D(1800, 1, 1), D(1899, 12, 31)),
        ("Output peaked in the late 1970s.", "the late 1970s", D(1976, 9, 1), D(1979, 12, 31)),
        ("The talks collapsed in 1986.", "1986", D(1986, 1, 1), D(1986, 12, 31)),
        ("The plant opened in early 1987.", "early 1987", D(1987, 1, 1), D(1987, 5, 1)),
        ("The mill closed by the end of 1986.", "the end of 1986", D(1986, 9, 2), D(1986, 12, 31)),
    ],
)  # fmt: skip
def test_calendar_periods(dates_of, text, span, start, end):
    m = one(dates_of(text), span)
    assert (m.date_start, m.date_end) == (start, end)


@pytest.mark.parametrize(
    ("text", "span", "published", "start", "end"),
    [
        # a fourth quarter named in February is the one that just ended
        ("Fourth-quarter profit doubled.", "Fourth-quarter", FEB_10_1998, D(1997, 10, 1), D(1997, 12, 31)),
        # "will" points at the coming first quarter (clipped to the report: it cannot speak of later days)
        ("Sales will rise in the first quarter.", "the first quarter", FEB_10_1998, D(1998, 1, 1),
         FEB_10_1998),
        ("The company expects a profit in the fourth quarter.", "the fourth quarter", OCT_25_1989,
         D(1989, 10, 1), OCT_25_1989),
        ("Snow fell heavily this winter.", "this winter", FEB_10_1998, D(1997, 12, 1), FEB_10_1998),
        ("Talks began last summer.", "last summer", FEB_10_1998, D(1997, 6, 1), D(1997, 8, 31)),
        ("Orders slowed this spring.", "this spring", OCT_25_1989, D(1989, 3, 1), D(1989, 5, 31)),
        ("Growth will return in the second half.", "the second half", FEB_10_1998, D(1998, 7, 1),
         D(1998, 12, 31)),
        ("Prices rose a year earlier.", "a year earlier", FEB_10_1998, D(1997, 1, 1), D(1997, 12, 31)),
        ("Year-earlier profit was $5 million.", "Year-earlier", FEB_10_1998, D(1997, 1, 1), D(1997, 12, 31)),
        ("Sales fell for the year, it said.", "the year", FEB_10_1998, D(1998, 1, 1), FEB_10_1998),
        ("The plant will close at the end of the year.", "the end of the year", FEB_10_1998, D(1998, 9, 2),
         D(1998, 12, 31)),
        ("It expanded late last year.", "late last year", FEB_10_1998, D(1997, 9, 2), D(1997, 12, 31)),
        ("Borders shifted in this century.", "this century", FEB_10_1998, D(1900, 1, 1), FEB_10_1998),
        ("The board will meet in March.", "March", FEB_10_1998, D(1998, 3, 1), D(1998, 3, 31)),
        ("The board met in December.", "December", FEB_10_1998, D(1997, 12, 1), D(1997, 12, 31)),
        ("September was the worst month.", "September", OCT_25_1989, D(1989, 9, 1), D(1989, 9, 30)),
    ],
)  # fmt: skip
def test_periods_relative_to_the_report(dates_of, text, span, published, start, end):
    m = one(dates_of(text, published), span)
    assert (m.date_start, m.date_end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "The fall of the Berlin Wall stunned Moscow.",
        "Prices fall when supply rises.",
        "The company has 2000 employees.",
        "It paid $1990 for the car.",
        "Quarterly reports are due.",
        "This may take weeks.",
    ],
)
def test_not_temporal(dates_of, text):
    kinds = {"year", "season", "quarter", "month", "half"}
    assert [m.span.text for m in dates_of(text) if m.kind in kinds] == []


def test_without_publication_date_calendar(dates_of):
    mentions = dates_of("Profit rose in the third quarter of 1989 and in the second quarter.", None)
    explicit = one(mentions, "the third quarter of 1989")
    assert explicit.resolved and explicit.date_start == D(1989, 7, 1)
    relative = one(mentions, "the second quarter")
    assert (relative.resolved, relative.date_start) == (False, None)


def test_quarter_precision(dates_of):
    m = one(dates_of("Profit fell in the fourth quarter of 1988."), "the fourth quarter of 1988")
    assert (m.time_precision, m.date_prec, m.kind) == (3, 5, "quarter")
