"""Tests for the actors stage, on sentences written for them."""

from __future__ import annotations

import pytest

from sitreps.model import Actor, Article
from sitreps.nlp import blank_doc, parse
from sitreps.stages import actors as st


@pytest.fixture(scope="module")
def found():
    """find_actors over one parsed text: {mention text: actor}, plus the raw list."""

    def run(text: str):
        doc = parse(text)
        mentions = st.find_actors(doc, Article(text=text))
        for m in mentions:
            assert text[m.span.start : m.span.end] == m.span.text
        return {m.span.text: m.actor for m in mentions}, mentions

    return run


def test_dictionary_is_large_and_typed():
    d = st.get_actor_dictionary()
    named = [a for a in d.actors.values() if a.actor_type != "state"]
    assert len(named) >= 80
    assert len(d.actors) >= 120
    assert d.actors["Hezbollah"].inter == 3
    assert d.actors["Islamic State (Syria)"].country == "SY"


def test_islamic_state_aliases_and_is_verb(found):
    names, _ = found("IS fighters took the town. ISIL and Daesh are one group. The town is quiet, it is said")
    assert names["IS fighters"].name == "Islamic State (Syria)"
    assert names["ISIL"].name == "Islamic State (Syria)"
    assert names["Daesh"].name == "Islamic State (Syria)"
    assert "is" not in names


def test_is_in_headline_capitals_is_not_islamic_state(found):
    names, _ = found("THE WAR IS OVER, SAYS GENERAL")
    assert all(a.name != "Islamic State (Syria)" for a in names.values())


def test_demonym_before_armed_noun_from_country_table(found):
    names, _ = found(
        "Russian warplanes and French jets struck positions held by the rebels while Iraqi forces advanced "
        "and Nigerien soldiers withdrew."
    )
    assert names["Russian warplanes"].name == "Military Forces of Russia (2000-) Air Force"
    assert names["French jets"].name == "Military Forces of France (2017-) Air Force"
    assert names["Iraqi forces"].name == "Military Forces of Iraq (2022-)"
    assert names["Nigerien soldiers"].name == "Military Forces of Niger (2023-)"
    assert names["Nigerien soldiers"].country == "NE"


def test_possessive_country_and_modifiers(found):
    names, _ = found("Syria's army retook the hill after Russian Su-34M warplanes bombed it.")
    assert names["Syria's army"].name == "Military Forces of Syria (2024-)"
    assert names["Russian Su-34M warplanes"].name.endswith("Air Force")


def test_syrian_regime_aliases(found):
    names, _ = found("Regime forces and pro-regime forces shelled the village, and Assad's forces moved in.")
    for alias in ("Regime forces", "pro-regime forces", "Assad's forces"):
        assert names[alias].name == "Military Forces of Syria (2024-)"


def test_capital_as_state_but_not_as_place(found):
    names, mentions = found("Moscow says the raids hit 60 targets. Thousands protested in Moscow on Sunday.")
    moscow = [m for m in mentions if m.span.text == "Moscow"]
    assert len(moscow) == 1 and moscow[0].sentence == 0
    assert moscow[0].actor.country == "RU"


def test_revolutionary_guards_and_coalition(found):
    names, _ = found("The Revolutionary Guards said the IRGC lost a general; the US-led coalition struck IS.")
    assert names["Revolutionary Guards"].name == (
        "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"
    )
    assert names["IRGC"].country == "IR"
    assert names["US-led coalition"].inter == 8


def test_generic_descriptions_with_placeholder_country(found):
    names, _ = found(
        "Unidentified gunmen killed four villagers and two children; protesters later gathered, rioters "
        "burned tyres and police fired tear gas."
    )
    gunmen = Actor("Unidentified Armed Group", 3, "", "political_militia", in_dictionary=False)
    assert names["Unidentified gunmen"] == gunmen
    assert names["villagers"].name == "Civilians" and names["villagers"].inter == 7
    assert names["protesters"].inter == 6
    assert names["rioters"].inter == 5
    assert names["police"].name == "Police Forces"


def test_demonym_fills_generic_country(found):
    names, _ = found("Afghan villagers fled as Iraqi police arrived.")
    assert names["Afghan villagers"].name == "Civilians (Afghanistan)"
    assert names["Afghan villagers"].country == "AF"
    assert names["Iraqi police"].name == "Police Forces of Iraq (2022-)"


def test_government_warplanes_take_the_event_country(found):
    names, _ = found("Government warplanes bombed the market.")
    air = names["Government warplanes"]
    assert air.country == "" and not air.in_dictionary
    assert st.with_country(air, "Syria").name == "Military Forces of Syria (2024-) Air Force"


def test_anaphor_refers_to_last_named_jihadist_group(found):
    names, mentions = found("JNIM claimed the ambush. The jihadists said they killed ten soldiers.")
    anaphor = next(m for m in mentions if m.span.text == "The jihadists")
    assert anaphor.actor.name.startswith("JNIM")


def test_conflicts_across_regions(found):
    names, _ = found(
        "The RSF fought the Sudanese army while al-Shabaab attacked ATMIS troops, Houthi rebels fired at "
        "ships, M23 rebels took Goma, ISWAP raided Borno and the Tatmadaw bombed a PDF camp."
    )
    assert names["RSF"].name == "Rapid Support Forces"
    assert names["Sudanese army"].country == "SD"
    assert names["al-Shabaab"].name == "Al Shabaab"
    assert names["Houthi rebels"].name == "Ansar Allah"
    assert names["M23 rebels"].name.startswith("M23")
    assert names["ISWAP"].name == "Islamic State (West Africa)"
    assert names["the Tatmadaw"].name == "Military Forces of Myanmar (2021-)"
    assert names["PDF"].country == "MM"


def test_sentence_index_and_longest_match(found):
    _, mentions = found("Clashes erupted. Islamic State group fighters attacked.")
    assert [(m.span.text, m.sentence) for m in mentions] == [("Islamic State group fighters", 1)]


def test_works_on_unparsed_doc():
    text = "Russian jets hit Raqa."
    mentions = st.find_actors(blank_doc(text), Article(text=text))
    assert [m.span.text for m in mentions] == ["Russian jets"]


def test_lookup_actor():
    assert st.lookup_actor("ISIS").name == "Islamic State (Syria)"
    assert st.lookup_actor("Russian warplanes").name == "Military Forces of Russia (2000-) Air Force"
    assert st.lookup_actor("Military Forces of Syria (2024-)").inter == 1
    assert st.lookup_actor("the weather") is None


def test_with_country_and_inter_for():
    civilians = st.lookup_actor("civilians")
    assert civilians is not None and civilians.country == ""
    assert st.with_country(civilians, "Syria").name == "Civilians (Syria)"
    assert st.with_country(st.lookup_actor("police"), "Iraq").name == "Police Forces of Iraq (2022-)"
    assert st.with_country(st.lookup_actor("IS"), "Iraq").name == "Islamic State (Iraq)"
    russian_air = st.lookup_actor("Russian jets")
    assert st.inter_for(russian_air, "SY") == 8
    assert st.inter_for(russian_air, "RU") == 1
    assert st.inter_for(st.lookup_actor("Hezbollah"), "SY") == 3


def test_user_dictionary_extends(tmp_path, monkeypatch):
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - {name: Black Hand Brigade, inter: 3, country: SY, aliases: [Black Hand]}")
    d = st.load_actor_dictionary([extra])
    assert d.actors["Black Hand Brigade"].inter == 3
    assert "Hezbollah" in d.actors
    monkeypatch.setenv("SITREPS_ACTORS", str(extra))
    assert "Black Hand Brigade" in st.load_actor_dictionary().actors


def test_latin_american_insurgencies_and_cartels():
    assert st.lookup_actor("Shining Path").name == "PCP-SL: Shining Path"
    assert st.lookup_actor("FMLN").country == "SV"
    assert st.lookup_actor("FARC").name == "FARC: Revolutionary Armed Forces of Colombia"
    assert st.lookup_actor("FARC dissidents").name == "FARC Dissidents"
    assert st.lookup_actor("the Extraditables").name == "Medellin Cartel"
