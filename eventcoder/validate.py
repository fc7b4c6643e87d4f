"""Validation of event tables: one pandera model checked on every batch before it is written, and on
existing datasets by `eventcoder validate`.

The pandera model (`event_table_schema`) is the contract. Importing pandera and pandas and converting a
batch to pandas costs most of a second, so `check_table` first checks the same rules on the table's values
(`rules_hold`); only a table that may break one is handed to the model, which then lists the failures.
`rules_hold` answers True only when the model would pass the table: where pandas reads a value differently
from Arrow (NaN, a null in a boolean column) it answers False and leaves the verdict to the model. A test
holds the two to the same verdict on valid tables and on tables breaking each rule. `rules_hold` reads the
columns as NumPy arrays over Arrow's buffers (numpy comes with pyarrow) and as Python values rather than through
pyarrow.compute: importing pyarrow.compute costs more start-up than the checks cost on a batch of tens of
thousands of rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy
import pyarrow as pyarrow_lib

from eventcoder.errors import InvalidRecordsError
from eventcoder.records import COLUMNS, EVENT_SCHEMA, TEXTS_ONCE_SCHEMA, decoded_texts

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

    from eventcoder.codebook.compile import Codebook

# String and date columns get no pandas dtype check: `check_table` first requires the Arrow schema to equal
# EVENT_SCHEMA exactly, which fixes their types, and pandas versions differ in the dtype they give strings.
_PANDAS_DTYPES: dict[pyarrow_lib.DataType, object] = {
    pyarrow_lib.string(): None,
    pyarrow_lib.date32(): None,
    pyarrow_lib.int32(): "Int32",
    pyarrow_lib.int8(): "Int8",
    pyarrow_lib.float64(): "float64",
    pyarrow_lib.bool_(): "bool",
}
MODALITIES = ("asserted", "reported", "intended", "hypothetical", "conditional", "denied")
PRECISIONS = ("day", "week", "month", "year", "article")
CHARACTER_TEST_BYTES = 1 << 22  # bytes of a string column tested at a time (`_character_lengths`)


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed check: which check, on which column, how many rows, and an example value."""

    check: str
    column: str | None
    failures: int
    example: str

    def format(self) -> str:
        """Render the failure as one line."""
        where = f" in column {self.column}" if self.column else ""
        return f"{self.check}{where}: {self.failures} row(s), e.g. {self.example}"


def _nullable_integers(kind: pyarrow_lib.DataType) -> Any:
    """Integer columns are read into pandas' nullable integer types, so a null stays null instead of NaN."""
    import pandas as pd

    return {pyarrow_lib.int32(): pd.Int32Dtype(), pyarrow_lib.int8(): pd.Int8Dtype()}.get(kind)


ROOT_PATTERN = r"^(0[1-9]|1[0-9]|20)$"


def _column_checks(name: str, codebook: Codebook) -> list[pa.Check]:
    import pandera.pandas as pa

    codes = sorted(codebook.event_codes)
    checks: dict[str, list[pa.Check]] = {
        "cameo_code": [pa.Check.isin(codes, error="code exists in the codebook")],
        "cameo_root": [pa.Check.str_matches(ROOT_PATTERN, error="root is 01-20")],
        "goldstein": [pa.Check.in_range(-10, 10, error="Goldstein in [-10, 10]")],
        "quad_class": [pa.Check.isin([1, 2, 3, 4], error="QuadClass is 1-4")],
        "modality": [pa.Check.isin(list(MODALITIES), error="modality is a known value")],
        "date_precision": [pa.Check.isin(list(PRECISIONS), error="date precision is a known value")],
        "category": [pa.Check.isin(sorted(codebook.categories) + ["statement"], error="category exists")],
        "trigger_start": [pa.Check.ge(0, error="trigger starts inside the sentence")],
    }
    return checks.get(name, [])


def event_table_schema(codebook: Codebook) -> pa.DataFrameSchema:
    """The pandera model of the event table for a codebook: strict columns, types, ranges, consistency."""
    import pandera.pandas as pa

    columns: dict[str, pa.Column] = {}
    for column in COLUMNS:
        dtype = _PANDAS_DTYPES[column.type]
        checks = list(_column_checks(column.name, codebook))
        columns[column.name] = pa.Column(
            dtype, checks=checks, nullable=column.nullable, unique=column.name == "event_id"
        )
    quad = _quad_classes(codebook)
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=True,
        checks=[
            pa.Check(
                lambda df: df["cameo_root"].map(quad) == df["quad_class"],
                error="QuadClass consistent with the CAMEO root",
            ),
            pa.Check(lambda df: df["cameo_code"].str[:2] == df["cameo_root"], error="root is the code's prefix"),
            pa.Check(
                lambda df: (
                    (df["trigger_start"] < df["trigger_end"]) & (df["trigger_end"] <= df["sentence_text"].str.len())
                ),
                error="trigger offsets inside the sentence",
            ),
        ],
    )


def _quad_classes(codebook: Codebook) -> dict[str, int]:
    return {root: codebook.quad_class_of_root(root) for root in {code[:2] for code in codebook.event_codes}}


def check_table(
    table: pyarrow_lib.Table, codebook: Codebook, schema: pa.DataFrameSchema | None = None, *, model: bool = False
) -> list[Failure]:
    """Check an Arrow event table; return every failure (empty when the table is valid).

    `schema` is `event_table_schema(codebook)`, built here when the caller does not keep one. With `model`,
    the pandera model checks the table even when `rules_hold` already passed it (`eventcoder validate`). A table
    holding its texts once (`records.TEXTS_ONCE_SCHEMA`) is checked as the table of EVENT_SCHEMA it stands for.
    """
    table = decoded_texts(table)
    if not table.schema.equals(EVENT_SCHEMA, check_metadata=False):
        expected = {field.name: str(field.type) for field in EVENT_SCHEMA}
        found = {field.name: str(field.type) for field in table.schema}
        failures = [Failure("column missing", name, 0, "") for name in expected if name not in found]
        failures += [Failure("unexpected column", name, 0, "") for name in found if name not in expected]
        failures += [
            Failure("wrong type", name, 0, f"{found[name]} (expected {expected[name]})")
            for name in expected
            if name in found and found[name] != expected[name]
        ]
        failures += [
            Failure("nulls in a non-nullable column", field.name, table.column(field.name).null_count, "null")
            for field in EVENT_SCHEMA
            if field.name in found and not field.nullable and table.column(field.name).null_count
        ]
        return failures or [Failure("schema differs", None, 0, "column order or nullability")]
    if not model and rules_hold(table, codebook):
        return []
    from pandera.errors import SchemaErrors

    frame = table.to_pandas(date_as_object=True, types_mapper=_nullable_integers)
    try:
        (schema or event_table_schema(codebook)).validate(frame, lazy=True)
    except SchemaErrors as errors:
        return _failures(errors.failure_cases)
    return []


def rules_hold(table: pyarrow_lib.Table, codebook: Codebook) -> bool:
    """True when a table of EVENT_SCHEMA (or TEXTS_ONCE_SCHEMA) passes every rule of `event_table_schema`; False
    when a rule fails or the verdict depends on how pandas reads a value (see the module docstring)."""
    if not (table.schema.equals(EVENT_SCHEMA, check_metadata=False)
            or table.schema.equals(TEXTS_ONCE_SCHEMA, check_metadata=False)):
        return False
    for column in COLUMNS:
        values = table.column(column.name)
        if column.type == pyarrow_lib.bool_() and values.null_count:
            return False  # pandas reads a boolean column with nulls as objects
        if not column.nullable and values.null_count:
            return False
        if not column.nullable and column.type == pyarrow_lib.float64() and numpy.isnan(values.to_numpy()).any():
            return False  # pandas reads NaN as a null
    if len(table) == 0:
        return True
    ids = table.column("event_id").to_pylist()
    if len(set(ids)) != len(ids):
        return False
    return _values_hold(table, codebook) and _rows_hold(table, codebook)


_ROOT = re.compile(ROOT_PATTERN.removeprefix("^").removesuffix("$"))

# Every column the rules read is non-nullable, and `rules_hold` has turned away a table with a null in one, so
# the checks below read whole columns: NumPy arrays over Arrow's buffers for numbers (numpy comes with pyarrow),
# each distinct string once. Read row by row in Python they cost 15 M instructions more on a news5k run
# (3,681 rows; callgrind, compiled build).


def _values_hold(table: pyarrow_lib.Table, codebook: Codebook) -> bool:
    """The column checks of the model. A root is matched in full, which is stricter than the model's
    `str.match` (whose `$` also matches before a final newline): a stricter answer only sends a table to the
    model."""
    allowed: dict[str, set[str]] = {
        "cameo_code": set(codebook.event_codes),
        "modality": set(MODALITIES),
        "date_precision": set(PRECISIONS),
        "category": {*codebook.categories, "statement"},
    }
    for name, values in allowed.items():
        if not set(table.column(name).to_pylist()) <= values:
            return False
    quad_class = table.column("quad_class").to_numpy()
    goldstein = table.column("goldstein").to_numpy()
    return bool(
        all(_ROOT.fullmatch(root) for root in set(table.column("cameo_root").to_pylist()))
        and ((quad_class >= 1) & (quad_class <= 4)).all()
        and goldstein.min() >= -10.0
        and goldstein.max() <= 10.0
        and table.column("trigger_start").to_numpy().min() >= 0
    )


def _rows_hold(table: pyarrow_lib.Table, codebook: Codebook) -> bool:
    """The table-wide checks of the model: QuadClass of the root and root as the code's prefix (each distinct
    triple once), trigger offsets inside the sentence (its length in characters from the string column's
    offsets: see `_character_lengths`)."""
    quad = _quad_classes(codebook)
    triples = set(
        zip(*(table.column(name).to_pylist() for name in ("cameo_root", "quad_class", "cameo_code")), strict=True)
    )
    if any(quad.get(root) != quad_class or code[:2] != root for root, quad_class, code in triples):
        return False
    start = table.column("trigger_start").to_numpy()
    end = table.column("trigger_end").to_numpy()
    return bool((start < end).all() and (end <= _character_lengths(table.column("sentence_text"))).all())


def _character_lengths(column: pyarrow_lib.ChunkedArray) -> numpy.ndarray:
    """The length in characters of each string of a column without nulls, `len` of each value without
    decoding them: the bytes between its offsets less its UTF-8 continuation bytes (0b10xxxxxx). Chunk by chunk
    and CHARACTER_TEST_BYTES at a time: the test of each byte makes two arrays the size of the bytes tested, and
    the 72 MB `sentence_text` of a 5 MB article without a sentence break (35,657 events, each with its piece of
    2,000 characters) took 144 MB of them, on top of a copy of the column (`combine_chunks`)."""
    if column.num_chunks == 1:
        return _chunk_character_lengths(column.chunk(0))
    return numpy.concatenate([numpy.zeros(0, numpy.int64), *map(_chunk_character_lengths, column.chunks)])


def _chunk_character_lengths(array: pyarrow_lib.Array) -> numpy.ndarray:
    if isinstance(array, pyarrow_lib.DictionaryArray):  # each distinct text measured once (TEXTS_ONCE_SCHEMA)
        return _chunk_character_lengths(array.dictionary)[array.indices.to_numpy()]
    _, offsets_buffer, data_buffer = array.buffers()
    offsets = numpy.frombuffer(offsets_buffer, numpy.int32, len(array) + 1, array.offset * 4)
    continuations = numpy.zeros(len(array), numpy.int64)
    if data_buffer is None:
        return continuations
    data = numpy.frombuffer(data_buffer, numpy.uint8)
    for start in range(int(offsets[0]), int(offsets[-1]), CHARACTER_TEST_BYTES):
        tested = data[start : min(start + CHARACTER_TEST_BYTES, int(offsets[-1]))]
        positions = numpy.flatnonzero((tested & 0xC0) == 0x80)
        if len(positions):
            rows = numpy.searchsorted(offsets, positions + start, side="right") - 1
            continuations += numpy.bincount(rows, minlength=len(array))
    return numpy.diff(offsets) - continuations


def _failures(cases: pd.DataFrame) -> list[Failure]:
    import pandas as pd

    failures: list[Failure] = []
    for (check, column), group in cases.groupby(["check", "column"], dropna=False, sort=True):
        example = group["failure_case"].iloc[0]
        failures.append(Failure(str(check), None if pd.isna(column) else str(column), len(group), repr(example)))
    return failures


def require_valid(table: pyarrow_lib.Table, codebook: Codebook, schema: pa.DataFrameSchema | None = None) -> None:
    """Raise InvalidRecordsError listing every failure when a batch is invalid (the writer calls this)."""
    failures = check_table(table, codebook, schema)
    if failures:
        raise InvalidRecordsError("event batch failed validation: " + "; ".join(f.format() for f in failures))


def duplicate_ids(ids: Iterable[str]) -> list[str]:
    """Return event ids that occur more than once (across the files of a dataset)."""
    seen: set[str] = set()
    duplicates: set[str] = set()
    for event_id in ids:
        if event_id in seen:
            duplicates.add(event_id)
        seen.add(event_id)
    return sorted(duplicates)
