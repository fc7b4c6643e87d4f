"""Export a dataset to flat files: the event table (CSV, JSON lines, Parquet), the ACLED, GDELT 2.0 and
PLOVER formats, and GeoJSON. The column mapping of each format is documented in `docs/exports.md`.

Every export is ordered by event date, then event id (PLOVER: then article, sentence and trigger), and is
written to a temporary file that replaces the output only when complete.

The spreadsheet-family exports (csv, acled-csv, gdelt-tsv) neutralise formula cells by default: a text cell
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (the OWASP rule against
CSV injection), so a spreadsheet shows it as text instead of running it.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa

from eventcoder import export_acled as acled
from eventcoder.errors import OutputError, QueryError
from eventcoder.query import connect, sql_string
from eventcoder.resources import sql_dir

ExportFormat = Literal["csv", "jsonl", "parquet", "acled-csv", "gdelt-tsv", "plover-jsonl", "geojson"]
EXPORT_FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet", "acled-csv", "gdelt-tsv", "plover-jsonl", "geojson")

ACLED_SCHEMA = pa.schema([
    ("event_id_cnty", pa.string()), ("event_date", pa.date32()), ("year", pa.int32()),
    ("time_precision", pa.int32()), ("disorder_type", pa.string()), ("event_type", pa.string()),
    ("sub_event_type", pa.string()), ("actor1", pa.string()), ("assoc_actor_1", pa.string()),
    ("inter1", pa.int32()), ("actor2", pa.string()), ("assoc_actor_2", pa.string()), ("inter2", pa.int32()),
    ("interaction", pa.int32()), ("civilian_targeting", pa.string()), ("iso", pa.int32()),
    ("region", pa.string()), ("country", pa.string()), ("admin1", pa.string()), ("admin2", pa.string()),
    ("admin3", pa.string()), ("location", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
    ("geo_precision", pa.int32()), ("source", pa.string()), ("source_scale", pa.string()), ("notes", pa.string()),
    ("fatalities", pa.int32()), ("tags", pa.string()), ("timestamp", pa.int64()),
])
"""The ACLED columns and their types, in ACLED's order."""

ACLED_COLUMNS: tuple[str, ...] = tuple(ACLED_SCHEMA.names)

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
"""The 61 columns of the GDELT 2.0 event table, in file order (the files have no header)."""

PLOVER_FIELDS: tuple[str, ...] = (
    "id", "date", "actor", "recipient", "event", "mode", "context", "event_text", "text", "text_info",
    "cite_info", "quad_code", "event_loc", "size",
)
"""Top-level keys of a PLOVER record; `event_loc` is present only when the event has a place and `size`
only when a number of dead, injured or arrested is stated."""

PLOVER_REQUIRED: tuple[str, ...] = ("id", "date", "actor", "event")
"""The keys PLOVER requires in every record."""

PLOVER_ENTITY_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "INT"})
"""Code prefixes of actors that belong to no country; PLOVER's entity `code` takes them in place of a country."""

FORMULA_START = "^[-=+@\t\r]"
"""A text cell a spreadsheet could run as a formula starts with one of these (OWASP CSV injection)."""

PLOVER_CODEBOOK = "PLOVER"
_BATCH_ROWS = 10_000


def iso3166_table() -> pa.Table:
    """The shipped ISO 3166-1 table: alpha_3, alpha_2, numeric (3 digits, as text) and a short name."""
    text = resources.files("eventcoder").joinpath("data/iso3166.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    return pa.Table.from_pylist(
        rows, schema=pa.schema([(name, pa.string()) for name in ("alpha_3", "alpha_2", "numeric", "name")])
    )


def export_countries_table() -> pa.Table:
    """The shipped country table of the exports: alpha_3, acled_name, acled_region, fips (FIPS 10-4, or null)."""
    rows = [
        {"alpha_3": facts.alpha_3, "acled_name": facts.acled_name, "acled_region": facts.acled_region,
         "fips": facts.fips}
        for facts in acled.country_table().values()
    ]
    return pa.Table.from_pylist(
        rows, schema=pa.schema([(name, pa.string()) for name in ("alpha_3", "acled_name", "acled_region", "fips")])
    )


def _export_sql(name: str) -> str:
    return (sql_dir() / "export" / f"{name}.sql").read_text(encoding="utf-8").strip().rstrip(";")


def _copy(con: duckdb.DuckDBPyConnection, select: str, out: Path, options: str) -> None:
    con.execute(f"COPY ({select}) TO {sql_string(out.as_posix())} ({options})")


def neutralised_select(con: duckdb.DuckDBPyConnection, select: str) -> str:
    """Wrap `select` so that every text cell starting like a formula gets a leading `'` (the OWASP rule);
    other columns and the row order stay as they are."""
    columns = []
    for name, sql_type, *_ in con.execute(f"DESCRIBE ({select})").fetchall():
        quoted = '"' + str(name).replace('"', '""') + '"'
        if str(sql_type) == "VARCHAR":
            columns.append(
                f"CASE WHEN regexp_matches({quoted}, {sql_string(FORMULA_START)}) "
                f"THEN '''' || {quoted} ELSE {quoted} END AS {quoted}"
            )
        else:
            columns.append(quoted)
    return f"SELECT {', '.join(columns)} FROM ({select}) AS exported"


def _cells(con: duckdb.DuckDBPyConnection, select: str, neutralise: bool) -> str:
    return neutralised_select(con, select) if neutralise else select


_TIME_PRECISION = {"day": 1, "week": 2, "article": 2}


def _iso_numeric() -> dict[str, int]:
    return {row["alpha_3"]: int(row["numeric"]) for row in iso3166_table().to_pylist()}


def _side(row: dict[str, Any], prefix: str) -> acled.Side:
    return acled.Side(row[f"{prefix}_code"], row[f"{prefix}_country"], row[f"{prefix}_sector"], row[f"{prefix}_actor"],
                      row[f"{prefix}_entry"])


def acled_row(row: dict[str, Any], iso_numeric: dict[str, int]) -> dict[str, Any]:
    """One ACLED row from the fields selected by `acled_csv.sql` (rules in docs/exports.md)."""
    event_type = row["acled_event_type"]
    country = acled.event_country(row["location_country"], row["source_country"], row["target_country"])
    place = row["location_country"]
    actor1 = acled.acled_actor(_side(row, "source"), is_target=False, event_type=event_type, place_country=place,
                               home_country=country)
    actor2 = acled.acled_actor(_side(row, "target"), is_target=True, event_type=event_type, place_country=place,
                               home_country=country)
    actor1, actor2 = acled.order_actors(event_type, actor1, actor2, country)
    facts = acled.country_table().get(country) if country else None
    timestamp = dt.datetime.combine(row["article_date"], dt.time(), tzinfo=dt.UTC).timestamp()
    return {
        "event_id_cnty": row["event_id"],
        "event_date": row["event_date"],
        "year": row["event_date"].year,
        "time_precision": _TIME_PRECISION.get(row["date_precision"], 3),
        "disorder_type": row["acled_disorder_type"],
        "event_type": event_type,
        "sub_event_type": row["acled_sub_event_type"],
        "actor1": actor1.name,
        "assoc_actor_1": actor1.associate,
        "inter1": actor1.inter,
        "actor2": actor2.name,
        "assoc_actor_2": actor2.associate,
        "inter2": actor2.inter,
        "interaction": acled.interaction(actor1.inter, actor2.inter),
        "civilian_targeting": acled.civilian_targeting(row["acled_disorder_type"], actor2.inter),
        "iso": iso_numeric.get(country) if country else None,
        "region": facts.acled_region if facts else None,
        "country": facts.acled_name if facts else None,
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "admin3": None,
        "location": row["location_text"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "geo_precision": row["geo_precision"],
        "source": row["publishers"] or row["publisher"],
        "source_scale": None,
        "notes": row["sentence_text"],
        "fatalities": row["fatalities"] or 0,
        "tags": acled.crowd_tag(event_type, row["crowd_size"], row["crowd_size_precision"]),
        "timestamp": int(timestamp),
    }


def acled_table(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The ACLED rows of the dataset open on `con`, as an Arrow table of `ACLED_SCHEMA`."""
    iso_numeric = _iso_numeric()
    rows = [acled_row(row, iso_numeric) for row in _rows(con, _export_sql("acled_csv"))]
    return pa.Table.from_pylist(rows, schema=ACLED_SCHEMA)


def plover_entity(code: str | None, country: str | None, sector: str | None, text: str | None,
                  name: str | None, entry: str | None) -> dict[str, Any] | None:
    """A PLOVER entity object: `code` the country (ISO alpha-3) or the IGO/NGO/IMG/MNC/INT prefix (null for a
    bare role such as BUS), `sector` the primary role, the mention text, and the codebook entry and name."""
    if code is None:
        return None
    prefix = code[:3]
    return {
        "code": country or (prefix if prefix in PLOVER_ENTITY_PREFIXES else None),
        "sector": sector,
        "entity_text": text,
        "identifier_id": entry,
        "identifier_text": name,
    }


def _plover_location(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["location_text"] is None and row["location_country"] is None:
        return None
    country = acled.acled_country(row["location_country"])
    resolved = [part for part in (row["location_text"], row["admin1"], country) if part]
    if row["latitude"] is None or row["geo_precision"] == 3:
        resolution = "admin1" if row["admin1"] is not None and row["latitude"] is not None else "country"
    else:
        resolution = "city"
    return {
        "extracted_place": row["location_text"],
        "resolved_place": ", ".join(dict.fromkeys(resolved)) or None,
        "lat": row["latitude"],
        "lon": row["longitude"],
        "country_code": row["location_country"],
        "resolution": resolution,
        "geonames_id": row["geonames_id"],
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "geo_precision": row["geo_precision"],
    }


def _plover_list(value: str | None) -> list[str]:
    """A crosswalk value as PLOVER's list: null is [], 'crime; corruption' is ['crime', 'corruption']."""
    return [] if value is None else [part.strip() for part in value.split(";") if part.strip()]


def _distinct(entities: Iterable[dict[str, Any] | None]) -> list[dict[str, Any]]:
    unique: dict[str, dict[str, Any]] = {}
    for entity in entities:
        if entity is not None:
            unique.setdefault(json.dumps(entity, sort_keys=True), entity)
    return list(unique.values())


def plover_record(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One PLOVER record from the rows of one coded event (same sentence, trigger and code; one row per
    actor pair when an actor is compound), as selected by `plover_jsonl.sql`. Its id is the first row's."""
    row = rows[0]
    record: dict[str, Any] = {
        "id": row["event_id"],
        "date": row["event_date"].isoformat(),
        "actor": _distinct(plover_entity(r["source_code"], r["source_country"], r["source_sector"], r["source_text"],
                                         r["source_actor"], r["source_entry"]) for r in rows),
        "recipient": _distinct(plover_entity(r["target_code"], r["target_country"], r["target_sector"],
                                             r["target_text"], r["target_actor"], r["target_entry"]) for r in rows),
        "event": [row["plover_event"]],
        "mode": _plover_list(row["plover_mode"]),
        "context": _plover_list(row["plover_context"]),
        "event_text": row["trigger_text"],
        "text": row["sentence_text"],
        "text_info": {"sequence": row["sentence_index"], "start": row["trigger_start"], "end": row["trigger_end"]},
        "cite_info": {
            "title": row["article_title"],
            "url": row["url"],
            "publication": row["publisher"],
            "coder": "eventcoder",
            "codebook": row["codebook_version"],
            "version": row["coder_version"],
        },
        "quad_code": row["quad_class"],
    }
    location = _plover_location(row)
    if location is not None:
        record["event_loc"] = location
    size = {"dead": row["fatalities"], "injured": row["injured"], "arrested": row["arrested"]}
    if any(value is not None for value in size.values()):
        record["size"] = size
    return record


def _plover_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["event_date"], row["article_id"], row["sentence_index"], row["trigger_start"], row["trigger_end"],
            row["cameo_code"])


def plover_records(con: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    """The PLOVER records of the dataset open on `con`, one per coded event, in date order."""
    for _, group in itertools.groupby(_rows(con, _export_sql("plover_jsonl")), key=_plover_key):
        yield plover_record(list(group))


GEOJSON_PROPERTIES: tuple[str, ...] = (
    "event_id", "event_key", "event_date", "source_code", "source_actor", "source_country", "target_code",
    "target_actor", "target_country", "cameo_code", "cameo_name", "quad_class", "goldstein", "category",
    "acled_event_type", "acled_sub_event_type", "plover_event", "location_text", "location_country", "admin1",
    "admin2", "geonames_id", "geo_precision", "fatalities", "injured", "arrested", "crowd_size", "num_mentions",
    "num_articles", "num_sources", "sentence_text", "url",
)
"""The properties of a GeoJSON Feature: the main columns of `events_unique`."""


def geojson_features(con: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    """One GeoJSON Feature (Point, WGS 84 longitude then latitude) per geocoded event of `events_unique`."""
    select = (
        f"SELECT longitude, latitude, {', '.join(GEOJSON_PROPERTIES)} FROM events_unique "
        "WHERE latitude IS NOT NULL AND longitude IS NOT NULL ORDER BY event_date, event_id"
    )
    for row in _rows(con, select):
        properties = {name: row[name] for name in GEOJSON_PROPERTIES}
        yield {
            "type": "Feature",
            "id": row["event_id"],
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": properties,
        }


def _write_geojson(con: duckdb.DuckDBPyConnection, out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write('{"type": "FeatureCollection", "features": [')
        for index, feature in enumerate(geojson_features(con)):
            handle.write(("," if index else "") + "\n" + json.dumps(feature, ensure_ascii=False, default=_json_default))
        handle.write("\n]}\n")


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [item[0] for item in cursor.description or ()]
    while batch := cursor.fetchmany(_BATCH_ROWS):
        for values in batch:
            yield dict(zip(names, values, strict=True))


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _write(con: duckdb.DuckDBPyConnection, fmt: str, out: Path, neutralise: bool) -> None:
    ordered_events = "SELECT * FROM events_all ORDER BY event_date, event_id"
    if fmt == "csv":
        _copy(con, _cells(con, ordered_events, neutralise), out, "FORMAT csv, HEADER true")
    elif fmt == "jsonl":
        _copy(con, ordered_events, out, "FORMAT json")
    elif fmt == "parquet":
        _copy(con, ordered_events, out, "FORMAT parquet, COMPRESSION zstd")
    elif fmt == "acled-csv":
        con.register("acled_rows", acled_table(con))
        ordered = "SELECT * FROM acled_rows ORDER BY event_date, event_id_cnty"
        _copy(con, _cells(con, ordered, neutralise), out, "FORMAT csv, HEADER true")
    elif fmt == "gdelt-tsv":
        con.register("export_countries", export_countries_table())
        _copy(con, _cells(con, _export_sql("gdelt_tsv"), neutralise), out, "FORMAT csv, HEADER false, DELIMITER '\t'")
    elif fmt == "plover-jsonl":
        with out.open("w", encoding="utf-8", newline="\n") as handle:
            for record in plover_records(con):
                handle.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
    elif fmt == "geojson":
        _write_geojson(con, out)
    else:
        raise QueryError(f"unknown export format '{fmt}' (known: {', '.join(EXPORT_FORMATS)})")


def export_dataset(
    dataset_dir: str | os.PathLike[str],
    fmt: str,
    out_path: str | os.PathLike[str],
    *,
    neutralise_formulas: bool = True,
    dedup_window_days: int | None = None,
    dedup_family: str | None = None,
) -> Path:
    """Export the dataset at `dataset_dir` in format `fmt` (one of `EXPORT_FORMATS`) to `out_path`.

    csv, jsonl and parquet hold every row of `events_all`; acled-csv, gdelt-tsv and geojson hold one row
    per real-world event (`events_unique`, under the de-duplication rule `dedup_window_days` and
    `dedup_family`, see `eventcoder.query.connect`); plover-jsonl holds one record per coded event of the
    default analysis view `events` (compound actors as lists). ACLED and PLOVER are limited to the events
    with an ACLED event type or a PLOVER event, GeoJSON to the geocoded ones. With `neutralise_formulas`
    (the default), text cells of csv, acled-csv and gdelt-tsv that start like a formula get a leading `'`.
    Returns the output path.
    """
    if fmt not in EXPORT_FORMATS:
        raise QueryError(f"unknown export format '{fmt}' (known: {', '.join(EXPORT_FORMATS)})")
    out = Path(out_path)
    if not out.parent.is_dir():
        raise OutputError(f"cannot write {out}: directory {out.parent} does not exist")
    partial = out.with_name(f".{out.name}.partial")
    con = connect(dataset_dir, dedup_window_days=dedup_window_days, dedup_family=dedup_family)
    try:
        _write(con, fmt, partial, neutralise_formulas)
        os.replace(partial, out)
    except duckdb.Error as error:
        raise OutputError(f"cannot export {fmt} to {out}: {error}") from error
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error}") from error
    finally:
        con.close()
        partial.unlink(missing_ok=True)
    return out
