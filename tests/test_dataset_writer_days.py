"""The writer reads event dates as day numbers (a view of the date32 storage) instead of `datetime.date`
objects: the numbers, their order and the month partitions they name hold to the plain date computation.
A small batch file keeps statistics on the filtered columns only, and reads the same as a default file; it is
assembled in memory and written in one call, with the bytes Arrow writes to disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from dataset_fixtures import make_event
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.dataset import (
    FILTERED_COLUMNS,
    LASTING_FILE_OPTIONS,
    ROW_GROUP_ROWS,
    SMALL_FILE_OPTIONS,
    SMALL_FILE_ROWS,
    _partition_of_day,
    day_numbers,
    rows_to_table,
    write_parquet,
)
from eventcoder.records import EVENT_SCHEMA

_DATES = st.lists(st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(_DATES, max_size=3))
def test_day_numbers_are_days_since_1970_in_every_chunk(chunks: list[list[dt.date | None]]) -> None:
    column = pa.chunked_array([pa.array(chunk, type=pa.date32()) for chunk in chunks], type=pa.date32())
    epoch = dt.date(1970, 1, 1)
    expected = [None if date is None else (date - epoch).days for chunk in chunks for date in chunk]
    assert day_numbers(column) == expected


@settings(max_examples=300, deadline=None)
@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_day_numbers_order_and_partitions_match_the_dates(first: dt.date, second: dt.date) -> None:
    column = pa.chunked_array([pa.array([first, second], type=pa.date32())])
    day_one, day_two = day_numbers(column)
    assert day_one is not None and day_two is not None
    assert (day_one < day_two) == (first < second) and (day_one == day_two) == (first == second)
    assert _partition_of_day(day_one) == f"year={first.year:04d}/month={first.month:02d}"


def test_day_numbers_of_an_empty_column() -> None:
    assert day_numbers(pa.chunked_array([], type=pa.date32())) == []


def test_small_files_keep_statistics_on_the_filtered_columns_and_read_the_same(tmp_path: Path) -> None:
    assert set(FILTERED_COLUMNS) <= set(EVENT_SCHEMA.names)  # Arrow would skip a misspelt name silently
    table = rows_to_table([make_event(number, event_date=dt.date(2025, 1, 1 + number)) for number in range(5)])
    pq.write_table(table, tmp_path / "small.parquet", **SMALL_FILE_OPTIONS)
    pq.write_table(table, tmp_path / "plain.parquet")
    assert pq.read_table(tmp_path / "small.parquet").equals(pq.read_table(tmp_path / "plain.parquet"))
    row_group = pq.ParquetFile(tmp_path / "small.parquet").metadata.row_group(0)
    with_statistics = {
        row_group.column(index).path_in_schema
        for index in range(row_group.num_columns)
        if row_group.column(index).is_stats_set
    }
    assert with_statistics == set(FILTERED_COLUMNS)
    event_date = row_group.column(EVENT_SCHEMA.names.index("event_date")).statistics
    assert (event_date.min, event_date.max) == (dt.date(2025, 1, 1), dt.date(2025, 1, 5))


def test_a_small_file_assembled_in_memory_has_the_bytes_arrow_writes_to_disk(tmp_path: Path) -> None:
    metadata = {b"eventcoder.run_id": b"run"}
    for rows in (1, SMALL_FILE_ROWS - 1, SMALL_FILE_ROWS):  # the last one is written straight to disk
        table = rows_to_table([make_event(number) for number in range(rows)]).replace_schema_metadata(metadata)
        options = SMALL_FILE_OPTIONS if rows < SMALL_FILE_ROWS else LASTING_FILE_OPTIONS
        write_parquet(table, tmp_path / "written.parquet", options)
        pq.write_table(table, tmp_path / "plain.parquet", row_group_size=ROW_GROUP_ROWS, **options)
        assert (tmp_path / "written.parquet").read_bytes() == (tmp_path / "plain.parquet").read_bytes()
