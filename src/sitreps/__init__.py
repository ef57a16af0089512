"""sitreps: news reports about armed conflict in, a sourced and geolocated event database out.

The Python API mirrors the command line:

    import sitreps
    result = sitreps.extract(text, published="2015-10-10")   # what `sitreps extract FILE` prints
    args = sitreps.arguments(text, "killed")                  # `sitreps arguments FILE --trigger killed`
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
    from sitreps.stages.trigger_arguments import TriggerArguments


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


def trigger_chars(text: str, trigger: str | tuple[int, int], occurrence: int = 1) -> tuple[int, int]:
    """Characters of an event word: a (start, end) pair as given, or the `occurrence`-th whole-word match of
    `trigger` (case-insensitive). ValueError when the text has no such word."""
    import re

    if not isinstance(trigger, str):
        start, end = trigger
        if not 0 <= start < end <= len(text):
            raise ValueError(f"trigger span {start}:{end} is outside the text (0:{len(text)})")
        return start, end
    found = list(re.finditer(rf"(?<!\w){re.escape(trigger.strip())}(?!\w)", text, re.IGNORECASE))
    if not trigger.strip() or len(found) < occurrence or occurrence < 1:
        raise ValueError(f"the text has no occurrence {occurrence} of {trigger!r} ({len(found)} found)")
    return found[occurrence - 1].span()


def arguments(
    text: str, trigger: str | tuple[int, int], occurrence: int = 1, published: date | str | None = None
) -> TriggerArguments:
    """Who did the event a given word names, to whom, where and with what (for a trigger that your own
    event detector found, or any event word of the text): `trigger` is the word itself (its
    `occurrence`-th match) or its (start, end) characters. Every filler is a span of `text`."""
    from sitreps.model import Article
    from sitreps.nlp import parse
    from sitreps.pipeline import analyse
    from sitreps.stages.trigger_arguments import trigger_arguments

    start, end = trigger_chars(text, trigger, occurrence)
    doc = parse(text)
    analysis = analyse(Article(text=text, path="<text>"), published=_as_date(published), doc=doc)
    return trigger_arguments(doc, analysis, start, end)


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
