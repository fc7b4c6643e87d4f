"""A completed run leaves one event file per partition; killed while merging, at any point, the dataset
keeps every committed event exactly once, and the next writer finishes or discards the merge. Merged-away
files that a reader may still be reading are retired, never counted, and deleted by a later writer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.dataset import ROW_GROUP_ROWS, DatasetWriter
from eventcoder.lock import DatasetLock
from eventcoder.query import connect
from eventcoder.snapshot import RETIRED, event_files, retired_paths

REPO = Path(__file__).resolve().parents[1]
SENTENCES = [
    "Freedonia threatened Sylvania with sanctions.",
    "Venezuela threatened Colombia with sanctions.",
    "Russia expelled two British diplomats.",
    "Iran condemned the Israeli strike.",
]


def _corpus(path: Path, articles: int) -> Path:
    lines = [
        json.dumps({"id": f"a{number}", "text": " ".join(SENTENCES[(number + k) % 4] for k in range(3)),
                    "date": f"2024-{1 + number % 3:02d}-1{number % 9}"})
        for number in range(articles)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(dataset: Path) -> list[dict[str, object]]:
    rows = [row for f in (dataset / "events").rglob("*.parquet") for row in pq.read_table(f).to_pylist()]
    return sorted(rows, key=lambda row: str(row["event_id"]))


def _count_seen_by_readers(dataset: Path) -> int:
    con = connect(dataset)
    try:
        return int(con.execute("select count(*) from events_all").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def test_dataset_compact_leaves_one_file_per_partition(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 30)
    whole, batched = tmp_path / "whole", tmp_path / "batched"
    assert CliRunner().invoke(cli, ["code", str(corpus), "-o", str(whole), "--workers", "1"]).exit_code == 0
    args = ["code", str(corpus), "-o", str(batched), "--workers", "1", "--batch-size", "4"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    files = sorted((batched / "events").rglob("*.parquet"))
    assert [file.parent.name for file in files] == ["month=01", "month=02", "month=03"]
    assert all(file.name.endswith("-all.parquet") for file in files)
    assert _rows(batched) == _rows(whole)
    metadata = pq.ParquetFile(files[0]).schema_arrow.metadata
    assert b"eventcoder.run_id" in metadata and b"eventcoder.codebook_version" in metadata
    assert all(pq.ParquetFile(file).metadata.row_group(0).num_rows <= ROW_GROUP_ROWS for file in files)
    assert CliRunner().invoke(cli, ["validate", str(batched)]).exit_code == 0
    runs = CliRunner().invoke(cli, ["runs", str(batched)])
    assert "completed" in runs.output


KILL_BEFORE_JOURNAL = """
import os, sys
from eventcoder import dataset
merge = dataset.DatasetWriter._merge_files
def merge_then_die(self, files, path):
    merge(self, files, path)
    os._exit(9)  # killed after the first merged file was staged, before the journal
dataset.DatasetWriter._merge_files = merge_then_die
"""

KILL_HALFWAY_THROUGH_MOVES = """
import os, sys
from eventcoder import dataset
replace = os.replace
moved = []
def replace_then_die(source, target):
    replace(source, target)
    if "-compact" in str(source):
        moved.append(target)
        if len(moved) == 2:
            os._exit(9)  # killed with two merged files moved, the rest and the removals still to do
dataset.os.replace = replace_then_die
"""


@pytest.mark.parametrize("kill", [KILL_BEFORE_JOURNAL, KILL_HALFWAY_THROUGH_MOVES], ids=["before", "halfway"])
def test_dataset_compact_killed_keeps_every_event_once(tmp_path: Path, kill: str) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 30)
    whole = tmp_path / "whole"
    assert CliRunner().invoke(cli, ["code", str(corpus), "-o", str(whole), "--workers", "1"]).exit_code == 0
    complete = _rows(whole)
    dataset = tmp_path / "killed"
    script = kill + (
        "from eventcoder.cli import main\n"
        f"sys.argv = ['eventcoder', 'code', {str(corpus)!r}, '-o', {str(dataset)!r}, '--workers', '1',"
        " '--batch-size', '4']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    assert (dataset / "_staging").is_dir()  # the merge was under way
    assert _count_seen_by_readers(dataset) == len(complete)
    assert CliRunner().invoke(cli, ["validate", str(dataset)]).exit_code == 0

    again = CliRunner().invoke(cli, ["code", str(corpus), "-o", str(dataset), "--workers", "1"])
    assert again.exit_code == 0, again.output
    assert not (dataset / "_staging").exists()
    assert _rows(dataset) == complete


def test_dataset_compact_a_reader_opened_before_the_merge_keeps_its_files_until_it_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A DuckDB session opened while the run was writing holds the readers lock: the merge retires the batch
    files it reads instead of deleting them, so it reads the same events afterwards and no listing counts
    them twice; the next writer deletes them once the session is gone."""
    import eventcoder.dataset as dataset_module

    corpus = _corpus(tmp_path / "corpus.jsonl", 30)
    out = tmp_path / "ds"
    opened: list[tuple[object, int]] = []
    real = dataset_module.DatasetWriter.compact

    def compact_after_a_reader_opened(self: dataset_module.DatasetWriter) -> int:
        con = connect(out)
        opened.append((con, int(con.execute("select count(*) from events_all").fetchone()[0])))  # type: ignore[index]
        return real(self)

    monkeypatch.setattr(dataset_module, "VACUUM_GRACE_SECONDS", 0.1)
    monkeypatch.setattr(dataset_module.DatasetWriter, "compact", compact_after_a_reader_opened)
    args = ["code", str(corpus), "-o", str(out), "--workers", "1", "--batch-size", "4"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    monkeypatch.undo()
    batch_files = [file for file in (out / "events").rglob("*.parquet") if not file.name.endswith("-all.parquet")]
    assert batch_files and json.loads((out / RETIRED).read_text())["retired"] == sorted(
        str(file.relative_to(out)) for file in batch_files
    )
    assert [file.name.endswith("-all.parquet") for file in event_files(out)] == [True, True, True]
    [(con, before)] = opened
    opened.clear()
    after = con.execute("select count(*), count(distinct event_id) from events_all").fetchone()  # type: ignore[attr-defined]
    events = len(_rows_of(event_files(out)))
    assert after == (before, before) == (events, events) == (_count_seen_by_readers(out),) * 2
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0

    con.close()  # type: ignore[attr-defined]  # releases the readers lock
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "b0", "text": SENTENCES[1], "date": "2024-05-01"}) + "\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["code", str(other), "-o", str(out), "--workers", "1"]).exit_code == 0
    assert not any(file.exists() for file in batch_files) and not retired_paths(out)
    assert _count_seen_by_readers(out) == events + 1


def _rows_of(files: list[Path]) -> list[dict[str, object]]:
    return [row for file in files for row in pq.read_table(file).to_pylist()]


KILL_BEFORE_VACUUM = """
import os, sys
from eventcoder import dataset
def vacuum_or_die(dataset_dir, *, wait_seconds=0.0):
    if dataset.retired_paths(dataset_dir):
        os._exit(9)  # killed after the merge committed, before its batch files were deleted
    return 0
dataset.vacuum = vacuum_or_die
"""

KILL_HALFWAY_THROUGH_VACUUM = """
import os, pathlib, sys
from eventcoder import dataset
unlink = pathlib.Path.unlink
def unlink_then_die(self, missing_ok=False):
    unlink(self, missing_ok=missing_ok)
    if "events" in self.parts and self.suffix == ".parquet":
        os._exit(9)  # killed after deleting the first retired batch file
pathlib.Path.unlink = unlink_then_die
"""


@pytest.mark.parametrize("kill", [KILL_BEFORE_VACUUM, KILL_HALFWAY_THROUGH_VACUUM], ids=["before", "halfway"])
def test_dataset_compact_killed_before_the_vacuum_reads_every_event_once(
    tmp_path: Path, kill: str, codebook: object
) -> None:
    """Killed between the merge and the deletion of the merged-away files (or halfway through it): the
    retired files stay on disk but no reader counts them, and the next writer deletes them."""
    corpus = _corpus(tmp_path / "corpus.jsonl", 30)
    whole = tmp_path / "whole"
    assert CliRunner().invoke(cli, ["code", str(corpus), "-o", str(whole), "--workers", "1"]).exit_code == 0
    complete = _rows(whole)
    dataset = tmp_path / "killed"
    script = kill + (
        "from eventcoder.cli import main\n"
        f"sys.argv = ['eventcoder', 'code', {str(corpus)!r}, '-o', {str(dataset)!r}, '--workers', '1',"
        " '--batch-size', '4']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    retired = json.loads((dataset / RETIRED).read_text(encoding="utf-8"))["retired"]
    assert any((dataset / path).exists() for path in retired)
    assert len(_rows(dataset)) > len(complete)  # on disk, the retired batch files hold the events again
    assert _count_seen_by_readers(dataset) == len(complete)
    assert sorted(map(str, _rows_of(event_files(dataset))), key=str) == sorted(map(str, complete), key=str)
    assert CliRunner().invoke(cli, ["validate", str(dataset)]).exit_code == 0

    with DatasetLock(dataset):
        DatasetWriter(dataset, codebook, "later", {})  # type: ignore[arg-type]  # a writer starting: recovers, then vacuums
    assert not retired_paths(dataset) and not any((dataset / path).exists() for path in retired)
    assert _rows(dataset) == complete
