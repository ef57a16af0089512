"""Fusion of event mentions across articles: what joins, what stays apart, how fields are fused."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.fuse import FusionRules, cluster_mentions, compatible, fuse_mentions, haversine_km, same_place
from sitreps.model import Actor, Claim, EventMention, Place, TextSpan

RUSSIA = Actor("Military Forces of Russia (2000-)", 8, "Russia", "state")
SYRIA = Actor("Military Forces of Syria (2000-)", 1, "Syria", "state")
IS = Actor("Islamic State (Syria)", 2, "Syria", "rebel")
CIVILIANS = Actor("Civilians (Syria)", 7, "Syria", "civilians")

ALEPPO = Place("Aleppo", 36.2021, 37.1343, "Syria", "SY", 760, "Aleppo", "Jebel Saman", geonames_id=170063)
IDLIB = Place("Idlib", 35.9306, 36.6339, "Syria", "SY", 760, "Idlib", "Idlib", geonames_id=169389)


def mention(
    article: str,
    outlet: str = "AFP",
    place: Place | None = ALEPPO,
    day: date | None = date(2015, 10, 1),
    end: date | None = None,
    sub_event_type: str = "Air/drone strike",
    killed: tuple[int, int, int] = (0, 0, 0),
    actor1: Actor | None = RUSSIA,
    claim: Claim | None = None,
    trigger: int = 10,
    sentence: str = "Russian warplanes struck positions near Aleppo on Thursday, killing 12 people.",
    time_precision: int = 1,
) -> EventMention:
    """A hand-built mention, as the events stage would hand it over."""
    return EventMention(
        article_hash=article,
        sentence_span=TextSpan(0, len(sentence), sentence),
        trigger_span=TextSpan(trigger, trigger + 6, "struck"),
        event_type="Explosions/Remote violence",
        sub_event_type=sub_event_type,
        disorder_type="Political violence",
        actor1=actor1,
        actor2=CIVILIANS,
        place=place,
        date_start=day,
        date_end=end or day,
        time_precision=time_precision,
        fatalities_low=killed[0],
        fatalities_best=killed[1],
        fatalities_high=killed[2],
        claim=claim,
        outlet=outlet,
    )


def numbered(*mentions: EventMention) -> list[tuple[int, EventMention]]:
    return list(enumerate(mentions, start=1))


def test_two_outlets_same_incident_fuse_with_toll_range_and_disagreement() -> None:
    afp = mention("a1", "AFP", killed=(12, 12, 12))
    reuters = mention("a2", "Reuters", killed=(10, 15, 15))
    [event] = fuse_mentions(numbered(afp, reuters))
    assert event.sources == ["AFP", "Reuters"]
    assert event.mention_ids == [1, 2]
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (10, 13, 15)
    assert event.fatalities == 10
    assert event.status == "corroborated"
    assert event.source_scale == "International"
    assert "Sources disagree on fatalities: 12 (AFP) vs 15 (Reuters)" in event.notes
    assert event.notes.startswith("Russian warplanes struck")
    assert event.actor1 == RUSSIA.name and event.inter1 == 8 and event.inter2 == 7
    assert event.interaction == 78
    assert event.place == ALEPPO and event.event_date == date(2015, 10, 1)


def test_decoys_stay_apart() -> None:
    base = mention("a1")
    next_day = mention("a2", day=date(2015, 10, 2))
    elsewhere = mention("a3", place=IDLIB)
    clash = mention("a4", sub_event_type="Armed clash")
    events = fuse_mentions(numbered(base, next_day, elsewhere, clash))
    assert len(events) == 4
    assert all(len(e.mention_ids) == 1 for e in events)
    assert all(e.status == "single source" for e in events)


def test_mentions_from_the_same_article_never_fuse() -> None:
    one = mention("a1", trigger=10)
    two = mention("a1", trigger=200)
    assert not compatible(one, two)
    assert len(fuse_mentions(numbered(one, two))) == 2


def test_same_outlet_counts_once_in_sources() -> None:
    events = fuse_mentions(numbered(mention("a1", "AFP"), mention("a2", "AFP")))
    assert len(events) == 1
    assert events[0].sources == ["AFP"]
    assert events[0].status == "single source"


def test_place_matches_by_name_and_country_or_nearby_coordinates() -> None:
    renamed = Place("Aleppo", 36.3, 37.3, "Syria", "SY", geonames_id=None)
    assert compatible(mention("a1"), mention("a2", place=renamed))
    # another gazetteer entry 500 m away, another name: the same town-level place
    suburb = Place("Halab", 36.2066, 37.1343, "Syria", "SY", geonames_id=999)
    assert haversine_km(36.2021, 37.1343, 36.2066, 37.1343) < 1.0
    assert compatible(mention("a1"), mention("a2", place=suburb))
    # 5 km away at town precision is another place; at region precision it is within reach
    village = Place("Kafr Hamra", 36.2471, 37.1343, "Syria", "SY", geonames_id=998)
    assert not compatible(mention("a1"), mention("a2", place=village))
    region = Place("Kafr Hamra", 36.2471, 37.1343, "Syria", "SY", geo_precision=3, geonames_id=998)
    assert compatible(mention("a1"), mention("a2", place=region))
    assert not compatible(mention("a1"), mention("a2", place=region), FusionRules(max_distance_km={3: 2.0}))


def test_unresolved_place_or_date_never_fuses_by_default() -> None:
    no_place = [mention("a1", place=None), mention("a2", place=None)]
    assert len(fuse_mentions(numbered(*no_place))) == 2
    no_date = [mention("a1", day=None), mention("a2", day=None)]
    assert len(fuse_mentions(numbered(*no_date))) == 2
    # opt-in: identical unresolved mentions fuse, different ones still do not
    rules = FusionRules(fuse_unresolved=True)
    assert len(fuse_mentions(numbered(*no_place), rules)) == 1
    different = [mention("a1", place=None), mention("a2", place=None, killed=(3, 3, 3))]
    assert len(fuse_mentions(numbered(*different), rules)) == 2


def test_date_ranges_fuse_on_overlap_and_keep_the_intersection() -> None:
    week = mention("a1", day=date(2015, 9, 28), end=date(2015, 10, 4), time_precision=2)
    day = mention("a2", day=date(2015, 10, 1))
    [event] = fuse_mentions(numbered(week, day))
    assert (event.date_start, event.date_end) == (date(2015, 10, 1), date(2015, 10, 1))
    assert event.event_date == date(2015, 10, 1)
    assert event.time_precision == 1


def test_complete_linkage_does_not_chain_across_days() -> None:
    day1 = mention("a1", day=date(2015, 10, 1))
    span = mention("a2", day=date(2015, 10, 1), end=date(2015, 10, 2))
    day2 = mention("a3", day=date(2015, 10, 2))
    clusters = cluster_mentions(numbered(day1, span, day2))
    assert [[mid for mid, _ in c] for c in clusters] == [[1, 2], [3]]


def test_rules_are_tunable() -> None:
    strike = mention("a1")
    shelling = mention("a2", sub_event_type="Shelling/artillery/missile attack")
    # an air strike and "shelling" of one incident fuse unless identical sub-types are required
    assert len(fuse_mentions(numbered(strike, shelling))) == 1
    assert len(fuse_mentions(numbered(strike, shelling), FusionRules(require_same_sub_event_type=True))) == 2
    next_day = mention("a3", day=date(2015, 10, 2))
    assert len(fuse_mentions(numbered(strike, next_day))) == 2
    [event] = fuse_mentions(numbered(strike, next_day), FusionRules(max_day_gap=1))
    # no common day: the union of the two days, a 2-6 day UCDP precision
    assert (event.date_start, event.date_end, event.date_prec) == (date(2015, 10, 1), date(2015, 10, 2), 2)


@pytest.mark.parametrize(
    ("claims", "actors", "outlets", "status"),
    [
        ([None, Claim("Moscow", "denied", "denied", claimant_actor=RUSSIA.name)], [RUSSIA, RUSSIA],
         ["AFP", "Reuters"], "denied"),
        ([Claim("the Russian General Staff", "said", claimant_actor=RUSSIA.name), None], [RUSSIA, RUSSIA],
         ["AFP", "AFP"], "confirmed"),
        ([None, None], [RUSSIA, SYRIA], ["AFP", "Reuters"], "contested"),
        ([None, None], [RUSSIA, None], ["AFP", "Reuters"], "corroborated"),
        ([None, None], [RUSSIA, RUSSIA], ["SANA", "SANA"], "single source"),
    ],
)
def test_status(claims: list, actors: list, outlets: list, status: str) -> None:
    ms = [mention(f"a{i}", outlets[i], actor1=actors[i], claim=claims[i]) for i in range(2)]
    [event] = fuse_mentions(numbered(*ms))
    assert event.status == status


def test_most_frequent_actor_and_claimants_and_national_scale() -> None:
    claim = Claim("the Syrian Observatory for Human Rights", "said", claimant_type="monitor")
    ms = [
        mention("a1", "SANA", actor1=SYRIA),
        mention("a2", "Enab Baladi", actor1=RUSSIA, claim=claim),
        mention("a3", "Al-Watan", actor1=RUSSIA, claim=claim),
    ]
    [event] = fuse_mentions(numbered(*ms))
    assert event.actor1 == RUSSIA.name
    assert event.claimants == ["the Syrian Observatory for Human Rights"]
    assert event.source_scale == "National"
    assert event.status == "contested"


def test_silent_report_does_not_lower_the_toll() -> None:
    ms = [mention("a1", "AFP"), mention("a2", "Reuters", killed=(16, 16, 16))]
    [event] = fuse_mentions(numbered(*ms))
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (16, 16, 16)
    assert "disagree" not in event.notes


def test_event_ids_are_stable_when_a_later_report_joins() -> None:
    first = fuse_mentions(numbered(mention("a1"), mention("a9", place=IDLIB)))
    again = fuse_mentions(numbered(mention("a1"), mention("a9", place=IDLIB)))
    assert [e.event_id for e in first] == [e.event_id for e in again]
    later = fuse_mentions(numbered(mention("a1"), mention("a9", place=IDLIB), mention("a2", "Reuters")))
    assert {e.event_id for e in later} == {e.event_id for e in first}
    joined = next(e for e in later if e.place == ALEPPO)
    assert joined.mention_ids == [1, 3]
    assert len({e.event_id for e in later}) == 2


def test_events_are_ordered_by_date_then_id() -> None:
    ms = [mention("a1", day=date(2015, 10, 3)), mention("a2", day=None), mention("a3", day=date(2015, 9, 30))]
    events = fuse_mentions(numbered(*ms))
    assert [e.event_date for e in events] == [date(2015, 9, 30), date(2015, 10, 3), None]


@pytest.mark.parametrize("gap", [0, 2])
def test_day_index_finds_the_same_clusters_as_a_full_scan(gap: int) -> None:
    import random

    rng = random.Random(7)
    towns = [ALEPPO, IDLIB, Place("Aleppo", 36.2025, 37.1340, "Syria", "SY", geonames_id=None)]
    pairs = []
    for i in range(1, 301):
        start = date(2015, 10, 1 + rng.randrange(10))
        end = date(2015, 10, min(31, start.day + rng.choice([0, 0, 0, 1, 6, 25])))
        sub = rng.choice(["Air/drone strike", "Shelling/artillery/missile attack"])
        pairs.append((i, mention(f"a{rng.randrange(60)}", place=rng.choice(towns), day=start, end=end,
                                 sub_event_type=sub)))
    rules = FusionRules(max_day_gap=gap)
    fast = [[mid for mid, _ in c] for c in cluster_mentions(pairs, rules)]
    assert fast == [[mid for mid, _ in c] for c in cluster_mentions(pairs, rules, use_index=False)]
    assert len(fast) < len(pairs)  # the data does fuse


def test_fusion_scales_to_a_large_store() -> None:
    import time

    first = date(2015, 1, 1).toordinal()
    # 20 reports a day over 200 days, two per town and day: 2,000 incidents
    pairs = [
        (i, mention(f"a{i}", "AFP" if (i // 10) % 2 else "Reuters", day=date.fromordinal(first + i // 20),
                    place=Place(f"Town {i % 10}", 30 + (i % 10) * 0.1, 40.0, "Syria", "SY")))
        for i in range(4000)
    ]
    # a guard against quadratic candidate search (~1 s of CPU when linear), in CPU seconds so that a busy
    # machine does not fail it; speed itself is measured by `make bench`
    started = time.process_time()
    events = fuse_mentions(pairs)
    assert time.process_time() - started < 10
    assert len(events) == 2000
    assert all(e.sources == ["AFP", "Reuters"] for e in events)


def test_a_city_covers_its_districts_but_not_nearby_villages():
    city = Place("Mogadishu", 2.0371, 45.3438, "Somalia", "SO", population=2_587_183, geonames_id=53654)
    district = Place("Hodan", 2.0285, 45.3020, "Somalia", "SO", feature_type="admin2", geonames_id=None)
    village = Place("Village A", 2.10, 45.30, "Somalia", "SO", population=2_000, geonames_id=1)
    other_village = Place("Village B", 2.14, 45.30, "Somalia", "SO", population=1_500, geonames_id=2)
    assert same_place(city, district)
    assert same_place(district, city)
    assert not same_place(village, other_village)  # ~4.4 km apart, both small: two places
    assert not same_place(city, Place("Afgooye", 2.1381, 45.1212, "Somalia", "SO", population=65_000))
