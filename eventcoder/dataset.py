"""The Parquet dataset: hive-partitioned event files written atomically batch by batch, label tables, run
manifests, and crash recovery.

Layout::

    DATASET/events/year=YYYY/month=MM/part-<run>-all.parquet       a completed run's events of the month
    DATASET/events/year=YYYY/month=MM/part-<run>-<batch>.parquet   one batch's (while a run is writing)
    DATASET/_labels/{cameo_codes,categories,actor_roles}.parquet
    DATASET/_runs/<run>.json          run manifests
    DATASET/_quarantine/<run>.jsonl   rejected input records
    DATASET/_staging/<run>-<batch>/   files of a batch being written
    DATASET/_retired.json             superseded files kept for readers until `vacuum` deletes them, and
                                      during a commit the files it is moving into place
    DATASET/_lock                     the write lock and its holder (see `eventcoder.lock`)

Commit protocol: a batch's files are written to a staging folder, then a journal listing the moves (and
the files the batch supersedes) is written atomically (the commit point), then the files are renamed into
place, the superseded files are added to the retired list, and the journal is removed. A crash before the
journal leaves only staging debris (discarded by `recover`); a crash after it is rolled forward by
`recover`. Only a writer holding the dataset's write lock runs `recover`. A completed run merges its batch
files by the same protocol (`DatasetWriter.compact`) wherever it wrote more than FILES_PER_PARTITION in a
partition, so a dataset holds a bounded number of files per run and month, not one per batch; a run that
was killed or interrupted keeps its batch files.

Readers never write and never recover: `eventcoder.snapshot` lists the committed files under the shared
commit lock (so never half of a batch being moved) and reads a batch whose commit a crash interrupted from
its journal (the moved files where they are, the others still in staging), so readers see the last
committed state. A reader holds the readers lock (`eventcoder.lock.ReaderLock`) from before it lists the
files until it has read them, so a superseded file is never deleted under it: a commit retires it (it
leaves every listing at once), and `vacuum` deletes retired files only while it holds the readers lock
exclusively, which it takes without waiting; a writer that finds readers leaves them to the next commit
or the next writer. A journal that a crash left behind may have sent readers to its staged files: `recover`
links them into place instead of moving them and retires the staging folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import itertools
import json
import os
import shutil
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from eventcoder.errors import OutputError
from eventcoder.lock import commit_lock, no_readers
from eventcoder.records import (
    COLUMN_NAMES,
    EVENT_SCHEMA,
    TEXTS_ONCE,
    TEXTS_ONCE_SCHEMA,
    decoded_texts,
    holds_texts_once,
)
from eventcoder.snapshot import EVENTS_DIR, JOURNAL, RETIRED, event_files, require_dataset, retired_paths

if TYPE_CHECKING:
    import pandera.pandas as pandera

    from eventcoder.codebook.compile import Codebook

SORT_KEYS = [
    ("event_date", "ascending"),
    ("article_id", "ascending"),
    ("sentence_index", "ascending"),
    ("trigger_start", "ascending"),
    ("event_id", "ascending"),
]
LONG_TEXT_CHARACTERS = 4 << 20  # sentence texts this long are built from their joined bytes (`_sentence_texts`)
LONG_TEXT_ROWS = 4_096  # (`_sentence_texts`)
ROW_GROUP_ROWS = 65_536  # rows per Parquet row group: large enough for scans, small enough to hold in memory
# A table holding its texts once (TEXTS_ONCE_SCHEMA) is decoded for its file a few rows at a time; a row group
# holds at most ROW_GROUP_ROWS rows and this many bytes of texts (about 4,000 of the 5 MB article's 35,657 events:
# its run peaked at 221 MB, at 240 MB with groups of 16 MB of texts; pure Python, one worker).
ROW_GROUP_DECODED_BYTES = 8 << 20
# A batch spread over many months writes a small file (a few hundred rows) to each. Written with zstd and a
# dictionary for every column, such a file costs about 4 ms, most of it setting up a compressor and a dictionary
# for each of the 46 column chunks, whatever its rows: 40 files of one batch took 170 ms of CPU; snappy without
# dictionaries takes 65 ms, for files about 15 % larger. On a larger file the fixed cost matters less and the
# encoding more (4,000 rows: 12.7 against 8.5 ms, but 205 against 391 KiB), so a batch file of SMALL_FILE_ROWS
# rows or more, like the files a run merges (`compact`) and a file rewritten without superseded rows, keeps
# zstd with dictionaries. Readers see the same values either way.
SMALL_FILE_ROWS = 500
# Min/max statistics let a reader skip a file whose values cannot match its filter; a small file keeps them on
# the columns the views and named queries filter or join on only. The other columns' statistics (long texts
# among them) were 13 % of the instructions of writing one batch's 39 small files (381 -> 343 M with these).
FILTERED_COLUMNS = [
    "event_id", "article_id", "event_date", "cameo_code", "cameo_root", "quad_class", "category",
    "source_country", "target_country", "location_country",
]
SMALL_FILE_OPTIONS: dict[str, Any] = {"compression": "snappy", "use_dictionary": False,
                                      "write_statistics": FILTERED_COLUMNS}
LASTING_FILE_OPTIONS: dict[str, Any] = {"compression": "zstd"}
COMPACTED = "all"  # the file name suffix of a run's merged file in a partition
FILES_PER_PARTITION = 4  # a completed run leaves at most this many files in a partition
VACUUM_GRACE_SECONDS = 1.0  # how long a run's last step waits for readers before leaving retired files
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP})


class _NoPandas:
    """An import hook under which `import pandas` fails (see `defer_pandas`). A meta path finder needs only
    `find_spec`; its abstract base class would import importlib.abc (with importlib.resources, tempfile and
    random: 16 M instructions)."""

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> None:
        if fullname.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"No module named '{fullname}'", name=fullname)


def defer_pandas() -> None:
    """Keep pyarrow from importing pandas (0.3 s of every start) until a pandas conversion needs it.

    The first `pa.array` of a Python list imports pandas only to ask whether the list is a pandas object
    (and, when it infers the type, to learn pandas' null values). Made while pandas cannot be imported, that
    first call records pandas as absent, so lists convert without it; `Table.to_pandas` tries the import
    again and then succeeds (the model check of `eventcoder.validate` relies on that; its tests cover it)."""
    if "pandas" in sys.modules:
        return
    hook = _NoPandas()
    sys.meta_path.insert(0, hook)
    try:
        pa.array([0])  # untyped: the type inference is the path that reads pandas' null values
    finally:
        sys.meta_path.remove(hook)


def _numbered(name: str, prefix: str) -> bool:
    """Whether `name` is `prefix` then a batch number of five ASCII digits then `.parquet` (a batch file)."""
    number = name[len(prefix) : -len(".parquet")]
    return (name.startswith(prefix) and name.endswith(".parquet") and len(number) == 5 and number.isascii()
            and number.isdigit())


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old content or the new, never a torn file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def rows_to_table(rows: Sequence[dict[str, Any]]) -> pa.Table:
    """Build an Arrow table column by column from record dicts, in the one explicit schema (the writer sorts)."""
    return columns_to_table(row_columns(rows))


_ROW_VALUES = itemgetter(*COLUMN_NAMES)


def row_columns(rows: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """The values of record dicts column by column, in COLUMN_NAMES order (KeyError: a record lacks a field).
    Each record's values are read in one C call and the tuples turned into columns by `zip`: a list per column
    read field by field, in 46 Python loops, took 1.4 times as long (27 against 19 ms for 4,896 records)."""
    if not rows:
        return [[] for _ in COLUMN_NAMES]
    return [list(column) for column in zip(*map(_ROW_VALUES, rows), strict=True)]


def columns_to_table(columns: Sequence[list[Any]], *, texts_once: bool = False) -> pa.Table:
    """An Arrow table, in the one explicit schema, of columns in COLUMN_NAMES order (see `row_columns`); with
    `texts_once`, of TEXTS_ONCE_SCHEMA, each distinct sentence text held once."""
    arrays = [_sentence_texts(values, texts_once) if index == _SENTENCE_TEXT else pa.array(values, type=field.type)
              for index, (values, field) in enumerate(zip(columns, EVENT_SCHEMA, strict=True))]
    return pa.Table.from_arrays(arrays, schema=TEXTS_ONCE_SCHEMA if texts_once else EVENT_SCHEMA)


_SENTENCE_TEXT = COLUMN_NAMES.index("sentence_text")


def _sentence_texts(values: list[Any], once: bool) -> pa.Array:
    """The `sentence_text` column; with `once`, each distinct text once (`_text_dictionary`). Otherwise
    `pa.array(values, type=pa.string())`, except that more than LONG_TEXT_ROWS
    sentences holding more than LONG_TEXT_CHARACTERS are built from their UTF-8 bytes joined in one buffer of
    their exact size. Arrow grows an array's buffer by doubling it, and the 72 MB `sentence_text` of a 5 MB
    article without a sentence break (35,657 events, each with its piece of 2,000 characters) peaked at 3.6 times
    its size."""
    if once:
        return _text_dictionary(values)
    if len(values) > LONG_TEXT_ROWS:
        try:
            characters = sum(map(len, values))  # in C, where a test of each value's type is a Python loop
        except TypeError:  # a null or a number among them: Arrow's own way, and its error
            characters = 0
        if characters > LONG_TEXT_CHARACTERS and all(type(value) is str for value in values):
            return _joined_text_array(values)
    return pa.array(values, type=pa.string())


def _text_dictionary(values: list[Any]) -> pa.Array:
    """A dictionary array (TEXTS_ONCE) of `values`: their distinct texts, in order of first appearance, and each
    value's index among them. A value that is not a string is Arrow's to refuse, as in a string column."""
    positions: dict[Any, int] = {}
    indices = [positions.setdefault(value, len(positions)) for value in values]
    texts = _sentence_texts(list(positions), once=False)
    return pa.DictionaryArray.from_arrays(pa.array(indices, type=TEXTS_ONCE.index_type), texts)


def _joined_text_array(values: list[str]) -> pa.Array:
    """A string array of `values` from their UTF-8 bytes joined in one buffer, each distinct string (an event's
    sentence is one string object, shared by the sentence's events) encoded once."""
    encodings: dict[int, bytes] = {}
    parts = [encodings.get(id(value)) or encodings.setdefault(id(value), value.encode()) for value in values]
    import numpy  # with pyarrow; only for such a column

    ends = numpy.cumsum(numpy.fromiter(map(len, parts), numpy.int64, len(parts)))
    if len(ends) and ends[-1] > numpy.iinfo(numpy.int32).max:  # beyond a string array's offsets: Arrow's own way
        return pa.array(values, type=pa.string())
    offsets = numpy.zeros(len(parts) + 1, numpy.int32)
    offsets[1:] = ends
    return pa.StringArray.from_buffers(len(parts), pa.py_buffer(offsets), pa.py_buffer(b"".join(parts)))


def is_sorted(table: pa.Table) -> bool:
    """True when the rows are in SORT_KEYS order already (checked on Python values: a sorted table is kept as
    it is, not copied row by row by `sort_table`)."""
    keys = list(zip(*(_sort_values(table, name) for name, _ in SORT_KEYS), strict=True))
    # Sorting a sorted list is one pass of comparisons in C (timsort finds one run): the same answer as
    # comparing each pair in a Python loop, at half the cost. The keys are dates, strings and ints; a null
    # among them (a table the model will refuse) cannot be compared: such a table is sorted by Arrow, which
    # orders nulls, and then goes to the model.
    try:
        return keys == sorted(keys)
    except TypeError:
        return False


def in_order(table: pa.Table) -> bool:
    """True when the rows are in SORT_KEYS order already (`is_sorted`). A table of several chunks is first read
    at its seams, the last row of each chunk against the first of the next: a process pool's batch (sorted
    chunks, one after another) is seldom in order there, and `is_sorted` would read its keys as Python values
    in vain (about 15 M instructions a 4,900-row batch, in the parent that two workers share two cores with). A
    long batch, made Arrow in slices (`batch.RECORD_SLICE_ROWS`), is in order at every seam, and is kept as it
    is rather than copied whole by `sort_table` (90 MB for the 35,657 events of a 5 MB article)."""
    chunks = [chunk for chunk in table.to_batches() if len(chunk)]
    if len(chunks) > 1:
        # each chunk's first and last rows, one after another: in order only if every seam is
        ends = [end for chunk in chunks for end in (chunk.slice(0, 1), chunk.slice(len(chunk) - 1))]
        if not is_sorted(pa.Table.from_batches(ends)):
            return False
    return is_sorted(table)


def sort_table(table: pa.Table) -> pa.Table:
    """`table` in SORT_KEYS order: what `table.sort_by(SORT_KEYS)` returns, from the same two kernels called
    through `pyarrow._compute`. `sort_by` imports pyarrow.compute, which wraps every kernel in a Python function
    with its docstring: 211 M instructions (about 0.06 s) that a process-pool run paid at its first batch."""
    from pyarrow._compute import SortOptions, call_function

    return call_function("take", [table, call_function("sort_indices", [table], SortOptions(SORT_KEYS))])


def _sort_values(table: pa.Table, name: str) -> list[Any]:
    """A column's values as Python values that sort as the column does: dates as their day numbers."""
    return day_numbers(table.column(name)) if name == "event_date" else table.column(name).to_pylist()


def day_numbers(column: pa.ChunkedArray) -> list[int | None]:
    """A date32 column as days since 1970-01-01 (None for a null), read through a view of its int32 storage:
    a list of ints costs about a tenth of a list of `datetime.date` objects (5 ms for a batch of 4,700
    rows), and sorts and compares the same."""
    return pa.chunked_array([chunk.view(pa.int32()) for chunk in column.chunks], type=pa.int32()).to_pylist()


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _partition_of_day(day: int) -> str:
    """The partition of a day number (see `day_numbers`)."""
    date = dt.date.fromordinal(_EPOCH_ORDINAL + day)
    return f"year={date.year:04d}/month={date.month:02d}"


def _month_slices(table: pa.Table) -> Iterator[tuple[str, int, int]]:
    """(partition, first row, number of rows) for each month of a table sorted by event date: each month's rows
    are one run."""
    if not len(table):
        return
    starts: dict[str, int] = {}
    previous = None
    for index, day in enumerate(day_numbers(table.column("event_date"))):
        if day != previous:  # most rows share the date of the row before: name the partition once
            assert day is not None, "event_date holds no nulls: the table passed the model's checks"
            starts.setdefault(_partition_of_day(day), index)
            previous = day
    ends = [*list(starts.values())[1:], len(table)]
    for (partition, start), end in zip(starts.items(), ends, strict=True):
        yield partition, start, end - start


def recover(dataset: Path) -> None:
    """Finish or discard batches a crashed run left behind: roll committed journals forward (see
    `apply_journal`), drop the rest. Call it only while holding the dataset's write and commit locks."""
    staging = dataset / "_staging"
    if not staging.is_dir():
        return
    retired = retired_paths(dataset)
    for batch in sorted(staging.iterdir()):
        if str(batch.relative_to(dataset)) in retired:
            continue  # rolled forward already, kept for its readers until `vacuum`
        if (batch / JOURNAL).is_file():
            apply_journal(dataset, batch, seen_by_readers=True)
        else:
            shutil.rmtree(batch, ignore_errors=True)
    _remove_if_empty(staging)


def apply_journal(dataset: Path, batch: Path, *, seen_by_readers: bool) -> None:
    """Carry out the journal of a staged batch: its files into place, the files it supersedes retired, the
    journal removed. A journal that readers may have seen (one a crash left behind) may have sent them to
    the staged files, so these are linked into place, not moved, and the staging folder is retired too. A
    fresh journal, written and carried out in one hold of the commit lock, was seen by no reader: its files
    are moved and its folder deleted. Repeating a call that a crash cut short is safe.

    Readers that glob the partition folders (plain DuckDB, `eventcoder db`) take no lock but leave out the
    files the retired list names: a commit that moves several files or supersedes any first lists the files
    it is about to move, and one atomic rewrite of the list at the end takes them off it and adds the
    superseded ones, so such a reader sees the commit whole or not at all."""
    journal = json.loads((batch / JOURNAL).read_text(encoding="utf-8"))
    moves: list[dict[str, str]] = journal["moves"]
    superseded = list(journal.get("remove", []))
    if seen_by_readers:
        superseded.append(str(batch.relative_to(dataset)))
    arriving = [move["to"] for move in moves]
    if len(moves) > 1 or superseded:
        _update_retired(dataset, add=[path for path in arriving if not (dataset / path).exists()])
    for move in moves:
        source, target = dataset / move["from"], dataset / move["to"]
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            if seen_by_readers:
                _link(source, target)
            else:
                os.replace(source, target)
    _update_retired(dataset, add=[path for path in superseded if (dataset / path).exists()], drop=arriving)
    (batch / JOURNAL).unlink()
    if not seen_by_readers:
        shutil.rmtree(batch, ignore_errors=True)
        _remove_if_empty(batch.parent)


def _link(source: Path, target: Path) -> None:
    """Give `source` the name `target` too, atomically (a copy where the file system has no hard links)."""
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        os.link(source, temporary)
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        atomic_write_bytes(temporary, source.read_bytes())
    os.replace(temporary, target)


def _update_retired(dataset: Path, *, add: Iterable[str] = (), drop: Iterable[str] = ()) -> None:
    """Add paths (relative to the dataset) to its retired list and take others off it, in one atomic write
    (none when nothing changes): from then on no listing counts the added ones, and `vacuum` deletes them
    once no reader can be reading them."""
    retired = retired_paths(dataset)
    updated = (retired - set(drop)) | set(add)
    if updated != retired:
        _write_retired(dataset, updated)


def _write_retired(dataset: Path, paths: Iterable[str]) -> None:
    atomic_write_bytes(dataset / RETIRED, json.dumps({"retired": sorted(paths)}).encode())


def vacuum(dataset: Path, *, wait_seconds: float = 0.0) -> int:
    """Delete the retired files and folders if no reader holds the readers lock (taken exclusively without
    waiting, or within `wait_seconds`, during which the exclusive commit lock keeps new readers from
    starting); return how many were deleted. While readers hold it, everything stays retired for a later
    call. Call it only while holding the dataset's write lock, not the commit lock."""
    retired = retired_paths(dataset)
    if not retired:
        return 0
    with commit_lock(dataset, shared=False), no_readers(dataset, wait_seconds=wait_seconds) as free:
        if not free:
            return 0
        for relative in sorted(retired):
            path = dataset / relative
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        # Last, so a crash before it leaves the rest listed for the next call; emptied, not deleted, so a
        # plain-DuckDB reader that found the list never fails to open it.
        _write_retired(dataset, [])
        _remove_if_empty(dataset / "_staging")
    return len(retired)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()  # only when nothing else is staged there


Slice = tuple[pa.Table, int, int]
"""Rows of a table: the table, the first row, the number of rows."""


def slices_table(parts: Sequence[Slice]) -> pa.Table:
    """The rows of `parts`, one after another (a table of one chunk per part, as `pa.concat_tables` makes)."""
    return joined_tables([table.slice(start, length) for table, start, length in parts])


def joined_tables(tables: Sequence[pa.Table]) -> pa.Table:
    """The rows of event tables, one after another (`pa.concat_tables`). When one of them holds its texts once
    (TEXTS_ONCE_SCHEMA), so does the result: the others' texts are encoded (a news batch's few thousand rows),
    where decoding the one would copy all its texts."""
    if len(tables) == 1:
        return tables[0]
    if any(map(holds_texts_once, (table.schema for table in tables))):
        tables = [_texts_encoded(table) for table in tables]
    return pa.concat_tables(tables)


def _texts_encoded(table: pa.Table) -> pa.Table:
    """An event table holding its texts once (TEXTS_ONCE_SCHEMA), its metadata kept."""
    if holds_texts_once(table.schema):
        return table
    from pyarrow._compute import call_function  # not pyarrow.compute (see `sort_table`)

    texts = table.column(_SENTENCE_TEXT)
    encoded = pa.chunked_array([call_function("dictionary_encode", [chunk]) for chunk in texts.chunks],
                               type=TEXTS_ONCE)
    return table.set_column(_SENTENCE_TEXT, TEXTS_ONCE_SCHEMA.field(_SENTENCE_TEXT), encoded)


def slices_rows(parts: Sequence[Slice]) -> int:
    """The number of rows of `parts`."""
    return sum(length for _, _, length in parts)


@dataclass(frozen=True, slots=True)
class StagedFile:
    """A Parquet file a commit writes into its staging folder: the slices of whole tables whose rows it holds,
    in order, its schema's metadata (with the run's), the path, the writer options, and the journal's move of
    the file into place. Its table is made where the file is written: a process pool ships the whole tables
    once, not each file's rows (`parallel.PoolCoder.write_staged`)."""

    parts: tuple[Slice, ...]
    metadata: dict[bytes, bytes]
    path: Path
    options: dict[str, Any]
    move: dict[str, str]

    @property
    def rows(self) -> int:
        return slices_rows(self.parts)

    @property
    def table(self) -> pa.Table:
        return slices_table(self.parts).replace_schema_metadata(self.metadata)


def write_staged(files: Sequence[StagedFile]) -> None:
    """Write a commit's staged files in this process, one after the other."""
    for file in files:
        write_parquet(file.table, file.path, file.options)


def write_parquet(table: pa.Table, path: Path, options: dict[str, Any]) -> None:
    """Write `table` to a Parquet file at `path` with row groups of ROW_GROUP_ROWS rows and `options`."""
    if len(table) >= SMALL_FILE_ROWS:
        _write_file(table, str(path), options)
        return
    # Arrow writes a file with one system call per page and column chunk (126 for a small file of 61
    # columns); a small file is assembled in memory and written with one. The same bytes: one batch's
    # 39 small files took 90 -> 78 ms of CPU (medians of 25). Larger files, whose size has no bound
    # (a rewritten merged file), are written straight to disk.
    buffer = pa.BufferOutputStream()
    _write_file(table, buffer, options)
    path.write_bytes(buffer.getvalue())


_WRITE_TABLE_DEFAULTS: dict[str, Any] = {
    "version": "2.6", "data_page_version": "1.0", "writer_engine_version": "V2",
    "use_dictionary": True, "write_statistics": True, "compression": "snappy",
}
"""The defaults `pyarrow.parquet.write_table` gives the writer (`tests/test_dataset_parquet_writer.py` holds the
files `_write_file` writes to those of `write_table`, byte for byte)."""


def _write_file(table: pa.Table, where: str | pa.NativeFile, options: dict[str, Any]) -> None:
    """What `pyarrow.parquet.write_table(table, where, row_group_size=ROW_GROUP_ROWS, **options)` writes, through
    the writer of the `pyarrow._parquet` extension. `pyarrow.parquet` imports `pyarrow.fs` with its S3, GCS, Azure
    and HDFS modules and `ssl`: a whole `code` run of news5k that imports neither took 3,069.0 -> 3,037.0 M
    instructions (compiled, one worker); the files are the same bytes."""
    from pyarrow._parquet import ParquetWriter

    texts_once = holds_texts_once(table.schema)
    schema = EVENT_SCHEMA.with_metadata(table.schema.metadata) if texts_once else table.schema
    writer = ParquetWriter(where, schema, **{**_WRITE_TABLE_DEFAULTS, **options})
    try:
        if texts_once:
            _write_decoded(writer, table)
        else:
            writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
    finally:
        writer.close()


def _write_decoded(writer: Any, table: pa.Table) -> None:
    """Write a table holding its texts once (TEXTS_ONCE_SCHEMA) as strings, a row group at a time
    (`_decoded_row_groups`), each group's pages given back once it is written (`return_freed_pages`): Arrow's pool
    (mimalloc) keeps them, and the 5 MB article's file took 248 MB at its peak, 221 MB with them given back (pure
    Python, one worker; its coding peaks at about 205 MB)."""
    for group in _decoded_row_groups(table):
        writer.write_table(group, row_group_size=ROW_GROUP_ROWS)
        del group
        return_freed_pages()


def _decoded_row_groups(table: pa.Table) -> Iterator[pa.Table]:
    """The rows of a table holding its texts once (TEXTS_ONCE_SCHEMA), decoded (EVENT_SCHEMA) a few at a time
    (`_text_pieces`) and gathered into row groups of at most ROW_GROUP_ROWS rows and ROW_GROUP_DECODED_BYTES bytes
    of texts (or one piece): the file holds strings, and the texts of the 35,657 events of a 5 MB article (72 MB as
    strings) are never all decoded at once."""
    pending: list[pa.Table] = []
    rows = size = 0
    for piece, text_bytes in _text_pieces(table):
        if pending and (rows + len(piece) > ROW_GROUP_ROWS or size + text_bytes > ROW_GROUP_DECODED_BYTES):
            group = pa.concat_tables(pending)
            pending, rows, size = [], 0, 0
            yield group  # held by the writer only
        pending.append(decoded_texts(piece))
        rows += len(piece)
        size += text_bytes
    yield pa.concat_tables(pending) if pending else decoded_texts(table)


def _text_pieces(table: pa.Table) -> Iterator[tuple[pa.Table, int]]:
    """Consecutive slices of a table holding its texts once (TEXTS_ONCE_SCHEMA), each with the bytes of its rows'
    texts: at most ROW_GROUP_DECODED_BYTES of them, or one row."""
    import numpy  # with pyarrow; only for such a table

    for chunk in table.to_batches():
        texts = chunk.column(_SENTENCE_TEXT)
        dictionary = texts.dictionary
        offsets = numpy.frombuffer(dictionary.buffers()[1], numpy.int32, len(dictionary) + 1, dictionary.offset * 4)
        ends = numpy.cumsum(numpy.diff(offsets)[texts.indices.to_numpy()])  # the bytes up to each row's end
        start = 0
        while start < len(chunk):
            before = int(ends[start - 1]) if start else 0
            end = max(start + 1, int(numpy.searchsorted(ends, before + ROW_GROUP_DECODED_BYTES, side="right")))
            piece = pa.Table.from_batches([chunk.slice(start, end - start)], schema=table.schema)
            yield piece, int(ends[end - 1]) - before
            start = end


def return_freed_pages() -> None:
    """Give the system back the pages Arrow's memory pool and the C allocator hold free (the pool's
    `release_unused`; glibc's `malloc_trim`, elsewhere nothing). Each keeps what is freed for its own later use.
    glibc: the sentence texts and column lists of a long batch's records, let go of slice by slice, while the Arrow
    table that replaces them is made with other memory (Arrow's allocator, and each slice's joined texts, too large
    for the freed pieces); for the 5 MB article with 35,657 events, the peak of a run: 309 -> 279 MB (pure Python,
    one worker). Arrow's pool (mimalloc): a committed long batch's table and its file's buffers, which six such
    articles in one run kept while the next was coded (after each commit 230 -> 166 MB; the run's peak 297 -> 252
    MB, pure Python). Called after each slice of a long batch (`batch`), each row group of its file
    (`_write_decoded`) and its commit (`run`)."""
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    import ctypes  # only for a long batch (of more than one slice)

    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (macOS, musl, Windows): nothing to trim
        return None


@dataclass(frozen=True, slots=True)
class CheckedTable:
    """An event table in SORT_KEYS order that passed the event table model: only `DatasetWriter.check` makes
    one, and a commit takes nothing else."""

    table: pa.Table


@dataclass
class DatasetWriter:
    """Writes validated event tables into a dataset; each `write_tables` (or `write_table`) is one atomic
    commit."""

    dataset: Path
    codebook: Codebook
    run_id: str
    metadata: dict[str, str]
    batches: int = 0
    events: int = 0

    def __post_init__(self) -> None:
        try:
            (self.dataset / EVENTS_DIR).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot write to {self.dataset}: {error.strerror or error}") from error
        if not os.access(self.dataset, os.W_OK):
            raise OutputError(f"cannot write to {self.dataset}: permission denied")
        with commit_lock(self.dataset, shared=False):
            recover(self.dataset)
        vacuum(self.dataset)

    @cached_property
    def schema(self) -> pandera.DataFrameSchema:
        """The event table model, built once per run when a batch needs it (see `eventcoder.validate`)."""
        from eventcoder.validate import event_table_schema

        return event_table_schema(self.codebook)

    @cached_property
    def _earlier_files(self) -> bool:
        """Whether the dataset holds event files of other runs, whose events of re-coded articles a commit
        must drop. Asked once per run: under the write lock only this run adds files, and every file it
        adds (a rewrite too) carries its run id, so a dataset without such files at the first commit has
        none at the last, and its batches need not list and scan the partitions again."""
        return any(f"-{self.run_id}-" not in path.name for path in event_files(self.dataset))

    def _stage(self) -> Path:
        staging = self.dataset / "_staging" / f"{self.run_id}-{self.batches:05d}"
        staging.mkdir(parents=True, exist_ok=True)
        return staging

    def check(self, table: pa.Table) -> CheckedTable:
        """Sort a coded table in SORT_KEYS order (when it is not) and check it against the event table model;
        raises InvalidRecordsError, naming the failures, for records failing the model. A run checks each
        coded batch as it arrives and commits several checked tables at once (`write_tables`).

        A batch coded in one process comes sorted (`batch.py`), and is kept once `is_sorted` finds it in order
        (`in_order`). A batch a process pool coded is its chunks, each sorted, one after another, and seldom in
        order as a whole (none of news25k's): it is sorted."""
        from eventcoder.validate import require_valid, rules_hold  # the write path only

        if len(table) and not in_order(table):
            table = sort_table(table)
        if not rules_hold(table, self.codebook):  # the model (and pandera) is loaded only for a suspect batch
            require_valid(table, self.codebook, self.schema)
        return CheckedTable(table)

    def write_table(self, table: pa.Table, article_ids: Iterable[str]) -> int:
        """Check one table (`check`) and commit it (`write_tables`)."""
        return self.write_tables([self.check(table)], article_ids)

    def write_tables(self, tables: Sequence[CheckedTable], article_ids: Iterable[str], *,
                     write_files: Callable[[Sequence[StagedFile]], None] = write_staged) -> int:
        """Commit checked tables in one atomic step, one file per month partition they touch: their records go
        in, and any events that earlier runs wrote for the same articles go out (re-coding replaces, never
        duplicates). A partition's file holds each table's rows of that month, table after table (each
        table's rows in SORT_KEYS order). Returns the number of records committed. `write_files` writes the
        partition files into the staging folder (in this process by default; an idle process pool can share
        them out: `parallel.PoolCoder.write_staged`).

        Raises OutputError when the files cannot be written (disk full, permission denied): the commit's
        staging folder is removed and the dataset stays as of its last commit.
        """
        staging = self.dataset / "_staging" / f"{self.run_id}-{self.batches:05d}"
        try:
            self._commit([checked.table for checked in tables], article_ids, write_files)
        except OSError as error:
            shutil.rmtree(staging, ignore_errors=True)
            _remove_if_empty(staging.parent)
            raise OutputError(f"cannot write to dataset {self.dataset}: {error.strerror or error}") from error
        written = sum(len(checked.table) for checked in tables)
        self.batches += 1
        self.events += written
        return written

    def _commit(self, tables: Sequence[pa.Table], article_ids: Iterable[str],
                write_files: Callable[[Sequence[StagedFile]], None]) -> None:
        staging = self._stage()
        name = f"part-{self.run_id}-{self.batches:05d}.parquet"
        by_partition: dict[str, list[Slice]] = defaultdict(list)
        for table in tables:
            for partition, start, length in _month_slices(table):
                by_partition[partition].append((table, start, length))
        files = [self._staged(tuple(parts), staging, f"{EVENTS_DIR}/{partition}/{name}")
                 for partition, parts in sorted(by_partition.items())]
        write_files(files)
        moves = [file.move for file in files]
        removals: list[str] = []
        earlier = article_rows(self.dataset, set(article_ids), self.run_id) if self._earlier_files else iter(())
        for old, rows in earlier:
            import pyarrow.parquet as pq  # only for a commit that supersedes earlier runs' rows (see `_write_file`)

            kept = without_rows(pq.ParquetFile(old).read(), rows)
            removals.append(str(old.relative_to(self.dataset)))
            if len(kept):
                target = old.with_name(f"{old.stem}-r{self.run_id}-{self.batches:05d}.parquet")
                rewritten = self._staged(((kept, 0, len(kept)),), staging, str(target.relative_to(self.dataset)),
                                         LASTING_FILE_OPTIONS)
                write_staged([rewritten])
                moves.append(rewritten.move)
        with commit_lock(self.dataset, shared=False):
            atomic_write_bytes(staging / JOURNAL, json.dumps({"moves": moves, "remove": removals}).encode())
            apply_journal(self.dataset, staging, seen_by_readers=False)
        vacuum(self.dataset)

    def compact(self) -> int:
        """Merge this run's batch files into one file in each partition where it wrote more than
        FILES_PER_PARTITION of them (fewer are not worth reading and writing again), in one atomic commit
        (the journal of `write_tables`: readers see the batch files or the merged ones, never both or
        neither; a crash before the journal leaves the batch files, after it the next writer finishes the
        moves). Row groups hold ROW_GROUP_ROWS rows. Then, as a run's last step, the retired files are
        deleted if readers let go of them within VACUUM_GRACE_SECONDS (else the next writer deletes them).
        Returns the number of partitions the run wrote."""
        # Not a regular expression with the run id in it: `generated_code` keeps every pattern compiled in a
        # process in the cache for the next start, so each run would add one to the file every start reads.
        prefix = f"part-{self.run_id}-"
        by_partition: dict[Path, list[Path]] = defaultdict(list)
        for path in event_files(self.dataset):
            if _numbered(path.name, prefix):
                by_partition[path.parent].append(path)
        merging = {part: files for part, files in by_partition.items() if len(files) > FILES_PER_PARTITION}
        if merging:
            self._merge(merging)
        vacuum(self.dataset, wait_seconds=VACUUM_GRACE_SECONDS)
        return len(by_partition)

    def _merge(self, merging: dict[Path, list[Path]]) -> None:
        """Replace each partition's batch files by their merged file, all partitions in one commit."""
        staging = self.dataset / "_staging" / f"{self.run_id}-compact"
        staging.mkdir(parents=True, exist_ok=True)
        moves: list[dict[str, str]] = []
        removals: list[str] = []
        try:
            for partition, files in sorted(merging.items()):
                target = str((partition / f"part-{self.run_id}-{COMPACTED}.parquet").relative_to(self.dataset))
                staged = staging / target.replace("/", "_")
                self._merge_files(files, staged)
                moves.append({"from": str(staged.relative_to(self.dataset)), "to": target})
                removals += [str(file.relative_to(self.dataset)) for file in files]
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        with commit_lock(self.dataset, shared=False):
            atomic_write_bytes(staging / JOURNAL, json.dumps({"moves": moves, "remove": removals}).encode())
            apply_journal(self.dataset, staging, seen_by_readers=False)

    def _merge_files(self, files: Sequence[Path], path: Path) -> None:
        """Copy the rows of `files`, in order, into one Parquet file, holding one row group at a time."""
        import pyarrow.parquet as pq  # only for a run that wrote many files to a partition (see `_write_file`)

        schema = EVENT_SCHEMA.with_metadata({k.encode(): v.encode() for k, v in self.metadata.items()})
        pending: list[pa.Table] = []
        rows = 0
        with pq.ParquetWriter(path, schema, **LASTING_FILE_OPTIONS) as sink:
            for file in files:
                table = pq.ParquetFile(file).read(use_threads=False).replace_schema_metadata(schema.metadata)
                pending.append(table)
                rows += len(table)
                if rows >= ROW_GROUP_ROWS:
                    sink.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)
                    pending, rows = [], 0
            if pending:
                sink.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)

    def _staged(self, parts: tuple[Slice, ...], staging: Path, target: str,
                options: dict[str, Any] | None = None) -> StagedFile:
        """The file of the rows of `parts`, one after another, with the run's metadata, to write into `staging`
        and move to `target`; `options` by default by its rows (SMALL_FILE_ROWS)."""
        first = parts[0][0].schema.metadata or {}  # the schema of a table of slices is its first table's
        metadata = {**first, **{k.encode(): v.encode() for k, v in self.metadata.items()}}
        staged = staging / target.replace("/", "_")
        move = {"from": str(staged.relative_to(self.dataset)), "to": target}
        if options is None:
            options = SMALL_FILE_OPTIONS if slices_rows(parts) < SMALL_FILE_ROWS else LASTING_FILE_OPTIONS
        return StagedFile(parts, metadata, staged, options, move)


def read_events(dataset: Path) -> Iterator[tuple[Path, pa.Table]]:
    """Yield (file, table) for every event file, reading each with its own stored schema."""
    import pyarrow.parquet as pq  # not at module level: see `_write_file`

    for path in event_files(dataset):
        yield path, pq.read_table(path, partitioning=None)


def files_with_articles(dataset: Path, article_ids: set[str], exclude_run: str) -> list[Path]:
    """Files from earlier runs holding events of any of the given articles (to be superseded)."""
    return [path for path, _ in article_rows(dataset, article_ids, exclude_run)]


def article_rows(dataset: Path, article_ids: set[str], exclude_run: str) -> Iterator[tuple[Path, list[bool]]]:
    """(file, which of its rows belong to any of `article_ids`) for each file of an earlier run that holds
    such rows. Only the article_id column is read, dictionary-encoded, so each distinct id of a row group is
    looked up once (a Python set lookup: pyarrow.compute, which `is_in` needs, costs 0.06 s to import)."""
    if not article_ids:
        return
    import pyarrow.parquet as pq  # not at module level: see `_write_file`

    for path in event_files(dataset):
        if f"-{exclude_run}-" in path.name:
            continue
        column = pq.ParquetFile(path, read_dictionary=["article_id"]).read(columns=["article_id"]).column(0)
        rows: list[bool] = []
        for chunk in column.chunks:
            hits = [value in article_ids for value in chunk.dictionary.to_pylist()]
            if any(hits):
                rows += [index is not None and hits[index] for index in chunk.indices.to_pylist()]
            else:
                rows += [False] * len(chunk)
        if any(rows):
            yield path, rows


def without_rows(table: pa.Table, drop: Sequence[bool]) -> pa.Table:
    """`table` without the rows `drop` flags, built from slices of it (`Table.filter` imports pyarrow.compute)."""
    kept: list[pa.Table] = []
    start = 0
    for dropped, run in itertools.groupby(drop):
        size = sum(1 for _ in run)
        if not dropped:
            kept.append(table.slice(start, size))
        start += size
    return pa.concat_tables(kept) if kept else table.slice(0, 0)


LABEL_TABLES = ("cameo_codes", "categories", "actor_roles")

LABELS_FORMAT = 1
"""Raised whenever `label_tables` changes what a label table holds, so that tables written before are rewritten."""

_LABELS_STAMP = b"eventcoder.labels"  # the Parquet metadata key of a label table's `labels_stamp`


def labels_stamp(codebook: Codebook) -> str:
    """What a label table is made from: the label format and the codebook's fingerprint (a hash of its validated
    content, codes, categories and roles included)."""
    return f"{LABELS_FORMAT} {codebook.fingerprint}"


def write_labels(dataset: Path, codebook: Codebook) -> None:
    """Write the label tables (codes, categories, roles) that the DuckDB views join against, each atomically.
    A table whose file holds this codebook's `labels_stamp` already is left as it is: a run with the codebook
    of the run before writes none (building and writing them cost three fsyncs on every run)."""
    stamp = labels_stamp(codebook)
    folder = dataset / "_labels"
    stale = [name for name in LABEL_TABLES if _stamp_of(folder / f"{name}.parquet") != stamp]
    if not stale:
        return
    tables = label_tables(codebook)
    for name in stale:
        table = tables[name].replace_schema_metadata({_LABELS_STAMP: stamp.encode()})
        sink = pa.BufferOutputStream()
        _write_file(table, sink, {"compression": "zstd"})  # far fewer rows than a row group holds: one, as before
        atomic_write_bytes(folder / f"{name}.parquet", sink.getvalue().to_pybytes())


def _stamp_of(path: Path) -> str | None:
    """The `labels_stamp` a label table was written with (None: no file, no stamp, or not Parquet)."""
    from pyarrow._parquet import ParquetReader  # the file's footer, as `pyarrow.parquet.read_schema` reads it

    reader = ParquetReader()
    try:
        reader.open(str(path), pre_buffer=False)
        try:
            metadata = reader.schema_arrow.metadata or {}
        finally:
            reader.close()
    except (OSError, pa.ArrowException):
        return None
    stamp = metadata.get(_LABELS_STAMP)
    return stamp.decode() if stamp is not None else None


def label_tables(codebook: Codebook) -> dict[str, pa.Table]:
    """The label tables of a codebook, by name (`LABEL_TABLES`)."""
    codes = list(codebook.event_codes.values())
    return {
        "cameo_codes": pa.table(
            {
                "code": [c.code for c in codes],
                "root": [c.root for c in codes],
                "level": pa.array([c.level for c in codes], type=pa.int8()),
                "name": [c.name for c in codes],
                "description": [c.description for c in codes],
                "goldstein": pa.array([c.goldstein for c in codes], type=pa.float64()),
                "quad_class": pa.array([c.quad_class for c in codes], type=pa.int8()),
                "plover_event": [c.plover_event for c in codes],
                "plover_mode": [c.plover_mode for c in codes],
                "plover_context": [c.plover_context for c in codes],
                "acled_disorder_type": [c.acled_disorder_type for c in codes],
                "acled_event_type": [c.acled_event_type for c in codes],
                "acled_sub_event_type": [c.acled_sub_event_type for c in codes],
                "category": [c.category for c in codes],
            }
        ),
        "categories": pa.table(
            {
                "id": [c.id for c in codebook.categories.values()],
                "name": [c.name for c in codebook.categories.values()],
                "description": [c.description for c in codebook.categories.values()],
                "assigned_by": [c.assigned_by for c in codebook.categories.values()],
                "codes": [",".join(c.codes) for c in codebook.categories.values()],
            }
        ),
        "actor_roles": pa.table(
            {
                "code": [r.code for r in codebook.roles.values()],
                "name": [r.name for r in codebook.roles.values()],
                "description": [r.description for r in codebook.roles.values()],
                "primary": pa.array([r.primary for r in codebook.roles.values()], type=pa.bool_()),
            }
        ),
    }


def list_runs(dataset: Path) -> list[dict[str, Any]]:
    """The run manifests of a dataset, oldest first."""
    require_dataset(dataset)
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted((dataset / "_runs").glob("*.json"))]
