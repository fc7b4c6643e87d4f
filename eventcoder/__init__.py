"""eventcoder: a fast, transparent, rule-based political event coder.

The Python API mirrors the command line::

    import eventcoder
    codebook = eventcoder.load_codebook()                      # defaults plus optional layers
    summary = eventcoder.code_articles(["seeds"], "out/demo", codebook)
    con = eventcoder.open_dataset("out/demo")                  # DuckDB connection with the views
    con.sql("select * from dyads").show()
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

    from eventcoder.codebook.compile import Codebook
    from eventcoder.run import RunSummary

    __version__: str

__all__ = ["__version__", "code_articles", "load_codebook", "open_dataset"]


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed package's metadata on first use: importing
    importlib.metadata costs about 50 ms, which commands that never show the version should not pay."""
    if name != "__version__":
        raise AttributeError(f"module 'eventcoder' has no attribute '{name}'")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("eventcoder")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0+source"
    globals()["__version__"] = found
    return found


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
