"""What a reader of a dataset sees: the committed event files, listed without writing anything.

Readers never write and never recover: `snapshot` lists the committed files under the shared commit lock
(so never half of a batch being moved) and reads a batch whose commit a crash interrupted from its journal
(the moved files where they are, the others still in staging), so readers see the last committed state.
The writer and the commit protocol are in `eventcoder.dataset`; this module imports neither pyarrow nor
pydantic, so `eventcoder query` starts without them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from eventcoder.errors import DatasetError
from eventcoder.lock import LOCK_FILE, commit_lock

EVENTS_DIR = "events"
JOURNAL = "journal.json"


def event_files(dataset: Path) -> list[Path]:
    """Every committed event file of a dataset, in a stable order."""
    root = dataset / EVENTS_DIR
    return sorted(root.rglob("*.parquet")) if root.is_dir() else []


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
Decided = TypeVar("Decided")


def snapshot(dataset: Path) -> Snapshot:
    """List the files of the last committed state without writing anything (see the module docstring)."""
    return snapshot_and(dataset, lambda state: state)


def snapshot_and(dataset: Path, decide: Callable[[Snapshot], Decided]) -> Decided:
    """Take a snapshot and run `decide` on it while the shared commit lock is still held, so that what
    `decide` reads of the folders (which files a glob finds, say) is the committed state the snapshot
    lists, not one a commit changed in between."""
    for _ in range(SNAPSHOT_ATTEMPTS):
        with commit_lock(dataset, shared=True):
            found = _list_committed(dataset)
            if found is not None:
                return decide(found)
        time.sleep(0.05)  # a file vanished while listing (a writer without the commit lock); list again
    raise DatasetError(f"cannot read dataset {dataset}: its files kept changing while being listed")


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
            if target not in files:
                if not source.is_file():
                    return None
                staged.append(source)
        for removed in moves.get("remove", []):
            files.discard(dataset / removed)
    return Snapshot(tuple(sorted(files)), tuple(staged))
