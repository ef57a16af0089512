"""The general rules behind the seed requirements (tests/test_seed_analyst.py), each on sentences of its own:
a detail sentence that places a killing told before, a definite "the raids" that places the strikes told
before, a clash told with a capture, the claim that covers an event, the day a speaker gives, and a place
that follows its trigger when the parse hangs it elsewhere."""

from __future__ import annotations

import datetime

import pytest

from sitreps.model import Article
from sitreps.nlp import parse
from sitreps.pipeline import analyse
from sitreps.stages.event_build import _place_after
from sitreps.stages.event_timing import speech_date
from sitreps.stages.triggers import find_triggers, load_lexicon

PUBLISHED = datetime.date(2020, 3, 5)  # a Thursday


def _events(text: str) -> list:
    return analyse(Article(text=text), published=PUBLISHED).mentions


def _row(m) -> tuple:
    return (m.sub_event_type, m.place.name if m.place else None, m.fatalities_best)


def test_he_was_killed_near_places_the_killing_told_before():
    events = _events(
        "Hezbollah announced that one of its commanders was killed by rebels in the Homs area on Monday. "
        "The group did not say how. A statement praised his role. It said he was killed near Qusayr."
    )
    assert [_row(m) for m in events] == [("Armed clash", "Al Qusayr", 1)]
    assert str(events[0].date_start) == "2020-03-02"
    assert events[0].claim is not None and events[0].claim.claimant == "Hezbollah"


def test_the_raids_near_a_town_place_the_strikes_told_in_the_country():
    events = _events(
        "French jets carried out new strikes in Mali overnight. "
        "Ten militants were killed in the raids near Gao, the army said."
    )
    assert [_row(m) for m in events] == [("Air/drone strike", "Gao", 10)]
    assert events[0].claim is not None and events[0].claim.claimant == "the army"


def test_killed_on_both_sides_as_a_capture_is_a_clash_beside_it():
    events = _events(
        '"Dozens of fighters were killed on both sides" as Taliban fighters drove out government troops '
        "from the district, an official said."
    )
    by_type = {m.sub_event_type: m for m in events}
    assert set(by_type) == {"Non-state actor overtakes territory", "Armed clash"}
    assert by_type["Non-state actor overtakes territory"].fatalities_best == 0
    clash = by_type["Armed clash"]
    assert (clash.fatalities_low, clash.actor1.name) == (12, "Taliban")
    assert clash.actor2 is not None


def test_a_claim_about_something_else_in_the_sentence_does_not_cover_the_event():
    (advance,) = _events(
        "Rebels advanced on the outskirts of Hama, despite Russian air strikes that Moscow says target only "
        "jihadists."
    )
    assert advance.claim is None


def test_speaking_after_the_strikes_is_no_claim_on_them():
    events = _events("He was speaking after British jets carried out strikes on a depot in Mosul.")
    assert events and all(m.claim is None for m in events)


@pytest.mark.parametrize(
    "text, day",
    [
        ("The army announced yesterday that its jets had bombed a depot in Idlib.", "yesterday"),
        ("Kyiv said on Monday that its drones had hit an ammunition depot in Crimea.", "Monday"),
    ],
)
def test_the_day_a_speaker_gives_dates_what_is_said(text, day):
    article = Article(text=text)
    analysis = analyse(article, published=PUBLISHED)
    doc = parse(text)
    (trigger,) = [t for t in find_triggers(doc, load_lexicon()) if t.head.lemma_ in ("bomb", "hit")]
    date = speech_date(trigger, doc, [d for d in analysis.dates if d.kind not in ("since", "duration")])
    assert date is not None and date.span.text == day


def test_no_speech_date_when_the_day_belongs_to_another_verb():
    text = "The army said its jets had bombed a convoy that left Idlib yesterday."
    analysis = analyse(Article(text=text), published=PUBLISHED)
    doc = parse(text)
    (trigger,) = [t for t in find_triggers(doc, load_lexicon()) if t.head.lemma_ == "bomb"]
    assert speech_date(trigger, doc, list(analysis.dates)) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The jets bombed a command post in rebel stronghold Douma.", "Douma"),
        ("The jets bombed a command post, then flew over Douma.", None),
    ],
)
def test_a_place_after_the_trigger_in_its_own_clause(text, expected):
    analysis = analyse(Article(text=text), published=PUBLISHED)
    doc = parse(text)
    (trigger,) = [t for t in find_triggers(doc, load_lexicon()) if t.head.lemma_ == "bomb"]
    found = _place_after(doc, trigger, [p for p in analysis.places if p.place is not None])
    assert [p.span.text for p in found] == ([expected] if expected else [])


def test_a_definite_reference_with_its_own_date_redates_an_event_dated_by_speech():
    import sitreps

    text = (
        "An airstrike on a village in the Sagaing region killed at least 11 people, residents said Saturday. "
        "The attack on Thursday destroyed a monastery where villagers had taken shelter."
    )
    mentions = sitreps.extract(text, published="2024-04-20").mentions
    strikes = [m for m in mentions if "strike" in m.sub_event_type]
    assert len(strikes) == 1 and str(strikes[0].date_start) == "2024-04-18"


def test_the_speakers_own_people_are_the_ones_acted_on() -> None:
    from sitreps.model import Article
    from sitreps.pipeline import analyse

    text = (
        "The Kurdish YPG militia announced on Friday that three of its fighters were killed by Islamic State "
        "militants near Kobani."
    )
    analysis = analyse(Article(text=text))
    killed = [m for m in analysis.mentions if m.trigger_span.text == "killed"]
    assert killed and killed[0].actor2 is not None
    assert "YPG" in killed[0].actor2.name or "People's Protection" in killed[0].actor2.name


def test_history_told_as_background_is_no_event() -> None:
    from datetime import date

    from sitreps.model import Article
    from sitreps.pipeline import analyse

    text = (
        "Syria has been locked in a civil war since early 2011 when the regime cracked down on protests. "
        "The conflict erupted in March 2011 with protests calling for the ouster of Assad. "
        "On Monday, air strikes killed 12 civilians in Idlib."
    )
    analysis = analyse(Article(text=text, published=date(2016, 5, 4)))
    assert [m.sub_event_type for m in analysis.mentions] == ["Air/drone strike"]
