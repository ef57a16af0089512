"""Toponym recognition: which capitalised names in an article are places (or nationality adjectives).

Recognition does not trust the small model's entity labels for toponyms (it tags Aleppo NORP and Hama
ORG); it looks capitalised token runs up in the gazetteer, longest first, and uses the model's labels,
the words around a name ("in", "near", "the village of", "X province") and what the article says
elsewhere to keep people, organisations and nationality adjectives from becoming places.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitreps.gazetteer import (
    Gazetteer,
    GazetteerHit,
    load_data_yaml,
    name_keys,
    normalize_name,
    strip_articles,
)
from sitreps.model import Place
from sitreps.stages.place_cues import TokenTable, attack_nouns, local_cue, state_abbreviation, token_table

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAX_WINDOW = 7
# importance (log-scale population and rank) from which a place's name outweighs other readings
PROMINENT = 6.5
# "Kweyris, a military airport in ...": an appositive that says what the name is
_APPOSITIVE = re.compile(
    r"^\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|airport|airbase|base|camp|province|"
    r"district|region|plain|valley|port|hub|stronghold|suburb|neighbourhood|neighborhood|area|crossing)\b"
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
class Toponym:
    """A recognised name before resolution."""

    start: int  # token indices [start, end)
    end: int
    hits: list[GazetteerHit]
    adjective_cc: str = ""
    # a demonym of a region, a nation inside a country or a state ("European", "Scottish", "Texans")
    demonym: Place | None = None
    feature_hint: str = ""
    relation: str = ""
    dateline: bool = False
    # words around it say it is a municipality whose local life is reported ("the Paris Police Department")
    local: bool = False
    # a site the gazetteer lacks ("Nasser Hospital", "Royal Street"): `hits` are those of a place named
    # inside it, if any; it lies there or where the article's nearby places are
    site: bool = False

    @property
    def is_demonym(self) -> bool:
        """A nationality adjective or demonym: it ties the text to a place, it is no location."""
        return bool(self.adjective_cc) or self.demonym is not None


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return t[:1].isupper() and any(c.isalpha() for c in t) and not any(c.isdigit() for c in t)


def _is_connector(table: TokenTable, i: int) -> bool:
    if table.text[i] in ("-", "'") and i > 0:
        return not table.ws[i - 1] and not table.ws[i]
    return table.lower[i] in CONNECTORS


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens, joined by connectors, that start and end capitalised."""
    table = token_table(doc)
    cap, ws = table.cap, table.ws
    runs: list[tuple[int, int]] = []
    i, n = 0, table.n
    while i < n:
        if not cap[i]:
            i += 1
            continue
        j = last_cap = i
        while j + 1 < n and (cap[j + 1] or _is_connector(table, j + 1)) and "\n" not in ws[j]:
            j += 1
            if cap[j]:
                last_cap = j
        runs.append((i, last_cap + 1))
        i = last_cap + 1
    return runs


def _windows(doc: Doc, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every sub-window of each run that starts and ends capitalised, plus one or two lower-case
    words after a run ("Rafah crossing", "Sheikh Najjar industrial zone")."""
    table = token_table(doc)
    cap, n = table.cap, table.n
    out = []
    for a, b in runs:
        # lower-case content words right after the run: how many of the next two there are
        plain = 0
        while plain < 2 and b + plain < n and _plain_lower(table, b + plain):
            plain += 1
        for i in range(a, b):
            if not cap[i]:
                continue
            for j in range(i + 1, min(b, i + MAX_WINDOW) + 1):
                if cap[j - 1]:
                    out.append((i, j))
            out.extend((i, b + extra) for extra in range(1, plain + 1))
    return out


def _plain_lower(table: TokenTable, x: int) -> bool:
    return table.is_alpha[x] and table.is_lower[x] and not table.is_stop[x]


class ArticleContext:
    """Per-article facts recognition and resolution share."""

    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.ent_of: dict[int, Span] = {t: ent for ent in doc.ents for t in range(ent.start, ent.end)}
        # surnames and given names of people named in full elsewhere ("Hossein Hamedani" -> "Hamedani")
        # ("Tamil Nadu" tagged PERSON is still the state: a prominent place's own name is no person's; nor
        # is a run of two or more prominent places, a web page's tag line: "Tags Aleppo Idlib Syria")
        self.person_words = {
            normalize_name(tok.text)
            for ent in doc.ents
            if ent.label_ == "PERSON"
            and len([t for t in ent if t.is_alpha]) >= 2
            and not _prominent_place(gaz, ent.text)
            and sum(_prominent_place(gaz, t.text) for t in ent if t.is_alpha and t.is_title) < 2
            for tok in ent
            if tok.is_alpha and not tok.is_stop
        }
        self.sent_starts = [s.start for s in doc.sents]
        # token facts and the text, read from tables rather than from new Token and Span objects
        self.tokens = token_table(doc)
        self.text = self.tokens.doc_text
        self._runs: list[tuple[int, int]] | None = None
        # whether a sentence (by its first token) reports sport; `toponym_rules` fills it as names ask
        self.sport_sentences: dict[int, bool] = {}

    @property
    def runs(self) -> list[tuple[int, int]]:
        """`_runs(doc)`, computed once: recognition, sites and unit areas all read them."""
        if self._runs is None:
            self._runs = _runs(self.doc)
        return self._runs

    def sentence_of(self, tok_i: int) -> int:
        return max(0, bisect_right(self.sent_starts, tok_i) - 1)

    def sentence_bounds(self, tok_i: int) -> tuple[int, int]:
        """Token range [start, end) of the sentence holding token `tok_i` (as `doc[tok_i].sent`)."""
        s = self.sentence_of(tok_i)
        end = self.sent_starts[s + 1] if s + 1 < len(self.sent_starts) else len(self.doc)
        return self.sent_starts[s], end

    def span_text(self, i: int, j: int) -> str:
        """`doc[i:j].text`, from the text (empty for an empty range)."""
        return self.tokens.span_text(i, j) if i < j else ""

    def is_sentence_start(self, tok_i: int) -> bool:
        s = self.sent_starts[self.sentence_of(tok_i)]
        return not any(self.tokens.is_alpha[s:tok_i])

    def has_place_cue(self, i: int, j: int) -> bool:
        lower, text, n = self.tokens.lower, self.tokens.text, self.tokens.n
        k = i - 1
        while k >= 0 and (lower[k] in ("the", "a", "an") or lower[k] in CUE_GAP_WORDS):
            k -= 1
        if lower[j - 1] in FEATURE_AFTER and j - i > 1:  # "Shan State", "Menaka Region"
            return True
        if k >= 0 and lower[k] in PLACE_CUES_BEFORE:
            return True
        if (
            k >= 2
            and lower[k] in ("on", "at", "against")
            and self.doc[k - 1].lemma_.lower() in attack_nouns()
        ):
            return True  # "a strike on Khan Younis"
        if k >= 1 and lower[k] == "of" and lower[k - 1] in PLACE_CUES_BEFORE:
            return True
        if j < n and (lower[j] in FEATURE_AFTER or text[j] in ("-based", "-bound")):
            return True
        if j < n and text[j] == "," and _APPOSITIVE.match(self.span_text(j, min(n, j + 8))):
            return True
        return j + 1 < n and text[j] == "-" and lower[j + 1] in ("based", "bound", "held")


def _is_prominent(h: GazetteerHit) -> bool:
    return h.place.feature_type in ("country", "admin1") or h.importance >= PROMINENT


def _prominent_place(gaz: Gazetteer, text: str) -> bool:
    """A country, first-level area or big city spelled exactly so."""
    return any(_is_prominent(h) for h in gaz.exact_hits(text, limit=5))


def recognise(ctx: ArticleContext) -> list[Toponym]:
    doc, gaz = ctx.doc, ctx.gaz
    windows = _windows(doc, ctx.runs)
    texts = {w: ctx.span_text(w[0], w[1]) for w in windows}
    # each window's (exact, skeleton) keys, once: the lookup, the organisation test and `_judge` read them
    wkeys = {w: name_keys(texts[w]) for w in windows}
    keys = []
    for exact, skel in wkeys.values():
        keys += [exact, skel] if skel else [exact]
    found_keys = gaz.lookup_keys([k for k in keys if k])
    not_places = _not_places()
    by_start: dict[int, list[tuple[int, int]]] = {}
    for w in windows:
        by_start.setdefault(w[0], []).append(w)
    out: list[Toponym] = []
    chain_end = -1  # end token of the last accepted place with a cue: "in Latakia, Hama and Idlib"
    orgs = _organisations()
    i, n = 0, len(doc)
    while i < n:
        accepted = None
        if i not in by_start:
            i += 1  # no window starts here (most tokens): nothing to judge
            continue
        starting = sorted(by_start[i], key=lambda w: -(w[1] - w[0]))
        org = next((w for w in starting if _is_organisation_key(wkeys[w][0], orgs)), None)
        if org is not None:  # "Islamic State West Africa Province": no part of it is a place
            i = org[1]
            continue
        for w in starting:
            found = _judge(ctx, w, texts[w], found_keys, not_places, chain_end, wkeys[w])
            if found is not None:
                accepted = found
                break
        if accepted is None:
            i += 1
            continue
        accepted.local = local_cue(doc, accepted.start, accepted.end)
        out.append(accepted)
        if accepted.hits and (
            ctx.has_place_cue(accepted.start, accepted.end) or accepted.start <= chain_end + 3
        ):
            chain_end = accepted.end
        i = accepted.end
    # the long-tail rules read these toponyms (and import this module): imported here, not at the top
    from sitreps.stages.toponym_rules import refine

    return refine(ctx, out)


def _is_organisation(text: str, orgs: frozenset[str]) -> bool:
    return _is_organisation_key(normalize_name(text), orgs)


def _is_organisation_key(key: str, orgs: frozenset[str]) -> bool:
    """`_is_organisation` of a name already normalised."""
    return key in orgs or strip_articles(key) in orgs


def _judge(
    ctx: ArticleContext,
    w: tuple[int, int],
    text: str,
    found_keys: dict,
    not_places: frozenset[str],
    chain_end: int,
    keys: tuple[str, str] | None = None,
) -> Toponym | None:
    """Whether window `w` names a place (or a country by adjective); None when it does not.

    `found_keys` holds the gazetteer's answers for the window's `keys` (`name_keys(text)`).
    """
    doc, gaz = ctx.doc, ctx.gaz
    tab = ctx.tokens
    toks, lower, cap, n = tab.text, tab.lower, tab.cap, tab.n
    i, j = w
    key, skel_key = keys or name_keys(text)
    if j - i == 1 and i >= 2 and toks[i - 1] == "," and cap[i - 2]:
        state = state_abbreviation(gaz, toks[i])
        if state:  # "South Bend, Ind."
            return Toponym(i, j, state)
    if not key or (j - i == 1 and key in not_places):
        return None
    if tab.is_stop[i] and not (j - i == 1 and tab.is_upper[i] and _country_hit(gaz, text)):
        return None  # "US" is the country, "us" and "And" are not places
    adjective_cc = gaz.country_for_adjective(text) if j - i <= 2 else None
    if adjective_cc:
        return Toponym(i, j, [], adjective_cc=adjective_cc)
    demonym = _demonym(gaz, text) if j - i <= 3 else None
    if demonym is not None:
        return demonym_toponym(i, j, demonym)
    exact_ids = found_keys.get(key, [])
    if not exact_ids and not found_keys.get(skel_key):
        # every reading below needs the gazetteer's hits for this name, and it indexes none (most windows)
        return None
    if j - i == 1 and tab.is_upper[i] and len(key) <= 5 and not ctx.is_sentence_start(i):
        # an all-capitals short word in running text is an acronym ("SDF", "RSF"), bar country codes
        hits = [h for h in gaz.exact_hits(text, limit=5) if h.place.feature_type == "country"]
        return Toponym(i, j, hits[:1]) if hits else None
    prev = lower[i - 1].rstrip(".") if i > 0 else ""
    if prev in TITLES or key in ctx.person_words:
        return None
    ent = ctx.ent_of.get(i)
    inside_ent = ent is not None and ent.start <= i and j <= ent.end
    label = ent.label_ if inside_ent else ""
    part_of_name = (label in ("PERSON", "ORG") and j - i < len(ent)) or (
        inside_ent and j < ent.end and cap[j] and lower[j] not in GENERIC_AFTER
    )
    if part_of_name:
        # part of a longer name: "the White Helmets", "Jack London" are no places; but "Pakistan Army",
        # "the Kano State Government", "Air Zimbabwe" name a prominent place as where the body sits
        if label == "PERSON" or j - i == 1 and key in _common_words() or not _names_seat(doc, ent, i, j):
            return None
        based = [h for h in gaz.exact_hits(text, limit=5) if _is_prominent(h)]
        return Toponym(i, j, based, relation="based") if based else None
    if j - i == 1 and key in LONE_GENERIC:
        return None  # "County", "Valley", "Sheriff" alone name no place
    common = j - i == 1 and key in _common_words() and not _country_hit(gaz, text)
    cue = ctx.has_place_cue(i, j) or (chain_end >= 0 and _only_list_glue(doc, chain_end, i))
    hits = gaz.hits(text, limit=25)
    if len(key) < 3:  # "US", "UK" as countries, "Va." and "Md." as states; never "IS" as a village
        abbreviated = "." in text or (j < n and toks[j] == "." and not tab.ws[j - 1])
        kinds = ("country", "admin1") if abbreviated and text[:1].isupper() else ("country",)
        hits = [h for h in hits if h.exact and h.place.feature_type in kinds]
    if not hits:
        return None
    exact = [h for h in hits if h.exact]
    if not cap[j - 1] and not exact:
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
    facility = j < n and lower[j] in FACILITY_AFTER
    if i > 0 and lower[i - 1] in ("a", "an"):
        facility = False
    # "the Anderson County jail", "the Idlib Province hospital": the area's building, in the area
    areas = j - i > 1 and lower[j - 1] in FEATURE_AFTER and bool(exact)
    if facility and not areas and (not exact or max(h.importance for h in exact) < 6.5):
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
    hint = FEATURE_AFTER.get(lower[j], "") if j < n else ""
    if hint and cap[j] and j - i < MAX_WINDOW:
        # a capitalised feature word is part of the name ("Henry County", "Idlib Province"); a county
        # resolves through the towns the gazetteer files under it
        if hint == "admin2":
            hits = [h for h in hits if strip_articles(normalize_name(h.place.admin2)) == strip_articles(key)]
        j += 1
    if lower[j - 1] in WATER_WORDS:
        hint = "sea"  # "Red Sea" is the sea, not Sudan's Red Sea state
    end_char = tab.idx[j - 1] + len(toks[j - 1])
    after = ctx.text[end_char : end_char + 16]
    relation = "based" if _BASED_AFTER.match(after) else "backed" if _BACKED_AFTER.match(after) else ""
    return Toponym(i, j, hits, feature_hint=hint, relation=relation)


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
    return any(h.place.feature_type == "country" for h in gaz.exact_hits(text, limit=5))


def _only_list_glue(doc: Doc, a: int, b: int) -> bool:
    return 0 <= a <= b and b - a <= 3 and all(doc[k].text in (",", "and", "or", "&") for k in range(a, b))


def _demonym(gaz: Gazetteer, text: str) -> Place | None:
    return gaz.place_for_demonym(text) if text[:1].isupper() else None


def demonym_toponym(i: int, j: int, place: Place) -> Toponym:
    """A demonym's toponym: a country's carries its code, a region's or a state's its place."""
    if place.feature_type == "country" and place.country_code:
        return Toponym(i, j, [], adjective_cc=place.country_code)
    return Toponym(i, j, [], adjective_cc="", demonym=place)
