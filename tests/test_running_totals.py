"""A war's running total told with a killing verb is no event; the events beside it still are."""

from __future__ import annotations

from datetime import date

from sitreps.model import Article
from sitreps.pipeline import analyse


def _events(text: str) -> list[tuple[str, str]]:
    result = analyse(Article(text=text, published=date(2016, 5, 1)))
    return [(m.trigger_span.text, m.sub_event_type) for m in result.mentions]


def test_a_running_total_is_no_event():
    assert _events("Some 130,000 people have been killed in the civil war, the United Nations says.") == []


def test_the_event_beside_a_running_total_stays():
    found = _events(
        "The war has killed more than 300,000 people. On Monday, an air strike killed 12 civilians in Idlib."
    )
    assert found == [("air strike", "Air/drone strike")]


def test_a_killing_with_its_own_toll_is_an_event():
    assert _events("Gunmen killed 12 people in Kano on Monday.") == [("killed", "Attack")]
