"""Attribution span conventions (PolNeAR-style): cue verb groups, full source phrases, quotes, subjects
shared across clauses. Sentences written for these tests."""

from __future__ import annotations

import pytest
from claim_helpers import cues

from sitreps.model import Article, Claim
from sitreps.nlp import parse
from sitreps.stages.actors import find_actors
from sitreps.stages.attribution import find_claims
from sitreps.stages.claim_cues import quoted_regions


@pytest.fixture(scope="module")
def claims_of():
    def run(text: str) -> list[Claim]:
        doc = parse(text)
        article = Article(text=text)
        return find_claims(doc, article, find_actors(doc, article))

    return run


def test_cue_keeps_auxiliaries_and_adverbs(claims_of):
    claims = claims_of("The governor has repeatedly said that the budget is balanced.")
    assert cues(claims) == ["has repeatedly said"]


def test_infinitive_to_is_not_part_of_the_cue(claims_of):
    claims = claims_of("The mayor is expected to announce that the curfew will end.")
    assert "announce" in cues(claims)
    c = next(c for c in claims if c.cue_span.text == "announce")
    assert c.claimant_span.text == "The mayor"


def test_called_for_keeps_its_preposition(claims_of):
    claims = claims_of("Union leaders called for a general strike on Monday.")
    assert cues(claims) == ["called for"]


def test_told_audience_is_in_the_phrase_not_the_span(claims_of):
    claims = claims_of("The minister told reporters that talks had stalled.")
    c = claims[0]
    assert c.cue == "told reporters"
    assert c.cue_span.text == "told"


def test_channel_is_in_the_phrase_not_the_span(claims_of):
    c = claims_of("The ministry said in a statement that two soldiers were wounded.")[0]
    assert c.cue == "said in a statement"
    assert c.cue_span.text == "said"


def test_source_span_is_the_full_phrase_with_relative_clause(claims_of):
    text = "Senator Jane Doe, who chairs the energy committee, said the pipeline was unsafe."
    c = one_said(claims_of(text))
    assert c.claimant_span.text == "Senator Jane Doe, who chairs the energy committee"
    assert c.claimant == "Senator Jane Doe"  # the name, for readers and actor matching


def one_said(claims: list[Claim]) -> Claim:
    hits = [c for c in claims if c.cue_span and c.cue_span.text == "said"]
    assert len(hits) == 1, claims
    return hits[0]


def test_speech_inside_a_quote_is_not_the_reports_attribution(claims_of):
    claims = claims_of('"I said from the start that this would fail," the senator told the crowd.')
    assert cues(claims) == ["told"]
    assert claims[0].claimant_span.text == "the senator"


def test_participle_shares_the_subject(claims_of):
    claims = claims_of("The general left the briefing early, saying the offensive had stalled.")
    c = next(c for c in claims if c.cue_span.text == "saying")
    assert c.claimant_span.text == "The general"


def test_coordinated_verb_shares_the_subject(claims_of):
    claims = claims_of("The spokeswoman paused and added that more troops would arrive.")
    c = next(c for c in claims if c.cue_span.text == "added")
    assert c.claimant_span.text == "The spokeswoman"


def test_negated_speech_is_an_open_question(claims_of):
    claims = claims_of("The police chief did not say whether the suspect was armed.")
    assert cues(claims) == ["did not say"]
    assert claims[0].stance == "unconfirmed"


def test_evaluative_speech_verbs(claims_of):
    claims = claims_of("Rights groups condemned the verdict. The opposition leader praised the ruling.")
    assert cues(claims) == ["condemned", "praised"]


def test_belief_inside_quote_and_plain_actions_are_not_cues(claims_of):
    assert claims_of("The committee met on Tuesday and approved the budget.") == []


def test_quoted_regions_per_paragraph():
    text = 'He said "yes" twice.\n"An open quote runs to the end\nNew paragraph'
    regions = quoted_regions(text)
    assert (text.index('"yes"'), text.index('"yes"') + 5) in regions
    start = text.index('"An')
    assert (start, text.index("\nNew")) in regions
    assert not any(a <= text.index("New") < b for a, b in regions)


def test_speech_nested_in_what_someone_said_is_theirs(claims_of):
    claims = claims_of("The senator said the general told him the base was safe.")
    assert cues(claims) == ["said"]


def test_denial_of_a_report_keeps_both_claims(claims_of):
    claims = claims_of("The army denied that rebels said the town had fallen.")
    assert [c.stance for c in claims] == ["denied", "asserted"]
