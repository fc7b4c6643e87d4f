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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from eventcoder.errors import LockedError, OutputError

LOCK_FILE = "_lock"
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
            "host": socket.gethostname(),
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
