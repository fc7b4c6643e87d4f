"""A commit writes its files on several threads (`DatasetWriter._stage_tables`): the files, their bytes and the
journal's order are those of writing them one by one, and a file that cannot be written fails the commit as
before, with every thread finished before the staging folder is removed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from dataset_fixtures import make_event

import eventcoder.dataset as dataset_module
from eventcoder.dataset import SMALL_FILE_ROWS, DatasetWriter, event_files, rows_to_table
from eventcoder.errors import OutputError


def _rows() -> list[dict[str, Any]]:
    """Events over seven months, one month with enough rows for a lasting (zstd) file, the others small."""
    months = [dt.date(2024, month, 3) for month in range(6, 13)]
    layout = [(months[number % 7], f"a{number % 11}") for number in range(60)]
    layout += [(months[2], f"b{number}") for number in range(SMALL_FILE_ROWS)]
    rows = [make_event(number, event_id=f"e{number:04d}", article_id=article, event_date=day)
            for number, (day, article) in enumerate(layout)]
    return sorted(rows, key=lambda row: (row["event_date"], row["article_id"], row["sentence_index"],
                                         row["trigger_start"], row["event_id"]))


def _commit(dataset: Path, codebook: object, rows: list[dict[str, Any]]) -> dict[str, bytes]:
    writer = DatasetWriter(dataset, codebook, "run", {"eventcoder.run_id": "run"})  # type: ignore[arg-type]
    writer.write_table(rows_to_table(rows), {row["article_id"] for row in rows})
    return {str(file.relative_to(dataset)): file.read_bytes() for file in event_files(dataset)}


@pytest.mark.parametrize("threads", [2, 3, 8])
def test_dataset_files_written_on_threads_are_those_written_one_by_one(
    tmp_path: Path, codebook: object, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    rows = _rows()
    monkeypatch.setattr(dataset_module, "STAGING_THREADS", 1)
    one_by_one = _commit(tmp_path / "one", codebook, rows)
    monkeypatch.setattr(dataset_module, "STAGING_THREADS", threads)
    on_threads = _commit(tmp_path / "threads", codebook, rows)
    assert len(one_by_one) == 7
    assert on_threads == one_by_one


def test_dataset_stage_tables_keeps_the_order_of_the_files(
    tmp_path: Path, codebook: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The moves come back in the order the files were given, whichever thread finishes first."""
    monkeypatch.setattr(dataset_module, "STAGING_THREADS", 4)
    writer = DatasetWriter(tmp_path / "ds", codebook, "run", {})  # type: ignore[arg-type]
    table = rows_to_table([make_event(0)])
    targets = [f"events/year=2024/month={month:02d}/part.parquet" for month in range(12, 0, -1)]
    staging = writer._stage()
    moves = writer._stage_tables([(table, target, dataset_module.SMALL_FILE_OPTIONS) for target in targets], staging)
    assert [move["to"] for move in moves] == targets
    assert all((tmp_path / "ds" / move["from"]).is_file() for move in moves)


def test_dataset_a_file_that_fails_fails_the_commit_after_the_others_are_written(
    tmp_path: Path, codebook: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dataset_module, "STAGING_THREADS", 4)
    real = DatasetWriter._write_parquet
    written: list[bool] = []  # per file written: whether it was still there after its writing

    def write_or_fail(self: DatasetWriter, table: Any, path: Path, options: dict[str, Any]) -> None:
        if "month=08" in path.name:
            raise OSError(28, "No space left on device")
        real(self, table, path, options)
        written.append(path.is_file())

    monkeypatch.setattr(DatasetWriter, "_write_parquet", write_or_fail)
    dataset = tmp_path / "ds"
    writer = DatasetWriter(dataset, codebook, "run", {})  # type: ignore[arg-type]
    rows = _rows()
    with pytest.raises(OutputError, match="No space left on device"):
        writer.write_table(rows_to_table(rows), {row["article_id"] for row in rows})
    assert written == [True] * 6  # every other file was written whole before the staging folder went
    assert list(event_files(dataset)) == []
    assert not (dataset / "_staging").exists()
    assert writer.batches == 0
