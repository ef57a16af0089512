"""TimeML documents (TimeBank, TempEval-3): the plain text of `<TEXT>`, its TIMEX3 spans and the DCT."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # "1998-02-13", "1998-W12", "PRESENT_REF", ...
    tid: str = ""


@dataclass
class TimeMLDoc:
    doc_id: str
    text: str
    dct: date | None
    dct_value: str
    timexes: list[GoldTimex] = field(default_factory=list)


def _dct(root: ET.Element) -> str:
    for el in root.iter("DCT"):
        t = el.find("TIMEX3")
        if t is not None and t.get("value"):
            return t.get("value", "")
    # some TimeML files mark the creation time only by its function
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME" and t.get("value"):
            return t.get("value", "")
    return ""


def _as_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _flatten(el: ET.Element, parts: list[str], timexes: list[GoldTimex], offset: list[int]) -> None:
    """Plain text of `el` (tags dropped), recording TIMEX3 offsets into that text."""
    start = offset[0]
    if el.text:
        parts.append(el.text)
        offset[0] += len(el.text)
    for child in el:
        _flatten(child, parts, timexes, offset)
        if child.tail:
            parts.append(child.tail)
            offset[0] += len(child.tail)
    if el.tag == "TIMEX3":
        text = "".join(parts)[start : offset[0]] if parts else ""
        timexes.append(
            GoldTimex(start, offset[0], text, el.get("type", ""), el.get("value", ""), el.get("tid", ""))
        )


def load_doc(path: Path) -> TimeMLDoc:
    """One .tml file: the text of its TEXT element, the gold TIMEX3s in it and the creation time."""
    root = ET.parse(path).getroot()
    text_el = root.find(".//TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    if text_el is not None:
        text_el.tail = None  # only what is inside TEXT
        _flatten(text_el, parts, timexes, [0])
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    dct_value = _dct(root)
    return TimeMLDoc(
        doc_id, "".join(parts), _as_date(dct_value), dct_value, sorted(timexes, key=lambda t: t.start)
    )


def load(paths: list[Path], limit: int | None = None) -> list[TimeMLDoc]:
    """At most `limit` documents from the files, in order."""
    return [load_doc(p) for p in (paths if limit is None else paths[:limit])]
