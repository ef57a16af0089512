"""The offline map: self-contained HTML, inlined Leaflet, escaped data, offline base layer."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from sitreps.mapview import (
    country_outlines,
    render_map,
    script_json,
    topology_to_geojson,
    wrap_antimeridian,
    write_map,
)
from sitreps.model import Event, Place

MALICIOUS = "</script><script>alert(1)</script>"


class Elements(HTMLParser):
    """Collects <script>, <link> and <style> elements the way a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []
        self.links: list[dict] = []
        self.styles = 0
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._current = {"attrs": dict(attrs), "data": ""}
            self.scripts.append(self._current)
        elif tag == "link":
            self.links.append(dict(attrs))
        elif tag == "style":
            self.styles += 1

    def handle_data(self, data):
        if self._current is not None:
            self._current["data"] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._current = None


def event(event_id: str, event_type: str, place: Place | None, sentence: str, **over) -> Event:
    fields = dict(
        event_id=event_id, event_type=event_type, sub_event_type="Armed clash",
        disorder_type="Political violence", event_date=date(2015, 10, 22), date_start=date(2015, 10, 22),
        date_end=date(2015, 10, 22), time_precision=1, date_prec=1, place=place, sentences=[sentence],
        sources=["AFP"], claimants=["Syrian Observatory for Human Rights"],
    )
    fields.update(over)
    return Event(**fields)


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return [
        event("1", "Battles", Place("Aleppo", 36.2, 37.16, country="Syria", country_code="SY"),
              "IS fighters clashed with government troops near Aleppo, " + MALICIOUS,
              actor1="Islamic State (Syria)", actor2="Military Forces of Syria (2000-)",
              fatalities_low=20, fatalities_best=30, fatalities_high=40),
        event("2", "Explosions/Remote violence", Place("Idlib", 35.93, 36.63, country_code="SY"),
              "Russian jets hit Idlib & Hama <b>overnight</b>."),
        event("3", "Protests", None, "Protesters gathered somewhere in the north."),
    ]


@pytest.fixture(scope="module")
def page(events) -> str:
    return render_map(events, title='Syria <October> "2015"')


@pytest.fixture(scope="module")
def elements(page) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def test_leaflet_is_inlined_and_nothing_loads_from_the_network(page, elements):
    assert "Leaflet 1.9.4" in page and "L.circleMarker" in page
    assert ".leaflet-container" in page  # the CSS, inlined
    assert all("src" not in s["attrs"] for s in elements.scripts)
    assert not [ln for ln in elements.links if re.match(r"https?:", ln.get("href", ""), re.I)]
    assert not re.search(r"<(script|link)[^>]+(src|href)\s*=\s*[\"']?https?:", page, re.I)
    assert "sourceMappingURL" not in page
    assert not re.search(r"\{\{[A-Z_]+\}\}", page)  # every placeholder filled


def test_malicious_sentence_cannot_break_out_of_the_data_tag(page, elements, events):
    assert MALICIOUS not in page and "<b>overnight</b>" not in page
    # 3 JSON data tags, Leaflet, the map code: the sentence adds no element
    assert len(elements.scripts) == 5
    data = {s["attrs"].get("id"): s for s in elements.scripts if s["attrs"].get("type") == "application/json"}
    assert set(data) == {"sitreps-events", "sitreps-config", "sitreps-basemap"}
    embedded = json.loads(data["sitreps-events"]["data"])
    assert embedded[0]["sentences"] == events[0].sentences  # JSON.parse gives the exact text back
    assert embedded[1]["sentences"] == ["Russian jets hit Idlib & Hama <b>overnight</b>."]
    assert "<title>Syria &lt;October&gt; &quot;2015&quot;</title>" in page
    assert json.loads(data["sitreps-config"]["data"])["title"] == 'Syria <October> "2015"'


def test_popup_fields_are_embedded_and_unmapped_events_kept(elements):
    data = next(s for s in elements.scripts if s["attrs"].get("id") == "sitreps-events")
    first, _, unmapped = json.loads(data["data"])
    assert (first["latitude"], first["longitude"]) == (36.2, 37.16)
    assert first["actor1"] == "Islamic State (Syria)" and first["actor2"].startswith("Military Forces")
    assert (first["fatalities_low"], first["fatalities_best"], first["fatalities_high"]) == (20, 30, 40)
    assert first["claimants"] == ["Syrian Observatory for Human Rights"] and first["sources"] == ["AFP"]
    assert first["time_precision"] == 1 and first["geo_precision"] == 1 and first["status"]
    assert unmapped["latitude"] is None and unmapped["event_type"] == "Protests"


def test_popups_use_text_not_markup(page):
    # the map code builds popups with textContent; innerHTML would turn report text into markup
    code = page.rsplit("<script>", 1)[1]
    assert "textContent" in code and "innerHTML" not in code


def test_script_json_escapes_markup_and_round_trips():
    value = {"s": "a</script><!-- & \u2028 >"}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_topology_decoding_with_shared_and_reversed_arcs():
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
        "objects": {"shapes": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "Square"}},
            {"type": "MultiPolygon", "arcs": [[[~1, ~0]]], "properties": {"name": "Backwards"}},
            {"type": "Point", "coordinates": [0, 0]},
        ]}},
    }
    fc = topology_to_geojson(topology, "shapes")
    square, backwards = fc["features"]  # the point is not an outline
    ring = square["geometry"]["coordinates"][0]
    assert ring == [[10, 20], [12, 20], [12, 22], [10, 22], [10, 20]]
    assert square["properties"]["name"] == "Square"
    assert backwards["geometry"]["coordinates"][0][0] == ring[::-1]


def test_vendored_country_outlines_are_real():
    outlines = country_outlines()
    assert len(outlines["features"]) > 150
    syria = next(f for f in outlines["features"] if f["properties"]["name"] == "Syria")
    rings = [ring for polygon in syria["geometry"]["coordinates"] for ring in polygon]
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    assert 35 < min(xs) < 37 and 41 < max(xs) < 43 and 32 < min(ys) < 33.5 and 36.5 < max(ys) < 37.5
    lon, lat = syria["properties"]["label"]  # the name is written inside the country
    assert min(xs) < lon < max(xs) and min(ys) < lat < max(ys)
    # a MultiPolygon's name goes on its largest part: Indonesia's is not on a small island at either end
    indonesia = next(f for f in outlines["features"] if f["properties"]["name"] == "Indonesia")
    assert indonesia["geometry"]["type"] == "MultiPolygon" and 95 < indonesia["properties"]["label"][0] < 141


def test_rings_across_the_antimeridian_are_unwrapped_and_copied():
    # an island straddling 180: spherical data jumps 179 -> -179, a flat map would draw a world-wide stripe
    ring = [[179, -17], [-179, -17], [-179, -19], [179, -19], [179, -17]]
    square = {"type": "Polygon", "coordinates": [ring]}
    wrapped = wrap_antimeridian(square)
    assert wrapped["type"] == "MultiPolygon"
    east, west = wrapped["coordinates"]
    assert east[0] == [[179, -17], [181, -17], [181, -19], [179, -19], [179, -17]]
    assert west[0][0] == [-181, -17] and west[0][1] == [-179, -17]  # the same island seen from the west
    inside = {"type": "Polygon", "coordinates": [[[36, 33], [42, 33], [42, 37], [36, 33]]]}
    assert wrap_antimeridian(inside)["coordinates"] == [inside["coordinates"]]


def test_no_outline_jumps_across_the_map():
    for feature in country_outlines()["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            ring = polygon[0]
            jumps = [abs(b[0] - a[0]) for a, b in zip(ring, ring[1:], strict=False)]
            assert max(jumps) < 180, feature["properties"]["name"]
    fiji = next(f for f in country_outlines()["features"] if f["properties"]["name"] == "Fiji")
    assert 176 < fiji["properties"]["label"][0] < 181 and -20 < fiji["properties"]["label"][1] < -15


def test_write_map_writes_one_file(tmp_path, events):
    path = write_map(events, tmp_path / "map.html", outlines=False)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "sitreps-events" in text
    assert len(text) < len(render_map(events))  # no outlines: a smaller file
