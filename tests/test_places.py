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
            {"Kharkiv oblast": "UA"},
        ),
        (
            "The Rapid Support Forces shelled El Fasher, the capital of North Darfur state.",
            {"El Fasher": "SD", "North Darfur state": "SD"},
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
