"""Throughput round 7: the shortcuts in the non-event stage must give the answers of the plain searches they
replace (phrases and word lists tested only where their first word occurs)."""

from __future__ import annotations

import random

import pytest

from sitreps.nlp import parse
from sitreps.stages import non_events as N
from sitreps.stages.event_typing_base import has_any, phrases_in, sentence_words

SENTENCES = [
    "A gas cylinder explosion at a restaurant in Kabul killed five people, police said on Monday.",
    "Heavy rains and flash floods swept away homes in the north, the disaster agency said.",
    "Police seized two tonnes of cocaine and arrested a drug trafficking gang in the port.",
    "The foreign ministry blamed Kyiv for the attack and summoned the ambassador for talks.",
    "The two leaders signed a peace accord in Doha  after a day of talks.",
    "Gunmen opened fire on a checkpoint, killing three soldiers.",
    "",
]


@pytest.fixture(scope="module")
def docs():
    return [parse(s) for s in SENTENCES]


def test_phrases_in_is_the_plain_search_in_the_same_order(docs) -> None:
    phrases = frozenset(
        {
            "peace accord",
            "gas cylinder",
            "flash floods",
            "drug trafficking",
            " a day",
            "kabul",
            "talks",
            "opened fire on",
            "fire on a",
            "no such phrase",
            "police",
        }
    )
    words_list = [sentence_words(s) for d in docs for s in d.sents] + [" a  day ", " ", "  "]
    found_any = 0
    for words in words_list:
        expected = [p for p in phrases if f" {p} " in words]
        assert phrases_in(words, phrases) == expected, words
        found_any += bool(expected)
    assert found_any >= 5


def test_has_any_answers_as_the_plain_search_on_the_lexicon_lists(docs) -> None:
    lex = N.load_non_event_lexicon()
    lists = [
        lex.weapons,
        lex.arson_cues,
        lex.armed_actors | lex.crowd_actors,
        lex.seized_weapons,
        lex.drug_words,
        lex.agreement_nouns,
    ]
    for cues in lex.kinds.values():
        lists += [cues.bonus_with, cues.phrases, *(comp for _, comp in cues.combos)]
    rng = random.Random(7)
    vocab = sorted({w for items in lists for w in items})
    words_list = [sentence_words(s) for d in docs for s in d.sents]
    # sentences made of the lexicon's own words, so that many lists do hit
    words_list += [" " + " ".join(rng.sample(vocab, 6)) + " " for _ in range(200)]
    hits = 0
    for words in words_list:
        for items in lists:
            expected = any(f" {w} " in words for w in items)
            assert has_any(words, items) == expected
            hits += expected
    assert hits > 50


def test_non_event_reading_finds_phrases_and_words() -> None:
    reading = N.read_non_event(
        parse(
            "A gas cylinder explosion ripped through a restaurant, killing five. "
            "The gas cylinder explosion was an accident, firefighters said."
        )
    )
    assert reading is not None and reading.kind == "MAN_MADE_DISASTER"
    assert reading.cues
