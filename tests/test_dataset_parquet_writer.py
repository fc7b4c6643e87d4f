"""The dataset writes its files through the writer of the `pyarrow._parquet` extension (`dataset._write_file`),
not `pyarrow.parquet`, whose import costs a run 64 M instructions: the files are the bytes `pq.write_table`
writes with the same options, and a label table's stamp is read as `pq.read_schema` reads it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dataset_fixtures import make_event

from eventcoder import dataset
from eventcoder.dataset import (
    LASTING_FILE_OPTIONS,
    ROW_GROUP_ROWS,
    SMALL_FILE_OPTIONS,
    SMALL_FILE_ROWS,
    rows_to_table,
    write_parquet,
)

_OPTIONS = [SMALL_FILE_OPTIONS, LASTING_FILE_OPTIONS, {"compression": "zstd"}, {}]


def _events(count: int) -> pa.Table:
    table = rows_to_table([make_event(index) for index in range(count)])
    return table.replace_schema_metadata({**(table.schema.metadata or {}), b"eventcoder.run_id": b"run-1"})


def _plain_bytes(table: pa.Table, options: dict[str, Any]) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, row_group_size=ROW_GROUP_ROWS, **options)
    return bytes(sink.getvalue())


@pytest.mark.parametrize("options", _OPTIONS)
@pytest.mark.parametrize("count", [0, 1, 7, SMALL_FILE_ROWS + 3])
def test_write_file_writes_the_bytes_of_write_table(options: dict[str, Any], count: int) -> None:
    table = _events(count)
    sink = pa.BufferOutputStream()
    dataset._write_file(table, sink, options)
    assert bytes(sink.getvalue()) == _plain_bytes(table, options)


@pytest.mark.parametrize("options", [SMALL_FILE_OPTIONS, LASTING_FILE_OPTIONS])
@pytest.mark.parametrize("count", [3, SMALL_FILE_ROWS])  # a small file through memory, a larger one to disk
def test_write_parquet_files_hold_the_bytes_of_write_table(tmp_path: Path, options: dict[str, Any], count: int) -> None:
    table = _events(count)
    path = tmp_path / "part.parquet"
    write_parquet(table, path, options)
    assert path.read_bytes() == _plain_bytes(table, options)
    assert pq.read_table(path).equals(table)


def test_write_file_of_a_table_of_other_columns_is_write_tables(tmp_path: Path) -> None:
    """A label table: other columns and types, metadata of its own."""
    table = pa.table(
        {"code": ["01", "010"], "level": pa.array([1, 2], pa.int8()), "goldstein": [0.0, -0.5], "primary": [True, None]}
    ).replace_schema_metadata({b"eventcoder.labels": b"1 cb-x"})
    sink = pa.BufferOutputStream()
    dataset._write_file(table, sink, {"compression": "zstd"})
    assert bytes(sink.getvalue()) == _plain_bytes(table, {"compression": "zstd"})


def _plain_stamp(path: Path) -> str | None:
    """The reference: the stamp as `pq.read_schema` reads it."""
    try:
        metadata = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowException):
        return None
    stamp = metadata.get(b"eventcoder.labels")
    return stamp.decode() if stamp is not None else None


def test_stamp_of_reads_what_read_schema_reads(tmp_path: Path) -> None:
    stamped = tmp_path / "stamped.parquet"
    pq.write_table(pa.table({"a": [1]}).replace_schema_metadata({b"eventcoder.labels": b"3 cb-abc"}), stamped)
    plain = tmp_path / "plain.parquet"
    pq.write_table(pa.table({"a": [1]}), plain)
    (tmp_path / "text.parquet").write_text("not parquet")
    (tmp_path / "empty.parquet").write_bytes(b"")
    (tmp_path / "folder.parquet").mkdir()
    paths = [stamped, plain, *(tmp_path / name for name in ("text.parquet", "empty.parquet", "folder.parquet", "none"))]
    assert [dataset._stamp_of(path) for path in paths] == [_plain_stamp(path) for path in paths]
    assert dataset._stamp_of(stamped) == "3 cb-abc"


def test_the_dataset_module_does_not_import_pyarrow_parquet() -> None:
    code = "import sys, eventcoder.dataset; print('pyarrow.parquet' in sys.modules, 'pyarrow.fs' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
