"""Attribution round 12 (issue 7): rarer speech verbs, criticism and praise, attitudes held by someone named
and feelings held about something; a light verb's view of nothing named, a record in a perfect relative
clause, a speech only wanted or owed and the passives of other senses ("admitted to hospital") are no
claims; "attacked Clinton for saying" is Clinton's saying. Sentences written for these tests."""

from __future__ import annotations

from claim_helpers import cues, only

# --------------------------------------------------------------------------- new vocabulary


def test_rarer_speech_verb_with_clause(claims_of):
    claim = only(claims_of("The mayor disclosed that the budget was short."), "disclosed")
    assert claim.claimant_span.text == "The mayor"
    assert claim.content_span.text == "the budget was short"


def test_downplaying_disputes(claims_of):
    claim = only(claims_of("Officials downplayed the threat of a new offensive."), "downplayed")
    assert claim.stance == "disputed"
    assert claim.content_span.text == "the threat of a new offensive"


def test_derision_is_an_evaluation(claims_of):
    claim = only(claims_of("Critics derided the plan as a gimmick."), "derided")
    assert claim.claimant_span.text == "Critics"
    assert "the plan" in claim.content_span.text


def test_attitude_with_its_preposition(claims_of):
    claim = only(claims_of("The senator bristled at the question."), "bristled at")
    assert claim.claimant_span.text == "The senator"
    assert claim.content_span.text == "the question"


def test_railing_against(claims_of):
    claim = only(claims_of("Critics have railed against the new curfew."), "have railed against")
    assert claim.content_span.text == "the new curfew"


def test_wondering_whether(claims_of):
    claim = only(claims_of("She wondered whether the ceasefire would hold."), "wondered")
    assert claim.content_span.text == "whether the ceasefire would hold"


def test_advice_to_leave(claims_of):
    claim = only(claims_of("The commander advised residents to leave the town."), "advised")
    assert claim.stance == "unconfirmed"
    assert claim.content_span.text == "residents to leave the town"


def test_shedding_light_on(claims_of):
    claim = only(claims_of("The report sheds light on the abuses in the camps."), "sheds light on")
    assert claim.content_span.text == "the abuses in the camps"


def test_a_feeling_held_about_something(claims_of):
    claim = only(claims_of("The governor's frustration over the delays was plain."), "frustration")
    assert claim.claimant_span.text == "The governor"
    assert claim.content_span.text == "the delays"


def test_an_ordinary_noun_of_feeling_without_a_holder_is_no_claim(claims_of):
    assert "frustration" not in cues(claims_of("Frustration over the delays grew in the camps."))


# --------------------------------------------------------------------------- no claim made


def test_a_view_of_nothing_named_is_no_claim(claims_of):
    assert claims_of("She has concerns.") == []
    claim = only(claims_of("The senator has concerns about the deal."), "has concerns about")
    assert claim.content_span.text == "the deal"


def test_a_letter_sent_is_still_a_statement(claims_of):
    assert "sent a letter" in cues(claims_of("The minister sent a letter to the council."))


def test_a_record_in_a_perfect_relative_clause_is_no_claim(claims_of):
    claims = claims_of("The senator, who has backed the war, spoke to reporters on Monday.")
    assert not [c for c in cues(claims) if "backed" in c]


def test_speech_asked_for_is_not_made(claims_of):
    claims = claims_of("The minister urged him to announce that the talks had failed.")
    assert "urged" in cues(claims)
    assert not [c for c in cues(claims) if "announce" in c]


def test_speech_owed_is_not_made(claims_of):
    claims = claims_of("Under the law the agency is required to report every death.")
    assert not [c for c in cues(claims) if "report" in c]


def test_an_attempt_still_speaks(claims_of):
    claims = claims_of("The senator tried to explain that the war was over.")
    assert [c for c in cues(claims) if "explain" in c]


def test_admitted_to_hospital_is_no_speech(claims_of):
    assert claims_of("Twelve wounded civilians were admitted to hospital in Aleppo.") == []
    assert claims_of("Three battalions were posted to the border.") == []


def test_admitting_a_fact_is_speech(claims_of):
    claim = only(claims_of("The army admitted that it shelled the market."), "admitted")
    assert claim.content_span.text == "it shelled the market"


# --------------------------------------------------------------------------- who said it


def test_blamed_for_saying_is_the_blamed_ones_saying(claims_of):
    claims = claims_of("Republicans attacked Clinton for saying that the economy was strong.")
    claim = only(claims, "saying")
    assert claim.claimant_span.text == "Clinton"
    assert claim.content_span.text == "the economy was strong"
    assert only(claims, "attacked").claimant_span.text == "Republicans"


# --------------------------------------------------------------------------- hearsay adverbs


def test_reportedly_is_a_claim_without_a_source(claims_of):
    claim = only(claims_of("The commander was reportedly killed in the strike."), "reportedly")
    assert claim.claimant_span is None
    assert claim.stance == "unconfirmed"
    assert claim.content_span.text.startswith("The commander")


def test_a_fronted_hearsay_adverb_leaves_the_rest_of_the_clause(claims_of):
    claim = only(claims_of("Allegedly, militants shelled the town on Monday."), "Allegedly")
    assert claim.stance == "claimed"
    assert claim.content_span.text == "militants shelled the town on Monday"


def test_reportedly_with_a_speech_verb_is_that_verbs_cue(claims_of):
    claims = claims_of("The general reportedly told aides that the offensive had failed.")
    assert cues(claims) == ["reportedly told"]
    assert claims[0].claimant_span.text == "The general"


# --------------------------------------------------------------------------- nouns, channels, perceptions


def test_a_view_given_by_the_copula(claims_of):
    claim = only(claims_of("The senator's argument is that the war is lost."), "argument")
    assert claim.claimant_span.text == "The senator"
    assert claim.content_span.text == "the war is lost"


def test_remarks_as_a_channel_are_no_claim_of_their_own(claims_of):
    claims = claims_of("In his remarks about the war, the senator blamed the generals for the defeat.")
    assert "remarks" not in cues(claims)
    assert "blamed" in cues(claims)


def test_a_past_perception_in_the_narrative_is_no_claim(claims_of):
    assert claims_of("The crowd seemed restless after the speech.") == []
    assert "seems" in cues(claims_of("The campaign seems disorganized."))


def test_war_reports_keep_their_deeds(claims_of):
    for text in (
        "Rebels lashed out at government positions with mortars.",
        "The army reacted to the ambush by shelling the village.",
        "The soldiers faced heavy opposition near the bridge.",
        "Government forces pressed on toward the city.",
    ):
        assert claims_of(text) == [], text


def test_the_generic_you_holds_no_view(claims_of):
    claims = claims_of("If you want to understand the war, read the reports from Aleppo.")
    assert not [c for c in cues(claims) if "want" in c]
    assert "wants" in cues(claims_of("The governor wants to end the war."))


def test_a_view_inside_a_reported_clause_is_nested(claims_of):
    claims = claims_of("The minister said the rebels hope to take the city.")
    assert cues(claims) == ["said"]
    assert cues(claims_of("Aides fear the governor wants to resign.")) == ["fear"]


def test_a_view_before_a_later_view_stays(claims_of):
    assert cues(claims_of("The governor wants a new deal, aides fear.")) == ["wants", "fear"]


# ----------------------------------------------------------------- round 9: nesting under a speech verb


def test_view_in_a_phrase_of_a_speech_verb_is_nested(claims_of):
    # "aimed at" hangs off the speech verb's own phrase ("said in a speech aimed at ..."): part of the saying
    claims = claims_of("The general said in a speech aimed at the troops that the town would be retaken.")
    assert "aimed at" not in cues(claims)
    assert only(claims, "said").claimant_span.text == "The general"


def test_view_in_the_reported_clause_is_still_nested(claims_of):
    claims = claims_of("The spokesman said aides fear the town will fall.")
    assert cues(claims) == ["said"]


def test_rebuttal_disputes(claims_of):
    claim = only(claims_of("The opposition rebutted the claim that the army had withdrawn."), "rebutted")
    assert claim.stance == "disputed"
    assert claim.claimant_span.text == "The opposition"


def test_inference_is_a_belief(claims_of):
    claim = only(claims_of("Investigators deduced that the shell was fired from the north."), "deduced")
    assert claim.stance == "claimed"
    assert claim.content_span.text == "the shell was fired from the north"


def test_lobbying_is_an_appeal(claims_of):
    claim = only(claims_of("Villagers lobbied for a ceasefire."), "lobbied for")
    assert claim.stance == "unconfirmed"
    assert claim.content_span.text == "a ceasefire"


def test_a_things_aim_is_no_ones_plan(claims_of):
    assert "seeks" not in cues(claims_of("The measure seeks to end the blockade."))
    claim = only(claims_of("The rebels seek to retake the town."), "seek")
    assert claim.claimant_span.text == "The rebels"
