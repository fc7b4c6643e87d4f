"""Validation of event tables: one pandera model checked on every batch before it is written, and on
existing datasets by `eventcoder validate`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
import pyarrow as pyarrow_lib
from pandera.errors import SchemaErrors

from eventcoder.codebook.compile import Codebook
from eventcoder.errors import InvalidRecordsError
from eventcoder.records import COLUMNS, EVENT_SCHEMA

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
_NULLABLE_INTEGERS: dict[pyarrow_lib.DataType, object] = {
    pyarrow_lib.int32(): pd.Int32Dtype(),
    pyarrow_lib.int8(): pd.Int8Dtype(),
}
"""Integer columns are read into pandas' nullable integer types, so a null stays null instead of NaN."""
MODALITIES = ("asserted", "reported", "intended", "hypothetical", "conditional", "denied")
PRECISIONS = ("day", "week", "month", "year", "article")


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


def _column_checks(name: str, codebook: Codebook) -> list[pa.Check]:
    codes = sorted(codebook.event_codes)
    checks: dict[str, list[pa.Check]] = {
        "cameo_code": [pa.Check.isin(codes, error="code exists in the codebook")],
        "cameo_root": [pa.Check.str_matches(r"^(0[1-9]|1[0-9]|20)$", error="root is 01-20")],
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
    columns: dict[str, pa.Column] = {}
    for column in COLUMNS:
        dtype = _PANDAS_DTYPES[column.type]
        checks = list(_column_checks(column.name, codebook))
        columns[column.name] = pa.Column(
            dtype, checks=checks, nullable=column.nullable, unique=column.name == "event_id"
        )
    quad = {root: codebook.quad_class_of_root(root) for root in {code[:2] for code in codebook.event_codes}}
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


def check_table(
    table: pyarrow_lib.Table, codebook: Codebook, schema: pa.DataFrameSchema | None = None
) -> list[Failure]:
    """Check an Arrow event table; return every failure (empty when the table is valid).

    `schema` is `event_table_schema(codebook)`, built here when the caller does not keep one.
    """
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
    frame = table.to_pandas(date_as_object=True, types_mapper=_NULLABLE_INTEGERS.get)
    try:
        (schema or event_table_schema(codebook)).validate(frame, lazy=True)
    except SchemaErrors as errors:
        return _failures(errors.failure_cases)
    return []


def _failures(cases: pd.DataFrame) -> list[Failure]:
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
