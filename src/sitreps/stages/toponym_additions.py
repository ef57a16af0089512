"""Toponyms the gazetteer pass cannot see: wire datelines in capitals, road numbers, streets named in pairs,
the EU and "the Gulf" used as places, repeats of a name the article already placed, Arabic settlement names
and names a place frame labels (admin areas named with their unit and settlements the text calls a village:
`toponym_units`). The words they read live in data/place_cues.yaml;
`toponym_rules.refine` merges them with the gazetteer pass's toponyms.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitreps.gazetteer import normalize_name
from sitreps.stages.place_cues import cues, skip_back, words
from sitreps.stages.place_sites import site_toponym
from sitreps.stages.toponyms import (
    FEATURE_AFTER,
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
# unit words a name may end on that are no part of its own name ("Kafr Nabuda Province")
PLACE_UNIT_WORDS = frozenset(FEATURE_AFTER)
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
    # a name the text frames as a place ("the village of Gaga") may be a common word
    common, not_places = (frozenset() if person_ok else _common_words()), _not_places()
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


def _glued_article(ctx: ArticleContext, a: int) -> int:
    """The start of an Arabic article glued to the name at token `a` ("al-" in "al-Muthanna"), else `a`."""
    table = ctx.tokens
    if (
        a >= 2
        and table.text[a - 1] == "-"
        and not table.ws[a - 2]
        and not table.ws[a - 1]
        and table.lower[a - 2] in words("arabic_articles")
        and not (a >= 3 and not table.ws[a - 3])  # "Abdel-al-X" is inside another word
    ):
        return a - 2
    return a


def _arabic_hits(ctx: ArticleContext, a: int, b: int, inner: list) -> Toponym:
    """The toponym for an Arabic name at [a, b): the gazetteer's entry for it (spelled as written, or nearly:
    "Ain al-Arab" is "'Ayn al 'Arab"), else the place the gazetteer pass found inside it ("Dirrah" in "Tall
    ad-Dirrah"), else a site that lies where the article's other places are."""
    name = ctx.span_text(a, b)
    hits = ctx.gaz.exact_hits(name, limit=10)
    if not hits:
        hits = [h for h in ctx.gaz.hits(name, limit=10) if h.similarity >= 0.85]
    hits = hits or inner
    return Toponym(a, b, hits) if hits else Toponym(a, b, [], site=True)


def arabic_names(ctx: ArticleContext, found: list[Toponym]) -> list[Toponym]:
    """Arabic place names the gazetteer pass misses or cuts short: a name begun by a settlement word
    ("Kafr Nabuda", "Tall ad-Dirrah", "Khan Tuman", "Ain al-Arab"), a name with its article glued to it
    ("al-Muthanna province", "in al-Ghazaliyah"), and a found name's own article ("al-Zawraa Park")."""
    table = ctx.tokens
    lower, cap = table.lower, table.cap
    heads, weak = words("arabic_name_heads"), words("arabic_weak_heads")
    after, before = words("settlement_lower_after"), words("arabic_place_before")
    orgs = _organisations()
    by_start = {t.start: t for t in found if not t.is_demonym}
    out = []
    for a, b in ctx.runs:
        while a < b and table.is_stop[a]:
            a += 1
        if a >= b:
            continue
        start = _glued_article(ctx, a)
        b = min(b, a + 6)
        while b - 1 > a and (lower[b - 1] in PLACE_UNIT_WORDS or not cap[b - 1]):
            b -= 1  # "Kafr Nabuda Province": the name without its unit
        name = ctx.span_text(start, b)
        if _is_organisation(name, orgs) or _is_organisation(ctx.span_text(a, b), orgs):
            continue
        k = skip_back(ctx.doc, start - 1, frozenset({"the"}) | words("compass_words"))
        cue_before = k >= 0 and lower[k] in before
        settled = b < table.n and lower[b] in after and table.is_lower[b]
        ent = ctx.ent_of.get(a)
        label = ent.label_ if ent is not None else ""
        known = by_start.get(a)
        inner = [h for t in found if a <= t.start and t.end <= b and not t.is_demonym for h in t.hits]
        # "Kobane (Ain al-Arab)": a name in brackets after a place is its other name
        cue_before = cue_before or (k >= 1 and table.text[k] == "(" and any(t.end == k for t in found))
        if lower[a] in heads and b - a > 1:
            out.append(_arabic_hits(ctx, start, b, inner))  # "Kafr Nabuda", "Tall ad-Dirrah"
        elif lower[a] in weak and b - a > 1 and (cue_before or settled or label in ("GPE", "LOC", "FAC")):
            out.append(_arabic_hits(ctx, start, b, inner))  # "Khan Tuman", "Ain al-Arab"; not "Ras Baraka"
        elif start < a and known is None and (settled or (cue_before and label not in ("ORG", "NORP"))):
            nxt = table.text[b] if b < table.n else ""
            if nxt not in ("'s", "’s") and not (k >= 0 and cap[k]):
                out.append(_arabic_hits(ctx, start, b, inner))  # "in al-Muthanna", "the al-Muthanna province"
    return out


def with_articles(ctx: ArticleContext, found: list[Toponym]) -> list[Toponym]:
    """Toponyms with the Arabic article glued before them ("al-" in "al-Zawraa Park", "al-Raqqa"): the
    article is part of the name as written."""
    out = []
    for t in found:
        start = t.start if t.is_demonym or t.dateline else _glued_article(ctx, t.start)
        if start < t.start and ctx.tokens.cap[t.start]:
            t = replace(t, start=start)
        out.append(t)
    return out


def labelled_unknowns(ctx: ArticleContext, found: list[Toponym]) -> list[Toponym]:
    """Names the model tags as a place (GPE, LOC) that the gazetteer lacks, right after a locative word
    ("fighting in Rityan", "clashes near Qabasin"): a village too small for the gazetteer is still where
    the event happened; it lies where the article's other places are."""
    table = ctx.tokens
    before = words("unknown_place_before")
    taken = {k for t in found for k in range(t.start, t.end)}
    out = []
    for ent in ctx.doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        a, b = ent.start, ent.end
        while a < b and table.is_stop[a]:
            a += 1
        if a >= b or taken & set(range(a, b)):
            continue
        k = skip_back(ctx.doc, a - 1, frozenset({"the"}) | words("compass_words"))
        if k < 0 or table.lower[k] not in before or not _plain_name(ctx, a, b):
            continue
        if b < table.n and (table.cap[b] or table.text[b] in ("'s", "’s", "-")):
            continue  # part of a longer name or an owner ("in Gaza's", "in Trump-")
        out.append(site_toponym(ctx, a, b))
    # "troops entered Rityan on Tuesday": the object of a verb of taking ground is a place whatever the model
    # calls it, unless it names a person or goes on to a noun ("captured Hezbollah fighters")
    taking = words("ground_taking_verbs")
    done = {k for t in out for k in range(t.start, t.end)} | taken
    for a, b in ctx.runs:
        if b - a > 3 or done & set(range(a, b)) or a < 1:
            continue
        # "took control of Bdama", "seized control of X": the thing controlled is ground
        control = a >= 2 and table.lower[a - 1] == "of" and table.lower[a - 2] == "control"
        if table.lower[a - 1] not in taking and not control:
            continue
        ent = ctx.ent_of.get(a)
        if ent is not None and ent.label_ not in ("GPE", "LOC", "ORG", "FAC"):
            continue
        goes_on = b < table.n and (
            table.cap[b] or ctx.doc[b].pos_ in ("NOUN", "PROPN") or table.text[b] in ("'s", "’s")
        )
        if not goes_on and _plain_name(ctx, a, b):
            out.append(site_toponym(ctx, a, b))
    return out
