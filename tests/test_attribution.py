"""Tests for the attribution stage, on sentences written for them (seed-report structures included)."""

from __future__ import annotations

from sitreps.model import Claim
from sitreps.stages.attribution import outlet_from_text


def one(claims: list[Claim], **want) -> Claim:
    hits = [c for c in claims if all(getattr(c, k) == v for k, v in want.items())]
    assert len(hits) == 1, (want, claims)
    return hits[0]


def test_told_reporters_with_title_and_name(claims_of):
    claims = claims_of(
        'Deputy chief of the Russian General Staff Colonel Pavel Orlov told reporters that "the jets hit '
        '40 targets".'
    )
    c = one(claims, cue="told reporters")
    assert c.claimant == "Deputy chief of the Russian General Staff Colonel Pavel Orlov"
    assert c.claimant_type == "person"
    assert c.claimant_actor == "Military Forces of Russia (2000-)"
    assert c.stance == "asserted"
    assert "hit 40 targets" in c.content_span.text


def test_pronoun_resolves_to_last_person(claims_of):
    claims = claims_of(
        "Defence spokesman Colonel Pavel Orlov told reporters the raids hit a depot. "
        "He said the air force had bombed a bridge near Idlib."
    )
    second = one(claims, sentence=1)
    assert second.claimant == "Defence spokesman Colonel Pavel Orlov"
    assert second.claimant_span.text == "He"
    assert second.claimant_type == "person"
    assert second.content_span.text.startswith("the air force had bombed a bridge")


def test_it_resolves_to_last_monitor(claims_of):
    claims = claims_of(
        "The Observatory said eight fighters died in Homs. It said a commander was among them."
    )
    second = one(claims, sentence=1)
    assert second.claimant == "The Observatory"
    assert second.claimant_type == "monitor"


def test_postposed_said_with_quote_and_of_phrase(claims_of):
    claims = claims_of(
        '"Twelve fighters were killed near the dam," said Omar Haddad of the Kurdistan Monitoring Centre.'
    )
    c = one(claims, cue="said")
    assert c.claimant == "Omar Haddad of the Kurdistan Monitoring Centre"
    assert c.claimant_type == "person"
    assert "fighters were killed near the dam" in c.content_span.text


def test_monitoring_group_reported(claims_of):
    claims = claims_of("Rebels have captured two villages south of Hama, a monitoring group reported.")
    c = one(claims, cue="reported")
    assert c.claimant == "a monitoring group"
    assert c.claimant_type == "monitor"
    assert "captured two villages" in c.content_span.text


def test_according_to_opening_the_sentence(claims_of):
    claims = claims_of("According to the Observatory, 11 soldiers were killed in the ambush.")
    c = one(claims, cue="According to")
    assert c.claimant == "the Observatory"
    assert c.claimant_type == "monitor"
    assert c.content_span.text == "11 soldiers were killed in the ambush"


def test_according_to_at_the_end(claims_of):
    claims = claims_of("Four civilians died in the shelling of Kharkiv, according to the regional governor.")
    c = one(claims, cue="according to")
    assert c.claimant == "the regional governor"
    assert c.claimant_type == "state"
    assert c.content_span.text == "Four civilians died in the shelling of Kharkiv"


def test_denial_of_nested_claim(claims_of):
    claims = claims_of(
        "Ankara denied a US claim that Turkish drones had struck a convoy near Kobane on Monday."
    )
    claimed = one(claims, stance="claimed")
    denied = one(claims, stance="denied")
    assert claimed.claimant == "US"
    assert claimed.claimant_actor.startswith("Government of the United States")
    assert denied.claimant == "Ankara"
    assert denied.claimant_actor == "Military Forces of Turkey (2016-)"
    assert claimed.content_span == denied.content_span
    assert denied.content_span.text.startswith("Turkish drones had struck a convoy")


def test_declined_to_confirm_claim_by_official(claims_of):
    claims = claims_of(
        "Moscow denied a US claim that four cruise missiles had crashed in Iran. "
        "Iran declined to confirm the claim by a US official, who gave no details."
    )
    refusal = one(claims, stance="unconfirmed")
    assert refusal.claimant == "Iran"
    assert refusal.cue == "declined to confirm"
    official = one(claims, claimant="a US official")
    assert official.stance == "claimed"
    assert official.claimant_type == "state"
    assert refusal.content_span is not None and "crashed in Iran" in refusal.content_span.text


def test_stances_from_lexicon(claims_of):
    claims = claims_of(
        "The group claimed it shot down a drone. The ministry dismissed the report. "
        "Residents disputed the army's account."
    )
    assert one(claims, sentence=0).stance == "claimed"
    assert one(claims, sentence=1).stance == "denied"
    assert one(claims, sentence=2).stance == "disputed"


def test_could_not_be_verified(claims_of):
    claims = claims_of(
        "Activists said 30 people died in the strike. The figure could not be independently verified."
    )
    activists = one(claims, claimant="Activists")
    assert activists.claimant_type == "monitor"
    hedge = one(claims, stance="unconfirmed")
    assert hedge.content_span == activists.content_span


def test_state_tv_and_citing(claims_of):
    claims = claims_of(
        "State TV reported that an explosion hit the port. "
        "The army shelled the town overnight, citing the presence of militants."
    )
    tv = one(claims, cue="reported")
    assert tv.claimant_type == "media"
    assert tv.content_span.text == "an explosion hit the port"


def test_spokesman_speaks_for_state_quoted_before(claims_of):
    claims = claims_of(
        'Moscow denied the report. "All our missiles hit their targets," spokesman General Igor Konashenkov '
        "said."
    )
    c = one(claims, cue="said")
    assert c.claimant_actor == "Military Forces of Russia (2000-)"
    assert c.content_span.text.startswith("All our missiles hit their targets")


def test_quote_over_two_sentences(claims_of):
    text = '"We saw the jets. They hit the market," a witness said.'
    c = one(claims_of(text), cue="said")
    assert c.content_span.text.startswith("We saw the jets. They hit the market")


def test_claimant_the_parser_hung_elsewhere(claims_of):
    claims = claims_of(
        "Government warplanes struck the town of Saraqib on Tuesday, killing at least seven civilians, "
        "the Syrian Observatory for Human Rights said."
    )
    c = one(claims, cue="said")
    assert c.claimant == "the Syrian Observatory for Human Rights"
    assert c.claimant_type == "monitor"
    assert c.content_span.text.endswith("killing at least seven civilians")


def test_no_claim_without_speech(claims_of):
    assert claims_of("Russian jets struck a bakery in Aleppo on Sunday.") == []


def test_outlet_from_text():
    assert outlet_from_text("... crashed in Iran on Wednesday. - AFP") == "AFP"
    assert outlet_from_text("BEIRUT (Reuters) - Fighting raged on.") == "Reuters"
    assert outlet_from_text("Howitzers fire near Morek. (AP Photo/Alexander Kots)") == "AP"
    assert outlet_from_text("Nothing to see here.") == ""
