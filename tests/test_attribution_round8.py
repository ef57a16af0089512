"""Attribution round 8 (issue 7): gerund speech verbs under a preposition, a verb before a colon, transcript
speaker labels, polls as sources, evaluation of a person and fact-check ratings. Sentences written for
these tests."""

from __future__ import annotations


def pairs(claims) -> list[tuple[str, str]]:
    return [(c.claimant_span.text, c.cue_span.text) for c in claims if c.claimant_span and c.cue_span]


def test_gerund_after_by_takes_the_governors_subject(claims_of):
    text = "The senator opened the hearing by saying that the agency had failed veterans."
    assert ("The senator", "saying") in pairs(claims_of(text))


def test_gerund_after_in_is_not_read(claims_of):
    # "in saying so" is a manner, not a report of its own with the main clause's subject
    claims = claims_of("The mayor erred in saying so, the council ruled.")
    assert ("The mayor", "saying") not in pairs(claims)


def test_verb_before_a_colon_is_the_cue_with_the_colon(claims_of):
    claims = claims_of('Clinton continued: "We cannot afford another war."')
    assert ("Clinton", "continued:") in pairs(claims)


def test_verb_with_an_object_before_a_colon_is_not(claims_of):
    claims = claims_of("The army listed its demands: a ceasefire and a prisoner swap.")
    assert not any(c.cue_span.text.endswith(":") for c in claims if c.cue_span)


def test_transcript_labels_inside_an_open_quote(claims_of):
    text = '"MATTHEWS: Do you have a plan for the border? SANDERS: We have a plan.\n\nThe exchange went on.'
    assert [s for s, c in pairs(claims_of(text)) if c == ":"] == ["MATTHEWS", "SANDERS"]


def test_repeated_transcript_label_is_a_speaker(claims_of):
    text = "HOLT: Your answer, sir?\nGARCIA: We will cut taxes.\nHOLT: The deficit?\nGARCIA: It will shrink."
    speakers = [s for s, c in pairs(claims_of(text)) if c == ":"]
    assert speakers.count("GARCIA") == 2 and speakers.count("HOLT") == 2


def test_single_capital_dateline_is_no_speaker(claims_of):
    assert claims_of("KANDAHAR: Shelling resumed in the south overnight.") == []


def test_poll_is_the_source_of_its_finding(claims_of):
    claims = claims_of("Clinton leads Trump by five points in the latest CNN poll.")
    assert ("the latest CNN poll", "in") in pairs(claims)


def test_in_a_place_is_no_cue(claims_of):
    assert claims_of("Clinton leads Trump by five points in Ohio.") == []


def test_attacking_a_person_is_an_evaluation(claims_of):
    claims = claims_of("Trump attacked Clinton on Monday over her email server.")
    assert ("Trump", "attacked") in pairs(claims)


def test_attacking_a_town_is_not(claims_of):
    assert claims_of("Rebels attacked the town on Monday.") == []


def test_fact_check_rating(claims_of):
    assert ("PolitiFact", "rated") in pairs(claims_of("PolitiFact rated the claim Mostly False."))


def test_passive_rating_without_agent_has_a_cue(claims_of):
    claims = claims_of("The claim was rated Mostly False.")
    assert [c.cue_span.text for c in claims] == ["was rated"] and claims[0].claimant_span is None


def test_dash_glued_to_the_closing_quote(claims_of):
    claims = claims_of("“We will not retreat,”― General Oleg Petrenko")
    assert ("General Oleg Petrenko", "―") in pairs(claims)


def test_dash_inside_a_sentence_is_no_cue(claims_of):
    assert claims_of("The ceasefire—agreed on Monday—held overnight.") == []


def test_light_verb_with_a_claim_noun(claims_of):
    claims = claims_of("Democrats raised questions about the nominee's finances.")
    assert ("Democrats", "raised questions about") in pairs(claims)


def test_light_verb_with_another_noun_is_no_cue(claims_of):
    assert claims_of("The army made gains in the north.") == []


def test_received_criticism_has_a_cue_and_no_source(claims_of):
    claims = claims_of("The governor's plan has faced criticism.")
    assert [c.cue_span.text for c in claims] == ["has faced criticism"] and claims[0].claimant_span is None


def test_predicate_noun_is_a_stance(claims_of):
    claims = claims_of("The senator is a staunch opponent of the trade deal.")
    assert ("The senator", "is a staunch opponent of") in pairs(claims)


def test_predicate_noun_of_a_thing_is_no_stance(claims_of):
    assert claims_of("The town is a center of the textile industry.") == []


def test_adjective_with_a_topic(claims_of):
    claims = claims_of("The governor has been vague about his plans for the port.")
    assert ("The governor", "has been vague") in pairs(claims)


def test_question_closed_before_the_appeal_verb(claims_of):
    # the parse ends the quotation's sentence at "?": the verb after it still reads it
    assert ("Trump", "demanded") in pairs(claims_of('"Where is the money?" Trump demanded.'))


def test_speech_verb_on_the_outer_cue_is_kept(claims_of):
    claims = claims_of("The minister said the talks had stalled, adding that a deal was still possible.")
    cues = [c.cue_span.text for c in claims]
    assert "said" in cues and "adding" in cues


def test_speech_inside_what_is_said_is_still_dropped(claims_of):
    claims = claims_of("The minister said that rebels told villagers to leave.")
    assert [c.cue_span.text for c in claims] == ["said"]


def test_bare_adjective_of_doubt(claims_of):
    assert ("I", "'m not sure") in pairs(claims_of("I'm not sure."))


def test_impersonal_evaluation_has_no_source(claims_of):
    claims = claims_of("It is unclear whether the talks will resume.")
    assert [c.cue_span.text for c in claims] == ["It is unclear"] and claims[0].claimant_span is None


def test_perception_of_a_speaker_has_no_source(claims_of):
    claims = claims_of("The campaign can appear disorganized to voters.")
    assert [c.cue_span.text for c in claims] == ["can appear"] and claims[0].claimant_span is None


def test_perception_over_a_cue_verb_leaves_it_the_claim(claims_of):
    assert pairs(claims_of("Trump seems to think the polls are rigged.")) == [("Trump", "think")]


def test_perception_of_a_thing_is_no_claim(claims_of):
    assert claims_of("The shelling appeared to have stopped.") == []


def test_continued_after_a_quote_is_a_cue(claims_of):
    assert ("he", "continued") in pairs(claims_of('"We will win," he continued.'))


def test_continued_with_an_infinitive_is_not(claims_of):
    assert claims_of("The army continued to shell the town.") == []


def test_asked_without_a_subject_has_a_cue_and_no_source(claims_of):
    claims = claims_of("When asked about the leak, the senator declined to comment.")
    asked = [c for c in claims if c.cue_span.text.startswith("asked")]
    assert len(asked) == 1 and asked[0].claimant_span is None


def test_a_video_shows(claims_of):
    assert ("The video", "shows") in pairs(claims_of("The video shows that the soldiers fired first."))


def test_responded_with(claims_of):
    assert ("Trump", "responded with") in pairs(claims_of("Trump responded with a barrage of insults."))


def test_understanding_an_object_is_a_view(claims_of):
    claims = claims_of("The governor understands the frustration of the families.")
    assert ("The governor", "understands") in pairs(claims)


def test_sending_a_message(claims_of):
    assert ("The president", "sent a message") in pairs(claims_of("The president sent a message to Moscow."))


def test_doubling_down(claims_of):
    claims = claims_of("Trump doubled down on his claim that the election was rigged.")
    assert ("Trump", "doubled down on") in pairs(claims)


def test_took_aim_at_joins_the_preposition(claims_of):
    assert ("Trump", "took aim at") in pairs(claims_of("Trump took aim at Clinton's record on trade."))


def test_taking_control_is_no_cue(claims_of):
    assert claims_of("The army took control of the town.") == []


def test_colon_after_a_speech_verb_joins_its_cue(claims_of):
    claims = claims_of('The minister said: "We will rebuild the bridge."')
    assert ("The minister", "said:") in pairs(claims)
