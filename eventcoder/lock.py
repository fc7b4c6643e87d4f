"""The write lock of a dataset, and the short commit lock that keeps readers off a half-moved batch.

Write lock: one process writes a dataset at a time. A writer takes an exclusive advisory lock
(`fcntl.flock`) on `DATASET/_lock` and writes its holder (pid, host, start time, run id) into the file; a
second writer gets a `LockedError` naming the holder, or waits with `wait=True`. Rule for stale locks:
the operating system releases a flock when the process holding it ends, however it ends (SIGKILL
included), so a `_lock` file left behind by a dead writer is simply free; the next writer takes it and
overwrites the holder. The file is removed on release. (flock is reliable on local file systems; on a
network file system, run one writer per dataset yourself.)

Commit lock: the writer holds an exclusive flock on the dataset directory itself while it moves a
batch's files into place; readers hold a shared one while they list the files, so a reader never lists
half of a batch. Readers open the directory read-only and write nothing.

Readers lock: a reader takes a shared flock on the dataset's `events` folder while it holds the shared
commit lock, before it lists the files, and keeps it until it has read the last row (a DuckDB connection:
until it is closed or garbage-collected). A writer deletes the files that a commit superseded (merged away by
`compact`, rewritten by a re-code) only while it holds that lock exclusively, which it tries without
waiting (`no_readers`); until then they are kept, retired, so a reader never fails on a file that vanished
between listing and opening it (see `eventcoder.dataset`). Writers never wait for readers except for the
short grace at the end of a run, during which new readers wait for the writer's commit lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from eventcoder.errors import LockedError, OutputError

LOCK_FILE = "_lock"
READERS_FOLDER = "events"  # the folder whose flock is the readers lock
POLL_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a dataset's write lock, as written in the lock file."""

    pid: int | None
    host: str | None
    started: str | None
    run_id: str | None

    def describe(self) -> str:
        """The holder as a short phrase for an error line."""
        if self.pid is None:
            return "another process"
        run = f", run {self.run_id}" if self.run_id else ""
        return f"process {self.pid} on {self.host}, since {self.started}{run}"


def read_holder(dataset: Path) -> LockHolder:
    """The holder recorded in the lock file (fields None when the file is absent or unreadable)."""
    try:
        value = json.loads((Path(dataset) / LOCK_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return LockHolder(None, None, None, None)
    if not isinstance(value, dict):
        return LockHolder(None, None, None, None)
    pid = value.get("pid")
    return LockHolder(
        pid if isinstance(pid, int) else None,
        str(value.get("host")),
        str(value.get("started")),
        str(value["run_id"]) if value.get("run_id") else None,
    )


class DatasetLock:
    """The exclusive write lock of one dataset; use as a context manager (`with DatasetLock(path):`)."""

    def __init__(self, dataset: Path | str, *, run_id: str | None = None, wait: bool = False) -> None:
        self._dataset = Path(dataset)
        self._path = self._dataset / LOCK_FILE
        self._run_id = run_id
        self._wait = wait
        self._fd: int | None = None

    def fileno(self) -> int | None:
        """The descriptor of the held lock file (pool workers forked later close their copy)."""
        return self._fd

    def acquire(self) -> None:
        """Take the lock, creating the dataset directory if needed; raise LockedError if another writer
        holds it (or wait for it when the lock was made with `wait=True`)."""
        try:
            self._dataset.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot write to {self._dataset}: {error.strerror or error}") from error
        while True:
            try:
                fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as error:
                raise OutputError(f"cannot lock {self._dataset}: {error.strerror or error}") from error
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if not self._wait:
                    holder = read_holder(self._dataset)
                    raise LockedError(
                        f"dataset {self._dataset} is being written by {holder.describe()}; "
                        "wait for it to finish (or use --wait)"
                    ) from None
                time.sleep(POLL_SECONDS)
                continue
            if self._same_file(fd):
                break
            os.close(fd)  # the holder removed the file while we waited for it: lock the new one
        self._fd = fd
        record = {
            "pid": os.getpid(),
            # the name socket.gethostname() gives (both read the kernel's node name), without importing socket:
            # 13.5 M instructions that every `query` paid, since readers import this module too
            "host": os.uname().nodename,
            "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "run_id": self._run_id,
        }
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(record).encode(), 0)
        except OSError as error:
            self.release()
            raise OutputError(f"cannot write to {self._dataset}: {error.strerror or error}") from error

    def _same_file(self, fd: int) -> bool:
        try:
            current = os.stat(self._path)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino)

    def release(self) -> None:
        """Remove the lock file and release the lock (removing first, so a waiter retries on a new file)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            self._path.unlink()
        os.close(fd)

    def __enter__(self) -> DatasetLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.release()


@contextlib.contextmanager
def commit_lock(dataset: Path, *, shared: bool) -> Iterator[None]:
    """Hold the dataset directory's flock: exclusive while a writer moves a batch into place, shared
    while a reader lists the files. Opening the directory read-only writes nothing."""
    try:
        fd = os.open(dataset, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


class ReaderLock:
    """A reader's shared lock on a dataset (see the module docstring); `release` may be called twice."""

    def __init__(self, dataset: Path) -> None:
        self._folder = Path(dataset) / READERS_FOLDER
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while the lock is held (a dataset without an events folder has no files to keep)."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the shared lock, waiting only while a writer deletes retired files; without an events
        folder there is nothing to hold and `held` stays False."""
        try:
            fd = os.open(self._folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except FileNotFoundError:
            return
        fcntl.flock(fd, fcntl.LOCK_SH)
        self._fd = fd

    def release(self) -> None:
        """Release the lock (closing the descriptor releases the flock)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)

    def __enter__(self) -> ReaderLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.release()


@contextlib.contextmanager
def no_readers(dataset: Path, *, wait_seconds: float = 0.0) -> Iterator[bool]:
    """Take the readers lock exclusively, trying without waiting (again every 50 ms for up to
    `wait_seconds`); yield True while it is held (no reader can be listing or reading files), False when
    readers held it throughout. Only the writer holding the write lock calls this."""
    try:
        fd = os.open(Path(dataset) / READERS_FOLDER, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        yield True  # no events folder: no reader can hold a file of it
        return
    try:
        deadline = time.monotonic() + wait_seconds
        held = _try_exclusive(fd)
        while not held and time.monotonic() < deadline:
            time.sleep(0.05)
            held = _try_exclusive(fd)
        yield held
    finally:
        os.close(fd)


def _try_exclusive(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
