"""Helpers the event-place tests share: the places of a text, their names, and an event-location task
sentence built from a text with its verb and gold place words marked."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from sitreps.evaluate.loaders.event_location import EventLocationSentence
from sitreps.gazetteer import get_gazetteer
from sitreps.model import Article, PlaceMention
from sitreps.nlp import parse
from sitreps.stages.places import find_places


def places_in(text: str) -> tuple[Doc, list[PlaceMention]]:
    """The parse of `text` and the places stage's mentions in it."""
    doc = parse(text)
    return doc, find_places(doc, Article(text=text), get_gazetteer())


def names(places: list[PlaceMention]) -> list[str]:
    """The texts of the place mentions that are not country adjectives ("Syrian")."""
    return [p.span.text for p in places if not p.is_country_adjective]


def location_sentence(text: str, verb: str, gold: list[str]) -> EventLocationSentence:
    """A task sentence: word tokens of `text`, the tokens of `verb` and those of the `gold` place strings."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]

    def ids(s: str) -> set[int]:
        k = text.index(s)
        return {i for i, (a, b) in enumerate(tokens) if a < k + len(s) and k < b}

    gold_ids = set().union(*(ids(g) for g in gold)) if gold else set()
    return EventLocationSentence(text, tokens, frozenset(ids(verb)), frozenset(gold_ids))
