"""UCDP's deaths per side in the store: columns, JSON round trip, fusion, settling from the tolls, and the
migration of a version-1 database."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from sitreps import store as store_module
from sitreps.model import Actor, Article, ArticleAnalysis, EventMention, Place, TextSpan, to_jsonable
from sitreps.store import SCHEMA_VERSION, Store, event_from_dict, mention_from_dict

RUSSIA = Actor("Military Forces of Russia (2000-)", 8, "RU", "state")
IS = Actor("Islamic State (Syria)", 2, "SY", "rebel")
RAQA = Place("Raqa", 35.95, 39.01, "Syria", "SY", 760, "Ar-Raqqa", geonames_id=163915)
SIDES = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")


def analysis(text: str, outlet: str, killed: int, sides: tuple[int, ...], tolls=()) -> ArticleAnalysis:
    """One article with one air strike on Raqa that killed `killed`, split `sides` per side."""
    article = Article(text=text, title="Strikes", outlet=outlet, published=date(2015, 10, 9))
    mention = EventMention(
        article_hash=article.content_hash, sentence_span=TextSpan(0, len(text), text),
        trigger_span=TextSpan(0, 7, text[:7]), event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", disorder_type="Political violence", actor1=RUSSIA, actor2=IS,
        place=RAQA, date_start=date(2015, 10, 8), date_end=date(2015, 10, 8), fatalities_low=killed,
        fatalities_best=killed, fatalities_high=killed, toll_spans=[t.span for t in tolls],
        outlet=outlet, **dict(zip(SIDES, sides, strict=True)),
    )  # fmt: skip
    return ArticleAnalysis(article, [mention.sentence_span], [], [], list(tolls), [], [], [mention])


@pytest.fixture()
def store(tmp_path: Path):
    with Store(tmp_path / "events.db") as s:
        yield s


def test_mention_sides_round_trip_and_have_columns(store: Store) -> None:
    a = analysis("Strikes near Raqa killed 16 jihadists and two civilians.", "AFP", 18, (0, 16, 2, 0))
    original = a.mentions[0]
    assert mention_from_dict(to_jsonable(original)) == original
    store.add_analysis(a)
    assert store.mentions() == [original]
    row = store.conn.execute(f"SELECT {', '.join(SIDES)} FROM mentions").fetchone()
    assert tuple(row) == (0, 16, 2, 0)


def test_fused_sides_are_the_median_across_sources(store: Store) -> None:
    store.add_analysis(analysis("Strikes near Raqa killed 16 jihadists.", "AFP", 16, (0, 16, 0, 0)))
    store.add_analysis(analysis("Raids on Raqa killed 20, 4 civilians.", "Reuters", 20, (0, 16, 4, 0)))
    store.add_analysis(analysis("Jets hit Raqa; 18 dead, 2 civilians.", "DPA", 18, (0, 16, 2, 0)))
    assert store.refuse() == 1
    (event,) = store.events()
    assert event.fatalities_best == 18
    assert tuple(getattr(event, c) for c in SIDES) == (0, 16, 2, 0)
    row = store.conn.execute(f"SELECT {', '.join(SIDES)} FROM events").fetchone()
    assert tuple(row) == (0, 16, 2, 0)
    assert event_from_dict(json.loads(json.dumps(event.to_dict()))) == event


def test_sides_that_disagree_still_sum_to_the_fused_toll(store: Store) -> None:
    # medians per side (0, 10, 0, 0) fall short of the median toll 12: the gap is of unknown side
    store.add_analysis(analysis("Strikes near Raqa killed 10 jihadists.", "AFP", 10, (0, 10, 0, 0)))
    store.add_analysis(analysis("Raids near Raqa killed 12 people.", "Reuters", 12, (0, 0, 0, 12)))
    store.add_analysis(analysis("Jets hit Raqa, killing 14 fighters.", "DPA", 14, (0, 14, 0, 0)))
    store.refuse()
    (event,) = store.events()
    assert event.fatalities_best == 12
    assert tuple(getattr(event, c) for c in SIDES) == (0, 10, 0, 2)


def test_the_events_stage_settles_sides_once_actors_are_final() -> None:
    from sitreps.model import Article
    from sitreps.pipeline import analyse

    analysis = analyse(Article(text="Russian strikes near Raqa killed 16 IS jihadists."))
    (mention,) = [m for m in analysis.mentions if m.fatalities_best == 16]
    assert tuple(getattr(mention, c) for c in SIDES) == (0, 16, 0, 0)


def test_a_version_1_database_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for statement in store_module.SCHEMA_SQL:  # the version-1 schema: no deaths per side
        conn.execute(statement.replace(store_module._SIDE_COLUMNS, ""))
    old = analysis("Strikes near Raqa killed 16 jihadists.", "AFP", 16, (0, 16, 0, 0))
    conn.execute("INSERT INTO articles (id, content_hash, text, ingested_at) VALUES (1, 'h', 'text', 'now')")
    data = to_jsonable(old.mentions[0])
    for c in SIDES:
        del data[c]
    conn.execute(
        "INSERT INTO mentions (article_id, article_hash, event_type, sub_event_type, fatalities_best, json)"
        " VALUES (1, 'h', 'Explosions/Remote violence', 'Air/drone strike', 16, ?)",
        (json.dumps(data),),
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION == 2
        row = s.conn.execute(f"SELECT fatalities_best, {', '.join(SIDES)} FROM mentions").fetchone()
        assert tuple(row) == (16, 0, 0, 0, 16)  # the dead of old rows are of unknown side
        (m,) = s.mentions()
        assert (m.fatalities_best, m.deaths_unknown, m.deaths_b) == (16, 16, 0)
        assert s.refuse() == 1
        (event,) = s.events()
        assert (event.fatalities_best, event.deaths_unknown) == (16, 16)
