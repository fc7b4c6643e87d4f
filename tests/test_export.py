"""Exports: the event table formats, the ACLED, GDELT and PLOVER mappings and their conformance, GeoJSON."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from dataset_fixtures import make_event, write_fixture_dataset

from eventcoder import export, export_acled
from eventcoder.errors import OutputError, QueryError
from eventcoder.records import COLUMN_NAMES

EVENT_TABLE_COLUMNS = [*COLUMN_NAMES, "year", "month"]


def _csv_rows(path: Path, delimiter: str = ",") -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def test_export_csv_has_event_table_columns(crisis_dataset: Path, tmp_path: Path) -> None:
    rows = _csv_rows(export.export_dataset(crisis_dataset, "csv", tmp_path / "events.csv"))
    assert sorted(rows[0]) == sorted(EVENT_TABLE_COLUMNS)
    assert len(rows) == 1 + 14


def test_export_jsonl_has_event_table_columns(crisis_dataset: Path, tmp_path: Path) -> None:
    lines = export.export_dataset(crisis_dataset, "jsonl", tmp_path / "events.jsonl").read_text().splitlines()
    assert len(lines) == 14
    assert sorted(json.loads(lines[0])) == sorted(EVENT_TABLE_COLUMNS)


def test_export_parquet_is_events_all(crisis_dataset: Path, tmp_path: Path) -> None:
    table = pq.read_table(export.export_dataset(crisis_dataset, "parquet", tmp_path / "events.parquet"))
    assert sorted(table.column_names) == sorted(EVENT_TABLE_COLUMNS)
    assert table.num_rows == 14
    ids = table.column("event_id").to_pylist()
    dates = table.column("event_date").to_pylist()
    assert list(zip(dates, ids, strict=True)) == sorted(zip(dates, ids, strict=True))


def test_export_acled_columns_and_mapping(crisis_dataset: Path, tmp_path: Path) -> None:
    rows = _csv_rows(export.export_dataset(crisis_dataset, "acled-csv", tmp_path / "acled.csv"))
    assert tuple(rows[0]) == export.ACLED_COLUMNS
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [record["event_id_cnty"] for record in records] == ["ev0013", "ev0015"]
    strike = records[0]
    # US forces striking in Venezuela are external forces (8) there; unnamed rebels an unidentified group (3)
    assert (strike["actor1"], strike["inter1"]) == ("Military Forces of the United States", "8")
    assert (strike["actor2"], strike["inter2"], strike["interaction"]) == (
        "Unidentified Armed Group (Venezuela)", "3", "38")
    assert (strike["iso"], strike["country"], strike["region"], strike["location"]) == (
        "862", "Venezuela", "South America", "Caribbean")
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["notes"].startswith("Sentence 13")
    assert (strike["source"], strike["fatalities"]) == ("Example News", "0")
    sole_actor = records[1]
    assert (sole_actor["inter1"], sole_actor["inter2"], sole_actor["interaction"]) == ("8", "0", "80")


def test_export_gdelt_has_61_fields_per_line(crisis_dataset: Path, tmp_path: Path) -> None:
    out = export.export_dataset(crisis_dataset, "gdelt-tsv", tmp_path / "gdelt.tsv")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(export.GDELT_COLUMNS) == 61
    assert len(lines) == 11  # ev0002 and ev0003 report one event
    fields = [line.split("\t") for line in lines]
    assert {len(row) for row in fields} == {61}
    first = dict(zip(export.GDELT_COLUMNS, fields[0], strict=True))
    assert first["SQLDATE"] == "20251114"
    assert first["EventCode"] == "139"
    assert first["Actor1Code"] == "USAGOV"
    assert first["Actor2CountryCode"] == "VEN"
    assert first["AvgTone"] == ""
    assert first["DATEADDED"] == "20251120000000"
    merged = next(row for row in fields if row[export.GDELT_COLUMNS.index("SQLDATE")] == "20251116"
                  and row[export.GDELT_COLUMNS.index("EventCode")] == "139")
    counts = [merged[export.GDELT_COLUMNS.index(name)] for name in ("NumMentions", "NumSources", "NumArticles")]
    assert counts == ["2", "1", "1"]
    leading_zero = next(row for row in fields if row[export.GDELT_COLUMNS.index("EventCode")] == "0256")
    assert leading_zero[export.GDELT_COLUMNS.index("EventRootCode")] == "02"
    assert leading_zero[export.GDELT_COLUMNS.index("EventBaseCode")] == "025"
    assert int(first["GLOBALEVENTID"]) > 0


def test_export_gdelt_event_id_is_stable(crisis_dataset: Path, tmp_path: Path) -> None:
    first = export.export_dataset(crisis_dataset, "gdelt-tsv", tmp_path / "a.tsv").read_bytes()
    second = export.export_dataset(crisis_dataset, "gdelt-tsv", tmp_path / "b.tsv").read_bytes()
    assert first == second


def test_export_plover_records(crisis_dataset: Path, tmp_path: Path) -> None:
    out = export.export_dataset(crisis_dataset, "plover-jsonl", tmp_path / "plover.jsonl")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 12
    for record in records:
        assert set(record) <= set(export.PLOVER_FIELDS)
        assert set(export.PLOVER_FIELDS) - set(record) <= {"event_loc", "size"}
    strike = next(record for record in records if record["id"] == "ev0013")
    assert strike["actor"] == [{"code": "USA", "sector": "MIL", "entity_text": "Trump", "identifier_id": "trump",
                                "identifier_text": "US military"}]
    assert strike["event"] == ["ASSAULT"]
    assert (strike["mode"], strike["event_text"]) == ([], "told")
    assert strike["event_loc"]["extracted_place"] == "Caribbean"
    assert strike["event_loc"]["country_code"] == "VEN"
    assert strike["cite_info"]["coder"] == "eventcoder"
    assert strike["text_info"] == {"sequence": 3, "start": 20, "end": 24}
    assert strike["quad_code"] == 4


@pytest.mark.parametrize("fmt", export.EXPORT_FORMATS)
def test_export_empty_dataset(empty_dataset: Path, tmp_path: Path, fmt: str) -> None:
    assert export.export_dataset(empty_dataset, fmt, tmp_path / f"out.{fmt}").exists()


def test_export_rejects_unknown_format(crisis_dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="unknown export format 'xml'"):
        export.export_dataset(crisis_dataset, "xml", tmp_path / "out.xml")


def test_export_rejects_missing_directory(crisis_dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        export.export_dataset(crisis_dataset, "csv", tmp_path / "nowhere" / "out.csv")


def test_export_iso_table_maps_alpha3_to_numeric() -> None:
    table = export.iso3166_table().to_pylist()
    by_code = {row["alpha_3"]: row for row in table}
    assert by_code["VEN"]["numeric"] == "862"
    assert by_code["USA"]["name"] == "United States"


FORMULA_TITLES = ["=HYPERLINK(\"http://x.example\",\"click\")", "+1+2", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.fixture
def formula_dataset(tmp_path: Path) -> Path:
    """A dataset whose article titles and sentences start like spreadsheet formulas."""
    events = [
        make_event(index, article_title=title, sentence_text="=cmd|'/C calc'!A0", cameo_code="195")
        for index, title in enumerate(FORMULA_TITLES)
    ]
    return write_fixture_dataset(tmp_path / "formulas", events)


@pytest.mark.parametrize("fmt", ["csv", "acled-csv", "gdelt-tsv"])
def test_export_neutralises_formula_cells_by_default(formula_dataset: Path, tmp_path: Path, fmt: str) -> None:
    out = export.export_dataset(formula_dataset, fmt, tmp_path / f"out.{fmt}")
    delimiter = "\t" if fmt == "gdelt-tsv" else ","
    cells = [cell for row in _csv_rows(out, delimiter) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [cell for cell in cells if cell.startswith("-") and not _is_number(cell)]
    if fmt == "csv":
        assert "'=cmd|'/C calc'!A0" in cells and "'=HYPERLINK(\"http://x.example\",\"click\")" in cells


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_export_keeps_formula_cells_when_asked(formula_dataset: Path, tmp_path: Path) -> None:
    out = export.export_dataset(formula_dataset, "csv", tmp_path / "raw.csv", neutralise_formulas=False)
    cells = {cell for row in _csv_rows(out) for cell in row}
    assert set(FORMULA_TITLES) <= cells


def test_export_neutralising_keeps_numbers_and_plain_text(crisis_dataset: Path, tmp_path: Path) -> None:
    safe = _csv_rows(export.export_dataset(crisis_dataset, "csv", tmp_path / "safe.csv"))
    raw = _csv_rows(export.export_dataset(crisis_dataset, "csv", tmp_path / "raw.csv", neutralise_formulas=False))
    assert safe == raw


# --- conformance: ACLED, GDELT, PLOVER and GeoJSON on a dataset with places, casualties and compounds ----------

DAY = dt.date(2026, 3, 10)
ACLED_NAMES = {
    "COD": "Democratic Republic of Congo", "COG": "Republic of Congo", "CIV": "Ivory Coast", "RUS": "Russia",
    "USA": "United States", "GBR": "United Kingdom", "SYR": "Syria", "IRN": "Iran", "KOR": "South Korea",
    "PRK": "North Korea", "PSE": "Palestine", "VEN": "Venezuela", "BOL": "Bolivia", "TZA": "Tanzania",
    "LAO": "Laos", "VNM": "Vietnam", "MMR": "Myanmar", "SWZ": "eSwatini", "CZE": "Czech Republic",
    "TUR": "Turkey", "MDA": "Moldova", "CPV": "Cape Verde", "TLS": "East Timor", "XKX": "Kosovo",
    "MKD": "North Macedonia", "SSD": "South Sudan", "CAF": "Central African Republic", "SDN": "Sudan",
    "KEN": "Kenya", "UKR": "Ukraine", "GNB": "Guinea-Bissau",
}
"""Country names as ACLED writes them (its data and country list), for the countries eventcoder users meet most."""
ACLED_REGIONS = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "Middle East",
    "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia", "Europe", "North America",
    "Central America", "Caribbean", "South America", "Oceania", "Antarctica",
}
PLOVER_EVENTS = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                 "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
GEO_FIELDS = {
    "location_text": "El Fasher", "location_country": "SDN", "admin1": "North Darfur", "admin2": None,
    "latitude": 13.63, "longitude": 25.35, "geonames_id": 379003, "geo_precision": 1,
}


def _acled(event_type: str, sub_event_type: str, disorder: str = "Political violence") -> dict[str, object]:
    return {"acled_disorder_type": disorder, "acled_event_type": event_type, "acled_sub_event_type": sub_event_type}


def _nobody(side: str) -> dict[str, object]:
    return {f"{side}_{field}": None for field in ("text", "code", "country", "sector", "actor", "entry")}


def _side(side: str, code: str, country: str | None, sector: str | None, name: str | None) -> dict[str, object]:
    return {f"{side}_code": code, f"{side}_country": country, f"{side}_sector": sector, f"{side}_actor": name,
            f"{side}_text": name or code, f"{side}_entry": None}


def world_events() -> list[dict[str, object]]:
    """Events of several ACLED types in real countries, with places, casualties and a compound actor."""
    battle = {**_side("source", "SDNMIL", "SDN", "MIL", "Sudanese army"),
              **_side("target", "SDNREB", "SDN", "REB", "Example Liberation Front"),
              **_acled("Battles", "Armed clash"), **GEO_FIELDS, "cameo_code": "195", "event_date": DAY}
    return [
        make_event(1, **battle, article_id="a1", publisher="Outlet A", fatalities=12, fatalities_precision="exact"),
        make_event(2, **battle, article_id="a2", publisher="Outlet B", fatalities=15,
                   fatalities_precision="at_least"),
        make_event(3, cameo_code="195", event_date=DAY, **_nobody("source"),
                   **_side("target", "SDNCVL", "SDN", "CVL", None), **_acled("Violence against civilians", "Attack"),
                   **GEO_FIELDS),
        make_event(4, cameo_code="1712", event_date=DAY, **_side("source", "KENCVL", "KEN", "CVL", None),
                   **_nobody("target"), **_acled("Protests", "Peaceful protest", "Demonstrations"),
                   location_text="Nairobi", location_country="KEN", admin1="Nairobi", latitude=-1.28,
                   longitude=36.82, geo_precision=1, crowd_size=300, crowd_size_precision="at_least"),
        make_event(5, cameo_code="1712", event_date=DAY, **_side("source", "KENLAB", "KEN", "LAB", "Example Union"),
                   **_side("target", "KENCOP", "KEN", "COP", "Kenyan police"),
                   **_acled("Riots", "Violent demonstration", "Demonstrations"), location_country="KEN"),
        make_event(6, cameo_code="1712", event_date=DAY, **_side("source", "CODGOV", "COD", "GOV", "Example Cabinet"),
                   **_nobody("target"), **_acled("Strategic developments", "Other", "Strategic developments"),
                   location_text="Goma", location_country="COD", admin1="North Kivu", latitude=-1.68, longitude=29.23,
                   geo_precision=2),
        make_event(7, cameo_code="195", event_date=DAY, **_side("source", "USAMIL", "USA", "MIL", "US military"),
                   **_side("target", "VEN", "VEN", None, "Venezuela"),
                   **_acled("Explosions/Remote violence", "Air/drone strike"), location_country="VEN",
                   latitude=8.0, longitude=-66.0, geo_precision=3),
        # one threat by a compound source, coded as two rows of the same sentence and trigger
        make_event(8, event_date=DAY, article_id="a9", sentence_index=4,
                   **_side("source", "RUSGOV", "RUS", "GOV", None), **_side("target", "IGONAT", None, "IGO", "NATO")),
        make_event(9, event_date=DAY, article_id="a9", sentence_index=4,
                   **_side("source", "CHNGOV", "CHN", "GOV", None), **_side("target", "IGONAT", None, "IGO", "NATO")),
    ]


@pytest.fixture
def world_dataset(tmp_path: Path) -> Path:
    return write_fixture_dataset(tmp_path / "world", world_events())


def _acled_records(dataset: Path, tmp_path: Path) -> list[dict[str, str]]:
    rows = _csv_rows(export.export_dataset(dataset, "acled-csv", tmp_path / "acled.csv"))
    assert tuple(rows[0]) == export.ACLED_COLUMNS == tuple(export.ACLED_SCHEMA.names)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_export_acled_conforms(world_dataset: Path, crisis_dataset: Path, tmp_path: Path) -> None:
    records = _acled_records(world_dataset, tmp_path) + _acled_records(crisis_dataset, tmp_path)
    known_names = {facts.acled_name for facts in export_acled.country_table().values()}
    for record in records:
        assert record["event_type"] in export_acled.EVENT_TYPES
        assert record["sub_event_type"] in export_acled.EVENT_TYPES[record["event_type"]]
        assert set(record["disorder_type"].split("; ")) <= set(export_acled.DISORDER_TYPES)
        inter1, inter2 = int(record["inter1"]), int(record["inter2"])
        assert inter1 in export_acled.INTER_CODES and (inter2 in export_acled.INTER_CODES or inter2 == 0)
        assert bool(record["actor1"]) and bool(record["actor2"]) == (inter2 != 0)
        expected = min(inter1, inter2) * 10 + max(inter1, inter2) if inter2 else inter1 * 10
        assert int(record["interaction"]) == expected
        assert record["country"] in known_names and record["region"] in ACLED_REGIONS
        assert int(record["iso"]) > 0 and int(record["year"]) == int(record["event_date"][:4])
        assert int(record["time_precision"]) in (1, 2, 3)
        assert record["geo_precision"] == "" or int(record["geo_precision"]) in (1, 2, 3)
        assert int(record["fatalities"]) >= 0 and int(record["timestamp"]) > 0
        for coordinate in ("latitude", "longitude"):
            assert record[coordinate] == "" or abs(float(record[coordinate])) <= 180
        assert record["civilian_targeting"] in ("", "Civilian targeting")


def test_export_acled_country_names_follow_acled() -> None:
    for code, name in ACLED_NAMES.items():
        assert export_acled.acled_country(code) == name
    for facts in export_acled.country_table().values():
        assert facts.acled_region in ACLED_REGIONS
        assert "," not in facts.acled_name or facts.acled_name in (
            "Saint Helena, Ascension and Tristan da Cunha", "Virgin Islands, U.S.")
        assert "Federation" not in facts.acled_name and "Republic of the" not in facts.acled_name


def test_export_acled_actors_and_fields(world_dataset: Path, tmp_path: Path) -> None:
    records = {record["event_id_cnty"]: record for record in _acled_records(world_dataset, tmp_path)}
    assert "ev0002" not in records  # a second report of the battle
    battle = records["ev0001"]
    assert (battle["actor1"], battle["inter1"], battle["actor2"], battle["inter2"], battle["interaction"]) == (
        "Military Forces of Sudan", "1", "Example Liberation Front", "2", "12")
    assert (battle["country"], battle["iso"], battle["region"]) == ("Sudan", "729", "Northern Africa")
    assert (battle["location"], battle["admin1"], battle["latitude"], battle["longitude"], battle["geo_precision"]) == (
        "El Fasher", "North Darfur", "13.63", "25.35", "1")
    assert battle["fatalities"] == "12"  # the lowest of the reports' figures, as ACLED does
    assert battle["source"] == "Outlet A; Outlet B"
    attack = records["ev0003"]
    assert (attack["actor1"], attack["inter1"], attack["actor2"], attack["inter2"]) == (
        "Unidentified Armed Group (Sudan)", "3", "Civilians (Sudan)", "7")
    assert (attack["interaction"], attack["civilian_targeting"]) == ("37", "Civilian targeting")
    protest = records["ev0004"]
    assert (protest["actor1"], protest["inter1"], protest["actor2"], protest["interaction"]) == (
        "Protesters (Kenya)", "6", "", "60")
    assert protest["tags"] == "crowd size=at least 300"
    riot = records["ev0005"]
    assert (riot["actor1"], riot["assoc_actor_1"], riot["inter1"]) == ("Rioters (Kenya)", "Labor Group (Kenya)", "5")
    assert (riot["actor2"], riot["inter2"], riot["interaction"]) == ("Police Forces of Kenya", "1", "15")
    assert riot["tags"] == "crowd size=no report"
    drc = records["ev0006"]
    assert (drc["actor1"], drc["country"]) == (
        "Government of the Democratic Republic of Congo", "Democratic Republic of Congo")
    strike = records["ev0007"]  # a country named as the target of a strike is a place, not an actor
    assert (strike["actor1"], strike["inter1"], strike["actor2"], strike["inter2"]) == (
        "Military Forces of the United States", "8", "", "0")


@pytest.mark.parametrize(
    ("side", "is_target", "event_type", "expected"),
    [
        (export_acled.Side("SDNMIL", "SDN", "MIL", None), False, "Battles",
         export_acled.AcledActor("Military Forces of Sudan", 1)),
        (export_acled.Side("RUSMIL", "RUS", "MIL", None), False, "Battles",
         export_acled.AcledActor("Military Forces of Russia", 8)),
        (export_acled.Side("SDNGOV", "SDN", "GOV", "Sovereignty Council"), False, "Strategic developments",
         export_acled.AcledActor("Government of Sudan", 1)),
        (export_acled.Side("SDNREB", "SDN", "REB", None), False, "Battles",
         export_acled.AcledActor("Unidentified Armed Group (Sudan)", 3)),
        (export_acled.Side("SDNREB", "SDN", "REB", "rebels", "agent.rebels"), False, "Battles",
         export_acled.AcledActor("Unidentified Armed Group (Sudan)", 3)),  # a generic agent names no group
        (export_acled.Side("SDNUAF", "SDN", "UAF", "Example Militia"), False, "Battles",
         export_acled.AcledActor("Example Militia", 3)),
        (export_acled.Side("SDNUAG", "SDN", "UAG", "unidentified gunmen", "agent.gunmen"), False, "Battles",
         export_acled.AcledActor("Unidentified Armed Group (Sudan)", 3)),
        (export_acled.Side("IMGISI", None, "IMG", "Islamic State"), False, "Battles",
         export_acled.AcledActor("Islamic State", 2)),
        (export_acled.Side("SDNMED", "SDN", "MED", None), True, "Violence against civilians",
         export_acled.AcledActor("Civilians (Sudan)", 7, "Journalists (Sudan)")),
        (export_acled.Side("SDNCVL", "SDN", "CVL", None), True, "Explosions/Remote violence",
         export_acled.AcledActor("Civilians (Sudan)", 7)),
        (export_acled.Side("SDNCVL", "SDN", "CVL", None), False, "Protests",
         export_acled.AcledActor("Protesters (Sudan)", 6)),
        (export_acled.Side("SDN", "SDN", None, "Sudan"), True, "Explosions/Remote violence", export_acled.NO_ACTOR),
        (export_acled.Side("SDN", "SDN", None, "Sudan"), False, "Battles",
         export_acled.AcledActor("Military Forces of Sudan", 1)),
        (export_acled.Side("SDNGOV", "SDN", "GOV", "Khartoum", "capital.khartoum"), True,
         "Explosions/Remote violence", export_acled.NO_ACTOR),  # "shelled Khartoum" names a place
        (export_acled.Side("SDNGOV", "SDN", "GOV", "Khartoum", "capital.khartoum"), False, "Battles",
         export_acled.AcledActor("Military Forces of Sudan", 1)),
        (export_acled.Side("IGOUNO", None, "IGO", "United Nations"), False, "Strategic developments",
         export_acled.AcledActor("United Nations", 8)),
        (export_acled.Side(None, None, None, None), True, "Battles", export_acled.NO_ACTOR),
    ],
)
def test_export_acled_actor(
    side: export_acled.Side, is_target: bool, event_type: str, expected: export_acled.AcledActor
) -> None:
    assert export_acled.acled_actor(side, is_target=is_target, event_type=event_type, place_country="SDN") == expected


POLICE = export_acled.AcledActor("Police Forces of Kenya", 1)
PROTESTERS = export_acled.AcledActor("Protesters (Kenya)", 6)
CIVILIANS = export_acled.AcledActor("Civilians (Kenya)", 7)


@pytest.mark.parametrize(
    ("event_type", "source", "target", "expected"),
    [
        ("Protests", POLICE, PROTESTERS, (PROTESTERS, POLICE)),  # protesters are actor1 in a demonstration
        ("Protests", PROTESTERS, POLICE, (PROTESTERS, POLICE)),
        ("Strategic developments", export_acled.NO_ACTOR, POLICE, (POLICE, export_acled.NO_ACTOR)),
        ("Violence against civilians", export_acled.NO_ACTOR, CIVILIANS,
         (export_acled.AcledActor("Unidentified Armed Group (Kenya)", 3), CIVILIANS)),
        ("Battles", POLICE, PROTESTERS, (POLICE, PROTESTERS)),
    ],
)
def test_export_acled_actor_order(
    event_type: str, source: export_acled.AcledActor, target: export_acled.AcledActor,
    expected: tuple[export_acled.AcledActor, export_acled.AcledActor],
) -> None:
    assert export_acled.order_actors(event_type, source, target, "KEN") == expected


@pytest.mark.parametrize(
    ("location", "source", "target", "expected"),
    [("SDN", "USA", "TCD", "SDN"), (None, "USA", "TCD", "USA"), (None, None, "TCD", "TCD"), (None, None, None, None)],
)
def test_export_acled_event_country(
    location: str | None, source: str | None, target: str | None, expected: str | None
) -> None:
    assert export_acled.event_country(location, source, target) == expected


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"), [(1, 7, 17), (7, 1, 17), (6, 0, 60), (3, 3, 33), (0, 0, None)]
)
def test_export_acled_interaction(inter1: int, inter2: int, expected: int | None) -> None:
    assert export_acled.interaction(inter1, inter2) == expected


def test_export_country_table_fips_codes() -> None:
    table = export_acled.country_table()
    fips = [facts.fips for facts in table.values() if facts.fips]
    assert len(fips) == len(set(fips)) and all(len(code) == 2 and code.isupper() for code in fips)
    expected = {"USA": "US", "GBR": "UK", "DEU": "GM", "AUT": "AU", "AUS": "AS", "RUS": "RS", "UKR": "UP",
                "SDN": "SU", "SSD": "OD", "COD": "CG", "COG": "CF", "VEN": "VE", "ISR": "IS", "XKX": "KV"}
    assert {code: table[code].fips for code in expected} == expected


def _gdelt_rows(dataset: Path, tmp_path: Path) -> list[dict[str, str]]:
    out = export.export_dataset(dataset, "gdelt-tsv", tmp_path / "gdelt.tsv")
    lines = out.read_text(encoding="utf-8").splitlines()
    return [dict(zip(export.GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]


def test_export_gdelt_conforms(world_dataset: Path, crisis_dataset: Path, tmp_path: Path) -> None:
    rows = _gdelt_rows(world_dataset, tmp_path) + _gdelt_rows(crisis_dataset, tmp_path)
    for row in rows:
        assert int(row["GLOBALEVENTID"]) > 0 and len(row["SQLDATE"]) == 8 and row["SQLDATE"].isdigit()
        assert row["MonthYear"] == row["SQLDATE"][:6] and row["Year"] == row["SQLDATE"][:4]
        assert row["EventCode"].startswith(row["EventBaseCode"])
        assert row["EventBaseCode"].startswith(row["EventRootCode"])
        assert int(row["QuadClass"]) in (1, 2, 3, 4) and -10 <= float(row["GoldsteinScale"]) <= 10
        assert int(row["NumMentions"]) >= int(row["NumArticles"]) >= 1 and int(row["NumSources"]) >= 1
        assert row["IsRootEvent"] in ("0", "1")
        for actor in ("Actor1", "Actor2"):
            assert row[f"{actor}CountryCode"] == "" or len(row[f"{actor}CountryCode"]) == 3  # CAMEO/ISO alpha-3
        for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
            assert row[f"{geo}_Type"] == "" or int(row[f"{geo}_Type"]) in (1, 2, 3, 4, 5)
            assert row[f"{geo}_CountryCode"] == "" or len(row[f"{geo}_CountryCode"]) == 2  # FIPS 10-4
            for coordinate in ("Lat", "Long"):
                assert row[f"{geo}_{coordinate}"] == "" or abs(float(row[f"{geo}_{coordinate}"])) <= 180
        assert len(row["DATEADDED"]) == 14 and row["DATEADDED"].isdigit()


def test_export_gdelt_geo_and_counts(world_dataset: Path, tmp_path: Path) -> None:
    rows = _gdelt_rows(world_dataset, tmp_path)
    battle = next(row for row in rows if row["Actor2Name"] == "EXAMPLE LIBERATION FRONT")
    assert (battle["NumMentions"], battle["NumSources"], battle["NumArticles"]) == ("2", "2", "2")
    assert (battle["ActionGeo_Type"], battle["ActionGeo_FullName"], battle["ActionGeo_CountryCode"]) == (
        "4", "El Fasher, North Darfur, Sudan", "SU")
    assert (battle["ActionGeo_Lat"], battle["ActionGeo_Long"], battle["ActionGeo_FeatureID"]) == (
        "13.63", "25.35", "379003")
    assert battle["Actor1CountryCode"] == "SDN"
    strike = next(row for row in rows if row["Actor1Code"] == "USAMIL")
    assert (strike["ActionGeo_Type"], strike["ActionGeo_FullName"], strike["ActionGeo_CountryCode"]) == (
        "1", "Venezuela", "VE")
    assert (strike["ActionGeo_ADM1Code"], strike["ActionGeo_FeatureID"]) == ("VE", "VE")
    nato = [row for row in rows if row["Actor2Code"] == "IGONAT"]
    assert {row["Actor2KnownGroupCode"] for row in nato} == {"NAT"}


def _plover_records(dataset: Path, tmp_path: Path) -> list[dict[str, object]]:
    out = export.export_dataset(dataset, "plover-jsonl", tmp_path / "plover.jsonl")
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _is_entity(entity: object) -> bool:
    return (isinstance(entity, dict) and {"code", "sector", "entity_text"} <= set(entity)
            and all(entity[key] is None or isinstance(entity[key], str) for key in ("code", "sector", "entity_text")))


def test_export_plover_conforms(world_dataset: Path, crisis_dataset: Path, tmp_path: Path) -> None:
    world = _plover_records(world_dataset, tmp_path)
    assert {event for record in world for event in record["event"]} <= PLOVER_EVENTS
    for record in world + _plover_records(crisis_dataset, tmp_path):  # the crisis fixture has a made-up DEMAND
        assert set(export.PLOVER_REQUIRED) <= set(record) <= set(export.PLOVER_FIELDS)
        assert isinstance(record["id"], str) and dt.date.fromisoformat(str(record["date"]))
        for key in ("actor", "recipient"):
            assert isinstance(record[key], list) and all(_is_entity(entity) for entity in record[key])
        assert isinstance(record["event"], list) and len(record["event"]) == 1
        assert isinstance(record["mode"], list) and isinstance(record["context"], list)
        assert isinstance(record["event_text"], str) and isinstance(record["text"], str)
        assert record["quad_code"] in (1, 2, 3, 4)
        if "event_loc" in record:
            location = record["event_loc"]
            assert isinstance(location, dict)
            assert {"extracted_place", "resolved_place", "lat", "lon", "country_code", "resolution"} <= set(location)
            assert location["resolution"] in ("city", "admin1", "country")
        if "size" in record:
            size = record["size"]
            assert isinstance(size, dict) and set(size) == {"dead", "injured", "arrested"}
            assert all(value is None or isinstance(value, int) for value in size.values())


def test_export_plover_compound_actor_is_one_record(world_dataset: Path, tmp_path: Path) -> None:
    records = {record["id"]: record for record in _plover_records(world_dataset, tmp_path)}
    threat = records["ev0008"]
    assert "ev0009" not in records
    assert [(entity["code"], entity["sector"]) for entity in threat["actor"]] == [("RUS", "GOV"), ("CHN", "GOV")]
    assert threat["recipient"] == [{"code": "IGO", "sector": "IGO", "entity_text": "NATO", "identifier_id": None,
                                    "identifier_text": "NATO"}]
    battle = records["ev0001"]
    assert battle["size"] == {"dead": 12, "injured": None, "arrested": None}
    assert battle["event_loc"] == {
        "extracted_place": "El Fasher", "resolved_place": "El Fasher, North Darfur, Sudan", "lat": 13.63,
        "lon": 25.35, "country_code": "SDN", "resolution": "city", "geonames_id": 379003, "admin1": "North Darfur",
        "admin2": None, "geo_precision": 1,
    }


def test_export_geojson_has_one_point_per_geocoded_event(world_dataset: Path, tmp_path: Path) -> None:
    out = export.export_dataset(world_dataset, "geojson", tmp_path / "events.geojson")
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [feature["id"] for feature in features] == ["ev0001", "ev0003", "ev0004", "ev0006", "ev0007"]
    battle = features[0]
    assert battle["geometry"] == {"type": "Point", "coordinates": [25.35, 13.63]}
    assert set(battle["properties"]) == set(export.GEOJSON_PROPERTIES)
    assert (battle["properties"]["num_articles"], battle["properties"]["event_date"]) == (2, "2026-03-10")


def test_export_takes_the_dedup_rule(tmp_path: Path) -> None:
    later = {**world_events()[1], "event_date": DAY + dt.timedelta(days=1)}
    dataset = write_fixture_dataset(tmp_path / "later", [world_events()[0], later])
    assert len(_gdelt_rows(dataset, tmp_path)) == 2  # one-a-day
    out = export.export_dataset(dataset, "gdelt-tsv", tmp_path / "window.tsv", dedup_window_days=1)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
