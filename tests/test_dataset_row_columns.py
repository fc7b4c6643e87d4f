"""`dataset.row_columns` reads each record's values in one `itemgetter` call and turns the records' tuples into
columns with `zip`: the columns, their order and the KeyError of a record lacking a field hold to the plain
per-column comprehension it replaced."""

from __future__ import annotations

from typing import Any

import pytest
from dataset_fixtures import make_event
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.dataset import row_columns
from eventcoder.records import COLUMN_NAMES


def _plain_row_columns(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """The reference: one list per column, read record by record."""
    return [[row[name] for row in rows] for name in COLUMN_NAMES]


_VALUES = st.one_of(st.none(), st.integers(), st.text(max_size=3), st.floats(allow_nan=False), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_VALUES, min_size=len(COLUMN_NAMES), max_size=len(COLUMN_NAMES)), max_size=6),
       st.booleans(), st.booleans())
def test_row_columns_match_the_per_column_reading(values: list[list[Any]], shuffled_keys: bool, extra: bool) -> None:
    names = list(reversed(COLUMN_NAMES)) if shuffled_keys else list(COLUMN_NAMES)  # dict order does not matter
    rows = [dict(zip(names, row, strict=True)) for row in values]
    if extra:
        for row in rows:
            row["not_a_column"] = 1  # ignored by both (the batch refuses such records by their length)
    columns = row_columns(rows)
    assert columns == _plain_row_columns(rows)
    assert all(type(column) is list for column in columns) and len(columns) == len(COLUMN_NAMES)


def test_row_columns_of_no_records_are_empty_columns() -> None:
    assert row_columns([]) == [[] for _ in COLUMN_NAMES]


@pytest.mark.parametrize("missing", [COLUMN_NAMES[0], COLUMN_NAMES[20], COLUMN_NAMES[-1]])
def test_row_columns_raise_key_error_for_a_record_lacking_a_field(missing: str) -> None:
    rows = [make_event(0), make_event(1)]
    del rows[1][missing]
    with pytest.raises(KeyError) as plain:
        _plain_row_columns(rows)
    with pytest.raises(KeyError) as fast:
        row_columns(rows)
    assert fast.value.args == plain.value.args
