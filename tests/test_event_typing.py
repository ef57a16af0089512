"""Sub-event typing as an ACLED coder does it: the weapon, the protest, the disrupted weapon, who gains
ground, who killed whom, and the disasters that are no conflict events (`stages/event_typing.py`)."""

import pytest

from sitreps.model import Article
from sitreps.pipeline import analyse
from sitreps.stages.event_typing import load_typing_lexicon, protest_type


def _first_type(text: str) -> str:
    """The sub-event type of the first event mention sitreps reads in `text`, or "" for none."""
    mentions = analyse(Article(text=text), published=None).mentions
    if not mentions:
        return ""
    return min(mentions, key=lambda m: m.trigger_span.start).sub_event_type


CASES = {
    "Air/drone strike": [
        "Israeli warplanes struck a Hamas training camp in Khan Younis overnight.",
        "A Turkish drone hit a vehicle near Qamishli, killing two PKK members.",
        "Saudi-led coalition jets bombed a wedding party in Hajjah province.",
    ],
    "Shelling/artillery/missile attack": [
        "Russian forces shelled the town of Kupiansk, wounding five residents.",
        "Houthi rebels fired a ballistic missile at Marib city on Sunday.",
        "Mortar rounds landed on a residential area of Benghazi, killing a child.",
        "A mortar shell exploded in a market in Aleppo, killing two civilians.",
    ],
    "Remote explosive/landmine/IED": [
        "A roadside bomb struck a military convoy in Kunar province, killing three soldiers.",
        "Two civilians died when their car hit a landmine near Kidal.",
        "An improvised explosive device exploded near a police patrol in Peshawar.",
        "A bomb planted on a motorcycle went off outside a bank in Jalalabad.",
    ],
    "Suicide bomb": [
        "A suicide bomber blew himself up at a mosque in Quetta, killing 20 worshippers.",
        "A female suicide bomber detonated her vest at a market in Konduga.",
        "Three suicide attackers stormed a hotel in Mogadishu.",
    ],
    "Grenade": [
        "Unknown assailants hurled a grenade at a bar in Bujumbura, injuring four.",
        "A grenade was thrown into a police station in Srinagar.",
        "Militants lobbed a grenade at a security post in Anantnag.",
    ],
    "Chemical weapon": [
        "Government forces dropped chlorine barrel bombs on Saraqib, residents said.",
        "Witnesses reported a sarin gas attack on Khan Sheikhoun that killed dozens.",
        "Rockets loaded with toxic gas hit a district of eastern Ghouta.",
    ],
    "Armed clash": [
        "Al Shabaab fighters clashed with Somali troops in Lower Shabelle.",
        "Fighting broke out between the army and ELN rebels in Arauca on Friday.",
        "Soldiers and Ambazonian separatists exchanged fire in Bamenda.",
        "Militants attacked a military checkpoint in Sinai, killing four soldiers.",
        "Troops killed 10 militants in Marka district.",
    ],
    "Attack": [
        "Fulani militants killed 12 villagers in an attack on Kwall in Plateau state.",
        "Gunmen shot dead a local chief in Ituri province.",
        "Unidentified armed men killed a teacher in Cabo Delgado.",
        "Unidentified gunmen shot and killed a trader in Maiduguri on Monday.",
    ],
    "Abduction/forced disappearance": [
        "Gunmen abducted 15 students from a school in Kaduna state.",
        "A humanitarian worker was kidnapped by militants near Gao.",
        "Rebels captured three aid workers on the road to Kindu.",
    ],
    "Sexual violence": [
        "Militiamen raped three women near Beni, a rights group said.",
        "Soldiers were accused of raping women during a raid in Tigray.",
        "A girl was sexually assaulted by armed men in Juba.",
    ],
    "Mob violence": [
        "An angry mob beat a suspected thief to death in Nairobi.",
        "Villagers lynched two men accused of witchcraft in Tanzania.",
        "A mob lynched a suspected thief in Lagos.",
        "A group of youths assaulted a trader in Mombasa.",
    ],
    "Peaceful protest": [
        "Hundreds of people protested in Lagos against fuel price hikes.",
        "Teachers staged a sit-in outside the education ministry in Beirut.",
        "Farmers marched to parliament in New Delhi demanding higher crop prices.",
    ],
    "Protest with intervention": [
        "Police used tear gas and water cannon to disperse protesters in Harare.",
        "Riot police arrested 30 demonstrators in Minsk.",
        "Police arrested 20 protesters in Nairobi after a rally.",
    ],
    "Excessive force against protesters": [
        "Security forces opened fire on protesters in Mandalay, killing seven.",
        "Soldiers shot dead two demonstrators in Conakry.",
        "Police fired live ammunition at demonstrators in Khartoum, killing three.",
    ],
    "Violent demonstration": [
        "Rioters torched shops and vehicles in Kisumu after the election results.",
        "Protesters clashed with police and threw stones in Karachi.",
        "Demonstrators set fire to a police station in Kano.",
    ],
    "Government regains territory": [
        "The army retook the town of Debaltseve from separatist fighters.",
        "Iraqi forces regained control of the Mosul airport.",
        "Government forces recaptured the town of Palma after clashes with insurgents.",
    ],
    "Non-state actor overtakes territory": [
        "Islamic State militants captured the town of Palmyra.",
        "Taliban fighters seized control of the district center in Badakhshan.",
        "Rebels overran an army base near Goma.",
        # people driven off the ground: the ground is taken, nobody is abducted
        "Al Shabaab fighters drove out clan militiamen from two villages near Baidoa.",
        "Houthi fighters pushed out pro-government militias from the Nihm district east of Sanaa.",
    ],
    "Non-violent transfer of territory": [
        "Government troops withdrew from the town of Kidal.",
        "French forces handed over the Gossi base to the Malian army.",
        "The militia pulled out of the village of Kalehe.",
        "Taliban fighters took control of the city of Ghazni without resistance.",
    ],
    "Arrests": [
        "Police arrested 12 suspected Boko Haram members in Kano.",
        "Security forces detained an opposition leader in Kampala.",
        "Police raided a house in Lahore and arrested three suspects.",
        "Soldiers captured a senior Al Shabaab commander near Baidoa.",
    ],
    "Agreement": [
        "The government and the rebels signed a peace agreement in Khartoum.",
        "Both sides agreed to a ceasefire in Nagorno-Karabakh.",
        # ACLED counts prisoner releases and swaps as agreements; captives freed with no deal are "Other"
        # (tests/test_event_typing_round9.py)
        "Rebels released 30 soldiers in exchange for detained fighters in Kivu.",
    ],
    "Looting/property destruction": [
        "Militants looted shops and burned houses in Ituri.",
        "Armed men set ablaze a church in Zamfara.",
        "Gunmen torched several homes in the village of Dogo Nahawa.",
    ],
    "Disrupted weapons use": [
        "Police seized a large cache of weapons in Karachi.",
        "Troops defused two IEDs planted on a road in Borno.",
        "Air defences shot down three drones over Belgorod.",
        "An IED planted near the market was defused by police in Mogadishu.",
        "Police found a suicide vest in an abandoned house in Maiduguri.",
    ],
    "Headquarters or base established": [
        "Al Shabaab set up a new base near Bardhere.",
        "The militia established a headquarters in Bunia.",
        "JNIM fighters built a camp in the forest near Djibo.",
    ],
    "Change to group/activity": [
        "The group announced the formation of a new armed wing.",
        "Hundreds of youths were recruited by the militia in Kasai.",
        "The two rebel factions merged with each other in Darfur.",
    ],
}


@pytest.mark.parametrize(
    "text, expected", [(text, sub) for sub, texts in CASES.items() for text in texts], ids=lambda v: v[:40]
)
def test_first_event_gets_the_coders_sub_event_type(text, expected):
    assert _first_type(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Floods killed 12 people in Assam on Tuesday.",
        "A gas cylinder explosion killed four people at a restaurant in Karachi.",
        "A plane crashed near Kathmandu airport, killing 20 passengers.",
        "An earthquake of magnitude 6.1 killed 30 people in Herat province.",
        "The ministers held talks on a ceasefire in Geneva.",
        "Bodies of two men were found in a field near Tijuana.",
        # a weapon gone astray, a participle describing a weapon, a boast about every strike, a habit
        "Kyiv said three Russian drones launched from Belarus had crashed in Moldova on Monday.",
        '"All our rockets hit their targets," a Hamas spokesman told reporters in Gaza.',
        "With mortars we always fix the target before firing, the colonel said.",
        'The statement said the commander had played a "key role reinforcing the units" in Donetsk.',
    ],
)
def test_disasters_and_diplomacy_are_no_conflict_events(text):
    assert _first_type(text) == ""


@pytest.mark.parametrize(
    "words, expected",
    [
        (" protesters threw stones at police , who fired tear gas ", "Violent demonstration"),
        (" police fired live ammunition at protesters , killing two ", "Excessive force against protesters"),
        (" police fired rubber bullets to disperse the protesters ", "Protest with intervention"),
        (" riot police watched as protesters marched ", "Peaceful protest"),
        (" students rallied peacefully outside parliament ", "Peaceful protest"),
    ],
)
def test_protest_type_reads_violence_then_force_then_intervention(words, expected):
    assert protest_type(words) == expected


def test_typing_lexicon_is_data():
    tl = load_typing_lexicon()
    assert "ied" in tl.weapon_nouns and "base" in tl.base_nouns and "flood" in tl.disaster_words


def test_deaths_make_excessive_force_whatever_else_the_police_fired() -> None:
    from sitreps.nlp import parse
    from sitreps.stages.event_typing import protest_type, sentence_words

    def kind(text: str) -> str:
        return protest_type(sentence_words(next(iter(parse(text).sents))))

    assert kind("Police fired rubber bullets and tear gas at protesters, killing two of them.") == (
        "Excessive force against protesters"
    )
    assert kind("Police fired rubber bullets at protesters, injuring five.") == "Protest with intervention"
