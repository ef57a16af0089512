"""The pipeline: Article -> one spaCy Doc -> stages -> EventMentions, and batch ingestion into the store."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from sitreps.model import Article, ArticleAnalysis, ItemError, TextSpan
from sitreps.nlp import parse, parse_batch
from sitreps.stages import actor_periods, actors, attribution, counts, dates, events, places
from sitreps.stages.place_cues import token_table

STAGES = ("parse", "places", "dates", "counts", "actors", "attribution", "events")
# Articles parsed together by `ingest_articles`: spaCy's batched pipe is ~20 % faster than one call per
# text; larger batches gain little more and only hold more Docs in memory.
PARSE_BATCH = 16
# The collector's first-generation threshold while `ingest_articles` runs (Python's default is 700): an
# article's analysis allocates tens of thousands of short-lived objects, and at 700 the collector ran ~400
# times over FA-KES (0.7 s of ~18 s of work after the parse); at 10,000 it runs ~20 times (0.2 s). Output is
# unaffected; the threshold in force before is restored when the batch ends.
INGEST_GC_THRESHOLD = 10_000


@dataclass
class StageTimer:
    """Seconds spent per stage, summed over articles (for the benchmark): wall clock and this process's CPU.

    CPU seconds (`time.process_time`) are far less disturbed by other processes on a shared machine.
    """

    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    cpu_seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def run(self, name: str, fn: Callable, *args):
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return fn(*args)
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0
            self.cpu_seconds[name] = self.cpu_seconds.get(name, 0.0) + time.process_time() - c0


def settle_publication_date(article: Article, published: date | None = None) -> list[str]:
    """Give the article its publication date: metadata, else `published` (--published), else a dateline.

    Returns warnings: without any date, relative dates stay unresolved rather than guessing today.
    """
    if article.published is not None:
        return []
    if published is not None:
        article.published, article.published_source = published, "cli"
        return []
    found, source = dates.publication_date_from_text(article.text)
    if found is not None:
        article.published, article.published_source = found, source
        return []
    article.published_source = "none"
    return ["no publication date (metadata, dateline or --published): relative dates are left unresolved"]


def analyse(
    article: Article,
    published: date | None = None,
    timer: StageTimer | None = None,
    doc: Doc | None = None,
) -> ArticleAnalysis:
    """Run every stage over one article; `doc`, when given, is the parse of `article.text` (batched)."""
    timer = timer or StageTimer()
    warnings = settle_publication_date(article, published)
    if not article.outlet:
        article.outlet = attribution.outlet_from_text(article.text)
    if doc is None:
        doc = timer.run("parse", parse, article.text)
    found_places = timer.run("places", places.find_places, doc, article)
    found_dates = timer.run("dates", dates.find_dates, doc, article)
    found_tolls = timer.run("counts", counts.find_tolls, doc, article)
    found_actors = timer.run("actors", actors.find_actors, doc, article)
    found_claims = timer.run("attribution", attribution.find_claims, doc, article, found_actors)
    mentions = timer.run(
        "events",
        events.find_events,
        doc,
        article,
        found_places,
        found_dates,
        found_tolls,
        found_actors,
        found_claims,
    )
    # the stages' token table spells the text once (`doc.text` would build a Token per word to join them)
    text = token_table(doc).doc_text
    for m in mentions:
        if m.claim is not None and not m.claim.outlet:
            m.claim.outlet = article.outlet
    # state actors under the government of their time ("Military Forces of Syria (2000-2024)" in 2015)
    actor_periods.stamp_periods(found_actors, found_claims, mentions, article.published, found_dates)
    return ArticleAnalysis(
        article=article,
        # a sentence's text is the document's text between its offsets (no Token per word)
        sentences=[TextSpan(s.start_char, s.end_char, text[s.start_char : s.end_char]) for s in doc.sents],
        places=found_places,
        dates=found_dates,
        tolls=found_tolls,
        actors=found_actors,
        claims=found_claims,
        mentions=mentions,
        warnings=warnings,
    )


@dataclass
class IngestReport:
    """What a batch did: counts, per-item errors and warnings."""

    articles_read: int = 0
    articles_stored: int = 0
    duplicates: int = 0
    mentions: int = 0
    events: int = 0
    errors: list[ItemError] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def ingest_articles(
    items: Iterable[Article | ItemError],
    store,
    published: date | None = None,
    timer: StageTimer | None = None,
    on_item: Callable[[Article | ItemError], None] | None = None,
    batch_size: int = PARSE_BATCH,
) -> IngestReport:
    """Analyse and store every article; an item that fails is recorded and the batch goes on.

    Articles are parsed `batch_size` at a time (spaCy's `pipe`), then analysed and stored one by one in
    input order, so the store, the report and its errors come out as with one parse per article. The
    garbage collector runs less often meanwhile (`INGEST_GC_THRESHOLD`).
    """
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], INGEST_GC_THRESHOLD), *threshold[1:])
    try:
        return _ingest_all(items, store, published, timer, on_item, batch_size)
    finally:
        gc.set_threshold(*threshold)


def _ingest_all(
    items: Iterable[Article | ItemError],
    store,
    published: date | None,
    timer: StageTimer | None,
    on_item: Callable[[Article | ItemError], None] | None,
    batch_size: int,
) -> IngestReport:
    """`ingest_articles`' loop (see there)."""
    report = IngestReport()
    pending: list[Article] = []
    for item in items:
        if on_item is not None:
            on_item(item)
        if isinstance(item, ItemError):
            _ingest_batch(pending, store, published, timer, report)  # errors stay in input order
            pending = []
            report.errors.append(item)
            store.record_error(item.path, item.reason)
            continue
        report.articles_read += 1
        if store.has_article(item.content_hash):
            report.duplicates += 1
            continue
        pending.append(item)
        if len(pending) >= max(1, batch_size):
            _ingest_batch(pending, store, published, timer, report)
            pending = []
    _ingest_batch(pending, store, published, timer, report)
    report.events = store.refuse()
    return report


def _ingest_batch(
    articles: list[Article], store, published: date | None, timer: StageTimer | None, report: IngestReport
) -> None:
    """Parse `articles` together, then analyse and store each in order (see `ingest_articles`)."""
    if not articles:
        return
    # one parse per distinct text; a repeat inside the batch is a duplicate once its first copy is stored
    hashes = [a.content_hash for a in articles]
    first: dict[str, Article] = {}
    for h, a in zip(hashes, articles, strict=True):
        first.setdefault(h, a)
    texts = [a.text for a in first.values()]
    try:
        parsed = timer.run("parse", parse_batch, texts) if timer else parse_batch(texts)
    except Exception:  # a text the batch cannot take: each article parses (and fails) on its own
        parsed = [None] * len(texts)
    docs: dict[str, Doc | None] = dict(zip(first, parsed, strict=True))
    stored: set[str] = set()
    for h, item in zip(hashes, articles, strict=True):
        if h in stored:
            report.duplicates += 1  # as `has_article` would have said after its first copy was stored
            continue
        try:
            analysis = analyse(item, published=published, timer=timer, doc=docs.pop(h, None))
            _, inserted = store.add_analysis(analysis)
        except Exception as exc:  # one bad article must not stop the batch
            err = ItemError(
                item.path or item.title or "<text>", f"analysis failed: {type(exc).__name__}: {exc}"
            )
            report.errors.append(err)
            store.record_error(err.path, err.reason)
            continue
        stored.add(h)
        if inserted:
            report.articles_stored += 1
            report.mentions += len(analysis.mentions)
        else:
            report.duplicates += 1
        for w in analysis.warnings:
            report.warnings.append((item.path or item.title, w))


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Article | ItemError]:
    """Articles (and per-item errors) from files, folders and globs."""
    from sitreps.readers import iter_articles

    yield from iter_articles(paths)
