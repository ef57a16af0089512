"""Round 4 of the dates stage: clock times with their day, year-end, months with a relative or spoken
year, tense cues ("payable Dec. 1", "had been due to expire Friday"), vague past and future references
(sentences written here)."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.model import Article, DateMention
from sitreps.nlp import parse
from sitreps.stages.dates import find_dates

D = date
MON = D(1989, 10, 30)  # a Monday


@pytest.fixture(scope="module")
def dates_of():
    def run(text: str, published: date) -> dict[str, DateMention]:
        return {m.span.text: m for m in find_dates(parse(text), Article(text=text, published=published))}

    return run


@pytest.mark.parametrize(
    ("text", "published", "span", "kind", "expected"),
    [
        # a clock time is on the day it names, else the last day told, else the report's day
        (
            "The ceasefire expires at 5 p.m. EST Nov. 9.",
            MON,
            "5 p.m. EST Nov. 9",
            "time",
            (D(1989, 11, 9),) * 2,
        ),
        ("Fighting stopped at midnight Friday.", MON, "midnight Friday", "time", (D(1989, 10, 27),) * 2),
        ("On Friday, gunmen opened fire around 7:15 p.m.", MON, "7:15 p.m.", "time", (D(1989, 10, 27),) * 2),
        ("The convoy left at noon.", MON, "noon", "time", (MON, MON)),
        # year-end: the coming one, or the one gone by when the clause looks back
        ("The deal should close by year-end.", MON, "year-end", "date", (D(1989, 12, 31),) * 2),
        ("Prices have risen since year-end.", MON, "year-end", "since", (D(1988, 12, 31),) * 2),
        ("Sales for the full year rose.", MON, "the full year", "relative", (D(1989, 1, 1), MON)),
        # months with a relative or spoken year
        (
            "Talks collapsed in June last year.",
            MON,
            "June last year",
            "month",
            (D(1988, 6, 1), D(1988, 6, 30)),
        ),
        (
            "It began in January this year.",
            MON,
            "January this year",
            "month",
            (D(1989, 1, 1), D(1989, 1, 31)),
        ),
        (
            "It was January nineteen ninety-seven.",
            MON,
            "January nineteen ninety-seven",
            "month",
            (D(1997, 1, 1), D(1997, 1, 31)),
        ),
        (
            "They fled in the winter of nineteen ninety-four.",
            MON,
            "the winter of nineteen ninety-four",
            "season",
            (D(1993, 12, 1), D(1994, 2, 28)),
        ),
        (
            "By the year two thousand, the camp was empty.",
            MON,
            "the year two thousand",
            "year",
            (D(2000, 1, 1), D(2000, 12, 31)),
        ),
        (
            "The plant closed this past spring.",
            MON,
            "this past spring",
            "season",
            (D(1989, 3, 1), D(1989, 5, 31)),
        ),
        (
            "Envoys arrived a week or so ago.",
            MON,
            "a week or so ago",
            "relative",
            (D(1989, 10, 23), D(1989, 10, 29)),
        ),
    ],
)
def test_new_expressions(dates_of, text, published, span, kind, expected):
    m = dates_of(text, published)[span]
    assert m.kind == kind
    assert (m.date_start, m.date_end) == expected


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        # words on the way to the verb that point ahead of the report
        ("The company declared a dividend payable Dec. 1.", "Dec. 1", D(1989, 12, 1)),
        ("The offer was extended to Nov. 16.", "Nov. 16", D(1989, 11, 16)),
        # a planned weekday is the coming one; a deadline told in the pluperfect has gone by
        ("The sale is scheduled to close Thursday.", "Thursday", D(1989, 11, 2)),
        ("The truce had been due to expire Friday evening.", "Friday evening", D(1989, 10, 27)),
        ("Talks resume this coming Sunday.", "this coming Sunday", D(1989, 11, 5)),
        # a month reached through a noun takes no tense from the verb beyond it
        (
            "The land, worth $1 million in October, is worth half that now, she estimates.",
            "October",
            D(1989, 10, 1),
        ),
    ],
)
def test_tense_cues(dates_of, text, span, expected):
    assert dates_of(text, MON)[span].date_start == expected


@pytest.mark.parametrize(
    ("text", "span", "past"),
    [
        ("The recent shelling of the town killed four.", "recent", True),
        ("Prices have fallen in the last few months.", "the last few months", True),
        ("Analysts expect fighting to grow in coming months.", "coming months", False),
        ("Aid agencies worry about the near term.", "the near term", False),
    ],
)
def test_vague_references(dates_of, text, span, past):
    m = dates_of(text, MON)[span]
    assert m.kind == "reference"
    assert (m.date_end <= MON) if past else (m.date_start > MON)


def test_a_count_of_two_thousand_is_no_year(dates_of):
    assert "two thousand" not in " ".join(dates_of("Some two thousand troops crossed the border.", MON))


def test_phrase_alternation_matches_like_the_flat_list_longest_first():
    import re

    from sitreps.stages.timex_normalise import phrase_alternation

    phrases = ["the next day", "the next week", "the following day", "late", "late last week", "later"]
    trie = re.compile(rf"\b{phrase_alternation(phrases)}\b", re.I)
    flat = re.compile(rf"\b(?:{'|'.join(sorted(phrases, key=len, reverse=True))})\b", re.I)
    for text in ["late", "later that day", "late last week", "late last", "The Following Day", "the next"]:
        got, want = trie.search(text), flat.search(text)
        assert (got and got.group(0)) == (want and want.group(0)), text
    curly = re.compile(phrase_alternation(["valentine's day"], apostrophes=True))
    assert curly.search("on Valentine’s day".lower())
