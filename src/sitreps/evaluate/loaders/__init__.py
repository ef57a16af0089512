"""Loaders: gold files into typed records, one module per data set; no scoring here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def json_lines(path: Path) -> Iterator[dict]:
    """The records of a JSON Lines file, blank lines skipped."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
