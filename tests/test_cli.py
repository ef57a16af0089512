"""The real `sitreps` command against a real SQLite file."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest
from conftest import SAMPLES


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The bundled samples ingested once into a fresh database (shared by the tests below)."""
    import subprocess

    from conftest import sitreps_cmd

    db = tmp_path_factory.mktemp("db") / "sitreps.db"
    proc = subprocess.run(
        [*sitreps_cmd(), "ingest", str(SAMPLES), "--db", str(db)], capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stderr
    return db, proc


def _count(db, table):
    with sqlite3.connect(db) as con:
        return con.execute(f"select count(*) from {table}").fetchone()[0]


def test_ingest_stores_articles_events_and_prints_summary(ingested):
    db, proc = ingested
    assert _count(db, "articles") >= 25
    assert _count(db, "events") > 10
    assert "events per type" in proc.stdout
    assert "0 errors" in proc.stderr


def test_reingest_duplicates_nothing(ingested, run_cli):
    db, _ = ingested
    before = {t: _count(db, t) for t in ("articles", "mentions", "events")}
    proc = run_cli("ingest", str(SAMPLES), "--db", str(db), "--quiet")
    assert "0 stored" in proc.stderr
    assert {t: _count(db, t) for t in ("articles", "mentions", "events")} == before


def test_multi_outlet_incident_fuses_into_one_event_with_its_sources(ingested, run_cli):
    db, _ = ingested
    rows = [json.loads(line) for line in run_cli("events", "--db", str(db), "--json").stdout.splitlines()]
    assert any(len(r["sources"]) >= 2 for r in rows), "no event carries two or more outlets"


def test_events_filters(ingested, run_cli):
    db, _ = ingested
    all_rows = run_cli("events", "--db", str(db), "--json").stdout.splitlines()
    syria = [
        json.loads(x)
        for x in run_cli("events", "--db", str(db), "--json", "--country", "Syria").stdout.splitlines()
    ]
    assert 0 < len(syria) < len(all_rows)
    assert all(r["place"]["country"] == "Syria" for r in syria)
    near = [
        json.loads(x)
        for x in run_cli(
            "events", "--db", str(db), "--json", "--near", "Aleppo", "--radius", "100"
        ).stdout.splitlines()
    ]
    assert near and len(near) < len(all_rows)
    strikes = [
        json.loads(x)
        for x in run_cli(
            "events", "--db", str(db), "--json", "--type", "Air/drone strike"
        ).stdout.splitlines()
    ]
    assert strikes and all(r["sub_event_type"] == "Air/drone strike" for r in strikes)


def test_exports_and_map(ingested, run_cli, tmp_path):
    db, _ = ingested
    out_csv, out_geo, out_map = tmp_path / "e.csv", tmp_path / "e.geojson", tmp_path / "map.html"
    run_cli("export", "--db", str(db), "--format", "acled-csv", "-o", str(out_csv))
    run_cli("export", "--db", str(db), "--format", "geojson", "-o", str(out_geo))
    run_cli("map", "--db", str(db), "-o", str(out_map))
    with open(out_csv, newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert rows and all(r["event_type"] for r in rows)
    geo = json.loads(out_geo.read_text())
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(rows)
    html = out_map.read_text()
    assert "L.map" in html or "leaflet" in html.lower()
    assert '<script src="http' not in html


def test_extract_json_matches_python_api(run_cli, tmp_path):
    import sitreps

    text = (
        "Title: Test\nDate: 2024-05-02\nSource: AFP\n\nGovernment warplanes struck the town of Saraqib "
        "in Idlib province on Tuesday, killing at least seven civilians, the Syrian Observatory for "
        "Human Rights said.\n"
    )
    path = tmp_path / "one.txt"
    path.write_text(text)
    printed = json.loads(run_cli("extract", str(path), "--json").stdout)
    api = sitreps.extract(text.split("\n\n", 1)[1], published="2024-05-02", title="Test", outlet="AFP")
    assert [e["sub_event_type"] for e in printed["events"]] == [m.sub_event_type for m in api.mentions]
    event = printed["events"][0]
    assert event["sub_event_type"] == "Air/drone strike"
    assert event["place"]["country"] == "Syria"
    assert event["date_start"] == "2024-04-30"
    assert event["fatalities_low"] == 7
    assert event["civilian_targeting"] is True


def test_bad_inputs_are_reported_and_good_files_stored(run_cli, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "good.txt").write_text(
        "Title: Good\nDate: 2024-03-01\n\nRebels and army troops clashed near Hama on Friday, "
        "killing four fighters, a monitor said.\n"
    )
    (batch / "empty.txt").write_text("")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (batch / "latin1.txt").write_bytes(
        "Caf\xe9 attack in the town \xe9t\xe9 killed two.".encode("latin-1") * 20
    )
    (batch / "scripts.html").write_text(
        "<html><head><script>var a=1;</script></head><body><script>x()</script></body></html>"
    )
    with open(batch / "huge.txt", "w") as f:
        line = "The army shelled the town again. " * 30 + "\n"
        while f.tell() < 20 * 1024 * 1024:
            f.write(line)
    db = tmp_path / "b.db"
    proc = run_cli("ingest", str(batch), "--db", str(db), "--quiet", check=False)
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr
    for name in ("empty.txt", "binary.txt", "latin1.txt", "scripts.html", "huge.txt"):
        assert name in err, f"{name} not reported:\n{err}"
    assert "5 errors" in err
    assert _count(db, "articles") == 1
    assert _count(db, "ingest_errors") == 5
