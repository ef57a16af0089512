"""`value_matches` on TIMEX3 values of fiscal periods and unspecified quarters (evaluate/tasks/timex)."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.evaluate.tasks.timex import granularity, value_interval, value_matches

D = date
DCT = D(1998, 3, 5)


@pytest.mark.parametrize(
    ("value", "interval"),
    [
        # a fiscal year is named by the calendar year it ends in, and may end in any month of it
        ("FY1998", (D(1997, 2, 1), D(1998, 12, 31))),
        ("FY1998-Q1", (D(1997, 2, 1), D(1998, 3, 31))),
        ("FY1998-Q4", (D(1997, 11, 1), D(1998, 12, 31))),
        ("FY1998-H2", (D(1997, 8, 1), D(1998, 12, 31))),
        # an unspecified quarter of a year is compared on its year
        ("1998-QX", (D(1998, 1, 1), D(1998, 12, 31))),
        ("1998-H1", (D(1998, 1, 1), D(1998, 6, 30))),
    ],
)
def test_value_interval(value, interval):
    parsed = value_interval(value)
    assert parsed is not None and parsed[0] == interval


@pytest.mark.parametrize(
    ("value", "start", "end", "ok"),
    [
        ("FY1998", D(1998, 1, 1), D(1998, 12, 31), True),  # the calendar year it closes in
        ("FY1998", D(1997, 10, 1), D(1998, 9, 30), True),  # a federal fiscal year
        ("FY1998", D(1996, 10, 1), D(1997, 9, 30), False),  # FY1997
        ("FY1998-Q1", D(1997, 10, 1), D(1997, 12, 31), True),
        ("FY1998-Q1", D(1998, 7, 1), D(1998, 9, 30), False),  # no fiscal 1998 starts in July 1998
        ("1998-QX", D(1998, 7, 1), D(1998, 9, 30), True),
        ("1998-QX", D(1997, 7, 1), D(1997, 9, 30), False),
        ("FY1998-Q5", D(1998, 1, 1), D(1998, 1, 1), False),  # no such value
    ],
)
def test_value_matches_fiscal_and_unspecified(value, start, end, ok):
    assert value_matches(value, start, end, DCT) is ok


def test_granularity_of_fiscal_values():
    assert [granularity(v) for v in ("FY1998", "FY1998-Q2", "1998-QX", "FY98")] == [
        "fiscal",
        "fiscal",
        "year",
        "other",
    ]
