"""MUC-4 templates as JSON: `{doc_id: {"doc": text, "roles": {slot: [[mention, alternative...], ...]}}}`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# the five slots of the usual MUC-4 template-filling setup, under the names the issue reports them
SLOTS: dict[str, str] = {
    "perp_individual_id": "perp_individual",
    "perp_organization_id": "perp_org",
    "phys_tgt_id": "target",
    "hum_tgt_name": "victim",
    "incident_instrument_id": "weapon",
}


@dataclass
class MucDocument:
    doc_id: str
    text: str
    slots: dict[str, list[list[str]]]  # slot -> entities, each a list of alternative mention strings


def load_muc4(path: Path) -> list[MucDocument]:
    """Every document; slot names are normalised to `SLOTS`' values, unknown slots kept as they are."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out: list[MucDocument] = []
    for doc_id, rec in data.items():
        slots: dict[str, list[list[str]]] = {name: [] for name in SLOTS.values()}
        for slot, entities in (rec.get("roles") or {}).items():
            name = SLOTS.get(slot, slot)
            slots.setdefault(name, []).extend([list(e) for e in entities if e])
        out.append(MucDocument(doc_id, rec.get("doc", ""), slots))
    return out
