"""Recognition rules for the long tail of toponyms, applied after the gazetteer pass (`toponyms.recognise`).

The gazetteer pass finds capitalised names the gazetteer knows. These rules keep what it finds from being
a team, a storm, a relative's given name, a currency or a government speaking ("the White House said"),
draw its spans as the typed scheme does ("Northern Europe", "Washington, D.C.", "Cork" in "Cork city"),
and merge in what `toponym_additions` finds that the gazetteer pass cannot see (datelines, roads, ...).
The words they read live in data/place_cues.yaml.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from sitreps.gazetteer import normalize_name
from sitreps.stages.place_cues import (
    cues,
    names,
    phrase_at,
    phrase_before,
    phrases,
    skip_back,
    token_table,
    words,
)
from sitreps.stages.toponym_additions import (
    arabic_names,
    datelines,
    labelled_unknowns,
    possessive_repeats,
    road_numbers,
    street_pairs,
    unions_and_gulf,
)
from sitreps.stages.toponym_units import unit_areas
from sitreps.stages.toponyms import ArticleContext, Toponym

# ------------------------------------------------------------------------------------------ rejections

_SCORE = re.compile(r"\b\d{1,3}\s*[-–]\s*\d{1,3}\b")
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*[-–]\s*\d")


def _sport_sentence(ctx: ArticleContext, i: int) -> bool:
    """Whether the sentence holding token `i` reports sport: a score ("70-68") or a sport word."""
    start, end = ctx.sentence_bounds(i)
    known = ctx.sport_sentences.get(start)  # one answer per sentence: several names may ask
    if known is None:
        text = ctx.span_text(start, end)
        sport = phrases("sport_words")
        known = bool(_SCORE.search(text) and not _YEAR_RANGE.search(text)) or any(
            phrase_at(ctx.doc, k, sport) for k in range(start, end)
        )
        ctx.sport_sentences[start] = known
    return known


def _is_team(ctx: ArticleContext, t: Toponym) -> bool:
    doc = ctx.doc
    if t.end < len(doc) and phrase_at(doc, t.end, phrases("team_words"), capitalised=True):
        return True  # "Portland Trail Blazers", "Manchester United"
    key = normalize_name(ctx.span_text(t.start, t.end))
    if key not in names("clubs"):
        return False
    # a club named exactly as a place ("Notre Dame", "Liverpool") is the club in a sentence about sport; one
    # whose name no place has ("Man City") is the club anywhere
    exact = any(h.exact and normalize_name(h.place.name) == key for h in t.hits)
    return not exact or _sport_sentence(ctx, t.start)


def _is_seat_acting(ctx: ArticleContext, t: Toponym) -> bool:
    """A seat of power standing for its government: "the White House said", "White House aides"."""
    doc, lower = ctx.doc, ctx.tokens.lower
    key = normalize_name(ctx.span_text(t.start, t.end))
    if key in names("legislatures"):
        prev = lower[t.start - 1] if t.start else ""
        return prev in ("the", "state", "russian", "ukrainian", "israeli", "iranian") or t.end - t.start > 1
    if key not in names("seats_of_power"):
        return False
    k = skip_back(doc, t.start - 1, frozenset({"the"}))
    if k >= 0 and lower[k] in words("seat_locative_before"):
        return t.end < len(doc) and phrase_at(doc, t.end, phrases("seat_government_after")) > 0
    # "marched to the White House" is a destination; "a letter to the Kremlin" is not
    return not (k >= 0 and lower[k] == "to" and doc[k].head.lemma_.lower() in words("seat_motion_verbs"))


def _after_storm_word(doc: Doc, i: int) -> bool:
    """"hurricanes Harvey, Irma and Maria", "Typhoon Haiyan": walk back over a list of names."""
    k = i - 1
    storms = phrases("storm_words")
    table = token_table(doc)
    while k >= 0 and i - k <= 12:
        if phrase_before(doc, k + 1, storms):
            return True
        if table.text[k] in (",", "and", "or", "&") or table.cap[k]:
            k -= 1
            continue
        return False
    return False


def _names_currency(ctx: ArticleContext, t: Toponym) -> bool:
    if "$" in ctx.span_text(t.start, t.end):
        return True  # "US$"
    table = ctx.tokens
    return t.end < table.n and (table.lower[t.end] in words("currency_words") or table.text[t.end] == "$")


def _names_event(doc: Doc, t: Toponym) -> bool:
    """A place at the head of an event's name: "Dubai World Cup", "Boston Marathon", "US Open"."""
    events = phrases("event_words")
    cap, n = token_table(doc).cap, len(doc)
    k = t.end
    while k < n and k - t.end < 4 and cap[k]:
        if phrase_at(doc, k, events, capitalised=True) and not (
            k + 1 < n and cap[k + 1] and not phrase_at(doc, k + 1, events)
        ):
            return True
        k += 1
    return False


def _abbreviation_after_full_name(doc: Doc, t: Toponym, found: list[Toponym]) -> bool:
    """"North Korea (DPRK)": an abbreviation in parentheses right after its full name is no new toponym."""
    i, text = t.start, token_table(doc).text
    if t.end - i != 1 or not text[i].isupper() or i < 2 or text[i - 1] != "(":
        return False
    return any(f.end == i - 1 for f in found)


_FOREIGN_ARTICLES = frozenset({"Le", "La", "Les", "Il", "Lo", "Los", "Las", "Der", "Die", "Das", "De", "Het"})


def rejected(ctx: ArticleContext, t: Toponym, found: list[Toponym]) -> bool:
    """Whether a recognised name is no toponym after all: a team, a government speaking, a storm, a person's
    given name, a currency, an event, a company, a brand, a party tag or a repeated abbreviation."""
    doc, text, lower = ctx.doc, ctx.tokens.text, ctx.tokens.lower
    i, j = t.start, t.end
    prev = lower[i - 1] if i else ""
    if j - i == 1 and i >= 2 and prev == "-" and text[i - 2] in cues().get("party_letters", []):
        return True  # "Sen. Ben Sasse, R-Neb."
    if _abbreviation_after_full_name(doc, t, found) or _names_currency(ctx, t):
        return True
    if t.is_demonym:
        return False
    if _is_team(ctx, t) or _is_seat_acting(ctx, t) or _names_event(doc, t):
        return True
    if _after_storm_word(doc, i):
        return True
    k = skip_back(doc, i - 1, frozenset({"'s", "’s"}))
    if j - i == 1 and k >= 0 and lower[k] in words("kin_words"):
        return True  # "his daughter Yulia", "girlfriend Olivia"
    if i >= 1 and text[i - 1] in _FOREIGN_ARTICLES and not ctx.is_sentence_start(i - 1):
        return True  # "Le Bernardin", "La Perla": a name the gazetteer lacks whole is a venue or a brand
    if i >= 2 and prev == "of" and lower[i - 2] in words("company_heads"):
        return True  # "Bank of England"
    return j - i == 1 and normalize_name(text[i]) in names("brands") and prev != "the"


# ---------------------------------------------------------------------------------------------- shapes


def reshaped(ctx: ArticleContext, t: Toponym, taken: set[int]) -> Toponym:
    """The toponym's span as the typed scheme draws it: with a capitalised compass word before it
    ("Northern Europe", "West Wales"), with ", D.C." after Washington, without a lower-case generic word
    after it ("Cork city" -> "Cork", "Kasserine governorate" -> "Kasserine")."""
    doc, table = ctx.doc, ctx.tokens
    if t.is_demonym:
        return t
    i, j = t.start, t.end
    if j - i > 1 and table.is_lower[j - 1] and table.lower[j - 1] in words("generic_lower_after"):
        j -= 1
    if j + 1 < table.n and table.text[j] == "," and table.text[j + 1] in ("D.C.", "D.C", "DC"):
        j += 2  # "Washington, D.C."
    elif j < table.n and table.text[j] in ("Sea", "Strait", "Ocean") and t.hits:
        j += 1  # "the Bohai Sea": the sea named after the town is the toponym
    compass = phrases("compass_words")
    for size in (2, 1):
        a = i - size
        if a >= 0 and not (taken & set(range(a, i))) and phrase_at(doc, a, compass, capitalised=True) == size:
            if t.hits or t.site:
                i = a
            break
    if (i, j) == (t.start, t.end):
        return t
    return Toponym(i, j, t.hits, feature_hint=t.feature_hint, relation=t.relation, local=t.local, site=t.site)


# ---------------------------------------------------------------------------------------------- refine


def refine(ctx: ArticleContext, found: list[Toponym]) -> list[Toponym]:
    """The gazetteer pass's toponyms with the long-tail rules applied (see the module docstring)."""
    kept = [t for t in found if not rejected(ctx, t, found)]
    taken = {k for t in kept for k in range(t.start, t.end)}
    shaped: list[Toponym] = []
    for t in sorted(kept, key=lambda t: (t.start, t.end)):
        t = reshaped(ctx, t, taken - set(range(t.start, t.end)))
        if shaped and t.start < shaped[-1].end:
            continue  # "Washington, D.C." took the "D.C." after it
        shaped.append(t)
    added = datelines(ctx) + road_numbers(ctx) + street_pairs(ctx) + unit_areas(ctx, shaped)
    added += unions_and_gulf(ctx, shaped) + arabic_names(ctx, shaped) + labelled_unknowns(ctx, shaped)
    merged = _merge(shaped, added)
    more = [t for t in possessive_repeats(ctx, shaped, merged) if not rejected(ctx, t, merged)]
    return _merge(merged, more)


def _merge(found: list[Toponym], added: list[Toponym]) -> list[Toponym]:
    """Toponyms found plus added ones: an added span that covers found ones replaces them; one that
    overlaps a found span only in part, or lies inside one, is dropped."""
    out = list(found)
    for t in sorted(added, key=lambda t: -(t.end - t.start)):
        inside = [f for f in out if t.start <= f.start and f.end <= t.end]
        partial = [f for f in out if f not in inside and f.start < t.end and t.start < f.end]
        if partial or any(f.start == t.start and f.end == t.end for f in inside):
            continue
        out = [f for f in out if f not in inside] + [t]
    return sorted(out, key=lambda t: (t.start, t.end))
