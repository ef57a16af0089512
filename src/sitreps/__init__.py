"""sitreps: news reports about armed conflict in, a sourced and geolocated event database out.

The Python API mirrors the command line:

    import sitreps
    result = sitreps.extract(text, published="2015-10-10")   # what `sitreps extract FILE` prints
    report = sitreps.ingest(["samples/"], db="sitreps.db")    # `sitreps ingest samples/`
    rows = sitreps.events(db="sitreps.db", country="Syria")    # `sitreps events --country Syria`
    sitreps.export(db="sitreps.db", format="geojson", out="out/events.geojson")
    sitreps.write_map(db="sitreps.db", out="out/map.html")    # `sitreps map -o out/map.html`
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"
DEFAULT_DB = "sitreps.db"

if TYPE_CHECKING:
    from sitreps.model import ArticleAnalysis, Event
    from sitreps.pipeline import IngestReport


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def extract(
    text: str, published: date | str | None = None, title: str = "", outlet: str = "", url: str = ""
) -> ArticleAnalysis:
    """Events (and everything found on the way) of one report's text; nothing is stored."""
    from sitreps.model import Article
    from sitreps.pipeline import analyse

    article = Article(text=text, title=title, outlet=outlet, url=url, path="<text>")
    return analyse(article, published=_as_date(published))


def ingest(
    paths: Iterable[str | Path], db: str | Path = DEFAULT_DB, published: date | str | None = None
) -> IngestReport:
    """Read files, folders or globs, extract their events, store them and fuse them into events."""
    from sitreps.pipeline import ingest_articles, iter_inputs
    from sitreps.store import Store

    with Store(db) as store:
        return ingest_articles(iter_inputs(paths), store, published=_as_date(published))


def events(db: str | Path = DEFAULT_DB, **filters) -> list[Event]:
    """Fused events, filtered as `sitreps events` does (since, until, event_type, actor, country, near)."""
    from sitreps.store import Store

    with Store(db) as store:
        return store.events(**filters)


def claims(
    db: str | Path = DEFAULT_DB,
    speaker: str | None = None,
    stance: str | None = None,
    about: str | None = None,
    limit: int | None = None,
):
    """Stored claims by speaker, stance or content, as `sitreps claims` lists them (`ClaimRecord`s)."""
    from sitreps.claim_records import query_claims
    from sitreps.store import Store

    with Store(db) as store:
        return query_claims(store, speaker=speaker, stance=stance, about=about, limit=limit)


def export(db: str | Path = DEFAULT_DB, format: str = "acled-csv", out: str | Path = "-", **filters) -> int:
    """Write the events in one of the export formats; returns how many were written."""
    from sitreps import exports as exporter

    rows = events(db, **filters)
    exporter.export(rows, format, out)
    return len(rows)


def write_map(db: str | Path = DEFAULT_DB, out: str | Path = "map.html", **filters) -> int:
    """Write a self-contained offline HTML map of the events; returns how many were placed."""
    from sitreps.mapview import write_map as _write_map

    rows = events(db, **filters)
    _write_map(rows, out)
    return len(rows)
