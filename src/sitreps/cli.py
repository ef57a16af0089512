"""The `sitreps` command line; each command mirrors a function of the Python API (see sitreps/__init__.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitreps import DEFAULT_DB, __version__
from sitreps.model import Article, ArticleAnalysis, Event, EventMention, ItemError, to_jsonable

EXPORT_FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")


def _console(stderr: bool = False) -> Console:
    return Console(
        stderr=stderr, highlight=False, soft_wrap=False, width=160 if not sys.stdout.isatty() else None
    )


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


def _actors(m: EventMention | Event) -> tuple[str, str]:
    if isinstance(m, EventMention):
        return (m.actor1.name if m.actor1 else "", m.actor2.name if m.actor2 else "")
    return m.actor1, m.actor2


def _date_text(start: date | None, end: date | None, resolved: bool = True) -> str:
    if start is None:
        return "unresolved" if not resolved else ""
    return start.isoformat() if end in (None, start) else f"{start.isoformat()}..{end.isoformat()}"


def _toll_text(low: int, best: int, high: int) -> str:
    return str(best) if low == best == high else f"{low}/{best}/{high}"


def _mentions_table(analysis: ArticleAnalysis) -> Table:
    table = Table(title=f"{len(analysis.mentions)} events", show_lines=False)
    for col in (
        "date",
        "type",
        "location",
        "lat,lon",
        "actor1",
        "actor2",
        "killed",
        "claimed by",
        "sentence",
    ):
        table.add_column(col, overflow="fold")
    for m in analysis.mentions:
        a1, a2 = _actors(m)
        where = (
            m.place.name + (f" ({m.place.country})" if m.place and m.place.country else "") if m.place else ""
        )
        latlon = (
            f"{m.place.latitude:.3f},{m.place.longitude:.3f}"
            if m.place and m.place.latitude is not None
            else ""
        )
        claim = f"{m.claim.claimant} [{m.claim.stance}]" if m.claim else (m.outlet or "")
        table.add_row(
            _date_text(m.date_start, m.date_end, m.date_resolved),
            m.sub_event_type,
            where,
            latlon,
            a1,
            a2,
            _toll_text(m.fatalities_low, m.fatalities_best, m.fatalities_high),
            claim,
            m.sentence_span.text[:120],
        )
    return table


def _events_table(rows: list[Event]) -> Table:
    table = Table(title=f"{len(rows)} events")
    for col in ("id", "date", "type", "location", "actor1", "actor2", "fatalities", "status", "sources"):
        table.add_column(col, overflow="fold")
    for e in rows:
        where = f"{e.place.name} ({e.place.country})" if e.place else ""
        table.add_row(
            e.event_id,
            _date_text(e.date_start, e.date_end),
            e.sub_event_type,
            where,
            e.actor1,
            e.actor2,
            _toll_text(e.fatalities_low, e.fatalities_best, e.fatalities_high),
            e.status,
            "; ".join(e.sources),
        )
    return table


def cmd_extract(args: argparse.Namespace) -> int:
    from sitreps.pipeline import analyse
    from sitreps.readers import iter_articles

    status = 0
    for item in iter_articles([args.file]):
        if isinstance(item, ItemError):
            _console(stderr=True).print(f"[red]error[/red] {item.path}: {item.reason}")
            status = 1
            continue
        analysis = analyse(item, published=args.published)
        if args.json:
            print(json.dumps(_analysis_json(analysis), ensure_ascii=False, indent=2))
        else:
            console = _console()
            head = item.title or item.path
            pub = item.published.isoformat() if item.published else "unknown"
            console.print(
                f"[bold]{head}[/bold]  published {pub} ({item.published_source}), outlet {item.outlet or '?'}"
            )
            for w in analysis.warnings:
                console.print(f"[yellow]warning[/yellow] {w}")
            console.print(_mentions_table(analysis))
    return status


def cmd_arguments(args: argparse.Namespace) -> int:
    """The fillers of one event word of a report (`sitreps.arguments`)."""
    import dataclasses

    from sitreps import arguments, trigger_chars
    from sitreps.readers import iter_articles

    items = list(iter_articles([args.file]))
    article = next((i for i in items if not isinstance(i, ItemError)), None)
    if article is None:
        reason = items[0].reason if items else "no report in the file"
        _console(stderr=True).print(f"[red]error[/red] {args.file}: {reason}")
        return 1
    try:
        trigger = tuple(int(x) for x in args.span.split(":", 1)) if args.span else args.trigger
        start, end = trigger_chars(article.text, trigger, args.occurrence)  # type: ignore[arg-type]
        found = arguments(article.text, (start, end), published=article.published)
    except ValueError as exc:
        _console(stderr=True).print(f"[red]error[/red] {exc}")
        return 2
    roles = {f.name: [to_jsonable(s) for s in getattr(found, f.name)] for f in dataclasses.fields(found)}
    if args.json:
        print(json.dumps({"trigger": {"start": start, "end": end, "text": article.text[start:end]}} | roles,
                         ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    table = Table(title=f"arguments of {article.text[start:end]!r} at {start}:{end}")
    table.add_column("role")
    table.add_column("fillers")
    for role, spans in roles.items():
        table.add_row(role, "; ".join(f"{s['text']} ({s['start']}:{s['end']})" for s in spans) or "-")
    _console().print(table)
    return 0


def _analysis_json(analysis: ArticleAnalysis) -> dict:
    art: Article = analysis.article
    return {
        "article": {
            "title": art.title,
            "outlet": art.outlet,
            "published": art.published.isoformat() if art.published else None,
            "published_source": art.published_source,
            "url": art.url,
            "path": art.path,
            "content_hash": art.content_hash,
        },
        "events": [to_jsonable(m) for m in analysis.mentions],
        "claims": [to_jsonable(c) for c in analysis.claims],
        "warnings": analysis.warnings,
    }


def cmd_ingest(args: argparse.Namespace) -> int:
    from sitreps.pipeline import ingest_articles, iter_inputs
    from sitreps.store import Store

    console = _console(stderr=True)
    with Store(args.db) as store:
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
            disable=args.quiet,
        ) as progress:
            task = progress.add_task("ingesting", total=None)

            def on_item(item):
                name = Path(item.path).name if item.path else "?"
                progress.update(task, advance=1, description=f"ingesting {name[:40]}")

            report = ingest_articles(
                iter_inputs(args.paths), store, published=args.published, on_item=on_item
            )
        for err in report.errors:
            console.print(f"[red]error[/red] {err.path}: {err.reason}")
        for path, w in report.warnings:
            console.print(f"[yellow]warning[/yellow] {path}: {w}")
        console.print(
            f"read {report.articles_read} articles: {report.articles_stored} stored, "
            f"{report.duplicates} already stored, {len(report.errors)} errors; "
            f"{report.mentions} event mentions -> {report.events} events in {args.db}"
        )
        if not args.quiet:
            _print_summary(store.summary())
    return 0 if report.articles_read or not report.errors else 1


def _print_summary(summary: dict) -> None:
    console = _console()
    console.print(
        f"[bold]{summary.get('articles', 0)}[/bold] articles, {summary.get('mentions', 0)} mentions, "
        f"[bold]{summary.get('events', 0)}[/bold] events, {summary.get('errors', 0)} errors"
    )
    for key, title in (("by_event_type", "events per type"), ("by_location", "events per place"),
                       ("by_source", "events per source")):  # fmt: skip
        rows = summary.get(key) or {}
        if not rows:
            continue
        table = Table(title=title)
        table.add_column(title.split(" per ")[1])
        table.add_column("events", justify="right")
        items = rows.items() if isinstance(rows, dict) else rows
        for name, n in items:
            table.add_row(str(name), str(n))
        console.print(table)


def _filters(args: argparse.Namespace) -> dict:
    filters = {
        "since": args.since,
        "until": args.until,
        "event_type": args.type,
        "actor": args.actor,
        "country": args.country,
    }
    if args.near:
        from sitreps.gazetteer import get_gazetteer

        candidates = get_gazetteer().candidates(args.near)
        located = [c for c in candidates if c.latitude is not None]
        if not located:
            raise SystemExit(f"sitreps: --near: no place called {args.near!r} in the gazetteer")
        filters["near"] = (located[0].latitude, located[0].longitude)
        filters["radius_km"] = args.radius
    return filters


def cmd_events(args: argparse.Namespace) -> int:
    from sitreps.store import Store

    with Store(args.db) as store:
        rows = store.events(**_filters(args), limit=args.limit)
    if args.json:
        for e in rows:
            print(json.dumps(to_jsonable(e), ensure_ascii=False))
    else:
        _console().print(_events_table(rows))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from sitreps import exports as exporter
    from sitreps.store import Store

    with Store(args.db) as store:
        rows = store.events(**_filters(args))
    if args.output != "-":
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    exporter.export(rows, args.format, args.output)
    if args.output != "-":
        _console(stderr=True).print(f"wrote {len(rows)} events to {args.output} ({args.format})")
    return 0


def cmd_map(args: argparse.Namespace) -> int:
    from sitreps.mapview import write_map
    from sitreps.store import Store

    with Store(args.db) as store:
        rows = store.events(**_filters(args))
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    write_map(rows, args.output)
    placed = sum(1 for e in rows if e.place is not None and e.place.latitude is not None)
    _console(stderr=True).print(
        f"wrote a map of {placed} placed events ({len(rows)} in all) to {args.output}"
    )
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    from sitreps.claim_records import query_claims
    from sitreps.store import Store

    with Store(args.db) as store:
        rows = query_claims(
            store, speaker=args.speaker, stance=args.stance, about=args.about, limit=args.limit
        )
    if args.json:
        print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        actor = f" [{r.claimant_actor}]" if r.claimant_actor and r.claimant_actor != r.claimant else ""
        where = " | ".join(x for x in (r.outlet, r.published, r.title) if x)
        print(f"{r.stance:11} {r.claimant}{actor} ({r.cue}): {r.content or '-'}")
        if where:
            print(f"{'':11} in {where}")
    print(f"{len(rows)} claims", file=sys.stderr)
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from sitreps.store import Store

    with Store(args.db) as store:
        summary = store.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    else:
        _print_summary(summary)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from sitreps import evaluate

    names = evaluate.available(args.data) if args.task == "all" else [args.task]
    if not names:
        print(f"sitreps: no gold data for any task under {args.data}", file=sys.stderr)
        return 2
    results = []
    for name in names:
        try:
            results.append(evaluate.run(name, args.data, limit=args.limit))
        except (FileNotFoundError, KeyError) as exc:
            print(f"sitreps: {exc}", file=sys.stderr)
            return 2
    if args.json:
        out = [r.to_json() for r in results]
        print(json.dumps(out[0] if len(out) == 1 else out, ensure_ascii=False, indent=2))
        return 0
    console = _console()
    for r in results:
        metrics = sorted({k for m in [*r.sets.values(), r.overall] for k in m})
        table = Table(title=f"{r.task} ({r.data})")
        table.add_column("set")
        for k in metrics:
            table.add_column(k, justify="right")
        for name, m in [*r.sets.items(), ("overall", r.overall)]:
            table.add_row(name, *[_metric_text(m.get(k)) for k in metrics])
        console.print(table)
        for title, rows in r.details.items():
            console.print(f"[bold]{title}[/bold]")
            if isinstance(rows, dict):
                for key, value in rows.items():
                    console.print(f"  {key}: {_metric_text(value)}")
            else:
                for row in rows:
                    console.print("  " + " | ".join(_metric_text(v) for v in row))
    return 0


def _metric_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", type=_date_arg, help="events on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", type=_date_arg, help="events on or before this date")
    p.add_argument("--type", help="event type or sub-event type (case-insensitive)")
    p.add_argument("--actor", help="actor name contains this (case-insensitive)")
    p.add_argument("--country", help="country name or ISO alpha-2 code")
    p.add_argument("--near", metavar="PLACE", help="events near this place (looked up in the gazetteer)")
    p.add_argument("--radius", type=float, default=50.0, metavar="KM", help="radius for --near (default 50)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitreps", description=__doc__)
    parser.add_argument("--version", action="version", version=f"sitreps {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="events of one report, as a table or JSON (nothing is stored)")
    p.add_argument("file", help="a report: .txt, .jsonl, .html, .rss/.atom or .warc")
    p.add_argument("--published", type=_date_arg, help="publication date when the file has none")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("arguments", help="who did it, to whom, where, with what: one event word's fillers")
    p.add_argument("file", help="a report: .txt, .jsonl, .html, .rss/.atom or .warc (its first article)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--trigger", help="the event word or phrase, e.g. 'killed' or 'the attack'")
    which.add_argument("--span", help="the event word's characters, START:END")
    p.add_argument("--occurrence", type=int, default=1, help="which match of --trigger (default: the first)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_arguments)

    p = sub.add_parser("ingest", help="read files, folders or globs into the database and fuse events")
    p.add_argument("paths", nargs="+")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--published", type=_date_arg, help="publication date for reports that have none")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("events", help="query the fused events")
    p.add_argument("--db", default=DEFAULT_DB)
    _add_filters(p)
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("export", help="write the events as ACLED-column CSV, GeoJSON, JSON Lines or Parquet")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--format", choices=EXPORT_FORMATS, default="acled-csv")
    p.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    _add_filters(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("map", help="write a self-contained offline HTML map of the events")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("-o", "--output", default="map.html")
    _add_filters(p)
    p.set_defaults(func=cmd_map)

    p = sub.add_parser("evaluate", help="score sitreps on gold data (see docs in sitreps.evaluate)")
    p.add_argument("task", help="geoparse, timex, fatalities, event-type, event-location, arguments, "
                   "attribution, plover, seed, fusion, or all")  # fmt: skip
    p.add_argument("--data", required=True, help="folder holding the gold data sets")
    p.add_argument("--limit", type=int, help="at most N records (documents) per set")
    p.add_argument("--json", action="store_true", help="one JSON object of metrics")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("claims", help="stored claims by speaker, stance or what they are about")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--speaker", help="part of the claimant's name or actor (case-insensitive)")
    p.add_argument("--stance", choices=["asserted", "claimed", "denied", "disputed", "unconfirmed"])
    p.add_argument("--about", help="a word or phrase in what is claimed (case-insensitive)")
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_claims)

    p = sub.add_parser("summary", help="counts of articles, events per type, place and source")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    needs_db = args.command in ("events", "export", "map", "summary")
    if needs_db and not Path(args.db).exists():
        print(
            f"sitreps: no database at {args.db}; run `sitreps ingest PATH --db {args.db}` first",
            file=sys.stderr,
        )
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
