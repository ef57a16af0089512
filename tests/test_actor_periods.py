"""State actors take the name of the government of their time (ACLED's period suffixes)."""

from __future__ import annotations

from datetime import date

from sitreps.model import Actor, Article
from sitreps.pipeline import analyse
from sitreps.stages import actors as st
from sitreps.stages.actor_periods import dated_actor, dated_name, period_for


def test_period_for_picks_the_government_in_office_that_day():
    us = st.get_actor_dictionary().countries["US"]
    assert period_for(us, date(2019, 6, 1)) == "2017-2021"
    assert period_for(us, date(2021, 1, 10)) == "2017-2021"  # before the inauguration
    assert period_for(us, date(2021, 3, 1)) == "2021-2025"
    assert period_for(us, date(2026, 1, 1)) == us.period
    syria = st.get_actor_dictionary().countries["SY"]
    assert period_for(syria, date(2015, 10, 7)) == "2000-2024"
    assert period_for(syria, date(2024, 5, 22)) == "2000-2024"  # Assad fell on 8 December 2024
    assert period_for(syria, date(2025, 2, 10)) == "2024-"


def test_dated_names_keep_the_branch_and_leave_others_alone():
    air = st.lookup_actor("Russian warplanes")
    assert dated_actor(air, date(2015, 10, 1)) is air  # one period only: nothing to change
    syrian_air = st.with_country(st.lookup_actor("regime warplanes"), "Syria")
    assert dated_actor(syrian_air, date(2016, 5, 2)).name == "Military Forces of Syria (2000-2024) Air Force"
    isis = st.lookup_actor("ISIS")
    assert dated_actor(isis, date(2015, 1, 1)) is isis
    assert (
        dated_name("Police Forces of Iraq (2022-)", "IQ", date(2016, 6, 1))
        == "Police Forces of Iraq (2014-2018)"
    )
    assert dated_name("Police Forces of Iraq (2022-)", "IQ", None) == "Police Forces of Iraq (2022-)"
    rebel = Actor("Hayat Tahrir al-Sham", 2, "SY", "rebel")
    assert dated_actor(rebel, date(2018, 1, 1)) is rebel


def test_an_event_is_named_for_its_date_and_the_rest_for_publication():
    article = Article(
        text="Syrian government warplanes bombed the town of Saraqib on Monday, killing 12 civilians, "
        "the Syrian Observatory for Human Rights said.",
        published=date(2016, 2, 10),
    )
    result = analyse(article)
    names = {m.actor1.name for m in result.mentions if m.actor1 is not None}
    assert any("(2000-2024)" in n for n in names), names
    assert not any("(2024-)" in a.actor.name for a in result.actors)


def test_without_a_publication_date_the_text_dates_the_names():
    article = Article(
        text="Syrian warplanes struck rebel positions near Hama on Oct. 7, 2015. Syrian troops later "
        "advanced on the town of Morek."
    )
    result = analyse(article)
    names = {m.actor1.name for m in result.mentions if m.actor1 is not None}
    assert names and all("(2024-)" not in n for n in names), names


def test_the_main_wars_name_the_government_of_the_events_time():
    countries = st.get_actor_dictionary().countries
    # Nigeria's army fighting Boko Haram in 2018 was Buhari's; in 2024 Tinubu's
    assert period_for(countries["NG"], date(2018, 3, 1)) == "2015-2023"
    assert period_for(countries["NG"], date(2023, 5, 28)) == "2015-2023"
    assert period_for(countries["NG"], date(2024, 1, 1)) == "2023-"
    # Afghanistan's forces before and after the Taliban took Kabul on 15 August 2021
    assert period_for(countries["AF"], date(2021, 8, 1)) == "2014-2021"
    assert period_for(countries["AF"], date(2021, 9, 1)) == "2021-"
    # Mali's two coups
    assert period_for(countries["ML"], date(2019, 1, 1)) == "2013-2020"
    assert period_for(countries["ML"], date(2021, 1, 1)) == "2020-2021"
    assert (
        dated_name("Military Forces of Ukraine (2019-)", "UA", date(2015, 2, 1))
        == "Military Forces of Ukraine (2014-2019)"
    )
