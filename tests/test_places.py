"""The places stage on sentences written for these tests, from several wars."""

from __future__ import annotations

import pytest

from sitreps.gazetteer import get_gazetteer
from sitreps.model import Article, PlaceMention
from sitreps.nlp import parse
from sitreps.stages.places import find_places


@pytest.fixture(scope="module")
def run():
    get_gazetteer()

    def _run(text: str) -> list[PlaceMention]:
        return find_places(parse(text), Article(text=text))

    return _run


def by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.span.text: m for m in mentions}


SYRIA = (
    "DAMASCUS: Government aircraft bombed rebel positions in Raqa and near the town of Morek in Hama "
    "province on Friday, the Syrian Observatory said. Russian jets also struck Latakia, Hama and Idlib. "
    "Militants shelled Kweyris, a military airport in Aleppo province, and clashes were reported in "
    "Sahl al-Ghab. Moscow said its warships in the Caspian Sea had fired cruise missiles at targets in Syria."
)


def test_syrian_places_resolve_into_syria(run):
    found = by_text(run(SYRIA))
    for name in ("Raqa", "Morek", "Latakia", "Idlib", "Kweyris", "Sahl al-Ghab"):
        assert found[name].place is not None and found[name].place.country_code == "SY", name
    assert found["Kweyris"].place.feature_type == "airport"
    assert found["Sahl al-Ghab"].place.admin1 == "Hama"
    assert found["Morek"].place.admin1 == "Hama"
    assert abs(found["Morek"].place.latitude - 35.38) < 0.1


def test_province_word_selects_the_province(run):
    mentions = [m for m in run(SYRIA) if m.span.text == "Aleppo"]
    assert mentions and mentions[0].place.feature_type == "admin1" and mentions[0].place.geo_precision == 3


def test_other_countries_and_seas(run):
    found = by_text(run(SYRIA))
    assert found["Moscow"].place.country_code == "RU"
    assert found["Caspian Sea"].place.feature_type == "sea"
    assert found["Syria"].place.feature_type == "country"


def test_adjectives_are_countries_not_locations(run):
    mentions = run(SYRIA)
    russian = [m for m in mentions if m.span.text == "Russian"]
    assert russian and russian[0].is_country_adjective and russian[0].place.country_code == "RU"
    assert all(m.is_country_adjective for m in mentions if m.span.text in ("Syrian", "Russian"))
    assert not any(m.is_country_adjective for m in mentions if m.span.text in ("Raqa", "Idlib"))


def test_dateline_is_marked(run):
    first = run(SYRIA)[0]
    assert first.span.text == "DAMASCUS" and first.relation == "dateline"
    assert first.place.country_code == "SY" and first.sentence == 0


def test_people_titles_and_groups_are_not_places(run):
    text = (
        "President Bashar al-Assad met General Qassem Soleimani in Damascus. Assad thanked Soleimani. "
        "The Islamic State group and Hezbollah fighters clashed on Thursday in Western Aleppo, "
        "said analyst Thomas Pierret."
    )
    texts = {m.span.text for m in run(text)}
    assert "Damascus" in texts
    assert not texts & {
        "Assad",
        "Bashar",
        "Soleimani",
        "Qassem",
        "Thursday",
        "Islamic State",
        "Hezbollah",
        "Thomas",
        "Pierret",
        "Western",
        "Islamic",
    }


def test_relative_locations_keep_the_anchor_with_coarser_precision(run):
    text = (
        "Fighters advanced to within 10 km north of Aleppo. A rocket hit the southern edges of Raqa city. "
        "Shelling was reported on the outskirts of Homs."
    )
    found = by_text(run(text))
    assert found["Aleppo"].relation == "10 km north of" and found["Aleppo"].place.geo_precision == 2
    assert found["Aleppo"].place.country_code == "SY"
    assert found["Raqa"].relation == "southern edges of" and found["Raqa"].place.geo_precision == 2
    assert found["Homs"].relation == "outskirts of" and found["Homs"].place.country_code == "SY"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian shelling killed two people in Bakhmut and the town of Avdiivka on Monday.",
            {"Bakhmut": "UA", "Avdiivka": "UA"},
        ),
        (
            "A missile struck an apartment block in Kharkiv oblast, the governor said.",
            {"Kharkiv": "UA"},  # the typed scheme leaves a lower-case unit word out of the toponym
        ),
        (
            "The Rapid Support Forces shelled El Fasher, the capital of North Darfur state.",
            {"El Fasher": "SD", "North Darfur": "SD"},
        ),
        (
            "Houthi forces clashed with government troops near Marib and in Hodeidah.",
            {"Marib": "YE", "Hodeidah": "YE"},
        ),
        (
            "An airstrike in Khan Younis killed six people as tanks moved toward Rafah in the Gaza Strip.",
            {"Khan Younis": "PS", "Rafah": "PS", "Gaza Strip": "PS"},
        ),
        (
            "Gunmen attacked a military post near Menaka in Mali, and a convoy was ambushed outside Gao.",
            {"Menaka": "ML", "Gao": "ML", "Mali": "ML"},
        ),
        ("Myanmar's army lost control of Lashio to the rebel alliance.", {"Lashio": "MM", "Myanmar": "MM"}),
        ("Ships in the Red Sea off Yemen were attacked.", {"Red Sea": "", "Yemen": "YE"}),
    ],
)
def test_other_wars(run, text, expected):
    found = by_text(run(text))
    for name, cc in expected.items():
        assert name in found, (name, list(found))
        assert found[name].place is not None and found[name].place.country_code == cc, name


def test_red_sea_is_the_sea(run):
    found = by_text(run("Houthi missiles targeted a tanker in the Red Sea near Sudan."))
    assert found["Red Sea"].place.feature_type == "sea"


def test_country_name_is_never_overridden_by_coherence(run):
    found = by_text(run("Russian strikes hit Aleppo and Idlib, and Syria asked Georgia for help."))
    assert found["Georgia"].place.feature_type == "country" and found["Georgia"].place.country_code == "GE"


def test_sentence_indices_and_spans_point_into_the_text(run):
    text = "Clashes erupted overnight. Troops later entered Mosul, officials said."
    mentions = run(text)
    mosul = by_text(mentions)["Mosul"]
    assert mosul.sentence == 1 and text[mosul.span.start : mosul.span.end] == "Mosul"
    assert mosul.place.country_code == "IQ"


def test_sentence_initial_common_word_is_not_a_place(run):
    texts = {m.span.text for m in run("Victoria said the talks failed. Hope remains, said Colonel Smith.")}
    assert not texts & {"Hope", "Smith"}


def test_common_word_inside_an_organisation_name_is_not_a_place(run):
    text = (
        "Rescuers from the Syria Civil Defence, known as the White Helmets, pulled survivors from the rubble "
        "in Idlib, while Green fighters and Golden Dawn activists protested."
    )
    texts = {m.span.text for m in run(text)}
    assert not texts & {"White", "White Helmets", "Green", "Golden"}
    assert "Idlib" in texts


def test_common_word_with_a_place_cue_still_names_its_own_town(run):
    found = by_text(run("Police in Nice said a truck ploughed into crowds on the seafront in France."))
    assert found["Nice"].place is not None and found["Nice"].place.country_code == "FR"


def test_acronyms_and_armed_groups_are_not_places(run):
    text = (
        "Fighters of the SDF and the RSF clashed with al-Qaeda and Islamic State West Africa Province "
        "militants, while al-Shabab claimed an attack near Kismayo in Somalia."
    )
    mentions = run(text)
    texts = {m.span.text for m in mentions}
    assert not texts & {"SDF", "RSF", "Qaeda", "al-Qaeda", "Africa", "West Africa", "Shabab"}
    assert by_text(mentions)["Kismayo"].place.country_code == "SO"


def test_named_hospital_is_not_a_loosely_similar_town(run):
    text = "The wounded were taken to Kamal hospital and to Medina hospital after the blast in Mogadishu."
    found = by_text(run(text))
    assert "Kamal" not in found and "Medina" not in found
    assert found["Mogadishu"].place.country_code == "SO"


def test_based_and_backed_mark_affiliation_not_event_location(run):
    text = (
        "The Britain-based Syrian Observatory said Iran-backed militias shelled villages near Deir ez-Zor, "
        "and the London-based group counted 12 dead."
    )
    found = by_text(run(text))
    assert found["Britain"].relation == "based"
    assert found["London"].relation == "based"
    assert found["Iran"].relation == "backed"
    assert found["Deir ez-Zor"].place.country_code == "SY" and found["Deir ez-Zor"].relation == "near"


def test_dateline_with_country_and_date_marks_both(run):
    text = (
        "KANO, Nigeria, April 17 (AFP) - Jihadists abducted 11 women outside the town of Dikwa in "
        "Nigeria's northeastern Borno state, residents said."
    )
    mentions = run(text)
    assert [m.relation for m in mentions[:2]] == ["dateline", "dateline"]
    assert mentions[1].span.text == "Nigeria"
    found = by_text(mentions)
    assert found["Dikwa"].relation == "outside" and found["Dikwa"].place.admin1 == "Borno"


def test_direction_adjective_between_cue_and_name_keeps_the_cue(run):
    text = (
        "Jets bombed a market in Lashio, the largest town in northern Shan State, and shells fell in the "
        "Mawasi area of Khan Younis in southern Gaza."
    )
    found = by_text(run(text))
    shan = found["Shan State"].place
    assert shan.feature_type == "admin1" and shan.country_code == "MM"
    assert found["Khan Younis"].place.country_code == "PS"


def test_country_names_that_are_also_english_words(run):
    found = by_text(run("A US convoy was ambushed. Japan and Canada condemned the attack on the convoy."))
    assert found["US"].place.feature_type == "country" and found["US"].place.country_code == "US"
    assert found["Japan"].place.country_code == "JP"
    assert not any(m.span.text.lower() == "us" for m in run("Gunmen told us to leave the village."))


def test_a_state_the_model_reads_as_a_person(run):
    found = by_text(run("Tamil Nadu on Saturday asked the court to intervene."))
    state = found["Tamil Nadu"].place
    assert state.feature_type == "admin1" and state.country_code == "IN"


def test_capitalised_feature_word_is_part_of_the_name(run):
    mentions = run("Deputies in Henry County arrested two men after a shooting in Idlib Province.")
    texts = {m.span.text for m in mentions}
    assert {"Henry County", "Idlib Province"} <= texts
    assert not texts & {"Henry", "County", "Idlib"}
    idlib = by_text(mentions)["Idlib Province"].place
    assert idlib.feature_type == "admin1" and idlib.country_code == "SY"


def test_generic_words_alone_are_not_places(run):
    text = "The Sheriff said the Valley was quiet and the County closed the Hall."
    texts = {m.span.text for m in run(text)}
    assert not texts & {"Sheriff", "Valley", "County", "Hall"}


def test_place_inside_an_organisation_name_is_where_it_sits(run):
    text = (
        "The Pakistan Army said on Monday that militants had attacked a post, the Central Bank of Malta "
        "reported losses, and Agence France-Presse quoted the New England Journal of Medicine."
    )
    found = by_text(run(text))
    assert found["Pakistan"].relation == "based" and found["Pakistan"].place.country_code == "PK"
    # a bank's "of X" names whose bank it is, not a place the report is about
    assert "Malta" not in found and "France" not in found and "England" not in found


def test_a_country_name_that_is_also_a_state_follows_the_article(run):
    us = by_text(run("Police in Georgia said men from Macon and Savannah were arrested in Augusta."))
    assert us["Georgia"].place.feature_type == "admin1" and us["Georgia"].place.country_code == "US"
    caucasus = by_text(run("Russian troops entered Georgia and shelled villages near Tbilisi."))
    georgia = caucasus["Georgia"].place
    assert georgia.feature_type == "country" and georgia.country_code == "GE"


def test_city_comma_state_picks_the_namesake_in_that_state(run):
    found = by_text(run("A tornado tore through Paris, Texas, on Sunday, and crews from Dallas were sent."))
    paris = found["Paris"].place
    assert paris is not None and (paris.country_code, paris.admin1) == ("US", "Texas")


def test_city_comma_state_abbreviation(run):
    found = by_text(run("The school board in Athens, Ga., voted on Monday to close two schools."))
    athens = found["Athens"].place
    assert athens is not None and (athens.country_code, athens.admin1) == ("US", "Georgia")


def test_later_bare_mention_follows_the_qualified_one(run):
    text = (
        "PARIS, Texas (AP) - A man was charged with arson on Tuesday. "
        "Firefighters said the blaze was the third in Paris this year."
    )
    paris = [m for m in run(text) if m.span.text.lower() == "paris"]
    assert len(paris) == 2
    assert all(m.place is not None and m.place.admin1 == "Texas" for m in paris)


def test_the_state_most_places_fall_in_decides_a_namesake(run):
    text = (
        "Police in Harrisburg said the driver had fled from Lancaster and was caught in York. "
        "He was later taken to a jail in Lebanon County and appeared in court in Hershey. "
        "A witness from Ephrata said the chase passed through Manheim, Lititz and Palmyra."
    )
    palmyra = by_text(run(text))["Palmyra"].place
    assert palmyra is not None and (palmyra.country_code, palmyra.admin1) == ("US", "Pennsylvania")


def test_coherence_never_overrides_a_country_name(run):
    text = (
        "Officers in Harrisburg, Lancaster and York said the shipment had come from Lebanon "
        "by way of a port in Philadelphia."
    )
    lebanon = by_text(run(text))["Lebanon"].place
    assert lebanon is not None and lebanon.feature_type == "country" and lebanon.country_code == "LB"


def test_a_state_named_after_a_town_is_the_state_not_the_country(run):
    found = by_text(run("The rally in Athens, Georgia, drew thousands, organisers said."))
    georgia = found["Georgia"].place
    assert georgia is not None and (georgia.country_code, georgia.feature_type) == ("US", "admin1")


def test_a_local_institution_makes_a_country_name_the_articles_town(run):
    text = (
        "Sheriff deputies in Anderson County, Texas, arrested a Palestine man on Monday. "
        "The Palestine Police Department said the man, 36, was held at the Anderson County jail near Tyler."
    )
    pal = [m for m in run(text) if m.span.text == "Palestine"]
    assert pal and all(m.place is not None and m.place.country_code == "US" for m in pal)


def test_without_a_local_cue_a_country_name_stays_the_country(run):
    m = by_text(run("Ministers from Jordan and Lebanon met in Amman on Monday."))
    assert m["Lebanon"].place.feature_type == "country" and m["Lebanon"].place.country_code == "LB"


def test_a_state_name_is_the_state_not_a_town_named_after_it(run):
    text = "Farmers from Kansas met growers in Springfield, Illinois, on Monday."
    kansas = [m for m in run(text) if m.span.text == "Kansas"]
    assert kansas and kansas[0].place.feature_type == "admin1"


def test_a_named_site_lies_in_the_town_around_it(run):
    m = by_text(run("Gunmen stormed Maiduguri overnight and fired on worshippers at the Abu Bakr Mosque."))
    site = m["Abu Bakr Mosque"]
    assert site.place is not None and site.place.name == "Maiduguri" and site.place.geo_precision == 2
    assert "Abu Bakr" not in m


def test_a_site_takes_a_prominent_place_named_inside_it(run):
    m = by_text(run("Students at the University of Alberta protested the new fees."))
    assert m["University of Alberta"].place.name == "Alberta"


def test_regional_demonyms_tie_to_their_region_not_a_location(run):
    m = by_text(run("European ministers met Scottish officials in Brussels on Friday."))
    assert m["European"].is_country_adjective and m["European"].place.name == "Europe"
    assert m["Scottish"].is_country_adjective and m["Scottish"].place.name == "Scotland"


def test_a_state_abbreviation_that_is_a_word_qualifies_a_town(run):
    m = [x for x in run("Police in South Bend, Ind., said the suspect fled.") if x.span.text == "Ind."]
    assert m and m[0].place.name == "Indiana" and m[0].place.feature_type == "admin1"


def test_a_county_named_in_the_story_picks_its_seat(run):
    text = "Officials in Huntsville said the burn ban for Walker County was lifted on Monday."
    m = by_text(run(text))
    assert m["Huntsville"].place.admin1 == "Texas"
    assert m["Walker County"].place.admin1 == "Texas"


def test_us_regions_are_regions_of_the_united_states(run):
    found = by_text(run("Snow hit the Midwest and the East Coast, while fires burned on the West Coast."))
    for name in ("Midwest", "East Coast", "West Coast"):
        place = found[name].place
        assert place is not None and place.country_code == "US" and place.feature_type == "region", name


def test_a_position_named_for_its_ground_is_a_site(run):
    found = by_text(run("Rebels stormed army positions at Biju Hill, north of Hama, on Monday."))
    assert "Biju Hill" in found
