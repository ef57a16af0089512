"""Attribution round 9 (issue 7): the candidate scan that keeps find_claims off tokens no rule reads (same
claims as reading every token), document text built once, stance adjectives with "to", a light verb's noun
not read twice, speech under an intention, the request noun. Sentences written for these tests."""

from __future__ import annotations

import pytest
from claim_helpers import cues

PARAGRAPHS = [
    "The senator wagered that the bill would fail. \"We will not back down,\" he said on Tuesday.",
    "In a statement, the group condemned the raid. According to local officials, 12 people were killed.",
    "MATTHEWS: Is there a plan?\nSANDERS: We have a plan.\n\n"
    "\"The war is over\" - the general, speaking in Kyiv.",
    "Trump hopes the talks resume. It is unclear whether Moscow will agree, and the claims could not be "
    "independently verified.",
    "Clinton leads Trump in the latest poll. Rebels, citing witnesses, denied a US claim that they had "
    "fired.",
    "She has no doubt that he will win. Officials declined to confirm the report, which Russia has denied.",
]


def pairs(claims) -> list[tuple[str, str]]:
    return [(c.claimant_span.text, c.cue_span.text) for c in claims if c.claimant_span and c.cue_span]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_scan_finds_the_same_claims_as_reading_every_token(text, claims_of, monkeypatch):
    from sitreps.stages import attribution
    from sitreps.stages.claim_cues import CueScan

    fast = claims_of(text)
    assert fast, "each paragraph holds at least one attribution"

    def every_token(doc, lex, marks):
        scan_cues(doc, lex, marks)  # still fixes the lemmas
        everything = list(range(len(doc)))
        return CueScan(everything, [i for i in everything if doc[i].lower_ == "in"], everything)

    scan_cues = attribution.scan_cues
    monkeypatch.setattr(attribution, "scan_cues", every_token)
    assert claims_of(text) == fast


def test_scan_reads_a_verb_with_a_clause_before_its_head():
    from sitreps.nlp import parse
    from sitreps.stages.claim_cues import get_cue_lexicon, scan_cues

    # "wagered" is in no cue list: it is a candidate because it heads a clause ("that the bill ...")
    doc = parse("The senator wagered that the bill would fail.")
    scan = scan_cues(doc, get_cue_lexicon(), frozenset({"-"}))
    read = [doc[i].text for i in scan.candidates]
    assert "wagered" in read and not {"The", "senator", "that", "the", "bill", "would"} & set(read)


def test_scan_lists_colons_dashes_and_in():
    from sitreps.nlp import parse
    from sitreps.stages.claim_cues import get_cue_lexicon, scan_cues

    doc = parse("HOLT: The vote is in doubt - the aide said so in Ohio.")
    scan = scan_cues(doc, get_cue_lexicon(), frozenset({"-"}))
    assert [doc[i].text for i in scan.marks] == [":", "-"]
    assert [doc[i].text for i in scan.ins] == ["in", "in"]


def test_doc_text_and_token_span_match_spacy():
    from sitreps.nlp import parse
    from sitreps.stages.claim_sources import doc_text, token_span

    doc = parse("  BEIRUT (AFP) -  Rebels said\n\nthat the  town fell. ")
    assert doc_text(doc) == doc.text
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            span = token_span(doc, start, end)
            if span is not None:
                assert span.text == doc.text[span.start : span.end]
                assert doc.char_span(span.start, span.end).text == span.text


def test_stance_adjective_with_to(claims_of):
    claims = claims_of("The senator is opposed to the deal.")
    assert pairs(claims) == [("The senator", "is opposed")]
    assert claims[0].content_span.text == "the deal"


def test_light_verb_noun_is_not_a_second_cue(claims_of):
    claims = claims_of("She has no doubt that he will win.")
    assert cues(claims) == ["has no doubt"]


def test_speech_under_an_intention_is_not_a_cue_of_its_own(claims_of):
    claims = claims_of("The senator wants to say that the war is over.")
    assert cues(claims) == ["wants"]


def test_speech_under_an_unread_verb_is_still_read(claims_of):
    # "tried" is no cue: the speech verb under it keeps its own reading
    claims = claims_of("The senator tried to explain that the war was over.")
    assert [c for c in cues(claims) if "explain" in c]


def test_request_noun_is_not_a_cue(claims_of):
    assert "request" not in cues(claims_of("His request to delay the vote was approved."))


def test_name_parsed_as_a_noun_phrase_is_the_subject(claims_of):
    claims = claims_of("Trump called Clinton a liar.")
    assert ("Trump", "called") in pairs(claims)


def test_speech_asked_for_is_not_the_asker_saying_it(claims_of):
    claims = claims_of("The senator urged the president to say that the war is over.")
    assert cues(claims) == ["urged"]
