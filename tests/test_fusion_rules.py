"""Issue 7's fusion rules on hand-built mentions: readings, tolerances, area-level reports, copies."""

from __future__ import annotations

from datetime import date

from sitreps.fuse import cluster_mentions, fuse_mentions
from sitreps.fusion_event import independent_sources
from sitreps.fusion_rules import FusionRules, contains, dates_overlap, types_compatible
from sitreps.model import Actor, EventMention, Place, TextSpan

UKRAINE = Place("Ukraine", 49.0, 32.0, "Ukraine", "UA", feature_type="country", geo_precision=3)
OBLAST = Place("Zaporizhzhia Oblast", 47.5, 35.5, "Ukraine", "UA", admin1="Zaporizhzhia",
               feature_type="admin1", geo_precision=3, geonames_id=1)
ZAPORIZHZHIA = Place("Zaporizhzhia", 47.8388, 35.1396, "Ukraine", "UA", admin1="Zaporizhzhia",
                     population=710_000, geonames_id=2)
ORIKHIV = Place("Orikhiv", 47.5673, 35.7855, "Ukraine", "UA", admin1="Zaporizhzhia", geonames_id=3)
HULIAIPOLE = Place("Huliaipole", 47.6640, 36.2575, "Ukraine", "UA", admin1="Zaporizhzhia", geonames_id=4)
RUSSIA = Actor("Military Forces of Russia (2000-)", 8)
RUSSIA_AIR = Actor("Military Forces of Russia (2000-) Air Force", 8)
UKRAINE_ARMY = Actor("Military Forces of Ukraine (2019-)", 1)


def mention(
    article: str,
    text: str,
    place: Place | None,
    place_word: str | None = None,
    day: date = date(2024, 3, 5),
    date_word: str | None = "on Tuesday",
    sub_event_type: str = "Shelling/artillery/missile attack",
    killed: int = 0,
    outlet: str = "",
    actor1: Actor | None = RUSSIA,
    trigger: str = "shelled",
    end: date | None = None,
) -> EventMention:
    """A mention of `text` (one sentence), its place and date spans found in the text when given."""
    def span(word: str | None) -> TextSpan | None:
        if word is None:
            return None
        start = max(text.find(word), 0)  # a trigger word the sentence lacks: at its start
        return TextSpan(start, start + len(word), word)

    return EventMention(
        article_hash=article, sentence_span=TextSpan(0, len(text), text), trigger_span=span(trigger),
        event_type="Explosions/Remote violence", sub_event_type=sub_event_type,
        disorder_type="Political violence", actor1=actor1, place=place,
        place_span=span(place_word) if place_word else span(place.name if place else None),
        date_start=day, date_end=end or day, date_span=span(date_word),
        fatalities_low=killed, fatalities_best=killed, fatalities_high=killed, outlet=outlet or article,
    )


def groups(*ms: EventMention, rules: FusionRules | None = None) -> list[list[int]]:
    clusters = cluster_mentions(list(enumerate(ms, start=1)), rules or FusionRules())
    return [[mid for mid, _ in c] for c in clusters]


S1 = "Russian forces shelled the town of Orikhiv on Tuesday, killing three civilians, officials said."
S2 = "Three people died when Russian troops shelled Orikhiv on Tuesday, the regional governor said."


def test_strike_and_shelling_of_one_town_fuse_but_a_clash_or_an_arrest_does_not() -> None:
    assert types_compatible("Air/drone strike", "Shelling/artillery/missile attack")
    assert types_compatible("Attack", "Armed clash")
    assert not types_compatible("Air/drone strike", "Armed clash")
    assert not types_compatible("Arrests", "Attack")
    strike = mention("b", S2, ORIKHIV, sub_event_type="Air/drone strike", trigger="shelled")
    assert groups(mention("a", S1, ORIKHIV), strike) == [[1, 2]]


def test_a_town_and_the_province_it_lies_in_from_one_sentence_are_one_reading() -> None:
    s = "Russian forces shelled Orikhiv in Zaporizhzhia Oblast on Tuesday, killing three civilians."
    town = mention("a", s, ORIKHIV)
    province = mention("a", s, OBLAST, place_word="Zaporizhzhia Oblast")
    other = mention("b", S2, ORIKHIV)
    [event] = fuse_mentions(list(enumerate([town, province, other], start=1)))
    assert event.mention_ids == [1, 2, 3]
    assert event.place == ORIKHIV


def test_a_sentence_naming_a_town_in_a_city_region_is_placed_by_the_town() -> None:
    # "Orikhiv, south-east of Zaporizhzhia": the finest place locates it, so it does not join an
    # event in the city itself just because the city is named too
    s = "Russian forces shelled Orikhiv, south-east of Zaporizhzhia, on Tuesday."
    town = mention("a", s, Place(**{**ORIKHIV.__dict__, "geo_precision": 1}))
    city_word = mention("a", s, Place(**{**ZAPORIZHZHIA.__dict__, "geo_precision": 2}),
                        place_word="Zaporizhzhia,")
    city = mention("b", "Russian forces shelled Zaporizhzhia on Tuesday, officials said.", ZAPORIZHZHIA)
    assert groups(town, city_word, city) == [[1, 2], [3]]


def test_night_time_incidents_get_a_day_either_side_and_plain_days_do_not() -> None:
    monday_night = mention("a", "Russian forces shelled Orikhiv on Monday night.", ORIKHIV,
                           day=date(2024, 3, 4), date_word="Monday night")
    tuesday = mention("b", S2, ORIKHIV)
    monday = mention("c", "Russian forces shelled Orikhiv on Monday.", ORIKHIV,
                     day=date(2024, 3, 4), date_word="on Monday")
    assert dates_overlap(monday_night, tuesday)
    assert not dates_overlap(monday, tuesday)
    assert groups(monday_night, tuesday, monday) == [[1, 2], [3]]


def test_a_dateline_date_is_the_filing_day_and_a_dateline_place_is_where_it_was_filed() -> None:
    s = "ZAPORIZHZHIA, March 6 (Reuters) - Russian forces shelled Orikhiv, killing three people."
    wire = mention("a", s, ZAPORIZHZHIA, place_word="ZAPORIZHZHIA", day=date(2024, 3, 6), date_word="March 6")
    wire_town = mention("a", s, ORIKHIV, day=date(2024, 3, 6), date_word="March 6")
    local = mention("b", S1, ORIKHIV)  # 5 March
    city = mention("c", "Russian forces shelled Zaporizhzhia on Wednesday.", ZAPORIZHZHIA,
                   day=date(2024, 3, 6), date_word="on Wednesday")
    assert groups(wire, wire_town, local, city) == [[1, 2, 3], [4]]
    # without the dateline a day apart is two incidents
    plain = mention("d", "Russian forces shelled Orikhiv on Wednesday.", ORIKHIV, day=date(2024, 3, 6),
                    date_word="on Wednesday")
    assert groups(local, plain) == [[1], [2]]


def test_round_ups_never_fuse() -> None:
    round_up = mention("a", "Russian forces have shelled Orikhiv repeatedly in recent days.", ORIKHIV,
                       day=date(2024, 3, 1), end=date(2024, 3, 6), date_word="in recent days")
    assert groups(round_up, mention("b", S2, ORIKHIV)) == [[1], [2]]


def test_contains_follows_the_gazetteer_hierarchy() -> None:
    assert contains(OBLAST, ORIKHIV) and contains(UKRAINE, ORIKHIV)
    assert not contains(OBLAST, Place("Kharkiv", 49.98, 36.25, "Ukraine", "UA", admin1="Kharkiv"))
    assert not contains(UKRAINE, Place("Belgorod", 50.6, 36.6, "Russia", "RU", admin1="Belgorod"))


def test_a_province_level_report_joins_the_only_event_it_can_mean() -> None:
    town = mention("a", S1, ORIKHIV, killed=3)
    province = mention("b", "Shelling killed three people in Zaporizhzhia Oblast on Tuesday.", OBLAST,
                       place_word="Zaporizhzhia Oblast", killed=3)
    assert groups(town, province) == [[1, 2]]
    # with a second town shelled that day a report without a toll could mean either: it stays apart...
    other = mention("c", "Russian forces shelled Huliaipole on Tuesday, killing 20.", HULIAIPOLE, killed=20)
    silent = mention("d", "Russian forces shelled Zaporizhzhia Oblast on Tuesday.", OBLAST,
                     place_word="Zaporizhzhia Oblast")
    assert groups(town, other, silent) == [[1], [2], [3]]
    # ...while a toll tells them apart (3 dead is Orikhiv's strike, not Huliaipole's 20)
    assert groups(town, other, province) == [[1, 3], [2]]
    assert groups(town, other, province, rules=FusionRules(toll_ratio=10.0)) == [[1], [2], [3]]


def test_a_province_level_report_with_another_perpetrator_does_not_join() -> None:
    town = mention("a", S1, ORIKHIV, actor1=RUSSIA_AIR)  # a unit agrees with its force
    province = mention("b", "Shelling hit Zaporizhzhia Oblast on Tuesday.", OBLAST,
                       place_word="Zaporizhzhia Oblast")
    blamed = mention("c", "Ukrainian shelling hit Zaporizhzhia Oblast on Tuesday.", OBLAST,
                     place_word="Zaporizhzhia Oblast", actor1=UKRAINE_ARMY)
    assert groups(town, province) == [[1, 2]]
    assert groups(town, blamed) == [[1], [2]]


def test_a_borrowed_place_restating_the_articles_own_incident_stays_out() -> None:
    lead = mention("a", S1, ORIKHIV)
    # "Witnesses said ..." names no place: the events stage lends it one from elsewhere in the text
    text = "Witnesses said a house was hit by two shells. " + S1
    borrowed = mention("a", text, HULIAIPOLE, place_word="Orikhiv", trigger="hit")
    borrowed.sentence_span = TextSpan(0, 46, text[:46])
    decoy = mention("b", "Russian forces shelled Huliaipole on Tuesday.", HULIAIPOLE)
    assert groups(lead, borrowed, decoy) == [[1], [2], [3]]


def test_republished_wire_copy_counts_as_one_source() -> None:
    wire = ("KYIV, March 5 (Reuters) - Russian forces shelled the frontline town of Orikhiv on Tuesday, "
            "killing three.")
    reuters = mention("a", wire, ORIKHIV, outlet="Reuters")
    copy = mention("b", wire, ORIKHIV, outlet="Kyiv Post")
    [event] = fuse_mentions(list(enumerate([reuters, copy], start=1)))
    assert event.sources == ["Kyiv Post", "Reuters"]
    assert independent_sources([reuters, copy]) == 1
    assert event.status == "single source"
    assert "Same copy (counted as one source): Kyiv Post, Reuters." in event.notes
    [event] = fuse_mentions(list(enumerate([reuters, mention("c", S2, ORIKHIV, outlet="AFP")], start=1)))
    assert event.status == "corroborated"


def test_a_toll_split_over_one_sentences_places_counts_once() -> None:
    s = "Russian forces shelled Orikhiv in Zaporizhzhia Oblast on Tuesday, killing three civilians."
    town = mention("a", s, ORIKHIV, killed=3)
    province = mention("a", s, OBLAST, place_word="Zaporizhzhia Oblast", killed=3)
    other = mention("b", S2, ORIKHIV, killed=5)
    [event] = fuse_mentions(list(enumerate([town, province, other], start=1)))
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (3, 4, 5)
