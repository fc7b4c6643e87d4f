"""Re-coding articles into an existing dataset: the events earlier runs wrote for them go, every other row of
the files that held them stays in its order, files without them are not touched, and the filter does not
import pyarrow.compute (0.06 s of every re-coding start; see bench/README.md, "Start-up, fifth pass")."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dataset_fixtures import make_event

from eventcoder.dataset import DatasetWriter, article_rows, files_with_articles, rows_to_table, without_rows
from eventcoder.snapshot import event_files

NOVEMBER, DECEMBER, JANUARY = dt.date(2025, 11, 16), dt.date(2025, 12, 2), dt.date(2026, 1, 5)


def _events(run: str, layout: list[tuple[str, dt.date]]) -> list[dict[str, Any]]:
    """One event per (article, date) entry, numbered in order, so the same article recurs between others."""
    return [
        make_event(number, event_id=f"{run}-{number:03d}", article_id=article, event_date=day)
        for number, (article, day) in enumerate(layout)
    ]


def _write(dataset: Path, codebook: object, run: str, rows: list[dict[str, Any]], articles: set[str]) -> None:
    writer = DatasetWriter(dataset, codebook, run, {})  # type: ignore[arg-type]
    writer.write_table(rows_to_table(rows), articles)


def _rows_by_month(dataset: Path) -> dict[str, list[dict[str, Any]]]:
    """The rows of each month's files, file by file in name order."""
    months: dict[str, list[dict[str, Any]]] = {}
    for file in sorted(event_files(dataset)):
        months.setdefault(file.parent.name, []).extend(pq.read_table(file, partitioning=None).to_pylist())
    return months


@pytest.mark.parametrize(
    ("drop", "kept"),
    [
        ([], []),
        ([False, False, False], [0, 1, 2]),
        ([True, True, True], []),
        ([True, False, False, True, False, True], [1, 2, 4]),
        ([False, True, True, False], [0, 3]),
    ],
)
def test_dataset_without_rows_keeps_the_unflagged_rows_in_order(drop: list[bool], kept: list[int]) -> None:
    table = pa.table({"n": pa.array(range(len(drop)), type=pa.int64())})
    result = without_rows(table, drop)
    assert result.schema == table.schema
    assert result.column("n").to_pylist() == kept


def test_dataset_recode_keeps_the_other_articles_rows_in_order(tmp_path: Path, codebook: object) -> None:
    dataset = tmp_path / "ds"
    layout = [("a1", NOVEMBER), ("a2", NOVEMBER), ("a1", NOVEMBER), ("a3", NOVEMBER), ("a2", NOVEMBER),
              ("a3", DECEMBER), ("a1", DECEMBER), ("a3", JANUARY)]
    first = _events("first", layout)
    _write(dataset, codebook, "first", first, {"a1", "a2", "a3"})
    before = _rows_by_month(dataset)
    january = next(file for file in event_files(dataset) if file.parent.name == "month=01")

    assert files_with_articles(dataset, {"a1"}, "second") == [
        file for file in event_files(dataset) if file.parent.name in ("month=11", "month=12")
    ]
    november = next(rows for file, rows in article_rows(dataset, {"a1", "a2"}, "second")
                    if file.parent.name == "month=11")
    assert november == [row["article_id"] in ("a1", "a2") for row in before["month=11"]]

    again = [make_event(50, event_id="second-050", article_id="a1", event_date=DECEMBER)]
    _write(dataset, codebook, "second", again, {"a1"})
    after = _rows_by_month(dataset)
    assert after["month=11"] == [row for row in before["month=11"] if row["article_id"] != "a1"]
    assert sorted(row["event_id"] for row in after["month=12"]) == ["first-005", "second-050"]
    assert after["month=01"] == before["month=01"]
    assert january in event_files(dataset)  # a file without the article is left where it was
    assert [file.name for file in files_with_articles(dataset, {"a1"}, "third")] == ["part-second-00000.parquet"]
    assert files_with_articles(dataset, {"a9"}, "third") == []


def test_dataset_recode_of_every_article_of_a_file_removes_it(tmp_path: Path, codebook: object) -> None:
    dataset = tmp_path / "ds"
    _write(dataset, codebook, "first", _events("first", [("a1", NOVEMBER), ("a1", NOVEMBER)]), {"a1"})
    _write(dataset, codebook, "second", _events("second", [("a1", DECEMBER)]), {"a1"})
    assert [file.parent.name for file in event_files(dataset)] == ["month=12"]


def test_dataset_run_into_a_fresh_dataset_never_scans_for_earlier_events(
    tmp_path: Path, codebook: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dataset without other runs' files at a run's first commit has none later (only the run writes, its
    files carry its run id): its batches skip the scan; the next run, which finds them, still replaces."""
    import eventcoder.dataset as dataset_module

    scans: list[str] = []
    real = dataset_module.article_rows

    def counting(dataset: Path, article_ids: set[str], exclude_run: str) -> Any:
        scans.append(exclude_run)
        return real(dataset, article_ids, exclude_run)

    monkeypatch.setattr(dataset_module, "article_rows", counting)
    dataset = tmp_path / "ds"
    writer = DatasetWriter(dataset, codebook, "first", {})  # type: ignore[arg-type]
    writer.write_table(rows_to_table(_events("first", [("a1", NOVEMBER)])), {"a1"})
    writer.write_table(rows_to_table(_events("first-b", [("a1", DECEMBER), ("a2", DECEMBER)])), {"a1", "a2"})
    assert scans == []
    assert sorted(row["event_id"] for rows in _rows_by_month(dataset).values() for row in rows) == [
        "first-000", "first-b-000", "first-b-001"  # the run's own batches are never superseded by it
    ]
    _write(dataset, codebook, "second", _events("second", [("a1", JANUARY)]), {"a1"})
    assert scans == ["second"]
    after = _rows_by_month(dataset)
    assert sorted(row["event_id"] for rows in after.values() for row in rows) == ["first-b-001", "second-000"]


def test_dataset_recode_reads_a_file_of_several_row_groups(tmp_path: Path, codebook: object) -> None:
    dataset = tmp_path / "ds"
    _write(dataset, codebook, "first", _events("first", [("a1", NOVEMBER), ("a2", NOVEMBER)] * 3), {"a1", "a2"})
    (old,) = event_files(dataset)
    table = pq.read_table(old, partitioning=None)
    pq.write_table(table, old, row_group_size=2)  # row groups with dictionaries of their own: a1 a1, a1 a2, a2 a2
    assert pq.ParquetFile(old).metadata.num_row_groups == 3
    ((path, rows),) = article_rows(dataset, {"a2"}, "second")
    assert path == old and rows == [article == "a2" for article in table.column("article_id").to_pylist()]
    assert rows.count(True) == 3


DRIVER = """
import sys
from eventcoder.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="eventcoder")
except SystemExit as stop:
    assert stop.code in (0, None), stop.code
print("pyarrow.compute" in sys.modules)
"""


def test_dataset_recode_run_does_not_import_pyarrow_compute(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[1] / "seeds" / "us-venezuela-ultimatum.txt"
    out = tmp_path / "ds"
    runs = [
        subprocess.run([sys.executable, "-c", DRIVER, "code", str(seed), "-o", str(out), "--workers", "1"],
                       capture_output=True, text=True, timeout=300, check=True)
        for _ in range(2)
    ]
    assert runs[1].stdout.strip() == "False"
    assert len(list((out / "_runs").glob("*.json"))) == 2


def test_dataset_small_batch_files_are_cheap_to_write_and_large_ones_compact(
    tmp_path: Path, codebook: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's file of fewer than SMALL_FILE_ROWS rows is written with snappy and no dictionaries (its fixed
    cost is most of its writing); a larger one keeps zstd with dictionaries; both read back the same rows."""
    import eventcoder.dataset as dataset_module

    monkeypatch.setattr(dataset_module, "SMALL_FILE_ROWS", 3)
    dataset = tmp_path / "ds"
    rows = _events("run", [("a1", NOVEMBER), ("a1", NOVEMBER), ("a2", DECEMBER), ("a3", DECEMBER), ("a4", DECEMBER)])
    _write(dataset, codebook, "run", rows, {"a1", "a2", "a3", "a4"})
    encodings = {}
    for file in event_files(dataset):
        parquet = pq.ParquetFile(file)
        column = parquet.metadata.row_group(0).column(parquet.schema_arrow.get_field_index("article_id"))
        encodings[file.parent.name] = (column.compression, column.has_dictionary_page)
    assert encodings == {"month=11": ("SNAPPY", False), "month=12": ("ZSTD", True)}
    assert [row["event_id"] for rows in _rows_by_month(dataset).values() for row in rows] == [
        row["event_id"] for row in rows
    ]
