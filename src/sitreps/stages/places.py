"""The places stage: find toponyms in an article and resolve them to gazetteer places.

Recognition (`toponyms.py`) finds the names; resolution (`place_ranking.py`) picks each name's place;
this module ties them together and adds what a mention says about its place: a relation to it ("10 km
north of", "the outskirts of", "-based", "-backed"), the dateline, and the coarser precision that follows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc

from sitreps.gazetteer import Gazetteer, distance_km, get_gazetteer
from sitreps.model import Article, Place, PlaceMention, TextSpan
from sitreps.stages.place_cues import institution_nouns, words
from sitreps.stages.place_ranking import nearest_context_place, resolve
from sitreps.stages.place_sites import inner_demonym, site_toponym, sites, toponym_for_span
from sitreps.stages.toponym_additions import with_articles
from sitreps.stages.toponyms import ArticleContext, Toponym, recognise

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


def find_places(doc: Doc, article: Article, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Toponyms and nationality adjectives in an article, resolved to places where possible.

    `doc` is the parse of `article.text`; sentence indices count `doc.sents`.
    """
    gaz = gazetteer or get_gazetteer()
    ctx = ArticleContext(doc, gaz)
    text = article.text
    found = recognise(ctx)
    site_list = sites(ctx, found)
    if site_list:
        inside = {k for t in site_list for k in range(t.start, t.end)}
        found = sorted(
            [f for f in found if f.start not in inside] + site_list, key=lambda f: (f.start, f.end)
        )
    found = with_articles(ctx, found)
    _mark_dateline(doc, found, text)
    places = _place_sites(ctx, found, resolve(ctx, found, text))
    idx, words = ctx.tokens.idx, ctx.tokens.text
    relations = []
    for f in found:
        if f.dateline or f.is_demonym or f.relation:
            relations.append("dateline" if f.dateline else "" if f.is_demonym else f.relation)
            continue
        first, last = ctx.sentence_bounds(f.start)
        sent_end = idx[last - 1] + len(words[last - 1])
        span_start, span_end = idx[f.start], idx[f.end - 1] + len(words[f.end - 1])
        relations.append(_relation(text, idx[first], span_start, span_end, sent_end))
    # "the Gaza health ministry", "Kharkiv officials": where a body sits, not where anything happened
    for n, f in enumerate(found):
        if relations[n] or f.is_demonym:
            continue
        root = doc[f.end - 1]
        heads = {root.head.lemma_.lower(), root.head.lower_}
        if root.dep_ in ("compound", "amod", "nmod") and root.head.i >= f.end and heads & institution_nouns():
            relations[n] = "based"
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
                is_country_adjective=f.is_demonym,
            )
        )
    return mentions


def _mark_dateline(doc: Doc, found: list[Toponym], text: str) -> None:
    dateline = _dateline_span(text)
    if dateline:
        for f in found:
            # the city and the country after it ("KANO, Nigeria, ...") both place the outlet
            if dateline[0] <= doc[f.start].idx < dateline[1] and not f.is_demonym:
                f.dateline = True


def resolve_spans(
    doc: Doc, article: Article, spans: list[tuple[int, int]], gazetteer: Gazetteer | None = None
) -> list[Place | None]:
    """Places for toponyms someone else marked (character spans: a gold standard's, a user's), ranked with
    the whole article as evidence: the stage's own toponyms elsewhere in the text, plus these.

    A marked name the gazetteer lacks (a street, a school, a company's site) takes the place named inside
    it ("University of Alberta"), else the nearest place the article resolved around it, with precision 2.
    """
    gaz = gazetteer or get_gazetteer()
    ctx = ArticleContext(doc, gaz)
    text = article.text
    token_spans: dict[tuple[int, int], tuple[int, int]] = {}
    for start, end in spans:
        sp = doc.char_span(start, end, alignment_mode="expand")
        if sp is not None and len(sp):
            token_spans[(start, end)] = (sp.start, sp.end)
    marked: dict[tuple[int, int], Toponym] = {}
    for i, j in set(token_spans.values()):
        t = toponym_for_span(ctx, i, j)
        if not (t.is_demonym or t.hits):
            t = site_toponym(ctx, i, j)
            if not t.hits:
                t = inner_demonym(ctx, i, j) or t
        marked[(i, j)] = t
    taken = {k for i, j in marked for k in range(i, j)}
    found = [f for f in recognise(ctx) if not any(k in taken for k in range(f.start, f.end))]
    found = sorted(found + list(marked.values()), key=lambda f: (f.start, f.end))
    _mark_dateline(doc, found, text)
    places = _place_sites(ctx, found, resolve(ctx, found, text))
    by_tokens = {(f.start, f.end): p for f, p in zip(found, places, strict=True)}
    return [by_tokens.get(token_spans[s]) if s in token_spans else None for s in spans]


def _place_sites(ctx: ArticleContext, found: list[Toponym], places: list[Place | None]) -> list[Place | None]:
    """A site lies where the place named inside it lies ("University of Alberta"), else where the article's
    nearest resolved place is; a small namesake far from everything else the article names ("Zoo" in
    "Zoo Road") is not it. Sites get precision 2 at best.

    A name the text frames with a place ("the Naba al-Fawwar area of Quneitra province", "the Salah Eddin
    neighborhood in Aleppo") lies in or near that place: a site, a name read only by a loose spelling and a
    name left without a reading take the frame's place where their own reading lies far from it."""
    chosen = {(f.start, f.end): p for f, p in zip(found, places, strict=True)}
    out = list(places)
    for n, f in enumerate(found):
        if f.is_demonym:
            continue
        place = places[n]
        loose = bool(f.hits) and not any(h.exact for h in f.hits)
        if not (f.site or loose or (f.hits and place is None)):
            continue
        frame = _frame_place(ctx, found, places, n)
        if frame is not None and (place is None or not _near(place, frame)):
            place = frame
        elif f.site or place is None:
            around = nearest_context_place(found, chosen, (f.start, f.end))
            if not f.site and around is not None and around.country_code != _main_country(places):
                around = None  # a loose spelling left unread: only where the article mostly is
            if place is None or (
                around is not None and not _prominent(place) and distance_km(place, around) > 300
            ):
                place = around
        else:
            out[n] = place
            continue
        out[n] = replace(place, geo_precision=max(place.geo_precision, 2)) if place is not None else None
    return out


def _frame_place(
    ctx: ArticleContext, found: list[Toponym], places: list[Place | None], n: int
) -> Place | None:
    """The place that frames toponym `n` in its phrase: the finest resolved place after it joined by frame
    words only ("X area of the Syrian Quneitra province", "X, a village in Idlib"), else the one before it
    joined by a possessive ("Aleppo's X district"); None if there is none."""
    glue_words, links, lower = words("frame_glue_words"), words("frame_link_words"), ctx.tokens.lower
    sent = ctx.sentence_of(found[n].start)
    best: Place | None = None
    end, seen = found[n].end, set()
    for m in range(n + 1, len(found)):
        g = found[m]
        glue = lower[end : g.start]
        if g.start < end or ctx.sentence_of(g.start) != sent or len(glue) > 6 or not set(glue) <= glue_words:
            break
        seen |= set(glue)
        p = places[m]
        if p is not None and p.latitude is not None and seen & links:
            if p.feature_type not in ("country", "region", "sea"):
                return p
            best = best or p  # a country only if nothing finer follows ("the Syrian Quneitra province")
        end = g.end
    if best is not None:
        return best
    if n > 0:
        g, p = found[n - 1], places[n - 1]
        glue = lower[g.end : found[n].start]
        if (
            p is not None
            and p.latitude is not None
            and ctx.sentence_of(g.start) == sent
            and 1 <= len(glue) <= 3
            and glue[0] in ("'s", "’s")
            and set(glue) <= glue_words
        ):
            return p
    return None


def _main_country(places: list[Place | None]) -> str:
    """The country most of the article's resolved places lie in ("" if none)."""
    codes = Counter(p.country_code for p in places if p is not None and p.country_code)
    return codes.most_common(1)[0][0] if codes else ""


def _near(place: Place, frame: Place) -> bool:
    """Whether a reading agrees with the place that frames its name: in the frame's country, province, or
    within a city's reach."""
    if place.country_code != frame.country_code or place.latitude is None:
        return False
    if frame.feature_type in ("country", "region"):
        return True
    if frame.feature_type == "admin1":
        return place.admin1 == frame.name or distance_km(place, frame) < 150
    return distance_km(place, frame) < 50


def _prominent(p: Place) -> bool:
    return p.feature_type in ("country", "admin1", "region", "sea") or p.population >= 100_000
