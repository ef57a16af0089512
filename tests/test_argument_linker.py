"""The trained argument linker: markup of the team's examples, candidates and paths, the model file, and how
its picks combine with the rules' fillers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sitreps.model import Article
from sitreps.nlp import parse
from sitreps.pipeline import analyse
from sitreps.stages import argument_linker as linker_mod
from sitreps.stages.argument_linker import (
    LABELS,
    LinkerModel,
    candidates,
    choose,
    dep_path,
    link,
    link_more,
    load_linker,
    pair_features,
    rule_roles_of,
    settings_of,
    vetoed,
)
from sitreps.stages.trigger_arguments import TriggerArguments, trigger_arguments, trigger_head
from sitreps.train_argument_linker import DEFAULT_DATA, load_examples, parse_markup

STORM = "Gunmen stormed a police station in Kano on Sunday, police said."


@pytest.fixture(scope="module")
def storm_doc():
    return parse(STORM)


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_markup_gives_plain_text_and_spans():
    (ex,) = parse_markup("[A Gunmen] [T stormed] a [V police station] in Kano")
    assert ex.text == "Gunmen stormed a police station in Kano"
    assert ex.text[slice(*ex.trigger)] == "stormed"
    assert [ex.text[s:e] for s, e in ex.spans["attacker"]] == ["Gunmen"]
    assert [ex.text[s:e] for s, e in ex.spans["target"]] == ["police station"]
    assert ex.spans["weapon"] == []


def test_numbered_marks_belong_to_their_trigger():
    marked = "[A Rebels] [T1 looted] [V1 the hospital] and [T2 kidnapped] [V2 two nurses]"
    first, second = parse_markup(marked)
    assert first.text[slice(*first.trigger)] == "looted"
    assert [first.text[s:e] for s, e in first.spans["target"]] == ["the hospital"]
    assert [second.text[s:e] for s, e in second.spans["target"]] == ["two nurses"]
    # the unnumbered attacker belongs to both
    assert first.spans["attacker"] == second.spans["attacker"] == [(0, 6)]


@pytest.mark.parametrize("bad", ["[A Gunmen] stormed a station", "[T1 a] and [T1 b]", "[T shot] [X him]"])
def test_bad_markup_is_refused(bad):
    with pytest.raises(ValueError):
        parse_markup(bad)


def test_the_teams_examples_all_parse():
    examples = load_examples(DEFAULT_DATA)
    assert len(examples) >= 700
    assert all(e.trigger[0] < e.trigger[1] for e in examples)
    assert len({Path(e.source).name for e in examples}) >= 10


def test_candidates_are_phrase_heads_not_compounds(storm_doc):
    head = _token(storm_doc, "stormed")
    words = [t.text for t in candidates(head)]
    assert "Gunmen" in words and "station" in words
    assert "police" in words  # the speaker "police said" is a candidate (to be told apart), ...
    assert words.count("police") == 1  # ... but not the compound "police" of "police station"
    assert "stormed" not in words and "Sunday" not in words


def test_dependency_path_climbs_then_descends(storm_doc):
    head = _token(storm_doc, "stormed")
    up, down, turn = dep_path(head, _token(storm_doc, "Gunmen"))
    assert (up, down, turn.i) == ([], ["nsubj"], head.i)
    up, down, _ = dep_path(head, _token(storm_doc, "Kano"))
    assert up == [] and down[-2:] == ["prep:in", "pobj"]  # "in Kano" hangs on the verb or on "station"


def test_pair_features_name_path_classes_and_rules(storm_doc):
    head = _token(storm_doc, "stormed")
    feats = pair_features(head, _token(storm_doc, "Gunmen"), "attacker")
    assert "last=nsubj" in feats and "tl=storm" in feats and "rule=attacker" in feats
    assert "cc=perpetrator" in feats or "cc=people" in feats
    assert not any(f.startswith("rule") for f in pair_features(head, _token(storm_doc, "Gunmen"), None))


def _toy_model(tmp_path) -> LinkerModel:
    """A hand-set model: a subject is the attacker, an object the target, anything else nobody."""
    index = {"last=nsubj": 0, "last=dobj": 1, "bias": 2}
    weights = np.zeros((3, len(LABELS)), dtype=np.float32)
    weights[0, LABELS.index("attacker")] = 20.0
    weights[1, LABELS.index("target")] = 20.0
    weights[2, LABELS.index("none")] = 10.0
    bias = np.zeros(len(LABELS), dtype=np.float32)
    model = LinkerModel(LABELS, index, weights, bias, {"rule_feature": False})
    path = tmp_path / "toy.npz"
    model.save(str(path))
    return LinkerModel.load(str(path))


def test_model_round_trip_and_probabilities(tmp_path, storm_doc):
    model = _toy_model(tmp_path)
    head = _token(storm_doc, "stormed")
    linked = dict((t.text, p) for t, p in link(head, {}, model))
    assert abs(sum(linked["Gunmen"].values()) - 1.0) < 1e-6
    assert max(linked["Gunmen"], key=linked["Gunmen"].get) == "attacker"
    assert max(linked["station"], key=linked["station"].get) == "target"
    assert max(linked["Kano"], key=linked["Kano"].get) == "none"


def test_choose_fills_only_empty_roles_and_one_attacker(tmp_path, storm_doc):
    model = _toy_model(tmp_path)
    linked = link(_token(storm_doc, "stormed"), {}, model)
    fill = {"attacker": ("fill", 0.5), "target": ("fill", 0.5), "weapon": ("fill", 0.5)}
    picks = {(t.text, r) for t, r in choose(linked, {"attacker"}, fill)}
    assert picks == {("station", "target")}
    picks = {(t.text, r) for t, r in choose(linked, set(), fill)}
    assert picks == {("station", "target"), ("Gunmen", "attacker")}
    assert choose(linked, set(), {r: ("rules", 1.0) for r in fill}) == []


def test_veto_drops_a_rule_filler_the_model_calls_nobody(tmp_path, storm_doc):
    model = _toy_model(tmp_path)
    kano = _token(storm_doc, "Kano")
    linked = link(_token(storm_doc, "stormed"), {}, model)
    veto = {"attacker": ("rules", 1.0), "target": ("veto", 0.6), "weapon": ("rules", 1.0)}
    assert vetoed(linked, {kano.i: "target"}, veto) == {kano.i}
    assert vetoed(linked, {kano.i: "target"}, {**veto, "target": ("add", 0.6)}) == set()


def test_link_more_combines_in_place(tmp_path, storm_doc, monkeypatch):
    model = _toy_model(tmp_path)
    monkeypatch.setattr(linker_mod, "load_linker", lambda: model)
    args = TriggerArguments()
    fill = {r: ("fill", 0.5) for r in ("attacker", "target")}
    link_more(storm_doc, _token(storm_doc, "stormed"), args, fill)
    assert [s.text for s in args.attackers] == ["Gunmen"]
    assert [s.text for s in args.physical_targets] == ["a police station"]  # a building: a physical target
    assert rule_roles_of(storm_doc, args) == {
        _token(storm_doc, "Gunmen").i: "attacker",
        _token(storm_doc, "station").i: "target",
    }


def test_the_shipped_model_loads_with_its_cross_validated_setting():
    model = load_linker()
    assert model is not None and model.labels == LABELS
    settings = settings_of(model.meta)
    assert set(settings) == {"attacker", "target", "weapon"}
    assert all(mode in ("rules", "fill", "add", "veto") for mode, _ in settings.values())
    assert model.meta["examples"] >= 700 and "cv_f1" in model.meta


YOUTHS = "Angry youths set fire to a police post in the town on Wednesday, residents said."


@pytest.fixture(scope="module")
def youths():
    doc = parse(YOUTHS)
    return doc, analyse(Article(text=YOUTHS), doc=doc)


def test_given_trigger_keeps_rule_fillers_and_adds_the_linkers_target(youths):
    doc, analysis = youths
    start = YOUTHS.index("set")
    with_linker = trigger_arguments(doc, analysis, start, start + 3)
    rules_only = trigger_arguments(doc, analysis, start, start + 3, linker=False)
    assert trigger_head(doc, start, start + 3).lemma_ == "set"
    # the rules read no target in "set fire to X"; the linker does, and leaves the attacker to the rules
    assert rules_only.physical_targets == [] and rules_only.targets == []
    assert [s.text for s in with_linker.physical_targets] == ["a police post"]
    assert [s.text for s in with_linker.attackers] == [s.text for s in rules_only.attackers]


def test_event_mentions_take_the_linkers_targets(youths, monkeypatch):
    from sitreps.stages import event_build

    doc, _ = youths
    rules_only = analyse(Article(text=YOUTHS), doc=doc)  # the default: event mentions keep the rules' roles
    monkeypatch.setattr(event_build, "LINKED_END_TO_END", ("target",))
    linked = analyse(Article(text=YOUTHS), doc=doc)
    assert [s.text for m in linked.mentions for s in m.target_spans] == ["a police post"]
    assert [s.text for m in rules_only.mentions for s in m.target_spans] == []
