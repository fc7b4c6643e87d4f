"""The one exception hierarchy of eventcoder. The library raises these; only the CLI turns them into
`Error: ...` lines and exit codes."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path


class EventcoderError(Exception):
    """Base class of every error eventcoder raises on purpose."""


class InputError(EventcoderError):
    """An input path is missing or unreadable as a whole (single bad records are quarantined instead)."""


class OutputError(EventcoderError):
    """The output dataset cannot be written."""


class DatasetError(EventcoderError):
    """A dataset is missing, unreadable, or fails validation."""


class InvalidRecordsError(DatasetError):
    """A batch of coded records fails the event table model (the run quarantines the articles at fault)."""


class LockedError(OutputError):
    """Another process holds the dataset's write lock."""


class QueryError(EventcoderError):
    """A query, named query or parameter is invalid."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One codebook problem: where it is, a stable code, what is wrong and how to fix it."""

    file: str
    location: str
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        """Render the problem as one line a user can act on."""
        where = f"{self.file}: {self.location}" if self.location else self.file
        text = f"{where}: [{self.code}] {self.message}"
        return f"{text} (fix: {self.hint})" if self.hint else text


class CodebookError(EventcoderError):
    """A codebook failed validation; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"codebook has {len(problems)} {noun}")


def exception_origin(error: BaseException) -> str:
    """Where an exception was raised, as `file:line` (the file relative to the eventcoder package when it
    is one of ours), for quarantine records that must say where an article broke the coder."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "unknown"
    frame = frames[-1]
    path = Path(frame.filename)
    parts = path.parts
    name = "/".join(parts[parts.index("eventcoder"):]) if "eventcoder" in parts else path.name
    return f"{name}:{frame.lineno}"
