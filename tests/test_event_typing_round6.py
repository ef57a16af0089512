"""Round 6 of sub-event typing: ground taken in plainer words ("took the village", "gained ground",
"came back under government control", "advanced into the district"), explosives that go off in the hands
of their makers or are only carried (Disrupted weapons use), a person called a bomber, shots fired into the
air, people handed over (a release, not ground), and a sentence whose main verb concludes an agreement
(not diplomacy). `event_typing.py`, `territory_typing.py`, `non_events.py` and their data files."""

import pytest

from sitreps.model import Article
from sitreps.nlp import parse
from sitreps.pipeline import analyse
from sitreps.stages import non_events
from sitreps.stages.event_typing import instrument
from sitreps.stages.event_typing_base import sentence_words
from sitreps.stages.triggers import load_lexicon


def _types(text: str) -> list[str]:
    """The sub-event types of the event mentions sitreps reads in `text`, in text order."""
    mentions = analyse(Article(text=text), published=None).mentions
    return [m.sub_event_type for m in sorted(mentions, key=lambda m: m.trigger_span.start)]


GOV, NSA, CLASH = "Government regains territory", "Non-state actor overtakes territory", "Armed clash"
DISRUPTED = "Disrupted weapons use"

GROUND = [
    ("On 4 April, regime forces took the village of Khirbet al-Naqus from opposition fighters.", GOV),
    ("Government forces took Tal Hamad hill after clashes with HTS.", GOV),
    ("The army made advances in the Ghouta, taking three villages from rebels.", GOV),
    ("Regime forces gained ground in southern Idlib after clashes with rebels.", GOV),
    ("After two days of fighting, the town came back under government control.", GOV),
    ("On 3 March, the FARDC reoccupied the locality of Mwenga after clashes with Mai-Mai militiamen.", GOV),
    ("On 5 February, pro-government forces advanced into the Al-Mudhaffar district of Taiz after fierce "
     "clashes with Houthi forces.", GOV),
    ("Syrian army units expanded their control over several farms east of the town.", GOV),
    ("Al Shabaab militants seized the town of El Wak from Kenyan forces after a gunfight.", NSA),
]  # fmt: skip


@pytest.mark.parametrize("text, expected", GROUND, ids=lambda v: v[:40])
def test_ground_taken_in_plain_words(text: str, expected: str) -> None:
    types = _types(text)
    assert types and types[0] == expected, types


def test_take_without_a_place_takes_no_ground() -> None:
    # "take" is a capture only of a place: not of people, not of refuge
    for text in ("Gunmen took five travellers to an unknown location in Zamfara.",
                 "Thousands of villagers took refuge in the town of Kaya after the attack."):  # fmt: skip
        assert not {GOV, NSA} & set(_types(text)), text


def test_advance_towards_ground_stays_a_clash() -> None:
    types = _types("Houthi fighters advanced towards Marib city and clashed with government forces.")
    assert CLASH in types and GOV not in types and NSA not in types


WEAPONS = [
    ("An IED went off prematurely while two militants were planting it near Gao, killing both.", DISRUPTED),
    ("A bomb exploded accidentally in a house used by Boko Haram to make explosives, killing three bomb "
     "makers.", DISRUPTED),
    ("Police arrested a man carrying a grenade and an improvised explosive device at a checkpoint.",
     DISRUPTED),
    # those who defuse it are not its makers: the blast is the attack
    ("An explosive device detonated while soldiers were trying to defuse it, wounding two.",
     "Remote explosive/landmine/IED"),
    ("A roadside bomb exploded near a military convoy in Kunar, wounding three soldiers.",
     "Remote explosive/landmine/IED"),
    # a person called a bomber
    ("A female bomber detonated explosives strapped to her body at a market in Konduga.", "Suicide bomb"),
    ("A man wearing a bomb vest self-detonated at a checkpoint in Afgooye.", "Suicide bomb"),
]  # fmt: skip


@pytest.mark.parametrize("text, expected", WEAPONS, ids=lambda v: v[:40])
def test_explosives_made_carried_or_worn(text: str, expected: str) -> None:
    assert expected in _types(text)


def test_shots_into_the_air_are_no_air_strike() -> None:
    assert instrument(" fired shots into the air to scare residents ", load_lexicon()) == ""
    assert instrument(" an air raid hit the town ", load_lexicon()) == "Air/drone strike"
    text = "Gunmen fired shots in the air in the market in Bunia, causing panic."
    assert "Air/drone strike" not in _types(text)


def test_bomber_aircraft_still_strike_from_the_air() -> None:
    assert instrument(" strategic bombers struck the city ", load_lexicon()) == "Air/drone strike"


def test_people_released_in_a_deal_or_not() -> None:
    assert "Agreement" in _types("The rebels handed over 20 prisoners to the ICRC as part of a deal with the "
                                 "government.")  # fmt: skip
    assert "Non-violent transfer of territory" not in _types(
        "The rebels handed over 20 prisoners to the ICRC as part of a deal with the government."
    )
    assert "Agreement" in _types("The two sides exchanged the bodies of soldiers killed in the fighting.")


def _kind(text: str) -> str | None:
    return non_events.classify(parse(text))


def test_an_agreement_concluded_is_no_diplomacy() -> None:
    signed = "The government and the rebels signed a peace deal in Juba after mediation by the UN envoy."
    assert _kind(signed) != "DIPLO"
    # what was agreed is more talking: diplomacy
    talks = "The two presidents agreed to resume talks on a ceasefire at a summit in Addis Ababa."
    assert _kind(talks) == "DIPLO"
    assert _kind("The foreign ministers held talks in Ankara on the Syrian conflict.") == "DIPLO"


def test_sentence_words_keep_the_air_phrase() -> None:
    # the strip happens inside `instrument`, not in the cached sentence words other stages read
    doc = parse("Soldiers fired into the air to disperse the crowd.")
    assert " into the air " in sentence_words(next(iter(doc.sents)))


PROTEST_REPORTS = [
    # the march first, then what the police did, in a sentence of its own
    ("On 3 May 2019, residents protested in Kisumu over power cuts. Police dispersed them with tear gas.",
     "Protest with intervention"),
    ("Hundreds of students marched to the ministry demanding scholarships. Police arrested 12 of them.",
     "Protest with intervention"),
    ("Farmers held a protest in Lahore against wheat prices. The protest was peaceful.", "Peaceful protest"),
]  # fmt: skip


@pytest.mark.parametrize("text, expected", PROTEST_REPORTS, ids=lambda v: v[:40])
def test_a_protest_and_what_followed_it_are_one_event(text: str, expected: str) -> None:
    assert set(_types(text)) == {expected}


def test_a_later_killing_of_protesters_is_read_in_its_own_sentence() -> None:
    types = _types("Protesters demonstrated against the election results in Conakry. Security forces opened "
                   "fire, killing two protesters.")  # fmt: skip
    assert types[-1] == "Excessive force against protesters"


def test_a_later_sentence_about_something_else_is_not_the_protest() -> None:
    # a killing told after the protest, of no protester: the protest stays what it was
    types = _types("Traders protested in Kano against new taxes. In Maiduguri, gunmen killed two farmers.")
    assert types[0] == "Peaceful protest"
    assert "Excessive force against protesters" not in types


PUSHED_OFF = [
    ("Government forces drove Al Shabaab militants out of the town of Hudur after heavy fighting.", GOV),
    ("The army chased the rebels out of Kitchanga after a gunfight.", GOV),
    ("The militants were driven out of the town by the army after two days of fighting.", GOV),
    ("Security forces forced the militants to withdraw from the area after clashes.", GOV),
    ("Al Shabaab fighters drove SNA troops out of Leego after an attack on their base.", NSA),
]  # fmt: skip


@pytest.mark.parametrize("text, expected", PUSHED_OFF, ids=lambda v: v[:40])
def test_holders_pushed_off_the_ground(text: str, expected: str) -> None:
    types = _types(text)
    assert types and types[0] == expected, types


def test_pushing_and_forces_without_ground_take_none() -> None:
    for text in ("The opposition pushed for talks with the government in Juba.",
                 "Iran is sending Guards forces to aid the rebels seeking his overthrow.",
                 "A man drove a car into the market in Kano."):  # fmt: skip
        assert not {GOV, NSA} & set(_types(text)), text


def test_a_coup_and_bodies_found_are_other() -> None:
    assert _types("Mutinous soldiers seized power in Niamey and detained the president.")[0] == "Other"
    found = "The bodies of three men who had been shot dead were found in a field near Tillaberi."
    assert _types(found) == ["Other"]


def test_ground_brought_under_control_or_wrested() -> None:
    assert _types("Troops brought the town of Dibaga under their control after clashes with IS.")[0] == GOV
    assert _types("The Ethiopian army wrested the town from TPLF forces after intense fighting.")[0] == GOV
    # a named place the tagger takes for a person, taken from an armed side, is ground
    assert _types("The ENDF seized Shewa Robit from TPLF fighters following clashes.")[0] == GOV
    assert not {GOV, NSA} & set(_types("Aid agencies brought food to the displaced in Dibaga."))


def test_blame_is_an_attribution_whoever_speaks() -> None:
    assert _kind("The Russian foreign ministry blamed Kyiv for the drone attack on the Kremlin.") == "ATTRIB"
