"""RAND Database of Worldwide Terrorism Incidents (as shipped in the exdex R package): one incident a row."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Incident:
    row_id: str
    date: str
    city: str
    country: str
    perpetrator: str
    weapon: str
    injuries: int | None  # None when the cell is empty or not a number
    fatalities: int | None
    description: str


def _count(cell: str | None) -> int | None:
    cell = (cell or "").strip().replace(",", "")
    return int(cell) if cell.isdigit() else None


def iter_incidents(path: Path) -> Iterator[Incident]:
    """Incidents of one CSV file (gzip-compressed when it ends in .gz)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield Incident(
                row_id=row.get("row_id", ""),
                date=row.get("Date", ""),
                city=row.get("City", ""),
                country=row.get("Country", ""),
                perpetrator=row.get("Perpetrator", ""),
                weapon=row.get("Weapon", ""),
                injuries=_count(row.get("Injuries")),
                fatalities=_count(row.get("Fatalities")),
                description=(row.get("Description") or "").strip(),
            )


def load(path: Path, limit: int | None = None) -> list[Incident]:
    """At most `limit` incidents of one file, in file order."""
    out: list[Incident] = []
    for inc in iter_incidents(path):
        if limit is not None and len(out) >= limit:
            break
        out.append(inc)
    return out
