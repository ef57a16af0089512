"""Attribution round 11 (issue 7): "it is clear that" and "what is clear is that" read although "clear" is
also a speaker's adjective; a fronted channel ("In a tweet, ...") is not what a loose cue holds; "called X
a hoax" claims, "called for" asks; a relative clause on no one in particular ("those who question ...") and
a view under "would" in the main clause are no claims. Sentences written for these tests."""

from __future__ import annotations

from claim_helpers import cues, only

# --------------------------------------------------------------------------- impersonal evaluations


def test_it_is_clear_that_has_no_named_source(claims_of):
    claim = only(claims_of("It is clear that the governor will lose the vote."), "It is clear")
    assert claim.claimant_span is None
    assert claim.stance == "claimed"
    assert claim.content_span.text == "the governor will lose the vote"


def test_it_is_unclear_whether_leaves_it_open(claims_of):
    claim = only(claims_of("It is unclear whether the ceasefire will hold."), "It is unclear")
    assert claim.stance == "unconfirmed"
    assert claim.content_span.text == "whether the ceasefire will hold"


def test_speaker_clear_that_keeps_the_speaker(claims_of):
    claim = only(claims_of("The minister was clear that the army would not withdraw."), "was clear")
    assert claim.claimant_span.text == "The minister"


def test_what_is_clear_is_that(claims_of):
    claim = only(claims_of("What is clear is that the talks have stalled."), "What is clear is")
    assert claim.claimant_span is None
    assert claim.content_span.text == "the talks have stalled"


# --------------------------------------------------------------------------- naming and channels


def test_fronted_channel_is_not_the_content(claims_of):
    claim = only(claims_of("In a tweet on Sunday, the senator called the report fake news."), "called")
    assert claim.claimant_span.text == "the senator"
    assert claim.content_span.text == "the report fake news"


def test_called_something_a_name_is_a_claim(claims_of):
    assert only(claims_of("The governor called the report a hoax."), "called").stance == "claimed"
    assert only(claims_of("The governor called for a ban on rallies."), "called for").stance == "unconfirmed"


# --------------------------------------------------------------------------- no statement made


def test_relative_clause_on_no_one_in_particular(claims_of):
    assert cues(claims_of("Those who question the official count are often ignored.")) == []
    assert cues(claims_of("Anyone who says otherwise has not visited the camps.")) == []


def test_relative_clause_on_a_named_speaker_is_read(claims_of):
    claims = claims_of("The mayor, who says the camps are full, asked for tents.")
    assert "says" in cues(claims)


def test_view_under_would_in_the_main_clause(claims_of):
    assert "support" not in cues(claims_of("The senator would support a ban on arms sales."))
    # reported, the view is the speaker's: "said" reads it
    claims = claims_of("The senator said she would support a ban on arms sales.")
    assert only(claims, "said").claimant_span.text == "The senator"
