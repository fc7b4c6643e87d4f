"""Column mappings (`--columns text=content,...`) for JSONL, CSV and Parquet inputs, and Parquet input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.errors import InputError
from eventcoder.inputs import Article, Rejected, check_columns, read_articles


def _read(path: Path, columns: dict[str, str] | None = None) -> list[Article | Rejected]:
    return list(read_articles([str(path)], columns=columns))


def _articles(items: list[Article | Rejected]) -> list[tuple[str, str, dt.date, str | None]]:
    assert all(isinstance(item, Article) for item in items), items
    return [(item.id, item.text, item.date, item.title) for item in items if isinstance(item, Article)]


EXPECTED = [("d1", "Freedonia threatened Sylvania.", dt.date(2025, 3, 1), "Threat")]


def test_inputs_columns_map_jsonl_keys(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    record = {"doc_id": "d1", "content": "Freedonia threatened Sylvania.", "published_at": "2025-03-01",
              "headline": "Threat", "text": "not this"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    columns = {"id": "doc_id", "text": "content", "date": "published_at", "title": "headline"}
    assert _articles(_read(path, columns)) == EXPECTED


def test_inputs_columns_map_csv_columns(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("doc_id,body,day,headline\nd1,Freedonia threatened Sylvania.,2025-03-01,Threat\n",
                    encoding="utf-8")
    columns = {"id": "doc_id", "text": "body", "date": "day", "title": "headline"}
    assert _articles(_read(path, columns)) == EXPECTED
    rejected = _read(path)[0]  # without the mapping the header has no text column
    assert isinstance(rejected, Rejected) and rejected.code == "bad-csv"
    assert "no 'text' column" in rejected.reason


def test_inputs_parquet_rows_with_dates_and_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    table = pa.table({
        "doc_id": ["d1", "d2"],
        "content": ["Freedonia threatened Sylvania.", "Sylvania protested."],
        "day": pa.array([dt.date(2025, 3, 1), dt.date(2025, 3, 2)], type=pa.date32()),
        "headline": ["Threat", None],
    })
    pq.write_table(table, path)
    items = _read(path, {"id": "doc_id", "text": "content", "date": "day", "title": "headline"})
    assert _articles(items) == [*EXPECTED, ("d2", "Sylvania protested.", dt.date(2025, 3, 2), None)]
    assert [item.origin for item in items if isinstance(item, Article)] == [f"{path}:1", f"{path}:2"]


def test_inputs_parquet_timestamp_is_a_date_and_a_number_is_a_bad_field(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({
        "id": pa.array([1, 2], type=pa.int64()),
        "text": ["Freedonia threatened Sylvania.", "Sylvania protested."],
        "date": pa.array([dt.datetime(2025, 3, 1, 12), dt.datetime(2025, 3, 2)], type=pa.timestamp("s")),
    }), path)
    items = _read(path, {"id": "title"})  # map the numeric id away: ids come from the text
    assert [item.date for item in items if isinstance(item, Article)] == [dt.date(2025, 3, 1), dt.date(2025, 3, 2)]
    (first, _) = _read(path)
    assert isinstance(first, Rejected) and first.code == "bad-field"


def test_inputs_parquet_without_the_text_column_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"body": ["x"]}), path)
    with pytest.raises(InputError, match="no 'text' column .*--columns text=NAME"):
        _read(path)


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"body": "content"}, "unknown field"),
        ({"text": " "}, "empty column"),
        ({"text": "content", "title": "content"}, "more than one field from content"),
    ],
)
def test_inputs_columns_bad_mapping_is_an_input_error(columns: dict[str, str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_columns(columns)


def test_inputs_columns_cli_options(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("doc_id,body,day\nd1,Freedonia threatened Sylvania.,2025-03-01\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["code", str(path), "-o", str(out), "--workers", "1",
                                      "--columns", "id=doc_id,date=day", "--text-column", "body"])
    assert result.exit_code == 0, result.output
    assert "1 articles read, 1 coded" in result.output
    twice = CliRunner().invoke(cli, ["code", str(path), "-o", str(out), "--columns", "text=body",
                                     "--text-column", "body"])
    assert twice.exit_code == 2 and "Error: the column of field 'text' is given twice" in twice.output
    unknown = CliRunner().invoke(cli, ["code", str(path), "-o", str(out), "--columns", "body=text"])
    assert unknown.exit_code == 2 and "Error: unknown field(s) in the column mapping: body" in unknown.output
