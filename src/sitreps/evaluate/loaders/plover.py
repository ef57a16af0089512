"""PLOVER gold-standard records: a JSON array of coded sentences (`event`, `source`, `target`, `text`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PloverActor:
    text: str  # actorText as it stands in the sentence
    code: str  # country ISO3 code, or IGO/NGO/...
    sector: str = ""


@dataclass
class PloverRecord:
    id: str
    text: str
    event: str  # PLOVER event type, e.g. ASSAULT
    mode: str
    source: list[PloverActor]
    target: list[PloverActor]


def _actors(value: object) -> list[PloverActor]:
    # `target` is sometimes "" or a bare word instead of a list of actors: no coded actor then
    if not isinstance(value, list):
        return []
    return [
        PloverActor(str(a.get("actorText", "")), str(a.get("code", "")), str(a.get("sector", "")))
        for a in value
        if isinstance(a, dict)
    ]


def load_plover(path: Path) -> list[PloverRecord]:
    """Coded sentences; the DOCUMENT records (file documentation) and records without text are skipped."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out: list[PloverRecord] = []
    for rec in data if isinstance(data, list) else []:
        if rec.get("event") == "DOCUMENT" or not rec.get("text"):
            continue
        out.append(
            PloverRecord(
                str(rec.get("id", "")),
                rec["text"],
                str(rec["event"]),
                str(rec.get("mode", "") or ""),
                _actors(rec.get("source")),
                _actors(rec.get("target")),
            )
        )
    return out
