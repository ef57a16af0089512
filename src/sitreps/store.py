"""The event database: SQLite through the standard library, one file, safe for concurrent writers.

Articles, their event mentions and claims go in one transaction per article (`Store.add_analysis`);
`Store.refuse` fuses all mentions into events (see `sitreps.fuse`) and records in `event_history` what a
later fusion changed. Mentions and events keep their whole dataclass as JSON next to the flat ACLED-style
columns, so a row can be rebuilt exactly (`mention_from_dict`, `event_from_dict`) and queried in SQL.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

from sitreps.fuse import DEFAULT_RULES, FusionRules, fuse_mentions, haversine_km
from sitreps.fusion_event import DEATHS_BY_SIDE
from sitreps.model import (
    Actor,
    Article,
    ArticleAnalysis,
    Claim,
    Event,
    EventMention,
    ItemError,
    Place,
    TextSpan,
    to_jsonable,
)

__all__ = ["SCHEMA_VERSION", "Store", "StoreVersionError", "event_from_dict", "mention_from_dict"]

BUSY_TIMEOUT_MS = 30_000  # concurrent ingest processes wait for the write lock rather than fail
KM_PER_DEGREE = 111.195

SCHEMA_VERSION = 2

_PLACE_COLUMNS = """
    location TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '',
    country_code TEXT NOT NULL DEFAULT '', iso INTEGER, admin1 TEXT NOT NULL DEFAULT '',
    admin2 TEXT NOT NULL DEFAULT '', latitude REAL,
    longitude REAL, geo_precision INTEGER, geonames_id INTEGER,"""

# UCDP's deaths per side (version 2)
_SIDE_COLUMNS = "".join(f"\n    {c} INTEGER NOT NULL DEFAULT 0," for c in DEATHS_BY_SIDE)

_TOLL_COLUMNS = f"""
    fatalities_low INTEGER NOT NULL DEFAULT 0, fatalities_best INTEGER NOT NULL DEFAULT 0,
    fatalities_high INTEGER NOT NULL DEFAULT 0, injuries_low INTEGER NOT NULL DEFAULT 0,
    injuries_best INTEGER NOT NULL DEFAULT 0, injuries_high INTEGER NOT NULL DEFAULT 0,{_SIDE_COLUMNS}"""

_TYPE_COLUMNS = """
    event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, disorder_type TEXT NOT NULL DEFAULT '',
    plover_type TEXT NOT NULL DEFAULT '', plover_mode TEXT NOT NULL DEFAULT '',
    actor1 TEXT NOT NULL DEFAULT '', inter1 INTEGER, assoc_actor_1 TEXT NOT NULL DEFAULT '',
    actor2 TEXT NOT NULL DEFAULT '', inter2 INTEGER, assoc_actor_2 TEXT NOT NULL DEFAULT '',
    civilian_targeting INTEGER NOT NULL DEFAULT 0,"""

# Version 2 (version 1 lacked the deaths per side). Dates are ISO text (they sort); `json` holds the whole
# dataclass for an exact rebuild.
SCHEMA_SQL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, title TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '', published TEXT, published_source TEXT NOT NULL DEFAULT 'none',
    url TEXT NOT NULL DEFAULT '', path TEXT NOT NULL DEFAULT '', text TEXT NOT NULL,
    ingested_at TEXT NOT NULL)""",
    f"""CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    article_hash TEXT NOT NULL,{_TYPE_COLUMNS}{_PLACE_COLUMNS}
    date_start TEXT, date_end TEXT, time_precision INTEGER, date_prec INTEGER,
    date_resolved INTEGER,{_TOLL_COLUMNS}
    sentence_start INTEGER, sentence_end INTEGER, sentence_text TEXT NOT NULL DEFAULT '',
    trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT NOT NULL DEFAULT '',
    claimant TEXT NOT NULL DEFAULT '', claimant_type TEXT NOT NULL DEFAULT '', cue TEXT NOT NULL DEFAULT '',
    stance TEXT NOT NULL DEFAULT '', outlet TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
    json TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id)",
    """CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claimant TEXT NOT NULL, claimant_type TEXT NOT NULL DEFAULT '', claimant_actor TEXT NOT NULL DEFAULT '',
    cue TEXT NOT NULL DEFAULT '', stance TEXT NOT NULL DEFAULT '', outlet TEXT NOT NULL DEFAULT '',
    sentence INTEGER, content_text TEXT NOT NULL DEFAULT '', spans TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id)",
    f"""CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,{_TYPE_COLUMNS} interaction INTEGER,
    event_date TEXT, date_start TEXT, date_end TEXT, time_precision INTEGER,
    date_prec INTEGER,{_PLACE_COLUMNS}
    region TEXT NOT NULL DEFAULT '', fatalities INTEGER NOT NULL DEFAULT 0,{_TOLL_COLUMNS}
    sources TEXT NOT NULL DEFAULT '[]', source_scale TEXT NOT NULL DEFAULT '',
    claimants TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', json TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS events_date ON events(event_date)",
    "CREATE INDEX IF NOT EXISTS events_latlon ON events(latitude, longitude)",
    """CREATE TABLE IF NOT EXISTS event_mentions (
    event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, mention_id))""",
    "CREATE INDEX IF NOT EXISTS event_mentions_mention ON event_mentions(mention_id)",
    """CREATE TABLE IF NOT EXISTS ingest_errors (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL)""",
    # no foreign key: history outlives the events it describes (an event can be fused away)
    """CREATE TABLE IF NOT EXISTS event_history (
    id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, at TEXT NOT NULL, change TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS event_history_event ON event_history(event_id)",
)

# MIGRATIONS[v] takes a file from schema version v to v + 1.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    # 1 -> 2: UCDP's deaths per side; the dead of rows written before are of unknown side (as their JSON
    # is read back: see `_legacy_sides`)
    1: tuple(
        f"ALTER TABLE {table} ADD COLUMN {c} INTEGER NOT NULL DEFAULT 0"
        for table in ("mentions", "events")
        for c in DEATHS_BY_SIDE
    )
    + tuple(f"UPDATE {table} SET deaths_unknown = fatalities_best" for table in ("mentions", "events")),
}


def _place_columns(p: Place | None) -> dict[str, Any]:
    if p is None:
        return {"location": "", "country": "", "country_code": "", "iso": None, "admin1": "", "admin2": "",
                "latitude": None, "longitude": None, "geo_precision": None, "geonames_id": None}
    return {"location": p.name, "country": p.country, "country_code": p.country_code, "iso": p.iso,
            "admin1": p.admin1, "admin2": p.admin2, "latitude": p.latitude, "longitude": p.longitude,
            "geo_precision": p.geo_precision, "geonames_id": p.geonames_id}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


# the toll columns, named once (every mention and event row reads them)
_TOLL_NAMES = (
    *(f"{kind}_{bound}" for kind in ("fatalities", "injuries") for bound in ("low", "best", "high")),
    *DEATHS_BY_SIDE,
)


def _tolls(x: EventMention | Event) -> dict[str, int]:
    return {name: getattr(x, name) for name in _TOLL_NAMES}


def mention_row(m: EventMention) -> dict[str, Any]:
    """The flat, ACLED-style columns of one mention (without article_id and json)."""
    claim = m.claim
    return {
        "article_hash": m.article_hash, "event_type": m.event_type, "sub_event_type": m.sub_event_type,
        "disorder_type": m.disorder_type, "plover_type": m.plover_type, "plover_mode": m.plover_mode,
        "actor1": m.actor1.name if m.actor1 else "", "inter1": m.actor1.inter if m.actor1 else None,
        "assoc_actor_1": "; ".join(a.name for a in m.assoc_actor_1),
        "actor2": m.actor2.name if m.actor2 else "", "inter2": m.actor2.inter if m.actor2 else None,
        "assoc_actor_2": "; ".join(a.name for a in m.assoc_actor_2),
        "civilian_targeting": int(m.civilian_targeting), **_place_columns(m.place),
        "date_start": _iso(m.date_start), "date_end": _iso(m.date_end), "time_precision": m.time_precision,
        "date_prec": m.date_prec, "date_resolved": int(m.date_resolved), **_tolls(m),
        "sentence_start": m.sentence_span.start, "sentence_end": m.sentence_span.end,
        "sentence_text": m.sentence_span.text, "trigger_start": m.trigger_span.start,
        "trigger_end": m.trigger_span.end, "trigger_text": m.trigger_span.text,
        "claimant": claim.claimant if claim else "", "claimant_type": claim.claimant_type if claim else "",
        "cue": claim.cue if claim else "", "stance": claim.stance if claim else "",
        "outlet": m.outlet, "notes": m.notes,
    }


def event_row(e: Event) -> dict[str, Any]:
    """The flat, ACLED-style columns of one fused event (without json)."""
    return {
        "event_id": e.event_id, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "disorder_type": e.disorder_type, "plover_type": e.plover_type, "plover_mode": e.plover_mode,
        "actor1": e.actor1, "inter1": e.inter1, "assoc_actor_1": e.assoc_actor_1, "actor2": e.actor2,
        "inter2": e.inter2, "assoc_actor_2": e.assoc_actor_2, "civilian_targeting": int(e.civilian_targeting),
        "interaction": e.interaction, "event_date": _iso(e.event_date), "date_start": _iso(e.date_start),
        "date_end": _iso(e.date_end), "time_precision": e.time_precision, "date_prec": e.date_prec,
        **_place_columns(e.place), "region": e.place.region if e.place else "", "fatalities": e.fatalities,
        **_tolls(e), "sources": json.dumps(e.sources, ensure_ascii=False),
        "source_scale": e.source_scale, "claimants": json.dumps(e.claimants, ensure_ascii=False),
        "status": e.status, "notes": e.notes,
    }


_CLAIM_INSERT = (
    "INSERT INTO claims (article_id, claimant, claimant_type, claimant_actor, cue, stance, outlet,"
    " sentence, content_text, spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# `json.dumps(value, ensure_ascii=False)` with one encoder built once (dumps builds one per call)
_json_text = json.JSONEncoder(ensure_ascii=False).encode


class StoreVersionError(RuntimeError):
    """The database file was written by a newer sitreps than this one."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


@lru_cache(maxsize=64)
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def _known(cls: type, d: dict[str, Any]) -> dict[str, Any]:
    """Only the keys `cls` has: rows written by another version may carry more (or fewer) fields."""
    names = _field_names(cls)
    if names.issuperset(d):
        return dict(d)  # every key known (rows this version wrote): one copy in C, not a filter per key
    return {k: v for k, v in d.items() if k in names}


def _span(d: dict[str, Any] | None) -> TextSpan | None:
    return TextSpan(**_known(TextSpan, d)) if d else None


def _actor(d: dict[str, Any] | None) -> Actor | None:
    return Actor(**_known(Actor, d)) if d else None


def _place(d: dict[str, Any] | None) -> Place | None:
    return Place(**_known(Place, d)) if d else None


def _claim(d: dict[str, Any] | None) -> Claim | None:
    if not d:
        return None
    kw = _known(Claim, d)
    for key in ("claimant_span", "cue_span", "content_span"):
        kw[key] = _span(kw.get(key))
    return Claim(**kw)


def _legacy_sides(kw: dict[str, Any]) -> dict[str, Any]:
    """A row written before the deaths per side existed: its dead are of unknown side, so that the four
    still sum to fatalities_best."""
    if not any(c in kw for c in DEATHS_BY_SIDE):
        kw["deaths_unknown"] = int(kw.get("fatalities_best") or 0)
    return kw


def mention_from_dict(d: dict[str, Any]) -> EventMention:
    """Rebuild an `EventMention` (with its Actors, Place, Claim, spans and dates) from `to_jsonable`."""
    kw = _legacy_sides(_known(EventMention, d))
    for key in ("sentence_span", "trigger_span", "place_span", "date_span"):
        kw[key] = _span(kw.get(key))
    for key in ("actor1", "actor2"):
        kw[key] = _actor(kw.get(key))
    for key in ("assoc_actor_1", "assoc_actor_2"):
        kw[key] = [a for a in (_actor(x) for x in kw.get(key) or []) if a]
    for key in ("toll_spans", "victim_spans", "target_spans", "weapon_spans"):
        kw[key] = [s for s in (_span(x) for x in kw.get(key) or []) if s]
    for key in ("actor1_span", "actor2_span"):
        kw[key] = _span(kw.get(key))
    kw["place"] = _place(kw.get("place"))
    kw["claim"] = _claim(kw.get("claim"))
    kw["date_start"], kw["date_end"] = _date(kw.get("date_start")), _date(kw.get("date_end"))
    return EventMention(**kw)


def event_from_dict(d: dict[str, Any]) -> Event:
    """Rebuild an `Event` from `to_jsonable`."""
    kw = _legacy_sides(_known(Event, d))
    for key in ("event_date", "date_start", "date_end"):
        kw[key] = _date(kw.get(key))
    kw["place"] = _place(kw.get("place"))
    return Event(**kw)


def _article(row: sqlite3.Row) -> Article:
    return Article(
        text=row["text"], title=row["title"], outlet=row["outlet"], published=_date(row["published"]),
        published_source=row["published_source"], url=row["url"], path=row["path"],
    )


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


class Store:
    """A sitreps database file. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # autocommit mode: transactions are explicit (BEGIN IMMEDIATE), one per article or fusion
        self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        # SQLite's lower() only folds ASCII; actor and place names are not all ASCII
        self.conn.create_function("casefold", 1, _casefold, deterministic=True)
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
            # SQLite's advice for WAL: sync at checkpoints, not at every commit (one per article); the
            # file cannot be corrupted, only the last commits before a power cut can be lost
            self.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            self._init_schema()
        except Exception:
            self.conn.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back (and re-raised) on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _init_schema(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"{self.path} has schema version {version}, newer than this sitreps understands "
                f"({SCHEMA_VERSION}); upgrade sitreps to open it"
            )
        if version == SCHEMA_VERSION:
            return
        with self._transaction() as conn:
            if version == 0:
                # executescript() would COMMIT first; statements one by one stay in the transaction
                for statement in SCHEMA_SQL:
                    conn.execute(statement)
            else:
                for step in range(version, SCHEMA_VERSION):
                    for statement in MIGRATIONS[step]:
                        conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @property
    def schema_version(self) -> int:
        """The `PRAGMA user_version` of the open file."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # -- ingestion -------------------------------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        """Whether an article with this `Article.content_hash` is stored."""
        row = self.conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row is not None

    def add_analysis(self, analysis: ArticleAnalysis) -> tuple[int, bool]:
        """Store one article with its mentions and claims in one transaction.

        Returns (article_id, inserted). An article already stored (same content hash) is left as it is
        (inserted=False). Any error rolls this article back entirely and is re-raised; everything stored
        before stays, so a batch can `record_error` and go on.
        """
        article = analysis.article
        content_hash = article.content_hash
        with self._transaction() as conn:
            row = conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
            if row is not None:
                return int(row["id"]), False
            article_id = self._insert_article(article, content_hash)
            for mention in analysis.mentions:
                if not mention.article_hash:  # fusion tells articles apart by this hash
                    mention = replace(mention, article_hash=content_hash)
                self._insert_mention(article_id, mention, article.outlet)
            if analysis.claims:  # one statement for the article's claims (ids in the same order)
                conn.executemany(_CLAIM_INSERT, [self._claim_values(article_id, c) for c in analysis.claims])
        return article_id, True

    def _insert_article(self, a: Article, content_hash: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO articles (content_hash, title, outlet, published, published_source, url, path, text,"
            " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (content_hash, a.title, a.outlet, a.published.isoformat() if a.published else None,
             a.published_source, a.url, a.path, a.text, _now()),
        )
        return int(cur.lastrowid)  # type: ignore[arg-type]

    def _mention_values(self, article_id: int, m: EventMention, article_outlet: str = "") -> dict[str, Any]:
        """The mentions row of one mention: its columns, article_id and json."""
        row, data = mention_row(m), to_jsonable(m)
        if not m.outlet and article_outlet:  # the article's outlet is the mention's source
            # set in both (same keys, same order) rather than copying the whole mention with `replace`
            row["outlet"] = data["outlet"] = article_outlet
        row["article_id"] = article_id
        row["json"] = _json_text(data)
        return row

    def _insert_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert rows in order, one `executemany` per run of rows with the same columns."""
        k = 0
        while k < len(rows):
            cols = list(rows[k])
            j = k + 1
            while j < len(rows) and list(rows[j]) == cols:
                j += 1
            self.conn.executemany(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                [tuple(r.values()) for r in rows[k:j]],
            )
            k = j

    def _insert_mention(self, article_id: int, m: EventMention, article_outlet: str = "") -> int:
        row = self._mention_values(article_id, m, article_outlet)
        cols, marks = ", ".join(row), ", ".join("?" for _ in row)
        cur = self.conn.execute(f"INSERT INTO mentions ({cols}) VALUES ({marks})", tuple(row.values()))
        return int(cur.lastrowid)  # type: ignore[arg-type]

    @staticmethod
    def _claim_values(article_id: int, c: Claim) -> tuple:
        spans = {k: to_jsonable(getattr(c, k)) for k in ("claimant_span", "cue_span", "content_span")}
        return (article_id, c.claimant, c.claimant_type, c.claimant_actor, c.cue, c.stance, c.outlet,
                c.sentence, c.content_span.text if c.content_span else "", _json_text(spans))

    def _insert_claim(self, article_id: int, c: Claim) -> None:
        self.conn.execute(_CLAIM_INSERT, self._claim_values(article_id, c))

    def record_error(self, path: str, reason: str) -> None:
        """Record a per-item failure (unreadable file, failed analysis) and go on."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO ingest_errors (path, reason, at) VALUES (?, ?, ?)", (path, reason, _now())
            )

    def errors(self) -> list[ItemError]:
        """All recorded per-item failures, oldest first."""
        rows = self.conn.execute("SELECT path, reason FROM ingest_errors ORDER BY id").fetchall()
        return [ItemError(path=r["path"], reason=r["reason"]) for r in rows]

    # -- reading ---------------------------------------------------------------------------------------

    def article(self, article_id: int) -> Article | None:
        """The stored article with this id, or None."""
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def articles(self) -> list[tuple[int, Article]]:
        """All stored articles as (id, Article), in ingestion order."""
        return [(int(r["id"]), _article(r)) for r in self.conn.execute("SELECT * FROM articles ORDER BY id")]

    def mention_rows(self, article_id: int | None = None) -> list[tuple[int, EventMention]]:
        """Stored mentions as (mention id, EventMention), in ingestion order."""
        sql, params = "SELECT id, json FROM mentions", ()
        if article_id is not None:
            sql, params = sql + " WHERE article_id = ?", (article_id,)
        rows = self.conn.execute(sql + " ORDER BY id", params).fetchall()
        return [(int(r["id"]), mention_from_dict(json.loads(r["json"]))) for r in rows]

    def mentions(self, article_id: int | None = None) -> list[EventMention]:
        """Stored mentions (of one article, or all), rebuilt from their JSON, in ingestion order."""
        return [m for _, m in self.mention_rows(article_id)]

    # -- fusion ----------------------------------------------------------------------------------------

    def refuse(self, rules: FusionRules = DEFAULT_RULES) -> int:
        """Fuse all mentions into events and replace the events table in one transaction.

        Event ids are stable (see `sitreps.fuse`): an event that a new report joins keeps its id, and
        the change of its fused fields is appended to `event_history` as {field: [old, new]}; an event
        that disappears (its mentions now fused elsewhere) gets a {"removed": ...} entry. Returns the
        number of events.
        """
        at = _now()
        with self._transaction() as conn:
            # read inside the write transaction: a concurrent ingest cannot slip in between
            events = fuse_mentions(self.mention_rows(), rules)
            rows = conn.execute("SELECT event_id, json FROM events").fetchall()
            old = {r["event_id"]: json.loads(r["json"]) for r in rows}
            conn.execute("DELETE FROM event_mentions")
            conn.execute("DELETE FROM events")
            rows, links = [], []
            for ev in events:
                data = to_jsonable(ev)
                row = event_row(ev)
                row["json"] = _json_text(data)
                rows.append(row)
                links += [(ev.event_id, mid) for mid in ev.mention_ids]
                before = old.pop(ev.event_id, None)
                if before is not None and before != data:
                    diff = {k: [before.get(k), v] for k, v in data.items() if before.get(k) != v}
                    self._history(ev.event_id, at, diff)
            # all events, then all their links, each table in one batch (the same rows in the same order)
            self._insert_rows("events", rows)
            conn.executemany("INSERT INTO event_mentions (event_id, mention_id) VALUES (?, ?)", links)
            for event_id, before in old.items():
                self._history(event_id, at, {"removed": {"mention_ids": before.get("mention_ids", [])}})
        return len(events)

    def _history(self, event_id: str, at: str, change: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO event_history (event_id, at, change) VALUES (?, ?, ?)",
            (event_id, at, json.dumps(change, ensure_ascii=False, sort_keys=True)),
        )

    def history(self, event_id: str | None = None) -> list[dict[str, Any]]:
        """Recorded changes as {"event_id", "at", "change"} dicts, oldest first."""
        sql, params = "SELECT event_id, at, change FROM event_history", ()
        if event_id is not None:
            sql, params = sql + " WHERE event_id = ?", (event_id,)
        rows = self.conn.execute(sql + " ORDER BY id", params).fetchall()
        return [{"event_id": r["event_id"], "at": r["at"], "change": json.loads(r["change"])} for r in rows]

    def events(
        self,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        near: tuple[float, float] | None = None,
        radius_km: float = 50.0,
        limit: int | None = None,
    ) -> list[Event]:
        """Fused events, filtered, ordered by event_date (undated last) then id.

        `since`/`until` bound event_date (inclusive); `event_type` matches event_type or sub_event_type;
        `actor` is a substring of actor1, actor2 or an associated actor; `country` is a name or an ISO
        alpha-2 code; `near` = (latitude, longitude) keeps events within `radius_km` (great circle).
        All text matches ignore case.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if since is not None:
            clauses.append("event_date >= ?")
            params.append(since.isoformat())
        if until is not None:
            clauses.append("event_date <= ?")
            params.append(until.isoformat())
        if event_type:
            clauses.append("(casefold(event_type) = ? OR casefold(sub_event_type) = ?)")
            params += [event_type.strip().casefold()] * 2
        if actor:
            cols = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
            clauses.append("(" + " OR ".join(f"instr(casefold({c}), ?) > 0" for c in cols) + ")")
            params += [actor.strip().casefold()] * len(cols)
        if country:
            clauses.append("(casefold(country) = ? OR casefold(country_code) = ?)")
            params += [country.strip().casefold()] * 2
        if near is not None:
            box, box_params = _bounding_box(near[0], near[1], radius_km)
            clauses.append(box)
            params += box_params
        sql = "SELECT json, latitude, longitude FROM events"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY event_date IS NULL, event_date, event_id"
        if limit is not None and near is None:
            sql += f" LIMIT {int(limit)}"
        out: list[Event] = []
        for r in self.conn.execute(sql, params):
            if near is not None and haversine_km(near[0], near[1], r["latitude"], r["longitude"]) > radius_km:
                continue
            out.append(event_from_dict(json.loads(r["json"])))
            if limit is not None and len(out) >= limit:
                break
        return out

    def event_mentions(self, event_id: str) -> list[tuple[int, EventMention]]:
        """The mentions fused into one event, as (mention id, EventMention)."""
        rows = self.conn.execute(
            "SELECT m.id, m.json FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
            " WHERE em.event_id = ? ORDER BY m.id",
            (event_id,),
        ).fetchall()
        return [(int(r["id"]), mention_from_dict(json.loads(r["json"]))) for r in rows]

    def summary(self) -> dict[str, Any]:
        """Counts: articles, mentions, events, errors; `by_event_type` (events), `by_country` and
        `by_location` (events, top 15), `by_outlet` (articles) and `by_source` (events, top 15)."""
        def count(table: str) -> int:
            return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

        def top(sql: str, n: int | None = 15) -> dict[str, int]:
            rows = self.conn.execute(sql + (f" LIMIT {n}" if n else "")).fetchall()
            return {r[0]: int(r[1]) for r in rows}

        per_source: Counter[str] = Counter()
        for (sources,) in self.conn.execute("SELECT sources FROM events"):
            per_source.update(json.loads(sources or "[]"))
        return {
            "articles": count("articles"),
            "mentions": count("mentions"),
            "events": count("events"),
            "errors": count("ingest_errors"),
            "by_event_type": top(
                "SELECT event_type, count(*) n FROM events GROUP BY event_type ORDER BY n DESC, event_type",
                None,
            ),
            "by_country": top(
                "SELECT country, count(*) n FROM events WHERE country != '' GROUP BY country"
                " ORDER BY n DESC, country"
            ),
            "by_location": top(
                "SELECT location, count(*) n FROM events WHERE location != '' GROUP BY location"
                " ORDER BY n DESC, location"
            ),
            "by_outlet": top(
                "SELECT outlet, count(*) n FROM articles WHERE outlet != '' GROUP BY outlet"
                " ORDER BY n DESC, outlet"
            ),
            "by_source": dict(sorted(per_source.items(), key=lambda kv: (-kv[1], kv[0]))[:15]),
        }


def _bounding_box(lat: float, lon: float, radius_km: float) -> tuple[str, list[float]]:
    """A SQL prefilter on latitude/longitude for a circle; the exact test is done in Python."""
    dlat = radius_km / KM_PER_DEGREE
    clause = "latitude IS NOT NULL AND longitude IS NOT NULL AND latitude BETWEEN ? AND ?"
    params = [lat - dlat, lat + dlat]
    cos_lat = math.cos(math.radians(lat))
    if cos_lat > 1e-6:
        dlon = radius_km / (KM_PER_DEGREE * cos_lat)
        # near the poles or across the antimeridian the box wraps: keep only the latitude band
        if dlon < 180 and lon - dlon >= -180 and lon + dlon <= 180:
            clause += " AND longitude BETWEEN ? AND ?"
            params += [lon - dlon, lon + dlon]
    return clause, params
