"""eventcoder: a fast, transparent, rule-based political event coder.

The Python API mirrors the command line::

    import eventcoder
    codebook = eventcoder.load_codebook()                      # defaults plus optional layers
    summary = eventcoder.code_articles(["seeds"], "out/demo", codebook)
    con = eventcoder.open_dataset("out/demo")                  # DuckDB connection with the views
    con.sql("select * from dyads").show()
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

    from eventcoder.codebook.compile import Codebook
    from eventcoder.run import RunSummary

    __version__: str

__all__ = ["__version__", "code_articles", "load_codebook", "open_dataset"]


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed package's metadata on first use (by `code`, which stamps it on
    every record, but not by commands that never show it)."""
    if name != "__version__":
        raise AttributeError(f"module 'eventcoder' has no attribute '{name}'")
    found = _metadata_version()
    if found is None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("eventcoder")
        except PackageNotFoundError:  # running from a source tree that was never installed
            found = "0.0.0+source"
    globals()["__version__"] = found
    return found


def _metadata_version() -> str | None:
    """The `Version` of the first `eventcoder-*.dist-info/METADATA` in a folder on `sys.path`, the one
    importlib.metadata reads; None, leaving it to importlib.metadata, for anything less plain (a zip on the
    path, an egg-info, two candidates in one folder, none at all). Importing importlib.metadata costs 53 M
    instructions, 3 % of coding one article."""
    for entry in sys.path:
        folder = Path(entry or ".")
        if not folder.is_dir():
            if folder.exists():
                return None  # a zip archive: importlib.metadata looks inside it
            continue
        try:
            found = [name for name in os.listdir(folder) if name.lower().startswith(("eventcoder-", "eventcoder."))
                     and name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
        if not found:
            continue
        if len(found) > 1 or not (found[0].startswith("eventcoder-") and found[0].endswith(".dist-info")):
            return None
        try:
            lines = (folder / found[0] / "METADATA").read_text(encoding="utf-8").splitlines()
        except OSError:
            return None
        for line in lines:
            if not line:
                break  # the headers end at the first empty line
            if line.startswith("Version:"):
                return line.removeprefix("Version:").strip()
        return None
    return None


def load_codebook(layers: list[str | Path] | tuple[str | Path, ...] = (), *, use_cache: bool = True) -> Codebook:
    """Load and compile the default codebook with optional layers on top (see docs/codebooks.md)."""
    from eventcoder.codebook.compile import load_codebook as load

    return load(layers, use_cache=use_cache)


def code_articles(
    inputs: list[str], dataset: str | Path, codebook: Codebook | None = None, **options: Any
) -> RunSummary:
    """Code article files (or directories, or '-' for stdin) into a dataset; returns the run summary."""
    from eventcoder.run import code_articles as run

    return run(inputs, dataset, codebook or load_codebook(), **options)


def open_dataset(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open a dataset as an in-memory DuckDB connection with the views (events, dyads, ...) defined."""
    from eventcoder.query import open_dataset as open_views

    return open_views(path)
