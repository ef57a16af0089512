"""`sitreps evaluate fusion`: does fusion put the reports of one incident, and only those, together?

Every report of a set (one JSONL file, see `loaders.fusion`) is read by the real JSONL reader and
ingested into a fresh temporary SQLite store, exactly as `sitreps ingest` would; the store fuses the
mentions into events. The clustering scored is of *reports*: two reports are together in the
prediction when some fused event has mentions from both, and in the gold when they share an incident
key. A report may sit in several events (a round-up of two incidents; a background event it also
mentions), so "together" need not be transitive, and the scores are defined on it directly:

- pairwise precision/recall/F1 over unordered pairs of distinct reports;
- B-cubed (Bagga and Baldwin 1998) on each report's neighbourhood (itself and every report together
  with it): precision |pred & gold| / |pred|, recall |pred & gold| / |gold|, averaged over reports.
  For two partitions this is the usual B-cubed; extra single-report events do not change it.

Also counted: fused events, events with mentions from two or more reports (`multi_report_events`),
events that join reports of different incidents (`merging_events`), and incidents that came out as
exactly one event (some event's reports are exactly the incident's reports).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path

from sitreps.evaluate import TaskResult
from sitreps.evaluate.loaders.fusion import FusionReport, load_fusion
from sitreps.evaluate.scoring import PRF
from sitreps.model import Event

PATTERN = "fusion/*.jsonl"
MAX_LISTED_EVENTS = 10

Groups = Mapping[str, Iterable[str]]  # cluster key (incident key or event id) -> report ids


# ---------------------------------------------------------------------------------------- scoring


def together_pairs(groups: Groups) -> set[frozenset[str]]:
    """Unordered pairs of distinct reports that share at least one group."""
    pairs: set[frozenset[str]] = set()
    for members in groups.values():
        for a, b in combinations(sorted(set(members)), 2):
            pairs.add(frozenset((a, b)))
    return pairs


def pairwise_prf(gold: Groups, predicted: Groups, loose: Groups | None = None) -> PRF:
    """Pairwise counts: a pair together in both is a true positive, in the prediction only a false one.

    `loose` is the gold with back-references added (incident -> reports describing it or referring
    back to it); a predicted pair that is together only in `loose` counts neither way.
    """
    g, p = together_pairs(gold), together_pairs(predicted)
    neutral = together_pairs(loose) - g if loose else set()
    return PRF(len(p & g), len(p - g - neutral), len(g - p))


def neighbourhoods(groups: Groups, reports: Iterable[str]) -> dict[str, set[str]]:
    """Each report with every report it shares a group with, itself included (alone if in no group)."""
    out = {r: {r} for r in reports}
    for members in groups.values():
        members = set(members)
        for r in members:
            out.setdefault(r, {r}).update(members)
    return out


def bcubed(
    gold: Groups, predicted: Groups, reports: Iterable[str], loose: Groups | None = None
) -> tuple[float, float]:
    """B-cubed (precision, recall) over `reports`, on neighbourhoods (see the module docstring).

    Neighbours linked only through `loose` (back-references) are left out of the predicted one.
    """
    reports = list(dict.fromkeys(reports))
    if not reports:
        return 0.0, 0.0
    g, p = neighbourhoods(gold, reports), neighbourhoods(predicted, reports)
    lo = neighbourhoods(loose, reports) if loose else g
    precision = recall = 0.0
    for r in reports:
        pred = p[r] - (lo[r] - g[r])
        precision += len(pred & g[r]) / len(pred)
        recall += len(p[r] & g[r]) / len(g[r])
    return precision / len(reports), recall / len(reports)


def score_clustering(
    gold: Groups, predicted: Groups, reports: Iterable[str], loose: Groups | None = None
) -> dict[str, float | int]:
    """Pairwise and B-cubed scores, and counts of events and of incidents recovered exactly.

    An incident is recovered exactly when some event's reports hold all of the incident's reports and
    nothing else (reports that refer back to it, in `loose`, may be there too).
    """
    reports = list(dict.fromkeys(reports))
    loose = loose or gold
    pair = pairwise_prf(gold, predicted, loose)
    b_p, b_r = bcubed(gold, predicted, reports, loose)
    pred_sets = [frozenset(v) for v in predicted.values()]
    incident_of: dict[str, set[str]] = {}
    for key, members in loose.items():
        for r in members:
            incident_of.setdefault(r, set()).add(key)
    multi = [s for s in pred_sets if len(s) >= 2]
    merging = [s for s in multi if not set.intersection(*(incident_of.get(r, set()) for r in s))]

    def recovered(key: str) -> bool:
        core, allowed = set(gold[key]), set(loose.get(key, ())) | set(gold[key])
        return any(core <= s <= allowed for s in pred_sets)

    multi_incidents = [k for k, v in gold.items() if len(set(v)) >= 2]
    return {
        "pair_p": pair.precision,
        "pair_r": pair.recall,
        "pair_f1": pair.f1,
        "pairs_gold": int(pair.tp + pair.fn),
        "pairs_pred_scored": int(pair.tp + pair.fp),
        "b3_p": b_p,
        "b3_r": b_r,
        "b3_f1": 2 * b_p * b_r / (b_p + b_r) if b_p + b_r else 0.0,
        "reports": len(reports),
        "incidents": len(gold),
        "events": len(pred_sets),
        "multi_report_events": len(multi),
        "merging_events": len(merging),
        "incidents_exact": sum(1 for k in gold if recovered(k)),
        "multi_report_incidents": len(multi_incidents),
        "multi_report_incidents_exact": sum(1 for k in multi_incidents if recovered(k)),
    }


# ---------------------------------------------------------------------------------------- ingestion


def fuse_reports(reports: list[FusionReport]) -> tuple[dict[str, set[str]], list[Event], list[str]]:
    """Ingest the reports into a temporary store; (event id -> report ids, events, ingest errors)."""
    from sitreps.pipeline import ingest_articles
    from sitreps.readers import read_jsonl
    from sitreps.store import Store

    wanted = {(r.path, r.line): r.id for r in reports}
    report_of_path: dict[str, str] = {}
    articles = []
    for path in dict.fromkeys(r.path for r in reports):
        for item in read_jsonl(path):  # the reader `sitreps ingest` uses, so metadata is read the same way
            where = getattr(item, "path", "")
            file_part, _, line = where.rpartition(":")
            key = (Path(file_part), int(line)) if line.isdigit() else None
            if key in wanted:  # bad lines go in too: the ingest records them as errors
                articles.append(item)
                report_of_path[where] = wanted[key]
    with (
        tempfile.TemporaryDirectory(prefix="sitreps-fusion-") as tmp,
        Store(Path(tmp) / "fusion.db") as store,
    ):
        report = ingest_articles(articles, store)
        report_of_mention: dict[int, str] = {}
        for article_id, article in store.articles():
            rid = report_of_path.get(article.path)
            if rid is None:
                continue
            for mention_id, _ in store.mention_rows(article_id):
                report_of_mention[mention_id] = rid
        events = store.events()
    groups = {
        ev.event_id: {report_of_mention[m] for m in ev.mention_ids if m in report_of_mention} for ev in events
    }
    errors = [f"{e.path}: {e.reason}" for e in report.errors]
    return groups, events, errors


def _event_row(ev: Event, reports: set[str], incidents: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    place = ev.place
    where = f"{place.name} ({place.country_code})" if place else "-"
    when = ev.event_date.isoformat() if ev.event_date else "-"
    gold = sorted({k for r in reports for k in incidents.get(r, ())})
    return (
        ", ".join(sorted(reports)),
        ", ".join(gold),
        ", ".join(ev.sources) or "-",
        where,
        when,
        ev.sub_event_type,
    )


def missed_incidents(gold: Groups, loose: Groups, predicted: Groups) -> list[tuple[str, str, str]]:
    """Multi-report incidents not recovered as one event: (incident, its reports, the report groups
    that the events holding them form), for a reader to see splits and merges."""
    rows: list[tuple[str, str, str]] = []
    for key, members in sorted(gold.items()):
        core, allowed = set(members), set(loose.get(key, ())) | set(members)
        if len(core) < 2 or any(core <= set(s) <= allowed for s in predicted.values()):
            continue
        touching = sorted({tuple(sorted(s)) for s in predicted.values() if core & set(s)})
        groups = "; ".join("{" + ", ".join(t) + "}" for t in touching) or "no event"
        rows.append((key, ", ".join(sorted(core)), groups))
    return rows


def evaluate(files: list[Path], limit: int | None) -> TaskResult:
    """Ingest each set (file) into its own store, fuse, and score the clustering of its reports."""
    result = TaskResult("fusion", "")
    all_gold: dict[str, set[str]] = {}
    all_loose: dict[str, set[str]] = {}
    all_pred: dict[str, set[str]] = {}
    all_reports: list[str] = []
    listed: list[tuple[int, tuple[str, ...]]] = []
    missed: list[tuple[str, str, str]] = []
    errors: list[str] = []
    for path in files:
        reports = load_fusion(path)
        reports = reports[:limit] if limit else reports
        gold: dict[str, set[str]] = {}
        loose: dict[str, set[str]] = {}
        for r in reports:
            for key in r.incidents:
                gold.setdefault(key, set()).add(r.id)
                loose.setdefault(key, set()).add(r.id)
            for key in r.also_mentions:
                loose.setdefault(key, set()).add(r.id)
        predicted, events, set_errors = fuse_reports(reports)
        errors += set_errors
        ids = [r.id for r in reports]
        result.sets[path.name] = score_clustering(gold, predicted, ids, loose)
        # pool the sets: reports of different files are never paired
        all_gold.update({f"{path.name}/{k}": {f"{path.name}/{r}" for r in v} for k, v in gold.items()})
        all_loose.update({f"{path.name}/{k}": {f"{path.name}/{r}" for r in v} for k, v in loose.items()})
        all_pred.update({f"{path.name}/{k}": {f"{path.name}/{r}" for r in v} for k, v in predicted.items()})
        all_reports += [f"{path.name}/{r}" for r in ids]
        missed += missed_incidents(gold, loose, predicted)
        incidents = {r.id: r.incidents for r in reports}
        listed += [(len(predicted[ev.event_id]), _event_row(ev, predicted[ev.event_id], incidents))
                   for ev in events]
    result.overall = score_clustering(all_gold, all_pred, all_reports, all_loose)
    result.overall["errors"] = len(errors)
    # the events most worth a look: those fusing the most reports first
    listed.sort(key=lambda pair: -pair[0])
    header = ("reports", "gold incidents", "sources", "place", "date", "sub_event_type")
    result.details[f"fused events (up to {MAX_LISTED_EVENTS}, most reports first)"] = [
        header, *[row for _, row in listed[:MAX_LISTED_EVENTS]]
    ]
    result.details["incidents not recovered as one event"] = [
        ("incident", "reports", "events holding them (as report sets)"), *missed
    ]
    if errors:
        result.details["ingest errors"] = [(e,) for e in errors[:20]]
    return result
