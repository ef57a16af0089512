"""`sitreps.arguments` and `sitreps arguments`: the fillers of one event word the caller names."""

from __future__ import annotations

import json

import pytest

import sitreps
from sitreps.cli import main

TEXT = "Gunmen killed five soldiers and wounded three civilians in Kabul on Monday, police said."


def test_a_word_gives_its_own_events_fillers():
    wounded = sitreps.arguments(TEXT, "wounded")
    assert [s.text for s in wounded.victims] == ["three civilians"]  # not the soldiers, who were killed
    assert [s.text for s in wounded.attackers] == ["Gunmen"]
    assert [s.text for s in wounded.places] == ["Kabul"]
    killed = sitreps.arguments(TEXT, (7, 13))
    assert [s.text for s in killed.victims] == ["five soldiers"]
    for span in killed.victims + killed.attackers + killed.places:
        assert TEXT[span.start : span.end] == span.text


def test_trigger_chars_finds_whole_words_and_says_when_it_cannot():
    text = "The attack on the base followed an attack on the town."
    assert sitreps.trigger_chars(text, "attack", 2) == (35, 41)
    assert sitreps.trigger_chars(text, "ATTACK") == (4, 10)
    with pytest.raises(ValueError, match="no occurrence 3"):
        sitreps.trigger_chars(text, "attack", 3)
    with pytest.raises(ValueError, match="no occurrence"):
        sitreps.trigger_chars(text, "attac")  # part of a word is no word
    with pytest.raises(ValueError, match="outside the text"):
        sitreps.trigger_chars(text, (40, 400))


def test_cli_prints_the_fillers_as_json_and_reports_a_missing_word(tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_text(TEXT + "\n", encoding="utf-8")
    assert main(["arguments", str(report), "--trigger", "wounded", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["trigger"]["text"] == "wounded"
    assert [v["text"] for v in out["victims"]] == ["three civilians"]
    assert main(["arguments", str(report), "--trigger", "bombed"]) == 2
    assert "no occurrence" in capsys.readouterr().err
