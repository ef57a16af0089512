"""What counts as "the same incident" across reports: the thresholds (`FusionRules`) and the pairwise tests.

`sitreps.fuse` groups mentions into readings and clusters them; this module says, for two mentions or
places, whether they may describe one incident: compatible sub-event types, date ranges that overlap
once widened for night-time events and datelines, places that are the same or contain one another,
and perpetrators that do not contradict each other.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from sitreps.model import Actor, EventMention, Place, TextSpan

# Sub-event types that different outlets use for one incident. A missile that one outlet calls a
# "strike" is "shelling" in another; "an attack on a village" is the same incident as the "clash"
# the attackers announce; an attack on civilians whose weapon one report names (shelling, an air
# strike, a bomb) is coded by ACLED under the weapon, while a report that does not name it says
# "Attack". Non-violent sub-types (arrests, looting, agreements...) fuse only with their own type.
_REMOTE = ("Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
           "Suicide bomb", "Grenade", "Chemical weapon")
_BATTLES = ("Armed clash", "Government regains territory", "Non-state actor overtakes territory")
DEFAULT_TYPE_GROUPS: tuple[frozenset[str], ...] = (
    frozenset(_REMOTE + ("Attack",)),
    frozenset(_BATTLES + ("Attack",)),
    frozenset(("Attack", "Abduction/forced disappearance", "Sexual violence")),
)

# Feature types that name an area, not a point: they can contain a town but are never "the" place.
COARSE_FEATURES: frozenset[str] = frozenset(
    ("country", "admin1", "admin2", "region", "sea", "ocean", "river", "lake", "continent", "mountains")
)

# A dateline ("KYIV, June 4 (Reuters) - ", "EL FASHER - "): capitalised place words, optional date and
# outlet, then a dash, at the start of a sentence. What it names is where and when the copy was filed.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z'’.-]{2,}[^\n]{0,70}?\s[-–—]{1,2}\s")


@dataclass
class FusionRules:
    """What counts as "the same incident". Every threshold is here, with its default and why."""

    # Largest distance (km) between two mentions' coordinates that still counts as one place, keyed by
    # the coarser (higher) ACLED geo_precision of the pair: town-level places must be ~the same point;
    # "near X" and region-level places get centroids that gazetteers put a few km apart.
    max_distance_km: dict[int, float] = field(default_factory=lambda: {1: 1.0, 2: 3.0, 3: 10.0})
    # Date ranges must overlap once each is widened by this many days (0: they must overlap). The
    # night and dateline tolerances below come on top of it.
    max_day_gap: int = 0
    # True: only identical sub_event_types fuse. False: sub-types of one group in `type_groups` fuse.
    require_same_sub_event_type: bool = False
    # Groups of sub-event types that outlets use for one incident (see DEFAULT_TYPE_GROUPS).
    type_groups: tuple[frozenset[str], ...] = DEFAULT_TYPE_GROUPS
    # Mentions without a resolved place or date: never fuse (False) or fuse only with identical ones.
    fuse_unresolved: bool = False
    # Length to which the first mention's sentence is trimmed in the event's notes.
    max_notes_chars: int = 300
    # A city covers its districts: a place within this many km of a city of at least this population is
    # the city's ("Hodan district" and "Mogadishu" are one place for fusion), as ACLED codes a city's
    # neighbourhoods to the city. Keyed by population floor; the largest floor met applies.
    city_radius_km: dict[int, float] = field(default_factory=lambda: {100_000: 8.0, 1_000_000: 15.0})
    # A night-time incident straddles midnight: "Monday night", "overnight" and "the night of Monday to
    # Tuesday" are dated the 19th by one outlet and the 20th by another. Such dates get this many days
    # of tolerance on each side.
    night_tolerance_days: int = 1
    night_words: tuple[str, ...] = ("night", "overnight", "midnight", "dawn", "early hours", "small hours")
    # A date read from a dateline is the day the copy was filed; the incident is often the day before.
    dateline_tolerance_days: int = 1
    # A date such as "in recent days" or "the past week" dates a round-up of many incidents, not one:
    # such a mention is background and never fuses (two outlets' "raids in recent weeks" are not an
    # incident they both report).
    round_up_date_words: tuple[str, ...] = ("recent", "past", "since", "so far", "throughout", "over the")
    # A range longer than this (days) is too coarse to be evidence of one given day's incident: it does
    # not fuse with a day-precise mention (a week-precise report still fuses with a day inside it).
    max_range_days_with_day: int = 7
    # Readings placed only by an area (province, country, region) or by a sentence that borrows its
    # place from elsewhere join an event only when exactly one event fits them (an analyst would not
    # guess which of two Kharkiv-region strikes "Russian strikes in Ukraine" means).
    coarse_joins_unique_only: bool = True
    # Such a reading is often dated by the day an official spoke ("the ministry said Wednesday") or the
    # report was filed, a day after the incident: it gets this many days of tolerance, which is safe
    # because it must still fit exactly one event.
    secondary_tolerance_days: int = 1
    # When several events fit a secondary reading, the one whose reported death toll is within this
    # ratio of the reading's (and no other) is the one it means: "15 killed in an air strike in Idlib
    # province" is the 16-dead Jisr al-Shughur market strike, not the 3-dead strike on Darkush.
    toll_ratio: float = 2.0


DEFAULT_RULES = FusionRules()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=65_536)
def norm(s: str) -> str:
    """Casefolded, whitespace-collapsed text (cached: fusion compares the same names pairwise)."""
    return " ".join(s.casefold().split())


# ---------------------------------------------------------------------------------------- places


def is_coarse(place: Place) -> bool:
    """An area (country, province, region, sea) rather than a town or a site in it."""
    return place.geo_precision >= 3 or place.feature_type in COARSE_FEATURES


def place_km(a: Place, b: Place) -> float | None:
    """Distance between two places' coordinates, None when either has none."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def same_place(a: Place, b: Place, rules: FusionRules = DEFAULT_RULES) -> bool:
    """Same GeoNames id, or same name and country, or coordinates within the precision's distance."""
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    country_a, country_b = a.country_code or norm(a.country), b.country_code or norm(b.country)
    if norm(a.name) and norm(a.name) == norm(b.name) and country_a.lower() == country_b.lower():
        return True
    km = place_km(a, b)
    if km is None:
        return False
    limit = rules.max_distance_km.get(max(a.geo_precision, b.geo_precision), 1.0)
    for place in (a, b):
        if place.feature_type == "populated_place":
            floors = [f for f in rules.city_radius_km if place.population >= f]
            if floors:
                limit = max(limit, rules.city_radius_km[max(floors)])
    return km <= limit


def contains(area: Place, place: Place) -> bool:
    """Whether `area` (a country, province or district) holds `place`, by the gazetteer's hierarchy."""
    code_a, code_p = (area.country_code or "").lower(), (place.country_code or "").lower()
    if (code_a != code_p) if code_a and code_p else norm(area.country) != norm(place.country):
        return False
    if area.feature_type == "country":
        return True
    if area.feature_type == "admin1" or (area.feature_type == "region" and area.admin1):
        return bool(area.admin1) and norm(area.admin1) == norm(place.admin1)
    if area.feature_type == "admin2":
        return bool(area.admin2) and norm(area.admin2) == norm(place.admin2)
    # a region without a hierarchy ("Darfur", "Gaza Strip"): the admin1 may carry its name
    return bool(place.admin1) and norm(area.name) in norm(place.admin1)


# ---------------------------------------------------------------------------------------- spans


def dateline_end(sentence: TextSpan) -> int:
    """Absolute offset where a dateline opening this sentence ends (the sentence start if none)."""
    return sentence.start + _dateline_length(sentence.text)


@lru_cache(maxsize=16_384)
def _dateline_length(text: str) -> int:
    found = _DATELINE.match(text)
    return found.end() if found else 0


def in_dateline(span: TextSpan | None, sentence: TextSpan) -> bool:
    """Whether `span` lies in the dateline that opens `sentence`."""
    return span is not None and sentence.start <= span.start < dateline_end(sentence)


def in_sentence(span: TextSpan | None, sentence: TextSpan) -> bool:
    """Whether `span` starts inside `sentence` (else the stage borrowed it from another sentence)."""
    return span is not None and sentence.start <= span.start < sentence.end


# ---------------------------------------------------------------------------------------- dates


def date_range(m: EventMention) -> tuple[date, date]:
    """The mention's [date_start, date_end], an inverted or missing end read as the start."""
    assert m.date_start is not None
    end = m.date_end if m.date_end is not None and m.date_end >= m.date_start else m.date_start
    return m.date_start, end


def is_round_up(m: EventMention, rules: FusionRules = DEFAULT_RULES) -> bool:
    """Dated by a retrospective period ("in recent days", "the past week"): a round-up, not one incident."""
    if m.date_start is None or m.date_span is None:
        return False
    start, end = date_range(m)
    return end > start and bool(_whole_words(tuple(rules.round_up_date_words)).search(norm(m.date_span.text)))


@lru_cache(maxsize=16)
def _whole_words(words: tuple[str, ...]) -> re.Pattern:
    """One pattern for "any of `words` as whole words" (the words are patterns themselves)."""
    return re.compile("|".join(rf"(?:\b{w}\b)" for w in words)) if words else re.compile(r"(?!)")


def widened_range(
    m: EventMention, rules: FusionRules = DEFAULT_RULES, slack_days: int = 0
) -> tuple[date, date]:
    """The date range with the tolerances its date expression earns (night-time, dateline)."""
    start, end = date_range(m)
    before = after = rules.max_day_gap + slack_days
    if m.date_span is not None:
        text = norm(m.date_span.text)
        if any(w in text for w in rules.night_words):
            before += rules.night_tolerance_days
            after += rules.night_tolerance_days
        if in_dateline(m.date_span, m.sentence_span):
            before += rules.dateline_tolerance_days
    return start - timedelta(days=before), end + timedelta(days=after)


def dates_overlap(
    a: EventMention, b: EventMention, rules: FusionRules = DEFAULT_RULES, slack_days: int = 0
) -> bool:
    """Whether two mentions' date ranges can be one incident's: they overlap once widened by their
    tolerances; a round-up never fuses, nor does a long range with a day-precise date. An undated mention
    (a report without a publication date that names no date) fuses with nothing: no date, no evidence."""
    if a.date_start is None or b.date_start is None:
        return False
    if is_round_up(a, rules) or is_round_up(b, rules):
        return False
    (s1, e1), (s2, e2) = date_range(a), date_range(b)
    long1 = (e1 - s1).days + 1 > rules.max_range_days_with_day
    long2 = (e2 - s2).days + 1 > rules.max_range_days_with_day
    if long1 != long2 and min((e1 - s1).days, (e2 - s2).days) == 0:
        return False
    (ws1, we1), (ws2, we2) = widened_range(a, rules, slack_days), widened_range(b, rules, slack_days)
    # one side's tolerance at a time: two day-late datelines do not add up to a two-day gap
    return (ws1 <= e2 and s2 <= we1) or (s1 <= we2 and ws2 <= e1)


# ---------------------------------------------------------------------------------------- types, actors


def types_compatible(a: str, b: str, rules: FusionRules = DEFAULT_RULES) -> bool:
    """Whether two sub-event types can describe one incident (see DEFAULT_TYPE_GROUPS)."""
    if norm(a) == norm(b):
        return True
    if rules.require_same_sub_event_type:
        return False
    return any(a in group and b in group for group in rules.type_groups)


def _actor_root(name: str) -> str:
    # "Military Forces of Russia (2000-) Air Force" is a unit of "Military Forces of Russia (2000-)"
    return norm(name.split(")")[0] + ")" if ")" in name else name)


def actors_agree(a: Actor | None, b: Actor | None) -> bool:
    """False when both name a perpetrator and the perpetrators differ (a unit agrees with its force)."""
    if a is None or b is None:
        return True
    return _actor_root(a.name) == _actor_root(b.name)


def toll_consistent(best: int, tolls: list[int], ratio: float) -> bool:
    """Whether a reported death toll is within `ratio` of one of an event's (an event without one is)."""
    if best <= 0 or not tolls:
        return True
    return any(max(best, t) <= ratio * min(best, t) for t in tolls if t > 0)
