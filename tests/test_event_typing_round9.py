"""Round 9 of event typing: captives freed are ACLED's "Other" (a deal, a swap or prisoners freed stay an
Agreement), the kidnapping told as the captives' past is no new abduction, and the rules' reading of a
snippet gives way to a confident classifier (`event_classifier.choose_label`)."""

from datetime import date

import pytest

from sitreps.model import Article
from sitreps.nlp import parse
from sitreps.pipeline import analyse
from sitreps.stages import event_classifier


def _types(text: str) -> list[str]:
    mentions = analyse(Article(text=text, published=date(2021, 5, 10))).mentions
    return [m.sub_event_type for m in sorted(mentions, key=lambda m: m.trigger_span.start)]


# --- releases ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Rebels released 30 hostages in Kivu on Sunday.",
        "On 5 May, Nigerian troops freed 20 hostages held by Boko Haram in Borno.",
        "The armed group released 12 captives near Tillaberi after holding them for three months.",
        "The kidnapped students regained their freedom on Tuesday in Kankara.",
    ],
)
def test_captives_freed_with_no_deal_are_other(text):
    assert _types(text) == ["Other"]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels released 30 soldiers in exchange for detained fighters in Kivu.",
        "The government released 200 prisoners in Bamako under the peace deal signed in March.",
        "The rebels handed over 20 prisoners to the ICRC as part of a deal with the government.",
    ],
)
def test_a_release_under_a_deal_or_of_prisoners_is_an_agreement(text):
    assert _types(text) == ["Agreement"]


def test_ground_regained_is_still_a_recapture():
    assert _types("Troops regained the hill near Baga after heavy fighting on Monday.") == [
        "Government regains territory"
    ]


def test_a_statement_released_is_no_release_of_people():
    assert "Other" not in _types("The rebels released a statement in Goma on Sunday denying the claims.")


@pytest.mark.parametrize(
    "text",
    [
        "Two nuns kidnapped by armed men near Enugu last month were released on Tuesday.",
        "The kidnappers released the district commissioner near Kaduna on Monday.",
    ],
)
def test_the_kidnapping_behind_a_release_is_no_new_abduction(text):
    assert "Abduction/forced disappearance" not in _types(text)


def test_a_kidnapping_told_by_the_main_verb_is_still_an_abduction():
    text = "Gunmen kidnapped five farmers near Kaduna on Monday and later released two of them."
    assert _types(text)[0] == "Abduction/forced disappearance"


# --- weapons made safe or worn by a man arrested -------------------------------------------------------


def test_a_device_made_safe_is_a_disrupted_weapon():
    text = "An explosive device found in a market in Maiduguri was made safe by the police on Monday."
    assert _types(text) == ["Disrupted weapons use"]


def test_a_suicide_vest_worn_by_a_man_arrested_is_no_suicide_bombing():
    types = _types("Police arrested a man wearing a suicide vest near a mosque in Kano on Friday.")
    assert "Suicide bomb" not in types and "Disrupted weapons use" in types


# --- the classifier overrides the rules only when confident ----------------------------------------------


@pytest.fixture(scope="module")
def bodies_note():
    return parse("Residents found the bodies of six young men dumped by the road near Kalehe on Monday.")


def test_choose_label_keeps_a_lone_candidate_the_classifier_does_not_outweigh(bodies_note):
    best, p = event_classifier.classify(bodies_note)[0]
    assert best == "OTHER" and p >= event_classifier.OVERRIDE_PROBABILITY
    # a threshold above the classifier's probability keeps the rules' one reading
    assert event_classifier.choose_label(bodies_note, ["ATTACK"], override=1.01) == "ATTACK"
    # at the shipped threshold the confident reading of a code the rules missed wins
    assert event_classifier.choose_label(bodies_note, ["ATTACK"]) == "OTHER"


def test_choose_label_without_candidates_is_the_classifier_reading(bodies_note):
    assert event_classifier.choose_label(bodies_note, []) == event_classifier.classify(bodies_note)[0][0]


def test_choose_label_picks_among_several_candidates_by_probability(bodies_note):
    ranked = dict(event_classifier.classify(bodies_note))
    pair = ["ARMED_CLASH", "ATTACK"]
    expected = max(pair, key=ranked.__getitem__)
    assert event_classifier.choose_label(bodies_note, pair, override=1.01) == expected
