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


def test_a_site_takes_a_place_the_article_agrees_with_not_a_lone_word_namesake(spans):
    # the article is about Derry, named twice; Ainsworth, named once in passing, is no site's town
    text = (
        "Patients in Derry will wait longer for treatment, the health trust in Derry said. Dr Peter Kerr, "
        "who moved from Ainsworth last year, said the Altnagelvin Cancer Centre needed more staff."
    )
    (centre,) = spans(text, "Altnagelvin Cancer Centre")
    assert centre is not None and centre.name == "Derry"


def test_peoples_words_marked_as_places_take_their_homeland(spans):
    kurdish, tamil = spans(
        "Kurdish fighters and Tamil refugees were mentioned in the same report.", "Kurdish", "Tamil"
    )
    assert kurdish is not None and kurdish.feature_type == "region" and 36 < kurdish.latitude < 39
    assert tamil is not None and tamil.name == "Tamil Nadu"


def test_a_body_named_for_a_region_sits_in_it_but_an_embassy_does_not(spans):
    text = (
        "The European Commission fined the firm in Brussels, and protesters gathered at the Russian Embassy."
    )
    commission, embassy = spans(text, "European Commission", "Russian Embassy")
    assert commission is not None and commission.name == "Europe"
    assert embassy is not None and embassy.name == "Brussels"


def test_korea_and_the_soviet_union_are_countries(spans):
    korea, soviet = spans("Exports from Korea rose, unlike in the Soviet Union era.", "Korea", "Soviet Union")
    assert korea is not None and korea.country_code == "KR" and korea.feature_type == "country"
    assert soviet is not None and soviet.country_code == "RU"
