"""What a reader of a dataset sees: the committed event files, listed without writing anything.

Readers never write and never recover: `snapshot` lists the committed files under the shared commit lock
(so never half of a batch being moved) and reads a batch whose commit a crash interrupted from its journal
(the moved files where they are, the others still in staging), so readers see the last committed state.
Files a commit superseded but a reader may still be reading are retired (listed in `_retired.json`, deleted
later): they are no longer part of the dataset, and no listing counts them (nor do the glob views of
`eventcoder.query`, which read the list too). A reader that opens files after
listing them takes the readers lock first (`pinned_snapshot`, `reading`): the files it listed then stay
until it releases the lock. The writer and the commit protocol are in `eventcoder.dataset`; this module
imports neither pyarrow nor pydantic, so `eventcoder query` starts without them.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventcoder.errors import DatasetError
from eventcoder.lock import LOCK_FILE, ReaderLock, commit_lock

EVENTS_DIR = "events"
JOURNAL = "journal.json"
RETIRED = "_retired.json"


def retired_paths(dataset: Path) -> frozenset[str]:
    """The retired files and staging folders of a dataset (paths relative to it): superseded by a commit,
    kept on disk only until no reader can be reading them."""
    try:
        listed = json.loads((dataset / RETIRED).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return frozenset()
    except ValueError as error:  # written atomically, so only a foreign edit can tear it
        raise DatasetError(f"cannot read dataset {dataset}: {RETIRED} is not valid JSON ({error})") from error
    return frozenset(listed["retired"])


def event_files(dataset: Path) -> list[Path]:
    """Every committed event file of a dataset (retired ones left out), in a stable order."""
    root = dataset / EVENTS_DIR
    if not root.is_dir():
        return []
    retired = retired_paths(dataset)
    found = root.rglob("*.parquet")
    return sorted(path for path in found if str(path.relative_to(dataset)) not in retired) if retired else sorted(found)


def require_dataset(dataset: Path) -> None:
    """Raise DatasetError unless the path is a dataset directory (one being created counts, as empty)."""
    if not (dataset / EVENTS_DIR).is_dir() and not (dataset / LOCK_FILE).is_file():
        raise DatasetError(f"{dataset} is not an eventcoder dataset (no {EVENTS_DIR}/ folder)")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The event files a reader sees: committed files in their partition folders, and the staged files of
    a batch whose commit was interrupted after its journal (they carry no partition folder)."""

    files: tuple[Path, ...]
    staged: tuple[Path, ...]


SNAPSHOT_ATTEMPTS = 20


def snapshot(dataset: Path) -> Snapshot:
    """List the files of the last committed state without writing anything (see the module docstring).
    Without the readers lock (`pinned_snapshot`), a later commit may delete what it lists."""
    return _snapshot(dataset, None)


def pinned_snapshot(dataset: Path) -> tuple[Snapshot, ReaderLock]:
    """Take the readers lock and a snapshot: every file the snapshot lists stays on disk until the caller
    releases the returned lock."""
    lock = ReaderLock(dataset)
    try:
        return _snapshot(dataset, lock), lock
    except BaseException:
        lock.release()
        raise


def _snapshot(dataset: Path, lock: ReaderLock | None) -> Snapshot:
    """List under the shared commit lock, taking the readers lock first thing inside it: files reach
    `events/` only under the exclusive commit lock, so an events folder missing then has no files to hold,
    and a writer waiting for readers to let go (`eventcoder.dataset.vacuum`) holds new readers back."""
    for _ in range(SNAPSHOT_ATTEMPTS):
        with commit_lock(dataset, shared=True):
            if lock is not None and not lock.held:
                lock.acquire()
            found = _list_committed(dataset)
        if found is not None:
            return found
        time.sleep(0.05)  # a file vanished while listing (a writer without the commit lock); list again
    raise DatasetError(f"cannot read dataset {dataset}: its files kept changing while being listed")


@contextlib.contextmanager
def reading(dataset: Path) -> Iterator[Snapshot]:
    """A snapshot whose files stay on disk until the block ends (see `pinned_snapshot`)."""
    state, lock = pinned_snapshot(dataset)
    try:
        yield state
    finally:
        lock.release()


def _list_committed(dataset: Path) -> Snapshot | None:
    files = set(event_files(dataset))
    staged: list[Path] = []
    staging = dataset / "_staging"
    journals = sorted(staging.glob(f"*/{JOURNAL}")) if staging.is_dir() else []
    for journal in journals:
        try:
            moves = json.loads(journal.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue  # that batch finished moving meanwhile; its files are listed above or next time
        except ValueError:
            continue  # a torn journal is not a commit (it is written atomically, so this is not ours)
        for move in moves["moves"]:
            source, target = dataset / move["from"], dataset / move["to"]
            if target.is_file():
                files.add(target)  # moved already, and listed as retired until the commit completes
            elif source.is_file():
                staged.append(source)
            else:
                return None
        for removed in moves.get("remove", []):
            files.discard(dataset / removed)
    return Snapshot(tuple(sorted(files)), tuple(staged))
