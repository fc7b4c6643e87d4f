"""Exports: the event table formats and the ACLED, GDELT and PLOVER mappings."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventcoder import export
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
    from dataset_fixtures import make_event, write_fixture_dataset

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
