"""Round 5 of the events stage: a retelling ("IS claimed responsibility for the bombing", "the bombing was
carried out by ...") gives the event told before its attacker; an actorless event inherits the attacker only
from the same incident (its sentence or the one before); `has_any` finds phrases through their first word.
`events.py`, `event_merge.py`, `event_build.py`, `event_typing_base.py`."""

from datetime import date

import pytest

from sitreps.model import Article, EventMention, TextSpan
from sitreps.pipeline import analyse
from sitreps.stages.event_merge import merge_repeats, own_attacker
from sitreps.stages.event_typing_base import has_any


def _mentions(text: str) -> list[EventMention]:
    mentions = analyse(Article(text=text, published=date(2020, 3, 10))).mentions
    return sorted(mentions, key=lambda m: m.trigger_span.start)


# --- retellings keep their attacker --------------------------------------------------------------------


def test_claim_of_responsibility_names_the_attacker_of_the_bombing_told_before():
    text = (
        "A car bomb exploded at a market in Baghdad on Sunday, killing 12 people. "
        "Islamic State claimed responsibility for the bombing."
    )
    (bombing,) = _mentions(text)
    assert bombing.trigger_span.text == "exploded"
    assert bombing.actor1 is not None and bombing.actor1.name.startswith("Islamic State")
    assert bombing.actor1_span is not None and bombing.actor1_span.text == "Islamic State"


def test_claim_of_responsibility_without_an_earlier_event_adds_nothing():
    # nothing told before: the claim is no event and gives no one an attacker
    assert _mentions("Islamic State claimed responsibility for the bombing.") == []


# --- the attacker is inherited only within one incident --------------------------------------------------


def test_attacker_not_inherited_two_sentences_away():
    text = (
        "Houthi rebels fired missiles at Marib on Monday. Yemen has been at war since 2014, and millions "
        "of people need aid. Shelling hit the district of Sirwah on Tuesday."
    )
    missiles, shelling = _mentions(text)
    assert missiles.actor1 is not None and missiles.actor1.name == "Ansar Allah"
    assert shelling.trigger_span.text == "Shelling"
    assert shelling.actor1 is None and shelling.actor1_span is None


def test_attacker_inherited_from_the_sentence_before():
    text = (
        "Russian warplanes bombed the town of Saraqib in Idlib province on Monday. "
        "Artillery shells hit the village of Kafr Nabl, killing two children."
    )
    strike, shells = _mentions(text)
    assert strike.actor1 is not None and "Russia" in strike.actor1.name
    assert shells.actor1 is not None and shells.actor1.name == strike.actor1.name


# --- merging: an inherited attacker gives way to a repeat's own -----------------------------------------


def _mention(sentence: tuple[int, int], actor1_span: TextSpan | None) -> EventMention:
    return EventMention(
        article_hash="x",
        sentence_span=TextSpan(sentence[0], sentence[1], ""),
        trigger_span=TextSpan(sentence[0], sentence[0] + 3, ""),
        event_type="Violence against civilians",
        sub_event_type="Attack",
        disorder_type="Political violence",
        actor1_span=actor1_span,
    )


def test_repeat_with_its_own_attacker_replaces_an_inherited_span():
    first = _mention((100, 200), TextSpan(10, 17, "gunmen"))  # inherited from sentence 0
    repeat = _mention((300, 400), TextSpan(310, 325, "seven bombers"))
    assert not own_attacker(first) and own_attacker(repeat)
    (merged,) = merge_repeats([first, repeat])
    assert merged is first and merged.actor1_span == TextSpan(310, 325, "seven bombers")


def test_repeat_does_not_replace_an_own_attacker():
    first = _mention((100, 200), TextSpan(110, 117, "gunmen"))
    repeat = _mention((300, 400), TextSpan(310, 325, "seven bombers"))
    (merged,) = merge_repeats([first, repeat])
    assert merged.actor1_span == TextSpan(110, 117, "gunmen")


# --- has_any: words by set, phrases through their first word ---------------------------------------------

WORDS = " militants fired mortar shells at the base militant fire mortar shell at the base "


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (frozenset({"mortar"}), True),
        (frozenset({"mortar shell"}), True),
        (frozenset({"mortar round", "rocket"}), False),
        (frozenset({"shells at the"}), True),
        (frozenset({"ortar"}), False),  # whole words only
        (frozenset({"tar shell"}), False),
        (("fired mortar", "x"), True),
        (("base militant",), True),  # across the text/lemma seam: the same as a substring test
        (frozenset(), False),
        (["the base", "zzz"], True),
        (["zzz"], False),
    ],
)
def test_has_any(items, expected):
    assert has_any(WORDS, items) is expected


def test_has_any_agrees_with_a_plain_substring_test():
    phrases = ["at the", "the base", " leading space", "mortar  shell", "shell", "fire", "fired at", "a"]
    words_list = [WORDS, "  leading space here ", " mortar  shell ", " ", " a b "]
    for words in words_list:
        for n in range(len(phrases)):
            items = tuple(phrases[n:] + phrases[:n][:2])
            plain = any(f" {w} " in words for w in items)
            assert has_any(words, items) is plain, (words, items)
            assert has_any(words, frozenset(items)) is plain, (words, items)



def test_a_bare_is_takes_the_branch_of_the_events_country():
    """ACLED names Islamic State by country: "IS" in Iraq is the Iraq branch, in Syria the Syrian one."""

    def attacker(text: str) -> str | None:
        an = analyse(Article(text=text, title="", published=date(2018, 1, 15)))
        return an.mentions[0].actor1.name if an.mentions and an.mentions[0].actor1 else None

    iraq = "Islamic State militants attacked an army post near Kirkuk on Monday, killing five soldiers."
    syria = "IS fighters attacked government positions near Deir ez-Zor on Monday, killing five soldiers."
    assert attacker(iraq) == "Islamic State (Iraq)"
    assert attacker(syria) == "Islamic State (Syria)"
