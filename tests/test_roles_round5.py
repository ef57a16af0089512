"""Event roles, round 5: clean attacker spans, no abstract targets, the victims of every harm verb of one
incident, survivors as targets, weapon owners as attackers, and actor spans that are the role's phrase."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.evaluate.tasks.arguments import predicted_fillers
from sitreps.model import Article
from sitreps.nlp import parse
from sitreps.pipeline import analyse
from sitreps.stages.event_roles import event_roles, noun_phrase

ROLES = ("attackers", "targets", "victims", "physical_targets", "weapons")


def _roles(text: str, word: str) -> dict[str, list[str]]:
    doc = parse(text)
    head = next(t for t in doc if t.text == word)
    r = event_roles(head)
    return {k: [s.text for s in getattr(r, k)] for k in ROLES}


def test_span_keeps_a_hyphenated_noun_whole():
    doc = parse("Two passers-by were wounded in the blast.")
    span = noun_phrase(next(t for t in doc if t.text == "passers"))
    assert span.text == "Two passers-by"
    assert doc.text[span.start : span.end] == span.text


def test_span_drops_quote_marks():
    text = '"They attacked us at dawn," the villager said.'
    r = _roles(text, "attacked")
    assert r["attackers"] == ["They"]
    assert r["targets"] == ["us"]


def test_title_and_name_are_one_phrase():
    text = "Venezuela's President Nicolas Maduro survived an assassination attempt on Saturday."
    r = _roles(text, "assassination")
    assert r["attackers"] == []
    assert r["victims"] == ["Venezuela's President Nicolas Maduro"]


def test_survivor_of_an_attack_is_its_target_not_its_attacker():
    r = _roles("The governor escaped unhurt from a drone attack in the city.", "attack")
    assert r["attackers"] == []
    assert r["targets"] == ["The governor"]
    assert r["weapons"] == ["drone"]


def test_attempt_on_his_life_targets_him():
    r = _roles("Gunmen made an attempt on his life last week.", "attempt")
    assert "his life" not in r["targets"] + r["victims"]


def test_abstract_objects_are_no_targets():
    r = _roles("The militants claimed the attack and issued a statement.", "attack")
    assert r["attackers"] == ["The militants"]
    r = _roles("Police found booby traps after the insurgents attacked the village.", "attacked")
    assert r["targets"] == ["the village"]


def test_vehicle_subject_is_no_attacker():
    r = _roles("A vehicle exploded outside the hotel, killing four guards.", "exploded")
    assert r["attackers"] == []
    assert r["victims"] == ["four guards"]


def test_victims_of_every_harm_verb_in_the_incident():
    text = (
        "Three soldiers were killed and five others wounded when an improvised explosive device exploded "
        "under their vehicle."
    )
    r = _roles(text, "device")
    assert sorted(r["victims"]) == ["Three soldiers", "five others"]
    assert r["weapons"] == ["an improvised explosive device"]


def test_participle_clause_and_its_conjunct_add_victims():
    text = "A car bomb exploded near a mosque in Baghdad, killing at least 18 worshippers and wounding 40."
    r = _roles(text, "bomb")
    assert r["victims"] == ["at least 18 worshippers", "40"]


def test_relative_clause_on_the_trigger_noun_names_victims():
    text = "The bombing, which killed 30 people, was carried out by a teenage suicide bomber."
    r = _roles(text, "bombing")
    assert r["attackers"] == ["a teenage suicide bomber"]
    assert r["victims"] == ["30 people"]


def test_coordinated_verb_with_its_own_agent_is_another_act():
    r = _roles("Gunmen shot dead two guards and the army later killed three attackers.", "shot")
    assert r["attackers"] == ["Gunmen"]
    assert "three attackers" not in r["victims"]


def test_participial_clause_takes_the_main_subject():
    r = _roles("The shooter opened fire inside a nightclub, killing 49 people.", "killing")
    assert r["attackers"] == ["The shooter"]
    assert r["victims"] == ["49 people"]


def test_weapon_owner_is_the_attacker():
    r = _roles("At least four people were killed when a US drone fired missiles at a car.", "fired")
    assert r["attackers"] == ["US"]
    assert "a US drone" in r["weapons"]
    r = _roles("An Israeli airstrike killed a Hamas commander.", "airstrike")
    assert r["attackers"] == ["Israeli"]
    assert r["weapons"] == []


def test_event_noun_subject_of_a_non_harm_verb_has_no_victims():
    r = _roles("The assassination of the opposition leader shocked the nation.", "assassination")
    assert r["victims"] == ["the opposition leader"]


def test_active_subject_of_kill_in_an_ambush_is_the_attacker():
    r = _roles("Rebels killed five soldiers in an ambush near the border.", "ambush")
    assert r["attackers"] == ["Rebels"]
    assert r["victims"] == ["five soldiers"]


def test_claimed_by_names_the_attacker():
    r = _roles("Responsibility for the bombing was claimed by the Pakistani Taliban.", "bombing")
    assert r["attackers"] == ["the Pakistani Taliban"]


@pytest.fixture(scope="module")
def fillers():
    """Scored fillers of whole-pipeline readings (the spaCy model loads once per session)."""
    texts = {
        "hamas": "An Israeli airstrike killed a Hamas commander in Gaza City on Saturday.",
        "station": "A car bomb killed at least 12 people outside a police station in Kirkuk on Monday.",
        "survivor": "The governor survived an assassination attempt when gunmen fired on his car in Herat.",
    }
    out = {}
    for key, text in texts.items():
        analysis = analyse(Article(text=text, published=date(2020, 5, 3)))
        out[key] = [predicted_fillers(analysis, m) for m in analysis.mentions]
    return out


def test_actor2_span_is_the_victim_phrase(fillers):
    (f,) = fillers["hamas"]
    assert f["target"] == ["a Hamas commander"]
    assert f["attacker"] == ["Israeli"]


def test_actor_inside_a_place_phrase_is_not_the_target(fillers):
    f = fillers["station"][0]
    assert "police" not in f["target"]
    assert "at least 12 people" in f["target"]


def test_survivor_is_no_attacker_in_the_pipeline(fillers):
    f = fillers["survivor"][0]
    assert "The governor" not in f["attacker"]


def test_weapon_as_object_is_the_weapon():
    r = _roles("The brothers detonated two pressure cooker bombs near the finish line.", "detonated")
    assert r["attackers"] == ["The brothers"]
    assert r["weapons"] == ["two pressure cooker bombs"]
    assert r["victims"] == r["targets"] == []
    r = _roles("Gunmen opened fire on worshippers leaving a mosque.", "opened")
    assert r["weapons"] == []
    assert r["targets"] == ["worshippers"]


def test_possessor_of_a_death_is_its_victim():
    r = _roles("Khashoggi's murder inside the consulate drew condemnation.", "murder")
    assert r["attackers"] == []
    assert r["victims"] == ["Khashoggi"]
    r = _roles("The Taliban's attack on the base lasted hours.", "attack")
    assert r["attackers"] == ["The Taliban"]


def test_clashes_between_two_sides():
    r = _roles("Clashes between police and protesters left three people dead.", "Clashes")
    assert r["attackers"] == ["police"]
    assert r["targets"] == ["protesters"]


def test_came_under_attack_is_the_target():
    r = _roles("A military convoy came under attack near the border on Monday.", "attack")
    assert r["physical_targets"] == ["A military convoy"]
    assert r["attackers"] == []


def test_trigger_naming_the_attacker():
    r = _roles("Suicide bombers struck three churches on Easter Sunday.", "bombers")
    assert r["attackers"] == ["Suicide bombers"]
    assert r["physical_targets"] == ["three churches"]


def test_repelled_attack_keeps_its_attacker():
    r = _roles("Ukrainian troops repelled an attack by Russian marines near Kherson.", "repelled")
    assert r["attackers"] == ["Russian marines"]
    assert r["targets"] == ["Ukrainian troops"]


def test_weapon_in_a_coordination_takes_its_clause_roles():
    text = "The terrorists also attacked the home of Colonel Jose Garcia with rifle fire and grenades."
    r = _roles(text, "grenades")
    assert r["attackers"] == ["The terrorists"]
    assert r["physical_targets"] == ["the home"]
    assert sorted(r["weapons"]) == ["grenades", "rifle fire"]


def test_seized_weapons_were_not_used():
    r = _roles("Soldiers raided the camp and seized rifles and explosives.", "raided")
    assert r["weapons"] == []
    assert r["physical_targets"] == ["the camp"]


def test_the_one_blamed_is_the_attacker():
    r = _roles("Ukraine blamed Russian forces for the attack on the hospital.", "attack")
    assert r["attackers"] == ["Russian forces"]
    assert r["physical_targets"] == ["the hospital"]


def test_among_the_dead_is_a_victim_not_an_attacker():
    r = _roles("Two policemen were among the dead.", "dead")
    assert r["attackers"] == []
    assert r["victims"] == ["Two policemen"]
