"""Event location, round 8: every place of a listed location, Arabic names the gazetteer lacks or cuts
short, a place that owns the part of it where the event is, and the event-location task's prediction
(sentences written here)."""

from __future__ import annotations

import pytest
from place_helpers import location_sentence, names, places_in

from sitreps.evaluate.tasks.event_location import predict_location
from sitreps.stages.event_places import place_conjuncts, place_for_verb

# ------------------------------------------------------------------------------------- recognition


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Barrel bombs fell on Kafr Nabuda overnight.", "Kafr Nabuda"),
        ("Rebels captured Tall ad-Dirrah after a week of fighting.", "Tall ad-Dirrah"),
        ("Gunmen attacked a checkpoint in the al-Muthanna province.", "al-Muthanna"),
        ("Jets pounded the Khan Tuman axis south of the city.", "Khan Tuman"),
        ("Kurds fought the jihadists in Kobane (Ain al-Arab).", "Ain al-Arab"),
        ("A mortar round landed near the al-Zawraa Park.", "al-Zawraa Park"),
        ("Three farmers were killed in the village of Gaga.", "Gaga"),
        ("Gang members fought police in suburban Port-au-Prince.", "Port-au-Prince"),
        ("NATO bombed Yugoslavia for 78 days.", "Yugoslavia"),
        ("Croatian troops moved into Eastern Slavonia.", "Eastern Slavonia"),
        ("Fighting raged overnight in Tumbaroka, residents said.", "Tumbaroka"),
        ("Gunmen stormed Ndakoro on Sunday.", "Ndakoro"),
        ("Government troops entered Rityan on Tuesday.", "Rityan"),
    ],
)
def test_long_tail_names_are_places(text, name):
    _, places = places_in(text)
    assert name in names(places)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Newark Mayor Ras Baraka said on Monday that he would run again.", "Baraka"),
        ("President Bashar al-Assad met the envoy in Damascus.", "Assad"),
        ("Fighters of al-Qaeda claimed the attack in Yemen.", "Qaeda"),
        ("Sheikh Hasina won the vote.", "Hasina"),
        ("Troops captured Hezbollah fighters near the border.", "Hezbollah"),
    ],
)
def test_people_and_groups_with_arabic_words_are_no_places(text, word):
    _, places = places_in(text)
    assert not any(word in name for name in names(places))


def test_both_villages_of_a_framed_list_are_places():
    _, places = places_in("Troops shelled the villages of Kafr Nabl and Marzaf on Sunday.")
    assert {"Kafr Nabl", "Marzaf"} <= set(names(places))


# --------------------------------------------------------------------------------------- conjuncts


def test_conjuncts_are_every_listed_place_but_not_a_country_after_a_comma():
    doc, places = places_in("Warplanes struck Maarat al-Numan, Saraqib and Khan Sheikhoun in Aleppo, Syria.")
    by_name = {p.span.text: p for p in places}
    listed = place_conjuncts(doc, by_name["Saraqib"], places)
    assert [p.span.text for p in listed] == ["Maarat al-Numan", "Saraqib", "Khan Sheikhoun"]
    assert [p.span.text for p in place_conjuncts(doc, by_name["Aleppo"], places)] == ["Aleppo"]


# ---------------------------------------------------------------------------------------- attachment


@pytest.mark.parametrize(
    ("text", "verb", "place"),
    [
        ("Militants attacked Ngala in the Gamboru area on Monday.", "attacked", "Ngala"),
        ("Soldiers patrolled Kandahar's streets after the blast.", "patrolled", "Kandahar"),
        ("A bomb destroyed one of Mosul's bridges.", "destroyed", "Mosul"),
        ("A bomber killed 20 people at a market in Baghdad's Sadr City district.", "killed", "Sadr City"),
        ("Two people died in an airstrike on the town of Rityan in northern Aleppo.", "died", "Rityan"),
    ],
)
def test_the_place_the_verb_acts_on_is_where_it_happened(text, verb, place):
    doc, places = places_in(text)
    tok = next(t for t in doc if t.text == verb)
    best = place_for_verb(doc, tok, places)
    assert best is not None and best.span.text == place


def test_a_country_that_owns_an_army_is_still_no_event_place():
    doc, places = places_in("Syria's army shelled the rebels.")
    tok = next(t for t in doc if t.text == "shelled")
    assert place_for_verb(doc, tok, places) is None


# ------------------------------------------------------------------------------ the task's prediction


@pytest.mark.parametrize(
    ("text", "verb", "gold"),
    [
        ("Thousands joined rallies in Lisbon and Porto on Saturday.", "rallies", ["Lisbon", "Porto"]),
        ("Serb protesters clashed with police in northern Kosovo.", "clashed", ["Kosovo"]),
        (
            "Rebels shelled Deir al-Asafir and Jisr al-Shughur.",
            "shelled",
            ["Deir al-Asafir", "Jisr al-Shughur"],
        ),
        ("TEGUCIGALPA, Honduras -- Police fired tear gas at students.", "fired", ["TEGUCIGALPA"]),
    ],
)
def test_predicted_location_tokens(text, verb, gold):
    s = location_sentence(text, verb, gold)
    predicted, _ = predict_location(s, [])
    assert predicted == s.location_tokens
