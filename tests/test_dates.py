"""The dates stage: spans and their normalisation against the publication date (sentences written here)."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.model import Article, DateMention
from sitreps.nlp import parse
from sitreps.stages.dates import find_dates, precisions, publication_date_from_text

SATURDAY = date(2015, 10, 10)  # a Saturday


@pytest.fixture(scope="module")
def dates_of():
    def run(text: str, published: date | None = SATURDAY) -> list[DateMention]:
        return find_dates(parse(text), Article(text=text, published=published))

    return run


def one(mentions: list[DateMention], text: str) -> DateMention:
    found = [m for m in mentions if m.span.text == text]
    assert len(found) == 1, [m.span.text for m in mentions]
    return found[0]


def test_weekday_date_is_one_expression(dates_of):
    m = one(
        dates_of("The picture was taken on Wednesday, Oct. 7, 2015, near Morek."), "Wednesday, Oct. 7, 2015"
    )
    assert (m.date_start, m.date_end, m.time_precision, m.date_prec, m.kind) == (
        date(2015, 10, 7),
        date(2015, 10, 7),
        1,
        1,
        "date",
    )


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("The town fell on 7 October 2015.", "7 October 2015", date(2015, 10, 7)),
        ("The town fell on 2015-10-03.", "2015-10-03", date(2015, 10, 3)),
        ("The town fell on Oct 7.", "Oct 7", date(2015, 10, 7)),
        ("Paris launched its first raids on September 27.", "September 27", date(2015, 9, 27)),
        # a month-day after the publication date belongs to the year before
        ("The siege began on December 3.", "December 3", date(2014, 12, 3)),
        ("Rebels advanced yesterday.", "yesterday", date(2015, 10, 9)),
        ("Jets struck overnight.", "overnight", date(2015, 10, 9)),
        ("Jets struck last night.", "last night", date(2015, 10, 9)),
        ("The general was killed on Thursday.", "Thursday", date(2015, 10, 8)),
        ("Missiles crashed in Iran on Wednesday.", "Wednesday", date(2015, 10, 7)),
        # wire style names the publication day itself by its weekday
        ("Fighting resumed on Saturday.", "Saturday", date(2015, 10, 10)),
        ("The ceasefire collapsed last Saturday.", "last Saturday", date(2015, 10, 3)),
        ("The talks will resume on Monday.", "Monday", date(2015, 10, 12)),
        ("A car bomb exploded three days ago.", "three days ago", date(2015, 10, 7)),
        ("Residents fled today.", "today", SATURDAY),
    ],
)
def test_single_days(dates_of, text, span, expected):
    m = one(dates_of(text), span)
    assert m.date_start == m.date_end == expected
    assert (m.time_precision, m.date_prec, m.resolved) == (1, 1, True)


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "tp", "dp"),
    [
        (
            "Jets hit 60 targets over the past 24 hours.",
            "the past 24 hours",
            date(2015, 10, 9),
            SATURDAY,
            2,
            2,
        ),
        ("The army launched an offensive this week.", "this week", date(2015, 10, 5), SATURDAY, 2, 2),
        (
            "The army launched an offensive last week.",
            "last week",
            date(2015, 9, 28),
            date(2015, 10, 4),
            2,
            3,
        ),
        ("The town fell last month.", "last month", date(2015, 9, 1), date(2015, 9, 30), 3, 4),
        ("The town fell earlier this month.", "earlier this month", date(2015, 10, 1), SATURDAY, 3, 4),
        ("Fighting erupted in March.", "March", date(2015, 3, 1), date(2015, 3, 31), 3, 4),
        ("Fighting erupted in late September.", "late September", date(2015, 9, 21), date(2015, 9, 30), 3, 4),
        ("The truce was signed in January 2014.", "January 2014", date(2014, 1, 1), date(2014, 1, 31), 3, 4),
        ("The group seized the city in 2014.", "2014", date(2014, 1, 1), date(2014, 12, 31), 3, 5),
        ("Shelling continued in recent days.", "recent days", date(2015, 10, 4), SATURDAY, 2, 3),
    ],
)
def test_ranges(dates_of, text, span, start, end, tp, dp):
    m = one(dates_of(text), span)
    assert (m.date_start, m.date_end, m.time_precision, m.date_prec) == (start, end, tp, dp)


def test_since_is_background(dates_of):
    m = one(dates_of("Government troops have lost swathes of the country since 2011."), "2011")
    assert m.kind == "since"
    # TIMEX3: the expression is "2011" (value 2011); "since" only signals the relation
    assert (m.date_start, m.date_end) == (date(2011, 1, 1), date(2011, 12, 31))


def test_duration(dates_of):
    m = one(dates_of("Fighters advanced despite 10 days of Russian air strikes."), "10 days")
    assert m.kind == "duration"
    assert (m.date_start, m.date_end) == (date(2015, 10, 1), SATURDAY)


def test_ages_and_ranges_are_not_dates(dates_of):
    texts = [m.span.text for m in dates_of("The 45-year-old man, 50 years old, said between 10 and 15 died.")]
    assert texts == []


def test_without_publication_date(dates_of):
    mentions = dates_of("On Thursday jets struck. The town fell on Oct. 7, 2015, and again yesterday.", None)
    thursday = one(mentions, "Thursday")
    assert (thursday.resolved, thursday.date_start, thursday.date_end) == (False, None, None)
    yesterday = one(mentions, "yesterday")
    assert yesterday.resolved is False
    explicit = one(mentions, "Oct. 7, 2015")
    assert explicit.resolved is True and explicit.date_start == date(2015, 10, 7)


def test_sentence_index(dates_of):
    text = "Jets struck. Rebels advanced yesterday."
    m = one(dates_of(text), "yesterday")
    assert m.sentence == 1
    assert text[m.span.start : m.span.end] == "yesterday"


def test_precisions():
    assert precisions(date(2015, 1, 1), date(2015, 1, 1)) == (1, 1)
    assert precisions(date(2015, 1, 1), date(2015, 1, 4)) == (2, 2)
    assert precisions(date(2015, 1, 1), date(2015, 1, 7)) == (2, 3)
    assert precisions(date(2015, 1, 1), date(2015, 1, 31)) == (3, 4)
    assert precisions(date(2015, 1, 1), date(2015, 12, 31)) == (3, 5)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("MOSCOW, Oct. 9, 2015 (Reuters) - Russian jets struck", None, (date(2015, 10, 9), "dateline")),
        ("October 9, 2015 - The army said", None, (date(2015, 10, 9), "dateline")),
        ("KABUL, Afghanistan, 9 October 2015 (AP) — A bomb", None, (date(2015, 10, 9), "dateline")),
        ("KYIV, Ukraine (AP) — Russia launched", None, (None, "none")),
        ("BEIRUT, Oct 9 (AFP) - Jihadists advanced", None, (None, "none")),
        ("BEIRUT, Oct 9 (AFP) - Jihadists advanced", date(2015, 10, 12), (date(2015, 10, 9), "dateline")),
        ("BEIRUT, Dec 30 (AFP) - Jihadists advanced", date(2016, 1, 2), (date(2015, 12, 30), "dateline")),
        ("Jets struck the city on Oct. 9, 2015, officials said.", None, (None, "none")),
    ],
)
def test_publication_date_from_text(text, reference, expected):
    assert publication_date_from_text(text, reference=reference) == expected


def test_bare_year_entity_resolves_without_a_part():
    """A year the model tags as DATE on its own ("The 1998 budget") has no early/mid/late part."""
    from datetime import date

    from sitreps.model import Article
    from sitreps.nlp import parse
    from sitreps.stages.dates import find_dates

    text = "The 1998 budget was passed by parliament."
    found = find_dates(parse(text), Article(text=text, published=date(1998, 3, 2)))
    years = [d for d in found if d.span.text.endswith("1998")]
    assert years and years[0].date_start == date(1998, 1, 1)


def test_reference_words_and_relative_months():
    """ "now"/"recently" are kind "reference" (they date no event); "last May" is the May before."""
    from datetime import date

    from sitreps.model import Article
    from sitreps.nlp import parse
    from sitreps.stages.dates import find_dates

    text = "The rebels are now near the city. Talks last May failed, and this May they resumed."
    published = date(2015, 10, 10)
    found = {d.span.text: d for d in find_dates(parse(text), Article(text=text, published=published))}
    assert found["now"].kind == "reference" and found["now"].date_start == date(2015, 10, 10)
    assert found["last May"].date_start == date(2015, 5, 1)
    assert found["this May"].date_start == date(2015, 5, 1)
    text = "This may take weeks."
    assert not find_dates(parse(text), Article(text=text, published=date(2015, 10, 10)))


def test_windowed_rule_scans_find_what_a_full_scan_finds():
    from sitreps.stages import dates as D

    filler = "Officials met again to discuss the reconstruction budget and other matters. " * 12
    text = (
        filler + "On Oct. 9, 2015, two days later, the ministry said that in the near future, and the "
        "following morning, Christmas Day and mid-2014, some three weeks of talks would resume. " + filler
    )
    low = text.lower()
    for name, (pattern, _normalise) in zip(D._ORDER, D._RULES, strict=True):
        assert [m.span() for m in D._scan(name, pattern, text, low)] == [
            m.span() for m in pattern.finditer(text)
        ], name
