"""Event location, round 10: a name the gazetteer lacks, or reads only by a loose spelling, lies in or near
the place the text frames it with ("the X area of Quneitra province", "the X neighborhood in Aleppo"), not
at a far namesake; names the model calls a person before a site word ("X crossing", "X's outskirts")
(sentences written here)."""

from __future__ import annotations

import pytest

from sitreps.gazetteer import distance_km, get_gazetteer
from sitreps.model import Article
from sitreps.nlp import parse
from sitreps.stages.places import find_places


@pytest.fixture(scope="module")
def places_of():
    gaz = get_gazetteer()

    def run(text: str) -> dict:
        doc = parse(text)
        return {p.span.text: p for p in find_places(doc, Article(text=text), gaz)}

    return run


def _near(pm, other, km: float) -> bool:
    return pm.place is not None and other.place is not None and distance_km(pm.place, other.place) < km


# ----------------------------------------------------------------------------------- framed resolution
def test_unknown_area_of_a_province_is_not_an_earlier_city(places_of):
    found = places_of(
        "The defence ministry in Moscow said on Monday that army units had shelled the Naba al-Fawwar area "
        "of the Syrian Quneitra province."
    )
    naba = found["Naba al-Fawwar"]
    assert naba.place is not None and naba.place.country_code == "SY"
    assert naba.place.geo_precision >= 2


def test_loose_spelling_yields_to_the_city_that_frames_it(places_of):
    found = places_of("A barrel bomb hit the Salah Eddin neighborhood in Aleppo, killing five people.")
    salah = found["Salah Eddin"]
    assert salah.place is not None and salah.place.country_code == "SY"
    assert _near(salah, found["Aleppo"], 50)


def test_possessive_city_frames_a_district(places_of):
    found = places_of("Government aircraft bombed Aleppo's Salah Eddin district on Tuesday.")
    assert _near(found["Salah Eddin"], found["Aleppo"], 50)


def test_loose_spelling_must_agree_with_the_texts_country(places_of):
    found = places_of("In Aleppo, rebels said, a shell fell near Salah Eddin on Tuesday.")
    salah = found.get("Salah Eddin")
    assert salah is None or salah.place is None or salah.place.country_code == "SY"


def test_settlement_word_alone_inside_a_name_is_no_place(places_of):
    # "Tal" (hill) inside "Tal Halaf" is not the town At Tall near Damascus
    found = places_of("Kurdish fighters clashed with rebels on the outskirts of Tal Halaf, a monitor said.")
    tal = found["Tal Halaf"]
    assert tal.place is None or tal.place.admin1 != "Rural Damascus"


def test_framed_name_keeps_a_reading_that_agrees(places_of):
    found = places_of("Rebels shelled Kafr Nabl in Idlib province.")
    assert found["Kafr Nabl"].place is not None
    assert found["Kafr Nabl"].place.feature_type == "populated_place"


# --------------------------------------------------------------------------- names before site words
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shells fell on Harasta's outskirts on Sunday.", "Harasta"),
        ("Troops fired into the Shejaiya sector, witnesses said.", "Shejaiya"),
        ("Hundreds of families waited at the Oncupinar crossing.", "Oncupinar"),
        ("Israeli troops shot a man at the Huwwara checkpoint.", "Huwwara"),
    ],
)
def test_name_before_a_site_word_is_a_place(places_of, text, name):
    assert name in places_of(text)


def test_possessive_of_a_person_is_no_place(places_of):
    found = places_of("Assad's forces entered the town after Smith's outskirts remark.")
    assert "Assad" not in found


def test_possessive_town_gets_its_gazetteer_reading(places_of):
    harasta = places_of("Shells fell on Harasta's outskirts on Sunday.")["Harasta"]
    assert harasta.place is not None and harasta.place.country_code == "SY"


def test_a_tag_line_of_places_the_model_calls_a_person_leaves_those_places_places():
    # a web page's tag line run into the text: the model tags "Tags Aleppo Idlib Syria" as one PERSON
    text = (
        "State media says rebel forces have hit a school in government-controlled west Aleppo a day after "
        "children were killed in airstrikes on a school in Idlib. Tags Aleppo Idlib Syria education children "
        "At least six children were killed in rebel rocket attacks in the government-held west of Aleppo."
    )
    doc = parse(text)
    assert any(e.label_ == "PERSON" and "Aleppo" in e.text for e in doc.ents)  # the case this guards
    found = find_places(doc, Article(text=text), get_gazetteer())
    aleppo = [p for p in found if p.span.text == "Aleppo"]
    assert aleppo and all(p.place is not None and p.place.admin1 == "Aleppo" for p in aleppo)
    assert any(p.span.text == "Idlib" and p.place is not None and p.place.country_code == "SY" for p in found)
