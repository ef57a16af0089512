"""Toponyms the gazetteer pass cannot see: wire datelines in capitals, road numbers, streets named in pairs,
admin areas named with their unit or called a village by the text, the EU and "the Gulf" used as places,
and repeats of a name the article already placed. The words they read live in data/place_cues.yaml;
`toponym_rules.refine` merges them with the gazetteer pass's toponyms.
"""

from __future__ import annotations

import re

from sitreps.gazetteer import normalize_name
from sitreps.stages.place_cues import cues, phrase_at, phrases, skip_back, words
from sitreps.stages.place_sites import site_toponym
from sitreps.stages.toponyms import (
    PLACE_CUES_BEFORE,
    TITLES,
    ArticleContext,
    Toponym,
    _common_words,
    _is_cap,
    _is_organisation,
    _not_places,
    _organisations,
    _runs,
)

# "SAN ANTONIO —", "CAMP MURRAY, Wash. -", "SOUTH WAZIRISTAN, April 5 (APP):", "WASHINGTON (AP) —"
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Z][A-Z'.\-]*(?:[ ][A-Z][A-Z'.\-]*){0,3})"
    r"(?P<tail>(?:\s*,\s*[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*){0,2}){0,2}"
    r"(?:\s*,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?)"
    r"\s*(?:\((?P<agency>[A-Za-z]{2,10})\))?\s*(?::|--|[-\u2013\u2014])"
)
_ROAD_NUMBER = re.compile(r"^(?:[AMNB]\d{1,4}(?:\(M\))?|I-\d{1,3})$")
_ROAD_WORDS = frozenset(
    {"Route", "Interstate", "Highway", "Hwy", "Hwy.", "Motorway", "Autobahn", "Autoroute"}
)


def datelines(ctx: ArticleContext) -> list[Toponym]:
    """Places in wire datelines: capitals at the start of a paragraph before a dash, a colon, an agency
    in parentheses or ", State" / ", April 5". Looked up whatever their case; a name the gazetteer lacks
    is still the dateline's place when an agency, a state or a date follows it."""
    doc, gaz = ctx.doc, ctx.gaz
    out = []
    for m in _DATELINE.finditer(doc.text):
        name = m.group("name")
        if sum(c.isalpha() for c in name) < 3:
            continue
        span = doc.char_span(m.start("name"), m.end("name"), alignment_mode="contract")
        if span is None or not len(span):
            continue
        key = normalize_name(name)
        hits = [h for h in gaz.hits(name, limit=25) if h.exact]
        tail = bool(m.group("agency") or m.group("tail").strip())
        if not hits and not tail:
            continue
        generic = key in _common_words() or key in _not_places() or _is_organisation(name, _organisations())
        if not hits and generic:
            continue  # "UPDATE:", "EDITOR'S NOTE —"
        t = Toponym(span.start, span.end, hits) if hits else site_toponym(ctx, span.start, span.end)
        t.dateline = True
        out.append(t)
    return out


def road_numbers(ctx: ArticleContext) -> list[Toponym]:
    """Numbered roads: "the A120", "the M25", "N7", "I-95", "Route 66", "Interstate 95", "Highway 401"."""
    doc = ctx.doc
    out = []
    before, not_before = words("road_number_before"), words("road_number_not_before")
    for tok in doc:
        i = tok.i
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if _ROAD_NUMBER.match(tok.text):
            if i == 0 or doc[i - 1].lower_ not in before:
                continue
            noun_after = nxt is not None and (
                nxt.lower_ in not_before or (nxt.is_lower and nxt.is_alpha and nxt.pos_ == "NOUN")
            )
            road_after = nxt is not None and nxt.lower_ in ("road", "motorway", "carriageway", "highway")
            if (noun_after or (nxt is not None and _is_cap(nxt))) and not road_after:
                continue  # "an M16 rifle", "the B52 bombers", "the M1 Abrams"
            out.append(Toponym(i, i + 1, [], site=True))
        elif tok.text in _ROAD_WORDS and nxt is not None and re.fullmatch(r"\d{1,4}[A-Z]?", nxt.text):
            a = i - 1 if i > 0 and doc[i - 1].text in ("State", "US", "U.S.", "County", "National") else i
            out.append(Toponym(a, i + 2, [], site=True))
    return out


def street_pairs(ctx: ArticleContext) -> list[Toponym]:
    """Streets named in pairs: "the corner of State and Hubbard streets" (each name a toponym),
    "the Chartres/Franklin intersection"."""
    doc = ctx.doc
    out = []
    plurals, crossings = words("street_plurals"), words("intersection_words")
    for tok in doc:
        k = tok.i
        if not (tok.lower_ in plurals or tok.lower_ in crossings) or k < 3:
            continue
        a, b = k - 3, k - 1
        if (
            _is_cap(doc[a])
            and _is_cap(doc[b])
            and (doc[a + 1].lower_ in ("and", "&") or doc[a + 1].text == "/")
            and (tok.lower_ in plurals or doc[a + 1].text == "/" or doc[a - 1].lower_ == "the")
        ):
            out += [Toponym(a, a + 1, [], site=True), Toponym(b, b + 1, [], site=True)]
    return out


def unit_areas(ctx: ArticleContext, found: list[Toponym]) -> list[Toponym]:
    """Admin areas the gazetteer lacks, named with their unit ("Guma Local Government Area", "Guma LGA",
    "Nenagh Municipal District", "Washington Township") or called a settlement by the text ("Torkula
    village", lower case, where the toponym is the name alone)."""
    doc = ctx.doc
    units, lower_after = phrases("admin_unit_words"), words("settlement_lower_after")
    out = []
    for a, b in _runs(doc):
        while a < b and doc[a].is_stop:
            a += 1  # "The Guma LGA chairman"
        # a capitalised unit word ending the run or before "of": "Guma Local Government Area (of Benue State)"
        for u in range(a + 1, b):
            size = phrase_at(doc, u, units, capitalised=True)
            end = u + size
            if size and (end == b or doc[end].lower_ == "of") and _plain_name(ctx, a, u):
                out.append(site_toponym(ctx, a, end))
                break
        else:
            # "Torkula village": an unknown name the text calls a settlement
            called = b < len(doc) and doc[b].lower_ in lower_after and doc[b].is_lower
            if called and _plain_name(ctx, a, b) and not any(f.start < b and a < f.end for f in found):
                out.append(site_toponym(ctx, a, b))
    return out


def unions_and_gulf(ctx: ArticleContext, found: list[Toponym]) -> list[Toponym]:
    """"in the EU", "EU member states" (the union as a place, not as an actor that speaks), and "the Gulf"
    in a report that names a Gulf country."""
    doc, gaz = ctx.doc, ctx.gaz
    gulf_ccs = set(cues().get("gulf_countries", []))
    gulf_report = any(t.hits and t.hits[0].place.country_code in gulf_ccs for t in found if not t.is_demonym)
    out = []
    for tok in doc:
        i = tok.i
        k = skip_back(doc, i - 1, frozenset({"the"}))
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if tok.text in cues().get("union_abbreviations", []):
            cue = k >= 0 and doc[k].lower_ in PLACE_CUES_BEFORE
            if cue or (nxt is not None and nxt.lower_ in words("union_place_after")):
                hits = gaz.hits(tok.text, limit=5)
                regions = [h for h in hits if h.exact and h.place.feature_type == "region"]
                out.append(Toponym(i, i + 1, regions[:1]))
        elif (
            tok.text == "Gulf"
            and gulf_report
            and i > 0
            and doc[i - 1].lower_ == "the"
            and (nxt is None or not (_is_cap(nxt) or nxt.lower_ in ("of", "coast", "war")))
        ):
            hits = [h for h in gaz.hits("Persian Gulf", limit=3) if h.exact]
            out.append(Toponym(i, i + 1, hits[:1]))
    return out


def _plain_name(ctx: ArticleContext, a: int, b: int) -> bool:
    """Whether tokens [a, b) can be a place's own name: short, capitalised, no common word, no person."""
    doc = ctx.doc
    if not 0 < b - a <= 4 or not _is_cap(doc[a]):
        return False
    if a > 0 and doc[a - 1].lower_.rstrip(".") in TITLES:
        return False
    ent = ctx.ent_of.get(a)
    if ent is not None and ent.label_ == "PERSON" and ent.end >= b:
        return False
    compass = words("compass_words")
    name_words = [t for t in doc[a:b] if t.is_alpha and t.lower_ not in compass]
    if not name_words or _is_organisation(doc[a:b].text, _organisations()):
        return False
    bad = _common_words() | _not_places()
    return not any(t.lower_ in bad or (t.is_upper and len(t) > 1) for t in name_words)


def possessive_repeats(ctx: ArticleContext, placed: list[Toponym], found: list[Toponym]) -> list[Toponym]:
    """A name the gazetteer pass read as a place (`placed`) again as a possessive outside the toponyms
    `found`: "Douma's fall" after "fighting in Douma", which the model may call a person there. (Every
    repeat, possessive or not, costs more precision than it brings recall on GeoWebNews: 0.917 -> 0.898.)"""
    doc = ctx.doc
    known: dict[str, Toponym] = {}
    for t in placed:
        if t.hits and not t.is_demonym and not t.site:
            known.setdefault(normalize_name(doc[t.start : t.end].text), t)
    taken = {k for t in found for k in range(t.start, t.end)}
    out = []
    for key, t in known.items():
        n = t.end - t.start
        for a in range(len(doc) - n + 1):
            b = a + n
            if normalize_name(doc[a:b].text) != key or taken & set(range(a, b)) or key in ctx.person_words:
                continue
            if b >= len(doc) or doc[b].text not in ("'s", "’s"):
                continue
            if a > 0 and _is_cap(doc[a - 1]) and not doc[a - 1].is_stop:
                continue  # inside a longer name
            if a > 0 and doc[a - 1].lower_.rstrip(".") in TITLES:
                continue
            ent = ctx.ent_of.get(a)
            if ent is not None and ent.label_ in ("PERSON", "ORG") and (ent.start < a or ent.end > b):
                continue
            out.append(Toponym(a, b, t.hits, feature_hint=t.feature_hint))
            taken |= set(range(a, b))
    return out
