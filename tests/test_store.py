"""The SQLite store: idempotent ingestion, per-article transactions, fusion with history, queries."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from sitreps.fuse import FusionRules, fuse_mentions
from sitreps.model import (
    Actor,
    Article,
    ArticleAnalysis,
    Claim,
    EventMention,
    ItemError,
    Place,
    TextSpan,
    to_jsonable,
)
from sitreps.store import SCHEMA_VERSION, Store, StoreVersionError, mention_from_dict

RUSSIA = Actor("Military Forces of Russia (2000-)", 8, "Russia", "state")
IS = Actor("Islamic State (Syria)", 2, "Syria", "rebel")
CIVILIANS = Actor("Civilians (Syria)", 7, "Syria", "civilians")
ALEPPO = Place("Aleppo", 36.2021, 37.1343, "Syria", "SY", 760, "Aleppo", geonames_id=170063)
IDLIB = Place("Idlib", 35.9306, 36.6339, "Syria", "SY", 760, "Idlib", geonames_id=169389)
MOSUL = Place("Mosul", 36.335, 43.1189, "Iraq", "IQ", 368, "Nineveh", geonames_id=99072)


def analysis(
    text: str,
    outlet: str = "AFP",
    place: Place | None = ALEPPO,
    day: date = date(2015, 10, 1),
    killed: int = 0,
    sub_event_type: str = "Air/drone strike",
    actor1: Actor = RUSSIA,
    claim: Claim | None = None,
) -> ArticleAnalysis:
    """One article with one mention covering its whole first sentence."""
    article = Article(text=text, title="Strikes in northern Syria", outlet=outlet, published=day, url="http://x/1")
    sentence = TextSpan(0, len(text), text)
    mention = EventMention(
        article_hash=article.content_hash,
        sentence_span=sentence,
        trigger_span=TextSpan(0, 3, text[:3]),
        event_type="Explosions/Remote violence",
        sub_event_type=sub_event_type,
        disorder_type="Political violence",
        plover_type="ASSAULT",
        actor1=actor1,
        assoc_actor_1=[IS],
        actor2=CIVILIANS,
        place=place,
        place_span=TextSpan(5, 11, text[5:11]),
        date_start=day,
        date_end=day,
        date_span=TextSpan(12, 20, text[12:20]),
        fatalities_low=killed,
        fatalities_best=killed,
        fatalities_high=killed,
        toll_spans=[TextSpan(1, 2, text[1:2])] if killed else [],
        claim=claim,
        outlet=outlet,
    )
    claims = [claim] if claim else []
    return ArticleAnalysis(article, [sentence], [], [], [], [], claims, [mention])


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "events.db") as s:
        yield s


def test_same_article_twice_is_stored_once(store: Store) -> None:
    a = analysis("Russian jets struck Aleppo, killing 12.", killed=12)
    article_id, inserted = store.add_analysis(a)
    assert inserted and store.has_article(a.article.content_hash)
    assert store.add_analysis(a) == (article_id, False)
    # whitespace differences are the same article (the content hash normalises them)
    respaced = analysis("Russian  jets struck Aleppo,\nkilling 12.", killed=12)
    assert store.add_analysis(respaced) == (article_id, False)
    assert store.summary()["articles"] == 1 and store.summary()["mentions"] == 1
    assert store.article(article_id).outlet == "AFP"
    assert [i for i, _ in store.articles()] == [article_id]


def test_mentions_round_trip_exactly(store: Store) -> None:
    claim = Claim(
        "the Russian General Staff", "said", "claimed", TextSpan(30, 55, "the Russian General Staff"),
        TextSpan(56, 60, "said"), 0, "state", RUSSIA.name, "AFP", TextSpan(0, 20, "Russian jets struck"),
    )
    a = analysis("Russian jets struck Aleppo on Thursday, the Russian General Staff said.", claim=claim)
    original = a.mentions[0]
    assert mention_from_dict(to_jsonable(original)) == original
    article_id, _ = store.add_analysis(a)
    assert store.mentions() == [original]
    assert store.mentions(article_id) == [original]
    sql = "SELECT sub_event_type, location, latitude, date_start, claimant FROM mentions"
    row = store.conn.execute(sql).fetchone()
    assert tuple(row) == ("Air/drone strike", "Aleppo", 36.2021, "2015-10-01", "the Russian General Staff")
    claim_row = store.conn.execute("SELECT claimant, stance, content_text FROM claims").fetchone()
    assert tuple(claim_row) == ("the Russian General Staff", "claimed", "Russian jets struck")


def test_a_failure_mid_article_rolls_back_only_that_article(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = analysis("Russian jets struck Aleppo.")
    store.add_analysis(kept)
    broken = analysis("Russian jets struck Idlib.", place=IDLIB)

    def explode(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_insert_mention", explode)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add_analysis(broken)
    monkeypatch.undo()
    assert not store.has_article(broken.article.content_hash)
    assert store.summary()["articles"] == 1 and store.summary()["mentions"] == 1
    # the store is usable afterwards and the article can be retried
    assert store.add_analysis(broken)[1] is True
    assert store.summary()["mentions"] == 2


def test_errors_are_recorded(store: Store) -> None:
    store.record_error("feeds/bad.warc", "not a WARC file")
    assert store.errors() == [ItemError("feeds/bad.warc", "not a WARC file")]
    assert store.summary()["errors"] == 1


def test_refuse_fuses_across_articles_and_is_idempotent(store: Store) -> None:
    store.add_analysis(analysis("Russian jets struck Aleppo, killing 12.", "AFP", killed=12))
    store.add_analysis(analysis("Airstrikes on Aleppo killed 15 people.", "Reuters", killed=15))
    store.add_analysis(analysis("Warplanes struck Idlib on Thursday.", "AFP", place=IDLIB))
    assert store.refuse() == 2
    events = store.events()
    ids = [e.event_id for e in events]
    aleppo = next(e for e in events if e.place and e.place.name == "Aleppo")
    assert aleppo.sources == ["AFP", "Reuters"]
    assert (aleppo.fatalities_low, aleppo.fatalities_high) == (12, 15)
    assert len(store.event_mentions(aleppo.event_id)) == 2
    assert store.refuse() == 2
    assert [e.event_id for e in store.events()] == ids
    assert store.history() == []


def test_a_later_report_changes_an_event_and_history_records_it(store: Store) -> None:
    store.add_analysis(analysis("Russian jets struck Aleppo, killing 12.", "AFP", killed=12))
    store.refuse()
    [before] = store.events()
    store.add_analysis(analysis("Airstrikes on Aleppo killed 20 people.", "Reuters", killed=20))
    store.refuse()
    [after] = store.events()
    assert after.event_id == before.event_id
    assert after.fatalities_high == 20 and after.status == "corroborated"
    [entry] = store.history(before.event_id)
    change = entry["change"]
    assert change["fatalities_high"] == [12, 20]
    assert change["sources"] == [["AFP"], ["AFP", "Reuters"]]
    assert change["status"] == ["single source", "corroborated"]
    assert "event_type" not in change


def test_event_filters(store: Store) -> None:
    store.add_analysis(analysis("Russian jets struck Aleppo.", "AFP", day=date(2015, 10, 1)))
    shelling = "Shelling/artillery/missile attack"
    store.add_analysis(analysis("Shells hit Idlib, killing two.", "Reuters", place=IDLIB,
                                day=date(2015, 10, 2), sub_event_type=shelling, actor1=IS))
    store.add_analysis(analysis("A drone struck Mosul.", "AP", place=MOSUL, day=date(2015, 10, 5)))
    assert store.refuse() == 3

    def places(**kw: object) -> list[str]:
        return [e.place.name for e in store.events(**kw)]

    assert places() == ["Aleppo", "Idlib", "Mosul"]
    assert places(since=date(2015, 10, 2)) == ["Idlib", "Mosul"]
    assert places(until=date(2015, 10, 2)) == ["Aleppo", "Idlib"]
    assert places(event_type="shelling/artillery/missile attack") == ["Idlib"]
    assert places(event_type="EXPLOSIONS/REMOTE VIOLENCE") == ["Aleppo", "Idlib", "Mosul"]
    assert places(actor="russia") == ["Aleppo", "Mosul"]
    assert places(actor="islamic state") == ["Aleppo", "Idlib", "Mosul"]  # assoc_actor_1 everywhere
    assert places(country="iraq") == ["Mosul"] and places(country="sy") == ["Aleppo", "Idlib"]
    # Idlib is ~50 km from Aleppo, Mosul ~530 km
    assert places(near=(36.2, 37.15)) == ["Aleppo"]
    assert places(near=(36.2, 37.15), radius_km=80) == ["Aleppo", "Idlib"]
    assert places(near=(36.2, 37.15), radius_km=1000, limit=2) == ["Aleppo", "Idlib"]
    assert places(limit=1) == ["Aleppo"]
    assert places(country="sy", since=date(2015, 10, 2)) == ["Idlib"]


def test_summary_counts(store: Store) -> None:
    store.add_analysis(analysis("Russian jets struck Aleppo.", "AFP"))
    store.add_analysis(analysis("Jets hit Aleppo.", "Reuters"))
    store.add_analysis(analysis("A drone struck Mosul.", "AFP", place=MOSUL))
    store.refuse()
    s = store.summary()
    assert (s["articles"], s["mentions"], s["events"], s["errors"]) == (3, 3, 2, 0)
    assert s["by_event_type"] == {"Explosions/Remote violence": 2}
    assert s["by_country"] == {"Iraq": 1, "Syria": 1}
    assert s["by_outlet"] == {"AFP": 2, "Reuters": 1}
    assert s["by_source"] == {"AFP": 2, "Reuters": 1}
    assert s["by_location"] == {"Aleppo": 1, "Mosul": 1}


def test_schema_version_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "db" / "events.db"
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        s.add_analysis(analysis("Russian jets struck Aleppo."))
        with pytest.raises(sqlite3.IntegrityError):
            s.conn.execute("INSERT INTO mentions (article_id, article_hash, event_type, sub_event_type, json)"
                           " VALUES (999, 'x', 'a', 'b', '{}')")
    with Store(path) as s:  # reopening keeps the data
        assert s.summary()["articles"] == 1
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreVersionError, match="newer"):
        Store(path)


def test_concurrent_writers(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    Store(path).close()
    failures: list[BaseException] = []

    def ingest(outlet: str) -> None:
        try:
            with Store(path) as s:
                for i in range(15):
                    s.add_analysis(analysis(f"Jets struck Aleppo, {outlet} report {i}.", outlet))
        except BaseException as exc:  # surfaced below: a thread's exception would vanish
            failures.append(exc)

    threads = [threading.Thread(target=ingest, args=(o,)) for o in ("AFP", "Reuters")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with Store(path) as s:
        assert s.summary()["articles"] == 30


def test_stored_events_and_articles_round_trip(store: Store) -> None:
    a = analysis("Russian jets struck Aleppo, killing 12.", "AFP", killed=12)
    a.mentions[0].outlet = ""  # the article's outlet stands in for a mention without one
    article_id, _ = store.add_analysis(a)
    store.add_analysis(analysis("Airstrikes on Aleppo killed 15 people.", "Reuters", killed=15))
    assert store.article(article_id) == a.article
    assert store.article(999) is None
    assert store.mentions(article_id)[0].outlet == "AFP"
    store.refuse()
    assert store.events() == fuse_mentions(store.mention_rows())


def test_refusing_with_new_rules_records_removed_events(store: Store) -> None:
    store.add_analysis(analysis("Russian jets struck Aleppo.", "AFP", day=date(2015, 10, 1)))
    store.add_analysis(analysis("Jets hit Aleppo again.", "Reuters", day=date(2015, 10, 2)))
    assert store.refuse() == 2
    first, second = (e.event_id for e in store.events())
    assert store.refuse(FusionRules(max_day_gap=1)) == 1
    [merged] = store.events()
    assert merged.event_id == first and merged.mention_ids == [1, 2]
    changes = {h["event_id"]: h["change"] for h in store.history()}
    assert changes[second] == {"removed": {"mention_ids": [2]}}
    assert changes[first]["date_end"] == ["2015-10-01", "2015-10-02"]


def test_content_hash_follows_edits_of_title_and_text() -> None:
    article = Article(text="Shelling hit  Aleppo.", title="Aleppo")
    first = article.content_hash
    assert article.content_hash == first
    assert Article(text="Shelling hit Aleppo.", title="Aleppo ").content_hash == first  # spacing only
    article.text = "Shelling hit Idlib."
    assert article.content_hash != first
    article.text = "Shelling hit  Aleppo."
    assert article.content_hash == first
    article.title = "Idlib"
    assert article.content_hash != first
