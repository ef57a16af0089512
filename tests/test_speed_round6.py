"""Throughput round 6: the shortcuts behind the places, dates, counts, actors and fusion stages must give
the answers of the longer ways they replace (exact hits without weighing variants, the quick-ratio bound,
date windows from the words present, trie starts, fusion's cheap anchor tests)."""

from __future__ import annotations

import random
import re
from datetime import date
from difflib import SequenceMatcher

import pytest

from sitreps.fuse import _PairMemo, make_readings, readings_compatible
from sitreps.fusion_rules import DEFAULT_RULES
from sitreps.gazetteer import Gazetteer, _quick_ratio, get_gazetteer
from sitreps.model import Actor, EventMention, Place, TextSpan
from sitreps.nlp import parse
from sitreps.stages import dates as D
from sitreps.stages import timex_scan
from sitreps.stages.actors import _trie_matches, get_actor_dictionary
from sitreps.stages.place_cues import token_table
from sitreps.stages.toll_quantities import MODIFIERS, _match_words


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


NAMES = ["Aleppo", "Syria", "Georgia", "Paris", "Raqa", "Ar-Raqqah", "US", "Nice", "Mass.", "Homs", "Hims",
         "Deir ez-Zor", "Deir al-Zour", "Springfield", "Kano State", "Tamil Nadu", "Persian Gulf", "",
         "Xyzzyq"]


@pytest.mark.parametrize("limit", [3, 5, 10, 25])
def test_exact_hits_are_the_exact_hits_of_hits(gaz: Gazetteer, limit: int) -> None:
    some = 0
    for name in NAMES:
        fresh = Gazetteer(gaz.path)  # no cache shared with the other call
        assert fresh.exact_hits(name, limit) == [h for h in gaz.hits(name, limit) if h.exact], name
        some += bool(fresh.exact_hits(name, limit))
    assert some >= 10  # most of these names are indexed spelled so


def test_country_by_name_is_unchanged(gaz: Gazetteer) -> None:
    assert gaz.country("Syria").country_code == "SY"
    assert gaz.country("Burma").country_code == "MM"
    assert gaz.country("SY").name == gaz.country("Syria").name
    assert gaz.country("Aleppo") is None


def test_quick_ratio_is_difflibs() -> None:
    rng = random.Random(6)
    for _ in range(20_000):
        a = "".join(rng.choice("abcdeq ") for _ in range(rng.randint(0, 14)))
        b = "".join(rng.choice("abcdefk ") for _ in range(rng.randint(0, 14)))
        assert _quick_ratio(a, b) == SequenceMatcher(None, a, b, autojunk=False).quick_ratio()


def _full_windows(needs: re.Pattern, low: str) -> list[list[int]]:
    """The windows from the whole alternation (the way before round 6)."""
    windows: list[list[int]] = []
    for m in needs.finditer(low):
        a, b = max(0, m.start() - timex_scan.WINDOW), min(len(low), m.end() + timex_scan.WINDOW)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    return windows


DATE_TEXTS = [
    "Air strikes on Tuesday killed 12 people, a week after the truce of March 3, 2016 collapsed.",
    "The talks, held in the spring, ended a decade of fighting; since the 1990s the area saw many raids.",
    "No date at all here.",
    "Yesterday morning at 5 p.m. EST, the army said; a year earlier, the fiscal year 2015 ended in June.",
    "Monday's attack came 10 days after the bombing on Sept. 30 and three months before Christmas.",
    "",
]


def test_date_windows_from_the_words_present_are_the_same() -> None:
    for text in DATE_TEXTS:
        low = text.lower()
        for name, needs in timex_scan.needs_patterns().items():
            assert timex_scan.windows(needs, low) == _full_windows(needs, low), (name, text)


def test_shared_windows_give_the_same_matches() -> None:
    text = " ".join(DATE_TEXTS)
    low, seen = text.lower(), {}
    for name, (pattern, _) in zip(D._ORDER, D._RULES, strict=True):
        shared = [m.span() for m in D._scan(name, pattern, text, low, seen)]
        assert shared == [m.span() for m in D._scan(name, pattern, text, low)], name
    assert len(seen) < len(timex_scan.needs_patterns())  # the month rules share one set of windows


SENTENCES = [
    "Syrian government forces and Islamic State fighters clashed near Palmyra, the SDF said.",
    "Gunmen from al-Shabaab attacked an African Union base; Russian warplanes struck rebels in Idlib.",
    "Between 10 and 15 soldiers were killed and dozens of civilians wounded, at least 20 people in all.",
]


@pytest.fixture(scope="module")
def docs():
    return [parse(t) for t in SENTENCES]


def test_no_actor_pattern_starts_where_the_trie_has_no_first_word(docs) -> None:
    d = get_actor_dictionary()
    matched = 0
    for doc in docs:
        lower = token_table(doc).lower
        for i in range(len(doc)):
            if lower[i] not in d.trie:
                assert _trie_matches(doc, i, d) == []
            else:
                matched += bool(_trie_matches(doc, i, d))
    assert matched >= 5  # "Syrian", "Islamic State", "Gunmen", "al-Shabaab", "warplanes", ...


def test_phrase_match_reads_the_same_words_as_the_tokens(docs) -> None:
    for doc in docs:
        sent = doc[:]
        for i in range(len(doc)):
            words = [t.lower_ for t in doc]
            expected = None
            for phrase in sorted(MODIFIERS, key=lambda p: -len(p.split())):
                ws = phrase.split()
                if words[i : i + len(ws)] == ws:
                    expected = (phrase, len(ws))
                    break
            got = _match_words(sent, i, MODIFIERS)
            assert (got[1] if got else None) == (expected[1] if expected else None), (doc.text, i)


ALEPPO = Place("Aleppo", 36.2021, 37.1343, "Syria", "SY", 760, "Aleppo", "Jebel Saman", geonames_id=170063)


def _mention(article: str, sub_type: str, day: int, trigger: int = 10) -> EventMention:
    text = "Warplanes struck Aleppo."
    return EventMention(
        article_hash=article,
        sentence_span=TextSpan(0, len(text), text),
        trigger_span=TextSpan(trigger, trigger + 6, "struck"),
        event_type="Explosions/Remote violence",
        sub_event_type=sub_type,
        disorder_type="Political violence",
        actor1=Actor("Military Forces of Russia (2000-)", 8, "Russia", "state"),
        place=ALEPPO,
        date_start=date(2015, 10, day),
        date_end=date(2015, 10, day),
        time_precision=1,
    )


def test_fusion_skips_only_anchors_that_could_never_fit() -> None:
    """`cluster_readings` skips a candidate event when its anchor is of an incompatible type or (for a
    primary reading) from the same article; `readings_compatible` must say no to every such pair."""
    types = ["Air/drone strike", "Shelling/artillery/missile attack", "Armed clash", "Attack",
             "Peaceful protest", "Abduction/forced disappearance"]
    mentions = [_mention(f"a{n % 4}", types[n % len(types)], 1 + n % 3, trigger=n) for n in range(24)]
    readings = make_readings(list(enumerate(mentions, 1)))
    memo = _PairMemo(DEFAULT_RULES)
    skipped = 0
    for r in readings:
        for anchor in readings:
            for same in (False, True):
                kind_ok = memo.types_compatible(r.first.sub_event_type, anchor.first.sub_event_type)
                if not kind_ok or (not same and anchor.first.article_hash == r.first.article_hash):
                    skipped += 1
                    assert not readings_compatible(r, anchor, DEFAULT_RULES, 0, same, memo)
    assert skipped > 100


def _skeleton_before(name: str) -> str:
    """`gazetteer.skeleton` as it was before round 6 (every rewrite applied unconditionally)."""
    from sitreps import gazetteer as G

    tokens = G.normalize_name(name).split()
    if not tokens:
        return ""
    kept = []
    for i, tok in enumerate(tokens):
        if tok in G._ARTICLES and i < len(tokens) - 1:
            continue
        if i > 0:
            tok = G._ASSIMILATED.sub(r"\1", tok)
        kept.append(tok)
    s = "".join(kept)
    for a, b in G._DIGRAPHS:
        s = s.replace(a, b)
    s = G._FINAL_H.sub(r"\1", s)
    s = s[:1] + re.sub("[yw]", "a", s[1:])
    s = G._VOWEL_RUN.sub("a", s)
    s = G._DOUBLED.sub(r"\1", s)
    if len(s) > 3 and s.endswith("a"):
        s = s[:-1]
    return s


def test_skeleton_is_unchanged() -> None:
    """The index was built with these keys: the lookup must make the very same ones."""
    from sitreps.gazetteer import skeleton

    rng = random.Random(66)
    names = [*NAMES, "Ar Raqqah", "Deir Ezzor", "Assuwayda", "Kweyris", "Kuweires", "Khan Shaykhun",
             "Aleppoh", "Shaddadi", "Yawm", "Wadi al-Hawarith"]
    letters = "aehwyktdrzsnqo -'"
    names += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 16))) for _ in range(5000)]
    for name in names:
        assert skeleton.__wrapped__(name) == _skeleton_before(name), name


def test_known_fields_copy_or_filter() -> None:
    from sitreps.store import _known

    row = {"start": 1, "end": 4, "text": "abc"}
    kept = _known(TextSpan, row)
    assert kept == row and kept is not row  # callers fill in the copy
    newer = {"end": 4, "later_field": 1, "start": 1, "text": "x"}  # a row another version wrote
    assert list(_known(TextSpan, newer)) == ["end", "start", "text"]


def test_ingest_raises_the_gc_threshold_only_while_it_runs(tmp_path) -> None:
    import gc

    from sitreps.model import Article
    from sitreps.pipeline import INGEST_GC_THRESHOLD, ingest_articles
    from sitreps.store import Store

    seen = []
    before = gc.get_threshold()
    text = "Air strikes killed 12 civilians in Saraqeb in Idlib province on Tuesday, rebels said."
    with Store(tmp_path / "gc.db") as store:
        report = ingest_articles([Article(text=text, published=date(2016, 3, 3))], store,
                                 on_item=lambda _: seen.append(gc.get_threshold()))
    assert report.articles_stored == 1
    assert seen == [(max(before[0], INGEST_GC_THRESHOLD), *before[1:])]
    assert gc.get_threshold() == before
