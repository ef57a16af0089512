"""Which toponym is an event's location: the most specific of its own phrase, "the approaches to X" as a
place, and a country adjective only as the last resort (sentences written here)."""

from __future__ import annotations

import pytest

from sitreps.gazetteer import get_gazetteer
from sitreps.model import Article, Place, PlaceMention, TextSpan
from sitreps.nlp import parse
from sitreps.stages.event_places import coarseness, place_for_verb
from sitreps.stages.places import find_places


def _mention(feature: str, relation: str = "", adjective: bool = False) -> PlaceMention:
    place = Place("X", 1.0, 1.0, feature_type=feature)
    return PlaceMention(TextSpan(0, 1, "X"), 0, place, relation, adjective)


def test_coarseness_orders_towns_before_districts_provinces_and_adjectives():
    town, district, province = _mention("populated_place"), _mention("admin2"), _mention("admin1")
    anchor, adjective = _mention("populated_place", "north of"), _mention("country", adjective=True)
    assert coarseness(town) < coarseness(district) < coarseness(province) < coarseness(adjective)
    assert coarseness(anchor) == 1


@pytest.fixture(scope="module")
def place_of_verb():
    gaz = get_gazetteer()

    def run(text: str, verb: str) -> str | None:
        doc = parse(text)
        places = find_places(doc, Article(text=text), gaz)
        tok = next(t for t in doc if t.text == verb)
        best = place_for_verb(doc, tok, places)
        return best.span.text if best else None

    return run


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # the town of the verb's phrase, not the province or country it is in
        ("Gunmen killed four farmers in Garissa, in northern Kenya, on Tuesday.", "killed", "Garissa"),
        ("Shells landed in the town of Maarat al-Numan in Idlib province.", "landed", "Maarat al-Numan"),
        # "the approaches to X" is where the fighting is, not a destination
        ("Troops attacked positions on the approaches to Palmyra.", "attacked", "Palmyra"),
        # a destination is still no event location: the clause's other place is
        ("Refugees fled to Turkey after the shelling of Aleppo.", "fled", "Aleppo"),
    ],
)
def test_place_for_verb(place_of_verb, text, verb, expected):
    assert place_of_verb(text, verb) == expected
