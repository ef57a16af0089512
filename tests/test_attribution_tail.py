"""Attribution's long tail (issue 7): punctuation cues, belief / intention / appeal / evaluation verbs with
the complement they need, adjectives, claim nouns on their own, channels, and honest stances for plans.
Sentences written for these tests."""

from __future__ import annotations

import pytest
from claim_helpers import cues

from sitreps.model import Claim
from sitreps.stages.claim_cues import get_cue_lexicon


def by_cue(claims: list[Claim], cue: str) -> Claim:
    hits = [c for c in claims if c.cue_span is not None and c.cue_span.text == cue]
    assert len(hits) == 1, (cue, claims)
    return hits[0]


# --- punctuation cues ----------------------------------------------------------------------------------


def test_colon_after_a_speaker_is_the_cue(claims_of):
    c = by_cue(claims_of('Mayor Ana Ruiz: "We will rebuild the bridge by spring."'), ":")
    assert c.claimant_span.text == "Mayor Ana Ruiz"
    assert c.content_span.text == "We will rebuild the bridge by spring"
    assert c.stance == "asserted"


def test_dash_before_a_speaker_closes_the_quote(claims_of):
    c = by_cue(claims_of('"We will not retreat from Kherson," \u2015 General Oleg Petrenko'), "\u2015")
    assert c.claimant_span.text == "General Oleg Petrenko"
    assert c.claimant_type == "person"
    assert c.content_span.text.startswith("We will not retreat from Kherson")


def test_dateline_and_label_colons_are_no_cues(claims_of):
    text = "BEIRUT: Shelling resumed in the south overnight.\nUPDATE: Two more villages were evacuated."
    assert ":" not in cues(claims_of(text))


# --- belief, intention, appeal --------------------------------------------------------------------------


def test_plan_is_an_unconfirmed_claim_with_the_infinitive_as_content(claims_of):
    c = by_cue(claims_of("The ministry plans to send more troops to the border region."), "plans")
    assert c.claimant_span.text == "The ministry"
    assert c.content_span.text == "to send more troops to the border region"
    assert c.stance == "unconfirmed"  # a plan is not an event that happened


def test_vow_and_threat_are_unconfirmed(claims_of):
    claims = claims_of(
        "The militants threatened to kill the hostages. The commander vowed to retake the town."
    )
    assert by_cue(claims, "threatened").stance == "unconfirmed"
    assert by_cue(claims, "vowed").content_span.text == "to retake the town"


def test_appeal_takes_its_addressee_and_infinitive(claims_of):
    c = by_cue(claims_of("The UN called on both sides to respect the truce."), "called on")
    assert c.claimant_span.text == "The UN"
    assert c.content_span.text == "both sides to respect the truce"
    c = by_cue(claims_of("The agency urged residents to leave the area immediately."), "urged")
    assert c.content_span.text.startswith("residents to leave the area")


def test_belief_is_the_sources_view(claims_of):
    text = "Investigators suspect the militia planted the bomb near the checkpoint."
    c = by_cue(claims_of(text), "suspect")
    assert c.claimant_span.text == "Investigators"
    assert c.stance == "claimed"
    assert c.content_span.text.startswith("the militia planted the bomb")


def test_passive_expectation_has_a_cue_and_no_source(claims_of):
    c = by_cue(claims_of("The army is expected to launch an offensive on Idlib next week."), "is expected")
    assert c.claimant_span is None
    assert c.content_span.text.startswith("to launch an offensive")
    assert c.stance == "unconfirmed"


def test_decide_against_keeps_its_preposition(claims_of):
    c = by_cue(claims_of("The government has decided against sending troops."), "has decided against")
    assert c.content_span.text == "sending troops"


def test_a_thing_does_not_aim_or_seem(claims_of):
    assert claims_of("The offensive aims to cut the supply road to Aleppo.") == []
    assert claims_of("The strikes appear to have hit a fuel depot.") == []


def test_a_participle_on_a_noun_gives_that_noun_as_source(claims_of):
    text = "Iran backs the army against rebels seeking the overthrow of the regime."
    c = by_cue(claims_of(text), "seeking")
    assert c.claimant_span.text == "rebels"
    assert c.stance == "unconfirmed"


# --- evaluation and the communication tail ---------------------------------------------------------------


def test_accusation_takes_object_and_of_phrase(claims_of):
    c = by_cue(claims_of("The opposition accused the government of bombing a market in Douma."), "accused")
    assert c.claimant_span.text == "The opposition"
    assert c.content_span.text == "the government of bombing a market in Douma"
    assert c.stance == "claimed"


def test_evaluation_with_adverb_in_the_verb_group(claims_of):
    c = by_cue(claims_of("Critics have long opposed the deployment of troops."), "have long opposed")
    assert c.content_span.text == "the deployment of troops"


def test_passive_condemnation_by_an_agent(claims_of):
    c = by_cue(claims_of("The raid on the clinic was condemned by Amnesty International."), "was condemned")
    assert c.claimant_span.text == "Amnesty International"
    assert "raid on the clinic" in c.content_span.text


def test_the_sign_read(claims_of):
    c = by_cue(claims_of('"We are not afraid," the sign read.'), "read")
    assert c.claimant_span.text == "the sign"
    assert c.content_span.text == "We are not afraid"


def test_as_he_put_it(claims_of):
    c = by_cue(claims_of("As one aide put it, the campaign is running out of time."), "put")
    assert c.claimant_span.text == "one aide"
    assert c.content_span.text == "the campaign is running out of time"


def test_chant_with_object(claims_of):
    c = by_cue(claims_of("Protesters chanted slogans against the governor outside the palace."), "chanted")
    assert c.claimant_span.text == "Protesters"


# --- adjectives, nouns, channels -------------------------------------------------------------------------


def test_adjective_with_that_clause(claims_of):
    c = by_cue(claims_of("The governor is concerned that the floods will cut the main road."), "is concerned")
    assert c.claimant_span.text == "The governor"
    assert c.content_span.text == "the floods will cut the main road"


def test_participle_adjective_read_as_passive(claims_of):
    c = by_cue(claims_of("The envoy was frustrated that the talks had failed."), "was frustrated")
    assert c.claimant_span.text == "The envoy"
    assert c.content_span.text == "the talks had failed"


def test_claim_noun_on_its_own_with_possessive_source(claims_of):
    claims = claims_of("The senator's claim that the army had shelled the school drew scrutiny.")
    c = by_cue(claims, "claim")
    assert c.claimant_span.text == "The senator"
    assert c.stance == "claimed"
    assert c.content_span.text == "the army had shelled the school"


def test_relative_that_after_a_noun_is_no_content(claims_of):
    assert "statement" not in cues(claims_of("The statement that the ministry issued was short."))


def test_channel_is_the_cue_of_a_clause_without_one(claims_of):
    c = by_cue(claims_of("In a statement, the militia took responsibility for the ambush."), "In a statement")
    assert c.claimant_span.text == "the militia"
    assert "responsibility for the ambush" in c.content_span.text


# --- false cues ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The president spoke at the rally in Ohio on Tuesday.",
        "The question of who fired first remains open.",
        "Police found the bodies of three men near the river.",
        "The convoy was backed by helicopters and drones.",
    ],
)
def test_no_claim_without_attributed_content(claims_of, text):
    assert claims_of(text) == []


def test_intention_claim_does_not_make_the_planned_attack_asserted(claims_of):
    """The events stage takes the claim whose content holds a trigger: a planned attack must not be
    'asserted' by whoever plans it."""
    claims = claims_of("Rebel commanders plan to attack the airport next month.")
    holding = [c for c in claims if c.content_span and "attack the airport" in c.content_span.text]
    assert holding and all(c.stance == "unconfirmed" for c in holding)


def test_lexicon_keeps_one_reading_per_verb():
    lex = get_cue_lexicon()
    assert not set(lex.tail) & set(lex.verbs)
    assert lex.tail["accuse"].preps == frozenset({"of"})
    assert "on" in lex.verb_preps["insist"]  # YAML would read a bare on as True
