"""Exports: ACLED CSV columns and values, GeoJSON, JSONL, Parquet and the dispatcher."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date

import pytest

from sitreps.exports import (
    ACLED_COLUMNS,
    EXTRA_COLUMNS,
    FORMATS,
    event_id_cnty,
    event_record,
    export,
    to_geojson,
    write_acled_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
)
from sitreps.model import Event, Place

STAMP = 1_700_000_000


def make_event(**over) -> Event:
    """A French air strike near Raqqa, reported by two outlets, with a toll range."""
    fields = dict(
        event_id="raqqa-2015-10-22",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        disorder_type="Political violence",
        event_date=date(2015, 10, 22),
        date_start=date(2015, 10, 21),
        date_end=date(2015, 10, 22),
        time_precision=1,
        date_prec=2,
        plover_type="ATTACK",
        plover_mode="aerial",
        actor1="Military Forces of France (2017-)",
        assoc_actor_1="Coalition",
        inter1=8,
        actor2="Islamic State (Syria)",
        assoc_actor_2="Child soldiers; Foreign fighters",
        inter2=2,
        interaction=28,
        civilian_targeting=False,
        place=Place("Raqqa", 35.950001, 39.016667, country="Syria", country_code="SY", admin1="Ar-Raqqa",
                    geo_precision=2, region="Middle East"),
        fatalities_low=12,
        fatalities_best=16,
        fatalities_high=16,
        injuries_low=3,
        injuries_best=5,
        injuries_high=9,
        deaths_b=15,
        deaths_unknown=1,
        sources=["AFP", "Reuters"],
        source_scale="International",
        claimants=["French Defence Ministry", "Syrian Observatory for Human Rights"],
        status="multi source",
        notes="",
        sentences=['French jets struck near Raqqa, killing 16 jihadists, "including three child soldiers".',
                   "The strikes, he said,\nhit a training camp."],
    )
    fields.update(over)
    return Event(**fields)


def read_csv(events) -> list[dict[str, str]]:
    buf = io.StringIO()
    write_acled_csv(events, buf, timestamp=STAMP)
    buf.seek(0)
    return list(csv.DictReader(buf))


def test_csv_header_is_acled_columns_then_extras_in_order(tmp_path):
    assert ACLED_COLUMNS[:4] == ("event_id_cnty", "event_date", "year", "time_precision")
    assert ACLED_COLUMNS[-3:] == ("fatalities", "tags", "timestamp")
    assert len(ACLED_COLUMNS) == 31 and len(set(ACLED_COLUMNS + EXTRA_COLUMNS)) == 50
    path = tmp_path / "events.csv"
    assert write_acled_csv([make_event()], path) == 1
    with open(path, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header == list(ACLED_COLUMNS) + list(EXTRA_COLUMNS)


def test_csv_values_for_a_hand_made_event():
    (row,) = read_csv([make_event()])
    assert row["event_id_cnty"].startswith("SYR") and row["event_id_cnty"][3:].isdigit()
    assert row["event_date"] == "2015-10-22" and row["year"] == "2015"
    assert row["time_precision"] == "1" and row["date_prec"] == "2"
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["assoc_actor_2"] == "Child soldiers; Foreign fighters"
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("8", "2", "28")
    assert row["civilian_targeting"] == ""
    assert row["iso"] == "760" and row["country"] == "Syria" and row["admin1"] == "Ar-Raqqa"
    assert row["location"] == "Raqqa" and row["geo_precision"] == "2"
    assert (row["latitude"], row["longitude"]) == ("35.95", "39.0167")
    assert row["source"] == "AFP; Reuters" and row["n_sources"] == "2"
    assert row["fatalities"] == "12"  # ACLED's conservative figure is the low one
    assert (row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]) == ("12", "16", "16")
    assert (row["injuries_low"], row["injuries_best"], row["injuries_high"]) == ("3", "5", "9")
    # UCDP's deaths per side come after ACLED's columns, never inside them
    sides = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
    assert [row[c] for c in sides] == ["0", "15", "0", "1"]
    assert not set(sides) & set(ACLED_COLUMNS)
    assert row["claimants"] == "French Defence Ministry; Syrian Observatory for Human Rights"
    assert row["timestamp"] == str(STAMP)
    assert (row["date_start"], row["date_end"]) == ("2015-10-21", "2015-10-22")
    assert row["sitreps_id"] == "raqqa-2015-10-22" and row["status"] == "multi source"
    # no fused notes: the first source sentence, quotes and commas intact through CSV quoting
    assert row["notes"] == make_event().sentences[0]


def test_civilian_targeting_and_missing_values():
    event = make_event(civilian_targeting=True, place=None, event_date=None, date_start=None, date_end=None,
                       inter1=None, notes="Shelling of a market.")
    (row,) = read_csv([event])
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["event_id_cnty"].startswith("XXX")
    empty = ("event_date", "year", "inter1", "iso", "country", "latitude", "longitude", "geo_precision")
    for column in empty:
        assert row[column] == "", column
    assert row["notes"] == "Shelling of a market."


def test_event_id_cnty_is_stable_and_distinct():
    a, b = make_event(), make_event(event_id="aleppo-2015-10-20")
    assert event_id_cnty(a) == event_id_cnty(make_event())
    assert event_id_cnty(a) != event_id_cnty(b)
    assert event_id_cnty(make_event(event_id="4521")) == "SYR4521"


@pytest.mark.parametrize(
    "place, prefix, iso",
    [
        (Place("Kyiv", 50.45, 30.52, country="Ukraine", country_code="ua"), "UKR", 804),
        (Place("Gao", 16.27, -0.04, iso=466), "MLI", 466),  # numeric code only
        (Place("Goma", -1.68, 29.22, country="Democratic Republic of the Congo"), "COD", 180),  # name only
        (Place("Somewhere", 1.0, 2.0), "XXX", None),
    ],
)
def test_country_prefix_from_any_place_field(place, prefix, iso):
    record = event_record(make_event(place=place), timestamp=STAMP)
    assert record["event_id_cnty"].startswith(prefix)
    assert record["iso"] == iso


def test_geojson_points_are_lon_lat_and_events_without_coordinates_keep_null_geometry():
    no_coords = make_event(event_id="x", place=Place("Northern Syria", None, None, country_code="SY"))
    nan_coords = make_event(event_id="y", place=Place("Bad", float("nan"), 10.0))
    buf = io.StringIO()
    assert write_geojson([make_event(), no_coords, nan_coords], buf, timestamp=STAMP) == 3
    collection = json.loads(buf.getvalue())
    assert collection["type"] == "FeatureCollection"
    first, second, third = collection["features"]
    assert first["type"] == "Feature"
    assert first["geometry"] == {"type": "Point", "coordinates": [39.0167, 35.95]}
    lon, lat = first["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90 and lon > lat  # Raqqa: lon 39 E, lat 36 N
    props = first["properties"]
    assert set(ACLED_COLUMNS + EXTRA_COLUMNS) <= set(props)
    assert props["sentences"] == make_event().sentences and props["sources"] == ["AFP", "Reuters"]
    assert props["fatalities_best"] == 16 and props["inter1"] == 8  # typed, not strings
    sides = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
    assert [props[c] for c in sides] == [0, 15, 0, 1]
    assert second["geometry"] is None and second["properties"]["event_id_cnty"].startswith("SYR")
    assert third["geometry"] is None


def test_jsonl_one_event_dict_per_line(tmp_path):
    events = [make_event(), make_event(event_id="b", place=None)]
    path = tmp_path / "events.jsonl"
    assert write_jsonl(events, path) == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [e.to_dict() for e in events]
    assert json.loads(lines[0])["deaths_b"] == 15 and json.loads(lines[0])["deaths_unknown"] == 1


def test_parquet_round_trip_with_types(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert write_parquet([make_event(), make_event(event_id="z", place=None)], path, timestamp=STAMP) == 2
    table = pq.read_table(path)
    assert table.column_names == list(ACLED_COLUMNS + EXTRA_COLUMNS) + ["sentences", "sources"]
    assert str(table.schema.field("fatalities").type) == "int64"
    assert str(table.schema.field("latitude").type) == "double"
    rows = table.to_pylist()
    assert rows[0]["fatalities_best"] == 16 and rows[0]["sources"] == ["AFP", "Reuters"]
    assert str(table.schema.field("deaths_b").type) == "int64"
    assert (rows[0]["deaths_b"], rows[0]["deaths_unknown"], rows[0]["deaths_civilians"]) == (15, 1, 0)
    assert rows[1]["latitude"] is None and rows[1]["iso"] is None


def test_parquet_without_pyarrow_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` fail
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ImportError, match="pip install pyarrow"):
        write_parquet([make_event()], tmp_path / "x.parquet")


def test_export_dispatch_to_path_and_stdout(tmp_path, capsys):
    assert set(FORMATS) == {"acled-csv", "geojson", "jsonl", "parquet"}
    path = tmp_path / "e.geojson"
    assert export([make_event()], "geojson", str(path)) == 1
    assert json.loads(path.read_text())["features"][0]["properties"]["location"] == "Raqqa"
    export(iter([make_event()]), "acled-csv", "-")
    out = capsys.readouterr().out
    assert out.splitlines()[0].split(",")[:2] == ["event_id_cnty", "event_date"]
    export([make_event()], "jsonl", "-")
    assert json.loads(capsys.readouterr().out)["event_id"] == "raqqa-2015-10-22"
    with pytest.raises(ValueError, match="acled-csv"):
        export([make_event()], "xlsx", "-")


def test_one_timestamp_per_export():
    collection = to_geojson([make_event(), make_event(event_id="2")])
    stamps = {f["properties"]["timestamp"] for f in collection["features"]}
    assert len(stamps) == 1 and stamps.pop() > 1_600_000_000
