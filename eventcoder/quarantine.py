"""The quarantine file of a run: one JSON line per rejected record, committed batch by batch.

Each line holds `file`, `line`, `code` (a stable reason code, see `eventcoder.inputs.REASON_CODES`),
`reason`, `record` (the raw record, truncated), and `error_type` / `error_at` (the exception's type and
`file:line` where it was raised, or null when the record was rejected by a rule).

The run calls `write` for the records of a batch and `commit` right after the batch's events are
committed: the pending lines are appended and synced in one write. Records of a batch that failed are
never committed, and records of earlier batches are never lost. A crash during `commit` can leave a torn
last line, which the next writer's recovery cuts off (`trim_torn_line`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import TracebackType

from eventcoder.errors import OutputError
from eventcoder.inputs import Rejected

# Characters that JSON leaves raw outside ASCII but that line readers take for line breaks (Python's
# `str.splitlines`, JavaScript, many editors): escaped, so that one rejected record stays one line.
LINE_BREAKS_JSON_KEEPS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def quarantine_line(rejected: Rejected) -> str:
    """One rejected record as its JSON line (without the newline)."""
    line = json.dumps(
        {
            "file": rejected.file,
            "line": rejected.line,
            "code": rejected.code,
            "reason": rejected.reason,
            "record": rejected.record,
            "error_type": rejected.error_type,
            "error_at": rejected.error_at,
        },
        ensure_ascii=False,
    )
    return line.translate(LINE_BREAKS_JSON_KEEPS)


class QuarantineWriter:
    """Collect rejected records and append them to `path` on `commit()`.

    Nothing is created (not even the parent directory) until a commit has a line to write. Leaving a
    `with` block normally commits; leaving it by an exception drops only the records not yet committed.
    """

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._pending: list[str] = []
        self._committed = 0
        self._closed = False

    @property
    def path(self) -> Path:
        """The quarantine file."""
        return self._path

    @property
    def count(self) -> int:
        """How many records have been committed to the file."""
        return self._committed

    @property
    def pending(self) -> int:
        """How many records wait for the next commit."""
        return len(self._pending)

    def write(self, rejected: Rejected) -> None:
        """Add one rejected record to the next commit."""
        if self._closed:
            raise OutputError(f"quarantine file {self._path} is already closed")
        self._pending.append(quarantine_line(rejected) + "\n")

    def commit(self) -> None:
        """Append the pending records to the file and sync it; raises OutputError if it cannot."""
        if not self._pending:
            return
        # Lone surrogates cannot reach here from the readers; backslashreplace keeps a file name with
        # undecodable bytes (which Python spells as surrogates) from failing the write.
        data = "".join(self._pending).encode("utf-8", "backslashreplace")
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with self._path.open("ab") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            raise OutputError(f"cannot write quarantine file {self._path}: {error.strerror or error}") from error
        self._committed += len(self._pending)
        self._pending = []

    def discard(self) -> None:
        """Drop the records not yet committed (their batch failed)."""
        self._pending = []

    def close(self) -> None:
        """Commit what is pending and refuse further writes. Closing twice is harmless."""
        if not self._closed:
            self.commit()
            self._closed = True

    def __enter__(self) -> QuarantineWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()
            self._closed = True


def trim_torn_line(path: Path) -> int:
    """Cut a torn last line off a quarantine file (a crash during a commit) and return its line count."""
    if not path.is_file():
        return 0
    data = path.read_bytes()
    complete = data.rfind(b"\n") + 1
    if complete < len(data):
        with path.open("r+b") as handle:
            handle.truncate(complete)
    return data[:complete].count(b"\n")
