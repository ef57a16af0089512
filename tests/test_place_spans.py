"""Resolving toponym spans someone else marked (a gold standard's, a user's) with the article as evidence."""

from __future__ import annotations

import pytest

from sitreps.gazetteer import get_gazetteer
from sitreps.model import Article, Place
from sitreps.nlp import parse
from sitreps.stages.places import resolve_spans


@pytest.fixture(scope="module")
def spans():
    get_gazetteer()

    def _run(text: str, *names: str) -> list[Place | None]:
        marked = []
        for name in names:
            start = text.index(name)
            marked.append((start, start + len(name)))
        return resolve_spans(parse(text), Article(text=text), marked)

    return _run


def test_a_marked_name_is_ranked_with_the_rest_of_the_article(spans):
    (paris,) = spans(
        "Police in Paris, Texas, arrested two men. The Paris police chief said more arrests follow.", "Paris"
    )
    assert paris is not None and paris.country_code == "US"


def test_a_building_takes_the_place_named_inside_it(spans):
    (uni,) = spans(
        "She studies geology at the University of Alberta and works summers in the oil fields.",
        "University of Alberta",
    )
    assert uni is not None and uni.name == "Alberta" and uni.geo_precision >= 2


def test_a_street_the_gazetteer_lacks_takes_the_town_around_it(spans):
    text = "Gunmen opened fire in Kano on Tuesday. Witnesses said the attack began on Zoo Gandu Crescent."
    (street,) = spans(text, "Zoo Gandu Crescent")
    assert street is not None and street.name == "Kano" and street.geo_precision == 2


def test_nothing_to_go_on_gives_none(spans):
    (x,) = spans("The meeting at Qwxzv Hall ended late.", "Qwxzv Hall")
    assert x is None


def test_spans_align_to_tokens_and_keep_order(spans):
    text = "Shelling hit Aleppo and Idlib overnight."
    aleppo, idlib = spans(text, "Aleppo", "Idlib")
    assert aleppo is not None and aleppo.country_code == "SY"
    assert idlib is not None and idlib.country_code == "SY"
