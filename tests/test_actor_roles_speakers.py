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
    assert _readings("Hezbollah said its fighters attacked an Israeli patrol.") == [("attacked", "Hezbollah")]


def test_a_victim_telling_of_an_attack_stays_the_victim():
    (mention,) = sitreps.extract(
        "Activists said they were attacked by police in Homs.", published="2016-05-01"
    ).mentions
    assert mention.actor1 is not None and mention.actor1.name.startswith("Police Forces of Syria")
