"""Where the files shipped with eventcoder live, in a wheel and in a source checkout alike."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def default_codebook_dir() -> Path:
    """Return the directory of the default codebooks (inside the wheel, or the checkout's `codebooks/`)."""
    shipped = _PACKAGE_DIR / "codebooks"
    if shipped.is_dir():
        return shipped
    return _PACKAGE_DIR.parent / "codebooks"


def sql_dir() -> Path:
    """Return the directory of the DuckDB view definitions and named queries."""
    return _PACKAGE_DIR / "sql"
