"""`rules_hold` on whole columns (NumPy over Arrow's buffers, each distinct string or (root, QuadClass, code)
triple once, sentence lengths from the string column's offsets) gives the verdict of the plain row-by-row
reading of the same rules over the columns' Python values, on tables breaking each rule, in several chunks and
sliced."""

from __future__ import annotations

import math
from typing import Any
from unittest import mock

import pyarrow as pa
from dataset_fixtures import make_event
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import validate
from eventcoder.dataset import rows_to_table
from eventcoder.records import COLUMNS, EVENT_SCHEMA
from eventcoder.validate import _ROOT, MODALITIES, PRECISIONS, _character_lengths, _quad_classes, rules_hold


def _rules_hold_by_rows(table: pa.Table, codebook: Any) -> bool:
    """The reference: every rule read row by row from the columns' Python values."""
    if not table.schema.equals(EVENT_SCHEMA, check_metadata=False):
        return False
    columns = {column.name: table.column(column.name).to_pylist() for column in COLUMNS}
    for column in COLUMNS:
        values = columns[column.name]
        if (column.type == pa.bool_() or not column.nullable) and None in values:
            return False
        if not column.nullable and column.type == pa.float64() and any(map(math.isnan, values)):
            return False
    if len(set(columns["event_id"])) != len(columns["event_id"]):
        return False
    quad = _quad_classes(codebook)
    categories = {*codebook.categories, "statement"}
    for row in range(len(table)):
        root, quad_class, code = (columns[name][row] for name in ("cameo_root", "quad_class", "cameo_code"))
        start, end, sentence = (columns[name][row] for name in ("trigger_start", "trigger_end", "sentence_text"))
        if not (
            code in codebook.event_codes
            and quad_class in {1, 2, 3, 4}
            and columns["modality"][row] in MODALITIES
            and columns["date_precision"][row] in PRECISIONS
            and columns["category"][row] in categories
            and _ROOT.fullmatch(root)
            and -10.0 <= columns["goldstein"][row] <= 10.0
            and 0 <= start < end <= len(sentence)
            and quad.get(root) == quad_class
            and code[:2] == root
        ):
            return False
    return True


_SENTENCES = st.text(st.sampled_from("ab .–«ü»é\u4e2d\U0001f600"), max_size=12)
# Changes that break a rule, or look as if they might ("035" and "03" hold), each made to one row of a table;
# "the sentence's length" and one past it put the trigger's end at the sentence's end in characters.
_CHANGE = st.sampled_from(
    [
        ("cameo_code", "999"), ("cameo_code", "1"), ("cameo_code", "035"), ("cameo_root", "21"),
        ("cameo_root", "01\n"), ("cameo_root", "03"), ("cameo_root", "14"), ("cameo_root", "12"),
        ("cameo_root", "1"), ("quad_class", 7), ("quad_class", 1), ("quad_class", 0), ("goldstein", 10.5),
        ("goldstein", -10.0), ("goldstein", math.nan), ("confidence", math.nan), ("latitude", math.nan),
        ("modality", "rumoured"), ("modality", "reported"), ("date_precision", "decade"),
        ("category", "no_such_category"), ("category", "statement"), ("trigger_start", -1),
        ("trigger_end", "the sentence's length"), ("trigger_end", "one past the sentence"), ("rule_id", None),
        ("negated", None), ("plover_mode", None), ("event_id", "ev0000"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["139", "1041", "035", "195", "0256"]), _SENTENCES.filter(bool), st.integers(0, 99)),
        min_size=1,
        max_size=6,
    ),
    changes=st.lists(st.tuples(st.integers(0, 5), _CHANGE), max_size=2),
    chunk=st.integers(1, 6),
    skip=st.integers(0, 2),
)
def test_validate_rules_hold_matches_the_row_by_row_rules(
    rows: list[tuple[str, str, int]], changes: list[tuple[int, tuple[str, object]]], chunk: int, skip: int,
    codebook: Any,
) -> None:
    records = []
    for number, (code, sentence, place) in enumerate(rows):
        start = place % len(sentence)
        records.append(make_event(number, cameo_code=code, sentence_text=sentence, trigger_start=start,
                                  trigger_end=start + 1 + place % (len(sentence) - start)))
    for row, (name, value) in changes:
        record = records[row % len(records)]
        if value == "the sentence's length":
            value = len(record["sentence_text"])
        elif value == "one past the sentence":
            value = len(record["sentence_text"]) + 1
        record[name] = value
    whole = rows_to_table(records)
    # The writer's tables come in one chunk or in several (a pool's batches); a slice has offsets into its buffers.
    chunked = pa.concat_tables([whole.slice(offset, chunk) for offset in range(0, len(whole), chunk)])
    for table in (whole, chunked, whole.slice(min(skip, len(whole) - 1))):
        assert rules_hold(table, codebook) == _rules_hold_by_rows(table, codebook)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SENTENCES, max_size=8), st.integers(0, 3), st.integers(1, 4), st.sampled_from([1, 3, 1 << 22]))
def test_validate_character_lengths_are_the_lengths_of_the_strings(
    sentences: list[str], skip: int, chunk: int, tested_bytes: int
) -> None:
    # the bytes are tested a few at a time (CHARACTER_TEST_BYTES), a character's bytes perhaps split between two
    array = pa.array(sentences, pa.string()).slice(min(skip, len(sentences)))
    column = pa.chunked_array(
        [array.slice(offset, chunk) for offset in range(0, len(array), chunk)] or [array], pa.string()
    )
    with mock.patch.object(validate, "CHARACTER_TEST_BYTES", tested_bytes):
        assert _character_lengths(column).tolist() == [len(sentence) for sentence in array.to_pylist()]
