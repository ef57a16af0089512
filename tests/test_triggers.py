"""Trigger lexicon: which words announce an event, and which uses are not new real events."""

import pytest

from sitreps.nlp import parse
from sitreps.stages.triggers import find_triggers, load_lexicon, unreal_reason


def _triggers(text):
    doc = parse(text)
    return [(t.span.text, t.rule.sub_event_type, unreal_reason(t)) for t in find_triggers(doc)]


def test_lexicon_loads_every_sub_event_type_from_data():
    lexicon = load_lexicon()
    types = {r.sub_event_type for r in lexicon.lemma_rules.values()} | {
        r.sub_event_type for r in lexicon.phrase_rules.values()
    }
    assert {"Air/drone strike", "Armed clash", "Arrests", "Peaceful protest", "@territory"} <= types
    assert "artillery" in lexicon.instruments["Shelling/artillery/missile attack"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Government warplanes carried out air strikes on the town.", "Air/drone strike"),
        ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
        ("A car bomb exploded near the market.", "Remote explosive/landmine/IED"),
        ("Police arrested twelve activists in the capital.", "Arrests"),
        ("Hundreds of people took to the streets to protest.", "Peaceful protest"),
        ("Rebels captured the town after heavy fighting.", "@territory"),
    ],
)
def test_trigger_types(text, expected):
    found = [sub for _, sub, reason in _triggers(text) if not reason]
    assert expected in found


def test_phrase_beats_its_own_words():
    found = _triggers("A suicide car bomb went off outside the base.")
    assert found[0][1] == "Suicide bomb"
    assert all(sub != "Remote explosive/landmine/IED" for _, sub, _ in found)


def test_according_to_is_not_an_agreement():
    assert not any(sub == "Agreement" for _, sub, _ in _triggers("According to the ministry, the toll rose."))


@pytest.mark.parametrize(
    "text, reason",
    [
        ("The group said it would launch an offensive on the city.", "hypothetical"),
        ("The army did not shell the village, officials said.", "negated"),
        ("The militia threatened to attack the convoy.", "hypothetical"),
        ("The vast majority of Russian strikes have targeted rebel groups.", "generalisation"),
        ("The clashes began despite weeks of air strikes on the town.", "background"),
        ("Millions have fled since the army seized power in 2021.", "background"),
        ("Security forces have detained thousands of people since the war began.", "cumulative"),
        ("The city is frequently targeted by drones and missiles.", "habitual"),
        ("The fighters came in without a fight.", "negated"),
    ],
)
def test_unreal_triggers_are_flagged(text, reason):
    assert reason in {r for _, _, r in _triggers(text)}


def test_past_event_is_real():
    assert all(r == "" for _, _, r in _triggers("Jets bombed the market on Tuesday."))


def test_placeholders_and_inflected_forms_are_in_the_lexicon():
    lexicon = load_lexicon()
    # "raped" is lemmatised "rap" by the small model: the inflected form is listed so it still fires
    assert lexicon.lemma_rules["raped"].sub_event_type == "Sexual violence"
    assert lexicon.lemma_rules["explosion"].sub_event_type == "@explosion"
    assert lexicon.lemma_rules["raid"].sub_event_type == "@kill"  # typed by its weapon or who raided
    assert lexicon.lemma_rules["establish"].sub_event_type == "@base"
