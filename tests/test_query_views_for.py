"""`eventcoder query` creates only the views and macros its SQL needs (`query.views_for`): every view and
named query answers as with all of them created, and a query that reads the catalog sees every view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder import query
from eventcoder.cli import cli

DEFINED = re.compile(r"CREATE OR REPLACE (VIEW|MACRO) (\w+)")


def _defined(views: str) -> list[str]:
    return [name for _, name in DEFINED.findall(views)]


def _views(dataset: Path) -> str:
    return query.render_views(query.dataset_sources(dataset))


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT count(*) FROM events", ["events_all", "events"]),
        ("SELECT * FROM cameo_codes", ["cameo_codes"]),
        ("SELECT 1", []),
        ('SELECT * FROM "dyads" JOIN actor_roles ON TRUE', ["events_all", "events", "dyads", "actor_roles"]),
        ("SELECT * FROM events_unique", ["events_all", "event_family", "event_clusters", "unique_events",
                                         "events_unique"]),
        ("SELECT * FROM counted_events('events', 3)", ["events_all", "events", "event_family", "event_clusters",
                                                        "unique_events", "counted_events"]),
    ],
)
def test_query_views_for_names_what_the_sql_reads_in_file_order(
    crisis_dataset: Path, sql: str, expected: list[str]
) -> None:
    assert _defined(query.views_for(_views(crisis_dataset), sql)) == expected


@pytest.mark.parametrize(
    "sql", ["SHOW TABLES", "select table_name from information_schema.tables", "SELECT * FROM duckdb_views()",
            "PRAGMA show_tables", "SUMMARIZE events"]
)
def test_query_views_for_catalog_reads_get_every_view(crisis_dataset: Path, sql: str) -> None:
    views = _views(crisis_dataset)
    assert query.views_for(views, sql) == views[views.index("CREATE OR REPLACE") :]
    assert set(query.VIEW_NAMES) <= set(_defined(query.views_for(views, sql)))


def _answer(dataset: Path, sql: str, only: bool) -> query.QueryResult:
    with query.connect(dataset, only_for=sql if only else None) as con:
        return query.run_sql(con, sql)


@pytest.mark.parametrize("view", query.VIEW_NAMES)
def test_query_views_for_each_view_answers_as_with_every_view(crisis_dataset: Path, view: str) -> None:
    sql = f"SELECT * FROM {view} ORDER BY ALL"
    assert _answer(crisis_dataset, sql, only=True) == _answer(crisis_dataset, sql, only=False)


@pytest.mark.parametrize("named", query.named_queries(), ids=lambda named: named.name)
def test_query_views_for_named_queries_answer_as_with_every_view(crisis_dataset: Path,
                                                                 named: query.NamedQuery) -> None:
    results = []
    for only in (True, False):
        with query.connect(crisis_dataset, only_for=named.sql if only else None) as con:
            results.append(query.run_named(con, named.name, {}))
    assert results[0] == results[1]


def test_query_views_for_cli_shows_every_view(crisis_dataset: Path) -> None:
    result = CliRunner().invoke(cli, ["query", str(crisis_dataset), "SHOW TABLES", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert set(query.VIEW_NAMES) <= set(result.output.split())


def test_query_views_for_unknown_table_error_is_unchanged(crisis_dataset: Path) -> None:
    result = CliRunner().invoke(cli, ["query", str(crisis_dataset), "SELECT * FROM nope"])
    assert result.output == "Error: Catalog Error: Table with name nope does not exist!\n"
