"""UCDP's deaths per side (deaths_a / deaths_b / deaths_civilians / deaths_unknown) on sentences written for
these tests: the counts stage reads who the dead are, `toll_sides` sorts them by actor1 and actor2."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitreps.model import Actor, Article, EventMention, TextSpan, Toll
from sitreps.nlp import parse
from sitreps.pipeline import analyse
from sitreps.stages.actors import lookup_actor
from sitreps.stages.counts import find_tolls
from sitreps.stages.toll_sides import fill_sides, resolve_sides, side_of, split_deaths, victims_of

ARMY = Actor("Military Forces of Nigeria (2023-)", 1, "NG", "state")
MILITANTS = Actor("Rebel Groups (Nigeria)", 2, "NG", "rebel")
GUNMEN = Actor("Unidentified Armed Group (Afghanistan)", 3, "AF", "political_militia")
POLICE = Actor("Police Forces of Afghanistan (2021-)", 1, "AF", "state")
RUSSIA = Actor("Military Forces of Russia (2000-)", 8, "RU", "state")
UKRAINE = Actor("Military Forces of Ukraine (2019-)", 1, "UA", "state")
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_7d521d7e3635afb3.txt"


@pytest.fixture(scope="module")
def tolls_of():
    def run(text: str) -> list[Toll]:
        return find_tolls(parse(text), Article(text=text))

    return run


def sides(d) -> tuple[int, int, int, int]:
    return d.deaths_a, d.deaths_b, d.deaths_civilians, d.deaths_unknown


def test_who_keeps_the_victim_description(tolls_of):
    tolls = tolls_of("16 IS jihadists including three child soldiers were killed in a Russian strike.")
    assert [(t.who, t.best) for t in tolls] == [("IS jihadists", 16)]  # the subset is not added
    tolls = tolls_of("The suicide bomber and four policemen died in the blast.")
    assert sorted((t.who, t.best) for t in tolls) == [("policemen", 4), ("suicide bomber", 1)]
    (t,) = tolls_of("Twelve members of the security forces were killed in the ambush.")
    assert (t.who, t.best) == ("security forces", 12)
    (t,) = tolls_of("Gunmen killed five villagers.")
    assert t.who == "civilians"


def test_descriptions_are_typed_with_the_actor_dictionary():
    assert victims_of("IS jihadists").actor == lookup_actor("IS")
    assert victims_of("Russian soldiers").actor.name == "Military Forces of Russia (2000-)"
    assert victims_of("soldiers").actor.inter == 1
    assert victims_of("militants").actor.inter == 2
    assert victims_of("suicide bomber").attackers
    assert victims_of("protesters").civilians and victims_of("civilians").civilians
    assert victims_of("senior officers").actor.inter == 1  # by the head-noun table
    assert victims_of("unknown").actor is None and not victims_of("unknown").civilians


def test_soldiers_and_militants_go_to_the_side_of_actor1_or_actor2(tolls_of):
    tolls = tolls_of("Three soldiers and 12 militants were killed in the clashes.")
    assert sides(split_deaths(tolls, ARMY, MILITANTS, attack=False)) == (3, 12, 0, 0)
    assert sides(split_deaths(tolls, MILITANTS, ARMY, attack=False)) == (12, 3, 0, 0)
    # with only the army named, the militants are the side it fought
    assert sides(split_deaths(tolls, ARMY, None, attack=False)) == (3, 12, 0, 0)


def test_gunmen_killing_villagers_are_civilian_deaths(tolls_of):
    tolls = tolls_of("Gunmen killed five villagers in northern Nigeria.")
    assert sides(split_deaths(tolls, GUNMEN, None, one_sided=True)) == (0, 0, 5, 0)
    # end to end: the events stage types it as violence against civilians
    (m,) = analyse(Article(text="Gunmen killed five villagers in northern Nigeria on Tuesday.")).mentions
    assert m.fatalities_best == 5 and sides(m) == (0, 0, 5, 0)


def test_a_suicide_bomber_counts_for_the_attackers(tolls_of):
    tolls = tolls_of("The suicide bomber and four policemen died in the blast.")
    assert sides(split_deaths(tolls, GUNMEN, POLICE)) == (1, 4, 0, 0)
    assert sides(split_deaths(tolls, GUNMEN, None)) == (1, 4, 0, 0)
    assert sides(split_deaths(tolls, None, POLICE)) == (1, 4, 0, 0)


def test_attackers_killed_by_a_state_force_are_the_other_side(tolls_of):
    tolls = tolls_of("Three gunmen were killed when police repelled the attack.")
    assert sides(split_deaths(tolls, GUNMEN, POLICE, attack=False)) == (3, 0, 0, 0)
    assert sides(split_deaths(tolls, POLICE, None, attack=False)) == (0, 3, 0, 0)


def test_jihadists_killed_in_a_russian_strike_are_side_b(tolls_of):
    tolls = tolls_of("16 IS jihadists including three child soldiers were killed in a Russian strike.")
    islamic_state = lookup_actor("IS")
    assert sides(split_deaths(tolls, RUSSIA, islamic_state)) == (0, 16, 0, 0)
    assert sides(split_deaths(tolls, RUSSIA, None)) == (0, 16, 0, 0)


def test_states_at_war_are_told_apart_by_nationality(tolls_of):
    tolls = tolls_of("Russian shelling killed three Ukrainian soldiers and two Russian soldiers died.")
    assert sides(split_deaths(tolls, RUSSIA, UKRAINE)) == (2, 3, 0, 0)
    # "soldiers" alone could be either army's
    tolls = tolls_of("Four soldiers were killed in the fighting.")
    assert sides(split_deaths(tolls, RUSSIA, UKRAINE, attack=False)) == (0, 0, 0, 4)


def test_a_description_names_the_actor_of_its_country(tolls_of):
    tolls = tolls_of("Eight rebels were killed in clashes with IS near Aleppo.")
    rebels = Actor("Rebel Groups (Syria)", 2, "SY", "rebel")
    assert sides(split_deaths(tolls, lookup_actor("IS"), rebels, attack=False)) == (0, 8, 0, 0)
    tolls = tolls_of("Gunmen killed two soldiers in Borno.")
    gunmen = Actor("Unidentified Armed Group (Nigeria)", 3, "NG")
    assert sides(split_deaths(tolls, gunmen, ARMY)) == (0, 2, 0, 0)


def test_dead_nobody_describes_are_unknown_unless_civilians_are_targeted(tolls_of):
    tolls = tolls_of("At least 12 people were killed in the fighting.")
    assert sides(split_deaths(tolls, ARMY, MILITANTS, attack=False)) == (0, 0, 0, 12)
    assert sides(split_deaths(tolls, GUNMEN, None, one_sided=True)) == (0, 0, 12, 0)
    assert side_of(victims_of("unknown"), None, None) == "unknown"


def test_excluded_and_other_tolls_are_not_deaths(tolls_of):
    tolls = tolls_of("Five soldiers were wounded and the war has killed 250,000 people since 2011.")
    assert sides(split_deaths(tolls, ARMY, MILITANTS)) == (0, 0, 0, 0)


def test_the_split_sums_to_the_mention_fatalities(tolls_of):
    tolls = tolls_of("Three soldiers and 12 militants were killed in the clashes.")
    # a toll shared among two places: each mention holds a share, and the sides scale with it
    halves = [sides(split_deaths(tolls, ARMY, MILITANTS, total=n)) for n in (8, 7)]
    assert [sum(h) for h in halves] == [8, 7]
    assert sum(h[0] for h in halves) + sum(h[1] for h in halves) == 15
    # fatalities without a described toll are of unknown side
    assert sides(split_deaths([], ARMY, MILITANTS, total=4)) == (0, 0, 0, 4)


def _mention(text: str, tolls: list[Toll], actor1: Actor | None, actor2: Actor | None) -> EventMention:
    span = TextSpan(0, len(text), text)
    best = sum(t.best for t in tolls if t.kind == "killed")
    return EventMention(
        article_hash="x", sentence_span=span, trigger_span=span, event_type="Battles",
        sub_event_type="Armed clash", disorder_type="Political violence", actor1=actor1, actor2=actor2,
        fatalities_low=best, fatalities_best=best, fatalities_high=best, toll_spans=[t.span for t in tolls],
    )  # fmt: skip


def test_resolve_sides_follows_the_final_actors(tolls_of):
    text = "Three soldiers and 12 militants were killed in the clashes."
    tolls = tolls_of(text)
    m = _mention(text, tolls, None, None)
    fill_sides(m, tolls)
    assert sides(m) == (0, 0, 0, 15)  # no actor known yet: no side
    m.actor1, m.actor2 = ARMY, MILITANTS  # the events stage names them later
    resolve_sides([m], tolls)
    assert sides(m) == (3, 12, 0, 0)
    # a mention whose tolls are not given keeps its split
    other = _mention(text, tolls, ARMY, MILITANTS)
    other.deaths_unknown = 15
    resolve_sides([other], [])
    assert sides(other) == (0, 0, 0, 15)


@pytest.mark.skipif(not SEED.exists(), reason="the seed report is not here")
def test_the_seed_report_sides_add_up():
    analysis = analyse(Article(text=SEED.read_text(encoding="utf-8")))
    resolve_sides(analysis.mentions, analysis.tolls)
    deadly = [m for m in analysis.mentions if m.fatalities_best]
    assert deadly
    for m in analysis.mentions:
        assert sum(sides(m)) == m.fatalities_best
    # the Russian and French strikes kill the other side (IS, rebels), not their own
    strikes = [m for m in deadly if m.sub_event_type == "Air/drone strike"]
    assert strikes and all(m.deaths_b == m.fatalities_best for m in strikes)
