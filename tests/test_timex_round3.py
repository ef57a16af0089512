"""Round 3 of the dates stage: seasons, holidays, "last year" in earnings comparisons, bare past
references, past-tense quarters (sentences written here)."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.model import Article, DateMention
from sitreps.nlp import parse
from sitreps.stages.dates import find_dates
from sitreps.stages.timex_normalise import easter_sunday, holiday_date

D = date


@pytest.fixture(scope="module")
def dates_of():
    def run(text: str, published: date) -> dict[str, DateMention]:
        return {m.span.text: m for m in find_dates(parse(text), Article(text=text, published=published))}

    return run


def _range(m: DateMention) -> tuple[date | None, date | None]:
    return m.date_start, m.date_end


@pytest.mark.parametrize(
    ("text", "published", "span", "expected"),
    [
        # "last summer" is the summer of the year before, even told in the autumn after it
        ("The rebels attacked last summer.", D(1998, 10, 20), "last summer", (D(1997, 6, 1), D(1997, 8, 31))),
        # a bare season told in the past cannot be one still to come
        ("The rebels attacked in the summer.", D(1998, 2, 10), "the summer", (D(1997, 6, 1), D(1997, 8, 31))),
        # in the present tense it is the season of the report's year
        ("Talks resume in the summer.", D(1998, 2, 10), "the summer", (D(1998, 6, 1), D(1998, 8, 31))),
        ("Troops will go next spring.", D(1998, 10, 20), "next spring", (D(1999, 3, 1), D(1999, 5, 31))),
    ],
)
def test_season_years(dates_of, text, published, span, expected):
    assert _range(dates_of(text, published)[span]) == expected


@pytest.mark.parametrize(
    ("text", "published", "span", "expected"),
    [
        ("The ceasefire collapsed over Christmas.", D(1998, 2, 10), "Christmas", D(1997, 12, 25)),
        ("Talks will resume after Thanksgiving.", D(1998, 2, 10), "Thanksgiving", D(1998, 11, 26)),
        ("The town fell on Christmas Day 1996.", D(1998, 2, 10), "Christmas Day 1996", D(1996, 12, 25)),
        ("Shelling resumed after New Year's Day.", D(1998, 2, 10), "New Year's Day", D(1998, 1, 1)),
        ("Pilgrims fled last Easter.", D(1998, 2, 10), "last Easter", D(1997, 3, 30)),
        ("The offensive began on Good Friday.", D(1998, 4, 20), "Good Friday", D(1998, 4, 10)),
    ],
)
def test_holidays(dates_of, text, published, span, expected):
    m = dates_of(text, published)[span]
    assert _range(m) == (expected, expected)
    assert m.time_precision == 1


def test_holiday_calendar():
    assert easter_sunday(1998) == D(1998, 4, 12)
    assert easter_sunday(2024) == D(2024, 3, 31)
    assert holiday_date("memorial day", 1998) == D(1998, 5, 25)
    assert holiday_date("Labor Day", 1998) == D(1998, 9, 7)
    assert holiday_date("thanksgiving", 2026) == D(2026, 11, 26)
    assert holiday_date("harvest moon", 1998) is None


def test_last_year_in_an_earnings_comparison_is_the_period_a_year_back(dates_of):
    text = (
        "In the third quarter, net income rose to $5.2 million from $3.1 million last year. "
        "Sales fell last year."
    )
    found = find_dates(parse(text), Article(text=text, published=D(1998, 11, 10)))
    compared, plain = [m for m in found if m.span.text == "last year"]
    assert _range(compared) == (D(1997, 7, 1), D(1997, 9, 30))
    assert _range(plain) == (D(1997, 1, 1), D(1997, 12, 31))


def test_last_year_after_a_day_stays_the_year(dates_of):
    text = "On Tuesday the company said profit rose to $5 million from $3 million last year."
    m = dates_of(text, D(1998, 11, 10))["last year"]
    assert _range(m) == (D(1997, 1, 1), D(1997, 12, 31))


def test_uncounted_past_is_a_past_reference(dates_of):
    m = dates_of("The two villages were rebuilt years ago.", D(1998, 2, 10))["years ago"]
    assert m.kind == "reference"
    assert m.date_end == D(1998, 2, 10) and m.date_start < D(1998, 2, 10)


def test_past_tense_quarter_not_yet_begun_is_last_years(dates_of):
    m = dates_of("The fourth quarter was weak, the company said.", D(1998, 8, 20))["The fourth quarter"]
    assert _range(m) == (D(1997, 10, 1), D(1997, 12, 31))


def test_christmas_island_is_a_place(dates_of):
    assert dates_of("Refugees landed on Christmas Island.", D(1998, 2, 10)) == {}
