"""Loaders and scorers of the event tasks, on tiny hand-made files with known answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitreps.evaluate.loaders.case2021 import load_case2021
from sitreps.evaluate.loaders.event_location import load_event_location
from sitreps.evaluate.loaders.muc4 import load_muc4
from sitreps.evaluate.loaders.plover import PloverActor, load_plover
from sitreps.evaluate.loaders.polnear import load_polnear_ann
from sitreps.evaluate.loaders.rams import load_rams
from sitreps.evaluate.loaders.wikievents import GoldEvent, load_wikievents
from sitreps.evaluate.scoring import PRF
from sitreps.evaluate.scoring_events import deshout, head_word
from sitreps.evaluate.tasks import arguments, attribution, event_type, plover


def test_case2021_loader_keeps_stray_quotes(tmp_path: Path) -> None:
    f = tmp_path / "other_split.tsv"
    f.write_text('id\tEventSnippet\tSubType\n7\tRebels shelled "the town\tART_MISS_ATTACK\n8\tno label\t\n')
    rows = load_case2021(f)
    assert [(r.id, r.text, r.label) for r in rows] == [("7", 'Rebels shelled "the town', "ART_MISS_ATTACK")]


def test_event_location_loader_uses_token_indices(tmp_path: Path) -> None:
    text = "Troops fired on protesters in Goma ."
    starts = [0, 7, 13, 16, 27, 30, 35]
    words = text.split()
    tokens = [{"text": w, "start": s, "end": s + len(w), "id": i}
              for i, (w, s) in enumerate(zip(words, starts, strict=True))]
    # start/end given as token indices on purpose: the loader must not read them as characters
    spans = [
        {"start": 1, "end": 1, "token_start": 1, "token_end": 1, "label": "VERB"},
        {"start": 5, "end": 5, "token_start": 5, "token_end": 5, "label": "LOCATION"},
    ]
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"text": text, "tokens": tokens, "spans": spans}) + "\n")
    (s,) = load_event_location(f)
    assert s.verb_tokens == {1} and s.location_tokens == {5}
    assert s.char_span(s.location_tokens) == (30, 34)
    assert s.tokens_in(28, 34) == {4, 5}


def test_wikievents_and_rams_loaders(tmp_path: Path) -> None:
    wiki = {
        "doc_id": "d1",
        "text": "Bomb kills two soldiers in Kabul",
        "sentences": [[[["Bomb", 0, 4], ["kills", 5, 10], ["two", 11, 14], ["soldiers", 15, 23],
                        ["in", 24, 26], ["Kabul", 27, 32]], "Bomb kills two soldiers in Kabul"]],
        "event_mentions": [{
            "event_type": "Life.Die.Unspecified", "trigger": {"start": 1, "end": 2},
            "arguments": [{"role": "Victim", "text": "soldiers"}, {"role": "Place", "text": "Kabul"}],
        }],
    }
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps(wiki) + "\n")
    (doc,) = load_wikievents(f)
    ev = doc.events[0]
    assert doc.text[slice(*ev.trigger)] == "kills"
    assert ev.roles == {"victim": ["soldiers"], "place": ["Kabul"]}
    rams = {"doc_key": "r1", "sentences": [["Gunmen", "attacked", "a", "bus", "."]],
            "evt_triggers": [[1, 1, [["conflict.attack.n/a", 1.0]]]],
            "gold_evt_links": [[[1, 1], [0, 0], "evt001arg01attacker"],
                               [[1, 1], [2, 3], "evt001arg02target"]]}
    g = tmp_path / "b.jsonlines"
    g.write_text(json.dumps(rams) + "\n")
    (rdoc,) = load_rams(g)
    rev = rdoc.events[0]
    assert rdoc.text[slice(*rev.trigger)] == "attacked"
    assert rev.roles == {"attacker": ["Gunmen"], "target": ["a bus"]}


def test_muc4_loader_normalises_slots(tmp_path: Path) -> None:
    f = tmp_path / "m.json"
    f.write_text(json.dumps({"D1": {"doc": "TEXT", "roles": {"perp_organization_id": [["FMLN", "THE FMLN"]],
                                                           "hum_tgt_name": []}}}))
    (doc,) = load_muc4(f)
    assert doc.slots["perp_org"] == [["FMLN", "THE FMLN"]] and doc.slots["victim"] == []


def test_polnear_loader_matches_annotator_suffix(tmp_path: Path) -> None:
    (tmp_path / "test" / "text").mkdir(parents=True)
    (tmp_path / "test" / "attributions").mkdir()
    text = "The mayor said the bridge was shelled."
    (tmp_path / "test" / "text" / "story.txt").write_text(text)
    ann = tmp_path / "test" / "attributions" / "story_ab12.ann"
    ann.write_text("T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 37\tx\n"
                   "T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n")
    doc = load_polnear_ann(ann)
    assert doc is not None and doc.split == "test"
    assert doc.attributions[0].source == [(0, 9)] and doc.attributions[0].cue == [(10, 14)]
    gold = attribution.gold_spans(doc)
    scored = attribution.score_document(gold, {"source": [(4, 9)], "cue": [(10, 14), (20, 25)]})
    assert scored["source_exact"] == PRF(0, 1, 1) and scored["source_overlap"] == PRF(1, 0, 0)
    assert scored["cue_exact"] == PRF(1, 1, 0)


def test_plover_loader_skips_document_records(tmp_path: Path) -> None:
    f = tmp_path / "p.json"
    f.write_text(json.dumps([
        {"id": "doc", "event": "DOCUMENT"},
        {"id": "x1", "event": "ASSAULT", "text": "Rebels attacked Goma.", "target": "",
         "source": [{"actorText": "Rebels", "code": "COD", "sector": "REB"}]},
    ]))
    (rec,) = load_plover(f)
    assert rec.event == "ASSAULT" and rec.source[0].code == "COD" and rec.target == []


@pytest.mark.parametrize(
    ("phrase", "head"),
    [("the Russian major general in Syria", "general"), ("MEMBERS OF THE FMLN", "members"),
     ("six civilians, including two women", "civilians"), ("Kabul", "kabul")],
)
def test_head_word(phrase: str, head: str) -> None:
    assert head_word(phrase) == head


def test_argument_scoring_by_head_word() -> None:
    roles = {"attacker": ["the gunmen"], "target": ["a police post"], "place": ["Kano"]}
    gold = arguments.gold_heads(GoldEvent("Conflict.Attack.Unspecified", (0, 1), roles))
    predicted = {"attacker": ["Gunmen"], "target": ["police"], "place": ["Kano city"]}
    scored = arguments.score_event(gold, predicted)
    assert scored["attacker"] == PRF(1, 0, 0)
    assert scored["target"] == PRF(0, 1, 1)
    assert scored["place"] == PRF(0, 1, 1)  # "city" is not "kano": head words differ
    assert scored["weapon"] == PRF(0, 0, 0)
    assert arguments.is_conflict_event("life.die.deathcausedbyviolentevents")
    assert not arguments.is_conflict_event("Contact.Contact.Meet")


def test_muc_slot_scoring_is_one_to_one() -> None:
    gold = [["FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"], ["ARMY"]]
    assert arguments.score_muc_slot(gold, ["the FMLN", "fmln", "police"]) == PRF(1, 2, 1)


def test_deshout_sentence_cases_capitals_only() -> None:
    assert deshout("GUERRILLAS ATTACKED A TRUCK. TWO DIED.") == "Guerrillas attacked a truck. Two died."
    assert deshout("Rebels attacked UN troops.") == "Rebels attacked UN troops."
    # names stay names: words that are no English word keep a capital, and so do the words that follow one
    assert deshout("URBAN GUERRILLAS KILLED ANTONIO RODRIGUEZ PORTH IN SAN SALVADOR.") == (
        "Urban guerrillas killed Antonio Rodriguez Porth in San Salvador."
    )


def test_plover_loose_actor_match() -> None:
    gold = [PloverActor("Israeli soldiers", "ISR", "MIL")]
    assert plover.score_side((["Israeli troops"], ""), gold) == PRF(1, 0, 0)
    assert plover.score_side((["Military Forces of X"], "ISR"), gold) == PRF(1, 0, 0)
    assert plover.score_side((["Hamas"], "PSE"), gold) == PRF(0, 1, 1)
    assert plover.score_side(None, gold) == PRF(0, 0, 1)
    assert plover.score_side(None, []) == PRF(0, 0, 0)


def test_event_type_no_event_is_always_an_error() -> None:
    out = event_type.score(["AIR_STRIKE", "OTHER", "DIPLO"], ["AIR_STRIKE", event_type.NO_EVENT, "NO_EVENT"])
    assert out["accuracy"] == pytest.approx(1 / 3)
    assert out["no_event_rate"] == pytest.approx(2 / 3)


def test_event_type_end_to_end(tmp_path: Path) -> None:
    folder = tmp_path / "case2021"
    folder.mkdir()
    (folder / "renamed.tsv").write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tFighter jets bombed rebel positions near Idlib on Monday, killing 12 fighters.\tAIR_STRIKE\n"
        "2\tThe central bank raised interest rates on Tuesday.\tNATURAL_DISASTER\n"
    )
    from sitreps.evaluate import run

    result = run("event-type", tmp_path)
    assert set(result.sets) == {"renamed.tsv"}
    assert result.overall["n"] == 2
    assert result.overall["accuracy"] <= 0.5  # the second snippet cannot be right


def test_wikievents_token_offsets_are_realigned_to_the_text() -> None:
    from sitreps.evaluate.loaders.wikievents import align_tokens

    text = "Bombs hit Kabul.The blast killed two."  # the record counts a space after the first sentence
    tokens = [["Bombs", 0, 5], ["hit", 6, 9], ["Kabul", 10, 15], [".", 15, 16], ["The", 17, 20],
              ["blast", 21, 26], ["killed", 27, 33], ["two", 34, 37], [".", 37, 38]]  # fmt: skip
    chars = align_tokens(text, tokens)
    assert [text[a:b] for a, b in chars] == [t[0] for t in tokens]
