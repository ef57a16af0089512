"""Attribution round 6 (issue 7): speech kept when its outer attribution is post-posed or is no speech
verb, and a few more evaluation cues ("thanked X for", "portrayed X as"), speech verbs ("protested",
"apologized") and claim nouns ("his determination to"). Sentences written for these tests."""

from __future__ import annotations

from claim_helpers import cues

from sitreps.model import Claim


def sources(claims: list[Claim]) -> list[str]:
    return [c.claimant_span.text for c in claims if c.claimant_span is not None]


def test_speech_before_a_postposed_cue_is_its_own_attribution(claims_of):
    claims = claims_of("The senator said the deal was dead, his spokesman told reporters on Tuesday.")
    assert cues(claims) == ["said", "told"]
    assert sources(claims) == ["The senator", "his spokesman"]


def test_speech_under_a_belief_cue_is_kept(claims_of):
    claims = claims_of("Democrats fear the governor said the vote would be delayed.")
    assert cues(claims) == ["fear", "said"]
    assert sources(claims) == ["Democrats", "the governor"]


def test_speech_nested_in_speech_is_still_the_outer_speakers(claims_of):
    claims = claims_of("The spokesman said the minister told him the talks had failed.")
    assert cues(claims) == ["said"]


def test_thanked_for_and_portrayed_as(claims_of):
    thanked = claims_of("The minister thanked the rebels for releasing the hostages.")
    assert cues(thanked) == ["thanked"] and sources(thanked) == ["The minister"]
    portrayed = claims_of("Critics portrayed the governor as a puppet of the army.")
    assert cues(portrayed) == ["portrayed"] and sources(portrayed) == ["Critics"]


def test_protest_and_apologize_are_speech(claims_of):
    assert sources(claims_of("Residents protested that the curfew was unfair.")) == ["Residents"]
    claims = claims_of("The mayor apologized, saying the police had made mistakes.")
    assert "apologized" in cues(claims)


def test_thank_without_a_reason_attributes_nothing(claims_of):
    assert claims_of("The minister thanked the rebels.") == []


def test_determination_noun_with_possessive_source(claims_of):
    claims = claims_of("The general's determination to retake the town was clear.")
    assert cues(claims) == ["determination"]
    assert sources(claims) == ["The general"]
