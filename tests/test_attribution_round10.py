"""Attribution round 10 (issue 7): two apostrophes as a quotation mark, a dash between a speaker and a quote,
a speaker's plain object after a long-tail cue, speech imagined or wanted ("would say", "let them say"),
names given by a participle, deontic "supposed to", "maintained control", claim nouns nested only under
disputes, "an answer about", any verb with a thing said as its object. Sentences written for these tests."""

from __future__ import annotations

import pytest
from claim_helpers import cues


def pairs(claims) -> list[tuple[str, str]]:
    return [(c.claimant_span.text, c.cue_span.text) for c in claims if c.claimant_span and c.cue_span]


# --------------------------------------------------------------------------- quotation marks


def test_two_apostrophes_open_and_close_a_quotation(claims_of):
    # the speech inside the quotation is the quoted speaker's: only the mayor's attribution is read
    claims = claims_of("''He told me the army had left the district,'' the mayor said.")
    assert pairs(claims) == [("the mayor", "said")]
    assert claims[0].content_span.text == "He told me the army had left the district"


def test_quoted_regions_know_two_apostrophes():
    from sitreps.stages.claim_cues import quoted_regions

    text = "The mayor said ''we will stay'' and left."
    (start, end), = quoted_regions(text)
    assert text[start:end] == "''we will stay''"


def test_dash_between_a_speaker_and_a_quotation(claims_of):
    text = 'The rally ended late.\nSenator Ana Ruiz -- "We will rebuild this town."'
    claims = claims_of(text)
    assert ("Senator Ana Ruiz", "--") in pairs(claims)
    assert claims[-1].content_span.text == "We will rebuild this town"


def test_dash_inside_a_sentence_is_no_cue(claims_of):
    assert claims_of("The convoy -- twelve trucks in all -- reached the town on Monday.") == []


def test_untyped_surname_before_a_colon_is_a_speaker(claims_of):
    from sitreps.nlp import parse
    from sitreps.stages.claim_build import ClaimContext
    from sitreps.stages.claim_cues import get_cue_lexicon
    from sitreps.stages.claim_marks import _looks_like_speaker

    doc = parse("Zelinsky: we hold the line.")
    ctx = ClaimContext(doc, None, [], get_cue_lexicon(), {}, [])  # type: ignore[arg-type]
    name = [t for t in doc if t.text == "Zelinsky"]
    if name[0].pos_ == "PROPN" and not name[0].ent_type_:
        assert _looks_like_speaker(name, ctx)
    assert not _looks_like_speaker([t for t in parse("Update: roads closed.") if t.text == "Update"], ctx)


# --------------------------------------------------------------------------- a speaker's plain object


def test_a_speakers_object_after_a_belief_or_fear_is_a_view(claims_of):
    assert ("Residents", "fear") in pairs(claims_of("Residents fear reprisals from the militia."))


def test_an_object_found_seen_or_thanked_is_no_view(claims_of):
    assert claims_of("Police found the bodies of three men near the river.") == []
    assert claims_of("The minister thanked the rebels.") == []
    assert claims_of("Soldiers saw the smoke from the hills.") == []


def test_call_with_a_particle_of_summoning_or_cancelling_is_no_appeal(claims_of):
    assert claims_of("The general called up reservists.") == []
    assert claims_of("The opposition called off the protest.") == []


# --------------------------------------------------------------------------- statements not made


def test_speech_under_would_is_imagined(claims_of):
    assert "say" not in " ".join(cues(claims_of("If asked, he would say the war is over.")))


def test_narrative_would_later_is_a_report(claims_of):
    claims = claims_of("He would later tell reporters that the army had withdrawn.")
    assert ("He", "would later tell") in pairs(claims)


def test_speech_joined_to_a_wanted_verb_is_wanted_too(claims_of):
    claims = claims_of("The president wants to visit the front and tell the troops that victory is near.")
    assert "tell" not in cues(claims)
    assert ("The president", "wants") in pairs(claims)


def test_speech_in_a_bare_clause_is_wanted(claims_of):
    claims = claims_of("The commander asked that his men tell nobody about the raid.")
    assert "tell" not in cues(claims)


def test_a_name_given_by_a_participle_is_no_claim(claims_of):
    assert claims_of("Rebels seized a village called Kafr Nabl.") == []


def test_supposed_to_is_an_obligation_not_a_belief(claims_of):
    assert claims_of("The convoy was supposed to reach the town on Monday.") == []


def test_maintain_attributes_only_a_clause_or_quote(claims_of):
    assert claims_of("Government forces maintained control of the airport.") == []
    claims = claims_of("The ministry maintained that the strike hit only militants.")
    assert ("The ministry", "maintained") in pairs(claims)
    assert claims[0].stance == "claimed"


# --------------------------------------------------------------------------- nouns and objects


def test_claim_noun_nested_under_a_denial(claims_of):
    claims = claims_of("Russia denied the US claim that its jets had struck the hospital.")
    assert ("the US", "claim") in pairs(claims)
    assert ("Russia", "denied") in pairs(claims)


def test_claim_noun_object_of_a_speech_verb_is_not_a_claim_of_its_own(claims_of):
    claims = claims_of("The minister announced the government's plan to rebuild the bridge.")
    assert "plan" not in cues(claims)


def test_noun_about_a_topic_without_a_source(claims_of):
    claims = claims_of("Reporters pressed officials, but no answer about the missing convoy came.")
    answer = [c for c in claims if c.cue_span and c.cue_span.text == "answer"]
    assert answer and answer[0].content_span.text == "the missing convoy"


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("The senator unleashed a tirade against the governor.", ("The senator", "unleashed")),
        ("The campaign aired an ad on the governor's record.", ("The campaign", "aired")),
        ("The group issued a statement on Monday.", ("The group", "issued")),
    ],
)
def test_any_verb_with_a_thing_said_as_its_object(claims_of, text, pair):
    assert pair in pairs(claims_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "Militants launched an attack on the army base.",
        "The rebels fired a barrage of rockets at the town.",
        "The group poses a threat to the region.",
        "The army strengthened its defences around the city.",
    ],
)
def test_deeds_of_war_are_no_objects_said(claims_of, text):
    assert claims_of(text) == []


# --------------------------------------------------------------------------- nesting


def test_speech_inside_an_according_to_account_is_the_accounts(claims_of):
    claims = claims_of("The commander told his troops to withdraw, according to two officers.")
    assert pairs(claims) == [("two officers", "according to")]
    assert claims[0].content_span.text == "The commander told his troops to withdraw"


def test_a_view_before_a_later_view_is_its_own(claims_of):
    # "wants" comes before the aides' fear: it is not what the aides fear alone
    claims = claims_of("The president wants a wider war, his aides fear.")
    assert ("The president", "wants") in pairs(claims)
    assert ("his aides", "fear") in pairs(claims)


def test_dash_glued_after_two_apostrophes_closes_a_quote(claims_of):
    claims = claims_of("The rally ended late.\n''We will not retreat.''--General Oleg Petrenko")
    assert ("General Oleg Petrenko", "--") in pairs(claims)
    assert claims[-1].content_span.text.startswith("We will not retreat")


def test_a_view_wanted_is_read_with_the_wanting(claims_of):
    claims = claims_of("The families want to know whether the prisoners are alive.")
    assert cues(claims) == ["want"]


# --------------------------------------------------------------------------- estimates


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("By some estimates, 300,000 people have died in the war.", "some estimates",
         "300,000 people have died in the war"),
        ("More than 400 civilians were killed, by the UN's count.", "the UN's count",
         "More than 400 civilians were killed"),
    ],
)
def test_an_estimate_after_by_is_the_source(claims_of, text, source, content):
    claims = claims_of(text)
    assert [(c.claimant_span.text, c.cue_span.text.lower()) for c in claims] == [(source, "by")]
    assert claims[0].content_span.text == content


def test_an_agent_after_by_is_no_estimate(claims_of):
    assert claims_of("The town was shelled by rebels.") == []


def test_a_label_naming_a_person_of_the_article_is_a_speaker(claims_of):
    claims = claims_of("Donald Trump spoke in Ohio.\nTrump: We will win.\nCasualties: 12 dead.")
    assert pairs(claims) == [("Trump", ":")]
