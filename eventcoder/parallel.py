"""Coding with a process pool: the same output as one process, in the same order.

Each worker receives the compiled codebook once, in its initializer, and keeps it for its lifetime; that
per-process slot is the only module-level state in eventcoder that holds a whole codebook, and lives only inside
pool workers. The other module-level memos (the `lru_cache`s of tokenize, gazetteer and codebook.compile, and
the few word sets that events and slots derive once from a codebook's word classes and rules) hold pure
functions of their keys, are bounded, and give every process the same answers.

Worker processes start with the first batch the pool codes. A pool may be told to code small batches in
this process while it has not started (`in_process_below`): forking workers, and the copy-on-write page
faults of two processes touching the codebook, cost more than coding one short article (about 0.1 s of
a one-article run's 0.6 s). The process pool itself (and `concurrent.futures.process` with
`multiprocessing`, 31 M instructions to import) is created only then.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from eventcoder.batch import CodedBatch, code_batch, merge_batches
from eventcoder.codebook.cache import load_parts_through
from eventcoder.codebook.compile import Codebook
from eventcoder.dataset import StagedFile, write_parquet, write_staged
from eventcoder.inputs import Article, Rejected

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

CHUNKS_PER_WORKER = 4
SMALL_INPUT_CHARACTERS = 50_000  # an input this short is coded faster in one process than by starting a pool
PARENT_POLL_SECONDS = 0.5
_WORKER: dict[str, Codebook] = {}


def _exit_when_orphaned(parent: int) -> None:
    """A worker whose parent died (killed with SIGKILL, which no handler sees) exits instead of waiting
    for work forever: the parent's pid changes when the worker is handed to init."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _init_worker(codebook: Codebook, close_fds: tuple[int, ...]) -> None:
    _WORKER["codebook"] = codebook
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    for fd in close_fds:
        # A forked worker inherits the parent's dataset lock; its copy must not keep the lock alive
        # after the parent is gone.
        with contextlib.suppress(OSError):
            os.close(fd)


_ShippedBatch = tuple[bytes, int, tuple[tuple[str, Rejected], ...], int, int]
"""A `CodedBatch` on its way back from a worker: its table as an Arrow IPC stream, then its other fields."""


def _code_chunk(articles: Sequence[Article]) -> _ShippedBatch:
    """Code a chunk in a worker; its table goes back as an Arrow IPC stream, not pickled: a pickled table is
    rebuilt array by array, buffer by buffer (news25k's 40 chunk tables: about 0.5 ms each to pickle and as
    much to unpickle, against 0.04 and 0.08 ms through IPC; the parent's unpickling is CPU taken from the two
    workers on a two-core host)."""
    coded = code_batch(articles, _WORKER["codebook"])
    return _shipped(coded.table), coded.sentences, coded.failed, coded.discarded_sentences, coded.discarded_articles


def _received(shipped: _ShippedBatch) -> CodedBatch:
    """The `CodedBatch` a worker shipped."""
    table, sentences, failed, discarded_sentences, discarded_articles = shipped
    return CodedBatch(sentences, _unshipped(table), failed, discarded_sentences, discarded_articles)


def _write_shipped(table: bytes, path: Path, options: dict[str, Any]) -> None:
    write_parquet(_unshipped(table), path, options)


def _shipped(table: pa.Table) -> bytes:
    """A table as an Arrow IPC stream, which holds only the rows of a slice (a pickled slice of a table holds
    its whole buffers: a month's rows would carry the whole batch), in a `bytes`: a pickled `pa.Buffer` is
    copied into a bytearray, then into bytes, and rebuilt through a bytearray (a 1.4 MB stream pickled and
    unpickled as multiprocessing does: 2.95 -> 1.7 ms; the page faults of a whole run did not change beyond
    their noise)."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as stream:
        stream.write_table(table)
    return sink.getvalue().to_pybytes()


def _unshipped(table: bytes) -> pa.Table:
    return pa.ipc.open_stream(table).read_all()


class PoolCoder:
    """A process pool that codes batches of articles; use as a context manager."""

    def __init__(
        self, codebook: Codebook, workers: int, *, close_fds: tuple[int, ...] = (), in_process_below: int = 0
    ):
        """`close_fds`: descriptors the forked workers close at start (the dataset's write lock).
        `in_process_below`: until the workers have started, a batch with fewer characters of text than this
        is coded in this process instead of starting them (the output is the same)."""
        self._workers = workers
        self._in_process_below = in_process_below
        self._start = (codebook, close_fds)
        self._pool: ProcessPoolExecutor | None = None

    def _started_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            load_parts_through(self._start[0], "trigger_index")  # once, shared by the forked workers' pages
            self._pool = ProcessPoolExecutor(max_workers=self._workers, initializer=_init_worker,
                                             initargs=self._start)
        return self._pool

    def __call__(self, articles: Sequence[Article], codebook: Codebook) -> CodedBatch:
        """Code articles in chunks across the pool; the result keeps the input order."""
        return self.submit(articles, codebook)()

    def submit(self, articles: Sequence[Article], codebook: Codebook) -> Callable[[], CodedBatch]:
        """Start coding articles in chunks across the pool and return a function that waits for the
        result (in input order); the run submits the next batch before it writes this one."""
        if self._pool is None and sum(len(article.text) for article in articles) < self._in_process_below:
            coded = code_batch(articles, codebook)
            return lambda: coded
        pool = self._started_pool()
        size = max(1, -(-len(articles) // (self._workers * CHUNKS_PER_WORKER)))
        futures = [pool.submit(_code_chunk, articles[start : start + size]) for start in range(0, len(articles), size)]
        return lambda: merge_batches([_received(future.result()) for future in futures])

    def write_staged(self, files: Sequence[StagedFile]) -> None:
        """Write a commit's staged files on the workers, shared out as they finish one (in this process
        while they have not started). Meant for a pool with no coding in flight: the run's last commit, which
        nothing else overlaps. Written in this process, a news5k run's 37 files took 293 M instructions after
        the last batch (callgrind); shared out, each of two workers takes about 200 M of it (each pays the
        writer's set-up and the shipped tables' decoding), and the parent waits for the slower one."""
        if self._pool is None:
            write_staged(files)
            return
        from concurrent.futures import FIRST_COMPLETED, Future, wait

        futures: list[Future[None]] = []
        for file in files:
            # A shipped table is a copy of its rows: shipping them all at once held a copy of the whole commit
            # (peak RSS of the parent +13 MB on news25k), so each worker has one file at work and one waiting.
            running = [future for future in futures if not future.done()]
            if len(running) >= 2 * self._workers:
                wait(running, return_when=FIRST_COMPLETED)
            futures.append(self._pool.submit(_write_shipped, _shipped(file.table), file.path, file.options))
        wait(futures)  # all of them, so that none writes into the staging folder a failed commit removes
        for future in futures:
            future.result()  # a worker's error (OSError: disk full) is raised here, as in this process

    def __enter__(self) -> PoolCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
