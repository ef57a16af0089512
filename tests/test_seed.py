"""The seed report: the air strikes on Aleppo and Raqqa and the IS advance near Aleppo, placed in Syria."""

from __future__ import annotations

import json

import pytest
from conftest import SEED

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="seed report not present")

# Syria's bounding box, loosely
LAT, LON = (32.0, 37.5), (35.5, 42.5)


def _in_syria(e):
    p = e.get("place") or {}
    return (
        p.get("latitude") is not None
        and LAT[0] <= p["latitude"] <= LAT[1]
        and LON[0] <= p["longitude"] <= LON[1]
    )


@pytest.fixture(scope="module")
def seed_events():
    import subprocess

    from conftest import sitreps_cmd

    proc = subprocess.run([*sitreps_cmd(), "extract", str(SEED), "--published", "2015-10-10", "--json"],
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["events"]


@pytest.mark.parametrize("town", ["Aleppo", "Raqqa"])
def test_air_strikes_in_aleppo_and_raqqa(seed_events, town):
    names = {town, "Raqa", "Ar Raqqah", "Ar-Raqqah"} if town == "Raqqa" else {town}
    strikes = [e for e in seed_events if e["sub_event_type"] == "Air/drone strike"
               and e["place"] and e["place"]["name"] in names]  # fmt: skip
    found = [(e["sub_event_type"], (e["place"] or {}).get("name")) for e in seed_events]
    assert strikes, f"no air strike placed in {town}: {found}"
    assert all(_in_syria(e) for e in strikes)


def test_is_advance_near_aleppo(seed_events):
    def by_is(e):
        return "Islamic State" in ((e.get("actor1") or {}).get("name") or "")

    advances = [
        e for e in seed_events
        if e["event_type"] == "Battles" and e["place"] and e["place"]["name"] == "Aleppo" and by_is(e)
    ]  # fmt: skip
    assert advances, "no IS advance near Aleppo"
    assert all(_in_syria(e) for e in advances)
