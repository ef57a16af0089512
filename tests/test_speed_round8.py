"""Speed round 8: the same answers from the cheaper paths (date windows, toll exclusions, fusion readings)."""

from __future__ import annotations

import re

import pytest
from test_fuse import mention

from sitreps.fuse import make_readings
from sitreps.model import EventMention, Place
from sitreps.nlp import parse
from sitreps.stages import dates as D
from sitreps.stages import timex_scan, toll_links
from sitreps.stages.toll_quantities import lexicon, quantities

FILLER = "Officials met again to discuss the reconstruction budget and other matters at length. " * 6

# what the sharper needs must still find, and the look-alikes they skip ("am" of Damascus, "now" of known)
DATE_TEXTS = [
    FILLER + "The blast hit Damascus at 10:30 on Monday; by 3 p.m. and again at 9am, then at noon, the "
    "known toll rose. " + FILLER,
    "Ten days of strikes, several weeks of talks and a couple of months of calm followed. " + FILLER,
    FILLER + "The 2016-03-27 report, filed in mid-2014, since 2011 and during late 1998, was revised "
    "now, for the foreseeable future, the previous year and the following morning.",
    "Twenty people died in 20 villages near Hama; the snowy winter of the 1990s, last Christmas Day, "
    "the year-earlier period and New Year's Eve were recalled at midnight.",
    "Nothing temporal here at all, only the Amman office and the Yarmouk camp.",
]


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_date_rules_in_windows_find_what_a_full_scan_finds(text: str) -> None:
    low = text.lower()
    for name, (pattern, _normalise) in zip(D._ORDER, D._RULES, strict=True):
        assert [m.span() for m in timex_scan.scan(name, pattern, text, low, {})] == [
            m.span() for m in pattern.finditer(text)
        ], name


def test_sharper_needs_skip_look_alikes() -> None:
    needs = timex_scan.needs_patterns()
    # "Damascus", "Amman", "known" hold "am" and "now" but no clock time and no whole word "now"
    text = "the damascus and amman offices were known to all"
    assert timex_scan.windows(needs["time_of_day"], text) == []
    assert timex_scan.windows(needs["reference"], text) == []
    assert timex_scan.windows(needs["duration_of"], "two days later") == []
    assert timex_scan.windows(needs["iso"], "in 2016, 20 people") == []
    assert timex_scan.windows(needs["time_of_day"], "at 10:30 on monday") == [[0, 18]]
    assert timex_scan.windows(needs["reference"], "it is over now.") == [[0, 15]]


def test_every_rule_with_a_word_need_still_runs_on_its_words() -> None:
    # each rule's need is found wherever the rule itself matches (else it would never run there)
    for text in DATE_TEXTS:
        low = text.lower()
        for name, (pattern, _normalise) in zip(D._ORDER, D._RULES, strict=True):
            need = timex_scan.needs_patterns().get(name)
            if need is None:
                continue
            for m in pattern.finditer(text):
                # inside the match, or touching it ("10 days" of "10 days of", a lookahead)
                near = need.finditer(low, max(0, m.start() - 20), m.end() + 20)
                assert any(n.start() <= m.end() and n.end() >= m.start() for n in near), (name, m.group())


TOLL_SENTENCES = [
    "The war has killed more than 250,000 people so far, the monitor said.",
    "The conflict, which has expanded across the region since 2011, killing hundreds, goes on.",
    "Three soldiers were killed and five were wounded in the attack on Tuesday.",
    "Over the past year the insurgency has killed 1,200 civilians in the province.",
    "Militants stormed the base, killing 12 guards, including three officers.",
    "No one was hurt when the shell landed near the market.",
]


@pytest.fixture(scope="module")
def toll_docs():
    return [parse(s) for s in TOLL_SENTENCES]


def test_exclusion_same_with_and_without_the_word_check(toll_docs, monkeypatch) -> None:
    lex = lexicon()

    def exclusions() -> list[str]:
        out = []
        for doc in toll_docs:
            sent = next(iter(doc.sents))
            for t in sent:
                if toll_links.trigger_kind(t, lex):
                    out.append(toll_links.exclusion(t, [], sent, lex))
        return out

    fast = exclusions()
    monkeypatch.setattr(toll_links, "_may_hold", lambda head, lex: True)
    assert exclusions() == fast
    assert "cumulative" in fast and "" in fast


def test_may_hold_reads_the_words_between_the_edges(toll_docs) -> None:
    lex = lexicon()
    so_far = toll_docs[0]
    killed = next(t for t in so_far if t.lemma_ == "kill")
    assert toll_links._may_hold(killed, lex)  # "so far" lies in the verb's subtree
    plain = toll_docs[2]
    wounded = next(t for t in plain if t.lower_ == "wounded")
    assert not toll_links._may_hold(wounded, lex)
    assert toll_links._holds_phrase("killed 12 so far", lex)
    assert not toll_links._holds_phrase("killed 12 so", lex)


def test_is_subset_from_the_token_table(toll_docs) -> None:
    doc = toll_docs[4]
    sent = next(iter(doc.sents))
    found = {doc[q.start : q.end].text: toll_links.is_subset(q, sent) for q in quantities(sent, lexicon())}
    assert found == {"12": False, "three": True}
    doc = parse("Two of the dead were children, the hospital said.")
    sent = next(iter(doc.sents))
    assert [toll_links.is_subset(q, sent) for q in quantities(sent, lexicon())] == [True]


def _mentions(article: str, places: list[Place]) -> list[tuple[int, EventMention]]:
    """One sentence's mention per place, as the events stage hands them over (one trigger, one type)."""
    return [(k, mention(article, place=p)) for k, p in enumerate(places, 1)]


def test_reading_first_and_fine_are_kept_and_right() -> None:
    town = Place("Morek", 35.3, 36.7, "Syria", "SY", geo_precision=1)
    village = Place("Kafr Zita", 35.4, 36.6, "Syria", "SY", geo_precision=2)
    province = Place("Hama", 35.1, 36.8, "Syria", "SY", admin1="Hama", geo_precision=3)
    (reading,) = make_readings(_mentions("a1", [town, village, province]))
    assert reading.first is reading.members[0][1]
    assert reading.fine == [town] and reading.fine is reading.fine  # computed once
    assert re.fullmatch(r"a1", reading.article)
