"""The counts stage on sentences in wire-report English (written for these tests)."""

from __future__ import annotations

import pytest

from sitreps.model import Article, Toll
from sitreps.nlp import parse
from sitreps.stages.counts import find_tolls, number_value


@pytest.fixture(scope="module")
def tolls_of():
    def run(text: str) -> list[Toll]:
        return find_tolls(parse(text), Article(text=text))

    return run


def only(tolls: list[Toll]) -> Toll:
    assert len(tolls) == 1, tolls
    return tolls[0]


def counts(t: Toll) -> tuple[int, int, int]:
    return t.low, t.best, t.high


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["29"], 29),
        (["1,200"], 1200),
        (["twenty", "-", "five"], 25),
        (["two", "hundred"], 200),
        (["1.2", "million"], 1_200_000),
        (["Fourteen"], 14),
    ],
)
def test_number_value(words, value):
    assert number_value(words) == value


@pytest.mark.parametrize(
    ("text", "kind", "expected", "who"),
    [
        ("At least 29 people were killed in the blast.", "killed", (29, 29, 29), "unknown"),
        (
            "Twenty-five civilians were killed in air strikes on the market.",
            "killed",
            (25, 25, 25),
            "civilians",
        ),
        ("The army said it had killed 1,200 rebels.", "killed", (1200, 1200, 1200), "rebels"),
        ("The rebels said more than 30 soldiers died in the ambush.", "killed", (31, 31, 31), "soldiers"),
        ("Nearly 40 villagers were wounded.", "injured", (36, 40, 40), "civilians"),
        ("About 50 fighters were captured near the border.", "captured", (45, 50, 55), "fighters"),
        ("Between 10 and 15 soldiers died in the ambush.", "killed", (10, 12, 15), "soldiers"),
        ("Police said 10 to 20 protesters were injured.", "injured", (10, 15, 20), "civilians"),
        ("Up to 30 policemen were hurt.", "injured", (1, 30, 30), "policemen"),
        ("A dozen soldiers were wounded.", "injured", (12, 12, 12), "soldiers"),
        ("Gunmen abducted 20 schoolgirls from their dormitory.", "captured", (20, 20, 20), "civilians"),
        ("Fourteen people are missing after the boat was hit.", "missing", (14, 14, 14), "unknown"),
        ("Security forces shot dead five militants near the mosque.", "killed", (5, 5, 5), "militants"),
        ("The clashes left 7 people dead.", "killed", (7, 7, 7), "unknown"),
        ("The death toll rose to 45 on Tuesday.", "killed", (45, 45, 45), "unknown"),
        ("The militia took 12 aid workers hostage and seized 30 hostages.", "captured", (42, 42, 42), None),
    ],
)
def test_single_toll(tolls_of, text, kind, expected, who):
    tolls = [t for t in tolls_of(text) if t.kind == kind]
    if who is None:  # two tolls of one kind in one sentence: the total is what matters here
        assert sum(t.best for t in tolls) == expected[1]
        return
    t = only(tolls)
    assert counts(t) == expected
    assert t.who == who
    assert t.excluded == ""


def test_seed_structures(tolls_of):
    # conjoined victims of different kinds are one toll each, and they add up
    tolls = tolls_of(
        "The ministry said the jets bombed a base, killing two senior field commanders and some "
        "200 fighters, according to radio intercepts."
    )
    assert [(t.who, counts(t)) for t in tolls] == [
        ("senior field commanders", (2, 2, 2)),
        ("fighters", (180, 200, 220)),
    ]
    t = only(tolls_of('An air raid on the town killed "some 100 militants", officials said.'))
    assert counts(t) == (90, 100, 110) and t.who == "militants"
    t = only(tolls_of('"Dozens of combatants were killed on both sides," the monitor said.'))
    assert counts(t) == (12, 24, 99) and t.who == "combatants"
    t = only(
        tolls_of(
            "The ministry said its jets had killed several hundred IS fighters and hit more than 60 "
            "targets in the past day."
        )
    )
    assert counts(t) == (200, 300, 900) and t.who == "IS fighters"
    t = only(
        tolls_of("According to the monitor, 16 IS jihadists including three child soldiers were killed.")
    )
    assert counts(t) == (16, 16, 16) and t.who == "IS jihadists"
    t = only(tolls_of("The Guards said one of their senior officers was killed near the airbase."))
    assert counts(t) == (1, 1, 1) and t.who == "senior officers"


def test_sums_and_subsets(tolls_of):
    tolls = tolls_of("Three policemen and one civilian were killed when the bomb went off.")
    assert [(t.who, t.best) for t in tolls] == [("policemen", 3), ("civilians", 1)]
    tolls = tolls_of("Four soldiers and three more soldiers were killed in the ambush.")
    assert [(t.who, t.best) for t in tolls] == [("soldiers", 7)]
    t = only(tolls_of("Almost 70 people, among them 20 women, died when the building collapsed."))
    assert t.best == 70
    t = only(tolls_of("The attack killed 16, including three women."))
    assert t.best == 16
    assert tolls_of("Two of the dead were children.") == []


def test_killed_and_wounded_in_one_sentence(tolls_of):
    tolls = tolls_of("At least 29 people were killed and 50 wounded in the blast.")
    assert [(t.kind, t.best) for t in tolls] == [("killed", 29), ("injured", 50)]
    tolls = tolls_of("The bombing left 12 dead and dozens injured.")
    assert [(t.kind, t.low) for t in tolls] == [("killed", 12), ("injured", 12)]
    tolls = tolls_of("A suicide bomber blew himself up, killing 16 civilians and wounding 40.")
    assert [(t.kind, t.best, t.who) for t in tolls] == [
        ("killed", 16, "civilians"),
        ("injured", 40, "unknown"),
    ]


def test_singular_victims(tolls_of):
    t = only(tolls_of("A soldier was killed when his patrol hit a mine."))
    assert counts(t) == (1, 1, 1) and t.who == "soldier"
    t = only(tolls_of("General Hossein Rahimi was killed near Aleppo."))
    assert counts(t) == (1, 1, 1)


def test_casualties_are_killed_and_injured(tolls_of):
    t = only(tolls_of("The shelling caused 15 casualties among the troops."))
    assert t.kind == "killed" and counts(t) == (0, 0, 15)


@pytest.mark.parametrize(
    "text",
    [
        "No one was hurt in the attack.",
        "Nobody was killed, police said.",
        "There were no immediate reports of casualties.",
        "The two guards were not injured.",
    ],
)
def test_negated(tolls_of, text):
    t = only(tolls_of(text))
    assert t.excluded == "negated"
    assert counts(t) == (0, 0, 0)


@pytest.mark.parametrize(
    "text",
    [
        "Officials warned the dam collapse could kill hundreds.",
        "The militants threatened to kill 40 hostages if their demands were not met.",
        "Up to 30 villagers may have died in the raid.",
    ],
)
def test_hypothetical(tolls_of, text):
    assert only(tolls_of(text)).excluded == "hypothetical"


@pytest.mark.parametrize(
    "text",
    [
        "The war has killed more than 250,000 people since 2011.",
        "Officials said 1,200 people have been killed in the region so far this year.",
        "The conflict has killed 5,000 civilians.",
    ],
)
def test_cumulative(tolls_of, text):
    t = only(tolls_of(text))
    assert t.excluded == "cumulative"
    assert t.kind == "killed"


@pytest.mark.parametrize(
    "text",
    [
        "The jihadists are now just over 10 kilometers from the city and three kilometers from the front.",
        "Warplanes hit 60 terrorist targets over the past 24 hours.",
        'The minister said "80 to 90 percent" of the strikes were aimed at rebels.',
        "The army has 50 tanks and 2,000 troops in the area.",
        "In 2014, the two senior commanders met in Damascus.",
        "The offensive began on September 27 after 10 days of talks.",
        "Police arrested 30 protesters on Monday.",
    ],
)
def test_numbers_that_are_not_tolls(tolls_of, text):
    assert tolls_of(text) == []


def test_span_and_sentence_index(tolls_of):
    text = "Fighting resumed on Monday. Rebels said 12 soldiers were killed."
    t = only(tolls_of(text))
    assert t.sentence == 1
    assert text[t.span.start : t.span.end] == t.span.text == "12 soldiers"


def test_age_is_not_a_count(tolls_of):
    t = only(tolls_of("A 10-year-old boy was killed by a stray bullet."))
    assert counts(t) == (1, 1, 1) and t.who == "civilians"


def test_two_events_in_one_sentence_stay_apart(tolls_of):
    tolls = tolls_of(
        "A car bomb killed at least 12 people in Baghdad on Sunday, a day after 25 were killed in a "
        "similar attack."
    )
    assert [t.best for t in tolls] == [12, 25]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Militants attacked a house, killing the owner, his wife and three children.", 5),
        ("An Interpol commander was assassinated as he walked to work.", 1),
        ("A man was gunned down by militants in his house.", 1),
        ("The journalist was shot dead as he returned home.", 1),
        ("A trader was stabbed to death in the market.", 1),
        ("Gunmen killed five soldiers.", 5),
    ],
)
def test_single_people_and_killings_told_by_manner(text, expected):
    tolls = [t for t in find_tolls(parse(text), Article(text=text)) if t.kind == "killed" and not t.excluded]
    assert sum(t.best for t in tolls) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The SOHR monitors the five-year conflict, which has killed more than 280000 people.",
        "At least 230000 people have been killed in Syria's multi-front conflict.",
        "More than 300000 people have been killed and millions forced to flee their homes.",
    ],
)
def test_a_wars_running_total_is_cumulative(text: str) -> None:
    from sitreps.model import Article
    from sitreps.nlp import parse
    from sitreps.stages.counts import find_tolls

    tolls = find_tolls(parse(text), Article(text=text))
    assert tolls and all(t.excluded == "cumulative" for t in tolls)


def test_an_events_perfect_tense_toll_stays() -> None:
    from sitreps.model import Article
    from sitreps.nlp import parse
    from sitreps.stages.counts import find_tolls

    text = "Air strikes have killed 12 civilians in Idlib, the Observatory said."
    assert [t.excluded for t in find_tolls(parse(text), Article(text=text))] == [""]
