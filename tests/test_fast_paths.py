"""The speed paths (issue 6) give what the plain readings they replace give: per-document tables and caches
read instead of new Token objects, set tests instead of substring scans, the store's serialiser."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from sitreps.model import Article, to_jsonable
from sitreps.nlp import parse
from sitreps.stages.event_typing_base import has_any, sentence_words, token_words

TEXT = (
    "Syrian government warplanes struck rebel positions near Aleppo on Monday, killing 12 fighters, "
    "the Syrian Observatory for Human Rights said. A car bomb exploded in Idlib, wounding a child.\n\n"
    "Rebels said they had shot down a helicopter over Hama."
)


@pytest.fixture(scope="module")
def doc():
    return parse(TEXT)


def _plain_has_any(words: str, items) -> bool:
    return any(f" {w} " in words for w in items)


@pytest.mark.parametrize(
    "words",
    [" car bomb exploded ", " a  b ", "car bomb", " ", "", " air strike\nhit "],
)
def test_has_any_matches_substring_scan(words: str) -> None:
    # single words, phrases, an empty item and one with a newline, as list, tuple and frozenset
    pool = ["car", "bomb", "car bomb", "air strike", "", "b", "exploded", "strike\nhit", "hit", "x y"]
    for k in range(1, 4):
        for combo in itertools.combinations(pool, k):
            for items in (list(combo), tuple(combo), frozenset(combo)):
                assert has_any(words, items) == _plain_has_any(words, items), (words, items)


def test_sentence_words_from_table_are_token_words(doc) -> None:
    for sent in doc.sents:
        assert sentence_words(sent) == token_words(sent)


def test_tree_distance_from_head_table_matches_the_parse(doc) -> None:
    from sitreps.stages.arguments import tree_distance_at

    def reference(a, b) -> int:  # the walk over Token.ancestors it replaced
        if a.i == b.i:
            return 0
        up_a = {a.i: 0}
        for depth, anc in enumerate(a.ancestors, start=1):
            up_a[anc.i] = depth
        if b.i in up_a:
            return up_a[b.i]
        for depth, anc in enumerate(b.ancestors, start=1):
            if anc.i in up_a:
                return depth + up_a[anc.i]
        return 100 + abs(a.i - b.i)

    for a in doc:
        for b in doc:
            assert tree_distance_at(doc, a.i, b.i) == reference(a, b)
    # across sentences the tokens are in different trees
    assert tree_distance_at(doc, 0, len(doc) - 1) >= 100


def test_token_table_lemmas_and_numbers(doc) -> None:
    from sitreps.stages.place_cues import token_table

    table = token_table(doc)
    assert table.lemma == [t.lemma_.lower() for t in doc]
    assert table.like_num == [t.like_num for t in doc]
    assert table.doc_text == doc.text


def _asdict_jsonable(obj):
    """The plain serialiser `to_jsonable` replaced: `dataclasses.asdict`, then dates as ISO strings."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(obj):
        return _asdict_jsonable(asdict(obj))
    if isinstance(obj, dict):
        return {k: _asdict_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_asdict_jsonable(v) for v in obj]
    return obj.isoformat() if isinstance(obj, date) else obj


def test_to_jsonable_matches_asdict() -> None:
    from sitreps.pipeline import analyse

    analysis = analyse(Article(text=TEXT, published=date(2016, 2, 3)))
    assert analysis.mentions, "the text tells events"
    for m in analysis.mentions:
        assert to_jsonable(m) == _asdict_jsonable(m)
    assert to_jsonable(analysis.places) == _asdict_jsonable(analysis.places)
    assert to_jsonable({"a": (date(2016, 1, 2), [1, "x"])}) == {"a": ["2016-01-02", [1, "x"]]}


def test_quick_ratio_bound_never_drops_a_close_variant() -> None:
    from sitreps.gazetteer import _may_reach, spelling_similarity

    pairs = [("raqa", "raqqa"), ("kweyris", "kuweires"), ("homs", "hims"), ("deir ez zor", "deir al zour"),
             ("white", "whitesboro"), ("druze", "draz"), ("aleppo", "halab"), ("", "")]  # fmt: skip
    for a, b in pairs:
        sim = spelling_similarity(a, b)
        for needed in (0.6, 0.65, 0.75, 0.9):
            if sim >= needed:
                assert _may_reach(a, b, needed), (a, b, needed)
    assert not _may_reach("aleppo", "qamishli", 0.75)


def test_heading_shortcut_keeps_eight_word_headlines() -> None:
    from sitreps.stages.events import _is_heading

    d = parse("Eight words of a headline about Aleppo strikes\n\nRebels shelled the town on Monday.")
    sents = list(d.sents)
    assert _is_heading(sents[0])
    assert not _is_heading(sents[-1])


def test_round_up_dates_never_fuse() -> None:
    from sitreps.fusion_rules import DEFAULT_RULES, FusionRules, is_round_up
    from sitreps.model import EventMention, TextSpan

    def mention(date_text: str, start: date, end: date) -> EventMention:
        return EventMention(
            article_hash="a", sentence_span=TextSpan(0, 10, "x"), trigger_span=TextSpan(0, 1, "x"),
            event_type="Battles", sub_event_type="Armed clash", disorder_type="", plover_type="",
            plover_mode="", date_start=start, date_end=end, date_span=TextSpan(0, len(date_text), date_text),
        )  # fmt: skip

    week = (date(2016, 1, 1), date(2016, 1, 7))
    assert is_round_up(mention("in  recent days", *week))
    assert is_round_up(mention("over the past week", *week))
    assert not is_round_up(mention("on Monday", *week))
    assert not is_round_up(mention("in recent days", date(2016, 1, 1), date(2016, 1, 1)))  # one day
    assert not is_round_up(mention("pastoral week", *week))  # whole words only
    assert is_round_up(mention("so   far", *week), FusionRules(round_up_date_words=("so far",)))
    assert not is_round_up(mention("recent", *week), FusionRules(round_up_date_words=()))
    assert DEFAULT_RULES.round_up_date_words  # the defaults name some
