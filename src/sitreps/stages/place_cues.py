"""Words around a place name that say what kind of mention it is (data/place_cues.yaml).

A municipality's local life ("the Paris Police Department"), a body sitting there ("the Gaza health
ministry"), an attack on it ("a strike on Khan Younis"), a site ("Nasser Hospital"), an AP state
abbreviation that is also a word ("Ind.").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from sitreps.gazetteer import Gazetteer, GazetteerHit, load_data_yaml


@lru_cache(maxsize=1)
def _state_abbreviations() -> dict[str, str]:
    return dict(load_data_yaml("place_cues.yaml")["ambiguous_state_abbreviations"])


def state_abbreviation(gaz: Gazetteer, text: str) -> list[GazetteerHit]:
    """The US state an AP abbreviation that is also a word names ("Ind." -> Indiana), as hits; [] if none."""
    name = _state_abbreviations().get(text)
    if not name:
        return []
    return [h for h in gaz.hits(name, limit=10) if h.exact and h.place.feature_type == "admin1"][:1]


@lru_cache(maxsize=1)
def attack_nouns() -> frozenset[str]:
    """Nouns of attack after which "on"/"at"/"against" introduces a place ("a strike on Khan Younis")."""
    return frozenset(load_data_yaml("place_cues.yaml")["attack_nouns"])


@lru_cache(maxsize=1)
def institution_nouns() -> frozenset[str]:
    """Nouns of bodies a place name can modify ("the Gaza health ministry")."""
    return frozenset(load_data_yaml("place_cues.yaml")["institution_nouns"])


@lru_cache(maxsize=1)
def facility_words() -> frozenset[str]:
    """Last words that make a capitalised name a site ("Nasser Hospital", "Royal Street")."""
    return frozenset(load_data_yaml("place_cues.yaml")["facility_words"])


@lru_cache(maxsize=1)
def _local_cues() -> tuple[frozenset[str], frozenset[str]]:
    data = load_data_yaml("place_cues.yaml")
    return frozenset(data["local_after"]), frozenset(data["local_before"])


def local_cue(doc: Doc, i: int, j: int) -> bool:
    """Whether the words around tokens [i, j) report a municipality's own local life ("Paris Police
    Department", "a Palestine man", "downtown Hanover", "the city of Athens")."""
    after, before = _local_cues()
    nxt = [t.lower_ for t in doc[j : j + 2]]
    if nxt and (nxt[0] in after or " ".join(nxt) in after):
        return True
    if j < len(doc) and doc[j].text in ("'s", "’s") and j + 1 < len(doc) and doc[j + 1].lower_ in after:
        return True
    prev = [t.lower_ for t in doc[max(0, i - 2) : i]]
    return bool(prev) and (prev[-1] in before or " ".join(prev) in before)
