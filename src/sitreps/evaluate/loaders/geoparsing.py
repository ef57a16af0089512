"""Gold toponyms of the geoparsing corpora (Gritta et al.'s three XML dialects), as typed records.

Dialects are told apart by element names, never by file name:
- GeoWebNews: `<toponym>` with `<extractedName>`, `<type>`, `<latitude>`/`<longitude>`, `<geonamesID>`;
  only toponyms with coordinates are places (the rest are annotated non-toponym expressions, demonyms,
  languages and homonyms). Every typed annotation, with coordinates or not, is also kept as a
  `GoldAnnotation` so recognition can be scored on literal toponyms only.
- LGL: `<toponym>` with `<phrase>` and `<gaztag geonameid>` holding `<fcode>`, `<lat>`, `<lon>`.
- GeoVirus: `<location>` with `<name>`, `<lat>`, `<lon>`, `<page>`.
Offsets are characters into the article's `<text>`.

GeoWebNews' types fall in three readings (Gritta et al. 2019, "A pragmatic guide to geoparsing
evaluation", and the label map of their code): literal (the place itself: Literal, Mixed, Coercion,
Embedded_Literal, Literal_Modifier), associative (a place name used for something tied to it: Metonymic,
Non_Literal_Modifier, Embedded_Non_Lit, Demonym, Language, Homonym) and not a toponym (Literal_Expression,
Non_Lit_Expression, Non_Toponym: common-noun expressions and names such as organisations).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

LITERAL_TYPES = frozenset({"literal", "mixed", "coercion", "embedded_literal", "literal_modifier"})
ASSOCIATIVE_TYPES = frozenset(
    {"metonymic", "non_literal_modifier", "embedded_non_lit", "demonym", "language", "homonym"}
)


def reading(annotation_type: str) -> str:
    """The reading of a GeoWebNews type: "literal", "associative", "non_toponym"; "" for no type."""
    key = annotation_type.strip().casefold().replace("-", "_").replace(" ", "_")
    if not key:
        return ""
    if key in LITERAL_TYPES:
        return "literal"
    if key in ASSOCIATIVE_TYPES:
        return "associative"
    return "non_toponym"  # the expression types, Non_Toponym, and any type the scheme does not list


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


@dataclass(frozen=True)
class GoldAnnotation:
    """A typed annotated span (GeoWebNews), whether or not it carries coordinates."""

    start: int
    end: int
    name: str
    annotation_type: str

    @property
    def reading(self) -> str:
        return reading(self.annotation_type)


@dataclass
class GeoArticle:
    doc_id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)  # gold places: spans with coordinates
    annotations: list[GoldAnnotation] = field(default_factory=list)  # typed spans; empty if no types


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


_Span = TypeVar("_Span", GoldToponym, GoldAnnotation)


def _annotation(el: ET.Element) -> GoldAnnotation | None:
    """The typed span of a `<toponym>` that has a `<type>` (GeoWebNews), coordinates or not."""
    kind = _text(el, "type")
    start, end = _int(_text(el, "start")), _int(_text(el, "end"))
    if not kind or start is None or end is None:
        return None
    return GoldAnnotation(start, end, _text(el, "extractedName") or _text(el, "name"), kind)


def _realign(t: _Span, text: str) -> _Span:
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
        toponyms, annotations = [], []
        for el in art.iter():
            if el.tag not in ("toponym", "location"):
                continue
            t = _toponym(el)
            t = _realign(t, text) if t is not None else None
            if t is not None and 0 <= t.start < t.end <= len(text):
                toponyms.append(t)
            a = _annotation(el)
            a = _realign(a, text) if a is not None else None
            if a is not None and 0 <= a.start < a.end <= len(text):
                annotations.append(a)
        yield GeoArticle(
            doc_id,
            text,
            sorted(toponyms, key=lambda t: (t.start, t.end)),
            sorted(annotations, key=lambda a: (a.start, a.end)),
        )


def load(path: Path, limit: int | None = None) -> list[GeoArticle]:
    """At most `limit` articles of one file."""
    out: list[GeoArticle] = []
    for art in iter_articles(path):
        if limit is not None and len(out) >= limit:
            break
        out.append(art)
    return out
