"""Event roles (attacker, target, victim, physical target, weapon) and the event's own place."""

from __future__ import annotations

import pytest

from sitreps.nlp import parse
from sitreps.stages.event_places import AWAY, OWN, attachment_rank
from sitreps.stages.event_roles import event_roles, roles_at


def _roles(text: str, word: str):
    doc = parse(text)
    head = next(t for t in doc if t.text == word)
    r = event_roles(head)
    return {
        k: [s.text for s in getattr(r, k)]
        for k in ("attackers", "targets", "victims", "physical_targets", "weapons")
    }


def test_passive_with_by_agent():
    r = _roles("Five soldiers were killed by Taliban fighters on Tuesday.", "killed")
    assert r["attackers"] == ["Taliban fighters"]
    assert r["victims"] == ["Five soldiers"]


def test_coordinated_verb_inherits_subject():
    r = _roles("Gunmen stormed the hotel and killed three guards.", "killed")
    assert r["attackers"] == ["Gunmen"]
    assert r["victims"] == ["three guards"]
    assert "the hotel" not in r["victims"]


def test_relative_clause_subject_is_its_antecedent():
    r = _roles("The militants who attacked the checkpoint fled into the hills.", "attacked")
    assert r["attackers"] == ["The militants"]
    assert r["physical_targets"] == ["the checkpoint"]


def test_weapon_as_subject_is_not_an_attacker():
    r = _roles("A roadside bomb killed two policemen near the market.", "killed")
    assert r["attackers"] == []
    assert r["weapons"] == ["A roadside bomb"]
    assert r["victims"] == ["two policemen"]


def test_instrument_with_phrase_and_coordination():
    r = _roles("Rebels attacked the convoy with rocket-propelled grenades and machine guns.", "attacked")
    assert r["attackers"] == ["Rebels"]
    assert r["physical_targets"] == ["the convoy"]
    assert r["weapons"] == ["rocket-propelled grenades", "machine guns"]


def test_noun_trigger_takes_claimant_and_on_object():
    r = _roles("The Taliban claimed the attack on the police station.", "attack")
    assert r["attackers"] == ["The Taliban"]
    assert r["physical_targets"] == ["the police station"]


def test_noun_trigger_in_passive_clause_names_victims_and_weapon():
    r = _roles("Twelve people were killed in a car bomb attack in the capital.", "attack")
    assert r["victims"] == ["Twelve people"]
    assert r["weapons"] == ["car bomb"]
    assert r["attackers"] == []


def test_subject_of_die_is_a_victim():
    r = _roles("Three civilians died in the shelling.", "shelling")
    assert r["victims"] == ["Three civilians"]
    assert r["attackers"] == []


def test_fire_on_object_is_target():
    r = _roles("Police opened fire on the protesters.", "opened")
    assert r["attackers"] == ["Police"]
    assert r["targets"] == ["the protesters"]


def test_roles_at_character_span():
    text = "The guerrillas dynamited the embassy and a power station."
    doc = parse(text)
    start = text.index("dynamited")
    r = roles_at(doc, start, start + len("dynamited"))
    assert [s.text for s in r.attackers] == ["The guerrillas"]
    assert [s.text for s in r.physical_targets] == ["the embassy", "a power station"]
    assert text[r.attackers[0].start : r.attackers[0].end] == "The guerrillas"


def _rank(text: str, trigger: str, place: str) -> int:
    doc = parse(text)
    head = next(t for t in doc if t.text == trigger)
    root = next(t for t in doc if t.text == place)
    return attachment_rank(head, root)


@pytest.mark.parametrize(
    ("text", "trigger", "place", "rank"),
    [
        ("Clashes in Aleppo killed 12 rebels.", "Clashes", "Aleppo", OWN),
        ("Warplanes struck a weapons depot near Raqa.", "struck", "Raqa", OWN),
        ("The Kabul bombing killed 20 people.", "bombing", "Kabul", OWN),
        ("Rebels shelled the outskirts of Hama on Friday.", "shelled", "Hama", OWN),
        ("The ministry said in Moscow that jets bombed the town.", "bombed", "Moscow", AWAY),
        ("Fighters from Idlib attacked the base.", "attacked", "Idlib", AWAY),
        ("Syria's army attacked the village.", "attacked", "Syria", AWAY),
        ("Gunmen attacked the convoy before fleeing to Turkey.", "attacked", "Turkey", AWAY),
    ],
)
def test_attachment_rank(text, trigger, place, rank):
    assert _rank(text, trigger, place) == rank

