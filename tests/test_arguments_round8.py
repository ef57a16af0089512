"""Round 8 of the event arguments: the ones held for an attack, "it" as a target read per trigger, what a
pronoun or a bare description stands for (`resolve`), an adjective trigger's attacker, the target of an
"at" phrase, the subject of "suffered" as its victim."""

from __future__ import annotations

import pytest
from argument_helpers import analysed, fillers

from sitreps.model import Article, TextSpan
from sitreps.nlp import parse
from sitreps.pipeline import analyse
from sitreps.stages.event_roles import event_roles
from sitreps.stages.role_grammar import referent
from sitreps.stages.trigger_arguments import resolve

TEXTS = {
    "arrested": "Police arrested two brothers over the bombing of the market in Quetta.",
    "sentenced": "A court sentenced a former militant for the attack on the embassy.",
    "charged": "Three men were charged with the murder of the journalist.",
    "shelled": "The rebels said the army shelled it for hours.",
    "armed": "Armed men stormed a police station in Kidal on Monday.",
    "deadly": "A deadly attack on a police station in Kidal killed two officers.",
    "at_checkpoint": "The attack at the checkpoint in Kandahar happened at 3 am.",
    "at_crowd": "Police said the shooting at the crowd lasted ten minutes.",
    "suffered": "Two officers suffered burns when the car exploded.",
}


@pytest.fixture(scope="module")
def read() -> dict[str, tuple]:
    """Each text parsed and analysed once: (Doc, ArticleAnalysis)."""
    return analysed(TEXTS)


def _args(read, key: str, word: str) -> dict[str, list[str]]:
    return fillers(read[key], word)


def test_the_ones_arrested_over_an_attack_are_its_attackers(read) -> None:
    assert _args(read, "arrested", "bombing")["attackers"] == ["two brothers"]


def test_the_one_sentenced_for_an_attack_is_its_attacker(read) -> None:
    assert _args(read, "sentenced", "attack")["attackers"] == ["a former militant"]


def test_the_ones_charged_with_a_murder_are_its_attackers(read) -> None:
    args = _args(read, "charged", "murder")
    assert args["attackers"] == ["Three men"]
    assert args["victims"] == ["the journalist"]


def test_it_is_a_target_per_trigger_but_not_in_the_incident_reading(read) -> None:
    args = _args(read, "shelled", "shelled")
    assert args["targets"] == ["it"]
    doc, _ = read["shelled"]
    head = next(t for t in doc if t.text == "shelled")
    assert [s.text for s in event_roles(head).targets] == []  # the incident's reading names who was hit


def test_adjective_trigger_describes_its_attacker(read) -> None:
    assert _args(read, "armed", "Armed")["attackers"] == ["Armed men"]
    # an adjective on an event noun describes the event, not someone who acts
    assert _args(read, "deadly", "deadly")["attackers"] == []


def test_at_phrase_names_the_target(read) -> None:
    args = _args(read, "at_checkpoint", "attack")
    assert args["physical_targets"] == ["the checkpoint"]
    assert args["targets"] == []  # not the time "at 3 am"
    assert _args(read, "at_crowd", "shooting")["targets"] == ["the crowd"]


def test_the_subject_of_suffer_is_hurt_not_attacking(read) -> None:
    args = _args(read, "suffered", "suffered")
    assert args["targets"] + args["victims"] == ["Two officers"]
    assert args["attackers"] == []


RESOLVE = {
    "person": ("Omar Mateen entered the club at 2 am. He opened fire on the crowd.", "He", "Omar Mateen"),
    "group": ("Abu Sayyaf kidnapped two tourists. The group beheaded them.", "The group", "Abu Sayyaf"),
    "fuller": (
        "Islamist militants stormed a village in Borno. The militants killed 12 people.",
        "The militants",
        "Islamist militants",
    ),
    "speaker": ("The Taliban said on Sunday that they had attacked the base.", "they", "The Taliban"),
    "named": ("Soldiers arrived. The army shelled the town.", "The army", "The army"),
    "not_a_pronoun": ("Gunmen killed two guards in Kano.", "Gunmen", "Gunmen"),
}


@pytest.mark.parametrize("key", sorted(RESOLVE))
def test_resolve_gives_what_a_pronoun_or_description_stands_for(key: str) -> None:
    text, word, expected = RESOLVE[key]
    doc = parse(text)
    analysis = analyse(Article(text=text), doc=doc)
    start = text.index(word)
    assert resolve(doc, analysis, TextSpan(start, start + len(word), word)).text == expected


def test_referent_looks_no_further_than_two_sentences_back() -> None:
    doc = parse("Omar Mateen was born in 1986. It rained. The club was busy. It was late. He opened fire.")
    he = next(t for t in doc if t.text == "He")
    assert referent(he) is None
    doc = parse("Omar Mateen was born in 1986. It rained. He opened fire.")
    he = next(t for t in doc if t.text == "He")
    assert referent(he) is not None and referent(he).text == "Mateen"
