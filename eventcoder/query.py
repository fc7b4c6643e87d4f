"""DuckDB views and named queries over an eventcoder dataset directory.

The view definitions live in `sql/views.sql` and the named queries in `sql/named/*.sql`; this module
fills in where the data comes from, binds query parameters (never pasting them into SQL), and renders
results as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import json
import os
import re
import sys
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import _duckdb  # DuckDB's engine, without the Python layer of the `duckdb` package (see `connect`)

from eventcoder.errors import DatasetError, QueryError
from eventcoder.resources import sql_dir
from eventcoder.snapshot import RETIRED, Snapshot, pinned_snapshot, require_dataset, snapshot

OutputFormat = Literal["table", "csv", "json"]
OUTPUT_FORMATS: tuple[str, ...] = ("table", "csv", "json")

VIEW_NAMES: tuple[str, ...] = (
    "events_all",
    "events",
    "event_reports",
    "events_unique",
    "dyads",
    "actors",
    "country_month",
    "dyad_month",
    "cameo_codes",
    "categories",
    "actor_roles",
)

DEDUP_FAMILIES: tuple[str, ...] = ("base", "root")
"""How much of the CAMEO code two reports of one event share: the 3-digit base code, or the root."""

EVENTS_GLOB = "events/year=*/month=*/*.parquet"

_DUCKDB_TYPES: dict[str, str] = {  # Arrow type name -> DuckDB type
    "string": "VARCHAR",
    "date32[day]": "DATE",
    "int32": "INTEGER",
    "int8": "TINYINT",
    "double": "DOUBLE",
    "bool": "BOOLEAN",
}

LABEL_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "cameo_codes": (
        ("code", "VARCHAR"),
        ("root", "VARCHAR"),
        ("level", "TINYINT"),
        ("name", "VARCHAR"),
        ("description", "VARCHAR"),
        ("goldstein", "DOUBLE"),
        ("quad_class", "TINYINT"),
        ("plover_event", "VARCHAR"),
        ("plover_mode", "VARCHAR"),
        ("plover_context", "VARCHAR"),
        ("acled_disorder_type", "VARCHAR"),
        ("acled_event_type", "VARCHAR"),
        ("acled_sub_event_type", "VARCHAR"),
        ("category", "VARCHAR"),
    ),
    "categories": (
        ("id", "VARCHAR"),
        ("name", "VARCHAR"),
        ("description", "VARCHAR"),
        ("assigned_by", "VARCHAR"),
        ("codes", "VARCHAR"),
    ),
    "actor_roles": (
        ("code", "VARCHAR"),
        ("name", "VARCHAR"),
        ("description", "VARCHAR"),
        ("primary", "BOOLEAN"),
    ),
}
"""Columns and DuckDB types of the `_labels/<name>.parquet` tables, used for empty views when absent."""

PARAM_TYPES: tuple[str, ...] = ("str", "int", "float", "date", "bool")

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_PARAM_REFERENCE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_PARAM_HEADER = re.compile(r"^--\s*param\s+(\w+)\s*:\s*(\w+)\s*=\s*(.+?)\s*$")
_DESCRIPTION_HEADER = re.compile(r"^--\s*description\s*:\s*(.+?)\s*$")
_TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1", "on"})
_FALSE_WORDS = frozenset({"false", "f", "no", "n", "0", "off"})


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The result of a query: column names and rows of Python values."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True, slots=True)
class QueryParam:
    """One typed parameter of a named query, with its default (None for NULL)."""

    name: str
    type: str
    default: Any


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A named query read from `sql/named/<name>.sql` and its parsed header."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    notes: str
    sql: str


def sql_string(text: str) -> str:
    """Quote `text` as a SQL string literal, doubling single quotes."""
    return "'" + text.replace("'", "''") + "'"


def _empty_select(columns: Sequence[tuple[str, str]]) -> str:
    """An empty, typed relation with the given (name, DuckDB type) columns."""
    fields = ", ".join(f'CAST(NULL AS {sql_type}) AS "{name}"' for name, sql_type in columns)
    return f"(SELECT {fields} WHERE FALSE)"


def event_columns() -> tuple[tuple[str, str], ...]:
    """The (name, DuckDB type) columns of the event table, without the partition keys."""
    from eventcoder.records import COLUMNS  # pyarrow and pydantic: only an empty dataset needs the columns here

    return tuple((column.name, _DUCKDB_TYPES[str(column.type)]) for column in COLUMNS)


def _read_events(path_sql: str) -> str:
    return f"read_parquet({path_sql}, hive_partitioning = true, union_by_name = true, filename = true)"


def _unretired(retired_sql: str) -> str:
    """The filter of views that read the partition glob: the files named in the retired list `retired_sql`
    (an SQL string expression) left out. These are files a commit superseded, kept on disk until `vacuum`,
    and the files of a commit being carried out (see `eventcoder.dataset.apply_journal`). A file is matched
    by its last three path parts (year=/month=/name), whatever form of the dataset path DuckDB reports.
    `read_text` returns no rows when the list is absent (nothing retired, or a dataset written before the
    list existed): every file is read then. A filter on the view itself, not a subquery around the scan,
    keeps DuckDB's partition pruning (bench/README.md, "Retired files and glob readers")."""
    return (
        "regexp_extract(replace(filename, '\\', '/'), 'year=[^/]*/month=[^/]*/[^/]*$') NOT IN (\n"
        "    SELECT regexp_extract(path, '^events/(year=[^/]*/month=[^/]*/[^/]*)$', 1)\n"
        "    FROM (SELECT unnest(json_extract_string(content, '$.retired[*]')) AS path\n"
        f"          FROM read_text({retired_sql}))\n"
        ")"
    )


def _path_list(paths: Sequence[Path], base: Path | None = None) -> str:
    return "[" + ", ".join(_sql_path(path, base) for path in paths) + "]"


def _sql_path(path: Path, base: Path | None) -> str:
    """A path as an SQL string: absolute, or relative to `base` (a database file's folder)."""
    absolute = path.resolve()
    return sql_string(absolute.as_posix() if base is None else Path(os.path.relpath(absolute, base)).as_posix())


def dataset_sources(
    dataset_dir: Path, *, live: bool = False, relative_to: Path | None = None, state: Snapshot | None = None
) -> dict[str, str]:
    """Return the relation each source placeholder of `views.sql` stands for in this dataset.

    By default the events are the files of the dataset's last committed state when this is called (a
    snapshot: later runs are not seen until the dataset is opened again). With `live`, the views read
    whatever files match the partition glob when they are queried, less those the retired list names (for
    database files meant to outlive this call; they see a commit that a crash cut short as not made until
    the next writer finishes it, and never send DuckDB to staged files that recovery deletes). Files are
    read with `read_parquet` on their absolute path; absent ones become empty typed relations, so the views
    work (and return zero rows) on an empty dataset. With `relative_to` (a folder),
    paths are written relative to it instead; DuckDB then resolves them against `file_search_path` (or the
    working directory). `state`: the snapshot to read (by default one taken now, whose files a later
    commit may delete unless the caller holds the readers lock, as `connect` does).
    """
    root = dataset_dir.resolve()
    base = relative_to.resolve() if relative_to is not None else None
    sources: dict[str, str] = {}
    if state is None:
        state = snapshot(root)
    if live and state.files:
        sources["events_source"] = _read_events(_sql_path(root / EVENTS_GLOB, base))
        sources["events_filter"] = _unretired(_sql_path(root / RETIRED, base))
        return _label_sources(root, base, sources)
    sources["events_filter"] = "TRUE"  # the snapshot names only committed files
    if state.files and not state.staged:
        sources["events_source"] = _read_events(_path_list(state.files, base))
    elif state.files or state.staged:
        parts = []
        if state.files:
            parts.append(f"SELECT * FROM {_read_events(_path_list(state.files, base))}")
        if state.staged:
            # Files of an interrupted commit still sit in staging, outside their partition folder.
            parts.append(
                "SELECT *, year(event_date) AS year, month(event_date) AS month "
                f"FROM read_parquet({_path_list(state.staged, base)}, union_by_name = true, filename = true)"
            )
        sources["events_source"] = "(" + " UNION ALL BY NAME ".join(parts) + ")"
    else:
        sources["events_source"] = _empty_select(
            (*event_columns(), ("year", "INTEGER"), ("month", "INTEGER"), ("filename", "VARCHAR"))
        )
    return _label_sources(root, base, sources)


def _label_sources(root: Path, base: Path | None, sources: dict[str, str]) -> dict[str, str]:
    """Add the label tables' relations to `sources` (see `dataset_sources`); return it."""
    for label, columns in LABEL_COLUMNS.items():
        path = root / "_labels" / f"{label}.parquet"
        if path.is_file():
            sources[f"{label}_source"] = f"read_parquet({_sql_path(path, base)})"
        else:
            sources[f"{label}_source"] = _empty_select(columns)
    return sources


_DEFINITION = re.compile(r"^CREATE OR REPLACE (?:VIEW|MACRO) (\w+)", re.MULTILINE)
_COMMENT_OR_STRING = re.compile(r"--[^\n]*|'(?:[^']|'')*'")  # a view's own file paths name no view
_WORD = re.compile(r"\w+")
_READS_CATALOG = re.compile(
    r"\b(?:information_schema|pg_catalog|sqlite_master|duckdb_\w+|pragma\w*|show|summarize)\b", re.IGNORECASE
)


def views_for(views: str, sql: str) -> str:
    """The statements of the rendered `views` that `sql` needs: the views and macros it names, and those they
    name in turn, in their order in `views.sql`; all of them when `sql` reads the catalog (SHOW TABLES,
    information_schema, duckdb_views(), ...), where a missing view would show. Creating a view binds its query
    (each view over `events_all` reads the Parquet footers again) and the dedup macros take about 70 M
    instructions to parse, more than a short query costs (bench/README.md, "Start-up, sixth pass"). A word of
    `sql` that only looks like a view name (a column, a string) creates the view for nothing, which is harmless."""
    starts = [match.start() for match in _DEFINITION.finditer(views)]
    statements = {_DEFINITION.match(views, start).group(1): views[start:end]  # type: ignore[union-attr]
                  for start, end in zip(starts, [*starts[1:], len(views)], strict=True)}
    if _READS_CATALOG.search(sql):
        return "".join(statements.values())
    uses = {name: set(_WORD.findall(_COMMENT_OR_STRING.sub("", text))) & statements.keys() - {name}
            for name, text in statements.items()}
    needed: set[str] = set()
    pending = set(_WORD.findall(sql)) & statements.keys()
    while pending:
        name = pending.pop()
        needed.add(name)
        pending |= uses[name] - needed
    return "".join(text for name, text in statements.items() if name in needed)


def render_views(sources: Mapping[str, str]) -> str:
    """Return `views.sql` with every `{{placeholder}}` replaced by its relation from `sources`."""
    template = (sql_dir() / "views.sql").read_text(encoding="utf-8")

    def substitute(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in sources:
            raise QueryError(f"views.sql uses the unknown placeholder '{key}'")
        return sources[key]

    return _PLACEHOLDER.sub(substitute, template)


_PUBLISHED_HEADER = """\
-- eventcoder DuckDB views, for plain DuckDB (no eventcoder needed).
-- Generated by eventcoder.query.render_published_views(); do not edit by hand.
--
-- Usage: set the dataset directory (absolute, or relative to DuckDB's working directory), then run
-- this file:
--
--   SET VARIABLE dataset = '/path/to/DATASET';
--   .read schemas/duckdb/views.sql          -- duckdb CLI; elsewhere execute the file's text
--   SELECT * FROM dyads ORDER BY events DESC LIMIT 10;
--
-- The variable is read when each view is queried, so set it in every session that uses these views
-- (views saved in a database file need it too). The dataset needs at least one events Parquet file
-- (DATASET/events/year=YYYY/month=MM/*.parquet) and the three _labels/*.parquet files, and DuckDB 1.1
-- or later (for getvariable). `eventcoder db DATASET -o FILE.duckdb` writes a database file with these
-- views and the named queries instead: it reads the dataset by its absolute path, or with --relative
-- by its path relative to the database file (open that file from its own folder, or run
-- SET file_search_path = '/folder/of/the/file').
--
-- events_all reads the files under DATASET/events/ less those listed in DATASET/_retired.json: files a
-- commit superseded, which stay on disk until no eventcoder reader reads them, and the files of a commit
-- being made, so a query counts each committed event once. A file deleted between DuckDB's listing and its
-- reading can still fail a query while a run writes the dataset (see docs/datasets.md).

"""


def render_published_views() -> str:
    """Return the view SQL for plain DuckDB users, reading the dataset path from `getvariable('dataset')`."""
    directory = "getvariable('dataset')"
    sources = {
        "events_source": _read_events(f"{directory} || '/{EVENTS_GLOB}'"),
        "events_filter": _unretired(f"{directory} || '/{RETIRED}'"),
    }
    for label in LABEL_COLUMNS:
        sources[f"{label}_source"] = f"read_parquet({directory} || '/_labels/{label}.parquet')"
    # The template's own header describes the placeholders, which the published text no longer has.
    body = render_views(sources).split("\n\n", 1)[1]
    return _PUBLISHED_HEADER + body


if TYPE_CHECKING:
    import duckdb

    _Connection = duckdb.DuckDBPyConnection  # what a DatasetConnection offers, to the type checker
else:
    _Connection = object  # DuckDB's class cannot be subclassed at run time (it has no constructor)


class DatasetConnection(_Connection):
    """A DuckDB connection with the eventcoder views, holding its dataset's readers lock until it is closed.

    It forwards every attribute of the `duckdb.DuckDBPyConnection` it wraps (`execute`, `sql`, `table`,
    `df`, ...). `close()`, leaving a `with` block, or garbage collection closes the connection and releases
    the lock at once. DuckDB functions that take a connection argument (`duckdb.sql(..., connection=...)`)
    want DuckDB's own object: pass `connection`, and close this one when done."""

    __slots__ = ("_con", "_release")

    def __init__(self, con: duckdb.DuckDBPyConnection, release: weakref.finalize[Any, Any]) -> None:
        self._con = con
        self._release = release

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection itself (closing it does not release the lock: close this one)."""
        return self._con

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def close(self) -> None:
        """Close the DuckDB connection and release the readers lock (calling it again does nothing)."""
        try:
            self._con.close()
        finally:
            self._release()

    def __enter__(self) -> DatasetConnection:
        return self

    def __exit__(self, exc_type: object, exc: object, traceback: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<eventcoder DatasetConnection {self._con!r}>"


def connect(
    dataset_dir: str | os.PathLike[str],
    database: str = ":memory:",
    *,
    live: bool = False,
    dedup_window_days: int | None = None,
    dedup_family: str | None = None,
    relative_to: Path | None = None,
    only_for: str | None = None,
    python_api: bool = True,
) -> DatasetConnection:
    """Open a DuckDB connection on `database` with the eventcoder views over `dataset_dir` created (with
    `only_for`, an SQL text, only the views and macros it needs: see `views_for`).

    `python_api`: import the `duckdb` package, whose Python layer adds the relation API (`sql`, `table`,
    `read_parquet`, `from_df`, ...) to DuckDB's connection class. Without it the connection has the engine's own
    methods (`execute`, `fetchall`, `description`, `df`, ...), all that `eventcoder query` uses: importing the
    package, and tearing it down at exit, cost 137 M instructions, 14 % of that command on a one-article dataset.

    Nothing in the dataset is written: the views show its last committed state (see `dataset_sources`
    for `live`). `dedup_window_days` and `dedup_family` set the de-duplication rule of `events_unique`
    (the DuckDB variables of the same names; defaults 0, the one-a-day rule, and 'base'; see
    docs/query.md). `relative_to`: write the views' paths relative to that folder (see `write_database`).
    The connection (a `DatasetConnection`) holds the dataset's readers lock until it is closed (`close()`,
    the end of a `with` block) or garbage-collected, so no writer deletes a file it reads meanwhile.
    Raises `DatasetError` if `dataset_dir` is not a dataset.
    """
    root = Path(dataset_dir)
    require_dataset(root)
    state, readers = pinned_snapshot(root.resolve())
    try:
        views = render_views(dataset_sources(root, live=live, relative_to=relative_to, state=state))
        if only_for is not None:
            views = views_for(views, only_for)
        if python_api:
            importlib.import_module("duckdb")  # for what importing it does to the connection class
        duck = _duckdb.connect(database)
    except BaseException:
        readers.release()
        raise
    # Released by close(), or when DuckDB's object is collected: a cursor or relation taken from the
    # connection may outlive the wrapper and still read the files.
    con = DatasetConnection(duck, weakref.finalize(duck, readers.release))
    try:
        # Each view built on events_all binds its read_parquet again when it is created, and union_by_name reads
        # the footer of every file at each bind: keep the footers for the connection (bench/README.md, "Start-up,
        # third pass").
        con.execute("SET parquet_metadata_cache = true")
        if relative_to is not None:
            con.execute("SET file_search_path = ?", [str(relative_to.resolve())])
        if views:
            con.execute(views)
    except _duckdb.Error as error:
        con.close()
        raise DatasetError(f"cannot read dataset {root}: {error}") from error
    _set_dedup_rule(con, dedup_window_days, dedup_family)
    return con


def _set_dedup_rule(con: duckdb.DuckDBPyConnection, window_days: int | None, family: str | None) -> None:
    """Set the DuckDB variables the de-duplication views read; None leaves the view's default."""
    if window_days is not None:
        if window_days < 0:
            con.close()
            raise QueryError(f"dedup window must be 0 or more days, got {window_days}")
        con.execute("SET VARIABLE dedup_window_days = ?", [window_days])
    if family is not None:
        if family not in DEDUP_FAMILIES:
            con.close()
            raise QueryError(f"dedup family must be one of {', '.join(DEDUP_FAMILIES)}, got '{family}'")
        con.execute("SET VARIABLE dedup_family = ?", [family])


def open_dataset(path: str | os.PathLike[str]) -> DatasetConnection:
    """Open a dataset for analysis: an in-memory DuckDB connection with the eventcoder views (see `connect`)."""
    return connect(path)


def _result(relation: duckdb.DuckDBPyConnection) -> QueryResult:
    if relation.description is None:
        return QueryResult(columns=(), rows=())
    columns = tuple(str(item[0]) for item in relation.description)
    return QueryResult(columns=columns, rows=tuple(tuple(row) for row in relation.fetchall()))


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> QueryResult:
    """Run one SQL statement and return its columns and rows; DuckDB errors become `QueryError`."""
    try:
        return _result(con.execute(sql))
    except _duckdb.Error as error:
        first_line = str(error).strip().splitlines()[0]  # DuckDB adds hints and a caret diagram below
        raise QueryError(first_line) from error


def parse_param_value(query: str, param: QueryParam, text: str) -> Any:
    """Convert the text of a parameter value to the parameter's type, or raise `QueryError`."""
    try:
        if param.type == "str":
            return text
        if param.type == "int":
            return int(text)
        if param.type == "float":
            return float(text)
        if param.type == "date":
            return dt.date.fromisoformat(text)
        lowered = text.strip().lower()
        if lowered in _TRUE_WORDS:
            return True
        if lowered in _FALSE_WORDS:
            return False
        raise ValueError(text)
    except ValueError as error:
        expected = {"date": "an ISO date (YYYY-MM-DD)", "bool": "true or false", "int": "an integer"}
        raise QueryError(
            f"parameter '{param.name}' of query '{query}' must be {expected.get(param.type, 'a ' + param.type)}, "
            f"got '{text}'"
        ) from error


def _parse_default(query: str, name: str, type_name: str, text: str) -> Any:
    if text.upper() == "NULL":
        return None
    if len(text) >= 2 and text[0] == text[-1] == "'":
        text = text[1:-1].replace("''", "'")
    return parse_param_value(query, QueryParam(name, type_name, None), text)


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Parse a named query file: the leading comment header (description, params, notes) and the SQL."""
    description = ""
    params: list[QueryParam] = []
    notes: list[str] = []
    lines = text.splitlines()
    body_start = len(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("--"):
            body_start = index
            break
        if match := _DESCRIPTION_HEADER.match(stripped):
            description = match.group(1)
        elif match := _PARAM_HEADER.match(stripped):
            param_name, type_name, default = match.groups()
            if type_name not in PARAM_TYPES:
                raise QueryError(f"query '{name}': parameter '{param_name}' has unknown type '{type_name}'")
            params.append(QueryParam(param_name, type_name, _parse_default(name, param_name, type_name, default)))
        else:
            notes.append(stripped.removeprefix("--").strip())
    if not description:
        raise QueryError(f"query '{name}' has no '-- description:' header")
    sql = "\n".join(lines[body_start:]).strip().rstrip(";").strip()
    declared = {param.name for param in params}
    undeclared = sorted(set(_PARAM_REFERENCE.findall(sql)) - declared)
    if undeclared:
        raise QueryError(f"query '{name}' uses undeclared parameters: {', '.join(undeclared)}")
    return NamedQuery(name, description, tuple(params), " ".join(note for note in notes if note), sql)


def named_queries() -> list[NamedQuery]:
    """Return every named query shipped with eventcoder, sorted by name."""
    files = sorted((sql_dir() / "named").glob("*.sql"))
    return [parse_named_query(path.stem, path.read_text(encoding="utf-8")) for path in files]


def get_named_query(name: str) -> NamedQuery:
    """Return the named query `name`, or raise `QueryError` listing the known names."""
    queries = {query.name: query for query in named_queries()}
    if name not in queries:
        raise QueryError(f"unknown named query '{name}' (known: {', '.join(sorted(queries))})")
    return queries[name]


def format_named_queries(queries: Sequence[NamedQuery]) -> str:
    """Describe named queries for people: name, description, then each parameter with type and default."""
    lines = []
    for named in queries:
        lines.append(f"{named.name}: {named.description}")
        for param in named.params:
            default = "NULL" if param.default is None else _sql_literal(param.default).strip("'").lower()
            lines.append(f"    --param {param.name}=<{param.type}>  (default: {default})")
    return "\n".join(lines) + "\n"


def bind_params(query: NamedQuery, params: Mapping[str, str]) -> dict[str, Any]:
    """Return the typed value of every parameter of `query`: given text parsed, others their defaults."""
    known = {param.name: param for param in query.params}
    unknown = sorted(set(params) - set(known))
    if unknown:
        accepted = ", ".join(known) or "none"
        raise QueryError(
            f"unknown parameter '{unknown[0]}' for query '{query.name}' (accepted: {accepted})"
        )
    return {
        name: parse_param_value(query.name, param, params[name]) if name in params else param.default
        for name, param in known.items()
    }


def run_named(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, str]) -> QueryResult:
    """Run the named query `name` with `params` (text values, parsed by type) bound by DuckDB."""
    query = get_named_query(name)
    values = bind_params(query, params)
    try:
        return _result(con.execute(query.sql, values))
    except _duckdb.Error as error:
        raise QueryError(f"query '{name}' failed: {error}") from error


def _sql_literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return f"DATE {sql_string(value.isoformat())}"
    return sql_string(str(value))


def macro_sql(query: NamedQuery) -> str:
    """Return a `CREATE MACRO ... AS TABLE` statement for a named query (parameters become macro args)."""
    args = ", ".join(f'"{param.name}" := {_sql_literal(param.default)}' for param in query.params)
    body = _PARAM_REFERENCE.sub(lambda match: f'"{match.group(1)}"', query.sql)
    return f"CREATE OR REPLACE MACRO {query.name}({args}) AS TABLE\n{body};\n"


def write_database(
    dataset_dir: str | os.PathLike[str], out_path: str | os.PathLike[str], *, relative: bool = False
) -> Path:
    """Write a DuckDB database file holding the views and the named queries as table macros; it opens in
    plain DuckDB. The views read the dataset by its absolute path, or with `relative` by its path relative
    to the database file's folder (dataset and database can then move together; DuckDB must be started in
    that folder or given `SET file_search_path = 'FOLDER'`). Replaces `out_path` atomically; returns it."""
    out = Path(out_path)
    partial = out.with_name(out.name + ".partial")
    for leftover in (partial, partial.with_name(partial.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        con = connect(dataset_dir, str(partial), live=True, relative_to=out.parent if relative else None)
        try:
            for query in named_queries():
                con.execute(macro_sql(query))
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(partial, out)
    except _duckdb.Error as error:
        partial.unlink(missing_ok=True)
        raise QueryError(f"cannot write database {out}: {error}") from error
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise QueryError(f"cannot write database {out}: {error}") from error
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, default=_json_default, ensure_ascii=False)
    return str(value)


def _is_decimal(value: Any) -> bool:
    """Whether `value` is a `decimal.Decimal`, without importing `decimal` (its C module: 5.5 M instructions and a
    shared library to load, for a query that has no DECIMAL column): DuckDB imports it to return a DECIMAL value,
    so while it is not imported no value is one."""
    module = sys.modules.get("decimal")
    return module is not None and isinstance(value, module.Decimal)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if _is_decimal(value):
        return float(value)
    return str(value)


def format_result(result: QueryResult, fmt: OutputFormat = "table") -> str:
    """Render a result as an aligned plain-text table, CSV with a header, or a JSON array of objects."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_text(value) for value in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "json":
        records = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        return json.dumps(records, default=_json_default, ensure_ascii=False, indent=2) + "\n"
    if fmt != "table":
        raise QueryError(f"unknown output format '{fmt}' (known: {', '.join(OUTPUT_FORMATS)})")
    cells = [[_text(value) for value in row] for row in result.rows]
    widths = [len(name) for name in result.columns]
    for row in cells:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    numeric = [
        bool(result.rows) and all(
            (isinstance(row[i], int | float) and not isinstance(row[i], bool)) or _is_decimal(row[i])
            for row in result.rows
            if row[i] is not None
        )
        for i in range(len(result.columns))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    lines = [line(result.columns), "  ".join("-" * width for width in widths)]
    lines.extend(line(row) for row in cells)
    return "\n".join(lines) + "\n"
