"""One writer at a time, readers that never write: the dataset lock, --wait, stale locks, concurrent
writers and a reader."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.errors import QueryError
from eventcoder.lock import LOCK_FILE, DatasetLock, ReaderLock, no_readers, read_holder
from eventcoder.query import connect, run_sql

SENTENCES = ["Venezuela threatened Colombia with sanctions.", "Russia expelled two British diplomats."]


def _corpus(path: Path, prefix: str, articles: int) -> Path:
    lines = [
        json.dumps({"id": f"{prefix}{n}", "text": " ".join(SENTENCES), "date": f"2024-{1 + n % 12:02d}-01"})
        for n in range(articles)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _article_ids(dataset: Path) -> set[str]:
    con = connect(dataset)
    try:
        return {row[0] for row in con.execute("select distinct article_id from events_all").fetchall()}
    finally:
        con.close()


def test_lock_second_writer_gets_one_error_line(tmp_path: Path) -> None:
    dataset = tmp_path / "ds"
    with DatasetLock(dataset, run_id="holder-run"):
        holder = read_holder(dataset)
        assert holder.pid == os.getpid() and holder.run_id == "holder-run"
        result = CliRunner().invoke(cli, ["code", str(_corpus(tmp_path / "c.jsonl", "a", 3)), "-o", str(dataset)])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: dataset {dataset} is being written by process {os.getpid()} on {holder.host}, "
        f"since {holder.started}, run holder-run; wait for it to finish (or use --wait)\n"
    )
    assert not (dataset / LOCK_FILE).exists()


def test_lock_wait_waits_for_the_holder(tmp_path: Path) -> None:
    dataset = tmp_path / "ds"
    lock = DatasetLock(dataset)
    lock.acquire()
    timer = threading.Timer(0.6, lock.release)
    timer.start()
    began = time.monotonic()
    result = CliRunner().invoke(cli, ["code", str(_corpus(tmp_path / "c.jsonl", "a", 3)), "-o", str(dataset),
                                      "--wait", "--workers", "1"])
    timer.join()
    assert result.exit_code == 0, result.output
    assert time.monotonic() - began >= 0.5
    assert _article_ids(dataset) == {"a0", "a1", "a2"}


def test_lock_left_by_a_dead_process_is_free(tmp_path: Path) -> None:
    """Rule: the OS releases a flock when its holder dies, so a lock file naming a dead pid is free."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    dataset = tmp_path / "ds"
    dataset.mkdir()
    (dataset / LOCK_FILE).write_text(json.dumps({"pid": dead.pid, "host": "h", "started": "s", "run_id": None}))
    result = CliRunner().invoke(cli, ["code", str(_corpus(tmp_path / "c.jsonl", "a", 2)), "-o", str(dataset),
                                      "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert not (dataset / LOCK_FILE).exists()


def test_lock_dataset_being_created_reads_as_empty(tmp_path: Path) -> None:
    dataset = tmp_path / "ds"
    with DatasetLock(dataset):
        con = connect(dataset)
        try:
            assert con.execute("select count(*) from events").fetchone() == (0,)
        finally:
            con.close()
        assert sorted(path.name for path in dataset.iterdir()) == [LOCK_FILE]


def test_lock_readers_lock_keeps_writers_from_deleting_only_while_held(tmp_path: Path) -> None:
    dataset = tmp_path / "ds"
    with ReaderLock(dataset) as absent:  # no events folder yet: nothing to hold, nothing to wait for
        assert not absent.held
        with no_readers(dataset) as free:
            assert free
    (dataset / "events").mkdir(parents=True)
    with ReaderLock(dataset) as first, ReaderLock(dataset) as second:
        assert first.held and second.held  # readers share it
        began = time.monotonic()
        with no_readers(dataset, wait_seconds=0.2) as free:
            assert not free
        assert 0.2 <= time.monotonic() - began < 5
        second.release()
        second.release()  # twice is harmless
        with no_readers(dataset) as free:
            assert not free
    with no_readers(dataset) as free:
        assert free
        assert sorted(path.name for path in dataset.iterdir()) == ["events"]  # readers and vacuum write nothing


def _no_reader(dataset: Path) -> bool:
    with no_readers(dataset) as free:
        return free


def test_lock_connection_holds_the_readers_lock_until_closed(crisis_dataset: Path) -> None:
    con = connect(crisis_dataset)
    assert not _no_reader(crisis_dataset)
    assert con.execute("select count(*) from events").fetchone() == (12,)
    con.close()
    assert _no_reader(crisis_dataset)  # at once, while the object lives on
    con.close()  # twice is harmless
    with pytest.raises(duckdb.ConnectionException):
        con.execute("select 1")


def test_lock_connection_with_block_releases_at_its_end(crisis_dataset: Path) -> None:
    with connect(crisis_dataset) as con:
        assert not _no_reader(crisis_dataset)
        assert con.sql("select count(*) from events").fetchall() == [(12,)]  # DuckDB's API, forwarded
        assert run_sql(con, "select count(*) from dyads").rows == ((4,),)
        own = duckdb.sql("select count(*) from events_all", connection=con.connection)
        assert own.fetchall() == [(14,)]
    assert _no_reader(crisis_dataset)


def test_lock_connection_released_when_collected_or_failing(crisis_dataset: Path) -> None:
    con = connect(crisis_dataset)
    del con
    assert _no_reader(crisis_dataset)
    with pytest.raises(QueryError):
        connect(crisis_dataset, dedup_window_days=-1)
    assert _no_reader(crisis_dataset)


def _code_process(corpus: Path, dataset: Path, *extra: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "eventcoder", "code", str(corpus), "-o", str(dataset), "--batch-size", "10",
               "--workers", "1", "--no-progress", *extra]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_lock_two_writers_and_a_reader(tmp_path: Path) -> None:
    """Two writers on one dataset with --wait: both finish and every article is there. A reader polling all
    along never sees a count go down and never fails: the files it listed stay until it has read them, even
    when a run's closing merge replaces them meanwhile. (Without --wait the second writer stops with one
    Error line: test_lock_second_writer_gets_one_error_line.)"""
    dataset = tmp_path / "ds"
    first = _corpus(tmp_path / "first.jsonl", "f", 50)
    second = _corpus(tmp_path / "second.jsonl", "s", 50)
    seen: list[int] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                if (dataset / "events").is_dir() or (dataset / LOCK_FILE).exists():
                    seen.append(len(_article_ids(dataset)))
            except BaseException as error:  # noqa: BLE001 - collected and asserted below
                failures.append(error)
            time.sleep(0.02)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        one = _code_process(first, dataset)
        deadline = time.monotonic() + 60
        while not (dataset / LOCK_FILE).exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        waiting = _code_process(second, dataset, "--wait")
        _, one_err = one.communicate(timeout=300)
        _, waiting_err = waiting.communicate(timeout=300)
    finally:
        stop.set()
        reader.join()
    assert one.returncode == 0, one_err
    assert waiting.returncode == 0, waiting_err
    assert not failures, [str(failure) for failure in failures[:2]]
    assert seen == sorted(seen)
    assert _article_ids(dataset) == {f"f{n}" for n in range(50)} | {f"s{n}" for n in range(50)}
    assert CliRunner().invoke(cli, ["validate", str(dataset)]).exit_code == 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_lock_pool_workers_do_not_keep_a_killed_writers_lock(tmp_path: Path) -> None:
    dataset = tmp_path / "ds"
    corpus = _corpus(tmp_path / "c.jsonl", "a", 200)
    process = subprocess.Popen(
        [sys.executable, "-m", "eventcoder", "code", str(corpus), "-o", str(dataset), "--batch-size", "20",
         "--workers", "2", "--no-progress"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list((dataset / "events").rglob("*.parquet")):
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    result = CliRunner().invoke(cli, ["code", str(corpus), "-o", str(dataset), "--resume", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert len(_article_ids(dataset)) == 200
    # the orphaned pool workers exit by themselves instead of waiting for work forever
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _processes_naming(corpus):
        time.sleep(0.1)
    assert _processes_naming(corpus) == []


def _processes_naming(path: Path) -> list[int]:
    """Pids of live processes whose command line names `path` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().split(") ", 1)[1][:1]
            except OSError:
                continue
            if str(path).encode() in cmdline and state != "Z":
                found.append(int(entry.name))
    return found
