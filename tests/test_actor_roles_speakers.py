"""Speakers and attackers: who tells of an attack is not who made it, unless they tell of their own."""

from __future__ import annotations

import sitreps


def _readings(text: str) -> list[tuple[str, str | None]]:
    analysis = sitreps.extract(text, published="2016-05-01")
    return [(m.trigger_span.text, m.actor1.name if m.actor1 else None) for m in analysis.mentions]


def test_residents_who_tell_of_bombings_are_not_their_attackers():
    # the parse makes "bombings" a subject of "said" beside "residents"
    assert _readings("The bombings continued overnight in Idlib province, residents said.") == [
        ("bombings", None)
    ]


def test_a_group_telling_of_its_own_attack_is_its_attacker():
    assert _readings("Rebels said they shelled the airport.") == [("shelled", "Rebel Groups")]
    # "it" is no role filler of its own, but stands for the army here
    assert _readings("The army said it shelled rebel positions near Aleppo.") == [
        ("shelled", "Military Forces of Syria (2000-2024)")
    ]
    assert _readings("Hezbollah said its fighters attacked an Israeli patrol.") == [("attacked", "Hezbollah")]


def test_a_victim_telling_of_an_attack_stays_the_victim():
    (mention,) = sitreps.extract(
        "Activists said they were attacked by police in Homs.", published="2016-05-01"
    ).mentions
    assert mention.actor1 is not None and mention.actor1.name.startswith("Police Forces of Syria")


def test_a_province_that_holds_the_town_is_no_second_event():
    # the parse hangs "in Hama province" on "town", not on "Morek": containment decides, not attachment
    analysis = sitreps.extract(
        "Government forces said they recaptured the town of Morek in Hama province.", published="2016-05-01"
    )
    assert [m.place.name for m in analysis.mentions if m.place] == ["Murak"]
    two = sitreps.extract(
        "Russian strikes hit Raqa and Aleppo provinces and the town of Morek.", published="2016-05-01"
    )
    assert len(two.mentions) == 3  # places side by side stay separate events


def test_a_speakers_own_raids_keep_their_toll():
    analysis = sitreps.extract(
        "Moscow says its raids killed several hundred IS fighters in Raqa.", published="2015-10-10"
    )
    assert [m.trigger_span.text for m in analysis.mentions] == ["raids"]
    assert analysis.mentions[0].fatalities_best > 0
