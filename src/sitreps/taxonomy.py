"""ACLED's event taxonomy and its mappings to PLOVER and CASE 2021, read from `data/taxonomy.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class SubEventType:
    sub_event_type: str
    event_type: str
    disorder_type: str
    plover_type: str
    plover_mode: str
    case2021: str


@lru_cache(maxsize=1)
def sub_event_types() -> dict[str, SubEventType]:
    """All 25 ACLED sub-event types by name."""
    data = yaml.safe_load(resources.files("sitreps.data").joinpath("taxonomy.yaml").read_text("utf-8"))
    out = {}
    for name, row in data["sub_event_types"].items():
        plover_type, plover_mode = row["plover"]
        out[name] = SubEventType(
            name, row["event_type"], row["disorder_type"], plover_type, plover_mode, row["case2021"]
        )
    return out


def lookup(sub_event_type: str) -> SubEventType:
    """The taxonomy row of a sub-event type; KeyError for a name that is not ACLED's."""
    return sub_event_types()[sub_event_type]


def event_types() -> list[str]:
    """ACLED's six event types, in taxonomy order."""
    seen: list[str] = []
    for row in sub_event_types().values():
        if row.event_type not in seen:
            seen.append(row.event_type)
    return seen
