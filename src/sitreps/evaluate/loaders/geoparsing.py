"""Gold toponyms of the geoparsing corpora (Gritta et al.'s three XML dialects), as typed records.

Dialects are told apart by element names, never by file name:
- GeoWebNews: `<toponym>` with `<extractedName>`, `<type>`, `<latitude>`/`<longitude>`, `<geonamesID>`;
  only toponyms with coordinates are places (the rest are annotated non-toponym expressions).
- LGL: `<toponym>` with `<phrase>` and `<gaztag geonameid>` holding `<fcode>`, `<lat>`, `<lon>`.
- GeoVirus: `<location>` with `<name>`, `<lat>`, `<lon>`, `<page>`.
Offsets are characters into the article's `<text>`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    latitude: float
    longitude: float
    geonames_id: int | None = None
    feature_code: str = ""  # GeoNames code where the dialect gives one (LGL): "PPL", "ADM1", "PCLI", ...
    annotation_type: str = ""  # GeoWebNews' toponym type ("Literal", "Metonymic", ...)

    @property
    def is_settlement_admin_or_country(self) -> bool | None:
        """Populated place, administrative area or country; None where the dialect does not say."""
        if not self.feature_code:
            return None
        code = self.feature_code.upper()
        return code.startswith(("PPL", "ADM", "PCL"))


@dataclass
class GeoArticle:
    doc_id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _text(el: ET.Element | None, tag: str) -> str:
    child = el.find(tag) if el is not None else None
    return (child.text or "").strip() if child is not None else ""


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _toponym(el: ET.Element) -> GoldToponym | None:
    """One gold toponym of any dialect, or None when it carries no coordinates (not a resolved place)."""
    start, end = _int(_text(el, "start")), _int(_text(el, "end"))
    if start is None or end is None:
        return None
    gaztag = el.find("gaztag")
    if gaztag is not None:  # LGL
        lat, lon = _float(_text(gaztag, "lat")), _float(_text(gaztag, "lon"))
        name = _text(el, "phrase") or _text(gaztag, "name")
        gid, fcode = _int(gaztag.get("geonameid")), _text(gaztag, "fcode")
        kind = ""
    elif el.find("latitude") is not None or el.find("extractedName") is not None:  # GeoWebNews
        lat, lon = _float(_text(el, "latitude")), _float(_text(el, "longitude"))
        name, gid, fcode = _text(el, "extractedName"), _int(_text(el, "geonamesID")), ""
        kind = _text(el, "type")
    else:  # GeoVirus and any dialect with <name><lat><lon>
        lat, lon = _float(_text(el, "lat")), _float(_text(el, "lon"))
        name, gid, fcode, kind = _text(el, "name") or _text(el, "phrase"), None, "", ""
    if lat is None or lon is None:
        return None
    return GoldToponym(start, end, name, lat, lon, gid, fcode, kind)


def _realign(t: GoldToponym, text: str) -> GoldToponym:
    """Offsets that miss the annotated name by a character or two (GeoVirus counts from 1) are moved
    onto the name; offsets that already cover it, or that no small shift repairs, stay as they are."""
    name = " ".join(t.name.split()).casefold()
    if not name:
        return t
    for shift in (0, -1, 1, -2, 2):
        s, e = t.start + shift, t.end + shift
        if 0 <= s < e <= len(text) and " ".join(text[s:e].split()).casefold() == name:
            return replace(t, start=s, end=e)
    return t


def iter_articles(path: Path) -> Iterator[GeoArticle]:
    """Articles of one geoparsing XML file, each with its resolved gold toponyms."""
    root = ET.parse(path).getroot()
    for n, art in enumerate(root.iter("article")):
        text_el = art.find("text")
        text = text_el.text or "" if text_el is not None else ""
        doc_id = art.get("docid") or art.get("file") or _text(art, "source") or str(n)
        toponyms = []
        for el in art.iter():
            if el.tag in ("toponym", "location"):
                t = _toponym(el)
                t = _realign(t, text) if t is not None else None
                if t is not None and 0 <= t.start < t.end <= len(text):
                    toponyms.append(t)
        yield GeoArticle(doc_id, text, sorted(toponyms, key=lambda t: (t.start, t.end)))


def load(path: Path, limit: int | None = None) -> list[GeoArticle]:
    """At most `limit` articles of one file."""
    out: list[GeoArticle] = []
    for art in iter_articles(path):
        if limit is not None and len(out) >= limit:
            break
        out.append(art)
    return out
