"""Attribution round 5 (issue 7): nested speech left to the outer claim, generic needs and plans that no one
is said to hold, documents released, and the evaluation and perception cues PolNeAR reads ("attacked X
for", "sees X as", "ruled that", "laid out"). Sentences written for these tests."""

from __future__ import annotations

from claim_helpers import cues

from sitreps.model import Claim


def by_cue(claims: list[Claim], cue: str) -> Claim:
    hits = [c for c in claims if c.cue_span is not None and c.cue_span.text == cue]
    assert len(hits) == 1, (cue, claims)
    return hits[0]


# --- nested speech ---------------------------------------------------------------------------------------


def test_speech_nested_in_a_report_belongs_to_the_outer_claim(claims_of):
    claims = claims_of("The spokesman said aides fear that the talks will collapse.")
    assert cues(claims) == ["said"]
    assert claims[0].content_span.text == "aides fear that the talks will collapse"


def test_nested_belief_after_a_postposed_cue_is_dropped(claims_of):
    claims = claims_of("Commanders believe the offensive will stall, a senior officer told reporters.")
    assert cues(claims) == ["told"]


def test_a_dispute_keeps_the_claim_it_disputes(claims_of):
    claims = claims_of("The army denied that rebels said the town had fallen.")
    assert [(c.cue_span.text, c.stance) for c in claims] == [("denied", "denied"), ("said", "asserted")]


# --- fewer false cues ------------------------------------------------------------------------------------


def test_a_generic_need_is_no_attribution(claims_of):
    assert claims_of("Refugees need food and shelter before the winter.") == []


def test_a_plan_nobody_is_said_to_hold_is_no_attribution(claims_of):
    assert claims_of("The plan to build a wall along the border was abandoned.") == []


def test_a_plan_someone_holds_is_theirs(claims_of):
    c = by_cue(claims_of("His plan to build a wall drew criticism from Mexico."), "plan")
    assert c.claimant_span.text == "His"
    assert c.content_span.text == "to build a wall"


def test_released_documents_attribute_released_people_do_not(claims_of):
    assert claims_of("The militants released two hostages on Friday.") == []
    c = by_cue(claims_of("The monitoring group released a report on the siege."), "released")
    assert c.claimant_span.text == "The monitoring group"


def test_a_statement_saying_is_cued_by_saying_not_released(claims_of):
    claims = claims_of("The army released a statement on Tuesday saying the town had been retaken.")
    assert cues(claims) == ["saying"]
    assert claims[0].claimant_span.text == "The army"


# --- evaluation and perception cues ----------------------------------------------------------------------


def test_attacked_someone_for_is_an_evaluation(claims_of):
    c = by_cue(claims_of("The senator attacked the governor for his handling of the floods."), "attacked")
    assert c.claimant_span.text == "The senator"
    assert "his handling of the floods" in c.content_span.text


def test_an_attack_on_a_place_is_no_attribution(claims_of):
    assert claims_of("Rebels attacked the checkpoint for the third time this week.") == []


def test_hopes_is_read_despite_the_lemmatizer(claims_of):
    c = by_cue(claims_of("The governor hopes to reopen the schools next month."), "hopes")
    assert c.stance == "unconfirmed"
    assert c.content_span.text == "to reopen the schools next month"


def test_sees_x_as_y(claims_of):
    c = by_cue(claims_of("Many analysts see the ceasefire as a victory for Moscow."), "see")
    assert c.claimant_span.text == "Many analysts"
    assert c.stance == "claimed"


def test_worry_about(claims_of):
    c = by_cue(claims_of("Residents worry about renewed shelling."), "worry about")
    assert c.content_span.text == "renewed shelling"


def test_a_ruling_with_a_clause_falls_back_to_the_general_rule(claims_of):
    c = by_cue(claims_of("The court ruled that the detentions were illegal."), "ruled")
    assert c.claimant_span.text == "The court"
    assert c.content_span.text == "the detentions were illegal"


def test_a_purpose_infinitive_shares_the_subject(claims_of):
    c = by_cue(claims_of("The foreign ministers met in Geneva to discuss the ceasefire."), "discuss")
    assert c.claimant_span.text == "The foreign ministers"


def test_laid_out(claims_of):
    c = by_cue(claims_of("The envoy laid out a plan for a political transition."), "laid out")
    assert c.claimant_span.text == "The envoy"


def test_an_unnamed_critic_is_a_sourceless_attribution(claims_of):
    claims = claims_of("The governor has been criticized for his handling of the floods.")
    c = by_cue(claims, "has been criticized for")
    assert c.claimant_span is None
    assert c.content_span.text == "his handling of the floods"


def test_a_passive_with_a_weapon_for_agent_is_no_attribution(claims_of):
    assert claims_of("The convoy was backed by helicopters.") == []
