"""Words around a place name that say what kind of mention it is (data/place_cues.yaml).

A municipality's local life ("the Paris Police Department"), a body sitting there ("the Gaza health
ministry"), an attack on it ("a strike on Khan Younis"), a site ("Nasser Hospital"), an AP state
abbreviation that is also a word ("Ind.").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from sitreps.gazetteer import Gazetteer, GazetteerHit, load_data_yaml, normalize_name

Phrase = tuple[str, ...]


@lru_cache(maxsize=1)
def _state_abbreviations() -> dict[str, str]:
    return dict(load_data_yaml("place_cues.yaml")["ambiguous_state_abbreviations"])


def state_abbreviation(gaz: Gazetteer, text: str) -> list[GazetteerHit]:
    """The state or province an AP abbreviation names ("Ind." -> Indiana, "N.J." -> New Jersey, "B.C." ->
    British Columbia), as hits; [] if none. Read where the abbreviation qualifies a town ("Trenton, N.J.")."""
    name = _state_abbreviations().get(text)
    if not name:
        if "." not in text or len(text) > 7:
            return []  # an all-capitals word after a town is an acronym more often than a state
        name = text
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


# ------------------------------------------------------------------- word lists and phrases for the rules


@lru_cache(maxsize=1)
def cues() -> dict:
    """data/place_cues.yaml, loaded once."""
    return load_data_yaml("place_cues.yaml")


@lru_cache(maxsize=64)
def words(name: str) -> frozenset[str]:
    """A place_cues.yaml list as lower-case words (one-word entries only)."""
    return frozenset(str(w).lower() for w in cues().get(name, []) if " " not in str(w))


@lru_cache(maxsize=64)
def phrases(name: str) -> tuple[Phrase, ...]:
    """A place_cues.yaml list as lower-case token tuples, longest first."""
    out = {tuple(str(w).lower().split()) for w in cues().get(name, [])}
    return tuple(sorted(out, key=lambda p: -len(p)))


@lru_cache(maxsize=64)
def names(name: str) -> frozenset[str]:
    """A place_cues.yaml list of names as normalised keys."""
    return frozenset(normalize_name(str(w)) for w in cues().get(name, []))


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and any(c.isalpha() for c in text) and not any(c.isdigit() for c in text)


def phrase_at(doc: Doc, k: int, options: tuple[Phrase, ...], capitalised: bool = False) -> int:
    """Length of the first phrase of `options` that the tokens from `k` spell (0 if none)."""
    for p in options:
        toks = doc[k : k + len(p)]
        if (
            len(toks) == len(p)
            and all(t.lower_.rstrip(".") == w.rstrip(".") for t, w in zip(toks, p, strict=True))
            and (not capitalised or all(_capitalised(t.text) or t.text[:1].isdigit() for t in toks))
        ):
            return len(p)
    return 0


def phrase_before(doc: Doc, k: int, options: tuple[Phrase, ...]) -> bool:
    """Whether the tokens ending just before `k` spell one of `options`."""
    return any(k - len(p) >= 0 and phrase_at(doc, k - len(p), (p,)) == len(p) for p in options)


def skip_back(doc: Doc, k: int, skip: frozenset[str]) -> int:
    """The index of the last token at or before `k` that is not one of `skip` (-1 if none)."""
    while k >= 0 and doc[k].lower_ in skip:
        k -= 1
    return k
