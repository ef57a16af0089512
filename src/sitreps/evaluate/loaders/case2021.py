"""CASE 2021 task 2: `id, EventSnippet, SubType` TSV (read with QUOTE_NONE: snippets hold stray quotes)."""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CaseSnippet:
    id: str
    text: str
    label: str  # CASE 2021 code, e.g. AIR_STRIKE


def load_case2021(path: Path) -> list[CaseSnippet]:
    """Every snippet of one TSV file; the header row is skipped, rows without a label are dropped."""
    csv.field_size_limit(sys.maxsize)
    out: list[CaseSnippet] = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return out
        cols = {name.strip(): i for i, name in enumerate(header)}
        i_id, i_text, i_label = cols.get("id", 0), cols.get("EventSnippet", 1), cols.get("SubType", 2)
        for row in reader:
            if len(row) <= max(i_id, i_text, i_label) or not row[i_label].strip():
                continue
            out.append(CaseSnippet(row[i_id].strip(), row[i_text].strip(), row[i_label].strip()))
    return out
