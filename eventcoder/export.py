"""Export a dataset to flat files: the event table (CSV, JSON lines, Parquet) and the ACLED, GDELT 2.0 and
PLOVER formats. The column mapping of each format is documented in `docs/exports.md`.

Every export is ordered by event date, then event id, and is written to a temporary file that replaces
the output only when complete.

The spreadsheet-family exports (csv, acled-csv, gdelt-tsv) neutralise formula cells by default: a text cell
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (the OWASP rule against
CSV injection), so a spreadsheet shows it as text instead of running it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa

from eventcoder.errors import OutputError, QueryError
from eventcoder.query import connect, sql_string
from eventcoder.resources import sql_dir

ExportFormat = Literal["csv", "jsonl", "parquet", "acled-csv", "gdelt-tsv", "plover-jsonl"]
EXPORT_FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet", "acled-csv", "gdelt-tsv", "plover-jsonl")

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

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
    "id", "date", "actor", "recipient", "event", "mode", "context", "text", "text_info", "cite_info",
    "quad_code", "event_loc",
)
"""Top-level keys of a PLOVER record; `event_loc` is present only when the event has a location."""

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


def _plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """Assemble one PLOVER record from the flat fields selected by `plover_jsonl.sql`."""

    def actor(code: str | None, sector: str | None, text: str | None) -> list[dict[str, Any]]:
        return [] if code is None else [{"code": code, "sector": sector, "entity_text": text}]

    record: dict[str, Any] = {
        "id": row["event_id"],
        "date": row["event_date"].isoformat(),
        "actor": actor(row["source_code"], row["source_sector"], row["source_text"]),
        "recipient": actor(row["target_code"], row["target_sector"], row["target_text"]),
        "event": [row["plover_event"]],
        "mode": row["plover_mode"],
        "context": [] if row["plover_context"] is None else [row["plover_context"]],
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
    if row["location_text"] is not None or row["location_country"] is not None:
        record["event_loc"] = {"text": row["location_text"], "country": row["location_country"]}
    return record


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
        con.register("iso3166", iso3166_table())
        _copy(con, _cells(con, _export_sql("acled_csv"), neutralise), out, "FORMAT csv, HEADER true")
    elif fmt == "gdelt-tsv":
        _copy(con, _cells(con, _export_sql("gdelt_tsv"), neutralise), out, "FORMAT csv, HEADER false, DELIMITER '\t'")
    elif fmt == "plover-jsonl":
        with out.open("w", encoding="utf-8", newline="\n") as handle:
            for row in _rows(con, _export_sql("plover_jsonl")):
                record = _plover_record(row)
                handle.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
    else:
        raise QueryError(f"unknown export format '{fmt}' (known: {', '.join(EXPORT_FORMATS)})")


def export_dataset(
    dataset_dir: str | os.PathLike[str],
    fmt: str,
    out_path: str | os.PathLike[str],
    *,
    neutralise_formulas: bool = True,
) -> Path:
    """Export the dataset at `dataset_dir` in format `fmt` (one of `EXPORT_FORMATS`) to `out_path`.

    csv, jsonl and parquet hold every row of `events_all`; acled-csv, gdelt-tsv and plover-jsonl hold the
    default analysis view `events` (asserted or reported, not negated), limited for ACLED and PLOVER to
    the events with an ACLED event type or a PLOVER event. With `neutralise_formulas` (the default), text
    cells of csv, acled-csv and gdelt-tsv that start like a formula get a leading `'`. Returns the output
    path.
    """
    if fmt not in EXPORT_FORMATS:
        raise QueryError(f"unknown export format '{fmt}' (known: {', '.join(EXPORT_FORMATS)})")
    out = Path(out_path)
    if not out.parent.is_dir():
        raise OutputError(f"cannot write {out}: directory {out.parent} does not exist")
    partial = out.with_name(f".{out.name}.partial")
    con = connect(dataset_dir)
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
