"""The offline map: one self-contained HTML file with Leaflet and the data inlined.

The file opens from disk without a network: Leaflet 1.9.4 is inlined from ``web/vendor/``, markers are
``L.circleMarker`` (no marker images), and the default base layer is drawn from data in the file (a
graticule and Natural Earth 1:110m country outlines). OpenStreetMap tiles are an option in the layer
switcher; if a tile fails to load the map goes back to the offline base.

Text from reports never becomes markup: events are embedded as JSON in a
``<script type="application/json">`` tag with ``<``, ``>`` and ``&`` escaped, and the popups are built
with DOM ``textContent``.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .exports import event_record
from .model import Event

# ACLED's six event types, in ACLED's usual order, with colours that stay apart for colour-blind readers
# (Okabe-Ito palette).
EVENT_TYPE_COLOURS: dict[str, str] = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#E69F00",
    "Violence against civilians": "#CC79A7",
    "Protests": "#009E73",
    "Riots": "#0072B2",
    "Strategic developments": "#56B4E9",
}
DEFAULT_COLOUR = "#777777"

OSM_TILE_URL = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"

_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def _web_file(name: str) -> str:
    return resources.files("sitreps").joinpath("web", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _template() -> str:
    return _web_file("map.html")


@lru_cache(maxsize=1)
def _leaflet() -> tuple[str, str]:
    """Leaflet's JS and CSS, made safe to sit inside <script> / <style> elements."""
    js = _web_file("vendor/leaflet.js")
    css = _web_file("vendor/leaflet.css")
    # The source map is not shipped; drop the comment pointing to it so browsers do not try to fetch it.
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def topology_to_geojson(topology: dict[str, Any], object_name: str, ndigits: int = 2) -> dict[str, Any]:
    """Decode one object of a quantised TopoJSON topology into a GeoJSON FeatureCollection."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[list[float]]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded integer positions
            x += dx
            y += dy
            points.append([round(x * sx + tx, ndigits), round(y * sy + ty, ndigits)])
        arcs.append(points)

    def ring(indices: list[int]) -> list[list[float]]:
        points: list[list[float]] = []
        for i in indices:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]  # ~i: arc i walked backwards
            points.extend(arc if not points else arc[1:])  # consecutive arcs share an end point
        return points

    features = []
    for geometry in topology["objects"][object_name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates: Any = [ring(r) for r in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append({
            "type": "Feature",
            "id": geometry.get("id"),
            "properties": {"name": (geometry.get("properties") or {}).get("name", "")},
            "geometry": {"type": kind, "coordinates": coordinates},
        })
    return {"type": "FeatureCollection", "features": features}


def _unwrap_ring(ring: list[list[float]]) -> list[list[float]]:
    """Make longitudes continuous where a ring jumps across the antimeridian (179 -> -179 becomes 181)."""
    out = [list(ring[0])]
    shift = 0.0
    for (x0, _), (x1, y1) in zip(ring, ring[1:], strict=False):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        out.append([x1 + shift, y1])
    return out


def wrap_antimeridian(geometry: dict[str, Any]) -> dict[str, Any]:
    """A (Multi)Polygon as a MultiPolygon that a flat map draws right across the antimeridian.

    The world-atlas outlines are spherical: Russia's and Fiji's rings jump from 180 to -180, which a flat
    map draws as a stripe around the world. Unwrapped rings run past 180 instead, and a copy shifted by
    360 degrees shows the part that lies on the other side.
    """
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    out = []
    for polygon in polygons:
        rings = [_unwrap_ring(r) for r in polygon]
        out.append(rings)
        xs = [x for x, _ in rings[0]]
        for beyond, offset in ((max(xs) > 180, -360), (min(xs) < -180, 360)):
            if beyond:
                out.append([[[round(x + offset, 2), y] for x, y in r] for r in rings])
    return {"type": "MultiPolygon", "coordinates": out}


def label_point(geometry: dict[str, Any]) -> list[float] | None:
    """Where to write a country's name: the centroid of its largest outer ring, [lon, lat]."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    polygons = [[_unwrap_ring(p[0])] for p in polygons]
    best: tuple[float, float, float] | None = None  # (|area|, x, y)
    for polygon in polygons:
        ring = polygon[0]
        a = cx = cy = 0.0
        # with the closing edge: an unwrapped polar ring (Antarctica) ends 360 degrees from its start
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if a and (best is None or abs(a) > best[0]):
            best = (abs(a), cx / (3 * a), cy / (3 * a))
    if best is None:
        return None
    return [round((best[1] + 180) % 360 - 180, 2), round(best[2], 2)]  # back into [-180, 180)


@lru_cache(maxsize=1)
def country_outlines() -> dict[str, Any]:
    """Natural Earth 1:110m country outlines (vendored world-atlas TopoJSON) as GeoJSON.

    Each feature's properties carry `name` and `label`, the [lon, lat] to write the name at.
    """
    collection = topology_to_geojson(json.loads(_web_file("vendor/countries-110m.json")), "countries")
    for feature in collection["features"]:
        feature["properties"]["label"] = label_point(feature["geometry"])
        feature["geometry"] = wrap_antimeridian(feature["geometry"])
    return collection


def script_json(value: Any) -> str:
    """JSON safe to place inside a <script type="application/json"> element.

    Escaping ``<`` (with ``>`` and ``&``) as unicode escapes means no ``</script>`` or ``<!--`` can end
    the element early, and JSON.parse still gives back the exact text.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def map_record(event: Event) -> dict[str, Any]:
    """What a marker and its popup need: the export's fields plus the lists behind them."""
    record = event_record(event, timestamp=0)
    record.pop("timestamp")
    record["sources"] = list(event.sources)
    record["claimants"] = list(event.claimants)
    record["sentences"] = list(event.sentences)
    return record


def render_map(events: Iterable[Event], title: str = "sitreps: conflict events", outlines: bool = True,
               colours: dict[str, str] | None = None) -> str:
    """The map as one HTML string (see `write_map`)."""
    records = [map_record(e) for e in events]
    palette = {**EVENT_TYPE_COLOURS, **(colours or {})}
    config = {
        "title": title,
        "generated": "generated " + datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "colours": palette,
        "default_colour": DEFAULT_COLOUR,
        "type_order": list(palette),
        "min_radius": 5,
        "radius_step": 2.5,
        "max_radius": 30,
        "max_fit_zoom": 7,
        "label_min_zoom": 4,
        "tile_url": OSM_TILE_URL,
        "tile_attribution": OSM_ATTRIBUTION,
    }
    js, css = _leaflet()
    values = {
        "TITLE": html.escape(title),
        "LEAFLET_CSS": css,
        "LEAFLET_JS": js,
        "EVENTS_JSON": script_json(records),
        "CONFIG_JSON": script_json(config),
        "BASEMAP_JSON": script_json(country_outlines() if outlines else {"type": "FeatureCollection",
                                                                           "features": []}),
    }
    # One pass, so nothing inside an inserted value is ever taken for a placeholder.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _template())


def write_map(events: Iterable[Event], path: str | os.PathLike[str], title: str = "sitreps: conflict events",
              outlines: bool = True) -> Path:
    """Write a self-contained offline HTML map of the events; returns the path written.

    One circle per event with coordinates, coloured by ACLED event_type, radius growing with fatalities,
    with a popup giving type, date and precision, place and geo_precision, actors, low/best/high tolls,
    status, sources, claimants and the source sentences. Events without coordinates are counted, not drawn.
    """
    out = Path(path)
    out.write_text(render_map(events, title=title, outlines=outlines), encoding="utf-8")
    return out
