"""The quarantine file: one JSON line per rejected input record, written atomically."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO

from eventcoder.errors import OutputError
from eventcoder.inputs import Rejected


class QuarantineWriter:
    """Append rejected records as JSON lines (`file`, `line`, `reason`, `record`) to `path`.

    Lines go to a hidden temporary file in the same directory, renamed to `path` on `close()`, so a
    crash never leaves a half-written file in view. Nothing is created (not even the parent directory)
    until the first `write`; leaving a `with` block by an exception discards what was written.
    """

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._handle: IO[str] | None = None
        self._count = 0
        self._closed = False

    @property
    def path(self) -> Path:
        """Where the quarantine file appears on `close()`."""
        return self._path

    @property
    def count(self) -> int:
        """How many records have been written."""
        return self._count

    def write(self, rejected: Rejected) -> None:
        """Append one rejected record."""
        if self._closed:
            raise OutputError(f"quarantine file {self._path} is already closed")
        line = json.dumps(
            {"file": rejected.file, "line": rejected.line, "reason": rejected.reason, "record": rejected.record},
            ensure_ascii=False,
        )
        try:
            handle = self._handle if self._handle is not None else self._open()
            handle.write(line + "\n")
        except OSError as error:
            raise OutputError(f"cannot write quarantine file {self._path}: {error.strerror or error}") from error
        self._count += 1

    def close(self) -> None:
        """Make the file visible at `path` (if anything was written). Closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.replace(handle.name, self._path)
        except OSError as error:
            _remove_quietly(handle.name)
            raise OutputError(f"cannot write quarantine file {self._path}: {error.strerror or error}") from error

    def __enter__(self) -> QuarantineWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if kind is None:
            self.close()
        else:
            self._discard()

    def _open(self) -> IO[str]:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept open across writes, closed in close()
            mode="w",
            encoding="utf-8",
            newline="\n",
            dir=self._path.parent,
            prefix=f".{self._path.name}.",
            suffix=".tmp",
            delete=False,
        )
        self._handle = handle
        return handle

    def _discard(self) -> None:
        self._closed = True
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()
            _remove_quietly(handle.name)


def _remove_quietly(name: str) -> None:
    # Cleaning up a temporary file must not hide the error that made us clean up.
    with contextlib.suppress(OSError):
        os.remove(name)
