"""The on-disk cache of compiled codebooks, trusted only when nobody else could have written it.

The compiled form is a pickle (loading it is about ten times faster than compiling the YAML), and reading
a pickle can run code. So an entry is read only when the cache directory and the entry are owned by the
current user, are not writable by group or others, and the entry is a regular file (not a symbolic link);
otherwise the cache is neither read nor written and the codebook is compiled from its YAML. Entries are
written with mode 0600 into a directory created with mode 0700.

The key hashes the bytes of every layer file and the absolute paths of the layers, so two checkouts never
share an entry and a cached codebook always records the layers it was actually built from.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventcoder.codebook.load import files_digest


def cache_key(version: int, layers: Sequence[Path]) -> str:
    """The entry name of a codebook built from `layers` (content and absolute location) by cache `version`."""
    where = hashlib.sha256("\0".join(str(layer.resolve()) for layer in layers).encode()).hexdigest()
    return f"codebook-{version}-{files_digest(layers)[:32]}-{where[:16]}.pickle"


def is_private(path: Path, *, directory: bool) -> bool:
    """True when `path` is the current user's own directory or regular file, not writable by others."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    kind_ok = stat.S_ISDIR(info.st_mode) if directory else stat.S_ISREG(info.st_mode)
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return kind_ok and owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_cached(path: Path) -> Any | None:
    """The object cached at `path`, or None when there is none, it is torn, or it cannot be trusted."""
    if not is_private(path.parent, directory=True) or not is_private(path, directory=False):
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None  # a stale or torn entry is rebuilt by the caller


def write_cached(path: Path, value: Any, keep: int) -> None:
    """Store `value` at `path` (mode 0600, in a 0700 directory), keeping the `keep` newest entries. Does
    nothing when the directory exists but is not private: an unwritable cache must not fail a run."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not is_private(path.parent, directory=True):
            return
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        cached = sorted(path.parent.glob("codebook-*.pickle"), key=lambda item: item.stat().st_mtime)
        for stale in cached[:-keep]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # the cache is an optimisation
