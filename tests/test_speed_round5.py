"""Throughput round 5: batched parsing in `ingest_articles` and the cheaper lookups behind the stages
must leave every result as it was (the same store, the same tolls, the same gazetteer answers)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, SENT_START, TAG

from sitreps.gazetteer import get_gazetteer, skeleton
from sitreps.model import Article, ItemError
from sitreps.nlp import parse, parse_batch
from sitreps.pipeline import StageTimer, ingest_articles
from sitreps.stages.toll_quantities import _in_calendar_date
from sitreps.store import Store

TEXTS = [
    "BEIRUT, Oct 9 (AFP) - Air strikes killed at least 12 civilians in the town of Saraqeb in Idlib "
    "province on Tuesday, the Syrian Observatory for Human Rights said.\n\nRebels said government forces "
    "shelled villages near Aleppo, wounding dozens of people.",
    "Gunmen attacked a police post near Maiduguri on Oct. 7, killing three officers, police said. "
    "The attack came 10 days after a bombing at a market in the city left 20 dead.",
    "Fighting between the army and militants near Palmyra in Homs province left 15 fighters dead on "
    "Sunday, according to state media. Between 10 and 15 soldiers were wounded.",
    "Israeli air strikes hit a house in Khan Younis in the southern Gaza Strip on Monday, killing a "
    "family of five, the Gaza health ministry said.",
]

ANNOTATIONS = [HEAD, DEP, TAG, ENT_IOB, ENT_TYPE, LEMMA, SENT_START]


def _articles() -> list[Article | ItemError]:
    arts: list[Article | ItemError] = [
        Article(text=t, title=f"report {n}", outlet="Test Wire", published=date(2016, 10, 11),
                path=f"a{n}.txt")
        for n, t in enumerate(TEXTS)
    ]
    # a repeat inside one batch, an unreadable item between two articles, and a repeat of a stored article
    arts.insert(2, Article(text=TEXTS[0], title="report 0", outlet="Test Wire", path="again.txt"))
    arts.insert(3, ItemError("broken.warc", "not a WARC file"))
    arts.append(Article(text=TEXTS[1], title="report 1", outlet="Test Wire", path="late-repeat.txt"))
    return arts


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, without the clock's columns."""
    con = sqlite3.connect(db)
    out = {}
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        cur = con.execute(f"SELECT * FROM {table} ORDER BY rowid")
        cols = [d[0] for d in cur.description]
        keep = [i for i, c in enumerate(cols) if c not in ("ingested_at", "at")]
        out[table] = [tuple(row[i] for i in keep) for row in cur]
    con.close()
    return out


def _ingest(db: Path, batch_size: int):
    with Store(db) as store:
        report = ingest_articles(_articles(), store, timer=StageTimer(), batch_size=batch_size)
    return report, _tables(db)


def test_batched_parse_gives_the_same_docs() -> None:
    docs = parse_batch(TEXTS)
    assert [d.text for d in docs] == TEXTS
    for text, doc in zip(TEXTS, docs, strict=True):
        one = parse(text)
        assert [t.text for t in one] == [t.text for t in doc]
        assert np.array_equal(one.to_array(ANNOTATIONS), doc.to_array(ANNOTATIONS))
        assert [s.start for s in one.sents] == [s.start for s in doc.sents]


@pytest.mark.parametrize("batch_size", [2, 16])
def test_batched_ingest_stores_what_one_by_one_stores(tmp_path: Path, batch_size: int) -> None:
    one_report, one_tables = _ingest(tmp_path / "one.db", batch_size=1)
    report, tables = _ingest(tmp_path / "batched.db", batch_size=batch_size)
    assert one_report.articles_read == report.articles_read == 6
    assert one_report.duplicates == report.duplicates == 2
    assert one_report.articles_stored == report.articles_stored == 4
    assert one_report.errors == report.errors == [ItemError("broken.warc", "not a WARC file")]
    assert (one_report.mentions, one_report.events) == (report.mentions, report.events)
    assert one_report.mentions > 0
    assert report.warnings == one_report.warnings
    assert tables == one_tables


def test_batch_parse_failure_falls_back_to_one_parse_per_article(tmp_path: Path, monkeypatch) -> None:
    import sitreps.pipeline as pipeline

    def broken(texts):
        raise ValueError("batch refused")

    monkeypatch.setattr(pipeline, "parse_batch", broken)
    with Store(tmp_path / "fallback.db") as store:
        report = ingest_articles(_articles(), store, batch_size=16)
    assert report.articles_stored == 4 and report.mentions > 0
    assert [e.path for e in report.errors] == ["broken.warc"]


def test_analysis_error_is_recorded_in_input_order(tmp_path: Path, monkeypatch) -> None:
    import sitreps.pipeline as pipeline

    real = pipeline.analyse

    def failing(article, *args, **kwargs):
        if article.path == "a1.txt":
            raise RuntimeError("stage broke")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", failing)
    with Store(tmp_path / "errors.db") as store:
        report = ingest_articles(_articles(), store, batch_size=16)
        assert [e.path for e in report.errors] == ["a1.txt", "broken.warc"]
        assert [e.path for e in store.errors()] == ["a1.txt", "broken.warc"]
    # a1.txt failed, so its later copy is analysed and stored rather than counted as a duplicate
    assert report.duplicates == 1 and report.articles_stored == 4


def test_calendar_date_reads_the_entity_around_the_token() -> None:
    doc = parse(TEXTS[1] + " Between 10 and 15 people were hurt in the last two weeks.")

    def by_ents(tok) -> bool:  # the definition it replaces: the DATE entity from doc.ents
        import re

        from sitreps.stages.toll_quantities import CALENDAR_WORDS

        if tok.ent_type_ != "DATE":
            return False
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        return ent is not None and bool(re.search(CALENDAR_WORDS, ent.text, re.I))

    assert any(_in_calendar_date(t) for t in doc)  # "Oct. 7", "10 days"
    assert [_in_calendar_date(t) for t in doc] == [by_ents(t) for t in doc]


def test_gazetteer_variant_policy_is_stable_when_cached() -> None:
    gaz = get_gazetteer()
    # an English word is spelled as meant; a transliterated name may match its variants
    assert gaz.allows_variants("Mass") is False
    assert gaz.allows_variants("Mass") is False
    assert gaz.allows_variants("Raqa") is True
    assert gaz.allows_variants("Raqa") is True
    assert skeleton("Ar-Raqqah") == skeleton("Raqqa") == "rak"
    assert skeleton("Kweyris") == skeleton("Kuweires")


def _dated_mention(rng, n: int):
    """A mention with a random date range and date expression (night-time, round-up, dateline or plain)."""
    from datetime import timedelta

    from sitreps.model import EventMention, TextSpan

    words = ["on Tuesday", "on Monday night", "in recent days", "over the past week", "overnight", "March 5"]
    start = date(2024, 3, 1) + timedelta(days=rng.randrange(12))
    end = start + timedelta(days=rng.choice([0, 0, 0, 1, 3, 10]))
    if rng.random() < 0.1:
        end = start - timedelta(days=2)  # an inverted range reads as its start
    word = rng.choice(words)
    text = f"Forces shelled the town {word}, officials said."
    if rng.random() < 0.3:  # the date in the dateline: the filing day
        word = "March 5"
        text = f"KYIV, {word} (Reuters) - Forces shelled the town, officials said."
    at = text.find(word)
    return EventMention(
        article_hash=f"a{n}", sentence_span=TextSpan(0, len(text), text),
        trigger_span=TextSpan(text.find("shelled"), text.find("shelled") + 7, "shelled"),
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        disorder_type="Political violence", date_start=None if rng.random() < 0.05 else start, date_end=end,
        date_span=TextSpan(at, at + len(word), word) if rng.random() < 0.9 else None,
    )


def test_fusion_date_memo_answers_as_dates_overlap() -> None:
    import random

    from sitreps.fuse import _PairMemo
    from sitreps.fusion_rules import FusionRules, dates_overlap, in_dateline, types_compatible

    rng = random.Random(7)
    mentions = [_dated_mention(rng, n) for n in range(60)]
    assert any(m.date_span and in_dateline(m.date_span, m.sentence_span) for m in mentions)
    agree = 0
    for rules in (FusionRules(), FusionRules(max_day_gap=1, max_range_days_with_day=2)):
        memo = _PairMemo(rules)
        for a in mentions:
            for b in mentions[:30]:
                for slack in (0, 2):
                    expected = dates_overlap(a, b, rules, slack)
                    assert memo.dates_overlap(a, b, slack) is expected
                    agree += expected
        for x in ("Air/drone strike", "Armed clash", "Attack", "Arrests"):
            for y in ("Shelling/artillery/missile attack", "Attack", "armed clash"):
                assert memo.types_compatible(x, y) is types_compatible(x, y, rules)
    assert agree > 100  # the draw holds overlapping pairs, not only disjoint ones
