"""Readers that glob the partition folders (the views of `eventcoder db` and `schemas/duckdb/views.sql` in
plain DuckDB) count exactly the committed events: not the retired files a commit superseded while they stay
on disk for a reader, not the files of a commit being carried out, and every file of a dataset that has no
retired list (written before it existed, or with nothing retired)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from dataset_fixtures import make_event, write_fixture_dataset

from eventcoder import dataset as dataset_module
from eventcoder.dataset import DatasetWriter, rows_to_table, write_labels
from eventcoder.lock import ReaderLock
from eventcoder.query import connect, render_published_views, write_database
from eventcoder.snapshot import RETIRED, event_files, retired_paths

NOVEMBER, DECEMBER = dt.date(2025, 11, 16), dt.date(2025, 12, 2)


def _rows(run: str, articles: dict[str, dt.date], per_article: int) -> list[dict[str, Any]]:
    return [
        make_event(number, event_id=f"{run}-{article}-{number}", article_id=article, event_date=day)
        for article, day in articles.items()
        for number in range(per_article)
    ]


def _write(dataset: Path, codebook: object, run: str, rows: list[dict[str, Any]]) -> None:
    writer = DatasetWriter(dataset, codebook, run, {})  # type: ignore[arg-type]
    writer.write_table(rows_to_table(rows), {str(row["article_id"]) for row in rows})
    write_labels(dataset, codebook)  # type: ignore[arg-type]  # the published views read them


def _on_disk(dataset: Path) -> int:
    return sum(pq.ParquetFile(file).metadata.num_rows for file in (dataset / "events").rglob("*.parquet"))


def _counts(dataset: Path, tmp_path: Path) -> dict[str, int]:
    """Events of `events_all` through each reader: a snapshot connection, the live database file of
    `eventcoder db`, and the published views in plain DuckDB."""
    counts = {}
    con = connect(dataset)
    try:
        counts["snapshot"] = con.execute("SELECT count(*) FROM events_all").fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    database = write_database(dataset, tmp_path / "live.duckdb")
    with duckdb.connect(str(database), read_only=True) as plain:
        counts["db file"] = plain.execute("SELECT count(*) FROM events_all").fetchone()[0]  # type: ignore[index]
    database = write_database(dataset, tmp_path / "relative.duckdb", relative=True)
    with duckdb.connect(str(database), read_only=True) as plain:
        plain.execute("SET file_search_path = ?", [str(tmp_path)])  # the list is found there too
        relative = plain.execute("SELECT count(*) FROM events_all").fetchone()[0]  # type: ignore[index]
        assert relative == counts["db file"]
    with duckdb.connect() as plain:
        plain.execute("SET VARIABLE dataset = ?", [dataset.as_posix()])
        plain.execute(render_published_views())
        counts["views.sql"] = plain.execute("SELECT count(*) FROM events_all").fetchone()[0]  # type: ignore[index]
    return counts


def test_dataset_retired_files_are_not_counted_by_glob_readers(tmp_path: Path, codebook: object) -> None:
    dataset = tmp_path / "ds"
    _write(dataset, codebook, "one", _rows("one", {"a1": NOVEMBER, "a2": NOVEMBER, "a3": DECEMBER}, 3))
    with ReaderLock(dataset):  # a reader keeps the superseded files on disk, retired
        _write(dataset, codebook, "two", _rows("two", {"a1": NOVEMBER, "a3": DECEMBER}, 2))
        assert len(retired_paths(dataset)) == 2 and _on_disk(dataset) == 9 + 3 + 4  # old, a2 rewritten, new
        assert _counts(dataset, tmp_path) == {"snapshot": 7, "db file": 7, "views.sql": 7}
    _write(dataset, codebook, "three", [])  # a writer starting with no reader deletes the retired files
    assert not retired_paths(dataset) and (dataset / RETIRED).is_file() and _on_disk(dataset) == 7
    assert _counts(dataset, tmp_path) == {"snapshot": 7, "db file": 7, "views.sql": 7}


def test_dataset_without_a_retired_list_reads_every_file(tmp_path: Path) -> None:
    dataset = write_fixture_dataset(tmp_path / "old", [make_event(number) for number in range(5)])
    assert not (dataset / RETIRED).exists()
    assert _counts(dataset, tmp_path) == {"snapshot": 5, "db file": 5, "views.sql": 5}


def test_dataset_glob_readers_see_a_commit_whole_or_not_at_all(
    tmp_path: Path, codebook: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit cut short after its first file moved (a crash): readers that list files read the journal
    and see the commit; glob readers see the dataset as before it, never a part of it, until the next writer
    finishes it (a database file written meanwhile too: it never names staged files)."""
    dataset = tmp_path / "ds"
    _write(dataset, codebook, "one", _rows("one", {"a1": NOVEMBER, "a2": DECEMBER}, 3))
    replace = os.replace

    def replace_once_then_crash(source: Path, target: Path) -> None:
        replace(source, target)
        if "events" in Path(target).parts:
            raise KeyboardInterrupt  # stands for a crash: nothing after the first file's move runs

    monkeypatch.setattr(dataset_module.os, "replace", replace_once_then_crash)
    with pytest.raises(KeyboardInterrupt):
        _write(dataset, codebook, "two", _rows("two", {"a1": NOVEMBER, "a2": DECEMBER, "a3": DECEMBER}, 1))
    monkeypatch.undo()
    assert json.loads((dataset / RETIRED).read_text(encoding="utf-8"))["retired"]  # the arriving files
    assert _counts(dataset, tmp_path) == {"snapshot": 3, "db file": 6, "views.sql": 6}
    _write(dataset, codebook, "three", [])  # recovery finishes the commit
    assert _counts(dataset, tmp_path) == {"snapshot": 3, "db file": 3, "views.sql": 3}
    assert len(event_files(dataset)) == 2
