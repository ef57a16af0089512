"""The seed report read as an analyst would (issues 5, 6, 7): dates, tolls, events and their claims.

Runs the real CLI once for the module on the seed AFP wire of 2015-10-10; the rules behind each check are
tested on sentences of their own in tests/test_event_typing.py and tests/test_seed_rules.py.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import SEED, sitreps_cmd

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="seed report not present")

RAQQA = {"Raqa", "Raqqa", "Ar Raqqah", "Ar-Raqqah"}


@pytest.fixture(scope="module")
def seed() -> dict:
    proc = subprocess.run([*sitreps_cmd(), "extract", str(SEED), "--published", "2015-10-10", "--json"],
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _place(e: dict) -> str:
    return (e.get("place") or {}).get("name") or ""


def _actor(e: dict, key: str = "actor1") -> str:
    return (e.get(key) or {}).get("name") or ""


def _claimant(e: dict) -> str:
    return (e.get("claim") or {}).get("claimant") or ""


def _found(events: list[dict]) -> list[tuple]:
    return [(e["sub_event_type"], _place(e), e["date_start"], e["fatalities_best"]) for e in events]


def _strikes_at(events: list[dict], names: set[str], by: str = "Russia") -> list[dict]:
    return [e for e in events if e["sub_event_type"] == "Air/drone strike" and _place(e) in names
            and by in _actor(e)]  # fmt: skip


# --- issue 5: dates and tolls ------------------------------------------------------------------------


def test_howitzers_near_morek_on_wednesday_7_october(seed):
    shelling = [e for e in seed["events"] if e["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert [(_place(e), e["date_start"]) for e in shelling] == [("Murak", "2015-10-07")], _found(shelling)


def test_russian_strikes_told_yesterday_are_dated_9_october(seed):
    """ "Moscow announced yesterday that its raids had killed ...": the day said dates the raids, and the
    General Staff's account in the sentences after it."""
    strikes = [
        e for e in seed["events"] if e["sub_event_type"] == "Air/drone strike" and "Russia" in _actor(e)
    ]
    assert len(strikes) >= 5, _found(seed["events"])
    assert {(e["date_start"], e["date_end"]) for e in strikes} == {("2015-10-09", "2015-10-09")}, _found(
        strikes
    )


def test_raqqa_strike_toll_is_202_and_aleppo_100(seed):
    raqqa = _strikes_at(seed["events"], RAQQA)
    aleppo = _strikes_at(seed["events"], {"Aleppo"})
    assert [e["fatalities_best"] for e in raqqa] == [202], _found(seed["events"])
    assert [e["fatalities_best"] for e in aleppo] == [100], _found(seed["events"])


def test_several_hundred_is_a_range(seed):
    moscow = [e for e in seed["events"] if e["fatalities_low"] == 200]
    assert moscow, _found(seed["events"])
    assert moscow[0]["fatalities_low"] < moscow[0]["fatalities_best"] < moscow[0]["fatalities_high"]


def test_dozens_killed_is_a_clash_and_not_the_capture(seed):
    clashes = [
        e for e in seed["events"] if e["sub_event_type"] == "Armed clash" and e["fatalities_low"] == 12
    ]
    assert len(clashes) == 1, _found(seed["events"])
    assert clashes[0]["fatalities_high"] > 12
    assert "Islamic State" in _actor(clashes[0]) and "Rebel" in _actor(clashes[0], "actor2")
    captures = [e for e in seed["events"] if e["sub_event_type"] == "Non-state actor overtakes territory"]
    assert captures and all(e["fatalities_best"] == 0 for e in captures), _found(captures)


def test_french_raids_near_raqqa_killed_16_on_9_october(seed):
    french = [e for e in seed["events"] if "France" in _actor(e)]
    assert [
        (e["sub_event_type"], _place(e) in RAQQA, e["fatalities_best"], e["date_start"]) for e in french
    ] == [("Air/drone strike", True, 16, "2015-10-09")], _found(french)


# --- issue 6: events, types, actors ------------------------------------------------------------------


def test_russian_strikes_on_raqqa_aleppo_latakia_hama_idlib(seed):
    for names in (RAQQA, {"Aleppo"}, {"Latakia"}, {"Hamah", "Hama"}, {"Idlib"}):
        assert _strikes_at(seed["events"], names), (names, _found(seed["events"]))


def test_is_drove_out_rebels_is_a_capture_not_an_abduction(seed):
    subs = [e["sub_event_type"] for e in seed["events"] if e["trigger_span"]["text"] == "drove out"]
    assert subs == ["Non-state actor overtakes territory"]
    assert not [e for e in seed["events"] if e["event_type"] == "Violence against civilians"]


def test_hamedani_killed_near_kweyris_on_thursday(seed):
    killed = [e for e in seed["events"] if "Kweyris" in _place(e)]
    assert len(killed) == 1, _found(seed["events"])
    e = killed[0]
    assert (e["sub_event_type"], e["date_start"], e["fatalities_best"]) == ("Armed clash", "2015-10-08", 1)
    assert "Islamic State" in _actor(e)


def test_the_guards_statement_is_no_change_to_group(seed):
    assert not [e for e in seed["events"] if e["sub_event_type"] == "Change to group/activity"]


def test_the_missiles_fired_from_the_caspian_are_no_shelling_in_syria(seed):
    """The US claim that missiles crashed in Iran, denied by Moscow, is a claim, not a Russian shelling."""
    assert not [e for e in seed["events"] if "Caspian" in e["sentence_span"]["text"]]
    assert not [e for e in seed["events"] if "All our cruise missiles" in e["sentence_span"]["text"]]


def test_offensive_near_sahl_al_ghab_on_thursday(seed):
    ghab = [e for e in seed["events"] if _place(e) == "Sahl al-Ghab" and e["date_start"] == "2015-10-08"]
    assert ghab and all(e["event_type"] == "Battles" and "Syria" in _actor(e) for e in ghab), _found(ghab)


# --- issue 7: claims ---------------------------------------------------------------------------------


def test_raqqa_and_aleppo_tolls_claimed_by_the_general_staff(seed):
    for names in (RAQQA, {"Aleppo"}):
        (strike,) = _strikes_at(seed["events"], names)
        assert "Makushev" in _claimant(strike), (names, _claimant(strike))


def test_dozens_killed_reported_by_the_observatory(seed):
    (clash,) = [
        e for e in seed["events"] if e["sub_event_type"] == "Armed clash" and e["fatalities_low"] == 12
    ]
    assert "Rami Abdel Rahman" in _claimant(clash)


def test_hamedani_death_announced_by_the_revolutionary_guards(seed):
    (killed,) = [e for e in seed["events"] if "Kweyris" in _place(e)]
    assert "Revolutionary Guards" in _claimant(killed)


def test_advance_is_not_claimed_by_moscow(seed):
    """ "despite strikes that Moscow says are aimed at routing the jihadists": Moscow speaks of the aim."""
    advanced = [e for e in seed["events"] if e["trigger_span"]["text"] == "advanced"]
    assert advanced and all(_claimant(e) != "Moscow" for e in advanced)


def test_le_drian_percentage_is_a_claim_not_an_event(seed):
    assert any(
        "80 to 90 percent" in ((c.get("content_span") or {}).get("text") or "") for c in seed["claims"]
    )
    assert not [e for e in seed["events"] if "80 to 90 percent" in e["sentence_span"]["text"]]
