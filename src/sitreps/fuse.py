"""Fusion: mentions of one incident from many articles become one `Event` listing all its sources.

The rules, in the field's terms:

* Two mentions may fuse only when they come from *different* articles (the events stage already merged
  "one event per type, place and date" inside an article), have the same `sub_event_type` (or the same
  `event_type` when `FusionRules.require_same_sub_event_type` is off), the same place (same GeoNames id,
  or same location name and country, or coordinates within `max_distance_km` for the coarser of the two
  `geo_precision`s) and overlapping date ranges (widened by `max_day_gap` days).
* A mention without a resolved place or a resolved date never fuses (unless `fuse_unresolved` is on, and
  then only with a mention that is identical in type, place, dates, actors and toll): "a strike somewhere,
  some day" is not evidence that two reports describe one incident.
* Clustering is greedy complete linkage in mention-id (= ingestion) order: each mention joins the best
  existing cluster whose *every* member it is compatible with, else starts a new one. Complete linkage
  keeps chains (A~B, B~C, A!~C) apart; ingestion order makes fusion incremental: a later article can join
  an event but never re-shuffle the ones formed before it, so event ids stay stable.
* The event id is derived from the cluster's first mention (lowest mention id): its article hash,
  trigger offsets and sub-event type. Re-fusing the same store gives the same ids; a later report that
  joins an event keeps that event's id (and the store records what changed in `event_history`).
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sitreps.model import Actor, Event, EventMention, Place

# Outlets whose reports make an event's ACLED `source_scale` "International". Matched case-insensitively
# on the whole outlet name; kept small and explicit (wires and global broadcasters).
INTERNATIONAL_OUTLETS: frozenset[str] = frozenset(
    s.lower()
    for s in (
        "AFP", "Agence France-Presse", "Agence France Presse", "Reuters", "Thomson Reuters", "AP",
        "Associated Press", "The Associated Press", "BBC", "BBC News", "BBC Monitoring", "Al Jazeera",
        "Al Jazeera English", "CNN", "DPA", "Deutsche Presse-Agentur", "Xinhua", "EFE", "ANSA",
        "Bloomberg", "The Guardian", "The New York Times", "New York Times", "The Washington Post",
        "Washington Post", "France 24", "Deutsche Welle", "DW", "RFI", "Voice of America", "VOA",
        "Radio Free Europe/Radio Liberty", "RFE/RL", "Kyodo", "Sky News", "The Economist",
        "Financial Times", "Wall Street Journal", "The Wall Street Journal",
    )
)

# Stance values that deny the claimed event.
_DENIED = {"denied"}


@dataclass
class FusionRules:
    """What counts as "the same incident". Every threshold is here, with its default and why."""

    # Largest distance (km) between two mentions' coordinates that still counts as one place, keyed by
    # the coarser (higher) ACLED geo_precision of the pair: town-level places must be ~the same point;
    # "near X" and region-level places get centroids that gazetteers put a few km apart.
    max_distance_km: dict[int, float] = field(default_factory=lambda: {1: 1.0, 2: 3.0, 3: 10.0})
    # Date ranges must overlap once each is widened by this many days (0: they must overlap).
    max_day_gap: int = 0
    # Fuse only mentions of the same ACLED sub_event_type (False: the same event_type is enough).
    require_same_sub_event_type: bool = True
    # Mentions without a resolved place or date: never fuse (False) or fuse only with identical ones.
    fuse_unresolved: bool = False
    # Length to which the first mention's sentence is trimmed in the event's notes.
    max_notes_chars: int = 300
    # A city covers its districts: a place within this many km of a city of at least this population is
    # the city's ("Hodan district" and "Mogadishu" are one place for fusion), as ACLED codes a city's
    # neighbourhoods to the city. Keyed by population floor; the largest floor met applies.
    city_radius_km: dict[int, float] = field(default_factory=lambda: {100_000: 8.0, 1_000_000: 15.0})


DEFAULT_RULES = FusionRules()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _resolved(m: EventMention) -> bool:
    return m.place is not None and m.date_start is not None and m.date_resolved


def _range(m: EventMention) -> tuple[date, date]:
    assert m.date_start is not None
    end = m.date_end if m.date_end is not None and m.date_end >= m.date_start else m.date_start
    return m.date_start, end


def _norm(s: str) -> str:
    return " ".join(s.casefold().split())


def same_place(a: Place, b: Place, rules: FusionRules = DEFAULT_RULES) -> bool:
    """Same GeoNames id, or same name and country, or coordinates within the precision's distance."""
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    country_a, country_b = a.country_code or _norm(a.country), b.country_code or _norm(b.country)
    if _norm(a.name) and _norm(a.name) == _norm(b.name) and country_a.lower() == country_b.lower():
        return True
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    limit = rules.max_distance_km.get(max(a.geo_precision, b.geo_precision), 1.0)
    for place in (a, b):
        if place.feature_type == "populated_place":
            floors = [f for f in rules.city_radius_km if place.population >= f]
            if floors:
                limit = max(limit, rules.city_radius_km[max(floors)])
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= limit  # type: ignore[arg-type]


def dates_overlap(a: EventMention, b: EventMention, rules: FusionRules = DEFAULT_RULES) -> bool:
    """Whether the two mentions' [date_start, date_end] ranges overlap, widened by `max_day_gap`."""
    (s1, e1), (s2, e2) = _range(a), _range(b)
    if s1 == s2:
        return True
    return (s1 - e2).days <= rules.max_day_gap and (s2 - e1).days <= rules.max_day_gap


def _type_key(m: EventMention, rules: FusionRules) -> str:
    return _norm(m.sub_event_type if rules.require_same_sub_event_type else m.event_type)


def _identical(a: EventMention, b: EventMention) -> bool:
    """Everything an unresolved mention has matches: type, place, dates, actors and toll."""
    def name(actor: Actor | None) -> str:
        return _norm(actor.name) if actor else ""

    return (
        a.sub_event_type == b.sub_event_type
        and (a.place.name if a.place else None) == (b.place.name if b.place else None)
        and (a.date_start, a.date_end) == (b.date_start, b.date_end)
        and name(a.actor1) == name(b.actor1)
        and name(a.actor2) == name(b.actor2)
        and (a.fatalities_low, a.fatalities_best, a.fatalities_high)
        == (b.fatalities_low, b.fatalities_best, b.fatalities_high)
    )


def compatible(a: EventMention, b: EventMention, rules: FusionRules = DEFAULT_RULES) -> bool:
    """Whether two mentions may describe the same incident under `rules`."""
    if a.article_hash == b.article_hash or _type_key(a, rules) != _type_key(b, rules):
        return False
    if not (_resolved(a) and _resolved(b)):
        return rules.fuse_unresolved and _identical(a, b)
    assert a.place is not None and b.place is not None
    return same_place(a.place, b.place, rules) and dates_overlap(a, b, rules)


def _affinity(a: EventMention, b: EventMention) -> tuple[int, float]:
    """How close two compatible mentions are: day gap, then km (smaller is closer)."""
    days = abs((a.date_start - b.date_start).days) if a.date_start and b.date_start else 0
    km = 0.0
    if a.place and b.place and None not in (a.place.latitude, a.place.longitude, b.place.latitude,
                                            b.place.longitude):
        km = haversine_km(a.place.latitude, a.place.longitude,  # type: ignore[arg-type]
                          b.place.latitude, b.place.longitude)  # type: ignore[arg-type]
    return days, km


# Date ranges longer than this are not indexed day by day: clusters anchored on them are always candidates.
_MAX_INDEXED_DAYS = 62


class _ClusterIndex:
    """Candidate clusters for a mention, so fusion is not quadratic in the size of the store.

    A cluster is indexed under its type key and every day of its anchor's range widened by
    `max_day_gap`; a mention compatible with the cluster is compatible with its anchor, so its range
    touches one of those days, and the index never hides a cluster the mention could join.
    """

    def __init__(self, rules: FusionRules) -> None:
        self.gap = rules.max_day_gap
        self.by_day: dict[tuple[str, int], list[int]] = {}
        self.unindexed: dict[str, list[int]] = {}  # undated or very long anchors
        self.every: dict[str, list[int]] = {}

    def _days(self, m: EventMention, gap: int) -> range | None:
        if m.date_start is None:
            return None
        start, end = _range(m)
        lo, hi = start.toordinal() - gap, end.toordinal() + gap
        return range(lo, hi + 1) if hi - lo <= _MAX_INDEXED_DAYS else None

    def add(self, key: str, anchor: EventMention, cluster: int) -> None:
        self.every.setdefault(key, []).append(cluster)
        days = self._days(anchor, self.gap)
        if days is None:
            self.unindexed.setdefault(key, []).append(cluster)
            return
        for day in days:
            self.by_day.setdefault((key, day), []).append(cluster)

    def candidates(self, key: str, m: EventMention) -> list[int]:
        days = self._days(m, 0)
        if days is None:
            return self.every.get(key, [])
        found = set(self.unindexed.get(key, []))
        for day in days:
            found.update(self.by_day.get((key, day), []))
        return sorted(found)  # creation order: ties go to the earliest cluster


def cluster_mentions(
    mentions: Sequence[tuple[int, EventMention]], rules: FusionRules = DEFAULT_RULES
) -> list[list[tuple[int, EventMention]]]:
    """Group mentions into incidents (greedy complete linkage in mention-id order)."""
    clusters: list[list[tuple[int, EventMention]]] = []
    index = _ClusterIndex(rules)
    for mid, m in sorted(mentions, key=lambda pair: pair[0]):
        key = _type_key(m, rules)
        best: tuple[tuple[int, float], int] | None = None
        if _resolved(m) or rules.fuse_unresolved:
            for ci in index.candidates(key, m):
                members = clusters[ci]
                if all(compatible(m, other, rules) for _, other in members):
                    score = max(_affinity(m, other) for _, other in members)
                    if best is None or score < best[0]:
                        best = (score, ci)
        if best is None:
            index.add(key, m, len(clusters))
            clusters.append([(mid, m)])
        else:
            clusters[best[1]].append((mid, m))
    return clusters


def event_id_for(anchor: EventMention) -> str:
    """A stable id from the cluster's first mention: its article, trigger offsets and sub-event type."""
    key = (
        f"{anchor.article_hash}:{anchor.trigger_span.start}:{anchor.trigger_span.end}:"
        f"{anchor.sentence_span.start}:{anchor.sub_event_type}"
    )
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _most_common(values: Iterable[str]) -> str:
    """The most frequent non-empty value; ties go to the first seen."""
    counts = Counter(v for v in values if v)
    if not counts:
        return ""
    top = max(counts.values())
    return next(v for v in counts if counts[v] == top)


def _outlet(m: EventMention) -> str:
    return m.outlet or (m.claim.outlet if m.claim else "")


def _ucdp_date_prec(start: date, end: date) -> int:
    """UCDP date_prec for a range: 1 day, 2 two to six days, 3 a week, 4 a month, 5 longer."""
    days = (end - start).days + 1
    if days <= 1:
        return 1
    if days <= 6:
        return 2
    if days <= 7:
        return 3
    return 4 if days <= 31 else 5


def _fused_dates(ms: list[EventMention]) -> tuple[date | None, date | None, date | None, bool]:
    """event_date (from the most precise mention), the intersection of the ranges if non-empty else
    their union, and whether it is the union."""
    dated = [m for m in ms if m.date_start is not None]
    if not dated:
        return None, None, None, False
    precise = min(dated, key=lambda m: (m.time_precision, m.date_prec))
    ranges = [_range(m) for m in dated]
    start, end = max(s for s, _ in ranges), min(e for _, e in ranges)
    if start <= end:
        return precise.date_start, start, end, False
    # no common day (possible with max_day_gap > 0): report the whole span
    return precise.date_start, min(s for s, _ in ranges), max(e for _, e in ranges), True


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first; inter1 * 10 for a sole actor."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def _toll(ms: list[EventMention], kind: str) -> tuple[int, int, int]:
    """(low, best, high) across the mentions that report this toll: min low, median best (rounded
    down), max high (UCDP's style; ACLED's `fatalities` is the low).

    Mentions that report no toll (high == 0) are left out: a report that does not count the dead is
    silent, not a report of zero.
    """
    reported = [m for m in ms if getattr(m, f"{kind}_high") > 0]
    if not reported:
        return 0, 0, 0
    low = min(getattr(m, f"{kind}_low") for m in reported)
    best = int(statistics.median(getattr(m, f"{kind}_best") for m in reported))
    high = max(getattr(m, f"{kind}_high") for m in reported)
    return low, max(low, min(best, high)), high


def _disagreement(ms: list[EventMention], kind: str, label: str) -> str:
    """ "Sources disagree on fatalities: 12 (AFP) vs 15 (Reuters)" when reported bests differ."""
    by_value: dict[int, list[str]] = {}
    for m in ms:
        best = getattr(m, f"{kind}_best")
        if getattr(m, f"{kind}_high") > 0:
            names = by_value.setdefault(best, [])
            outlet = _outlet(m) or "unnamed source"
            if outlet not in names:
                names.append(outlet)
    if len(by_value) < 2:
        return ""
    parts = [f"{v} ({', '.join(sorted(names))})" for v, names in sorted(by_value.items())]
    return f"Sources disagree on {label}: " + " vs ".join(parts) + "."


def _trim(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _status(ms: list[EventMention], actor1: str, sources: list[str]) -> str:
    """Disagreement first (denied, contested), then confirmation, then corroboration.

    A denial or a dispute over who acted is what an analyst must see first, so it outranks the rest;
    "confirmed" needs the acting party itself to claim the event (not deny it).
    """
    if any(m.claim and m.claim.stance in _DENIED for m in ms):
        return "denied"
    if len({_norm(m.actor1.name) for m in ms if m.actor1}) > 1:
        return "contested"
    if actor1 and any(
        m.claim and m.claim.claimant_actor and _norm(m.claim.claimant_actor) == _norm(actor1) for m in ms
    ):
        return "confirmed"
    if len(sources) >= 2:
        return "corroborated"
    return "single source"


def _place_rank(m: EventMention) -> tuple[bool, int]:
    assert m.place is not None
    return m.place.latitude is None, m.place.geo_precision


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        if v and v not in seen:
            seen[v] = None
    return list(seen)


def build_event(cluster: list[tuple[int, EventMention]], rules: FusionRules = DEFAULT_RULES) -> Event:
    """Fuse one cluster (mention id, mention) into an `Event`; the first member is the anchor."""
    cluster = sorted(cluster, key=lambda pair: pair[0])
    ms = [m for _, m in cluster]
    first = ms[0]
    actor1 = _most_common(m.actor1.name for m in ms if m.actor1)
    actor2 = _most_common(m.actor2.name for m in ms if m.actor2)
    inter1 = next((m.actor1.inter for m in ms if m.actor1 and m.actor1.name == actor1), None)
    inter2 = next((m.actor2.inter for m in ms if m.actor2 and m.actor2.name == actor2), None)
    event_date, date_start, date_end, is_union = _fused_dates(ms)
    places = [m for m in ms if m.place is not None]
    # the most precise place with coordinates: lowest geo_precision, ties to the earliest mention
    place = min(places, key=_place_rank).place if places else None
    f_low, f_best, f_high = _toll(ms, "fatalities")
    i_low, i_best, i_high = _toll(ms, "injuries")
    sources = sorted(set(_outlet(m) for m in ms if _outlet(m)), key=str.casefold)
    notes = [_trim(first.sentence_span.text, rules.max_notes_chars)]
    notes += [_disagreement(ms, "fatalities", "fatalities"), _disagreement(ms, "injuries", "injuries")]
    if sources and any(s.lower() in INTERNATIONAL_OUTLETS for s in sources):
        scale = "International"
    else:
        scale = "National" if sources else ""
    # the best (lowest) precision among the mentions; a union of disjoint ranges is as coarse as its span
    time_precision = min(m.time_precision for m in ms)
    date_prec = min(m.date_prec for m in ms)
    if is_union and date_start and date_end:
        date_prec = max(date_prec, _ucdp_date_prec(date_start, date_end))
    return Event(
        event_id=event_id_for(first),
        event_type=_most_common(m.event_type for m in ms),
        sub_event_type=_most_common(m.sub_event_type for m in ms),
        disorder_type=_most_common(m.disorder_type for m in ms),
        event_date=event_date,
        date_start=date_start,
        date_end=date_end,
        time_precision=time_precision,
        date_prec=date_prec,
        plover_type=_most_common(m.plover_type for m in ms),
        plover_mode=_most_common(m.plover_mode for m in ms),
        actor1=actor1,
        assoc_actor_1="; ".join(_unique(a.name for m in ms for a in m.assoc_actor_1)),
        inter1=inter1,
        actor2=actor2,
        assoc_actor_2="; ".join(_unique(a.name for m in ms for a in m.assoc_actor_2)),
        inter2=inter2,
        interaction=_interaction(inter1, inter2),
        civilian_targeting=any(m.civilian_targeting for m in ms),
        place=place,
        fatalities_low=f_low,
        fatalities_best=f_best,
        fatalities_high=f_high,
        injuries_low=i_low,
        injuries_best=i_best,
        injuries_high=i_high,
        sources=sources,
        source_scale=scale,
        claimants=_unique(m.claim.claimant for m in ms if m.claim),
        status=_status(ms, actor1, sources),
        notes=" ".join(n for n in notes if n),
        mention_ids=[mid for mid, _ in cluster],
        sentences=_unique(" ".join(m.sentence_span.text.split()) for m in ms),
    )


def fuse_mentions(
    mentions: Sequence[tuple[int, EventMention]], rules: FusionRules = DEFAULT_RULES
) -> list[Event]:
    """Fuse (mention id, mention) pairs from many articles into events, ordered by event_date then id."""
    events = [build_event(c, rules) for c in cluster_mentions(mentions, rules)]
    # two clusters can only share an id if one article carries two mentions with the same trigger and
    # type; keep ids unique (and deterministic: clusters come in mention-id order)
    seen: Counter[str] = Counter()
    for ev in events:
        seen[ev.event_id] += 1
        if seen[ev.event_id] > 1:
            ev.event_id = f"{ev.event_id}-{seen[ev.event_id]}"
    events.sort(key=lambda e: (e.event_date or date.max, e.event_id))
    return events
