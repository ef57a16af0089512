"""The places stage: find toponyms in an article and resolve them to gazetteer places.

Recognition does not trust the small model's entity labels for toponyms (it tags Aleppo NORP and Hama
ORG); it looks capitalised token runs up in the gazetteer, longest first, and uses the model's labels,
the words around a name ("in", "near", "the village of", "X province") and what the article says
elsewhere to keep people, organisations and nationality adjectives from becoming places.
Resolution then ranks each name's candidates the way an analyst would: the article's countries,
importance, the admin hierarchy written in the text, and distance to the article's other places.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitreps.gazetteer import (
    Gazetteer,
    GazetteerHit,
    get_gazetteer,
    load_data_yaml,
    name_keys,
    normalize_name,
    strip_articles,
)
from sitreps.model import Article, Place, PlaceMention, TextSpan

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAX_WINDOW = 7
# importance (log-scale population and rank) from which a place's name outweighs other readings
PROMINENT = 6.5
# "Kweyris, a military airport in ...": an appositive that says what the name is
_APPOSITIVE = re.compile(
    r"^\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|airport|airbase|base|camp|province|"
    r"district|region|plain|valley|port|hub|stronghold|suburb|neighbourhood|neighborhood|area|crossing)\b"
)
_REL_BEFORE = (
    re.compile(
        r"(?P<rel>(?:\d[\d.,]*|\w+)\s*(?:km|kms|kilometers|kilometres|miles|mi)\s+"
        r"(?:\(\w[\w\s]*\)\s+)?(?:north|south|east|west)[\w-]*\s+of)\s+(?:the\s+)?$"
    ),
    re.compile(
        r"(?P<rel>(?:north|south|east|west)(?:[- ]?(?:north|south|east|west))?(?:east|west)?\s+of)"
        r"\s+(?:the\s+)?$"
    ),
    re.compile(
        r"(?P<rel>(?:(?:north|south|east|west)\w*(?:[- ]\w+ern)?\s+)?(?:outskirts|edges?|gates|"
        r"suburbs|vicinity|countryside|environs|periphery|fringes?|outside|surroundings)\s+of)"
        r"\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$"
    ),
    re.compile(
        r"\b(?P<rel>near|outside|around|close to|next to|just outside|on the outskirts of)\s+"
        r"(?:the\s+)?(?:(?:city|town|village|base|airport|airbase)\s+of\s+)?$"
    ),
    re.compile(
        r"\b(?P<rel>(?:north|south|east|west|central)(?:ern)?(?:[- ](?:north|south|east|west)ern)?|"
        r"(?:north|south)(?:east|west)ern)\s+$"
    ),
)
_REL_AFTER = re.compile(r"^(?:\s+city)?\s+(?P<rel>outskirts|countryside|area|suburbs|environs|region)\b")
# "KANO, Nigeria, April 17 (AFP) -", "GAZA CITY, Palestinian Territories, Aug 27 (AFP) -", "BEIRUT: ..."
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<city>[A-Z][A-Z'\-]+(?:[ ][A-Z][A-Z'\-]+){0,2})"
    r"(?:\s*,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})){0,2}"
    r"\s*(?:\((?:AFP|AP|Reuters|dpa|ANI|IANS|UPI)\))?"
    r"\s*(?::|--|[-\u2013\u2014])\s"
)
# "Britain-based monitor": where an outlet or group sits; "Iran-backed rebels": who backs a group.
# Neither is where an event happened.
_BASED_AFTER = re.compile(r"^-(?P<rel>based|headquartered)\b", re.I)
_BACKED_AFTER = re.compile(
    r"^-(?:backed|led|allied|aligned|funded|sponsored|supported|trained|armed|affiliated|linked)\b", re.I
)


@lru_cache(maxsize=1)
def _organisations() -> frozenset[str]:
    keys = (normalize_name(w) for w in _lexicon("organisations"))
    return frozenset(k for key in keys for k in (key, strip_articles(key)))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """English adjectives, verbs and adverbs (WordNet's lists in the model's lemmatizer), stopwords:
    a capitalised 'White' or 'Nice' is a place only where the text says so."""
    from sitreps.nlp import load_nlp

    nlp = load_nlp()
    words: set[str] = set(nlp.Defaults.stop_words)
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        for pos in ("adj", "verb", "adv"):
            words.update(w for w in index.get(pos, []) if w.isalpha())
    except (KeyError, ValueError, AttributeError):  # a pipeline without lookup tables
        pass
    return frozenset(words)


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    data = load_data_yaml("places_supplement.yaml")
    return frozenset(normalize_name(w) for w in data.get("not_places", []) or [])


def _lexicon(name: str):
    return load_data_yaml("places_supplement.yaml").get("lexicon", {})[name]


# the word lists live in data/places_supplement.yaml (`lexicon:`)
CONNECTORS = frozenset(_lexicon("connectors"))
WATER_WORDS = frozenset(_lexicon("water_words"))
FEATURE_AFTER: dict[str, str] = dict(_lexicon("feature_after"))
PLACE_CUES_BEFORE = frozenset(_lexicon("place_cues_before"))
TITLES = frozenset(_lexicon("titles"))
FACILITY_AFTER = frozenset(_lexicon("facility_after"))
# adjectives allowed between a place cue and the name: "in northern Shan State", "in southern Gaza"
CUE_GAP_WORDS = frozenset(_lexicon("cue_gap_words"))
# capitalised words that may follow a place inside a longer name and still leave the place a place
GENERIC_AFTER = frozenset(FEATURE_AFTER) | WATER_WORDS | frozenset(_lexicon("generic_after"))
# words that name a kind of place, person or building: never a place by themselves
LONE_GENERIC = GENERIC_AFTER | TITLES | FACILITY_AFTER | frozenset(_lexicon("lone_generic"))


@dataclass
class _Found:
    """A recognised name before resolution."""

    start: int  # token indices [start, end)
    end: int
    hits: list[GazetteerHit]
    adjective_cc: str = ""
    feature_hint: str = ""
    relation: str = ""
    dateline: bool = False
    scores: dict[int, float] = field(default_factory=dict)


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return t[:1].isupper() and any(c.isalpha() for c in t) and not any(c.isdigit() for c in t)


def _is_connector(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if tok.text in ("-", "'") and i > 0:
        return not doc[i - 1].whitespace_ and not tok.whitespace_
    return tok.lower_ in CONNECTORS


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens, joined by connectors, that start and end capitalised."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if not _is_cap(doc[i]):
            i += 1
            continue
        j = last_cap = i
        while (
            j + 1 < n
            and (_is_cap(doc[j + 1]) or _is_connector(doc, j + 1))
            and "\n" not in doc[j].whitespace_
        ):
            j += 1
            if _is_cap(doc[j]):
                last_cap = j
        runs.append((i, last_cap + 1))
        i = last_cap + 1
    return runs


def _windows(doc: Doc, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every sub-window of each run that starts and ends capitalised, plus one or two lower-case
    words after a run ("Rafah crossing", "Sheikh Najjar industrial zone")."""
    out = []
    for a, b in runs:
        for i in range(a, b):
            if not _is_cap(doc[i]):
                continue
            for j in range(i + 1, min(b, i + MAX_WINDOW) + 1):
                if _is_cap(doc[j - 1]):
                    out.append((i, j))
            for extra in (1, 2):
                k = b + extra
                if k <= len(doc) and all(
                    doc[x].is_alpha and doc[x].is_lower and not doc[x].is_stop for x in range(b, k)
                ):
                    out.append((i, k))
    return out


class _Context:
    """Per-article facts recognition and resolution share."""

    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.ent_of: dict[int, Span] = {t: ent for ent in doc.ents for t in range(ent.start, ent.end)}
        # surnames and given names of people named in full elsewhere ("Hossein Hamedani" -> "Hamedani")
        # ("Tamil Nadu" tagged PERSON is still the state: a prominent place's own name is no person's)
        self.person_words = {
            normalize_name(tok.text)
            for ent in doc.ents
            if ent.label_ == "PERSON"
            and len([t for t in ent if t.is_alpha]) >= 2
            and not _prominent_place(gaz, ent.text)
            for tok in ent
            if tok.is_alpha and not tok.is_stop
        }
        self.sent_starts = [s.start for s in doc.sents]

    def sentence_of(self, tok_i: int) -> int:
        return max(0, bisect_right(self.sent_starts, tok_i) - 1)

    def is_sentence_start(self, tok_i: int) -> bool:
        s = self.sent_starts[self.sentence_of(tok_i)]
        return all(not self.doc[k].is_alpha for k in range(s, tok_i))

    def has_place_cue(self, i: int, j: int) -> bool:
        doc = self.doc
        k = i - 1
        while k >= 0 and (doc[k].lower_ in ("the", "a", "an") or doc[k].lower_ in CUE_GAP_WORDS):
            k -= 1
        if doc[j - 1].lower_ in FEATURE_AFTER and j - i > 1:  # "Shan State", "Menaka Region"
            return True
        if k >= 0 and doc[k].lower_ in PLACE_CUES_BEFORE:
            return True
        if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in PLACE_CUES_BEFORE:
            return True
        if j < len(doc) and (doc[j].lower_ in FEATURE_AFTER or doc[j].text in ("-based", "-bound")):
            return True
        if j < len(doc) and doc[j].text == "," and _APPOSITIVE.match(doc[j : min(len(doc), j + 8)].text):
            return True
        return j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in ("based", "bound", "held")


def _is_prominent(h: GazetteerHit) -> bool:
    return h.place.feature_type in ("country", "admin1") or h.importance >= PROMINENT


def _prominent_place(gaz: Gazetteer, text: str) -> bool:
    """A country, first-level area or big city spelled exactly so."""
    return any(h.exact and _is_prominent(h) for h in gaz.hits(text, limit=5))


def _recognise(ctx: _Context) -> list[_Found]:
    doc, gaz = ctx.doc, ctx.gaz
    windows = _windows(doc, _runs(doc))
    texts = {w: doc[w[0] : w[1]].text for w in windows}
    keys = []
    for w in windows:
        exact, skel = name_keys(texts[w])
        keys += [exact, skel] if skel else [exact]
    found_keys = gaz.lookup_keys([k for k in keys if k])
    not_places = _not_places()
    by_start: dict[int, list[tuple[int, int]]] = {}
    for w in windows:
        by_start.setdefault(w[0], []).append(w)
    out: list[_Found] = []
    chain_end = -1  # end token of the last accepted place with a cue: "in Latakia, Hama and Idlib"
    orgs = _organisations()
    i = 0
    while i < len(doc):
        accepted = None
        starting = sorted(by_start.get(i, []), key=lambda w: -(w[1] - w[0]))
        org = next((w for w in starting if _is_organisation(texts[w], orgs)), None)
        if org is not None:  # "Islamic State West Africa Province": no part of it is a place
            i = org[1]
            continue
        for w in starting:
            found = _judge(ctx, w, texts[w], found_keys, not_places, chain_end)
            if found is not None:
                accepted = found
                break
        if accepted is None:
            i += 1
            continue
        out.append(accepted)
        if accepted.hits and (
            ctx.has_place_cue(accepted.start, accepted.end) or accepted.start <= chain_end + 3
        ):
            chain_end = accepted.end
        i = accepted.end
    return out


def _is_organisation(text: str, orgs: frozenset[str]) -> bool:
    key = normalize_name(text)
    return key in orgs or strip_articles(key) in orgs


def _judge(
    ctx: _Context, w: tuple[int, int], text: str, found_keys: dict, not_places: frozenset[str], chain_end: int
) -> _Found | None:
    """Whether window `w` names a place (or a country by adjective); None when it does not."""
    doc, gaz = ctx.doc, ctx.gaz
    i, j = w
    key = normalize_name(text)
    if not key or (j - i == 1 and key in not_places):
        return None
    if doc[i].is_stop and not (j - i == 1 and doc[i].is_upper and _country_hit(gaz, text)):
        return None  # "US" is the country, "us" and "And" are not places
    adjective_cc = gaz.country_for_adjective(text) if j - i <= 2 else None
    if adjective_cc:
        return _Found(i, j, [], adjective_cc=adjective_cc)
    if j - i == 1 and doc[i].is_upper and len(key) <= 5 and not ctx.is_sentence_start(i):
        # an all-capitals short word in running text is an acronym ("SDF", "RSF"), bar country codes
        hits = [h for h in gaz.hits(text, limit=5) if h.exact and h.place.feature_type == "country"]
        return _Found(i, j, hits[:1]) if hits else None
    prev = doc[i - 1].lower_.rstrip(".") if i > 0 else ""
    if prev in TITLES or key in ctx.person_words:
        return None
    ent = ctx.ent_of.get(i)
    inside_ent = ent is not None and ent.start <= i and j <= ent.end
    label = ent.label_ if inside_ent else ""
    part_of_name = (label in ("PERSON", "ORG") and j - i < len(ent)) or (
        inside_ent and j < ent.end and _is_cap(doc[j]) and doc[j].lower_ not in GENERIC_AFTER
    )
    if part_of_name:
        # part of a longer name: "the White Helmets", "Jack London" are no places; but "Pakistan Army",
        # "the Kano State Government", "Air Zimbabwe" name a prominent place as where the body sits
        if label == "PERSON" or j - i == 1 and key in _common_words() or not _names_seat(doc, ent, i, j):
            return None
        based = [h for h in gaz.hits(text, limit=5) if h.exact and _is_prominent(h)]
        return _Found(i, j, based, relation="based") if based else None
    if j - i == 1 and key in LONE_GENERIC:
        return None  # "County", "Valley", "Sheriff" alone name no place
    common = j - i == 1 and key in _common_words() and not _country_hit(gaz, text)
    cue = ctx.has_place_cue(i, j) or (chain_end >= 0 and _only_list_glue(doc, chain_end, i))
    exact_ids = found_keys.get(key, [])
    hits = gaz.hits(text, limit=25) if exact_ids or found_keys.get(name_keys(text)[1]) else []
    if len(key) < 3:  # "US", "UK" as countries; never "IS" as a village
        hits = [h for h in hits if h.exact and h.place.feature_type == "country"]
    if not hits:
        return None
    exact = [h for h in hits if h.exact]
    if not _is_cap(doc[j - 1]) and not exact:
        return None  # "Rafah crossing" must be spelled as indexed
    if common:
        # a common English word ("White", "Nice") only as the place's own name and where the text
        # says a place follows, never as a variant spelling or another town's nickname
        exact = [h for h in exact if normalize_name(h.place.name) == key]
        if not (exact and cue):
            return None
        hits = exact
    # "Nasser hospital", "Medina hospital": the name of the building, not a town elsewhere ("a Kharkiv
    # hospital" is in Kharkiv); only a very prominent place keeps its reading
    facility = j < len(doc) and doc[j].lower_ in FACILITY_AFTER
    if i > 0 and doc[i - 1].lower_ in ("a", "an"):
        facility = False
    if facility and (not exact or max(h.importance for h in exact) < 6.5):
        return None
    trusted = label in PLACE_LABELS or cue
    if exact:
        top = max(h.importance for h in exact)
        needed = 5.5 if j - i == 1 and ctx.is_sentence_start(i) else 4.5
        if label == "PERSON" and not cue:
            # a one-word name the model reads as a person is a place only when it is a big one;
            # a longer name that is a country's or province's own ("Tamil Nadu") is that place
            prominent = j - i > 1 and any(h.place.feature_type in ("country", "admin1") for h in exact)
            needed = top if prominent else 7.0
        if not (trusted or top >= needed):
            return None
    else:
        best = max(h.similarity for h in hits)
        if not trusted or best < (0.6 if label in PLACE_LABELS and cue else 0.72):
            return None
        if label in ("PERSON", "ORG", "NORP") and not (cue and best >= 0.85):
            return None  # a name the model reads as a person or group, only loosely like a town
    hint = FEATURE_AFTER.get(doc[j].lower_, "") if j < len(doc) else ""
    if hint and _is_cap(doc[j]) and j - i < MAX_WINDOW:
        # a capitalised feature word is part of the name ("Henry County", "Idlib Province"); a county
        # resolves through the towns the gazetteer files under it
        if hint == "admin2":
            hits = [h for h in hits if strip_articles(normalize_name(h.place.admin2)) == strip_articles(key)]
        j += 1
    if doc[j - 1].lower_ in WATER_WORDS:
        hint = "sea"  # "Red Sea" is the sea, not Sudan's Red Sea state
    after = doc.text[doc[j - 1].idx + len(doc[j - 1]) : doc[j - 1].idx + len(doc[j - 1]) + 16]
    relation = "based" if _BASED_AFTER.match(after) else "backed" if _BACKED_AFTER.match(after) else ""
    return _Found(i, j, hits, feature_hint=hint, relation=relation)


def _names_seat(doc: Doc, ent: Span | None, i: int, j: int) -> bool:
    """Whether tokens [i, j) inside an organisation's name say where it sits: the name's head
    ("Pakistan Army", "the Kano State Government") or after "of" ("Central Bank of Malta"), never
    glued by a hyphen ("Agence France-Presse") nor inside a facility's own name ("Da Nang Airport")."""
    if ent is None:
        return False
    first = ent.start
    while first < i and doc[first].lower_ in ("the", "a", "an"):
        first += 1
    if not (i == first or doc[i - 1].lower_ == "of"):
        return False
    if j < len(doc) and doc[j].text in ("-", "–") and not doc[j - 1].whitespace_:
        return False
    rest = {doc[k].lower_ for k in range(j, ent.end)}
    return not rest & (FACILITY_AFTER | {"airport", "airbase", "base"})


def _country_hit(gaz: Gazetteer, text: str) -> bool:
    return any(h.exact and h.place.feature_type == "country" for h in gaz.hits(text, limit=5))


def _only_list_glue(doc: Doc, a: int, b: int) -> bool:
    return 0 <= a <= b and b - a <= 3 and all(doc[k].text in (",", "and", "or", "&") for k in range(a, b))


def _dateline_span(text: str) -> tuple[int, int] | None:
    """Characters of the dateline ("KANO, Nigeria, April 17 (AFP) -"), city first; None without one."""
    m = _DATELINE.search(text[:1500])
    return (m.start("city"), m.end()) if m else None


def _relation(text: str, sent_start: int, start: int, end: int, sent_end: int) -> str:
    before = text[max(sent_start, start - 80) : start].lower()
    for rx in _REL_BEFORE:
        m = rx.search(before)
        if m:
            return " ".join(m.group("rel").split())
    m = _REL_AFTER.match(text[end:sent_end].lower())
    if m:
        return m.group("rel") + " of"
    return ""


def _focus(found: list[_Found], gaz: Gazetteer) -> Counter:
    """How much the article is about each country: names, adjectives and likely places."""
    weights: Counter = Counter()
    for f in found:
        if f.adjective_cc:
            weights[f.adjective_cc] += 1.0
            continue
        if f.relation:  # "Britain-based", "Iran-backed": not what the article is about
            continue
        countries = [h for h in f.hits if h.exact and h.place.feature_type == "country"]
        if countries:
            weights[countries[0].place.country_code] += 2.0 if not f.dateline else 1.0
        elif f.hits:
            best = f.hits[0]
            weights[best.place.country_code] += 0.5 if best.exact else 0.25
    return weights


@dataclass
class _Evidence:
    """What the rest of the article says about where its places lie, shared by every name's ranking."""

    focus: Counter
    top_focus: float
    names_all: set[str]
    # (country code, admin1 key) -> how many resolved places of the article fall there
    admin1_votes: Counter = field(default_factory=Counter)
    vote_total: int = 0
    anchors: list[Place] = field(default_factory=list)
    # a name's reading fixed where the text qualified it ("Paris, Texas"): later bare mentions follow it
    settled: dict[str, int] = field(default_factory=dict)
    # names whose most important reading is a first-level area, written as its own name ("Oregon"):
    # the area, not a town of that name in another one
    area_names: set[str] = field(default_factory=set)


def _admin1_key(p: Place) -> tuple[str, str] | None:
    """The first-level area a place lies in (an admin1 area is its own), as (country, name key)."""
    name = p.name if p.feature_type == "admin1" else p.admin1
    if not name or p.feature_type in ("country", "sea", "region"):
        return None
    return p.country_code, strip_articles(normalize_name(name))


def _score(
    f: _Found,
    h: GazetteerHit,
    ev: _Evidence,
    names_here: set[str],
    qualifier: list[GazetteerHit],
    own_vote: tuple[tuple[str, str] | None, int],
    mention_key: str,
) -> float:
    p = h.place
    s = 3.0 if h.exact else 3.0 * h.similarity - 1.0
    s += 0.6 * min(h.importance, 8.0)
    if f.feature_hint:
        s += 4.0 if p.feature_type == f.feature_hint else (-2.0 if f.feature_hint == "admin1" else 0.0)
    if ev.top_focus:
        s += 3.0 * ev.focus.get(p.country_code, 0.0) / ev.top_focus
    a1 = strip_articles(normalize_name(p.admin1)) if p.admin1 and p.feature_type != "admin1" else ""
    if a1 and a1 in names_here:
        s += 2.5
    elif a1 and a1 in ev.names_all:
        s += 1.0
    if qualifier:
        s += _qualifier_bonus(p, a1, qualifier)
    elif h.place_id == ev.settled.get(mention_key, -1):
        s += 5.0
    # never lifts a loose spelling over an exact name, nor a town over the state whose name it shares
    if ev.admin1_votes and h.exact and mention_key not in ev.area_names:
        area = (p.country_code, a1) if a1 else _admin1_key(p)
        # the first-level area most of the article's other places fall in (its own vote does not count)
        own_area, own_weight = own_vote
        votes = ev.admin1_votes.get(area, 0) - (own_weight if own_area == area else 0)
        total = ev.vote_total - own_weight
        if area and votes > 0 and total > 0:
            s += 2.5 * votes / total + (0.5 if votes >= 2 else 0.0)
    if ev.anchors and p.latitude is not None:
        d = min(_rough_km(p, a) for a in ev.anchors)
        s += 1.5 if d < 50 else 1.0 if d < 200 else 0.5 if d < 500 else 0.0
    return s


def _qualifier_bonus(p: Place, a1: str, qualifier: list[GazetteerHit]) -> float:
    """A name after the comma ("Paris, Texas", "Dublin, Ohio", "Kano, Nigeria") says which one."""
    best = 0.0
    for q in qualifier:
        qp = q.place
        if qp.country_code != p.country_code:
            continue
        if qp.feature_type == "country":
            best = max(best, 4.0)
        elif qp.feature_type == "admin1" and a1 == strip_articles(normalize_name(qp.name)):
            best = max(best, 8.0)
    return best


def _qualifier(ctx: _Context, found: list[_Found], n: int) -> list[GazetteerHit]:
    """The country or first-level area that follows a name after a comma ("Dublin, Ohio",
    "Athens, Ga.", "Kano, Nigeria"), if any."""
    doc, f = ctx.doc, found[n]
    k = f.end + 1
    if k >= len(doc) or doc[f.end].text != ",":
        return []
    if n + 1 < len(found) and found[n + 1].start == k:
        g = found[n + 1]
        return [h for h in g.hits if h.exact and h.place.feature_type in ("country", "admin1")]
    # a postal or AP abbreviation recognition leaves alone ("Ga.", "Pa.", "TX"): only as a state
    tok = doc[k]
    if not (tok.text[:1].isupper() and (tok.is_alpha or tok.text.endswith("."))) or len(tok.text) > 6:
        return []
    text = tok.text + ("." if k + 1 < len(doc) and doc[k + 1].text == "." and not tok.whitespace_ else "")
    return [h for h in ctx.gaz.hits(text, limit=5) if h.exact and h.place.feature_type == "admin1"]


def _country_or_state(f: _Found, country: GazetteerHit, focus: Counter, mentions: int) -> Place:
    """A country's name is the country, unless it is also a first-level area's own name ("Georgia")
    and the article's other places lie in that area's country, not in the namesake country."""
    cc = country.place.country_code
    states = [
        h.place
        for h in f.hits
        if h.exact
        and h.place.feature_type == "admin1"
        and h.place.country_code != cc
        and normalize_name(h.place.name) == normalize_name(country.place.name)
    ]
    if states:
        own = focus.get(cc, 0.0) - 2.0 * mentions  # the name's own mentions weigh for the country
        state = max(states, key=lambda p: focus.get(p.country_code, 0.0))
        if focus.get(state.country_code, 0.0) >= max(1.0, 2.0 * own):
            return state
    return country.place


def _rough_km(a: Place, b: Place) -> float:
    """Equirectangular distance: plenty for 'within 50/200/500 km' and much cheaper."""
    dlat = a.latitude - b.latitude  # type: ignore[operator]
    dlon = (a.longitude - b.longitude) * math.cos(math.radians(a.latitude))  # type: ignore[operator]
    return 111.2 * math.hypot(dlat, dlon)


def _resolve(ctx: _Context, found: list[_Found], text: str) -> list[Place | None]:
    gaz = ctx.gaz
    focus = _focus(found, gaz)
    names_by_sent: dict[int, set[str]] = {}
    for f in found:
        names_by_sent.setdefault(ctx.sentence_of(f.start), set()).add(
            strip_articles(normalize_name(ctx.doc[f.start : f.end].text))
        )
    names_all = set().union(*names_by_sent.values()) if names_by_sent else set()
    ev = _Evidence(focus, max(focus.values(), default=0.0), names_all)
    ev.area_names = {
        strip_articles(normalize_name(ctx.doc[f.start : f.end].text))
        for f in found
        if f.hits
        and f.hits[0].exact
        and f.hits[0].place.feature_type == "admin1"
        and _same_name(f.hits[0].place.name, f, ctx)
    }
    chosen: list[Place | None] = [None] * len(found)
    votes_of: list[tuple[tuple[str, str] | None, int]] = [(None, 0)] * len(found)
    qualifiers = [_qualifier(ctx, found, n) for n in range(len(found))]
    qualified_by = {
        n + 1: n
        for n, q in enumerate(qualifiers)
        if q and n + 1 < len(found) and found[n + 1].start == found[n].end + 1
    }
    key_counts = Counter(normalize_name(ctx.doc[f.start : f.end].text) for f in found if not f.adjective_cc)
    anchors_all: list[Place] = []
    for _pass in range(2):
        new_anchors = []
        for n, f in enumerate(found):
            if f.adjective_cc:
                chosen[n] = gaz.country(f.adjective_cc)
                continue
            if not f.hits:
                continue
            key = normalize_name(ctx.doc[f.start : f.end].text)
            # a country name is the country, whatever the rest of the article says
            country = next((h for h in f.hits if h.exact and h.place.feature_type == "country"), None)
            if country is not None:
                chosen[n] = _qualifying_state(f, country, chosen, qualified_by.get(n)) or _country_or_state(
                    f, country, focus, key_counts.get(key, 0)
                )
                continue
            here = names_by_sent.get(ctx.sentence_of(f.start), set()) - {strip_articles(key)}
            own = chosen[n]
            ev.anchors = [a for a in anchors_all if a is not own] if _pass else []
            mention_key = strip_articles(key)
            own_vote = votes_of[n]
            best = max(f.hits, key=lambda h: _score(f, h, ev, here, qualifiers[n], own_vote, mention_key))
            chosen[n] = best.place
            a1 = strip_articles(normalize_name(best.place.admin1))
            if qualifiers[n] and _qualifier_bonus(best.place, a1, qualifiers[n]):
                ev.settled.setdefault(mention_key, best.place_id)
            if best.place.feature_type not in ("country", "sea", "region", "admin1"):
                new_anchors.append(best.place)
        if _pass:
            break  # what the last pass chose is the answer; no more evidence to gather
        # one anchor per distinct point is enough
        anchors_all = list(
            {(round(a.latitude or 0, 2), round(a.longitude or 0, 2)): a for a in new_anchors}.values()
        )
        # one vote per distinct name: five mentions of "Decatur" are one place, not five witnesses
        area_of: dict[str, tuple[tuple[str, str] | None, int]] = {}
        for f, p in zip(found, chosen, strict=True):
            area = _admin1_key(p) if p is not None and p.feature_type != "country" else None
            # the dateline city is where the reporter is: local news stays near it
            weight = (2 if f.dateline else 1) if area else 0
            key = strip_articles(normalize_name(ctx.doc[f.start : f.end].text))
            if area and weight > area_of.get(key, (None, 0))[1]:
                area_of[key] = (area, weight)
        ev.admin1_votes = Counter()
        for area, weight in area_of.values():
            ev.admin1_votes[area] += weight
        for n, f in enumerate(found):
            votes_of[n] = area_of.get(
                strip_articles(normalize_name(ctx.doc[f.start : f.end].text)), (None, 0)
            )
        ev.vote_total = sum(ev.admin1_votes.values())
    return chosen


def _same_name(name: str, f: _Found, ctx: _Context) -> bool:
    """Whether a place's own name is what the text wrote (not an alias or abbreviation of it)."""
    written = strip_articles(normalize_name(ctx.doc[f.start : f.end].text))
    return strip_articles(normalize_name(name)) == written


def _qualifying_state(
    f: _Found, country: GazetteerHit, chosen: list[Place | None], before: int | None
) -> Place | None:
    """ "Athens, Georgia": after a place of the United States, "Georgia" is the state, not the country."""
    if before is None or chosen[before] is None:
        return None
    town = chosen[before]
    if town.country_code == country.place.country_code:
        return None
    for h in f.hits:
        if (
            h.exact
            and h.place.feature_type == "admin1"
            and h.place.country_code == town.country_code
            and strip_articles(normalize_name(h.place.name)) == strip_articles(normalize_name(town.admin1))
        ):
            return h.place
    return None


def find_places(doc: Doc, article: Article, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Toponyms and nationality adjectives in an article, resolved to places where possible.

    `doc` is the parse of `article.text`; sentence indices count `doc.sents`.
    """
    gaz = gazetteer or get_gazetteer()
    ctx = _Context(doc, gaz)
    text = article.text
    found = _recognise(ctx)
    dateline = _dateline_span(text)
    if dateline:
        for f in found:
            # the city and the country after it ("KANO, Nigeria, ...") both place the outlet
            if dateline[0] <= doc[f.start].idx < dateline[1] and not f.adjective_cc:
                f.dateline = True
    places = _resolve(ctx, found, text)
    sents = list(doc.sents)
    relations = []
    for f in found:
        span = doc[f.start : f.end]
        sent = sents[ctx.sentence_of(f.start)]
        relations.append(
            "dateline"
            if f.dateline
            else ""
            if f.adjective_cc
            else f.relation or _relation(text, sent.start_char, span.start_char, span.end_char, sent.end_char)
        )
    # "the outskirts of Syria's second city Aleppo": the relation belongs to the possessed place
    for n in range(len(found) - 1):
        f, nxt = found[n], found[n + 1]
        if (
            relations[n]
            and f.end < len(doc)
            and doc[f.end].text in ("'s", "’s")
            and not relations[n + 1]
            and nxt.start - f.end <= 5
            and ctx.sentence_of(nxt.start) == ctx.sentence_of(f.start)
        ):
            relations[n], relations[n + 1] = "", relations[n]
    mentions = []
    for f, place, relation in zip(found, places, relations, strict=True):
        span = doc[f.start : f.end]
        if place is not None and relation and relation not in ("dateline", "based", "backed"):
            place = replace(place, geo_precision=max(place.geo_precision, 2))
        mentions.append(
            PlaceMention(
                span=TextSpan(span.start_char, span.end_char, span.text),
                sentence=ctx.sentence_of(f.start),
                place=place,
                relation=relation,
                is_country_adjective=bool(f.adjective_cc),
            )
        )
    return mentions
