"""The typed data model shared by every stage.

Vocabulary follows the field: ACLED's column names (event_type, sub_event_type, inter1, geo_precision,
time_precision, fatalities), UCDP's (date_start, date_end, date_prec, low/best/high) and PLOVER's
(plover_type, plover_mode). Every value found in a text carries a `TextSpan`: character offsets into
`Article.text`, so it can be traced back to its sentence.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal

Stance = Literal["asserted", "claimed", "denied", "disputed", "unconfirmed"]
TollKind = Literal["killed", "injured", "missing", "captured"]


@dataclass(frozen=True)
class TextSpan:
    """Character offsets [start, end) into an article's text, and the text they cover."""

    start: int
    end: int
    text: str


@dataclass
class Article:
    """One report: the unit that goes into the pipeline."""

    text: str
    title: str = ""
    outlet: str = ""
    published: date | None = None
    # where the publication date came from: "metadata", "dateline", "cli", "text" or "none"
    published_source: str = "none"
    url: str = ""
    path: str = ""  # file (and record) it was read from, for error reports

    @property
    def content_hash(self) -> str:
        """Identity for idempotent ingestion: the same title and text is the same article."""
        # kept beside the very title and text it hashes (stages read it once per mention); a changed title
        # or text is a new object and hashes again. Not a field: equality and serialisation do not see it
        memo = self.__dict__.get("_content_hash")
        if memo is not None and memo[0] is self.title and memo[1] is self.text:
            return memo[2]
        h = hashlib.sha256()
        h.update(self.title.strip().encode("utf-8"))
        h.update(b"\x00")
        h.update(" ".join(self.text.split()).encode("utf-8"))
        digest = h.hexdigest()
        self.__dict__["_content_hash"] = (self.title, self.text, digest)
        return digest


@dataclass
class Place:
    """A resolved place with ACLED's geography fields."""

    name: str
    latitude: float | None
    longitude: float | None
    country: str = ""
    country_code: str = ""  # ISO 3166-1 alpha-2
    iso: int | None = None  # ISO 3166-1 numeric, as in ACLED's `iso` column
    admin1: str = ""
    admin2: str = ""
    # "country", "admin1", "admin2", "populated_place", "airport", "region", "landmark", ...
    feature_type: str = "populated_place"
    geo_precision: int = 1  # ACLED: 1 the town itself, 2 near a town / part of a region, 3 region
    geonames_id: int | None = None
    population: int = 0
    region: str = ""  # ACLED region, e.g. "Middle East"


@dataclass
class PlaceMention:
    """A toponym found in the text and (if it could be) resolved."""

    span: TextSpan
    sentence: int  # index of the sentence in the article
    place: Place | None
    relation: str = ""  # "near", "north of", "outskirts of", ... for relative locations
    is_country_adjective: bool = False  # "Syrian", "Russian": ties to a country, not a location


@dataclass
class DateMention:
    """A temporal expression normalised against the publication date."""

    span: TextSpan
    sentence: int
    date_start: date | None
    date_end: date | None
    time_precision: int = 1  # ACLED: 1 day, 2 week, 3 month
    date_prec: int = 1  # UCDP: 1 day, 2 2-6 days, 3 week, 4 month, 5 longer
    resolved: bool = True  # False when relative and there is no publication date
    kind: str = "date"  # "date", "relative", "weekday", "duration", "month", ...


@dataclass
class Toll:
    """A count of people killed, injured, missing or captured, with its uncertainty."""

    span: TextSpan
    sentence: int
    kind: TollKind
    low: int
    best: int
    high: int
    who: str = "unknown"  # "civilians", "side_a", "side_b", "unknown", or a description
    # not this event's toll: "negated", "hypothetical", "cumulative"; "" when it is
    excluded: str = ""


@dataclass
class Actor:
    """An actor in ACLED's style."""

    name: str  # canonical name, e.g. "Military Forces of Russia (2000-)"
    inter: int  # ACLED inter code: 1 state forces ... 7 civilians, 8 external/other forces
    country: str = ""
    actor_type: str = ""  # "state", "rebel", "political_militia", "identity_militia", "civilians", ...
    in_dictionary: bool = True


@dataclass
class ActorMention:
    span: TextSpan
    sentence: int
    actor: Actor


@dataclass
class Claim:
    """Who says so: the claimant, the cue, the outlet that carries it, the stance."""

    claimant: str  # "Rami Abdel Rahman of the Syrian Observatory for Human Rights", "a US official"
    cue: str  # "said", "according to", "told reporters", ...
    stance: Stance = "asserted"
    claimant_span: TextSpan | None = None
    cue_span: TextSpan | None = None
    sentence: int = -1
    claimant_type: str = ""  # "person", "organisation", "state", "monitor", "media", "unknown"
    claimant_actor: str = ""  # canonical actor name when the claimant is a known actor
    outlet: str = ""  # the outlet carrying the report (AFP, Reuters), apart from the claimant
    content_span: TextSpan | None = None  # what is claimed, when known


@dataclass
class EventMention:
    """One report's reading of one event. Every field points back into `Article.text`."""

    article_hash: str
    sentence_span: TextSpan
    trigger_span: TextSpan
    event_type: str
    sub_event_type: str
    disorder_type: str
    plover_type: str = ""
    plover_mode: str = ""
    actor1: Actor | None = None
    assoc_actor_1: list[Actor] = field(default_factory=list)
    actor2: Actor | None = None
    assoc_actor_2: list[Actor] = field(default_factory=list)
    civilian_targeting: bool = False
    place: Place | None = None
    place_span: TextSpan | None = None
    date_start: date | None = None
    date_end: date | None = None
    time_precision: int = 1
    date_prec: int = 1
    date_span: TextSpan | None = None
    date_resolved: bool = True
    fatalities_low: int = 0
    fatalities_best: int = 0
    fatalities_high: int = 0
    injuries_low: int = 0
    injuries_best: int = 0
    injuries_high: int = 0
    # UCDP's deaths per side (best estimates): actor1's side, actor2's side, civilians, unknown; they sum
    # to fatalities_best
    deaths_a: int = 0
    deaths_b: int = 0
    deaths_civilians: int = 0
    deaths_unknown: int = 0
    toll_spans: list[TextSpan] = field(default_factory=list)
    actor1_span: TextSpan | None = None  # the attacker as the text names it ("gunmen", "the Taliban")
    actor2_span: TextSpan | None = None  # the side attacked, as the text names it
    victim_spans: list[TextSpan] = field(default_factory=list)  # people killed or injured ("five soldiers")
    target_spans: list[TextSpan] = field(default_factory=list)  # physical targets: "the embassy", "a convoy"
    weapon_spans: list[TextSpan] = field(default_factory=list)  # instruments: "a car bomb", "mortars"
    claim: Claim | None = None
    outlet: str = ""
    notes: str = ""

    @property
    def fatalities(self) -> int:
        """ACLED's `fatalities`: the conservative (low) estimate."""
        return self.fatalities_low

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


@dataclass
class Event:
    """An event fused from one or more mentions across articles."""

    event_id: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    event_date: date | None
    date_start: date | None
    date_end: date | None
    time_precision: int
    date_prec: int
    plover_type: str = ""
    plover_mode: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: bool = False
    place: Place | None = None
    fatalities_low: int = 0
    fatalities_best: int = 0
    fatalities_high: int = 0
    injuries_low: int = 0
    injuries_best: int = 0
    injuries_high: int = 0
    # UCDP's deaths per side (best estimates, the median across sources like fatalities_best)
    deaths_a: int = 0
    deaths_b: int = 0
    deaths_civilians: int = 0
    deaths_unknown: int = 0
    sources: list[str] = field(default_factory=list)  # outlets
    source_scale: str = ""
    claimants: list[str] = field(default_factory=list)
    status: str = "single source"
    notes: str = ""
    mention_ids: list[int] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    @property
    def fatalities(self) -> int:
        return self.fatalities_low

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


@dataclass
class ArticleAnalysis:
    """Everything the stages found in one article; `mentions` is what goes on."""

    article: Article
    sentences: list[TextSpan]
    places: list[PlaceMention]
    dates: list[DateMention]
    tolls: list[Toll]
    actors: list[ActorMention]
    claims: list[Claim]
    mentions: list[EventMention]
    warnings: list[str] = field(default_factory=list)


@dataclass
class ItemError:
    """A per-item failure: the batch goes on, this item is reported with its reason."""

    path: str
    reason: str


_DATACLASS_FIELDS: dict[type, tuple[str, ...]] = {}
# values returned as they are: tested by exact type first, as most leaves are (a subclass, such as an enum
# of strings, takes the general path below as before)
_SCALARS = frozenset({str, int, float, bool, type(None)})


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, dates and lists into JSON-ready values (field by field: `dataclasses.asdict` deep-copies
    every nested dataclass first, and the store serialises every mention and event)."""
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    names = _DATACLASS_FIELDS.get(cls)
    if names is None and hasattr(obj, "__dataclass_fields__"):
        names = _DATACLASS_FIELDS[cls] = tuple(f.name for f in fields(obj))
    scalars = _SCALARS
    if names is not None:
        out = {}
        for k in names:
            v = getattr(obj, k)
            out[k] = v if type(v) in scalars else to_jsonable(v)
        return out
    if cls is list or cls is tuple:
        return [v if type(v) in scalars else to_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj
