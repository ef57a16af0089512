"""Words around a place name that say what kind of mention it is (data/place_cues.yaml).

A municipality's local life ("the Paris Police Department"), a body sitting there ("the Gaza health
ministry"), an attack on it ("a strike on Khan Younis"), a site ("Nasser Hospital"), an AP state
abbreviation that is also a word ("Ind.").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, IS_STOP, IS_UPPER, LEMMA, LIKE_NUM, LOWER, ORTH, SPACY
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
    return [h for h in gaz.exact_hits(name, limit=10) if h.place.feature_type == "admin1"][:1]


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
    table = token_table(doc)
    lower, n = table.lower, table.n
    nxt = lower[j : j + 2]
    if nxt and (nxt[0] in after or " ".join(nxt) in after):
        return True
    if j < n and table.text[j] in ("'s", "’s") and j + 1 < n and lower[j + 1] in after:
        return True
    prev = lower[max(0, i - 2) : i]
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


@lru_cache(maxsize=100_000)
def _capitalised_word(text: str) -> bool:
    """`_capitalised`, once per spelling: names recur through an article and across articles."""
    return _capitalised(text)


# ------------------------------------------------------------------------- per-document token tables

_TABLE_KEY = "sitreps.place_tokens"


class TokenTable:
    """Token facts the place rules read over and over, computed once per document: the rules ask them
    of tens of thousands of (token, word list) pairs, and every `doc[k]` builds a new Token object."""

    def __init__(self, doc: Doc) -> None:
        self.n = len(doc)
        # one array call instead of a Token object and eight attribute reads per token
        columns = [ORTH, LOWER, IDX, SPACY, IS_STOP, IS_ALPHA, IS_LOWER, IS_UPPER]
        if self.n:
            array = doc.to_array(columns)
            orth, low, idx, spacy = array[:, :4].T.tolist()
            # the flags as Python bools in one numpy call rather than a bool() per token
            stop, alpha, is_lower, is_upper = array[:, 4:].astype(bool).T.tolist()
        else:
            orth, low, idx, spacy, stop, alpha, is_lower, is_upper = ([] for _ in columns)
        strings = doc.vocab.strings
        self.text: list[str] = [strings[h] for h in orth]
        self.lower: list[str] = [strings[h] for h in low]
        self.idx: list[int] = idx
        self.ws: list[str] = [" " if w else "" for w in spacy]  # spaCy's whitespace_: one space or none
        self.is_stop: list[bool] = stop
        self.is_alpha: list[bool] = alpha
        self.is_lower: list[bool] = is_lower
        self.is_upper: list[bool] = is_upper
        # lower case without final dots, as phrases compare words ("Ind." spells "ind")
        self.bare = tuple(w.rstrip(".") for w in self.lower)
        self.cap: list[bool] = [t[:1].isupper() and _capitalised_word(t) for t in self.text]
        # capitalised or a number: what a capitalised phrase may hold ("Route 66")
        self.cap_or_digit = tuple(c or t[:1].isdigit() for c, t in zip(self.cap, self.text, strict=True))
        self.doc_text = "".join(t + w for t, w in zip(self.text, self.ws, strict=True))

        self._doc = doc
        self._lemma: list[str] | None = None
        self._like_num: list[bool] | None = None

    @property
    def lemma(self) -> list[str]:
        """Each token's `lemma_.lower()` (read on first use: the toll and trigger scans skip the words
        whose lemma names nothing they look for, without building a Token for them)."""
        if self._lemma is None:
            strings = self._doc.vocab.strings
            hashes = self._doc.to_array([LEMMA]).tolist() if self.n else []
            self._lemma = [strings[h].lower() for h in hashes]
        return self._lemma

    @property
    def like_num(self) -> list[bool]:
        """Each token's `like_num` (read on first use, for the toll scan)."""
        if self._like_num is None:
            self._like_num = self._doc.to_array([LIKE_NUM]).astype(bool).tolist() if self.n else []
        return self._like_num

    def span_text(self, i: int, j: int) -> str:
        """`doc[i:j].text` without building the span (i < j)."""
        return self.doc_text[self.idx[i] : self.idx[j - 1] + len(self.text[j - 1])]


def token_table(doc: Doc) -> TokenTable:
    """The document's `TokenTable`, built on first use and kept on `doc.user_data` (rebuilt if the
    document's length changed; a Doc carrying it cannot be serialised with its user data)."""
    table = doc.user_data.get(_TABLE_KEY)
    if table is None or table.n != len(doc):
        table = doc.user_data[_TABLE_KEY] = TokenTable(doc)
    return table


# phrases by their first and by their last word, longest first as `phrases` orders them; keyed by the
# options tuple's id (hashing a long tuple of tuples on every call would cost what the index saves)
_FIRST_INDEX: dict[int, tuple[tuple[Phrase, ...], dict[str, list[tuple[int, Phrase]]]]] = {}
_LAST_INDEX: dict[int, tuple[tuple[Phrase, ...], dict[str, list[tuple[int, Phrase]]], bool]] = {}


def _bare_phrase(p: Phrase) -> Phrase:
    return tuple(w.rstrip(".") for w in p)


def _first_index(options: tuple[Phrase, ...]) -> dict[str, list[tuple[int, Phrase]]]:
    entry = _FIRST_INDEX.get(id(options))
    if entry is not None and entry[0] is options:
        return entry[1]
    index: dict[str, list[tuple[int, Phrase]]] = {}
    for p in options:
        if p:
            bare = _bare_phrase(p)
            index.setdefault(bare[0], []).append((len(bare), bare))
    if len(_FIRST_INDEX) > 256:  # word lists come from `phrases` (cached); a caller's own tuples may not
        _FIRST_INDEX.clear()
    _FIRST_INDEX[id(options)] = (options, index)
    return index


def _last_index(options: tuple[Phrase, ...]) -> tuple[dict[str, list[tuple[int, Phrase]]], bool]:
    entry = _LAST_INDEX.get(id(options))
    if entry is not None and entry[0] is options:
        return entry[1], entry[2]
    index: dict[str, list[tuple[int, Phrase]]] = {}
    for p in options:
        if p:
            bare = _bare_phrase(p)
            index.setdefault(bare[-1], []).append((len(bare), bare))
    empty = any(not p for p in options)
    if len(_LAST_INDEX) > 256:
        _LAST_INDEX.clear()
    _LAST_INDEX[id(options)] = (options, index, empty)
    return index, empty


def phrase_at(doc: Doc, k: int, options: tuple[Phrase, ...], capitalised: bool = False) -> int:
    """Length of the first phrase of `options` that the tokens from `k` spell (0 if none)."""
    if k < 0:
        return _phrase_at_slow(doc, k, options, capitalised)
    table = token_table(doc)
    if k >= table.n:
        return 0
    candidates = _first_index(options).get(table.bare[k])
    if not candidates:
        return 0
    bare, n = table.bare, table.n
    for size, p in candidates:
        end = k + size
        if end <= n and bare[k:end] == p and (not capitalised or all(table.cap_or_digit[k:end])):
            return size
    return 0


def _phrase_at_slow(doc: Doc, k: int, options: tuple[Phrase, ...], capitalised: bool = False) -> int:
    """`phrase_at` on spaCy's own slicing (a negative `k` counts from the end, as `doc[k:]` does)."""
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
    if k < 0:
        return False  # no phrase, not even an empty one, ends before the document
    table = token_table(doc)
    index, empty = _last_index(options)
    if empty:
        return True
    if not 0 < k <= table.n:
        return False
    bare = table.bare
    return any(size <= k and bare[k - size : k] == p for size, p in index.get(bare[k - 1], ()))


def skip_back(doc: Doc, k: int, skip: frozenset[str]) -> int:
    """The index of the last token at or before `k` that is not one of `skip` (-1 if none)."""
    lower = token_table(doc).lower
    while k >= 0 and lower[k] in skip:
        k -= 1
    return k
