"""The writer's per-batch checks in C hold to the plain Python loops they replaced: `is_sorted` (a sorted copy
compared with the keys, instead of comparing each pair) and `rules_hold`'s ranges (min and max, each CAMEO
root matched once, instead of row by row)."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

from dataset_fixtures import make_event
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.dataset import SORT_KEYS, is_sorted, rows_to_table
from eventcoder.validate import _ROOT, _values_hold

_KEYS = st.tuples(
    st.dates(dt.date(2024, 12, 30), dt.date(2025, 1, 2)),
    st.sampled_from(["a", "b"]),
    st.integers(0, 2),
    st.integers(0, 2),
    st.sampled_from(["e1", "e2"]),
)


def _pairwise_sorted(keys: list[tuple[Any, ...]]) -> bool:
    """The reference: each key no greater than the next."""
    return all(before <= after for before, after in itertools.pairwise(keys))


@settings(max_examples=200, deadline=None)
@given(st.lists(_KEYS, max_size=8), st.booleans())
def test_dataset_is_sorted_matches_the_pairwise_comparison(keys: list[tuple[Any, ...]], sort: bool) -> None:
    keys = sorted(keys) if sort else keys
    rows = [
        make_event(number, event_date=day, article_id=article, sentence_index=index, trigger_start=start,
                   event_id=event_id)
        for number, (day, article, index, start, event_id) in enumerate(keys)
    ]
    table = rows_to_table(rows)
    assert [name for name, _ in SORT_KEYS] == ["event_date", "article_id", "sentence_index", "trigger_start",
                                                "event_id"]
    assert is_sorted(table) == _pairwise_sorted(keys)


def test_dataset_is_sorted_answers_false_for_a_null_key() -> None:
    """A null cannot be compared: the table is handed to Arrow's sort and then to the model, not raised on."""
    rows = [make_event(number, event_id=f"e{number}") for number in range(3)]
    rows[1]["article_id"] = None
    assert is_sorted(rows_to_table(rows)) is False


def _values_hold_by_rows(goldstein: list[float], starts: list[int], roots: list[str]) -> bool:
    """The reference: the range and pattern checks row by row."""
    return (
        all(_ROOT.fullmatch(root) for root in roots)
        and all(-10.0 <= value <= 10.0 for value in goldstein)
        and all(start >= 0 for start in starts)
    )


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(
        st.tuples(
            st.floats(-12, 12, allow_nan=False),
            st.integers(-2, 5),
            st.sampled_from(["13", "01", "20", "21", "1", "13\n"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_dataset_rules_hold_ranges_match_the_row_by_row_checks(
    values: list[tuple[float, int, str]], codebook: Any
) -> None:
    rows = [
        make_event(number, goldstein=goldstein, trigger_start=start, trigger_end=start + 3, cameo_root=root)
        for number, (goldstein, start, root) in enumerate(values)
    ]
    goldstein, starts, roots = (list(column) for column in zip(*values, strict=True))
    assert not any(map(math.isnan, goldstein))
    table = rows_to_table(rows)
    expected = _values_hold_by_rows(goldstein, starts, roots)
    if expected:  # the value sets (codes, categories, ...) of the fixture rows hold: the answer is the ranges'
        assert _values_hold(table, codebook)
    else:
        assert not _values_hold(table, codebook)
