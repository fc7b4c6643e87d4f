"""`dataset.sort_table` orders a table as `Table.sort_by(SORT_KEYS)` does, without importing pyarrow.compute; the
writer's check reads a table of several chunks (a process pool's batch, or a long batch made Arrow in slices) at its
seams first, and keeps one in order as it is."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from dataset_fixtures import make_event
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventcoder.dataset as dataset
from eventcoder.dataset import SORT_KEYS, DatasetWriter, is_sorted, rows_to_table, sort_table

_KEYS = st.tuples(
    st.dates(dt.date(2024, 12, 30), dt.date(2025, 1, 2)),
    st.sampled_from(["a1", "a2", "b"]),
    st.integers(0, 2),
    st.integers(0, 3),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_KEYS, max_size=6), max_size=4))
def test_sort_table_orders_rows_as_sort_by(chunks: list[list[tuple[dt.date, str, int, int]]]) -> None:
    tables = [
        rows_to_table([
            make_event(number, event_date=day, article_id=article, sentence_index=sentence, trigger_start=start,
                       event_id=f"ev{len(rows)}-{number}")
            for number, (day, article, sentence, start) in enumerate(rows)
        ])
        for rows in chunks
    ]
    table = pa.concat_tables(tables) if tables else rows_to_table([])  # chunks one after another, as a pool's
    ordered = sort_table(table)
    assert ordered.equals(table.sort_by(SORT_KEYS))
    assert is_sorted(ordered)


def test_sorting_a_pool_batch_does_not_import_pyarrow_compute() -> None:
    script = (
        "import sys, datetime as dt, pyarrow as pa\n"
        "sys.path.insert(0, 'tests')\n"
        "from dataset_fixtures import make_event\n"
        "from eventcoder.dataset import defer_pandas, rows_to_table, sort_table\n"
        "defer_pandas()  # as a run does: pandas (which imports pyarrow.compute) stays out\n"
        "late = rows_to_table([make_event(1, event_date=dt.date(2025, 2, 1))])\n"
        "early = rows_to_table([make_event(2, event_date=dt.date(2025, 1, 1))])\n"
        "table = sort_table(pa.concat_tables([late, early]))\n"
        "assert table.column('event_id').to_pylist() == ['ev0002', 'ev0001']\n"
        "print('pyarrow.compute' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout == "False\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chunks=st.lists(st.lists(_KEYS, min_size=1, max_size=5), min_size=1, max_size=4), in_order=st.booleans())
def test_the_check_reads_a_table_of_chunks_at_its_seams_first(
    chunks: list[list[tuple[dt.date, str, int, int]]], in_order: bool, codebook: Any, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if in_order:  # chunks whose rows are in order as a whole too: the same rows come back, in the same order
        keys = sorted(key for rows in chunks for key in rows)
        chunks = [keys[sum(map(len, chunks[:place])) :][: len(rows)] for place, rows in enumerate(chunks)]
    tables = [
        rows_to_table([
            make_event(number, event_date=day, article_id=article, sentence_index=sentence, trigger_start=start,
                       event_id=f"ev{place}-{number}")
            for number, (day, article, sentence, start) in enumerate(sorted(rows))
        ])
        for place, rows in enumerate(chunks)
    ]
    table = pa.concat_tables(tables)  # a pool's batch: its chunks, each sorted, one after another
    writer = DatasetWriter(tmp_path / "dataset", codebook, "run", {})
    keys_read: list[int] = []

    def reading_keys(table: pa.Table) -> bool:
        keys_read.append(len(table))
        return is_sorted(table)

    monkeypatch.setattr(dataset, "is_sorted", reading_keys)
    checked = writer.check(table).table
    assert checked.equals(table.sort_by(SORT_KEYS))
    ordered = sorted(key for rows in chunks for key in rows)
    whole = [len(table)]  # the keys of every row
    if len(tables) == 1:
        assert keys_read == whole  # one chunk: kept if its keys are in order
    else:
        seams = [key for rows in chunks for key in (min(rows), max(rows))]  # each chunk's first and last rows
        assert keys_read == [2 * len(tables), *(whole if seams == sorted(seams) else [])]
    if ordered == [key for rows in chunks for key in sorted(rows)]:  # in order as a whole
        assert checked.column(0).num_chunks == len(tables)  # kept as it is, not copied by `sort_table`
    one_chunk = table.combine_chunks()
    assert writer.check(one_chunk).table.equals(checked)
    assert keys_read[-1] == len(table)
