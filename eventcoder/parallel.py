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
import itertools
import os
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from eventcoder.batch import CodedBatch, code_batch, merge_batches
from eventcoder.codebook.cache import load_parts_through
from eventcoder.codebook.compile import Codebook
from eventcoder.dataset import StagedFile, joined_tables, write_staged
from eventcoder.inputs import Article, Rejected

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

CHUNKS_PER_WORKER = 4
LAST_CHUNK_ARTICLES = 2  # the fewest articles of a chunk of the input's last batch (see `chunk_sizes`)
SMALL_INPUT_CHARACTERS = 50_000  # an input this short is coded faster in one process than by starting a pool
PARENT_POLL_SECONDS = 0.5
SHIPPING_BUFFER = 1 << 20  # bytes written to a shipped table's file at a time
SHARED_MEMORY = Path("/dev/shm")  # a tmpfs on Linux: where the processes hand each other tables (see `_ship`)
SHARED_MEMORY_FREE = 256 << 20  # bytes it must have free to be used: a container's is often 64 MB in all
POOL_FOLDER_PREFIX = "eventcoder-pool-"
ABANDONED_SECONDS = 3600  # how long a dead run's pool folder must have stayed unchanged to be removed
_WORKER: dict[str, Codebook] = {}


def _exit_when_orphaned(parent: int, folder: Path) -> None:
    """A worker whose parent died (killed with SIGKILL, which no handler sees) exits instead of waiting
    for work forever: the parent's pid changes when the worker is handed to init. It removes the pool's
    folder of shipped tables first, which the parent no longer can."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    shutil.rmtree(folder, ignore_errors=True)
    os._exit(1)


def _init_worker(codebook: Codebook, close_fds: tuple[int, ...], folder: Path) -> None:
    _WORKER["codebook"] = codebook
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(), folder), daemon=True).start()
    for fd in close_fds:
        # A forked worker inherits the parent's dataset lock; its copy must not keep the lock alive
        # after the parent is gone.
        with contextlib.suppress(OSError):
            os.close(fd)


_ShippedBatch = tuple[Path, int, tuple[tuple[str, Rejected], ...], int, int]
"""A `CodedBatch` on its way back from a worker: the file of its table (`_ship`), then its other fields."""


def _code_chunk(articles: Sequence[Article], path: Path) -> _ShippedBatch:
    """Code a chunk in a worker; its table goes back through a file (`_ship`), not pickled: a pickled table is
    rebuilt array by array, buffer by buffer (news25k's 40 chunk tables: about 0.5 ms each to pickle and as
    much to unpickle, against 0.04 and 0.08 ms through IPC; the parent's unpickling is CPU taken from the two
    workers on a two-core host)."""
    coded = code_batch(articles, _WORKER["codebook"])
    _ship(coded.table, path)
    return path, coded.sentences, coded.failed, coded.discarded_sentences, coded.discarded_articles


def _received(shipped: _ShippedBatch) -> CodedBatch:
    """The `CodedBatch` a worker shipped."""
    path, sentences, failed, discarded_sentences, discarded_articles = shipped
    return CodedBatch(sentences, _unship(path), failed, discarded_sentences, discarded_articles)


def _write_shipped(shipped: Path, parts: tuple[tuple[int, int], ...], metadata: dict[bytes, bytes], path: Path,
                   options: dict[str, Any]) -> None:
    """Write a staged file in a worker: the rows `parts` (first row, number of rows) of the table shipped to
    `shipped`, one after another, with the schema's `metadata`."""
    table = _mapped(shipped)
    write_staged([StagedFile(tuple((table, start, length) for start, length in parts), metadata, path, options, {})])


def _ship(table: pa.Table, path: Path) -> None:
    """Write a table as an Arrow IPC stream, which holds only the rows of a slice (a pickled slice of a table holds
    its whole buffers: a month's rows would carry the whole batch), to a file of the pool's folder in shared
    memory, for the other process to map (`_unship`). Sent through the pool's pipes as `bytes`, a stream was
    copied five times on its way (into a growing buffer, into `bytes`, into the pickle, through the pipe, out of
    the pickle), each copy into freshly faulted pages: a third of the pool's extra page faults on news25k. The
    writes are buffered: the stream writes each buffer of each column on its own (221 system calls for a chunk of
    news25k)."""
    with (pa.BufferedOutputStream(pa.OSFile(str(path), "wb"), SHIPPING_BUFFER) as sink,
          pa.ipc.new_stream(sink, table.schema) as stream):
        stream.write_table(table)


def _unship(path: Path) -> pa.Table:
    """The table `_ship` wrote to `path` (`_mapped`); the file is removed: this is its only reader."""
    table = _mapped(path)
    path.unlink()
    return table


def _mapped(path: Path) -> pa.Table:
    """The table `_ship` wrote to `path`, read in place from a memory map (the table's buffers keep the mapping
    alive)."""
    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_stream(source).read_all()


def _pool_folder() -> Path:
    """A new private folder for the tables a pool ships, in shared memory where there is one (no disk: the
    files live for a moment, each read once from a memory map) where it has room to spare, else in the system's
    temporary folder: a full shared memory would fail the run where a disk has room."""
    if _has_room(SHARED_MEMORY):
        parent = SHARED_MEMORY
    else:
        import tempfile  # only where there is no /dev/shm: it imports random and shutil's archives

        parent = Path(tempfile.gettempdir())
    _remove_abandoned(parent)
    folder = parent / f"{POOL_FOLDER_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
    folder.mkdir(mode=0o700)
    return folder


def _remove_abandoned(parent: Path) -> None:
    """Remove the pool folders in `parent` that runs killed outright with their workers left (SIGKILL to a whole
    process group, the out-of-memory killer: no code of theirs ran to remove them), as a folder in shared memory
    keeps the chunk tables in it in memory until the machine restarts. A folder goes only when its process is gone
    and no file has entered or left it for ABANDONED_SECONDS: a pid alone might be a live run of another PID
    namespace sharing /dev/shm, whose folder changes with every chunk it ships."""
    if os.name != "posix":  # os.kill(pid, 0) tests a pid only on POSIX (elsewhere it ends the process)
        return
    oldest = time.time() - ABANDONED_SECONDS
    with contextlib.suppress(OSError):
        for entry in os.scandir(parent):
            pid = entry.name.removeprefix(POOL_FOLDER_PREFIX).partition("-")[0]
            if entry.name.startswith(POOL_FOLDER_PREFIX) and pid.isdigit() and not _is_running(int(pid)):
                with contextlib.suppress(OSError):
                    stats = entry.stat(follow_symlinks=False)
                    if entry.is_dir(follow_symlinks=False) and stats.st_uid == os.getuid() and stats.st_mtime < oldest:
                        shutil.rmtree(entry.path, ignore_errors=True)


def _is_running(pid: int) -> bool:
    """Whether a process with this pid exists (another user's included)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _has_room(folder: Path) -> bool:
    """Whether `folder` is a folder this process may write with at least `SHARED_MEMORY_FREE` bytes free."""
    try:
        stats = os.statvfs(folder)
    except OSError:  # absent, or no such call on this system
        return False
    return folder.is_dir() and os.access(folder, os.W_OK) and stats.f_bavail * stats.f_frsize >= SHARED_MEMORY_FREE


def chunk_sizes(articles: int, workers: int, *, last: bool) -> list[int]:
    """The sizes of the chunks a batch of `articles` is cut into, in order: CHUNKS_PER_WORKER a worker of one
    size, or for the input's last batch, each chunk a quarter of what is left for two workers (an eighth for
    four...) and no fewer than LAST_CHUNK_ARTICLES articles, so that the workers run out of work together: a
    worker that takes the last of even chunks leaves the others idle for half a chunk on average (news25k's
    chunks of about 32 articles take 0.07-0.14 s each), where the run can only wait for it."""
    if not last:
        size = max(1, -(-articles // (workers * CHUNKS_PER_WORKER)))
        return [min(size, articles - start) for start in range(0, articles, size)]
    sizes: list[int] = []
    left = articles
    while left:
        sizes.append(min(left, max(LAST_CHUNK_ARTICLES, -(-left // (2 * workers)))))
        left -= sizes[-1]
    return sizes


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
        self._folder = Path()  # of the shipped tables, made when the workers start
        self._names = itertools.count()

    def _started_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            codebook, close_fds = self._start
            load_parts_through(codebook, "trigger_index")  # once, shared by the forked workers' pages
            self._folder = _pool_folder()
            self._pool = ProcessPoolExecutor(max_workers=self._workers, initializer=_init_worker,
                                             initargs=(codebook, close_fds, self._folder))
        return self._pool

    def _shipping_path(self) -> Path:
        return self._folder / f"{next(self._names)}.arrow"

    def __call__(self, articles: Sequence[Article], codebook: Codebook) -> CodedBatch:
        """Code articles in chunks across the pool; the result keeps the input order."""
        return self.submit(articles, codebook)()

    def submit(self, articles: Sequence[Article], codebook: Codebook, *, last: bool = False,
               ) -> Callable[[], CodedBatch]:
        """Start coding articles in chunks across the pool (`chunk_sizes`; `last`: the input's last batch) and
        return a function that waits for the result (in input order); the run submits the next batch before it
        writes this one."""
        if self._pool is None and sum(len(article.text) for article in articles) < self._in_process_below:
            coded = code_batch(articles, codebook)
            return lambda: coded
        pool = self._started_pool()
        futures = []
        start = 0
        for size in chunk_sizes(len(articles), self._workers, last=last):
            futures.append(pool.submit(_code_chunk, articles[start : start + size], self._shipping_path()))
            start += size
        return lambda: merge_batches([_received(future.result()) for future in futures])

    def write_staged(self, files: Sequence[StagedFile]) -> None:
        """Write a commit's staged files on the workers, largest first, shared out as they finish one (in this
        process while they have not started). Meant for a pool with no coding in flight: the run's last commit,
        which nothing else overlaps. Written in this process, a news5k run's 37 files took 293 M instructions
        after the last batch (callgrind); shared out, each of two workers takes about 200 M of it (each pays the
        writer's set-up), and the parent waits for the slower one, so the larger files go first (they even out
        at the end).

        The parent ships the tables the files slice (the commit's coded batches) once, one after another in one
        file of shared memory that the workers map, not each file's rows: news25k's last commit is 40 files of
        4 slices each, whose 160 record batches took the parent about 40 ms of CPU to write, with the workers
        writing on the same two cores (callgrind, news5k, the parent after the fork: -29 M instructions). The
        file stays until every write is done."""
        if self._pool is None or not files:
            write_staged(files)
            return
        from concurrent.futures import Future, wait

        offsets: dict[int, int] = {}  # of each table in the shipped one, by its id (its slices keep it alive)
        tables: list[pa.Table] = []
        for file in files:
            for table, _, _ in file.parts:
                if id(table) not in offsets:
                    offsets[id(table)] = sum(len(earlier) for earlier in tables)
                    tables.append(table)
        shipped = self._shipping_path()
        _ship(joined_tables(tables), shipped)
        futures: list[Future[None]] = []
        try:
            for file in sorted(files, key=lambda file: file.rows, reverse=True):
                parts = tuple((offsets[id(table)] + start, length) for table, start, length in file.parts)
                futures.append(self._pool.submit(_write_shipped, shipped, parts, file.metadata,
                                                 file.path, file.options))
        finally:
            wait(futures)  # all of them, so that none writes into the staging folder a failed commit removes
            shipped.unlink()
        for future in futures:
            future.result()  # a worker's error (OSError: disk full) is raised here, as in this process

    def write_last(self, files: Sequence[StagedFile]) -> None:
        """Write the run's last commit's files (`write_staged`), then let the workers go: nothing follows. They
        exit while this process finishes the commit and the run (journal, manifest, compact): news25k's two
        workers took about 13 ms to exit on a quiet host (25-70 ms on a loaded one), which the run waited for
        at its end. The process's exit still waits for them (`concurrent.futures` joins its pools at exit)."""
        self.write_staged(files)
        if self._pool is not None:
            self._pool.shutdown(wait=False)

    def __enter__(self) -> PoolCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            try:
                self._pool.shutdown(wait=True, cancel_futures=True)
            finally:
                shutil.rmtree(self._folder, ignore_errors=True)  # the tables of chunks no one took
