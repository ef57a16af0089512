"""PolNeAR attribution in brat standoff: `<split>/text/NAME.txt`, `<split>/attributions/NAME_<annotator>.ann`.

`E` lines tie an Attribution to its Source, Cue and Content text-bound (`T`) annotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int]


@dataclass
class GoldAttribution:
    source: list[Span]  # fragments (brat allows discontinuous spans); empty when not annotated
    cue: list[Span]
    content: list[Span]


@dataclass
class AttributionDocument:
    name: str
    split: str
    text: str
    attributions: list[GoldAttribution]


def _fragments(offsets: str) -> list[Span]:
    out = []
    for frag in offsets.split(";"):
        a, b = frag.split()
        out.append((int(a), int(b)))
    return out


def text_path(ann: Path) -> Path | None:
    """The text file of an annotation file: same name, or the name without its `_<annotator>` suffix."""
    folder = ann.parent.parent / "text"
    for stem in (ann.stem, re.sub(r"_[^_]+$", "", ann.stem)):
        for cand in (folder / f"{stem}.txt", folder / stem):
            if cand.is_file():
                return cand
    return None


def load_polnear_ann(ann: Path) -> AttributionDocument | None:
    """One annotated document; None when its text file is missing."""
    txt = text_path(ann)
    if txt is None:
        return None
    text = txt.read_text(encoding="utf-8")
    spans: dict[str, list[Span]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = _fragments(offsets)
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split() if ":" in a)
            events.append(args)
    attributions = [
        GoldAttribution(
            source=spans.get(e.get("Source", ""), []),
            cue=spans.get(e.get("Cue", ""), []),
            content=spans.get(e.get("Content", ""), []),
        )
        for e in events
    ]
    return AttributionDocument(ann.stem, ann.parent.parent.name, text, attributions)
