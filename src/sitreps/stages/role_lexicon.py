"""Word lists for event roles (data/event_roles.yaml), loaded once, and the tests on a token that use them:
is it a weapon, a physical target, a thing that can never be a participant."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token


@dataclass(frozen=True)
class RoleLexicon:
    """Word lists from data/event_roles.yaml."""

    weapons: frozenset[str]
    physical_targets: frozenset[str]
    locative_preps: frozenset[str]
    speech_verbs: frozenset[str]
    person_nouns: frozenset[str]
    support_verbs: frozenset[str]
    approach_nouns: frozenset[str] = frozenset()
    non_participants: frozenset[str] = frozenset()
    bystander_verbs: frozenset[str] = frozenset()
    possessor_nouns: frozenset[str] = frozenset()
    target_subject_verbs: frozenset[str] = frozenset()
    weapon_seizure_verbs: frozenset[str] = frozenset()
    attack_verbs: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_role_lexicon() -> RoleLexicon:
    """The packaged role word lists, read once per process."""
    data = yaml.safe_load(resources.files("sitreps.data").joinpath("event_roles.yaml").read_text("utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []) or [])

    return RoleLexicon(
        weapons=words("weapon_nouns"),
        physical_targets=words("physical_target_nouns"),
        locative_preps=words("locative_preps"),
        speech_verbs=words("speech_verbs"),
        person_nouns=words("person_nouns"),
        support_verbs=words("support_verbs"),
        approach_nouns=words("approach_nouns"),
        non_participants=words("non_participant_nouns"),
        bystander_verbs=words("bystander_verbs"),
        possessor_nouns=words("possessor_nouns"),
        target_subject_verbs=words("target_subject_verbs"),
        weapon_seizure_verbs=words("weapon_seizure_verbs"),
        attack_verbs=words("attack_verbs"),
    )


_LAST_WORDS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _last_words(words: frozenset[str]) -> frozenset[str]:
    """What follows any space in the list's phrases ("bomb" of "car bomb"), per list (kept by identity):
    a compound phrase "X word" can be listed only if "word" is among these."""
    entry = _LAST_WORDS.get(id(words))
    if entry is None or entry[0] is not words:
        if len(_LAST_WORDS) > 64:
            _LAST_WORDS.clear()
        last = frozenset(w[k + 1 :] for w in words for k, c in enumerate(w) if c == " ")
        entry = _LAST_WORDS[id(words)] = (words, last)
    return entry[1]


def in_lexicon(tok: Token, words: frozenset[str]) -> bool:
    """The token's lemma (or its compound phrase, "car bomb") is listed."""
    lower = tok.lower_
    if tok.lemma_.lower() in words or lower in words:
        return True
    if lower not in _last_words(words):
        return False  # no listed phrase ends in this word: its compounds need not be read
    comps = [c.lower_ for c in tok.lefts if c.dep_ == "compound"]
    return bool(comps) and f"{comps[-1]} {tok.lower_}" in words


def is_weapon(tok: Token) -> bool:
    """The noun names an instrument of attack ("a car bomb", "mortars")."""
    return in_lexicon(tok, load_role_lexicon().weapons)


def is_physical_target(tok: Token) -> bool:
    """The noun names a building, vehicle or installation, not a named person or group."""
    return in_lexicon(tok, load_role_lexicon().physical_targets) and tok.ent_type_ not in ("PERSON", "NORP")


def is_non_participant(tok: Token) -> bool:
    """A noun that names no one and nothing attacked ("his life", "part", "27 arrest warrants")."""
    named = tok.ent_type_ in ("PERSON", "ORG", "NORP")
    return not named and in_lexicon(tok, load_role_lexicon().non_participants)
