"""Reading articles from .txt files (with optional `NAME.meta.json` sidecars), JSONL/NDJSON, CSV, Parquet,
directories of those, and JSONL on stdin.

`read_articles` streams `Article`s and, for every record that cannot become one, a `Rejected` saying why.
A bad record never stops the reading and is never dropped silently; only a problem with a whole input
(missing, unsupported, unreadable) raises `InputError`.

Conventions every reader follows:

- Files are read as bytes and decoded line by line as strict UTF-8; a UTF-8 byte order mark at the start
  of a file is skipped. Byte positions in "not valid UTF-8 at byte N" are 1-based and count the raw bytes
  of the line (of the file, for a .txt).
- Text is kept as given (offsets matter downstream) except that `\\r\\n` becomes `\\n` and trailing
  newlines are removed.
- A field that is absent, JSON `null`, or an empty / whitespace-only string counts as absent.
- The first good record with a given id wins; later ones are rejected as duplicates.
- Invalid Unicode: JSON may spell lone surrogates (`"\\ud800"`), which no file can hold. Every lone
  surrogate in a field is replaced by U+FFFD when the record is read, and the article counts the
  replacements (`Article.replaced_characters`, summed in the run summary); nothing downstream sees one.
- A column mapping (`columns`, `--columns text=content,id=doc_id` on the command line) names the
  input's key or column for any of the record fields of JSONL, CSV and Parquet records; the mapped column
  replaces a column that has the field's own name.
- Parquet values that are dates or timestamps are read as ISO dates; other non-string values of a known
  field are rejected (`bad-field`), as in JSON.
- Every rejection carries a stable reason code (`REASON_CODES`); an unexpected exception while reading a
  record rejects that record with code `reader-error`, the exception type, message and place, and
  reading goes on.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path
from typing import BinaryIO, TextIO

from eventcoder.errors import InputError, exception_origin

STDIN = "-"
"""The input name that means JSONL on stdin."""

RECORD_LIMIT = 2000
"""Longest raw record (in characters) kept in a `Rejected`."""

_TXT = frozenset({".txt"})
_JSONL = frozenset({".jsonl", ".ndjson"})
_CSV = frozenset({".csv"})
_PARQUET = frozenset({".parquet"})
_SUPPORTED = _TXT | _JSONL | _CSV | _PARQUET
PARQUET_ROWS = 1000
"""Rows read from a Parquet input at a time."""
_SIDECAR_SUFFIX = ".meta.json"
_STDIN_NAME = "<stdin>"

_RECORD_FIELDS = ("id", "title", "text", "date", "published", "source", "url", "language")
RECORD_FIELDS = _RECORD_FIELDS
"""The fields of an input record (JSONL key, CSV or Parquet column) that `code` reads."""
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

REASON_CODES: dict[str, str] = {
    "not-utf8": "the bytes of the record are not valid UTF-8",
    "bad-json": "the line is not valid JSON",
    "not-object": "the JSON value is not an object",
    "bad-field": "a known field is not a string",
    "no-text": "the record has no text",
    "bad-date": "the date is not an ISO 8601 date",
    "no-date": "the record has no date and no --date-default was given",
    "duplicate-id": "an earlier record has the same id",
    "bad-csv": "the CSV row or header is malformed",
    "bad-sidecar": "the .meta.json sidecar of a .txt file is unusable",
    "reader-error": "an unexpected exception while reading the record",
    "coder-error": "an unexpected exception while coding the article",
    "invalid-events": "the events coded from the article fail the event table model",
}
"""Stable reason codes of quarantined records and what each means (also in docs/datasets.md)."""
_SIDECAR_FIELDS = ("id", "published", "date", "source", "url", "language")


@dataclass(frozen=True, slots=True)
class Article:
    """One article to code. `text` is the body without the title; `origin` says where it came from."""

    id: str
    title: str | None
    text: str
    date: dt.date
    publisher: str | None
    url: str | None
    language: str | None
    origin: str
    replaced_characters: int = 0  # lone surrogates replaced by U+FFFD when the record was read

    def __reduce__(self) -> tuple[type[Article], tuple[object, ...]]:
        """Pickled as a call of the class with its fields (a process pool pickles every article it codes): a
        frozen slotted dataclass pickles its state, on both sides, through a Python loop over
        `dataclasses.fields`. News25k's 998 articles in 31 chunks, callgrind: pickled 39.9 -> 20.9 M
        instructions (in the parent), unpickled 36.5 -> 21.8 M (in the workers)."""
        return Article, _ARTICLE_FIELDS(self)


_ARTICLE_FIELDS = attrgetter(*(field.name for field in fields(Article)))


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record that could not be read or coded: where it is, why (a message and a stable code from
    `REASON_CODES`), the raw record (truncated) and, for an unexpected exception, its type and place."""

    file: str
    line: int | None
    reason: str
    record: str
    code: str
    error_type: str | None = None
    error_at: str | None = None


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a record sits and what it looked like, so any stage can reject it with a reason."""

    file: str
    line: int | None
    record: str

    @property
    def origin(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def reject(self, reason: str, code: str) -> Rejected:
        return Rejected(file=self.file, line=self.line, reason=reason, record=self.record[:RECORD_LIMIT], code=code)

    def fail(self, error: Exception) -> Rejected:
        """Reject the record because reading it raised `error` (a bug or an input nobody foresaw)."""
        return Rejected(
            file=self.file,
            line=self.line,
            reason=f"{type(error).__name__}: {without_surrogates(str(error))[0]}",
            record=self.record[:RECORD_LIMIT],
            code="reader-error",
            error_type=type(error).__name__,
            error_at=exception_origin(error),
        )


def without_surrogates(text: str) -> tuple[str, int]:
    """`text` with every lone surrogate replaced by U+FFFD, and how many were replaced.

    A string holds a surrogate exactly when strict UTF-8 cannot encode it, and an ASCII one (which CPython
    flags, so `isascii` reads no character) holds none: searching news25k's texts with the pattern took 12 ms,
    encoding them 2.5 ms, and testing them for ASCII (all of them are) 0.1 ms."""
    if text.isascii():
        return text, 0
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.subn("\ufffd", text)
    return text, 0


def rejected_article(article: Article, code: str, *, error: Exception | None = None, reason: str = "") -> Rejected:
    """Quarantine an article that was read but could not be coded or written: where it came from, why
    (`reason`, or the exception's type and message) and, for an exception, where it was raised."""
    file, _, line = article.origin.rpartition(":")
    located = (file, int(line)) if file and line.isdigit() else (article.origin, None)
    if error is not None:
        reason = f"{type(error).__name__}: {without_surrogates(str(error))[0]}"
    return Rejected(
        file=located[0],
        line=located[1],
        reason=reason,
        record=json.dumps({"id": article.id, "title": article.title, "text": article.text[:RECORD_LIMIT]}),
        code=code,
        error_type=type(error).__name__ if error is not None else None,
        error_at=exception_origin(error) if error is not None else None,
    )


def check_inputs(inputs: Sequence[str]) -> None:
    """Raise `InputError` for the first input that is missing, unsupported, or a repeated `-`.

    Call it before reading anything so a typo fails fast instead of after hours of coding.
    """
    stdin_seen = False
    for name in inputs:
        if name == STDIN:
            if stdin_seen:
                raise InputError("stdin ('-') can be given only once")
            stdin_seen = True
            continue
        path = Path(name)
        if not path.exists():
            raise InputError(f"input path does not exist: {name}")
        if not path.is_dir() and path.suffix.lower() not in _SUPPORTED:
            raise InputError(
                f"unsupported input file: {name}; use .txt, .jsonl, .ndjson, .csv or .parquet files, "
                "a directory, or - for JSONL on stdin"
            )


def read_articles(
    inputs: Sequence[str],
    *,
    date_default: dt.date | None = None,
    stdin: TextIO | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Article | Rejected]:
    """Stream the articles of every input in order, with a `Rejected` for each record that is unusable.

    Inputs are checked (`check_inputs`) when this is called, before anything is read. `date_default` is
    the publication date of records that have none; `stdin` (default `sys.stdin`) is read for `-`;
    `columns` maps record fields to the input's own key or column names (`{"text": "content"}`; see
    `check_columns`). Raises `InputError` while iterating only if a whole file or directory becomes
    unreadable.
    """
    check_inputs(inputs)
    mapping = check_columns(columns or {})
    run = _Run(date_default=date_default, first_seen={}, columns=mapping)
    return _read_all(inputs, run, stdin if stdin is not None else sys.stdin)


def check_columns(columns: Mapping[str, str]) -> dict[str, str]:
    """The column mapping, checked: every key a record field, every input name given once and not empty.
    Raises `InputError` otherwise."""
    unknown = sorted(set(columns) - set(_RECORD_FIELDS))
    if unknown:
        raise InputError(f"unknown field(s) in the column mapping: {', '.join(unknown)}; "
                         f"the fields are {', '.join(_RECORD_FIELDS)}")
    names = [name.strip() for name in columns.values()]
    if not all(names):
        raise InputError("the column mapping names an empty column")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise InputError(f"the column mapping reads more than one field from {', '.join(repeated)}")
    return {field: name.strip() for field, name in columns.items()}


@dataclass(frozen=True, slots=True)
class _Run:
    """What one `read_articles` call shares across its inputs: the default date and the ids seen so far."""

    date_default: dt.date | None
    first_seen: dict[str, str]
    columns: dict[str, str]

    def fields(self, record: Mapping[str, object]) -> Mapping[str, object]:
        """The record under the field names, through the column mapping."""
        if not self.columns:
            return record
        fields = {key: value for key, value in record.items() if key not in self.columns}
        for field, name in self.columns.items():
            if name in record:
                fields[field] = record[name]
        return fields


def _read_all(inputs: Sequence[str], run: _Run, stdin: TextIO) -> Iterator[Article | Rejected]:
    for name in inputs:
        if name == STDIN:
            yield from _read_jsonl_lines(_stdin_lines(stdin), _STDIN_NAME, run)
            continue
        path = Path(name)
        try:
            files = _walk(path) if path.is_dir() else [name]
        except OSError as error:
            raise InputError(f"cannot read input directory {error.filename or name}: {error.strerror}") from error
        for file in files:
            yield from _read_file(file, run)


def _walk(root: Path) -> list[str]:
    """Article files under `root`, recursively, sorted by path components (so `a/x` precedes `a-b`)."""
    found: list[tuple[tuple[str, ...], str]] = []
    for directory, _, names in os.walk(root, onerror=_raise):
        for filename in names:
            if Path(filename).suffix.lower() in _SUPPORTED:
                full = os.path.join(directory, filename)
                found.append((Path(os.path.relpath(full, root)).parts, full))
    return [full for _, full in sorted(found)]


def _raise(error: OSError) -> None:
    raise error


def _read_file(file: str, run: _Run) -> Iterator[Article | Rejected]:
    suffix = Path(file).suffix.lower()
    try:
        if suffix in _TXT:
            yield _read_txt(file, run)
        elif suffix in _JSONL:
            with open(file, "rb") as handle:
                yield from _read_jsonl_lines(handle, file, run)
        elif suffix in _PARQUET:
            yield from _read_parquet(file, run)
        else:
            with open(file, "rb") as handle:
                yield from _read_csv(handle, file, run)
    except OSError as error:
        raise InputError(f"cannot read input {file}: {error.strerror or error}") from error


def _stdin_lines(stdin: TextIO) -> Iterator[bytes]:
    """Raw lines of stdin: from its byte buffer when it has one, else re-encoded from text."""
    buffer: BinaryIO | None = getattr(stdin, "buffer", None)
    if buffer is not None:
        yield from buffer
        return
    for line in stdin:
        # surrogatepass keeps lone surrogates (undecodable bytes) visible to the strict decoder below.
        yield line.encode("utf-8", "surrogatepass")


def _decode_line(raw: bytes | memoryview, *, offset: int = 0) -> str | UnicodeDecodeError:
    try:
        return str(raw, "utf-8")
    except UnicodeDecodeError as error:
        error.start += offset
        return error


def _bad_utf8(error: UnicodeDecodeError) -> str:
    return f"not valid UTF-8 at byte {error.start + 1}"


def _show(raw: bytes) -> str:
    """Raw bytes as readable text for a `Rejected` record, with undecodable bytes escaped."""
    return raw.decode("utf-8", "backslashreplace").rstrip("\r\n")


def _strip_bom(raw: bytes) -> tuple[bytes, int]:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):], len(codecs.BOM_UTF8)
    return raw, 0


def _read_jsonl_lines(lines: Iterable[bytes], file: str, run: _Run) -> Iterator[Article | Rejected]:
    """The records of JSON lines. Nothing of a line but its record is held while the record is coded: the
    line's bytes and its text, decoded and without its terminator (25 MB beside the article's own 10 MB for a
    5 MB article that is not ASCII), are let go of before it is handed on. Hence no `enumerate`, which holds its
    last item."""
    number = 0
    for raw in lines:
        number += 1  # noqa: SIM113 - `enumerate` would hold the line until the next one is read
        item = _jsonl_record(raw, number, file, run)
        del raw
        if item is not None:
            yield item


def _jsonl_record(raw: bytes, number: int, file: str, run: _Run) -> Article | Rejected | None:
    """The record of one JSON line (None for a blank line)."""
    body, offset = _strip_bom(raw) if number == 1 else (raw, 0)
    # the line without its terminator, decoded from a view of its bytes: a text cut from the decoded line would
    # be a third copy of it while JSON reads it (10 MB for a 5 MB line that is not ASCII)
    end = len(body) - body.endswith(b"\n")
    end -= body.endswith(b"\r", 0, end)
    line = _decode_line(memoryview(body)[:end] if end < len(body) else body, offset=offset)
    if isinstance(line, UnicodeDecodeError):
        return _Where(file, number, _show(body)).reject(_bad_utf8(line), "not-utf8")
    if not line.strip():
        return None
    where = _Where(file, number, line)
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        return where.reject(f"invalid JSON: {error.msg} at column {error.colno}", "bad-json")
    except RecursionError:
        return where.reject("invalid JSON: nested too deeply", "bad-json")
    if not isinstance(value, dict):
        return where.reject(f"expected a JSON object, got {_json_type(value)}", "not-object")
    return _guarded_build(run.fields(value), where, run)


class _CsvLines:
    """Feeds decoded physical lines to `csv.reader` while remembering the raw lines of the current record
    and the first UTF-8 error among them, so each record can be located and rejected precisely."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._number = 0
        self._raw: list[bytes] = []
        self._first_line = 1
        self._error: UnicodeDecodeError | None = None

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        raw = self._handle.readline()
        if not raw:
            raise StopIteration
        self._number += 1
        body, offset = _strip_bom(raw) if self._number == 1 else (raw, 0)
        self._raw.append(body)
        decoded = _decode_line(body, offset=offset)
        if isinstance(decoded, str):
            return decoded
        if self._error is None:
            self._error = decoded
        # Keep the csv parser in step with the file; the record is rejected once it is complete.
        return body.decode("utf-8", "surrogateescape")

    def take(self) -> tuple[int, str, UnicodeDecodeError | None]:
        """The first line number, raw text and first UTF-8 error of the record just parsed; then reset."""
        taken = (self._first_line, _show(b"".join(self._raw)), self._error)
        self._first_line = self._number + 1
        self._raw = []
        self._error = None
        return taken


def _read_parquet(file: str, run: _Run) -> Iterator[Article | Rejected]:
    """The rows of a Parquet file as records (line numbers are row numbers, from 1)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        source = pq.ParquetFile(file)
    except pa.ArrowInvalid as error:
        raise InputError(f"cannot read input {file}: not a readable Parquet file ({error})") from error
    text_column = run.columns.get("text", "text")
    if text_column not in source.schema_arrow.names:
        raise InputError(f"Parquet input {file} has no '{text_column}' column (columns: "
                         f"{', '.join(source.schema_arrow.names)}); map one with --columns text=NAME")
    number = 0
    for batch in source.iter_batches(batch_size=PARQUET_ROWS):
        for row in batch.to_pylist():
            number += 1
            record = {key: _parquet_value(value) for key, value in row.items()}
            where = _Where(file, number, json.dumps(record, ensure_ascii=False, default=str))
            yield _guarded_build(run.fields(record), where, run)


def _parquet_value(value: object) -> object:
    """A Parquet date or timestamp as an ISO date; anything else as it is."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _read_csv(handle: BinaryIO, file: str, run: _Run) -> Iterator[Article | Rejected]:
    lines = _CsvLines(handle)
    reader = csv.reader(lines)
    header: list[str] | None = None
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line, record, _ = lines.take()
            yield _Where(file, line, record).reject(f"invalid CSV: {error}", "bad-csv")
            continue
        line, record, utf8_error = lines.take()
        where = _Where(file, line, record)
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [name.strip() for name in row]
            if utf8_error is not None:
                yield where.reject(f"CSV header: {_bad_utf8(utf8_error)}", "not-utf8")
            elif run.columns.get("text", "text") not in header:
                column = run.columns.get("text", "text")
                reason = f"CSV header has no '{column}' column (a header row naming the columns is required)"
                yield where.reject(reason, "bad-csv")
            continue
        if utf8_error is not None:
            yield where.reject(_bad_utf8(utf8_error), "not-utf8")
        elif len(row) != len(header):
            yield where.reject(f"row has {len(row)} fields but the header has {len(header)}", "bad-csv")
        else:
            yield _guarded_build(run.fields(dict(zip(header, row, strict=True))), where, run)


def _read_txt(file: str, run: _Run) -> Article | Rejected:
    raw = Path(file).read_bytes()
    data, offset = _strip_bom(raw)
    decoded = _decode_line(data, offset=offset)
    if isinstance(decoded, UnicodeDecodeError):
        return _Where(file, None, _show(data)).reject(_bad_utf8(decoded), "not-utf8")
    content = decoded.replace("\r\n", "\n")
    where = _Where(file, None, content)
    title, body = _split_title(content)
    if title is None:
        return where.reject("file has no text", "no-text")
    if not body.strip():
        return where.reject("no text after the title line", "no-text")
    sidecar = _read_sidecar(Path(file))
    if isinstance(sidecar, str):
        return where.reject(sidecar, "bad-sidecar")
    return _guarded_build({**sidecar, "title": title, "text": body}, where, run)


def _split_title(content: str) -> tuple[str | None, str]:
    """The first non-blank line (stripped) and everything after it, or (None, "") for a blank text."""
    start = 0
    while start < len(content):
        end = content.find("\n", start)
        if end == -1:
            end = len(content)
        line = content[start:end]
        if line.strip():
            return line.strip(), content[end + 1:]
        start = end + 1
    return None, ""


def _read_sidecar(txt: Path) -> dict[str, object] | str:
    """The metadata fields of the sidecar next to `txt` (empty if there is none), or why it is unusable."""
    path = txt.with_name(txt.name[: -len(txt.suffix)] + _SIDECAR_SUFFIX)
    if not path.is_file():
        return {}
    prefix = f"sidecar {path}"
    raw, offset = _strip_bom(path.read_bytes())
    decoded = _decode_line(raw, offset=offset)
    if isinstance(decoded, UnicodeDecodeError):
        return f"{prefix}: {_bad_utf8(decoded)}"
    try:
        value = json.loads(decoded)
    except json.JSONDecodeError as error:
        return f"{prefix}: invalid JSON: {error.msg} at line {error.lineno} column {error.colno}"
    except RecursionError:
        return f"{prefix}: invalid JSON: nested too deeply"
    if not isinstance(value, dict):
        return f"{prefix}: expected a JSON object, got {_json_type(value)}"
    fields = {key: value[key] for key in _SIDECAR_FIELDS if key in value}
    problem = _type_problem(fields)
    return f"{prefix}: {problem}" if problem else fields


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _type_problem(fields: Mapping[str, object]) -> str:
    """Why the known fields are not all strings (or null), or "" when they are."""
    for key in _RECORD_FIELDS:
        value = fields.get(key)
        if value is not None and not isinstance(value, str):
            return f"field '{key}' must be a string, got {_json_type(value)}"
    return ""


def _field(fields: Mapping[str, object], key: str) -> str | None:
    value = fields.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _normalise_text(text: str) -> str:
    """Turn `\\r\\n` into `\\n` and drop trailing newlines; every other character is kept as given."""
    return text.replace("\r\n", "\n").rstrip("\n")


def article_id(title: str | None, text: str) -> str:
    """The id of an article that has none: `a-` and the first 16 hex digits of sha256(title + newline + text)."""
    digest = hashlib.sha256(f"{title or ''}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"a-{digest[:16]}"


def _parse_date(value: str) -> dt.date:
    """The date part of an ISO 8601 date or datetime (timezone allowed); raises ValueError otherwise."""
    return dt.datetime.fromisoformat(value.strip()).date()


def _guarded_build(fields: Mapping[str, object], where: _Where, run: _Run) -> Article | Rejected:
    """Build an article; an exception nobody foresaw rejects this record only, with its type and place."""
    try:
        return _build_article(fields, where, run)
    except Exception as error:  # noqa: BLE001 - quarantined with type, message and place, never hidden
        return where.fail(error)


def _clean_fields(fields: Mapping[str, object]) -> tuple[dict[str, object], int]:
    """The known fields with lone surrogates replaced by U+FFFD, and how many were replaced."""
    cleaned: dict[str, object] = {}
    replaced = 0
    for key in _RECORD_FIELDS:
        if key not in fields:
            continue
        value = fields[key]
        if isinstance(value, str):
            value, count = without_surrogates(value)
            replaced += count
        cleaned[key] = value
    return cleaned, replaced


def _build_article(raw_fields: Mapping[str, object], where: _Where, run: _Run) -> Article | Rejected:
    fields, replaced = _clean_fields(raw_fields)
    problem = _type_problem(fields)
    if problem:
        return where.reject(problem, "bad-field")
    if fields.get("text") is None:
        return where.reject("missing field 'text'", "no-text")
    raw_text = _field(fields, "text")
    if raw_text is None:
        return where.reject("field 'text' is empty", "no-text")
    raw_date = _field(fields, "date") or _field(fields, "published")
    if raw_date is not None:
        try:
            date = _parse_date(raw_date)
        except ValueError:
            return where.reject(f"unparseable date '{raw_date}'; use ISO 8601 such as 2025-11-30", "bad-date")
    elif run.date_default is not None:
        date = run.date_default
    else:
        return where.reject("no date; give one with --date-default", "no-date")
    raw_title = _field(fields, "title")
    title = _normalise_text(raw_title) if raw_title is not None else None
    text = _normalise_text(raw_text)
    identifier = _field(fields, "id") or article_id(title, text)
    earlier = run.first_seen.get(identifier)
    if earlier is not None:
        return where.reject(f"duplicate id '{identifier}' (first seen at {earlier})", "duplicate-id")
    run.first_seen[identifier] = where.origin
    return Article(
        id=identifier,
        title=title,
        text=text,
        date=date,
        publisher=_field(fields, "source"),
        url=_field(fields, "url"),
        language=_field(fields, "language"),
        origin=where.origin,
        replaced_characters=replaced,
    )
