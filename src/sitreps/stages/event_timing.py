"""When an event mention happened, and whether it is news at all: the date that governs a trigger, a date
said with the speech that tells the event, and the signs of history or running totals told as background."""

from __future__ import annotations

from spacy.tokens import Doc

from sitreps.model import Article, DateMention, Toll
from sitreps.stages.arguments import owned, trigger_distance
from sitreps.stages.event_roles import load_role_lexicon
from sitreps.stages.triggers import Trigger

# A report's event dated this long before its publication is history told as background ("the conflict
# erupted in March 2011 with protests"), not news: ACLED codes events from the reports of their time.
BACKGROUND_DAYS = 365


def only_running_totals(cand, rivals, doc, tolls: list[Toll], idx: int) -> bool:
    """Every toll a killing verb owns is a cumulative one (a war's running total): the verb tells no event."""
    mine = owned([t for t in tolls if t.sentence == idx], cand.trigger, rivals, doc, lambda t: t.span.start)
    return bool(mine) and all(t.excluded == "cumulative" for t in mine)


def background(date: DateMention | None, article: Article) -> bool:
    if date is None or date.date_end is None or article.published is None:
        return False
    return (article.published - date.date_end).days > BACKGROUND_DAYS


def under_since(cand, rivals, doc, dates: list[DateMention], idx: int) -> bool:
    """The trigger's nearest date is a "since" ("locked in war since early 2011 when the regime cracked down
    on protests"): the beginning of a long story, not an event of the report."""
    dated = [d for d in dates if d.sentence == idx and d.kind not in ("duration", "reference")]
    mine = owned(dated, cand.trigger, rivals, doc, lambda d: d.span.start)
    if not mine:
        return False
    return min(mine, key=lambda d: trigger_distance(doc, cand.trigger, d.span.start)).kind == "since"


def governing_date(cand, rivals, doc, dates: list[DateMention], idx: int) -> DateMention | None:
    """The date expression of the trigger's own sentence nearest to it in the tree; background ("since
    2011") and durations ("10 days of strikes") do not date an event."""
    usable = [d for d in dates if d.sentence == idx and d.kind not in ("since", "duration", "reference")]
    mine = owned(usable, cand.trigger, rivals, doc, lambda d: d.span.start)
    if not mine:
        return speech_date(cand.trigger, doc, usable)
    return min(mine, key=lambda d: trigger_distance(doc, cand.trigger, d.span.start))


def speech_date(trig: Trigger, doc: Doc, usable: list[DateMention]) -> DateMention | None:
    """ "Moscow announced yesterday that its raids had killed ...": an event told with no date of its own
    inside what someone said on a day happened by that day; the day said dates it, as ACLED does."""
    speech_verbs = load_role_lexicon().speech_verbs
    speech = next((a for a in trig.head.ancestors if a.lemma_.lower() in speech_verbs), None)
    if speech is None:
        return None
    for d in usable:
        span = doc.char_span(d.span.start, d.span.end, alignment_mode="expand")
        on_speech = span is not None and span.root.head.i == speech.i
        if on_speech and span.root.dep_ in ("npadvmod", "prep", "advmod"):
            return d
        if span is not None and span.root.head.head.i == speech.i and span.root.head.dep_ == "prep":
            return d  # "said on Thursday"
    return None
