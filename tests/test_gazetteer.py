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
