"""Speed round 9: the per-Doc token cache, array-read cue scan, batched store writes and fusion shortcuts
give the same answers as the slower paths they replace."""

from __future__ import annotations

import dataclasses
import enum
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from test_fuse import mention
from test_store import analysis

from sitreps.fuse import cluster_mentions, fuse_mentions
from sitreps.fusion_event import _most_common, copy_groups
from sitreps.model import Claim, TextSpan, to_jsonable
from sitreps.nlp import doc_tokens, parse
from sitreps.stages.claim_cues import CueScan, get_cue_lexicon, scan_cues
from sitreps.stages.claim_marks import DASHES
from sitreps.stages.claim_sources import _holds_any, _words, clip, doc_text, token_span
from sitreps.store import Store

TEXT = (
    "BEIRUT (AFP) - Syrian state media said on Tuesday that rebels shelled Aleppo, killing 12 people.\n\n"
    '"We will not retreat," the commander told reporters. The Observatory, which monitors the war, '
    "hopes the truce holds; officials denied the claim that troops had withdrawn: a statement followed."
)


@pytest.fixture(scope="module")
def doc():
    return parse(TEXT)


def test_doc_tokens_match_the_doc(doc) -> None:
    table = doc_tokens(doc)
    assert table is doc_tokens(doc)  # built once per Doc
    assert [t.i for t in table.tokens] == list(range(len(doc)))
    assert table.text == [t.text for t in doc] and table.lower == [t.lower_ for t in doc]
    assert table.idx == [t.idx for t in doc] and table.is_punct == [t.is_punct for t in doc]
    assert table.is_space == [t.is_space for t in doc]
    assert table.newline == [t.is_space and "\n" in t.text for t in doc]
    assert table.doc_text == doc.text == doc_text(doc)
    assert any(table.newline)  # the blank line after the dateline sentence is a token of its own


def test_doc_tokens_are_rebuilt_after_retokenising() -> None:
    d = parse("Troops entered New York City today.")
    before = doc_tokens(d)
    with d.retokenize() as retokenizer:
        retokenizer.merge(d[2:5])
    after = doc_tokens(d)
    assert after is not before and after.text == [t.text for t in d] and "New York City" in after.text


def _token_span_by_tokens(doc, start: int, end: int) -> TextSpan | None:
    """The previous `token_span`: a Token per look."""
    while start < end and (doc[start].is_punct or doc[start].lower_ in ("that", "and")):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if start >= end:
        return None
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return TextSpan(first, last, doc.text[first:last])


def test_token_span_and_clip_read_the_columns_as_the_tokens_say(doc) -> None:
    n = len(doc)
    for start in range(0, n, 3):
        for end in range(start, min(n, start + 25) + 1, 2):
            assert token_span(doc, start, end) == _token_span_by_tokens(doc, start, end), (start, end)
    # "that rebels shelled Aleppo": the leading "that" and the closing punctuation go
    that = next(t.i for t in doc if t.lower_ == "that")
    assert token_span(doc, that, that + 4).text == "rebels shelled Aleppo"
    # a paragraph break bounds the span on the anchor's side
    brk = next(t.i for t in doc if t.is_space and "\n" in t.text)
    assert clip(doc, 0, brk + 4, 2) == (0, brk)
    assert clip(doc, 0, brk + 4, brk + 2) == (brk + 1, brk + 4)


def _scan_by_strings(doc, lex, marks) -> CueScan:
    """The scan's answer from each token's strings (what the hash arrays must reproduce)."""
    from sitreps.stages.claim_cues import _scan_words

    verbs, nouns, forms = _scan_words(lex)
    heads_of_clauses = {t.head.i for t in doc if t.dep_ == "ccomp"}
    heads_of_objects = {
        t.head.i for t in doc if t.dep_ == "dobj" and t.lemma_.lower() in lex.expressive_objects
    }
    candidates = []
    for t in doc:
        lemma = t.lemma_.lower()
        verbal = t.pos_ in ("VERB", "AUX")
        if (
            t.lower_ in forms
            or (verbal and lemma in verbs)
            or (t.pos_ == "VERB" and (t.i in heads_of_clauses or t.i in heads_of_objects))
            or (t.pos_ == "NOUN" and lemma in nouns)
            or (t.pos_ == "ADP" and t.lower_ in ("in", "by"))
        ):
            candidates.append(t.i)
    ins = [t.i for t in doc if t.lower_ == "in"]
    punct = [t.i for t in doc if t.text in marks | {":"}]
    return CueScan(candidates, ins, punct)


def test_cue_scan_from_hashes_matches_a_scan_by_strings() -> None:
    lex = get_cue_lexicon()
    d = parse(TEXT)
    found = scan_cues(d, lex, DASHES)  # fixes "hopes" -> "hope" first, as the string scan then sees it
    assert found == _scan_by_strings(d, lex, DASHES)
    said = next(t.i for t in d if t.lower_ == "said")
    hopes = next(t for t in d if t.lower_ == "hopes")
    assert said in found.candidates and hopes.i in found.candidates and hopes.lemma_ == "hope"
    assert [d[i].text for i in found.marks] == ["-", ":"]  # the dateline's dash and the colon
    # a second document reuses the cached answers and still finds its own words
    other = parse("The ministry claimed victory, according to a report by AFP.")
    assert scan_cues(other, lex, DASHES) == _scan_by_strings(other, lex, DASHES)


class Stance(enum.StrEnum):
    CLAIMED = "claimed"


@dataclasses.dataclass
class Box:
    name: str
    when: date | None
    spans: tuple[TextSpan, ...]
    tags: dict[str, int]
    stance: Stance = Stance.CLAIMED


def test_to_jsonable_fast_paths_keep_the_values() -> None:
    box = Box("x", date(2015, 10, 1), (TextSpan(0, 1, "a"), TextSpan(2, 3, "b")), {"k": 1})
    got = to_jsonable([box, None, 1.5, True, (1, "y")])
    assert got == [
        {
            "name": "x", "when": "2015-10-01",
            "spans": [{"start": 0, "end": 1, "text": "a"}, {"start": 2, "end": 3, "text": "b"}],
            "tags": {"k": 1}, "stance": Stance.CLAIMED,
        },
        None, 1.5, True, [1, "y"],
    ]  # fmt: skip
    assert type(got[0]["spans"]) is list and json.dumps(got[0]["stance"]) == '"claimed"'


def _table(db: Path, name: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall()
    finally:
        con.close()


def test_batched_writes_store_the_rows_one_by_one_writes_would(tmp_path: Path) -> None:
    claim = Claim(
        "the ministry", "said", "claimed", TextSpan(30, 42, "the ministry"), TextSpan(43, 47, "said"), 0,
        "state", "Russia", "AFP", TextSpan(0, 20, "Russian jets struck"),
    )
    texts = [f"Russian jets struck Aleppo, killing {k}, the ministry said." for k in range(3, 7)]
    analyses = [analysis(t, killed=k, claim=claim) for k, t in zip(range(3, 7), texts, strict=True)]
    for a in analyses:  # two mentions and two claims per article
        a.mentions.append(dataclasses.replace(a.mentions[0], trigger_span=TextSpan(4, 8, "jets")))
        a.claims.append(dataclasses.replace(claim, cue="told"))
    with Store(tmp_path / "batched.db") as store:
        for a in analyses:
            store.add_analysis(a)
        store.refuse()
    with Store(tmp_path / "single.db") as store:
        for a in analyses:  # the former path: a statement per row
            with store._transaction():
                article_id = store._insert_article(a.article, a.article.content_hash)
                ids = [store._insert_mention(article_id, m, a.article.outlet) for m in a.mentions]
                for c in a.claims:
                    store._insert_claim(article_id, c)
            assert ids == sorted(ids)
        store.refuse()
    for name in ("mentions", "claims", "events", "event_mentions"):
        batched, single = _table(tmp_path / "batched.db", name), _table(tmp_path / "single.db", name)
        assert batched == single and batched, name
    assert len(_table(tmp_path / "batched.db", "mentions")) == 8


def test_most_common_and_copy_groups_shortcuts() -> None:
    assert _most_common([]) == "" and _most_common(["", ""]) == "" and _most_common(["", "a"]) == "a"
    assert _most_common(["b", "a", "a", "b"]) == "b"  # a tie goes to the first seen
    assert _most_common(["b", "a", "a"]) == "a"
    one = [mention("h1"), mention("h1", trigger=40)]
    assert copy_groups(one) == [["h1"]] and copy_groups([]) == []
    s = "Russian warplanes struck rebel positions near Aleppo on Thursday, killing 12 people there."
    two = [mention("h1", sentence=s), mention("h2", sentence=s), mention("h3", sentence="Another story.")]
    assert copy_groups(two) == [["h1", "h2"], ["h3"]]


def test_fusion_with_the_date_prefilter_matches_the_full_scan() -> None:
    days = [date(2015, 10, d) for d in (1, 1, 2, 5, 9, 9, 20)]
    ms = [(i + 1, mention(f"a{i}", day=d)) for i, d in enumerate(days)]
    ms.append((99, mention("z", day=None)))
    assert cluster_mentions(ms) == cluster_mentions(ms, use_index=False)
    events = fuse_mentions(ms)
    assert sorted(len(e.mention_ids) for e in events) != [1] * len(ms)  # some reports fused
    joined = {tuple(sorted(e.mention_ids)) for e in events}
    assert (1, 2) in {k[:2] for k in joined} and not any({5, 7} <= set(k) for k in joined)


@pytest.mark.parametrize(
    "text",
    ["the Syrian state news agency", "Mr. Smith's aides", "a Human Rights Watch researcher", "", "rights-x"],
)
def test_whole_word_test_by_pieces_matches_the_substring_test(text: str) -> None:
    own = frozenset({"news agency", "aides", "watch", "x y z", "rights-x"})
    lists = [*get_cue_lexicon().claimant_types.values(), own]
    words = _words(text)
    pieces = set(words.split(" "))
    for listed in lists:
        assert _holds_any(words, pieces, listed) == any(f" {w} " in words for w in listed), (text, listed)
