"""Round 5 of sub-event typing: the costliest ACLED confusions, read as the codebook reads them: who takes
ground (not the verb), what protesters did versus what was done to them (not what they demanded), the
aircraft behind a missile, a suicide attacker behind any bombing, an agreement signed versus talked about,
and a chemical leak that is no chemical weapon (`event_typing.py`, `protest_typing.py`,
`territory_typing.py`, `triggers.py`)."""

import pytest

from sitreps.model import Article
from sitreps.nlp import parse
from sitreps.pipeline import analyse
from sitreps.stages.event_typing import protest_type, sentence_words
from sitreps.stages.event_typing_base import load_typing_lexicon
from sitreps.stages.protest_typing import grievance_tokens
from sitreps.stages.triggers import find_triggers, unreal_reason


def _types(text: str) -> list[str]:
    """The sub-event types of the event mentions sitreps reads in `text`, in text order."""
    mentions = analyse(Article(text=text), published=None).mentions
    return [m.sub_event_type for m in sorted(mentions, key=lambda m: m.trigger_span.start)]


def _first_type(text: str) -> str:
    types = _types(text)
    return types[0] if types else ""


TERRITORY = [
    # who takes it decides, not "recaptured"
    ("Al Shabaab militants recaptured the village of Leego from AMISOM forces after heavy fighting.",
     "Non-state actor overtakes territory"),
    ("IS militants seized the village of Tal Tamr after clashes with SDF forces.",
     "Non-state actor overtakes territory"),
    ("Syrian government forces recaptured the town of Khan Sheikhoun from HTS militants after clashes.",
     "Government regains territory"),
    ("FARDC troops recovered the locality of Kamango from ADF rebels after clashes.",
     "Government regains territory"),
    ("Malian soldiers entered the town of Lere after the jihadists left.", "Government regains territory"),
    ("The army dislodged the insurgents from the village of Tongo.", "Government regains territory"),
    # without fighting
    ("Al Shabaab militants took control of the town of Bulo Burde after Somali troops withdrew.",
     "Non-violent transfer of territory"),
    # fighting for ground that was not taken
    ("Taliban fighters attempted to take the district headquarters but were repelled by Afghan forces.",
     "Armed clash"),
    ("Government troops launched an offensive to retake the town of Palma from the insurgents.",
     "Armed clash"),
    ("Militants tried to overrun an army post near Kidal.", "Armed clash"),
]  # fmt: skip


@pytest.mark.parametrize("text, expected", TERRITORY, ids=lambda v: v[:40])
def test_who_takes_the_ground_decides(text: str, expected: str) -> None:
    assert _first_type(text) == expected


def test_spoils_and_houses_are_no_ground() -> None:
    assert "Non-state actor overtakes territory" not in _types(
        "Militants attacked an army post in Mopti and seized two vehicles and weapons."
    )
    assert _types("Soldiers entered the house of a suspect in Gao.") == []


PROTESTS = [
    ("On 12 May, security forces fired on protesters in Bujumbura, killing 3.",
     "Excessive force against protesters"),
    ("Police beat protesters with batons, seriously injuring several of them, in Luanda.",
     "Excessive force against protesters"),
    ("Protesters attacked police officers with machetes in Beni; police opened fire, killing two.",
     "Violent demonstration"),
    ("Demonstrators pelted security forces with stones in Srinagar.", "Violent demonstration"),
    ("Security forces blocked a march by opposition supporters in Kinshasa.", "Protest with intervention"),
    ("Police prevented opposition supporters from holding a rally in Harare.", "Protest with intervention"),
    # what they demanded or denounced is not what happened to them
    ("Hundreds marched in Bamako demanding the release of detained journalists.", "Peaceful protest"),
    ("Residents demonstrated in Goma against the killing of civilians by ADF rebels.", "Peaceful protest"),
    ("Traders demonstrated in Kano against the closure of a market, blocking a road.", "Peaceful protest"),
    ("Students staged a sit-in in Algiers, calling for the release of detained activists.",
     "Peaceful protest"),
]  # fmt: skip


@pytest.mark.parametrize("text, expected", PROTESTS, ids=lambda v: v[:40])
def test_protest_types_follow_the_codebook(text: str, expected: str) -> None:
    assert _first_type(text) == expected


def test_grievance_words_are_left_out_of_the_protest_reading() -> None:
    text = "Students rallied against the death of a classmate shot dead by police in Dhaka."
    sent = next(iter(parse(text).sents))
    left_out = {sent.doc[i].lower_ for i in grievance_tokens(sent, load_typing_lexicon())}
    assert "death" in left_out and "rallied" not in left_out
    assert protest_type(sentence_words(sent)) == "Excessive force against protesters"  # words alone
    assert protest_type(sentence_words(sent), sents=[sent]) == "Peaceful protest"


REMOTE = [
    ("Coalition aircraft struck Houthi positions with missiles in Saada.", "Air/drone strike"),
    ("Israeli jets fired missiles at a Hamas site in Gaza.", "Air/drone strike"),
    ("Houthi forces fired rockets at a residential area in Taiz, killing a child.",
     "Shelling/artillery/missile attack"),
    ("Warplanes and artillery pounded the town of Ariha.", "Air/drone strike"),
    ("Two female bombers detonated explosive belts at a market in Maiduguri.", "Suicide bomb"),
    ("A car bomb driven by a suicide bomber exploded at a checkpoint in Mogadishu.", "Suicide bomb"),
    ("Suicide attackers stormed a military base in Borno and clashed with soldiers.", "Suicide bomb"),
    ("Police found an explosive vest in an abandoned house in Maiduguri.", "Disrupted weapons use"),
]  # fmt: skip


@pytest.mark.parametrize("text, expected", REMOTE, ids=lambda v: v[:40])
def test_the_weapon_and_the_attacker_decide_remote_violence(text: str, expected: str) -> None:
    assert _first_type(text) == expected


def test_agreements_are_signed_not_talked_about() -> None:
    assert _first_type("The government and the rebels signed a truce in Bangui.") == "Agreement"
    assert _first_type("The Taliban and the US concluded an agreement in Doha.") == "Agreement"
    assert _types("Troops reached the town of Tessit on Monday.") != ["Agreement"]
    assert _types("The envoy held talks on a ceasefire with both sides in Geneva.") == []


def test_a_chemical_leak_is_no_chemical_weapon() -> None:
    assert "Chemical weapon" not in _types("A chlorine tank leaked at a port in Aqaba, killing 13.")
    assert "Chemical weapon" not in _types("Inspectors verified the destruction of Syria's chemical weapons.")
    assert _first_type("Regime helicopters dropped barrel bombs filled with chlorine on Saraqib.") == (
        "Chemical weapon"
    )


def test_a_verb_conjoined_to_an_attempt_is_real() -> None:
    doc = parse("Militants attempted to seize the base but were repulsed by soldiers.")
    reasons = {t.head.lower_: unreal_reason(t) for t in find_triggers(doc)}
    assert reasons == {"seize": "attempted", "repulsed": ""}

