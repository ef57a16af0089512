"""Anaphoric expressions, quarters of earnings reports, spoken years (sentences written here)."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.model import Article, DateMention
from sitreps.nlp import parse
from sitreps.stages.dates import find_dates

D = date
THURSDAY = D(1989, 10, 26)  # an earnings-season report: the third quarter has just closed


@pytest.fixture(scope="module")
def dates_of():
    def run(text: str, published: date | None = THURSDAY) -> list[DateMention]:
        return find_dates(parse(text), Article(text=text, published=published))

    return run


def value(mentions: list[DateMention], span: str) -> tuple[date | None, date | None]:
    found = [m for m in mentions if m.span.text == span]
    assert len(found) == 1, [m.span.text for m in mentions]
    return found[0].date_start, found[0].date_end


@pytest.mark.parametrize(
    ("text", "span", "start", "end"),
    [
        # days lean on the last day told, not on the report's date
        ("Rebels shelled the town on Oct. 3. The next day, troops withdrew.", "The next day", D(1989, 10, 4),
         D(1989, 10, 4)),
        ("The envoy arrived on Sept. 12 and met the rebels the previous day.", "the previous day",
         D(1989, 9, 11), D(1989, 9, 11)),
        ("A bomb exploded on Oct. 3; a second one went off later that day.", "later that day", D(1989, 10, 3),
         D(1989, 10, 3)),
        ("Two soldiers died on Monday. Three days earlier, a convoy was hit.", "Three days earlier",
         D(1989, 10, 20), D(1989, 10, 20)),
        # years and months lean on the last year or month told
        ("The dam was finished in 1972. Floods hit the valley the following year.", "the following year",
         D(1973, 1, 1), D(1973, 12, 31)),
        ("The rebels took the city in 1985, and that year the army lost the north.", "that year",
         D(1985, 1, 1), D(1985, 12, 31)),
        ("Fighting broke out in March 1988 and spread the following month.", "the following month",
         D(1988, 4, 1), D(1988, 4, 30)),
        # without a date to lean on they are read against the report's date
        ("Troops withdrew the next day.", "the next day", D(1989, 10, 27), D(1989, 10, 27)),
        ("Output fell the previous year.", "the previous year", D(1988, 1, 1), D(1988, 12, 31)),
    ],
)  # fmt: skip
def test_anaphoric_days_months_years(dates_of, text, span, start, end):
    assert value(dates_of(text), span) == (start, end)


@pytest.mark.parametrize(
    ("text", "span", "start", "end"),
    [
        # "a year earlier" in a report comparing periods is the period last told, a year back
        ("Net income rose 12% in the third quarter from $4 million a year earlier.", "a year earlier",
         D(1988, 7, 1), D(1988, 9, 30)),
        ("Sales in September rose 3% from a year ago.", "a year ago", D(1988, 9, 1), D(1988, 9, 30)),
        ("Profit rose in the second quarter. Revenue was flat from the same period a year earlier.",
         "the same period a year earlier", D(1988, 4, 1), D(1988, 6, 30)),
        ("Profit rose in the second quarter, above the year-ago quarter.", "the year-ago quarter",
         D(1988, 4, 1), D(1988, 6, 30)),
        # without a period told, it is the year before the report
        ("Prices were lower a year ago.", "a year ago", D(1988, 1, 1), D(1988, 12, 31)),
    ],
)  # fmt: skip
def test_year_earlier_leans_on_the_period_told(dates_of, text, span, start, end):
    assert value(dates_of(text), span) == (start, end)


def test_anaphoric_expressions_do_not_chain(dates_of):
    text = "Profit rose in the third quarter from a year earlier; sales were flat from a year earlier."
    mentions = [m for m in dates_of(text) if m.span.text == "a year earlier"]
    assert [(m.date_start, m.date_end) for m in mentions] == [(D(1988, 7, 1), D(1988, 9, 30))] * 2


@pytest.mark.parametrize(
    ("text", "span", "start", "end"),
    [
        # an ordinal quarter without a year is that quarter of the year being reported
        ("The company reported a loss for the third quarter.", "the third quarter", D(1989, 7, 1),
         D(1989, 9, 30)),
        ("Analysts said fourth-quarter profit was hurt by the storm.", "fourth-quarter", D(1989, 10, 1),
         THURSDAY),
        ("The 1988 fourth quarter included a gain.", "The 1988 fourth quarter", D(1988, 10, 1),
         D(1988, 12, 31)),
    ],
)  # fmt: skip
def test_quarters_of_the_reported_year(dates_of, text, span, start, end):
    assert value(dates_of(text), span) == (start, end)


@pytest.mark.parametrize(
    ("text", "span", "start", "end"),
    [
        # a month-day with no year: the nearer one unless the tense of its own clause says otherwise
        ("The shareholders' meeting on Nov. 15 is expected to approve it.", "Nov. 15", D(1989, 11, 15),
         D(1989, 11, 15)),
        ("The rebels attacked the garrison on Dec. 3.", "Dec. 3", D(1988, 12, 3), D(1988, 12, 3)),
        ("The vote will be held on Sept. 30.", "Sept. 30", D(1990, 9, 30), D(1990, 9, 30)),
    ],
)  # fmt: skip
def test_month_day_year_choice(dates_of, text, span, start, end):
    assert value(dates_of(text), span) == (start, end)


def test_spoken_years_and_counts(dates_of):
    text = "The treaty was signed in nineteen eighty-seven; two thousand troops will leave by two thousand."
    mentions = dates_of(text, D(1998, 2, 10))
    assert value(mentions, "nineteen eighty-seven") == (D(1987, 1, 1), D(1987, 12, 31))
    assert value(mentions, "two thousand") == (D(2000, 1, 1), D(2000, 12, 31))  # the year, not the troops


def test_soon_and_future_are_future_references(dates_of):
    mentions = dates_of("Talks will resume soon, and future rounds are planned.")
    for span in ("soon", "future"):
        start, end = value(mentions, span)
        assert start is not None and start > THURSDAY
