"""A first run on a cold cache codes with the codebook it compiled (and writes the cache entry); a later run
codes with the codebook loaded from that entry (`codebook/cache.py`): both write the same dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

import eventcoder
from eventcoder.codebook.cache import read_cached
from eventcoder.codebook.compile import Codebook

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "tests" / "fixtures" / "acled_probe.jsonl", ROOT / "tests" / "fixtures" / "geo_articles.jsonl",
          ROOT / "seeds" / "us-venezuela-ultimatum.txt"]


def _tables(dataset: Path) -> dict[str, list[dict[str, Any]]]:
    """Each event and label file's rows, by partition (the file names carry the run id)."""
    return {
        str(path.parent.relative_to(dataset)) + ("" if "events" in path.parts else "/" + path.name):
            pq.read_table(path).to_pylist()
        for path in sorted(dataset.rglob("*.parquet"))
    }


def test_a_run_on_a_cold_cache_writes_what_a_run_from_the_cache_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    inputs = [str(path) for path in INPUTS]
    cold = eventcoder.code_articles(inputs, tmp_path / "cold")  # compiles the codebook, writes the entry
    (entry,) = (tmp_path / "cache").glob("codebook-*.pickle")
    assert isinstance(read_cached(entry), Codebook)
    warm = eventcoder.code_articles(inputs, tmp_path / "warm")  # the codebook read from the entry
    assert cold.events_written == warm.events_written > 0
    cold_tables, warm_tables = _tables(tmp_path / "cold"), _tables(tmp_path / "warm")
    assert cold_tables.keys() == warm_tables.keys() and len(cold_tables) > 3  # event partitions and labels
    for name, rows in cold_tables.items():
        differing = {key for row, other in zip(rows, warm_tables[name], strict=True) for key in row
                     if row[key] != other[key]}
        assert differing <= {"run_id"}, name
