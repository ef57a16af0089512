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
    _is_organisation,
    _not_places,
    _organisations,
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
    for m in _DATELINE.finditer(ctx.text):
        name = m.group("name")
        if sum(c.isalpha() for c in name) < 3:
            continue
        span = doc.char_span(m.start("name"), m.end("name"), alignment_mode="contract")
        if span is None or not len(span):
            continue
        key = normalize_name(name)
        hits = gaz.exact_hits(name, limit=25)
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
    doc, table = ctx.doc, ctx.tokens
    text, lower, n = table.text, table.lower, table.n
    out = []
    before, not_before = words("road_number_before"), words("road_number_not_before")
    for i in range(n):
        nxt = i + 1 < n
        if _ROAD_NUMBER.match(text[i]):
            if i == 0 or lower[i - 1] not in before:
                continue
            noun_after = nxt and (
                lower[i + 1] in not_before
                or (table.is_lower[i + 1] and table.is_alpha[i + 1] and doc[i + 1].pos_ == "NOUN")
            )
            road_after = nxt and lower[i + 1] in ("road", "motorway", "carriageway", "highway")
            if (noun_after or (nxt and table.cap[i + 1])) and not road_after:
                continue  # "an M16 rifle", "the B52 bombers", "the M1 Abrams"
            out.append(Toponym(i, i + 1, [], site=True))
        elif text[i] in _ROAD_WORDS and nxt and re.fullmatch(r"\d{1,4}[A-Z]?", text[i + 1]):
            a = i - 1 if i > 0 and text[i - 1] in ("State", "US", "U.S.", "County", "National") else i
            out.append(Toponym(a, i + 2, [], site=True))
    return out


def street_pairs(ctx: ArticleContext) -> list[Toponym]:
    """Streets named in pairs: "the corner of State and Hubbard streets" (each name a toponym),
    "the Chartres/Franklin intersection"."""
    table = ctx.tokens
    text, lower, cap = table.text, table.lower, table.cap
    out = []
    plurals, crossings = words("street_plurals"), words("intersection_words")
    for k in range(3, table.n):
        word = lower[k]
        if not (word in plurals or word in crossings):
            continue
        a, b = k - 3, k - 1
        if (
            cap[a]
            and cap[b]
            and (lower[a + 1] in ("and", "&") or text[a + 1] == "/")
            and (word in plurals or text[a + 1] == "/" or lower[a - 1] == "the")
        ):
            out += [Toponym(a, a + 1, [], site=True), Toponym(b, b + 1, [], site=True)]
    return out


def unit_areas(ctx: ArticleContext, found: list[Toponym]) -> list[Toponym]:
    """Admin areas the gazetteer lacks, named with their unit ("Guma Local Government Area", "Guma LGA",
    "Nenagh Municipal District", "Washington Township") or called a settlement by the text ("Torkula
    village", lower case, where the toponym is the name alone)."""
    doc, table = ctx.doc, ctx.tokens
    units, lower_after = phrases("admin_unit_words"), words("settlement_lower_after")
    before_of = words("settlement_before_of")
    out = []
    for a, b in ctx.runs:
        while a < b and table.is_stop[a]:
            a += 1  # "The Guma LGA chairman"
        # a capitalised unit word ending the run or before "of": "Guma Local Government Area (of Benue State)"
        for u in range(a + 1, b):
            size = phrase_at(doc, u, units, capitalised=True)
            end = u + size
            if size and (end == b or table.lower[end] == "of") and _plain_name(ctx, a, u):
                out.append(site_toponym(ctx, a, end))
                break
        else:
            # "Torkula village": an unknown name the text calls a settlement; "the village of Boloum", "the
            # remote hamlet of Kotiyagala": one it names after a settlement word
            called = b < table.n and table.lower[b] in lower_after and table.is_lower[b]
            named = a >= 2 and table.lower[a - 1] == "of" and table.lower[a - 2] in before_of
            named = named and table.is_lower[a - 2]
            # (the name test only where the text calls it a settlement: most runs are not)
            if (
                (called or named)
                and _plain_name(ctx, a, b, person_ok=named)  # "the village of X": X is no person
                and not any(f.start < b and a < f.end for f in found)
            ):
                out.append(site_toponym(ctx, a, b))
    return out


def unions_and_gulf(ctx: ArticleContext, found: list[Toponym]) -> list[Toponym]:
    """"in the EU", "EU member states" (the union as a place, not as an actor that speaks), and "the Gulf"
    in a report that names a Gulf country."""
    doc, gaz, table = ctx.doc, ctx.gaz, ctx.tokens
    text, lower, n = table.text, table.lower, table.n
    gulf_ccs = set(cues().get("gulf_countries", []))
    gulf_report = any(t.hits and t.hits[0].place.country_code in gulf_ccs for t in found if not t.is_demonym)
    unions = cues().get("union_abbreviations", [])
    out = []
    for i in range(n):
        nxt = i + 1 < n
        if text[i] in unions:
            k = skip_back(doc, i - 1, frozenset({"the"}))
            cue = k >= 0 and lower[k] in PLACE_CUES_BEFORE
            if cue or (nxt and lower[i + 1] in words("union_place_after")):
                regions = [h for h in gaz.exact_hits(text[i], limit=5) if h.place.feature_type == "region"]
                out.append(Toponym(i, i + 1, regions[:1]))
        elif (
            text[i] == "Gulf"
            and gulf_report
            and i > 0
            and lower[i - 1] == "the"
            and (not nxt or not (table.cap[i + 1] or lower[i + 1] in ("of", "coast", "war")))
        ):
            hits = gaz.exact_hits("Persian Gulf", limit=3)
            out.append(Toponym(i, i + 1, hits[:1]))
    return out


def _plain_name(ctx: ArticleContext, a: int, b: int, person_ok: bool = False) -> bool:
    """Whether tokens [a, b) can be a place's own name: short, capitalised, no common word, no person
    (unless the words before it say it is a place: `person_ok`)."""
    table = ctx.tokens
    if not 0 < b - a <= 4 or not table.cap[a]:
        return False
    if a > 0 and table.lower[a - 1].rstrip(".") in TITLES:
        return False
    ent = ctx.ent_of.get(a)
    if ent is not None and ent.label_ == "PERSON" and ent.end >= b and not person_ok:
        return False
    compass = words("compass_words")
    name_words = [k for k in range(a, b) if table.is_alpha[k] and table.lower[k] not in compass]
    if not name_words or _is_organisation(ctx.span_text(a, b), _organisations()):
        return False
    common, not_places = _common_words(), _not_places()
    return not any(
        table.lower[k] in common
        or table.lower[k] in not_places
        or (table.is_upper[k] and len(table.text[k]) > 1)
        for k in name_words
    )


def possessive_repeats(ctx: ArticleContext, placed: list[Toponym], found: list[Toponym]) -> list[Toponym]:
    """A name the gazetteer pass read as a place (`placed`) again as a possessive outside the toponyms
    `found`: "Douma's fall" after "fighting in Douma", which the model may call a person there. (Every
    repeat, possessive or not, costs more precision than it brings recall on GeoWebNews: 0.917 -> 0.898.)"""
    table = ctx.tokens
    known: dict[str, Toponym] = {}
    for t in placed:
        if t.hits and not t.is_demonym and not t.site:
            known.setdefault(normalize_name(ctx.span_text(t.start, t.end)), t)
    taken = {k for t in found for k in range(t.start, t.end)}
    # only a name right before a possessive can be one: look there, not at every token
    possessives = [b for b in range(1, table.n) if table.text[b] in ("'s", "’s")]
    out = []
    for key, t in known.items():
        if key in ctx.person_words:
            continue
        n = t.end - t.start
        for b in possessives:
            a = b - n
            if a < 0 or normalize_name(ctx.span_text(a, b)) != key or taken & set(range(a, b)):
                continue
            if a > 0 and table.cap[a - 1] and not table.is_stop[a - 1]:
                continue  # inside a longer name
            if a > 0 and table.lower[a - 1].rstrip(".") in TITLES:
                continue
            ent = ctx.ent_of.get(a)
            if ent is not None and ent.label_ in ("PERSON", "ORG") and (ent.start < a or ent.end > b):
                continue
            out.append(Toponym(a, b, t.hits, feature_hint=t.feature_hint))
            taken |= set(range(a, b))
    return out
