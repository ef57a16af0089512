"""Attribution round 7 (issue 7): tail cue verbs whose speaking subject holds a view in a form their class
does not list. Sentences written for these tests."""

from __future__ import annotations


def pairs(claims) -> list[tuple[str, str]]:
    return [(c.claimant_span.text, c.cue_span.text) for c in claims if c.claimant_span and c.cue_span]


def test_belief_verb_with_in_is_a_view(claims_of):
    claims = claims_of("The minister believes in a negotiated settlement.")
    assert ("The minister", "believes in") in pairs(claims)


def test_belief_verb_with_a_plain_object_is_not(claims_of):
    # only a clause or a topic is what someone holds: "police found the bodies" reports no one's view
    assert claims_of("Police found the bodies of three men near the river.") == []


def test_belief_verb_with_a_preposition_is_a_view(claims_of):
    assert ("The senator", "thinks") in pairs(claims_of("The senator thinks about the war every day."))


def test_object_restricted_cue_stays_silent(claims_of):
    # "released" attributes only with a statement or report: freeing prisoners says nothing
    assert claims_of("Rebels released the prisoners on Monday.") == []


def test_a_thing_as_subject_is_not_a_source(claims_of):
    assert claims_of("The storm understands nothing of borders.") == []
