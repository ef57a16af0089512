"""Toponyms recognition does not find by itself.

Spans someone else marked (a gold standard's, a user's), and sites the gazetteer lacks ("Abu Bakr Mosque",
"Royal Street", "the University of Alberta"), which lie where the place named inside them, or the place
around them, lies.
"""

from __future__ import annotations

from sitreps.gazetteer import normalize_name, strip_articles
from sitreps.stages.place_cues import facility_words, local_cue, state_abbreviation
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
    _is_cap,
    _is_organisation,
    _not_places,
    _organisations,
    _runs,
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


def inner_names(ctx: ArticleContext, i: int, j: int) -> list[Toponym]:
    """Places named inside a longer name ("University of Alberta", "Manila Cathedral", "Colorado State
    University"), longest first: where a building or body the gazetteer lacks most likely is."""
    doc, gaz = ctx.doc, ctx.gaz
    out: list[Toponym] = []
    for size in range(j - i - 1, 0, -1):
        for a in range(i, j - size + 1):
            b = a + size
            key = normalize_name(doc[a:b].text)
            if not (_is_cap(doc[a]) and _is_cap(doc[b - 1])) or key in LONE_GENERIC:
                continue
            if size == 1 and (key in _not_places() or key in _common_words()) and not _country_hit(gaz, key):
                continue  # "South" in "South Kilburn Estate", "Republic" in "Republic of Armenia"
            hits = [h for h in gaz.hits(doc[a:b].text, limit=10) if h.exact]
            if hits:
                out.append(Toponym(a, b, hits))
        if out:
            return sorted(out, key=lambda t: -max(h.importance for h in t.hits))
    return out


_SITE_BREAKS = frozenset({"at", "in", "on", "near", "and", "&", "to", "from", "by", "with"})


def site_toponym(ctx: ArticleContext, i: int, j: int) -> Toponym:
    """A site's name at tokens [i, j): the hits of the most important place named inside it, if any."""
    inner = inner_names(ctx, i, j)
    return Toponym(i, j, inner[0].hits if inner else [], site=True)


def sites(ctx: ArticleContext, found: list[Toponym]) -> list[Toponym]:
    """Names of sites ("Nasser Hospital", "the University of Alberta", "Royal Street") among the capitalised
    runs, as toponyms that replace the places recognised inside them. Organisations and people stay out."""
    doc = ctx.doc
    words = facility_words()
    orgs = _organisations()
    out: list[Toponym] = []
    for a, b in _runs(doc):
        # "Royal Street at Washington Square", "February at the Kendale Lakes School": the site starts
        # after the last lower-case word that joins two names
        cut = max((k for k in range(a, b) if doc[k].lower_ in _SITE_BREAKS), default=-1)
        a = max(a, cut + 1)
        if a > 0 and doc[a - 1].lower_ == "the" and doc[a].lower_ in words and b - a >= 3:
            pass  # "the University of Alberta", "the Church of the Nativity"
        elif b - a < 2 or doc[b - 1].lower_ not in words or not doc[b - 1].is_title:
            continue
        if doc[a].lower_ in words and doc[a + 1].lower_ != "of" and doc[b - 1].lower_ not in words:
            continue
        if a > 0 and doc[a - 1].lower_.rstrip(".") in TITLES:
            continue
        ent = ctx.ent_of.get(a)
        if ent is not None and ent.label_ == "PERSON" and ent.end >= b:
            continue
        if _is_organisation(doc[a:b].text, orgs) or any(t.is_demonym for t in found if a <= t.start < b):
            continue  # "the British Embassy" is the embassy of a country, sited by its own city
        if any(f.start < a < f.end or f.start < b < f.end for f in found):
            continue  # cuts through a recognised name
        out.append(site_toponym(ctx, a, b))
    return out
