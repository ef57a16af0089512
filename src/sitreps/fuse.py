"""Fusion: mentions of one incident from many articles become one `Event` listing all its sources.

The rules, in the field's terms (thresholds and pairwise tests in `sitreps.fusion_rules`):

* A *reading* is what one sentence of one article says about one event: the events stage hands over
  one mention per place it found there ("in Jisr al-Shughur, in Idlib province"), so the mentions of one
  article that share a sentence, trigger and sub-event type are fused as one. The reading's place is
  its finest place; a dateline place ("GOMA, Sept 14 (AFP) -", where the copy was filed) counts only
  when the sentence names no other.
* Two readings may fuse only when they come from *different* articles, have compatible sub-event types
  (an air strike and a "missile attack"; an attack and the clash that followed), date ranges that
  overlap once widened for night-time incidents and dateline dates, and places that agree: two towns or
  sites must be the same place (same GeoNames id, same name and country, or within a distance that
  depends on precision and on the size of the city); a province, region or country must contain the
  other's town. Round-ups ("in recent days") never fuse with a single incident.
* *Primary* readings (placed by a town or site named in their own sentence) are clustered first,
  greedily with complete linkage in mention-id (= ingestion) order: each joins the closest existing
  cluster whose *every* member it is compatible with, else starts a new one. Complete linkage keeps
  chains (A~B, B~C, A!~C) apart; ingestion order makes fusion incremental, so event ids stay stable.
* *Secondary* readings, placed only by an area or by a place borrowed from another sentence, then join
  an event only when exactly one fits (and, for an area, when its perpetrator does not contradict the
  event's); a borrowed-place reading stays out when its own article already has a primary reading of
  that incident type and day, since that reading carries the article.
* A mention without a resolved place or a resolved date never fuses (unless `fuse_unresolved` is on, and
  then only with a mention that is identical in type, place, dates, actors and toll).
* The event id is derived from the cluster's first mention (lowest mention id): its article hash,
  trigger offsets and sub-event type. Re-fusing the same store gives the same ids; a later report that
  joins an event keeps that event's id (and the store records what changed in `event_history`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sitreps.fusion_event import INTERNATIONAL_OUTLETS, build_event, event_id_for
from sitreps.fusion_rules import (
    DEFAULT_RULES,
    FusionRules,
    actors_agree,
    contains,
    date_range,
    dates_overlap,
    haversine_km,
    in_dateline,
    in_sentence,
    is_coarse,
    is_round_up,
    norm,
    place_km,
    same_place,
    toll_consistent,
    types_compatible,
    widened_range,
)
from sitreps.model import Actor, Event, EventMention, Place

__all__ = [
    "DEFAULT_RULES", "INTERNATIONAL_OUTLETS", "FusionRules", "build_event", "cluster_mentions", "compatible",
    "dates_overlap", "event_id_for", "fuse_mentions", "haversine_km", "same_place",
]

Numbered = tuple[int, EventMention]


def _resolved(m: EventMention) -> bool:
    return m.place is not None and m.date_start is not None and m.date_resolved


def _identical(a: EventMention, b: EventMention) -> bool:
    """Everything an unresolved mention has matches: type, place, dates, actors and toll."""
    def name(actor: Actor | None) -> str:
        return norm(actor.name) if actor else ""

    return (
        a.sub_event_type == b.sub_event_type
        and (a.place.name if a.place else None) == (b.place.name if b.place else None)
        and (a.date_start, a.date_end) == (b.date_start, b.date_end)
        and name(a.actor1) == name(b.actor1)
        and name(a.actor2) == name(b.actor2)
        and (a.fatalities_low, a.fatalities_best, a.fatalities_high)
        == (b.fatalities_low, b.fatalities_best, b.fatalities_high)
    )


# ---------------------------------------------------------------------------------------- readings


@dataclass
class Reading:
    """What one sentence of one article says about one event: its mentions (one per place found)."""

    members: list[Numbered]
    places: list[Place] = field(default_factory=list)  # the places that locate it, finest first
    primary: bool = False  # placed by a town or site named in its own sentence
    resolved: bool = True

    # cached: fusion asks every reading for these in its pairwise tests, and members and places are fixed
    # once `make_readings` has built the reading
    @cached_property
    def first(self) -> EventMention:
        return self.members[0][1]

    @property
    def article(self) -> str:
        return self.first.article_hash

    @cached_property
    def fine(self) -> list[Place]:
        """The towns or sites that locate it: the most precise ones ("Deir el-Balah", not the "central
        Gaza" it lies in; both "Daquq" and the "Kirkuk" it lies south of, at one precision)."""
        fine = [p for p in self.places if not is_coarse(p)]
        best = min((p.geo_precision for p in fine), default=0)
        return [p for p in fine if p.geo_precision == best]


def _reading_key(m: EventMention) -> tuple:
    return (m.article_hash, m.sentence_span.start, m.trigger_span.start, m.trigger_span.end,
            m.sub_event_type)


def make_readings(mentions: Sequence[Numbered]) -> list[Reading]:
    """Group mentions into readings, in mention-id order, and settle each reading's places."""
    groups: dict[tuple, list[Numbered]] = {}
    for mid, m in sorted(mentions, key=lambda pair: pair[0]):
        groups.setdefault(_reading_key(m), []).append((mid, m))
    readings = []
    for members in groups.values():
        resolved = all(_resolved(m) for _, m in members)
        # a dateline place says where the copy was filed: it locates the reading only as a last resort
        body = [m for _, m in members if m.place and not in_dateline(m.place_span, m.sentence_span)]
        located = body or [m for _, m in members if m.place]
        places = sorted((m.place for m in located if m.place), key=lambda p: (is_coarse(p), p.geo_precision))
        # a mention without a place span cannot be shown to borrow its place: it is taken as its own
        primary = any(
            (m.place_span is None or in_sentence(m.place_span, m.sentence_span))
            and m.place and not is_coarse(m.place) for m in body
        )
        readings.append(Reading(members, places, primary, resolved and bool(places)))
    return readings


def _place_link(a: Reading, b: Reading, rules: FusionRules) -> str:
    """"strong" (the same town or site), "weak" (an area holds the other's place) or "" (they differ)."""
    fine_a, fine_b = a.fine, b.fine
    if fine_a and fine_b:
        # two towns or sites: they must be the same place; agreeing only on the province is a conflict
        return "strong" if any(same_place(p, q, rules) for p in fine_a for q in fine_b) else ""
    for area_side, other in ((a, b), (b, a)):
        if not area_side.fine and other.fine:
            holds = any(contains(area, p) or same_place(area, p, rules)
                        for area in area_side.places for p in other.fine)
            return "weak" if holds else ""
    same = any(same_place(p, q, rules) or contains(p, q) or contains(q, p)
               for p in a.places for q in b.places)
    return "weak" if same else ""


class _PairMemo:
    """`types_compatible` per pair of type names and `dates_overlap`'s per-mention facts, kept for one
    clustering run: fusion compares each reading with every member of every candidate event, and these
    answers depend on the two type names, or on one mention, alone (same results, computed once)."""

    def __init__(self, rules: FusionRules) -> None:
        self.rules = rules
        self._types: dict[tuple[str, str], bool] = {}
        # id(mention) -> (mention, facts); the mention is kept so that its id cannot be reused meanwhile
        self._dates: dict[int, tuple[EventMention, tuple[bool, int, int, int, bool, int, int] | None]] = {}

    def types_compatible(self, a: str, b: str) -> bool:
        found = self._types.get((a, b))
        if found is None:
            found = self._types[(a, b)] = types_compatible(a, b, self.rules)
        return found

    def _date_facts(self, m: EventMention) -> tuple[bool, int, int, int, bool, int, int] | None:
        """(round-up, start, end, length in days - 1, long, widened start, widened end) as day ordinals."""
        entry = self._dates.get(id(m))
        if entry is not None and entry[0] is m:
            return entry[1]
        facts = None
        if m.date_start is not None:
            start, end = date_range(m)
            wide_start, wide_end = widened_range(m, self.rules)
            days = (end - start).days
            long = days + 1 > self.rules.max_range_days_with_day
            facts = (is_round_up(m, self.rules), start.toordinal(), end.toordinal(), days, long,
                     wide_start.toordinal(), wide_end.toordinal())
        self._dates[id(m)] = (m, facts)
        return facts

    def dates_overlap(self, a: EventMention, b: EventMention, slack_days: int = 0) -> bool:
        """`fusion_rules.dates_overlap(a, b, rules, slack_days)` from the cached facts."""
        return self.facts_overlap(self._date_facts(a), self._date_facts(b), slack_days)

    @staticmethod
    def facts_overlap(fa: tuple | None, fb: tuple | None, slack_days: int = 0) -> bool:
        """`dates_overlap` on two mentions' `_date_facts`."""
        if fa is None or fb is None or fa[0] or fb[0]:
            return False
        _, s1, e1, days1, long1, ws1, we1 = fa
        _, s2, e2, days2, long2, ws2, we2 = fb
        if long1 != long2 and min(days1, days2) == 0:
            return False
        # `widened_range` with slack: the slack widens both ends by whole days
        ws1, we1, ws2, we2 = ws1 - slack_days, we1 + slack_days, ws2 - slack_days, we2 + slack_days
        return (ws1 <= e2 and s2 <= we1) or (s1 <= we2 and ws2 <= e1)


def readings_compatible(
    a: Reading, b: Reading, rules: FusionRules = DEFAULT_RULES, slack_days: int = 0,
    same_article: bool = False, memo: _PairMemo | None = None,
) -> bool:
    """Whether two readings may describe one incident under `rules` (dates widened by `slack_days`;
    `same_article`: judge two readings of one article as if they came from two; `memo`: the clustering
    run's cache of answers for these `rules`)."""
    ma, mb = a.first, b.first
    if ma.article_hash == mb.article_hash and not same_article:  # `Reading.article`, read once
        return False
    if memo is not None:
        if not memo.types_compatible(ma.sub_event_type, mb.sub_event_type):
            return False
    elif not types_compatible(ma.sub_event_type, mb.sub_event_type, rules):
        return False
    if not (a.resolved and b.resolved):
        return rules.fuse_unresolved and _identical(ma, mb)
    if memo is not None:
        if not memo.dates_overlap(ma, mb, slack_days):
            return False
    elif not dates_overlap(ma, mb, rules, slack_days):
        return False
    link = _place_link(a, b, rules)
    # an area-level match is weak evidence: it must not also contradict the perpetrator
    return link == "strong" or (link == "weak" and actors_agree(ma.actor1, mb.actor1))


def compatible(a: EventMention, b: EventMention, rules: FusionRules = DEFAULT_RULES) -> bool:
    """Whether two mentions (each read on its own) may describe the same incident under `rules`."""
    ra, rb = make_readings([(1, a)]), make_readings([(2, b)])
    return readings_compatible(ra[0], rb[0], rules)


# ---------------------------------------------------------------------------------------- clustering


def _affinity(a: Reading, b: Reading) -> tuple[int, int, float]:
    """How close two compatible readings are: another sub-type, day gap, km (smaller is closer)."""
    ma, mb = a.first, b.first
    other_type = int(norm(ma.sub_event_type) != norm(mb.sub_event_type))
    days = abs((ma.date_start - mb.date_start).days) if ma.date_start and mb.date_start else 0
    kms = [km for p in a.places[:1] for q in b.places[:1] if (km := place_km(p, q)) is not None]
    return other_type, days, min(kms, default=0.0)


# Date ranges longer than this are not indexed day by day: clusters anchored on them are always candidates.
_MAX_INDEXED_DAYS = 62


class _ClusterIndex:
    """Candidate clusters for a reading, so fusion is not quadratic in the size of the store.

    A cluster is indexed under every day of its anchor's widened range, plus the largest tolerance a
    reading can bring; a reading compatible with the cluster is compatible with its anchor, so its range
    touches one of those days, and the index never hides a cluster the reading could join.
    """

    def __init__(self, rules: FusionRules, enabled: bool = True) -> None:
        self.rules, self.enabled = rules, enabled
        self.slack = max(rules.night_tolerance_days, rules.dateline_tolerance_days) + rules.max_day_gap
        self.by_day: dict[int, list[int]] = {}
        self.unindexed: list[int] = []  # undated or very long anchors
        self.count = 0

    def _days(self, m: EventMention, slack: int) -> range | None:
        if m.date_start is None:
            return None
        start, end = widened_range(m, self.rules)
        lo, hi = start.toordinal() - slack, end.toordinal() + slack
        return range(lo, hi + 1) if hi - lo <= _MAX_INDEXED_DAYS else None

    def add(self, anchor: EventMention, cluster: int) -> None:
        self.count = max(self.count, cluster + 1)
        days = self._days(anchor, self.slack)
        if days is None:
            self.unindexed.append(cluster)
            return
        for day in days:
            self.by_day.setdefault(day, []).append(cluster)

    def candidates(self, m: EventMention, slack: int = 0) -> list[int]:
        days = self._days(m, slack) if self.enabled else None
        if days is None:
            return list(range(self.count))
        found = set(self.unindexed)
        for day in days:
            found.update(self.by_day.get(day, []))
        return sorted(found)  # creation order: ties go to the earliest cluster


def _tolls(cluster: list[Reading]) -> list[int]:
    return [m.fatalities_best for r in cluster for _, m in r.members if m.fatalities_high > 0]


def _article_has_primary(r: Reading, primaries: dict[str, list[Reading]], rules: FusionRules) -> bool:
    """Whether r's own article has a primary reading of a compatible type on an overlapping day."""
    return any(
        types_compatible(r.first.sub_event_type, p.first.sub_event_type, rules)
        and p.resolved and dates_overlap(r.first, p.first, rules)
        for p in primaries.get(r.article, [])
    )


def cluster_readings(
    readings: Sequence[Reading], rules: FusionRules = DEFAULT_RULES, use_index: bool = True
) -> list[list[Reading]]:
    """Group readings into incidents: primary readings by greedy complete linkage, then the others.

    `use_index=False` scans every cluster instead of the day index (same result, for testing)."""
    clusters: list[list[Reading]] = []
    index = _ClusterIndex(rules, use_index)
    memo = _PairMemo(rules)

    # per cluster, its anchor's (type, article, date facts or None when unresolved): what `fitting` tests
    # first for every candidate cluster, read without a call
    heads: list[tuple[str, str, tuple | None]] = []
    overlap = memo.facts_overlap

    def fitting(r: Reading, slack: int = 0, same: bool = False) -> list[tuple[tuple[int, int, float], int]]:
        if not (r.resolved or rules.fuse_unresolved):
            return []
        out = []
        first = r.first
        kind, article = first.sub_event_type, first.article_hash
        facts = memo._date_facts(first) if r.resolved else None
        types: dict[str, bool] = {}  # per anchor type, for this reading
        for ci in index.candidates(first, slack):
            anchor_type, anchor_article, anchor_facts = heads[ci]
            # the anchor's cheapest tests first, as `readings_compatible` makes them (most candidates fail
            # one): another type of incident, (unless `same`) the reading's own article, days apart
            fits_type = types.get(anchor_type)
            if fits_type is None:
                fits_type = types[anchor_type] = memo.types_compatible(kind, anchor_type)
            if not fits_type or (not same and anchor_article == article):
                continue
            if facts is not None and anchor_facts is not None and not overlap(facts, anchor_facts, slack):
                continue
            members = clusters[ci]
            if all(readings_compatible(r, other, rules, slack, same, memo) for other in members):
                out.append((max(_affinity(r, other) for other in members), ci))
        return out

    def place(r: Reading, ci: int | None) -> None:
        if ci is None:
            index.add(r.first, len(clusters))
            clusters.append([r])
            first = r.first
            facts = memo._date_facts(first) if r.resolved else None
            heads.append((first.sub_event_type, first.article_hash, facts))
        else:
            clusters[ci].append(r)

    primaries: dict[str, list[Reading]] = {}
    for r in readings:
        if r.primary:
            primaries.setdefault(r.article, []).append(r)
            found = fitting(r)
            place(r, min(found)[1] if found else None)
    for r in readings:
        if r.primary:
            continue
        # the article's own primary reading of this incident type and day carries the article: its
        # area-level or borrowed-place restatements ("MSF calls for an end to attacks in Darfur") stay out
        restated = rules.coarse_joins_unique_only and _article_has_primary(r, primaries, rules)
        # events that hold another reading of this article count as candidates too, so that "unique"
        # means unique (the article's other reading may already have taken the event it means)
        found = [] if restated else fitting(r, rules.secondary_tolerance_days, same=True)
        # events placed at a town or site come first; another vague reading is a match of last resort
        found = [f for f in found if any(o.primary for o in clusters[f[1]])] or found
        if len(found) > 1 and rules.coarse_joins_unique_only:
            best = max(m.fatalities_best for _, m in r.members)
            found = [f for f in found if toll_consistent(best, _tolls(clusters[f[1]]), rules.toll_ratio)]
        unique = len(found) == 1 or (found and not rules.coarse_joins_unique_only)
        chosen = min(found)[1] if unique else None
        if chosen is not None and any(o.article == r.article for o in clusters[chosen]):
            chosen = None  # its article is there already: a restatement
        place(r, chosen)
    return clusters


def cluster_mentions(
    mentions: Sequence[Numbered], rules: FusionRules = DEFAULT_RULES, use_index: bool = True
) -> list[list[Numbered]]:
    """Group (mention id, mention) pairs into incidents; each cluster in mention-id order."""
    clusters = cluster_readings(make_readings(mentions), rules, use_index)
    out = [sorted((pair for r in c for pair in r.members), key=lambda pair: pair[0]) for c in clusters]
    return sorted(out, key=lambda c: c[0][0])


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
