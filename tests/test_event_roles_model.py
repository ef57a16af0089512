"""Event roles carried on `EventMention` (actor1/actor2 spans, victims, physical targets, weapons): filled by
the events stage, kept by the store, and sent to the right slot by the arguments evaluation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitreps.evaluate.tasks.arguments import muc_predictions, predicted_fillers
from sitreps.model import (
    Actor,
    ActorMention,
    Article,
    ArticleAnalysis,
    EventMention,
    TextSpan,
    Toll,
    to_jsonable,
)
from sitreps.pipeline import analyse
from sitreps.store import Store, mention_from_dict

SENTENCES = {
    "roadside": "Three soldiers were killed by a roadside bomb in Helmand on Wednesday.",
    "checkpoint": (
        "Taliban fighters attacked a police checkpoint in Kandahar province on Sunday with rocket-propelled "
        "grenades, killing three policemen."
    ),
    "arson": "Masked men set fire to a church in Maiduguri on Sunday, residents said.",
    "journalist": "Unknown assailants shot dead a journalist in Mogadishu on Thursday.",
    "suicide": "A suicide bomber blew himself up at a mosque in Kano on Friday, killing 15 worshippers.",
}


@pytest.fixture(scope="module")
def analyses() -> dict[str, ArticleAnalysis]:
    """Each sentence through the whole pipeline once (the spaCy model loads once per session)."""
    return {k: analyse(Article(text=t), published=date(2021, 3, 4)) for k, t in SENTENCES.items()}


def _only(analysis: ArticleAnalysis) -> EventMention:
    assert len(analysis.mentions) == 1, [m.trigger_span.text for m in analysis.mentions]
    return analysis.mentions[0]


def _texts(spans: list[TextSpan]) -> list[str]:
    return [s.text for s in spans]


def test_weapon_trigger_is_the_weapon_and_its_verb_gives_the_victims(analyses) -> None:
    m = _only(analyses["roadside"])
    assert _texts(m.weapon_spans) == ["a roadside bomb"]
    assert _texts(m.victim_spans) == ["Three soldiers"]
    assert m.actor1_span is None  # a bomb is nobody's name


def test_attacker_physical_target_and_weapon_of_an_attack(analyses) -> None:
    m = next(m for m in analyses["checkpoint"].mentions if m.actor1 is not None)
    assert m.actor1_span is not None and m.actor1_span.text == "Taliban fighters"
    assert _texts(m.target_spans) == ["a police checkpoint"]
    assert _texts(m.weapon_spans) == ["rocket-propelled grenades"]


def test_attacker_outside_the_dictionary_comes_from_the_parse(analyses) -> None:
    m = _only(analyses["arson"])
    assert m.actor1 is None
    assert m.actor1_span is not None and m.actor1_span.text == "Masked men"


def test_victim_of_a_killing_and_dictionary_attacker_span(analyses) -> None:
    m = _only(analyses["journalist"])
    assert m.actor1 is not None and m.actor1_span is not None
    assert m.actor1_span.text == "assailants"  # the span of the actor mention actor1 was read from
    assert _texts(m.victim_spans) == ["a journalist"]


def test_reflexive_object_is_not_a_victim(analyses) -> None:
    m = _only(analyses["suicide"])
    assert "himself" not in _texts(m.victim_spans)
    assert m.actor2_span is None or m.actor2_span.text != "himself"


def test_spans_point_into_the_article_text(analyses) -> None:
    for a in analyses.values():
        text = a.article.text
        for m in a.mentions:
            spans = [m.actor1_span, m.actor2_span, *m.victim_spans, *m.target_spans, *m.weapon_spans]
            for s in (s for s in spans if s is not None):
                assert text[s.start : s.end] == s.text


def test_round_trip_through_dict_and_store(analyses, tmp_path: Path) -> None:
    m = next(m for m in analyses["checkpoint"].mentions if m.actor1 is not None)
    assert mention_from_dict(to_jsonable(m)) == m
    with Store(tmp_path / "events.db") as store:
        store.add_analysis(analyses["checkpoint"])
        stored = [x for x in store.mentions() if x.trigger_span == m.trigger_span]
    assert stored == [m]
    assert stored[0].target_spans == m.target_spans and stored[0].weapon_spans == m.weapon_spans


def test_old_mention_without_role_fields_still_loads() -> None:
    text = "Rebels shelled the town."
    d = to_jsonable(
        EventMention("h", TextSpan(0, len(text), text), TextSpan(7, 14, "shelled"), "Battles", "Armed clash",
                     "Political violence")
    )
    for key in ("actor1_span", "actor2_span", "victim_spans", "target_spans", "weapon_spans"):
        d.pop(key)
    m = mention_from_dict(d)
    assert m.actor1_span is None and m.actor2_span is None
    assert m.victim_spans == [] and m.target_spans == [] and m.weapon_spans == []


def _scored_analysis() -> ArticleAnalysis:
    """A hand-built reading: who attacked, the people hit, the building hit, the weapon and a toll."""
    text = "Masked gunmen attacked the embassy with rifles, killing two guards and 5 civilians."
    span = lambda s: TextSpan(text.index(s), text.index(s) + len(s), s)  # noqa: E731
    toll = Toll(span("5 civilians"), 0, "killed", 5, 5, 5, who="civilians")
    m = EventMention(
        "h", TextSpan(0, len(text), text), span("attacked"), "Violence against civilians", "Attack",
        "Political violence",
        actor1=Actor("Unidentified Armed Group", 3, in_dictionary=False),
        actor1_span=span("Masked gunmen"),
        victim_spans=[span("two guards")],
        target_spans=[span("the embassy")],
        weapon_spans=[span("rifles")],
        toll_spans=[toll.span],
    )
    return ArticleAnalysis(Article(text=text), [m.sentence_span], [], [], [toll], [], [], [m])


def test_predicted_fillers_send_each_span_to_its_role() -> None:
    a = _scored_analysis()
    f = predicted_fillers(a, a.mentions[0])
    assert f["attacker"] == ["Masked gunmen"]
    assert sorted(f["target"]) == ["5 civilians", "the embassy", "two guards"]
    assert f["weapon"] == ["rifles"]


def test_muc_victims_are_names() -> None:
    a = _scored_analysis()
    text = "Masked gunmen attacked the embassy, killing Ambassador Rodrigo Lara Bonilla."
    name = TextSpan(text.index("Ambassador"), len(text) - 1, "Ambassador Rodrigo Lara Bonilla")
    a.mentions[0].victim_spans = [name]
    assert muc_predictions(a)["victim"] == ["Ambassador Rodrigo Lara Bonilla"]


def test_muc_slots_keep_people_and_buildings_apart() -> None:
    p = muc_predictions(_scored_analysis())
    assert p["perp_individual"] == ["Masked gunmen"]
    # MUC-4's human target is a name (hum_tgt_name): "two guards" is a description, "5 civilians" a count
    assert p["victim"] == []
    assert p["target"] == ["the embassy"]
    assert p["weapon"] == ["rifles"]


def test_muc_report_of_no_incident_fills_no_template() -> None:
    # an armed clash between two armed sides is no MUC-4 terrorist incident: no slot is filled
    a = _scored_analysis()
    a.mentions[0].event_type, a.mentions[0].sub_event_type = "Battles", "Armed clash"
    assert all(texts == [] for texts in muc_predictions(a).values())


def test_muc_perpetrators_skip_pronouns_and_sort_names_by_what_they_are() -> None:
    a = _scored_analysis()
    a.mentions[0].actor1_span = TextSpan(0, 4, "They")
    assert muc_predictions(a)["perp_individual"] == [] and muc_predictions(a)["perp_org"] == []
    # the capital of a sentence's first word is no name: "Guerrillas" are individuals, "FMLN" a group
    a.mentions[0].actor1_span = TextSpan(0, 10, "Guerrillas")
    assert muc_predictions(a)["perp_individual"] == ["Guerrillas"]
    a.mentions[0].actor1_span = TextSpan(0, 8, "the FMLN")
    assert muc_predictions(a)["perp_org"] == ["the FMLN"]


def test_muc_perpetrator_group_named_by_any_mention_of_an_incident_report() -> None:
    # "the army blamed the FMLN": a clash mention's named attacker names the perpetrator organisation of the
    # report's incident; an armed group only named somewhere in the report does not
    a = _scored_analysis()
    sentence = a.mentions[0].sentence_span
    other = EventMention(
        "h", sentence, TextSpan(0, 6, "Masked"), "Battles", "Armed clash", "Political violence",
        actor1_span=TextSpan(0, 8, "the FMLN"), victim_spans=[TextSpan(0, 14, "Roberto Alvaro")],
    )
    a.mentions.append(other)
    group = Actor("Sendero Luminoso", 2, actor_type="rebel")
    a.actors.append(ActorMention(TextSpan(0, 16, "Sendero Luminoso"), 0, group))
    p = muc_predictions(a)
    assert p["perp_org"] == ["the FMLN"]
    assert p["victim"] == []  # the clash's other slots stay out
