"""State actors named for the government of their time, as ACLED names them.

ACLED closes a state's actor names when its government changes: an air strike in 2015 is by "Military
Forces of Syria (2000-2024)", one in 2025 by "Military Forces of Syria (2024-)"; a US strike in 2019 by
"Military Forces of the United States (2017-2021)". The actors stage names state actors with the current
period (`period` in data/actors.yaml); this step renames them for the time each belongs to: an event's
actors by the event's date, every other mention (claimants, actor mentions) by the publication date. A
period's first day decides (`period_starts` where a handover came late in a year: Assad's fall on 8 December
2024, US inaugurations on 20 January), else 1 January of its first year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sitreps.model import Actor, ActorMention, Claim, DateMention, EventMention
from sitreps.stages.actors import Country, get_actor_dictionary


def _start(country: Country, period: str) -> date:
    """The first day of a period: its `period_starts` day, else 1 January of its first year."""
    day = dict(country.period_starts).get(period)
    if day:
        return date.fromisoformat(day)
    head = period.split("-", 1)[0].strip()
    return date(int(head), 1, 1) if head.isdigit() else date.min


def period_for(country: Country, when: date) -> str:
    """The period suffix ("2000-2024") that names `country`'s state actors on `when`."""
    periods = [p for p in (*country.earlier_periods, country.period) if p]
    started = [p for p in periods if _start(country, p) <= when]
    if not started:
        return periods[0] if periods else ""
    return max(started, key=lambda p: _start(country, p))


def dated_name(name: str, country_code: str, when: date | None) -> str:
    """`name` with its country's current period swapped for the one in force at `when`."""
    if when is None or not country_code:
        return name
    country = get_actor_dictionary().countries.get(country_code)
    if country is None or not country.period or not country.earlier_periods:
        return name
    current = f"({country.period})"
    if current not in name:
        return name
    return name.replace(current, f"({period_for(country, when)})", 1)


def dated_actor(actor: Actor | None, when: date | None) -> Actor | None:
    """The actor under the name its state bore at `when` (non-state actors are unchanged)."""
    if actor is None or actor.actor_type != "state":
        return actor
    name = dated_name(actor.name, actor.country, when)
    return actor if name == actor.name else replace(actor, name=name)


def _claimant_name(name: str, when: date | None) -> str:
    if not name or when is None:
        return name
    actor = get_actor_dictionary().actors.get(name)
    return dated_actor(actor, when).name if actor is not None else name  # type: ignore[union-attr]


def stamp_periods(
    actors: list[ActorMention],
    claims: list[Claim],
    mentions: list[EventMention],
    published: date | None,
    dates: Sequence[DateMention] = (),
) -> None:
    """Rename state actors in place for their time: events by their date, the rest by `published`; without
    a publication date, by the latest date the text itself tells (a report of 2015 with no metadata is
    still about 2015), else under the current names."""
    if published is None:
        told = [d.date_start for d in dates if d.resolved and d.date_start is not None]
        published = max(told) if told else None
    for a in actors:
        a.actor = dated_actor(a.actor, published)  # type: ignore[assignment]
    seen: set[int] = set()
    for c in claims + [m.claim for m in mentions if m.claim is not None]:
        if id(c) not in seen:
            seen.add(id(c))
            c.claimant_actor = _claimant_name(c.claimant_actor, published)
    for m in mentions:
        when = m.date_start or published
        m.actor1 = dated_actor(m.actor1, when)
        m.actor2 = dated_actor(m.actor2, when)
        m.assoc_actor_1 = [dated_actor(a, when) for a in m.assoc_actor_1]  # type: ignore[misc]
        m.assoc_actor_2 = [dated_actor(a, when) for a in m.assoc_actor_2]  # type: ignore[misc]
