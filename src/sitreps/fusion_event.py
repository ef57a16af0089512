"""One fused event from a cluster of mentions: fields, toll range, disagreements, sources and status.

`sitreps.fuse` decides which mentions describe one incident; this module writes the `Event` an analyst
reads: the most precise place and date, the toll as UCDP's low/best/high, where the sources disagree,
which outlets carry it (a republished wire story counts once), and issue 7's status (denied, contested,
confirmed, corroborated, single source).
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections.abc import Iterable
from datetime import date

from sitreps.fusion_rules import DEFAULT_RULES, FusionRules, date_range, norm
from sitreps.model import Event, EventMention

Numbered = tuple[int, EventMention]

# Outlets whose reports make an event's ACLED `source_scale` "International". Matched case-insensitively
# on the whole outlet name; kept small and explicit (wires and global broadcasters).
INTERNATIONAL_OUTLETS: frozenset[str] = frozenset(
    s.lower()
    for s in (
        "AFP", "Agence France-Presse", "Agence France Presse", "Reuters", "Thomson Reuters", "AP",
        "Associated Press", "The Associated Press", "BBC", "BBC News", "BBC Monitoring", "Al Jazeera",
        "Al Jazeera English", "CNN", "DPA", "Deutsche Presse-Agentur", "Xinhua", "EFE", "ANSA",
        "Bloomberg", "The Guardian", "The New York Times", "New York Times", "The Washington Post",
        "Washington Post", "France 24", "Deutsche Welle", "DW", "RFI", "Voice of America", "VOA",
        "Radio Free Europe/Radio Liberty", "RFE/RL", "Kyodo", "Sky News", "The Economist",
        "Financial Times", "Wall Street Journal", "The Wall Street Journal",
    )
)

# Stance values that deny the claimed event.
_DENIED = {"denied"}


# Two articles carry the same copy when one of their sentences about the event shares this share of its
# word trigrams with a sentence of the other (a republished wire story with a new headline or a
# trimmed paragraph); short sentences ("Five people were killed.") are too common to tell.
COPY_MIN_WORDS = 12
COPY_MIN_OVERLAP = 0.8


def event_id_for(anchor: EventMention) -> str:
    """A stable id from the cluster's first mention: its article, trigger offsets and sub-event type."""
    key = (
        f"{anchor.article_hash}:{anchor.trigger_span.start}:{anchor.trigger_span.end}:"
        f"{anchor.sentence_span.start}:{anchor.sub_event_type}"
    )
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _most_common(values: Iterable[str]) -> str:
    """The most frequent non-empty value; ties go to the first seen."""
    present = [v for v in values if v]
    if len(present) <= 1:  # most events have one mention: no counting
        return present[0] if present else ""
    counts: dict[str, int] = {}  # a plain dict counts faster than building a Counter per field
    for v in present:
        counts[v] = counts.get(v, 0) + 1
    top = max(counts.values())
    return next(v for v in counts if counts[v] == top)


def _outlet(m: EventMention) -> str:
    return m.outlet or (m.claim.outlet if m.claim else "")


def _ucdp_date_prec(start: date, end: date) -> int:
    """UCDP date_prec for a range: 1 day, 2 two to six days, 3 a week, 4 a month, 5 longer."""
    days = (end - start).days + 1
    if days <= 1:
        return 1
    if days <= 6:
        return 2
    if days <= 7:
        return 3
    return 4 if days <= 31 else 5


def _fused_dates(ms: list[EventMention]) -> tuple[date | None, date | None, date | None, bool]:
    """event_date (from the most precise mention), the intersection of the ranges if non-empty else
    their union, and whether it is the union."""
    dated = [m for m in ms if m.date_start is not None]
    if not dated:
        return None, None, None, False
    precise = min(dated, key=lambda m: (m.time_precision, m.date_prec))
    ranges = [date_range(m) for m in dated]
    start, end = max(s for s, _ in ranges), min(e for _, e in ranges)
    if start <= end:
        return precise.date_start, start, end, False
    # no common day (possible with max_day_gap > 0): report the whole span
    return precise.date_start, min(s for s, _ in ranges), max(e for _, e in ranges), True


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first; inter1 * 10 for a sole actor."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def _toll(ms: list[EventMention], kind: str) -> tuple[int, int, int]:
    """(low, best, high) across the mentions that report this toll: min low, median best (rounded
    down), max high (UCDP's style; ACLED's `fatalities` is the low).

    Mentions that report no toll (high == 0) are left out: a report that does not count the dead is
    silent, not a report of zero.
    """
    reported = [m for m in ms if getattr(m, f"{kind}_high") > 0]
    if not reported:
        return 0, 0, 0
    low = min(getattr(m, f"{kind}_low") for m in reported)
    best = int(statistics.median(getattr(m, f"{kind}_best") for m in reported))
    high = max(getattr(m, f"{kind}_high") for m in reported)
    return low, max(low, min(best, high)), high


DEATHS_BY_SIDE = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")


def _deaths_by_side(ms: list[EventMention], best: int) -> dict[str, int]:
    """UCDP's deaths per side across the mentions that report the toll: the median of each side, like
    fatalities_best, then made to sum to the fused `best` (a gap is dead of unknown side: the sources
    disagree on who they were; an excess is scaled down in proportion)."""
    reported = [m for m in ms if m.fatalities_high > 0]
    if not reported or best <= 0:
        return dict.fromkeys(DEATHS_BY_SIDE, 0)
    sides = {f: int(statistics.median(getattr(m, f) for m in reported)) for f in DEATHS_BY_SIDE}
    total = sum(sides.values())
    if total < best:
        sides["deaths_unknown"] += best - total
    elif total > best:
        shares = {f: v * best / total for f, v in sides.items()}
        sides = {f: int(v) for f, v in shares.items()}
        for f in sorted(shares, key=lambda f: -(shares[f] - int(shares[f])))[: best - sum(sides.values())]:
            sides[f] += 1
    return sides


def _disagreement(ms: list[EventMention], kind: str, label: str) -> str:
    """ "Sources disagree on fatalities: 12 (AFP) vs 15 (Reuters)" when reported bests differ."""
    by_value: dict[int, list[str]] = {}
    for m in ms:
        best = getattr(m, f"{kind}_best")
        if getattr(m, f"{kind}_high") > 0:
            names = by_value.setdefault(best, [])
            outlet = _outlet(m) or "unnamed source"
            if outlet not in names:
                names.append(outlet)
    if len(by_value) < 2:
        return ""
    parts = [f"{v} ({', '.join(sorted(names))})" for v, names in sorted(by_value.items())]
    return f"Sources disagree on {label}: " + " vs ".join(parts) + "."


def _trim(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)} if len(words) >= COPY_MIN_WORDS else set()


def copy_groups(ms: list[EventMention]) -> list[list[str]]:
    """Articles (hashes) grouped by shared copy: a sentence of one repeats a sentence of the other
    (>= COPY_MIN_OVERLAP of its word trigrams). Order: first appearance."""
    hashes = list(dict.fromkeys(m.article_hash for m in ms))
    if len(hashes) <= 1:  # one article (most events): nothing to compare, no trigrams to build
        return [hashes] if hashes else []
    grams: dict[str, list[set[tuple[str, ...]]]] = {}
    for m in ms:
        g = _trigrams(m.sentence_span.text)
        grams.setdefault(m.article_hash, [])
        if g:
            grams[m.article_hash].append(g)
    parent = {a: a for a in grams}

    def root(a: str) -> str:
        while parent[a] != a:
            a = parent[a]
        return a

    articles = list(grams)
    for i, a in enumerate(articles):
        for b in articles[i + 1:]:
            if any(len(x & y) >= COPY_MIN_OVERLAP * min(len(x), len(y)) for x in grams[a] for y in grams[b]):
                parent[root(b)] = root(a)
    groups: dict[str, list[str]] = {}
    for a in articles:
        groups.setdefault(root(a), []).append(a)
    return list(groups.values())


def independent_sources(ms: list[EventMention]) -> int:
    """Outlets that report the event on their own: a republished copy and a second story from the same
    outlet do not count again."""
    outlets_of = {m.article_hash: _outlet(m) or m.article_hash for m in ms}
    groups = [{outlets_of[a] for a in g} for g in copy_groups(ms)]
    # merge groups sharing an outlet: one outlet's two stories are one source
    merged: list[set[str]] = []
    for g in groups:
        hits = [x for x in merged if x & g]
        for x in hits:
            merged.remove(x)
            g = g | x
        merged.append(g)
    return len(merged)


def _copy_note(ms: list[EventMention]) -> str:
    """ "Same copy: Kyiv Post, Reuters." for each group of articles that repeat one story."""
    outlets_of = {m.article_hash: _outlet(m) or "unnamed source" for m in ms}
    notes = []
    for g in copy_groups(ms):
        names = sorted({outlets_of[a] for a in g}, key=str.casefold)
        if len(names) > 1:
            notes.append("Same copy (counted as one source): " + ", ".join(names) + ".")
    return " ".join(notes)


def _per_reading(ms: list[EventMention]) -> list[EventMention]:
    """One mention per reading (article, sentence, trigger): the events stage hands over one mention per
    place a sentence names, and its toll must not count once per place."""
    best: dict[tuple, EventMention] = {}
    for m in ms:
        key = (m.article_hash, m.sentence_span.start, m.trigger_span.start, m.sub_event_type)
        held = best.get(key)
        if held is None or (m.fatalities_high, m.injuries_high) > (held.fatalities_high, held.injuries_high):
            best[key] = m
    return list(best.values())


def _status(ms: list[EventMention], actor1: str, sources: list[str]) -> str:
    """Disagreement first (denied, contested), then confirmation, then corroboration.

    A denial or a dispute over who acted is what an analyst must see first, so it outranks the rest;
    "confirmed" needs the acting party itself to claim the event (not deny it).
    """
    if any(m.claim and m.claim.stance in _DENIED for m in ms):
        return "denied"
    if len({norm(m.actor1.name) for m in ms if m.actor1}) > 1:
        return "contested"
    if actor1 and any(
        m.claim and m.claim.claimant_actor and norm(m.claim.claimant_actor) == norm(actor1) for m in ms
    ):
        return "confirmed"
    if len(sources) >= 2 and independent_sources(ms) >= 2:
        return "corroborated"
    return "single source"


def _place_rank(m: EventMention) -> tuple[bool, int]:
    assert m.place is not None
    return m.place.latitude is None, m.place.geo_precision


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        if v and v not in seen:
            seen[v] = None
    return list(seen)


def build_event(cluster: list[tuple[int, EventMention]], rules: FusionRules = DEFAULT_RULES) -> Event:
    """Fuse one cluster (mention id, mention) into an `Event`; the first member is the anchor."""
    cluster = sorted(cluster, key=lambda pair: pair[0])
    ms = [m for _, m in cluster]
    first = ms[0]
    actor1 = _most_common(m.actor1.name for m in ms if m.actor1)
    actor2 = _most_common(m.actor2.name for m in ms if m.actor2)
    inter1 = next((m.actor1.inter for m in ms if m.actor1 and m.actor1.name == actor1), None)
    inter2 = next((m.actor2.inter for m in ms if m.actor2 and m.actor2.name == actor2), None)
    event_date, date_start, date_end, is_union = _fused_dates(ms)
    places = [m for m in ms if m.place is not None]
    # the most precise place with coordinates: lowest geo_precision, ties to the earliest mention
    place = min(places, key=_place_rank).place if places else None
    readings = _per_reading(ms)
    f_low, f_best, f_high = _toll(readings, "fatalities")
    i_low, i_best, i_high = _toll(readings, "injuries")
    sources = sorted(set(_outlet(m) for m in ms if _outlet(m)), key=str.casefold)
    notes = [_trim(first.sentence_span.text, rules.max_notes_chars)]
    notes += [_disagreement(readings, "fatalities", "fatalities"),
              _disagreement(readings, "injuries", "injuries")]
    notes.append(_copy_note(ms))
    if sources and any(s.lower() in INTERNATIONAL_OUTLETS for s in sources):
        scale = "International"
    else:
        scale = "National" if sources else ""
    # the best (lowest) precision among the mentions; a union of disjoint ranges is as coarse as its span
    time_precision = min(m.time_precision for m in ms)
    date_prec = min(m.date_prec for m in ms)
    if is_union and date_start and date_end:
        date_prec = max(date_prec, _ucdp_date_prec(date_start, date_end))
    return Event(
        event_id=event_id_for(first),
        event_type=_most_common(m.event_type for m in ms),
        sub_event_type=_most_common(m.sub_event_type for m in ms),
        disorder_type=_most_common(m.disorder_type for m in ms),
        event_date=event_date,
        date_start=date_start,
        date_end=date_end,
        time_precision=time_precision,
        date_prec=date_prec,
        plover_type=_most_common(m.plover_type for m in ms),
        plover_mode=_most_common(m.plover_mode for m in ms),
        actor1=actor1,
        assoc_actor_1="; ".join(_unique(a.name for m in ms for a in m.assoc_actor_1)),
        inter1=inter1,
        actor2=actor2,
        assoc_actor_2="; ".join(_unique(a.name for m in ms for a in m.assoc_actor_2)),
        inter2=inter2,
        interaction=_interaction(inter1, inter2),
        civilian_targeting=any(m.civilian_targeting for m in ms),
        place=place,
        fatalities_low=f_low,
        fatalities_best=f_best,
        fatalities_high=f_high,
        injuries_low=i_low,
        injuries_best=i_best,
        injuries_high=i_high,
        **_deaths_by_side(readings, f_best),
        sources=sources,
        source_scale=scale,
        claimants=_unique(m.claim.claimant for m in ms if m.claim),
        status=_status(ms, actor1, sources),
        notes=" ".join(n for n in notes if n),
        mention_ids=[mid for mid, _ in cluster],
        sentences=_unique(" ".join(m.sentence_span.text.split()) for m in ms),
    )


