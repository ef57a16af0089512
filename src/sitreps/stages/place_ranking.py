"""Toponym resolution: rank each recognised name's gazetteer candidates the way an analyst would.

Evidence, all from the article: the countries it is about, each candidate's importance, the admin
hierarchy written in the text ("Morek in Hama province", "Paris, Texas"), the first-level areas most of
its other places fall in (the dateline counting double) and the distance to its other places.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from sitreps.gazetteer import Gazetteer, GazetteerHit, normalize_name, strip_articles
from sitreps.model import Place
from sitreps.stages.toponyms import ArticleContext, Toponym

# importance (log scale) a namesake may lack against the name's most important reading before it pays
FAME_GAP_FREE = 2.0
FAME_GAP_WEIGHT = 1.0
# a site's fallback place: others the article names within this distance make a place trustworthy
SITE_SUPPORT_KM = 100.0
SITE_FAMOUS_POP = 100_000


def _focus(found: list[Toponym], gaz: Gazetteer) -> Counter:
    """How much the article is about each country: names, adjectives and likely places."""
    weights: Counter = Counter()
    for f in found:
        if f.is_demonym:
            if f.adjective_cc or (f.demonym is not None and f.demonym.country_code):
                weights[f.adjective_cc or f.demonym.country_code] += 1.0
            continue
        if f.relation:  # "Britain-based", "Iran-backed": not what the article is about
            continue
        countries = [h for h in f.hits if h.exact and h.place.feature_type == "country"]
        if countries and f.local:
            continue  # "a Palestine man", "Lebanon police": a town of that name, not yet known which
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
    # (county, state) keys of every reading of the article's town names: a county named beside one of
    # its towns is that town's county
    town_counties: set[tuple[str, str]] = field(default_factory=set)


def _county_key(p: Place) -> str:
    """A county's name as its towns file it ("Walker County" -> "walker")."""
    key = strip_articles(normalize_name(p.admin2 or p.name))
    return key[: -len(" county")] if key.endswith(" county") else key


def _admin1_key(p: Place) -> tuple[str, str] | None:
    """The first-level area a place lies in (an admin1 area is its own), as (country, name key)."""
    name = p.name if p.feature_type == "admin1" else p.admin1
    if not name or p.feature_type in ("country", "sea", "region"):
        return None
    return p.country_code, strip_articles(normalize_name(name))


def _score(
    f: Toponym,
    h: GazetteerHit,
    ev: _Evidence,
    names_here: set[str],
    qualifier: list[GazetteerHit],
    own_vote: tuple[tuple[str, str] | None, int],
    mention_key: str,
) -> float:
    p = h.place
    s = 3.0 if h.exact else 3.0 * h.similarity - 1.0
    # a municipality whose police, council or residents are reported: fame says little about which one
    s += 0.6 * min(h.importance, 5.0 if f.local else 8.0)
    if not f.local and not qualifier and h.exact:
        # London, Ohio over London needs the text to say so, not just a story set in the US
        top = max((x.importance for x in f.hits if x.exact), default=h.importance)
        s -= FAME_GAP_WEIGHT * max(0.0, top - h.importance - FAME_GAP_FREE)
    if f.feature_hint:
        s += 4.0 if p.feature_type == f.feature_hint else (-2.0 if f.feature_hint == "admin1" else 0.0)
    if ev.top_focus:
        s += 3.0 * ev.focus.get(p.country_code, 0.0) / ev.top_focus
    a1 = strip_articles(normalize_name(p.admin1)) if p.admin1 and p.feature_type != "admin1" else ""
    if a1 and a1 in names_here:
        s += 2.5
    elif a1 and a1 in ev.names_all:
        s += 1.0
    a2 = strip_articles(normalize_name(p.admin2)) if p.admin2 and p.feature_type != "admin2" else ""
    if a2 and (a2 + " county" in ev.names_all or a2 + " parish" in ev.names_all):
        s += 2.5  # Huntsville in a story that names Walker County: Huntsville, Texas, the county seat
    if (
        p.feature_type == "admin2"
        and (_county_key(p), strip_articles(normalize_name(p.admin1))) in ev.town_counties
    ):
        s += 2.5  # and Walker County, Texas, in a story that names one of its towns
    if qualifier:
        s += _qualifier_bonus(p, a1, qualifier)
    elif h.place_id == ev.settled.get(mention_key, -1):
        s += 5.0
    if mention_key in ev.area_names and p.feature_type != "admin1" and not qualifier:
        s -= 3.0  # "Kansas" is the state, not Kansas, Illinois, unless the text says so
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


def _qualifier(ctx: ArticleContext, found: list[Toponym], n: int) -> list[GazetteerHit]:
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
    return [h for h in ctx.gaz.exact_hits(text, limit=5) if h.place.feature_type == "admin1"]


def _country_or_state(f: Toponym, country: GazetteerHit, focus: Counter, mentions: int) -> Place:
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


def resolve(ctx: ArticleContext, found: list[Toponym], text: str) -> list[Place | None]:
    """The place of each toponym (None where it has no candidate), in the order given."""
    gaz = ctx.gaz
    # one mention with a local cue ("the Paris Police Department") makes every mention of the name local
    local_keys = {normalize_name(ctx.span_text(f.start, f.end)) for f in found if f.local}
    for f in found:
        f.local = f.local or normalize_name(ctx.span_text(f.start, f.end)) in local_keys
    focus = _focus(found, gaz)
    names_by_sent: dict[int, set[str]] = {}
    for f in found:
        names_by_sent.setdefault(ctx.sentence_of(f.start), set()).add(
            strip_articles(normalize_name(ctx.span_text(f.start, f.end)))
        )
    names_all = set().union(*names_by_sent.values()) if names_by_sent else set()
    ev = _Evidence(focus, max(focus.values(), default=0.0), names_all)
    ev.area_names = {
        strip_articles(normalize_name(ctx.span_text(f.start, f.end)))
        for f in found
        if f.hits
        and f.hits[0].exact
        and f.hits[0].place.feature_type == "admin1"
        and _same_name(f.hits[0].place.name, f, ctx)
    }
    ev.town_counties = {
        (strip_articles(normalize_name(h.place.admin2)), strip_articles(normalize_name(h.place.admin1)))
        for f in found
        for h in f.hits
        if h.exact and h.place.admin2 and h.place.feature_type == "populated_place"
    }
    chosen: list[Place | None] = [None] * len(found)
    votes_of: list[tuple[tuple[str, str] | None, int]] = [(None, 0)] * len(found)
    qualifiers = [_qualifier(ctx, found, n) for n in range(len(found))]
    qualified_by = {
        n + 1: n
        for n, q in enumerate(qualifiers)
        if q and n + 1 < len(found) and found[n + 1].start == found[n].end + 1
    }
    key_counts = Counter(normalize_name(ctx.span_text(f.start, f.end)) for f in found if not f.is_demonym)
    anchors_all: list[Place] = []
    for _pass in range(2):
        new_anchors = []
        for n, f in enumerate(found):
            if f.is_demonym:
                chosen[n] = f.demonym or gaz.country(f.adjective_cc)
                continue
            if not f.hits:
                continue
            key = normalize_name(ctx.span_text(f.start, f.end))
            # a country name is the country, whatever the rest of the article says
            country = next((h for h in f.hits if h.exact and h.place.feature_type == "country"), None)
            hits = f.hits
            if country is not None and f.local and focus:
                # "a Palestine man" in a Texas story: the article's country's town of that name, if it has one
                top = focus.most_common(1)[0][0]
                towns = [
                    h
                    for h in gaz.hits(ctx.span_text(f.start, f.end), limit=25)
                    if h.exact and h.place.country_code == top != country.place.country_code
                ]
                if towns and not any(h.place.feature_type == "admin1" for h in towns):
                    country, hits = None, towns
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
            given = _countries_given(ev.focus, f, key_counts.get(key, 1))
            if given:
                # a loose spelling must agree with a country the rest of the text gives ("Salah Eddin
                # neighborhood in Aleppo" is not Iraq's Salah al-Din): its own mentions do not count
                hits = [h for h in hits if h.exact or h.place.country_code in given]
                if not hits:
                    chosen[n] = None
                    continue
            best = max(hits, key=lambda h: _score(f, h, ev, here, qualifiers[n], own_vote, mention_key))
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
            key = strip_articles(normalize_name(ctx.span_text(f.start, f.end)))
            if area and weight > area_of.get(key, (None, 0))[1]:
                area_of[key] = (area, weight)
        ev.admin1_votes = Counter()
        for area, weight in area_of.values():
            ev.admin1_votes[area] += weight
        for n, f in enumerate(found):
            votes_of[n] = area_of.get(
                strip_articles(normalize_name(ctx.span_text(f.start, f.end))), (None, 0)
            )
        ev.vote_total = sum(ev.admin1_votes.values())
    return chosen


def _countries_given(focus: Counter, f: Toponym, mentions: int) -> set[str]:
    """The countries the article is about by names other than `f`'s own (its `mentions` mentions add
    what `_focus` gave its best reading)."""
    own: Counter = Counter()
    if f.hits and f.hits[0].place.feature_type != "country" and not f.relation:
        own[f.hits[0].place.country_code] = (0.5 if f.hits[0].exact else 0.25) * mentions
    return {cc for cc, w in focus.items() if w - own[cc] > 0.01}


def _same_name(name: str, f: Toponym, ctx: ArticleContext) -> bool:
    """Whether a place's own name is what the text wrote (not an alias or abbreviation of it)."""
    written = strip_articles(normalize_name(ctx.span_text(f.start, f.end)))
    return strip_articles(normalize_name(name)) == written


def _qualifying_state(
    f: Toponym, country: GazetteerHit, chosen: list[Place | None], before: int | None
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


def nearest_context_place(
    found: list[Toponym], chosen: dict[tuple[int, int], Place | None], span: tuple[int, int]
) -> Place | None:
    """The place of the article's nearest resolved toponym below country level, the one before `token`
    first (a street or school is in the town the text is at), else after; else its most named country.
    Toponyms inside `span` (the name itself, tokens [start, end)) do not count."""
    token = span[0]
    candidates: list[tuple[int, Place]] = []
    countries: Counter = Counter()
    by_code: dict[str, Place] = {}
    for f in found:
        p = chosen.get((f.start, f.end))
        if p is None or p.latitude is None or (f.start < span[1] and span[0] < f.end):
            continue
        if p.feature_type in ("country", "region", "sea") or f.is_demonym:
            if p.feature_type == "country":
                countries[p.country_code] += 1
                by_code[p.country_code] = p
            continue
        # before the name counts nearer than after it
        gap = token - f.end if f.end <= token else 3 * (f.start - token) + 1
        candidates.append((gap, p))
    if candidates:
        # a place the rest of the article agrees with (others near it, or famous) over a lone small
        # namesake of a word ("Jones", "Luck"): the text's nearest such place
        # each candidate's support once (the pairwise distances were computed twice)
        support = [sum(1 for _, q in candidates if _rough_km(p, q) < SITE_SUPPORT_KM) for _, p in candidates]
        best_support = max(support)
        trusted = [
            (gap, p)
            for (gap, p), n in zip(candidates, support, strict=True)
            if n >= min(2, best_support) or p.population >= SITE_FAMOUS_POP
        ]
        return min(trusted, key=lambda c: c[0])[1]
    return by_code[countries.most_common(1)[0][0]] if countries else None
