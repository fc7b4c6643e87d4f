"""`records.COLUMN_NAMES` holds the very string objects the coder keys its record dicts with (interned names),
so `dataset.row_columns` finds each value by identity; the names are those of the column table."""

from __future__ import annotations

import sys

from eventcoder.records import COLUMN_NAMES, COLUMNS


def test_column_names_are_the_column_table_names_interned() -> None:
    assert tuple(column.name for column in COLUMNS) == COLUMN_NAMES
    assert all(sys.intern(name) is name for name in COLUMN_NAMES)


def test_every_record_key_is_the_column_name_object(seed_rows) -> None:  # type: ignore[no-untyped-def]
    assert seed_rows
    for row in seed_rows:
        keys = {key: key for key in row}
        assert [name for name in COLUMN_NAMES if keys[name] is not name] == []
