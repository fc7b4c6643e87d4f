"""A chunk coded by a pool worker comes back as the `CodedBatch` this process would make: its table through an
Arrow IPC stream in a file of the pool's folder in shared memory, its counts and its failed articles (quarantine
records) as they were; no shipped file outlives the pool, nor a parent killed outright."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

import eventcoder.batch as batch
import eventcoder.parallel as parallel
from eventcoder.batch import CodedBatch, code_batch, merge_batches
from eventcoder.codebook.compile import Codebook
from eventcoder.inputs import Article
from eventcoder.parallel import (
    CHUNKS_PER_WORKER,
    PoolCoder,
    _exit_when_orphaned,
    _pool_folder,
    _received,
    _ship,
    _unship,
)

TEXTS = [
    "Venezuela threatened Colombia with sanctions on Monday. Russia expelled two British diplomats.",
    "Israeli troops shelled positions near Rafah. The UN Security Council condemned the attack.",
    "Protesters marched in Caracas against the government.",
    "",
]


def _articles(count: int) -> list[Article]:
    return [Article(f"a{number}", "A title" if number % 3 else None, TEXTS[number % len(TEXTS)],
                    dt.date(2025, 1 + number % 12, 10), None, None, None, "test") for number in range(count)]


def _fields(coded: CodedBatch) -> tuple[Any, ...]:
    return (coded.sentences, coded.table.to_pylist(), coded.table.schema, coded.failed, coded.discarded_sentences,
            coded.discarded_articles)


def test_a_shipped_table_is_the_table_and_its_file_is_read_once(codebook: Codebook, tmp_path: Path) -> None:
    table = code_batch(_articles(12), codebook).table
    assert len(table) > 0
    for number, part in enumerate((table, table.slice(3, 5), table.slice(0, 0), table.replace_schema_metadata({
        "eventcoder.run_id": "r1"}))):
        path = tmp_path / f"{number}.arrow"
        _ship(part, path)
        assert path.stat().st_size > 0
        unshipped = _unship(path)
        assert not path.exists()  # removed once read: the table's buffers keep the memory map
        assert unshipped.equals(part, check_metadata=True)
        assert unshipped.to_pylist() == part.to_pylist()


def test_a_received_batch_is_the_coded_batch(codebook: Codebook, tmp_path: Path) -> None:
    coded = code_batch(_articles(12), codebook)
    _ship(coded.table, tmp_path / "chunk.arrow")
    shipped = (tmp_path / "chunk.arrow", coded.sentences, coded.failed, coded.discarded_sentences,
               coded.discarded_articles)
    assert _fields(_received(shipped)) == _fields(coded)


def test_the_pool_folder_is_private_and_in_shared_memory_where_there_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "SHARED_MEMORY", tmp_path)
    folder = _pool_folder()
    assert folder.parent == tmp_path and folder.stat().st_mode & 0o777 == 0o700
    assert _pool_folder() != folder
    monkeypatch.setattr(parallel, "SHARED_MEMORY", tmp_path / "absent")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    assert _pool_folder().parent == tmp_path / "temporary"
    monkeypatch.setattr(parallel, "SHARED_MEMORY", tmp_path)
    monkeypatch.setattr(parallel, "SHARED_MEMORY_FREE", shutil.disk_usage(tmp_path).free + (1 << 40))
    assert _pool_folder().parent == tmp_path / "temporary"  # shared memory without room to spare is passed over


def test_a_new_pool_removes_the_folders_runs_killed_with_their_workers_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a folder whose process is gone and that has not changed for ABANDONED_SECONDS goes: a live run's, a
    recently changed one's (perhaps a live run of another PID namespace) and anything else stay."""
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = gone.pid
    monkeypatch.setattr(parallel, "SHARED_MEMORY", tmp_path)
    old = time.time() - parallel.ABANDONED_SECONDS - 60

    def folder(name: str, *, stale: bool) -> Path:
        made = tmp_path / name
        made.mkdir()
        (made / "0.arrow").write_bytes(b"a chunk")
        if stale:
            os.utime(made, (old, old))
        return made

    abandoned = folder(f"eventcoder-pool-{dead}-0a1b2c3d", stale=True)
    recent = folder(f"eventcoder-pool-{dead}-1a1b2c3d", stale=False)
    live = folder(f"eventcoder-pool-{os.getpid()}-2a1b2c3d", stale=True)
    other = folder(f"something-{dead}-3a1b2c3d", stale=True)
    mine = _pool_folder()
    assert not abandoned.exists()
    assert recent.exists() and live.exists() and other.exists() and mine.exists()


def test_an_orphaned_worker_removes_the_pool_folder(tmp_path: Path) -> None:
    """A parent killed outright leaves its workers orphaned: the first to notice removes the shipped tables."""
    folder = tmp_path / "pool"
    folder.mkdir()
    (folder / "3.arrow").write_bytes(b"a chunk nobody took")
    not_the_parent = os.getpid()  # the child's parent is this process: any other pid looks like a dead parent
    child = multiprocessing.get_context("fork").Process(target=_exit_when_orphaned,
                                                        args=(not_the_parent + 10**6, folder))
    child.start()
    child.join(30)
    assert child.exitcode == 1
    assert not folder.exists()


@pytest.fixture
def failing_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """Coding the articles a2 and a7 raises (in the workers too: they are forked after this)."""
    code_article = batch.code_article

    def failing(article: Article, codebook: Codebook) -> Any:
        if article.id in ("a2", "a7"):
            raise ValueError(f"cannot code {article.id}")
        return code_article(article, codebook)

    monkeypatch.setattr(batch, "code_article", failing)


@pytest.mark.usefixtures("failing_article")
def test_pool_batches_equal_this_process_batches_failures_included(codebook: Codebook) -> None:
    articles = _articles(23)
    with PoolCoder(codebook, 2) as pool:
        pooled = pool.submit(articles, codebook)()
        assert list(pool._folder.iterdir()) == []  # each chunk's file removed once read
        pool.submit(articles[:3], codebook)  # never taken
        folder = pool._folder
    assert not folder.exists()  # with the files of chunks no one took
    size = -(-len(articles) // (2 * CHUNKS_PER_WORKER))  # the pool's chunks, coded here one by one
    here = merge_batches([code_batch(articles[start : start + size], codebook)
                          for start in range(0, len(articles), size)])
    assert [article_id for article_id, _ in pooled.failed] == ["a2", "a7"]
    assert {rejected.code for _, rejected in pooled.failed} == {"coder-error"}
    assert _fields(pooled) == _fields(here) != _fields(merge_batches([]))
