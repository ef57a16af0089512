"""The shared English pipeline: sentence bounds in scraped copy."""

from __future__ import annotations

from sitreps.nlp import parse


def test_a_sentence_glued_after_a_number_is_split():
    doc = parse("They killed 23 soldiers and injured another 15.Twenty insurgents were killed.")
    assert [s.text for s in doc.sents] == [
        "They killed 23 soldiers and injured another 15.",
        "Twenty insurgents were killed.",
    ]


def test_decimals_stay_one_token():
    doc = parse("Prices rose 3.5 percent and 12.75 dollars.")
    assert {"3.5", "12.75"} <= {t.text for t in doc}
    assert len(list(doc.sents)) == 1


def test_offsets_are_the_texts_own():
    text = "Fighting killed 12.Officials said so."
    doc = parse(text)
    assert "".join(t.text_with_ws for t in doc) == text
    assert [t.text for t in doc][2:5] == ["12", ".", "Officials"]
