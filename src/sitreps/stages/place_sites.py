"""Toponyms recognition does not find by itself.

Spans someone else marked (a gold standard's, a user's), and sites the gazetteer lacks ("Abu Bakr Mosque",
"Royal Street", "the University of Alberta"), which lie where the place named inside them, or the place
around them, lies.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from sitreps.gazetteer import Gazetteer, load_data_yaml, normalize_name, strip_articles
from sitreps.model import Place
from sitreps.stages.place_cues import facility_words, local_cue, state_abbreviation, token_table
from sitreps.stages.toponyms import (
    FEATURE_AFTER,
    LONE_GENERIC,
    TITLES,
    WATER_WORDS,
    ArticleContext,
    Toponym,
    _common_words,
    _country_hit,
    _demonym,
    _is_organisation,
    _not_places,
    _organisations,
    demonym_toponym,
)


def toponym_for_span(ctx: ArticleContext, i: int, j: int) -> Toponym:
    """A toponym at tokens [i, j) someone else has marked (a gold span, a user's span): its candidates
    looked up as recognition would, without recognition's judgement of whether it is a place."""
    doc, gaz = ctx.doc, ctx.gaz
    text = doc[i:j].text
    adjective_cc = gaz.country_for_adjective(text) if j - i <= 3 else None
    if adjective_cc:
        return Toponym(i, j, [], adjective_cc=adjective_cc)
    demonym = _demonym(gaz, text) if j - i <= 3 else None
    if demonym is None and j - i <= 2:
        demonym = _homeland(gaz, normalize_name(text))
    if demonym is not None:
        return demonym_toponym(i, j, demonym)
    hits = (state_abbreviation(gaz, text) if j - i == 1 else []) or gaz.hits(text, limit=25)
    hint = FEATURE_AFTER.get(doc[j - 1].lower_, "") if j - i > 1 else ""
    if hint == "admin2" and not any(h.exact for h in hits):
        # "Henry County" where the gazetteer files the county under its towns
        base = strip_articles(normalize_name(doc[i : j - 1].text))
        hits = [
            h
            for h in gaz.hits(doc[i : j - 1].text, limit=25)
            if strip_articles(normalize_name(h.place.admin2)) == base
        ]
    if doc[j - 1].lower_ in WATER_WORDS:
        hint = "sea"
    return Toponym(i, j, hits, feature_hint=hint, local=local_cue(doc, i, j))


@lru_cache(maxsize=1)
def _homelands() -> dict[str, str]:
    """People's words that name no one place ("Kurdish", "Tamil") -> their homeland region, for spans
    someone else marked as toponyms (demonyms.yaml `not_places` with a `homeland`)."""
    entries = load_data_yaml("demonyms.yaml").get("not_places") or []
    return {normalize_name(w): e["homeland"] for e in entries if e.get("homeland") for w in e["words"]}


def _homeland(gaz: Gazetteer, key: str) -> Place | None:
    name = _homelands().get(key)
    hits = gaz.exact_hits(name, limit=5) if name else []
    return hits[0].place if hits else None


def inner_demonym(ctx: ArticleContext, i: int, j: int) -> Toponym | None:
    """A marked name with no place inside but a nationality or region word ("the European Commission",
    "the Russian Foreign Ministry"): the body's country or region, as a demonym; None for a site that
    lies abroad by its nature ("the Russian Embassy" is in another country's capital)."""
    gaz, table = ctx.gaz, ctx.tokens
    if table.bare[j - 1] in _cue_list("demonym_site_words"):
        return None
    for size in (3, 2, 1):
        for a in range(i, j - size + 1):
            text = ctx.span_text(a, a + size)
            if not text[:1].isupper():
                continue
            cc = gaz.country_for_adjective(text)
            if cc:
                return Toponym(i, j, [], adjective_cc=cc)
            place = _demonym(gaz, text)
            if place is not None:
                return demonym_toponym(i, j, place)
    return None


def inner_names(ctx: ArticleContext, i: int, j: int) -> list[Toponym]:
    """Places named inside a longer name ("University of Alberta", "Manila Cathedral", "Colorado State
    University"), longest first: where a building or body the gazetteer lacks most likely is."""
    gaz, cap = ctx.gaz, ctx.tokens.cap
    out: list[Toponym] = []
    for size in range(j - i - 1, 0, -1):
        for a in range(i, j - size + 1):
            b = a + size
            if not (cap[a] and cap[b - 1]):
                continue
            text = ctx.span_text(a, b)
            key = normalize_name(text)
            if key in LONE_GENERIC:
                continue
            if size == 1 and (key in _not_places() or key in _common_words()) and not _country_hit(gaz, key):
                continue  # "South" in "South Kilburn Estate", "Republic" in "Republic of Armenia"
            if size == 1 and key in _arabic_heads():
                continue  # "Tal" in "Tal Halaf" is "hill", not the town At Tall near Damascus
            hits = gaz.exact_hits(text, limit=10)
            if hits:
                out.append(Toponym(a, b, hits))
        if out:
            return sorted(out, key=lambda t: -max(h.importance for h in t.hits))
    return out


_SITE_BREAKS = frozenset({"at", "in", "on", "near", "and", "&", "to", "from", "by", "with"})
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")


def site_toponym(ctx: ArticleContext, i: int, j: int) -> Toponym:
    """A site's name at tokens [i, j): the hits of the most important place named inside it, if any."""
    inner = inner_names(ctx, i, j)
    return Toponym(i, j, inner[0].hits if inner else [], site=True)


@lru_cache(maxsize=1)
def _arabic_heads() -> frozenset[str]:
    """Arabic settlement words that begin names ("Tal", "Deir", "Khan"): no place of their own in a name."""
    heads = _cue_list("arabic_name_heads") | _cue_list("arabic_weak_heads")
    return heads | _cue_list("inner_name_not_places")


@lru_cache(maxsize=1)
def _street_words() -> frozenset[str]:
    return _cue_list("street_words") | _cue_list("street_abbreviations")


@lru_cache(maxsize=32)
def _cue_list(name: str) -> frozenset[str]:
    """A place_cues.yaml list, lower case, for membership tests."""
    return frozenset(str(w).lower() for w in load_data_yaml("place_cues.yaml").get(name, []))


def _site_runs(ctx: ArticleContext) -> list[tuple[int, int]]:
    """Capitalised runs as sites read them: joined over a possessive ("Belfast Magistrate's Court",
    "St. Peter's Basilica") and over the dot of an abbreviation ("N. Bedford Drive"), with an ordinal
    before them ("14th St.", "5th Avenue")."""
    table = ctx.tokens
    out: list[tuple[int, int]] = []
    for a, b in ctx.runs:
        if out:
            pa, pb = out[-1]
            gap = ctx.span_text(pb, a)
            if a - pb == 1 and gap in ("'s", "’s") and not table.ws[pb - 1]:
                out[-1] = (pa, b)
                continue
            if gap.lower() == "of the" and table.lower[pb - 1] in facility_words():
                out[-1] = (pa, b)  # "the Embassy of the Republic of Armenia", "the Church of the Nativity"
                continue
        if a > 0 and _ORDINAL.match(table.text[a - 1]):
            a -= 1
        out.append((a, b))
    return out


def _last_word(doc: Doc, b: int) -> str:
    return token_table(doc).bare[b - 1]


def _is_site(ctx: ArticleContext, a: int, b: int, words: frozenset[str]) -> bool:
    """Whether capitalised tokens [a, b) name a site by their form: a site word last ("Nasser Hospital",
    "Royal Street", "Tijuana River"), a street and a compass word ("Eglinton Avenue West"), a feature word
    first ("Lake Manassas", "Mount Chaambi"), a site word and "of" ("University of California"), or a
    name after "the 500 block of"."""
    doc, table = ctx.doc, ctx.tokens
    lower = table.lower
    last = _last_word(doc, b)
    if _ORDINAL.match(table.text[a]) and last not in _street_words():
        return False
    if b - a >= 3 and lower[a] in words and lower[a + 1] == "of":
        return True
    if b - a >= 2 and table.bare[a] in _cue_list("leading_heads") and table.cap[a + 1]:
        return True
    if a >= 2 and lower[a - 1] == "of" and lower[a - 2] == "block":
        return True
    if b - a >= 3 and last in _cue_list("compass_words") and _last_word(doc, b - 1) in _street_words():
        return True
    if b - a < 2 or not doc[b - 1].is_title or (lower[a] in words and last not in words):
        return False
    if last in _cue_list("sited_facility_words"):
        return bool(inner_names(ctx, a, b))  # "Belfast Magistrate's Court", not "the Supreme Court"
    return last in words or last in _street_words()


def sites(ctx: ArticleContext, found: list[Toponym]) -> list[Toponym]:
    """Names of sites ("Nasser Hospital", "the University of Alberta", "Royal Street", "Lake Manassas") among
    the capitalised runs, as toponyms that replace the places recognised inside them. Organisations and
    people stay out, and so do names the gazetteer knows whole ("Cape Town", "Lake Chad")."""
    doc, lower = ctx.doc, ctx.tokens.lower
    words = facility_words()
    orgs = _organisations()
    out: list[Toponym] = []
    for a, b in _site_runs(ctx):
        # "Royal Street at Washington Square", "February at the Kendale Lakes School": the site starts
        # after the last lower-case word that joins two names
        cut = max((k for k in range(a, b) if lower[k] in _SITE_BREAKS), default=-1)
        a = max(a, cut + 1)
        if b - a < 1 or not _is_site(ctx, a, b, words):
            continue
        if a > 0 and lower[a - 1].rstrip(".") in TITLES:
            continue
        street = _last_word(doc, b) in _street_words() or _last_word(doc, b - 1) in _street_words()
        ent = ctx.ent_of.get(a)
        surname_like = _last_word(doc, b) in _cue_list("surname_site_words")
        if ent is not None and ent.label_ == "PERSON" and ent.end >= b and surname_like and not street:
            continue  # "Diane Lane", "Jack Temple"; "Kew Gardens" read as a person is still the gardens
        if _is_organisation(ctx.span_text(a, b), orgs):
            continue
        demonym_site = _last_word(doc, b) in _cue_list("demonym_site_words")
        if not demonym_site and any(t.is_demonym for t in found if a <= t.start < b):
            continue  # "the British Council" is a body of a country; "the Russian Embassy" is a site
        if any(f.start < a < f.end or f.start < b < f.end for f in found):
            continue  # cuts through a recognised name
        if any(f.start == a and f.end == b and any(h.exact for h in f.hits) for f in found):
            continue  # the gazetteer's own name for it
        out.append(site_toponym(ctx, a, b))
    return out
