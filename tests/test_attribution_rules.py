"""Attribution round 2: the general clausal-complement rule, passive cues, relative-clause speakers and
speech verbs beyond "say". Sentences written for these tests."""

from __future__ import annotations

from sitreps.model import Claim


def by_cue(claims: list[Claim], cue: str) -> Claim:
    hits = [c for c in claims if c.cue_span is not None and c.cue_span.text == cue]
    assert len(hits) == 1, (cue, claims)
    return hits[0]


def test_belief_verb_with_clause_and_person_subject(claims_of):
    c = by_cue(claims_of("Senator Jane Moore thinks the ceasefire will collapse within a week."), "thinks")
    assert c.claimant_span.text == "Senator Jane Moore"
    assert c.claimant_type == "person"
    assert c.content_span.text.startswith("the ceasefire will collapse")


def test_verb_outside_lexicon_with_group_subject(claims_of):
    c = by_cue(claims_of("The rebels fear that the army will storm Homs before winter."), "fear")
    assert c.claimant_span.text == "The rebels"
    assert c.content_span.text.startswith("the army will storm Homs")


def test_no_claim_from_a_thing_or_a_copula(claims_of):
    assert claims_of("The problem is that the army has no fuel left.") == []
    assert claims_of("It seems that the talks in Geneva have failed.") == []
    assert claims_of("The shelling means that the road to Aleppo is closed.") == []


def test_general_rule_skips_quotes(claims_of):
    claims = claims_of('"I believe the city will fall," the commander told reporters.')
    assert [c.cue for c in claims] == ["told reporters"]


def test_who_said_keeps_span_and_names_the_person(claims_of):
    text = "The raid was condemned by analyst Kenneth Roth, who said the army had hit a school."
    c = by_cue(claims_of(text), "said")
    assert c.claimant_span.text == "who"
    assert c.claimant == "analyst Kenneth Roth"
    assert c.claimant_type == "person"


def test_passive_it_was_reported_has_a_cue_and_no_source(claims_of):
    c = by_cue(claims_of("It was reported that the army had shelled Homs overnight."), "was reported")
    assert c.claimant_span is None
    assert c.claimant == ""
    assert c.content_span.text.startswith("the army had shelled Homs")


def test_passive_with_agent_is_the_agents_claim(claims_of):
    c = by_cue(claims_of("The report was denied by the Russian defence ministry."), "was denied")
    assert c.claimant_span.text == "the Russian defence ministry"
    assert c.stance == "denied"
    assert c.claimant_type == "state"


def test_quoted_as_saying(claims_of):
    text = "Colonel Ahmed Saleh was quoted as saying that the town had fallen to the rebels."
    c = by_cue(claims_of(text), "was quoted as saying")
    assert c.claimant_span.text == "Colonel Ahmed Saleh"
    assert c.content_span.text.startswith("the town had fallen")


def test_not_confirmed_passive_is_left_to_the_unverified_phrase(claims_of):
    claims = claims_of("Activists said 30 people died. The toll could not be independently confirmed.")
    assert [c.stance for c in claims] == ["asserted", "unconfirmed"]


def test_speak_about_and_pledge(claims_of):
    c = by_cue(claims_of("The foreign minister spoke about the siege of Aleppo on Monday."), "spoke about")
    assert c.claimant_span.text == "The foreign minister"
    c = by_cue(claims_of("The governor pledged that the bridge would reopen."), "pledged")
    assert c.content_span.text.startswith("the bridge would reopen")


def test_a_participle_with_a_by_agent_names_who_denies(claims_of):
    claims = claims_of(
        "Russia's defence ministry said its drones destroyed two air defence systems near Zaporizhzhia, "
        "a claim denied by Ukraine's military."
    )
    denial = by_cue(claims, "denied")
    assert denial.stance == "denied" and denial.claimant == "Ukraine's military"


def test_the_dateline_is_not_the_speaker(claims_of):
    claims = claims_of(
        "KYIV, Nov 19 (AFP) - Russia's defence ministry said on Tuesday that its drones had destroyed two "
        "Ukrainian air defence systems near Zaporizhzhia."
    )
    assert by_cue(claims, "said").claimant == "Russia's defence ministry"
