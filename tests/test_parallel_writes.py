"""With a process pool, the run's last commit has its files written by the idle workers: the same bytes as written
in this process, and a worker's write error fails the commit as one in this process does."""

from __future__ import annotations

import datetime as dt
import errno
import json
import multiprocessing
import time
from pathlib import Path
from typing import Any

import pytest
from dataset_fixtures import make_event

import eventcoder.parallel as parallel
import eventcoder.run as run
from eventcoder.batch import code_batch
from eventcoder.codebook.compile import Codebook
from eventcoder.dataset import (
    LASTING_FILE_OPTIONS,
    SMALL_FILE_OPTIONS,
    SMALL_FILE_ROWS,
    StagedFile,
    rows_to_table,
    write_staged,
)
from eventcoder.errors import OutputError
from eventcoder.inputs import Article
from eventcoder.parallel import PoolCoder
from eventcoder.run import code_articles

SENTENCES = (
    "Venezuela threatened Colombia with sanctions on Monday. Russia expelled two British diplomats. "
    "Israeli troops shelled positions near Rafah."
)


def _staged_files(folder: Path) -> list[StagedFile]:
    """Files of slices of two tables (the months' rows of two batches), of one slice or of one of each, small and
    lasting, with the run's metadata."""
    rows = [make_event(number, event_date=dt.date(2025, 1 + number % 3, 1 + number % 28))
            for number in range(3 * SMALL_FILE_ROWS)]
    table = rows_to_table(rows).replace_schema_metadata({b"eventcoder.origin": b"batch"})
    other = rows_to_table(rows[:100])
    files = [(((table, 0, 7),), SMALL_FILE_OPTIONS), (((table, 7, SMALL_FILE_ROWS),), LASTING_FILE_OPTIONS),
             (((table, SMALL_FILE_ROWS + 7, SMALL_FILE_ROWS - 1),), SMALL_FILE_OPTIONS),
             (((other, 3, 50), (table, 2 * SMALL_FILE_ROWS, SMALL_FILE_ROWS)), LASTING_FILE_OPTIONS)]
    files += [(((table, start, 5 + start % 11), (other, start // 5, 3)), SMALL_FILE_OPTIONS)
              for start in range(40, 400, 60)]
    metadata = {b"eventcoder.run_id": b"run"}
    return [StagedFile(parts, metadata, folder / f"{index}.parquet", options, {})
            for index, (parts, options) in enumerate(files)]  # more files than two workers hold at once


def _bytes(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_pool_writes_the_bytes_this_process_writes(tmp_path: Path, codebook: Codebook) -> None:
    for name in ("here", "idle", "pool"):
        (tmp_path / name).mkdir()
    write_staged(_staged_files(tmp_path / "here"))
    with PoolCoder(codebook, 2) as pool:
        pool.write_staged(_staged_files(tmp_path / "idle"))  # not started: written in this process
        article = Article("a1", None, SENTENCES, dt.date(2025, 3, 10), None, None, None, "test")
        assert pool.submit([article], codebook)().table.equals(code_batch([article], codebook).table)
        pool.write_staged(_staged_files(tmp_path / "pool"))
        pool.write_staged([])  # a commit without events
        assert not list(pool._folder.iterdir())  # the shipped tables are gone with the commit's writes
    assert _bytes(tmp_path / "here") == _bytes(tmp_path / "idle") == _bytes(tmp_path / "pool")
    assert len(_bytes(tmp_path / "pool")) == 10


def test_pool_lets_its_workers_go_once_the_last_commit_is_written(tmp_path: Path, codebook: Codebook) -> None:
    for name in ("here", "pool"):
        (tmp_path / name).mkdir()
    write_staged(_staged_files(tmp_path / "here"))
    with PoolCoder(codebook, 2) as pool:
        article = Article("a1", None, SENTENCES, dt.date(2025, 3, 10), None, None, None, "test")
        pool.submit([article], codebook)()
        assert len(multiprocessing.active_children()) == 2
        pool.write_last(_staged_files(tmp_path / "pool"))
        deadline = time.monotonic() + 60
        while multiprocessing.active_children() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert multiprocessing.active_children() == []  # gone before the pool's block ends
    assert _bytes(tmp_path / "here") == _bytes(tmp_path / "pool")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": f"n{number}", "text": SENTENCES, "date": f"2025-{1 + number % 12:02d}-10"})
             for number in range(60)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_pool_run_writes_the_files_of_one_worker_byte_for_byte(
    tmp_path: Path, corpus: Path, codebook: Codebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "new_run_id", lambda: "20990101T000000000000Z-fixed0")  # the files hold the run id
    for workers in (1, 2):  # three commits: the last one written by the pool's workers
        code_articles([str(corpus)], tmp_path / f"w{workers}", codebook, workers=workers, batch_articles=25)
    one, two = _bytes(tmp_path / "w1" / "events"), _bytes(tmp_path / "w2" / "events")
    assert one == two
    assert any(name.endswith("-00002.parquet") for name in one)  # the last commit's files are among them


def test_pool_write_error_fails_the_last_commit_only(
    tmp_path: Path, corpus: Path, codebook: Codebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(parallel, "write_staged", full)  # what the forked workers call
    out = tmp_path / "ds"
    with pytest.raises(OutputError, match="No space left on device"):
        code_articles([str(corpus)], out, codebook, workers=2, batch_articles=25)
    [manifest] = [json.loads(path.read_text(encoding="utf-8")) for path in (out / "_runs").glob("*.json")]
    assert manifest["status"] == "failed" and manifest["articles_coded"] == 50  # two commits of 25 kept
    assert not (out / "_staging").exists()
    resumed = code_articles([str(corpus)], out, codebook, workers=1, batch_articles=25, resume=True)
    assert (resumed.articles_skipped, resumed.articles_coded) == (50, 10)
