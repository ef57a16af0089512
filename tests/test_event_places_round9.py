"""Event location, round 9: a place that only situates another one in the same phrase ("Kafr Zita in
northern Hama") is no second event place; names the model calls a person or an organisation that the
text frames as a settlement (sentences written here)."""

from __future__ import annotations

import pytest
from place_helpers import location_sentence, names, places_in

import sitreps
from sitreps.evaluate.tasks.event_location import predict_location
from sitreps.stages.event_places import containers, place_for_verb


def _event_places(text: str) -> list[str]:
    return [m.place_span.text for m in sitreps.extract(text).mentions if m.place_span is not None]


# --------------------------------------------------------------------------------------- containers


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("Rebels shelled Kafr Zita in northern Hama on Monday.", "Kafr Zita"),
        ("Regime forces shelled the northern Hama town of Morek on Monday.", "Morek"),
        ("Kurdish fighters clashed with rebels in Aleppo's Sheikh Maqsoud district.", "Sheikh Maqsoud"),
        ("Warplanes struck Saraqib in Idlib province on Friday.", "Saraqib"),
        ("Warplanes struck Raqqa, Syria on Friday.", "Raqqa"),
    ],
)
def test_a_place_inside_another_of_its_phrase_is_the_one_event_place(text, inner):
    assert _event_places(text) == [inner]


def test_a_list_of_places_is_no_container_pair():
    text = "Government aircraft bombed Kafr Zita, Hama and Idlib on Monday."
    doc, places = places_in(text)
    assert containers(doc, places) == set()
    assert sorted(_event_places(text)) == ["Hama", "Idlib", "Kafr Zita"]


def test_two_unrelated_places_are_no_container_pair():
    doc, places = places_in("Rebels fought in Homs and in Aleppo on Monday.")
    assert containers(doc, places) == set()


def test_the_verb_place_is_the_inner_place_even_when_nearer_the_container():
    doc, places = places_in("Regime forces pounded the northern Hama town of Morek.")
    tok = next(t for t in doc if t.text == "pounded")
    best = place_for_verb(doc, tok, places)
    assert best is not None and best.span.text == "Morek"


# ------------------------------------------------------------------------------------- recognition


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Troops took control of Bdama after fierce clashes.", "Bdama"),
        ("Gunmen attacked Gidan Waya, a village in Kaduna state.", "Gidan Waya"),
        ("Police fired tear gas at protesters in Khartoum's Burri district.", "Burri"),
        ("Civilians were killed in Ma'arat al-Numan on Sunday.", "Ma'arat al-Numan"),
        ("A car bomb went off in Deir ez-Zor.", "Deir ez-Zor"),
        ("Rebels shelled the town of Sultan Murad on Monday.", "Sultan Murad"),
        ("Clashes erupted in the streets of Abu Hardan.", "Abu Hardan"),
    ],
)
def test_names_framed_as_settlements_are_places(text, name):
    _, places = places_in(text)
    assert name in names(places)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("John Smith, a village elder, was killed on Monday.", "Smith"),
        ("Maria Lopez, a town councillor, resigned.", "Lopez"),
        ("The party took control of Parliament in May.", "Parliament"),
    ],
)
def test_people_and_bodies_near_settlement_words_are_no_places(text, word):
    _, places = places_in(text)
    assert not any(word in name for name in names(places))


def test_a_settlement_placed_in_its_province_for_want_of_an_entry_is_the_event_place():
    assert _event_places("Soldiers raided Torkula village in Benue on Friday.") == ["Torkula"]


# ------------------------------------------------------------------------------ the task's prediction


@pytest.mark.parametrize(
    ("text", "verb", "gold"),
    [
        ("The ministry said in Moscow that talks would resume.", "said", []),
        ("Officials in Kabul announced a new curfew on Monday.", "announced", []),
        ("Rebels shelled Kafr Zita in northern Hama on Monday.", "shelled", ["Kafr Zita"]),
        ("Soldiers patrolled the streets of Abu Hardan on Monday.", "patrolled", ["Abu Hardan"]),
        ("Thousands of families fled to Turkey on Monday.", "fled", ["Turkey"]),
    ],
)
def test_predicted_location_tokens(text, verb, gold):
    s = location_sentence(text, verb, gold)
    predicted, _ = predict_location(s, [])
    assert predicted == s.location_tokens


@pytest.mark.parametrize(
    ("text", "name", "country_code"),
    [
        ("Bombs hit a market in the city of Maaret al-Numan on Sunday.", "Maaret al-Numan", "SY"),
        ("Rebels shelled the town of Sultan Murad in Aleppo on Monday.", "Sultan Murad", "SY"),
        ("A blast hit a convoy from the towns of Fua and Kefraya near Aleppo.", "Fua", "SY"),
    ],
)
def test_a_settlement_name_is_not_placed_by_a_part_of_it(text, name, country_code):
    _, places = places_in(text)
    pm = next(p for p in places if p.span.text == name)
    assert pm.place is not None and pm.place.country_code == country_code
