"""What a report is when it tells no conflict event (`stages/non_events.py`): disasters, organised crime,
diplomacy and attribution, and the conflict reports that must not be read as any of them."""

from __future__ import annotations

import pytest

from sitreps.evaluate.tasks import event_type
from sitreps.nlp import parse
from sitreps.stages.non_events import KINDS, classify, load_non_event_lexicon, read_non_event

CASES = {
    "NATURAL_DISASTER": [
        "Flash floods triggered by torrential rain killed at least 31 people in northern Afghanistan.",
        "A magnitude 6.4 earthquake shook eastern Turkey overnight, flattening dozens of homes.",
        "Two villages were buried by a landslide after days of heavy rainfall in Uganda's Bududa district.",
        "Typhoon Rai tore through the central Philippines, leaving 200,000 people homeless.",
        "The worst drought in four decades has pushed millions of herders in Somalia towards famine.",
        "A cholera outbreak has killed more than 40 people in displacement camps around Maiduguri.",
    ],
    "MAN_MADE_DISASTER": [
        "A fire swept through a crowded market in Onitsha on Sunday, destroying more than 300 shops.",
        "Nineteen passengers died when their minibus collided with a fuel tanker on the Kano-Zaria highway.",
        "A gas cylinder explosion at a restaurant in Karachi injured eleven customers.",
        "A five-storey building collapsed in Lagos Island, trapping dozens of residents under the rubble.",
        "An overloaded boat capsized on the Congo River, and at least 60 passengers are feared drowned.",
        "A stampede at a food distribution point in Bukavu left 14 people dead.",
        "A military helicopter crashed during a training flight near Erbil, killing its three crew.",
    ],
    "ORG_CRIME": [
        "Armed robbers stormed a bank in Owo and escaped with an undisclosed amount of cash.",
        "Police in Guayaquil seized four tonnes of cocaine hidden in a banana shipment.",
        "Members of the MS-13 gang shot dead a shopkeeper who refused to pay extortion money.",
        "Border guards arrested three smugglers carrying 200 kg of hashish near Oujda.",
        "Gunmen robbed a money changer in Kandahar city on Tuesday.",
        "The cartel's leader was extradited to the United States on drug trafficking charges.",
    ],
    "DIPLO": [
        "The foreign ministers of Russia and Turkey held talks in Moscow on the situation in Idlib.",
        "The UN envoy met Houthi leaders in Sanaa to discuss a prisoner exchange.",
        "Washington imposed new sanctions on three Sudanese generals on Thursday.",
        "The president received a delegation from the African Union to discuss the peace process.",
    ],
    "ATTRIB": [
        "The Islamic State group claimed responsibility for the bombing in Kabul.",
        "The government blamed Boko Haram for the attack on the village of Auno.",
        "The Pakistani Taliban denied responsibility for the assassination of the cleric.",
    ],
}

# Conflict events (and plain non-news) that are none of the non-event kinds.
NONE_OF_THEM = [
    "Militants attacked an army post in Kunar, killing five soldiers.",
    "Russian warplanes struck rebel positions in Idlib on Monday.",
    "Gunmen opened fire on worshippers at a mosque in Kano, killing 12.",
    "Soldiers came under heavy fire from insurgents near Palma.",
    "Al-Shabaab militants set fire to houses in a village near Kismayo.",
    "A rocket hit a fuel depot in Aden, setting it ablaze.",
    "A roadside bomb exploded near a police patrol in Peshawar.",
    "Troops clashed with rebels near Goma as peace talks continued in Nairobi.",
    "Taliban fighters robbed a bank in Ghazni to fund their insurgency.",
    "Hundreds of protesters marched in Khartoum demanding civilian rule.",
    "The central bank raised interest rates on Tuesday.",
    "There was heavy rain in the capital.",
    # a fire set by rioters, shops looted in a riot, a haul of weapons: conflict events, no accident or crime
    "Angry protesters set a police station on fire in Butembo.",
    "Rioters looted shops and stole goods in Kisumu after the election.",
    "Police seized a haul of smuggled rifles, grenades and ammunition in Mogadishu.",
]


@pytest.fixture(scope="module")
def docs():
    """Every test sentence parsed once."""
    texts = [t for ts in CASES.values() for t in ts] + NONE_OF_THEM
    return {t: parse(t) for t in texts}


@pytest.mark.parametrize(("kind", "text"), [(k, t) for k, ts in CASES.items() for t in ts])
def test_non_event_kind(docs, kind: str, text: str) -> None:
    assert classify(docs[text]) == kind


@pytest.mark.parametrize("text", NONE_OF_THEM)
def test_conflict_and_plain_reports_are_no_non_event(docs, text: str) -> None:
    assert classify(docs[text]) is None


def test_reading_says_why(docs) -> None:
    reading = read_non_event(docs[CASES["MAN_MADE_DISASTER"][1]])
    assert reading is not None
    assert reading.label == "man-made disaster"
    assert {"collided", "tanker"} <= set(reading.cues)
    assert reading.sentence == 0


def test_a_flood_outweighs_the_bridge_it_brought_down() -> None:
    doc = parse("Floodwaters swept away a bridge in Kerala, and the road collapsed under the debris.")
    assert classify(doc) == "NATURAL_DISASTER"


def test_lede_decides_over_background() -> None:
    doc = parse(
        "A tanker truck overturned and exploded on the highway near Kisumu, killing eight motorists. "
        "Firefighters took hours to put out the blaze. Police said the driver lost control. "
        "The region also suffered floods last year."
    )
    assert classify(doc) == "MAN_MADE_DISASTER"


def test_lexicon_covers_every_kind() -> None:
    lex = load_non_event_lexicon()
    assert set(lex.kinds) == set(KINDS)
    assert set(lex.precedence) == set(KINDS)
    assert "fire" in lex.kinds["MAN_MADE_DISASTER"].strong and "open" in lex.gunfire_heads


def test_event_type_names_the_non_event_instead_of_abstaining() -> None:
    errors: list[str] = []
    flood = "Floods after three days of torrential rain killed 12 people in Bangladesh's Sylhet division."
    assert event_type.predict_label(flood, errors) == "NATURAL_DISASTER"
    # no trigger and no non-event cue: the trained classifier's reading, which is no act of violence
    banking = event_type.predict_label("The central bank raised interest rates.", errors)
    assert banking in {"OTHER", "DIPLO", "AGREEMENT", "ORG_CRIME", "CHANGE_TO_GROUP_ACT"}
    strike = "Fighter jets bombed rebel positions near Idlib on Monday, killing 12 fighters."
    assert event_type.predict_label(strike, errors) == "AIR_STRIKE"
    assert errors == []


def test_event_type_counts_non_event_kinds() -> None:
    predicted = ["ORG_CRIME", "NO_EVENT", "ORG_CRIME", "DIPLO", "AIR_STRIKE"]
    counts = event_type.non_event_kinds(predicted)
    assert counts["ORG_CRIME"] == 2 and counts["DIPLO"] == 1 and counts["ATTRIB"] == 0
    out = event_type.score(["ORG_CRIME", "DIPLO", "ORG_CRIME", "DIPLO", "AIR_STRIKE"], predicted)
    assert out["non_event_rate"] == pytest.approx(3 / 5)
    gold, predicted = ["ORG_CRIME", "DIPLO", "AIR_STRIKE"], ["NO_EVENT", "DIPLO", "DIPLO"]
    pairs = event_type.non_event_confusions(gold, predicted)
    assert pairs == [("ORG_CRIME", "NO_EVENT", 1), ("AIR_STRIKE", "DIPLO", 1)]
