"""Speed round 10: the event stage's per-Doc memos (roles, governing verbs) and token-table reads give the
same answers as the tree walks they replace."""

from __future__ import annotations

import pytest

from sitreps.nlp import doc_tree, parse
from sitreps.stages.event_build import mentions_civilians
from sitreps.stages.event_roles import _event_roles, event_roles
from sitreps.stages.event_typing_base import expand, subjects
from sitreps.stages.events import _is_heading
from sitreps.stages.role_grammar import noun_phrase
from sitreps.stages.role_lexicon import in_lexicon
from sitreps.stages.triggers import (
    Trigger,
    _governing_verb,
    _timed_clause,
    find_triggers,
    governing_verb,
    unreal_reason,
)

TEXT = (
    "Rebels shelled Aleppo\n\n"
    "Syrian warplanes bombed a market in Idlib on Tuesday, killing 12 civilians and wounding 30, "
    "a monitor said. A car bomb exploded near a checkpoint of the Kurdish-led forces, and three soldiers "
    "were killed by a roadside bomb.\n\n"
    "The attack on the base, which killed two guards, was claimed by Islamic State. "
    "Venezuela's President Nicolas Maduro denied that troops had fired on protesters."
)


@pytest.fixture(scope="module")
def doc():
    return parse(TEXT)


def test_event_roles_memo_matches_the_walk(doc) -> None:
    for tok in doc:
        for incident in (True, False):
            assert event_roles(tok, incident) == _event_roles(tok, incident), (tok.text, incident)


def test_event_roles_gives_each_caller_its_own_lists(doc) -> None:
    killed = next(t for t in doc if t.lower_ == "killing")
    first = event_roles(killed)
    assert [s.text for s in first.victims] == ["12 civilians", "30"]  # "and wounding 30": its incident
    first.victims.append(first.victims[0])  # a caller editing its roles (as the event builder does)
    first.weapons = []
    again = event_roles(killed)
    assert [s.text for s in again.victims] == ["12 civilians", "30"]
    assert again is not first and again.victims is not first.victims


def test_governing_verb_memo_matches_the_walk(doc) -> None:
    for tok in doc:
        assert governing_verb(tok).i == _governing_verb(tok).i, tok.text
    bomb = next(t for t in doc if t.lower_ == "bomb")
    assert governing_verb(bomb).lower_ == "exploded"
    bombed = next(t for t in doc if t.lower_ == "bombed")
    # a verb is its own governing verb, the very object passed (callers compare with `is`)
    assert governing_verb(bombed) is bombed
    assert governing_verb(bombed) is bombed


def test_memos_follow_a_retokenised_doc() -> None:
    d = parse("Gunmen attacked a police post in New York City.")
    attacked = next(t for t in d if t.lower_ == "attacked")
    assert [s.text for s in event_roles(attacked).attackers] == ["Gunmen"]
    with d.retokenize() as retok:
        retok.merge(d[6:9])  # "New York City": the document's length changes, the memos are read afresh
    post = next(t for t in d if t.lower_ == "post")
    assert governing_verb(post).lower_ == "attacked"
    assert event_roles(d[1]) == _event_roles(d[1], True)


def test_noun_phrase_from_the_token_table(doc) -> None:
    maduro = next(t for t in doc if t.text == "Maduro")
    president = maduro.head if maduro.dep_ != "nsubj" else maduro
    phrase = noun_phrase(president)
    assert doc.text[phrase.start : phrase.end] == phrase.text
    assert "Maduro" in phrase.text
    for tok in doc:
        if tok.pos_ in ("NOUN", "PROPN"):
            span = noun_phrase(tok)
            assert doc.text[span.start : span.end] == span.text, tok.text


def test_in_lexicon_reads_compounds_only_when_listed(doc) -> None:
    bomb = next(t for t in doc if t.lower_ == "bomb")
    assert in_lexicon(bomb, frozenset({"car bomb"}))
    assert not in_lexicon(bomb, frozenset({"truck bomb"}))
    assert not in_lexicon(bomb, frozenset({"car"}))
    assert in_lexicon(bomb, frozenset({"bomb"}))


def test_headline_from_the_token_columns(doc) -> None:
    sents = list(doc.sents)
    assert _is_heading(sents[0])  # "Rebels shelled Aleppo" and a blank line
    assert not any(_is_heading(s) for s in sents[1:])


def test_doc_tree_matches_the_tokens(doc) -> None:
    tree = doc_tree(doc)
    assert tree is doc_tree(doc)  # built once per Doc
    assert tree.heads == [t.head.i for t in doc]
    assert tree.kids == [[c.i for c in t.children] for t in doc]
    assert tree.dep == [t.dep_ for t in doc] and tree.pos == [t.pos_ for t in doc]
    for tok in doc:
        assert sorted(tree.subtree(tok.i)) == [t.i for t in tok.subtree]


def _walked_subjects(verb):
    """`subjects` as it read the Tokens before round 10."""
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    for c in verb.children:
        if c.dep_ == "agent":
            found.extend(g for g in c.children if g.dep_ == "pobj")
    if not found and verb.dep_ in ("conj", "advcl", "xcomp", "relcl") and verb.head is not verb:
        found = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return expand(found)


def test_subjects_by_index_match_the_walk(doc) -> None:
    for tok in doc:
        assert [t.i for t in subjects(tok)] == [t.i for t in _walked_subjects(tok)], tok.text
    claimed = next(t for t in doc if t.lower_ == "claimed")
    assert [t.text for t in subjects(claimed)][0] == "State"  # the passive agent: "by Islamic State"


def test_mentions_civilians_reads_the_subtree(doc) -> None:
    bombed = next(t for t in doc if t.lower_ == "bombed")
    exploded = next(t for t in doc if t.lower_ == "exploded")
    as_trigger = lambda tok: Trigger(tok.i, tok.i + 1, tok, None)  # noqa: E731
    assert mentions_civilians(as_trigger(bombed))  # "killing 12 civilians" in the verb's subtree
    assert not mentions_civilians(as_trigger(exploded))


def _walked_timed_clause(head, chain):
    """`_timed_clause` as it read the Tokens before round 10."""
    marks = {"after", "when", "as", "while", "before", "following", "during", "once"}
    for tok in [head, *head.ancestors]:
        timed = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children)
        timed = timed or (tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in marks)
        if timed:
            above = set(tok.ancestors)
            return next((k for k, anc in enumerate(chain) if anc in above), len(chain))
    return None


def test_timed_clause_by_index_matches_the_walk() -> None:
    d = parse(
        "They feared more attacks after gunmen killed a farmer. The army planned the raid before striking "
        "the hotel, and residents fled during the shelling of the town."
    )
    timed = 0
    for tok in d:
        verb = governing_verb(tok)
        chain = [verb, *list(verb.ancestors)[:3]]
        assert _timed_clause(tok, chain) == _walked_timed_clause(tok, chain), tok.text
        timed += _timed_clause(tok, chain) is not None
    assert timed >= 3  # "killed" (after), "striking" (before), "shelling" (during) and their words


@pytest.mark.parametrize(
    ("text", "word", "reason"),
    [
        ("Despite the air strikes, residents returned to the town on Monday.", "strikes", "background"),
        ("The village is frequently shelled by government forces.", "shelled", "habitual"),
        ("Government forces have shelled the district for years.", "shelled", "habitual"),
        ("The rebels entered the town without a fight.", "fight", "negated"),
        ("Police have detained thousands of people since the protests began.", "detained", "cumulative"),
        ("Militants did not attack the convoy on Sunday.", "attack", "negated"),
        ("Officials warned that militants could attack the base.", "attack", "hypothetical"),
        ("Gunmen attacked a police post in Kabul on Tuesday, killing three officers.", "attacked", ""),
    ],
)
def test_unreal_reasons_read_by_index(text: str, word: str, reason: str) -> None:
    reasons = {t.head.lower_: unreal_reason(t) for t in find_triggers(parse(text))}
    assert reasons[word] == reason
