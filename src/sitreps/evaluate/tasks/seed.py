"""`seed`: the events sitreps reads in the seed reports, as a table for people to check (no gold, no score).

Each seed file is read as `sitreps ingest` reads it (the same reader and publication-date rules) and
analysed by the whole pipeline; `sets` holds counts per file, `details` one table per file.
"""

from __future__ import annotations

from pathlib import Path

from sitreps.evaluate import TaskResult
from sitreps.model import EventMention

# the seed reports sit beside the gold data (../seeds) or inside the data folder (seeds/)
PATTERN = ["../seeds/*.txt", "seeds/*.txt"]
HEADER = (
    "trigger",
    "sub_event_type",
    "actor1",
    "actor2",
    "place",
    "lat, lon",
    "date",
    "killed (l/b/h)",
    "injured",
    "claimed by (stance)",
)


def event_row(m: EventMention) -> tuple[str, ...]:
    """One mention as a row of the printed table."""
    place = m.place
    where = f"{place.latitude:.2f}, {place.longitude:.2f}" if place and place.latitude is not None else "-"
    if m.date_start and m.date_end and m.date_start != m.date_end:
        when = f"{m.date_start.isoformat()}..{m.date_end.isoformat()}"
    else:
        when = m.date_start.isoformat() if m.date_start else "-"
    claim = f"{m.claim.claimant} ({m.claim.stance})" if m.claim else "-"
    return (
        m.trigger_span.text,
        m.sub_event_type,
        m.actor1.name if m.actor1 else "-",
        m.actor2.name if m.actor2 else "-",
        place.name if place else "-",
        where,
        when,
        f"{m.fatalities_low}/{m.fatalities_best}/{m.fatalities_high}",
        str(m.injuries_best),
        claim,
    )


def evaluate(files: list[Path], limit: int | None) -> TaskResult:
    """Extract every seed report (at most `limit` files) and tabulate its event mentions."""
    from sitreps.model import ItemError
    from sitreps.pipeline import analyse, iter_inputs

    result = TaskResult("seed", "")
    files = files if limit is None else files[:limit]
    n_events = n_killed = 0
    for path in files:
        for item in iter_inputs([path]):
            if isinstance(item, ItemError):
                result.details[f"{path.name}: not read"] = [(item.reason,)]
                continue
            try:
                analysis = analyse(item)
            except Exception as exc:  # show the failure in the table instead of stopping `evaluate all`
                result.details[f"{path.name}: pipeline failed"] = [(f"{type(exc).__name__}: {exc}",)]
                continue
            rows = [event_row(m) for m in analysis.mentions]
            killed = sum(m.fatalities_best for m in analysis.mentions)
            result.sets[path.name] = {
                "events": len(rows),
                "places": len(analysis.places),
                "dates": len(analysis.dates),
                "tolls": len(analysis.tolls),
                "claims": len(analysis.claims),
                "killed_best_sum": killed,
            }
            published = item.published.isoformat() if item.published else "unknown"
            result.details[f"{path.name} (published {published})"] = [HEADER, *rows]
            n_events += len(rows)
            n_killed += killed
    result.overall = {"files": len(result.sets), "events": n_events, "killed_best_sum": n_killed}
    return result
