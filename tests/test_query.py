"""DuckDB views, named queries, parameter binding, result formatting and the database file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import duckdb
import pytest
from dataset_fixtures import make_event, write_fixture_dataset

from eventcoder import query
from eventcoder.errors import DatasetError, QueryError
from eventcoder.records import COLUMN_NAMES

REPO = Path(__file__).resolve().parent.parent
NAMED = [named.name for named in query.named_queries()]
SAMPLE_PARAMS = {
    "str": {"country": "VEN", "dyad": "USA-VEN", "interval": "month", "count": "reports"},
    "int": "2",
    "float": "1.5",
    "date": {"since": "2025-11-15", "until": "2025-11-30"},
    "bool": "true",
}


def _sample_value(param: query.QueryParam) -> str:
    sample = SAMPLE_PARAMS[param.type]
    return sample[param.name] if isinstance(sample, dict) else sample


@pytest.mark.parametrize("view", query.VIEW_NAMES)
def test_query_view_works_on_empty_dataset(empty_dataset: Path, view: str) -> None:
    con = query.connect(empty_dataset)
    result = query.run_sql(con, f"SELECT * FROM {view}")
    assert result.rows == ()
    assert result.columns


@pytest.mark.parametrize(
    ("view", "expected_rows"),
    [
        ("events_all", 14),
        ("events", 12),
        ("dyads", 4),
        ("actors", 5),
        ("country_month", 3),
        ("dyad_month", 2),
        ("cameo_codes", 14),
        ("categories", 3),
        ("actor_roles", 3),
    ],
)
def test_query_view_counts_on_crisis_dataset(crisis_dataset: Path, view: str, expected_rows: int) -> None:
    con = query.connect(crisis_dataset)
    assert len(query.run_sql(con, f"SELECT * FROM {view}").rows) == expected_rows


def test_query_view_names_cover_views_sql() -> None:
    text = (REPO / "eventcoder" / "sql" / "views.sql").read_text(encoding="utf-8")
    assert tuple(re.findall(r"CREATE OR REPLACE VIEW (\w+)", text)) == query.VIEW_NAMES


def test_query_events_all_has_event_columns_and_partitions(crisis_dataset: Path, empty_dataset: Path) -> None:
    for dataset in (crisis_dataset, empty_dataset):
        result = query.run_sql(query.connect(dataset), "SELECT * FROM events_all")
        assert set(result.columns) == {*COLUMN_NAMES, "year", "month"}
    row = query.run_sql(query.connect(crisis_dataset), "SELECT year, month FROM events_all LIMIT 1").rows[0]
    assert row == (2025, 11) or row == (2025, 12)


def test_query_events_view_drops_negated_and_unasserted(crisis_dataset: Path) -> None:
    con = query.connect(crisis_dataset)
    rows = query.run_sql(con, "SELECT DISTINCT modality, negated FROM events ORDER BY ALL").rows
    assert rows == (("asserted", False), ("reported", False))


def test_query_dyads_view_aggregates_directed_pairs(crisis_dataset: Path) -> None:
    con = query.connect(crisis_dataset)
    rows = query.run_sql(
        con,
        "SELECT events, first_date, last_date, verbal_conflict, material_conflict, verbal_cooperation "
        "FROM dyads WHERE source_code = 'USAGOV' AND target_code = 'VENGOV'",
    ).rows
    assert rows == ((8, dt.date(2025, 11, 14), dt.date(2025, 11, 18), 7, 0, 1),)


def test_query_actors_view_counts_both_sides(crisis_dataset: Path) -> None:
    con = query.connect(crisis_dataset)
    rows = query.run_sql(
        con, "SELECT actor_code, name, country, sector, as_source, as_target FROM actors ORDER BY actor_code"
    ).rows
    assert rows[-2] == ("VENGOV", "Nicolas Maduro", "VEN", "GOV", 1, 9)


def test_query_country_month_counts_each_country_once(crisis_dataset: Path) -> None:
    con = query.connect(crisis_dataset)
    rows = query.run_sql(
        con,
        "SELECT country, month, events, categories['threat'] FROM country_month ORDER BY country, month",
    ).rows
    assert rows == (
        ("USA", dt.date(2025, 11, 1), 10, 6),
        ("USA", dt.date(2025, 12, 1), 1, None),
        ("VEN", dt.date(2025, 11, 1), 11, 6),
    )


def test_query_connect_rejects_a_directory_without_events(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="is not an eventcoder dataset \\(no events/ folder\\)"):
        query.connect(tmp_path)


def test_query_connect_escapes_quotes_in_the_dataset_path(tmp_path: Path) -> None:
    dataset = write_fixture_dataset(tmp_path / "it's data", [make_event(1)])
    assert query.run_sql(query.connect(dataset), "SELECT count(*) FROM events").rows == ((1,),)


def test_query_named_queries_have_headers() -> None:
    assert {"timeline", "top_dyads", "conflict_cooperation", "escalation", "actor_activity", "category_counts",
            "airspace_restrictions", "threats_and_ultimatums", "roots_summary"} <= set(NAMED)
    for named in query.named_queries():
        assert named.description
        assert {p.type for p in named.params} <= set(query.PARAM_TYPES)
        assert set(re.findall(r"\$(\w+)", named.sql)) == {p.name for p in named.params}


def test_query_header_parses_types_and_defaults() -> None:
    timeline = query.get_named_query("timeline")
    assert [(p.name, p.type, p.default) for p in timeline.params] == [
        ("country", "str", None),
        ("dyad", "str", None),
        ("since", "date", None),
        ("until", "date", None),
        ("interval", "str", "week"),
        ("all_modalities", "bool", False),
        ("count", "str", "events"),
        ("window_days", "int", None),
    ]
    assert query.QueryParam("baseline_weeks", "int", 4) in query.get_named_query("escalation").params


@pytest.mark.parametrize("name", NAMED)
def test_query_named_runs_without_params(crisis_dataset: Path, empty_dataset: Path, name: str) -> None:
    assert query.run_named(query.connect(crisis_dataset), name, {}).columns
    assert query.run_named(query.connect(empty_dataset), name, {}).rows == ()


@pytest.mark.parametrize("name", NAMED)
def test_query_named_runs_with_every_param(crisis_dataset: Path, name: str) -> None:
    named = query.get_named_query(name)
    params = {param.name: _sample_value(param) for param in named.params}
    assert query.run_named(query.connect(crisis_dataset), name, params).columns


@pytest.mark.parametrize("name", NAMED)
def test_query_named_treats_sql_in_params_as_data(crisis_dataset: Path, name: str) -> None:
    con = query.connect(crisis_dataset)
    hostile = "VEN'; DROP TABLE events; --"
    named = query.get_named_query(name)
    params = {p.name: hostile for p in named.params if p.type == "str" and p.name in ("country", "dyad")}
    if not params:
        pytest.skip(f"{name} has no free-text parameter")
    assert query.run_named(con, name, params).rows == ()
    assert query.run_sql(con, "SELECT count(*) FROM events").rows == ((12,),)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"colour": "red"},
         "unknown parameter 'colour' for query 'top_dyads' (accepted: limit, country, since, until, count, "
         "window_days)"),
        ({"limit": "ten"}, "parameter 'limit' of query 'top_dyads' must be an integer, got 'ten'"),
        ({"since": "16/11/2025"}, "parameter 'since' of query 'top_dyads' must be an ISO date (YYYY-MM-DD), "
                                  "got '16/11/2025'"),
    ],
)
def test_query_named_rejects_bad_params(crisis_dataset: Path, params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError) as caught:
        query.run_named(query.connect(crisis_dataset), "top_dyads", params)
    assert str(caught.value) == message


def test_query_named_rejects_unknown_name(crisis_dataset: Path) -> None:
    with pytest.raises(QueryError, match="unknown named query 'nope' \\(known: actor_activity, "):
        query.run_named(query.connect(crisis_dataset), "nope", {})


@pytest.mark.parametrize(
    ("param", "text", "expected"),
    [
        (query.QueryParam("n", "int", None), "7", 7),
        (query.QueryParam("x", "float", None), "0.5", 0.5),
        (query.QueryParam("d", "date", None), "2025-11-16", dt.date(2025, 11, 16)),
        (query.QueryParam("b", "bool", None), "yes", True),
        (query.QueryParam("b", "bool", None), "False", False),
        (query.QueryParam("s", "str", None), "O'Brien", "O'Brien"),
    ],
)
def test_query_parse_param_value(param: query.QueryParam, text: str, expected: object) -> None:
    assert query.parse_param_value("q", param, text) == expected


def test_query_bad_bool_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="must be true or false, got 'maybe'"):
        query.parse_param_value("q", query.QueryParam("b", "bool", None), "maybe")


def test_query_timeline_filters_by_dyad_and_interval(crisis_dataset: Path) -> None:
    con = query.connect(crisis_dataset)
    params = {"dyad": "VEN-USA", "interval": "month", "until": "2025-11-30", "count": "reports"}
    result = query.run_named(con, "timeline", params)
    assert result.rows == ((dt.date(2025, 11, 1), 10, 1, 0, 8, 1, -4.5, "reports"),)
    # ev0002 and ev0003 report one event (same dyad, code and day): counted once by default
    events = query.run_named(con, "timeline", {k: v for k, v in params.items() if k != "count"})
    assert events.rows == ((dt.date(2025, 11, 1), 9, 1, 0, 7, 1, -4.444, "events"),)
    everything = query.run_named(con, "timeline", {"interval": "month", "all_modalities": "true"})
    assert sum(row[1] for row in everything.rows) == 14


def test_query_escalation_compares_with_previous_weeks(crisis_dataset: Path) -> None:
    result = query.run_named(query.connect(crisis_dataset), "escalation", {"baseline_weeks": "2"})
    assert [row[:4] for row in result.rows] == [
        (dt.date(2025, 11, 10), 0, None, 0),
        (dt.date(2025, 11, 17), 1, 0.0, 1),
        (dt.date(2025, 11, 24), 0, 0.5, 2),
        (dt.date(2025, 12, 1), 1, 0.5, 2),
    ]


def test_query_roots_summary_names_roots_and_shares(crisis_dataset: Path) -> None:
    result = query.run_named(query.connect(crisis_dataset), "roots_summary", {})
    assert result.columns == ("cameo_root", "root_name", "events", "share", "counted")
    assert ("13", "Threaten", 5, 0.4545, "events") in result.rows
    assert [row[0] for row in result.rows] == sorted(row[0] for row in result.rows)


def test_query_run_sql_wraps_duckdb_errors(crisis_dataset: Path) -> None:
    with pytest.raises(QueryError, match="no_such_table"):
        query.run_sql(query.connect(crisis_dataset), "SELECT * FROM no_such_table")


def test_query_format_result_table_csv_json() -> None:
    result = query.QueryResult(("code", "events", "day"), (("USAGOV", 8, dt.date(2025, 11, 16)), ("VEN", None, None)))
    assert query.format_result(result, "table") == (
        "code    events  day\n"
        "------  ------  ----------\n"
        "USAGOV       8  2025-11-16\n"
        "VEN\n"
    )
    assert list(csv.reader(io.StringIO(query.format_result(result, "csv")))) == [
        ["code", "events", "day"], ["USAGOV", "8", "2025-11-16"], ["VEN", "", ""]
    ]
    assert json.loads(query.format_result(result, "json")) == [
        {"code": "USAGOV", "events": 8, "day": "2025-11-16"}, {"code": "VEN", "events": None, "day": None}
    ]


def test_query_write_database_opens_in_plain_duckdb(crisis_dataset: Path, tmp_path: Path) -> None:
    out = query.write_database(crisis_dataset, tmp_path / "crisis.duckdb")
    con = duckdb.connect(str(out), read_only=True)
    for view in query.VIEW_NAMES:
        con.execute(f"SELECT * FROM {view}").fetchall()
    assert con.execute("SELECT count(*) FROM events").fetchall() == [(12,)]
    reference = query.connect(crisis_dataset)
    for named in query.named_queries():
        assert con.execute(f"SELECT * FROM {named.name}()").fetchall() == list(
            query.run_named(reference, named.name, {}).rows
        )
    assert con.execute("SELECT * FROM top_dyads(\"limit\" := 1, country := 'VEN')").fetchall() == list(
        query.run_named(reference, "top_dyads", {"limit": "1", "country": "VEN"}).rows
    )


def test_query_published_views_match_generated_text() -> None:
    published = (REPO / "schemas" / "duckdb" / "views.sql").read_text(encoding="utf-8")
    assert published == query.render_published_views(), (
        "schemas/duckdb/views.sql is stale: regenerate it with "
        "python -c 'from eventcoder.query import render_published_views as r; print(r(), end=\"\")' "
        "> schemas/duckdb/views.sql"
    )


def test_query_published_views_run_in_plain_duckdb(crisis_dataset: Path) -> None:
    con = duckdb.connect()
    con.execute("SET VARIABLE dataset = ?", [crisis_dataset.as_posix()])
    con.execute(query.render_published_views())
    assert con.execute("SELECT count(*) FROM events").fetchall() == [(12,)]
    assert con.execute("SELECT count(*) FROM cameo_codes").fetchall() == [(14,)]


def _strike(index: int, article: str, day: dt.date, **overrides: object) -> dict[str, object]:
    """A report of an air strike by Freedonia's military on Sylvanian rebels, in `article` on `day`."""
    fields: dict[str, object] = {
        "cameo_code": "195", "article_id": article, "publisher": f"Outlet {article}", "event_date": day,
        "article_date": day, "sentence_index": 2, "source_code": "FRDMIL", "source_country": "FRD",
        "source_sector": "MIL", "target_code": "SYLREB", "target_country": "SYL", "target_sector": "REB",
        "location_country": "SYL", "admin1": "North Province",
    }
    fields.update(overrides)
    return make_event(index, **fields)


DAY = dt.date(2026, 3, 10)


def _unique(dataset: Path, **settings: object) -> list[tuple[object, ...]]:
    con = query.connect(dataset, **settings)  # type: ignore[arg-type]
    sql = "SELECT event_id, num_mentions, num_articles, num_sources FROM events_unique ORDER BY event_id"
    return list(query.run_sql(con, sql).rows)


def test_query_events_unique_counts_a_headline_repeat_once(tmp_path: Path) -> None:
    rows = [
        _strike(1, "a1", DAY, sentence_index=0, target_code=None, target_country=None, target_sector=None,
                headline_repeat=True, admin1=None),
        _strike(2, "a1", DAY, sentence_index=3),
    ]
    dataset = write_fixture_dataset(tmp_path / "headline", rows)
    assert _unique(dataset) == [("ev0002", 2, 1, 1)]
    keys = query.run_sql(query.connect(dataset), "SELECT DISTINCT event_key FROM event_reports").rows
    assert len(keys) == 1


def test_query_events_unique_merges_two_articles_on_one_day(tmp_path: Path) -> None:
    dataset = write_fixture_dataset(tmp_path / "two", [_strike(1, "a1", DAY), _strike(2, "a2", DAY)])
    assert _unique(dataset) == [("ev0001", 2, 2, 2)]
    con = query.connect(dataset)
    assert query.run_named(con, "top_dyads", {}).rows[0][2] == 1
    assert query.run_named(con, "top_dyads", {"count": "reports"}).rows[0][2] == 2


@pytest.mark.parametrize(
    ("second", "expected_events"),
    [
        ({}, 1),
        ({"cameo_code": "1712"}, 2),  # another CAMEO family
        ({"admin1": "South Province"}, 2),  # another place
        ({"target_code": "SYLMIL", "target_sector": "MIL"}, 2),  # another target
        ({"event_date": DAY + dt.timedelta(days=1), "article_date": DAY + dt.timedelta(days=1)}, 2),
        ({"negated": True}, 1),  # not a report of the event at all
    ],
)
def test_query_events_unique_key(tmp_path: Path, second: dict[str, object], expected_events: int) -> None:
    dataset = write_fixture_dataset(tmp_path / "key", [_strike(1, "a1", DAY), _strike(2, "a2", DAY, **second)])
    assert len(_unique(dataset)) == expected_events


def test_query_events_unique_reciprocal_rows_are_one_event(tmp_path: Path) -> None:
    mirror = {"source_code": "SYLREB", "source_country": "SYL", "source_sector": "REB", "target_code": "FRDMIL",
              "target_country": "FRD", "target_sector": "MIL"}
    rows = [_strike(1, "a1", DAY), _strike(2, "a1", DAY, **mirror),  # 'Freedonia and Sylvania clashed'
            _strike(3, "a2", DAY, **mirror), _strike(4, "a2", DAY)]
    dataset = write_fixture_dataset(tmp_path / "mirror", rows)
    assert _unique(dataset) == [("ev0001", 2, 2, 2)]  # one mention per sentence trigger
    one_way = write_fixture_dataset(tmp_path / "one-way", [_strike(1, "a1", DAY), _strike(2, "a2", DAY, **mirror)])
    assert len(_unique(one_way)) == 2  # reversed roles in two reports are two events


def test_query_events_unique_heading_takes_the_place_of_its_body_report(tmp_path: Path) -> None:
    rows = [_strike(1, "a1", DAY, sentence_index=1, location_country=None, admin1=None),
            _strike(2, "a1", DAY, sentence_index=2),
            _strike(3, "a2", DAY, sentence_index=1, location_country=None, admin1=None, trigger_start=5)]
    dataset = write_fixture_dataset(tmp_path / "heading", rows)
    assert _unique(dataset) == [("ev0001", 2, 1, 1), ("ev0003", 1, 1, 1)]


def test_query_events_unique_window_chains_reports(tmp_path: Path) -> None:
    rows = [_strike(i, f"a{i}", DAY + dt.timedelta(days=2 * i)) for i in range(3)]
    dataset = write_fixture_dataset(tmp_path / "window", rows)
    assert len(_unique(dataset)) == 3  # one-a-day
    assert len(_unique(dataset, dedup_window_days=1)) == 3
    assert _unique(dataset, dedup_window_days=2) == [("ev0000", 3, 3, 3)]
    con = query.connect(dataset)
    assert query.run_named(con, "timeline", {"interval": "month", "window_days": "2"}).rows[0][1] == 1


def test_query_events_unique_family_rule(tmp_path: Path) -> None:
    rows = [_strike(1, "a1", DAY), _strike(2, "a2", DAY)]
    rows[1]["cameo_code"] = "190"  # same root 19, another base code
    dataset = write_fixture_dataset(tmp_path / "family", rows)
    assert len(_unique(dataset)) == 2
    assert len(_unique(dataset, dedup_family="root")) == 1
    with pytest.raises(QueryError, match="dedup family must be one of base, root, got 'code'"):
        _unique(dataset, dedup_family="code")
    con = query.connect(dataset)
    con.execute("SET VARIABLE dedup_family = 'code'")
    with pytest.raises(QueryError, match="dedup family must be 'base' or 'root', got 'code'"):
        query.run_sql(con, "SELECT * FROM events_unique")


def test_query_events_unique_keeps_the_lowest_stated_fatalities(tmp_path: Path) -> None:
    rows = [_strike(1, "a1", DAY, fatalities=7, fatalities_precision="at_least"),
            _strike(2, "a2", DAY, fatalities=5, fatalities_precision="exact"),
            _strike(3, "a3", DAY)]
    con = query.connect(write_fixture_dataset(tmp_path / "dead", rows))
    sql = "SELECT fatalities, fatalities_precision, num_mentions FROM events_unique"
    assert query.run_sql(con, sql).rows == ((5, "exact", 3),)


def test_query_named_count_must_be_events_or_reports(crisis_dataset: Path) -> None:
    with pytest.raises(QueryError, match="count must be 'events' or 'reports', got 'rows'"):
        query.run_named(query.connect(crisis_dataset), "top_dyads", {"count": "rows"})


WIRE_REPORTS = [
    {"id": "wire-1", "title": "Sudanese army shells rebel positions in El Fasher", "date": "2026-03-10",
     "source": "Wire One",
     "text": "Sudanese army shells rebel positions in El Fasher\n\nThe Sudanese army shelled positions of the Rapid "
             "Support Forces in El Fasher on Tuesday, witnesses said. The army said it would continue the offensive."},
    {"id": "paper-2", "title": "Fighting flares in North Darfur", "date": "2026-03-10", "source": "Daily Two",
     "text": "Fighting flares in North Darfur\n\nThe Sudanese army shelled positions of the Rapid Support Forces in "
             "El Fasher on Tuesday, residents said."},
]


def test_query_events_unique_on_coded_articles(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import cli

    articles = tmp_path / "reports.jsonl"
    articles.write_text("".join(json.dumps(article) + "\n" for article in WIRE_REPORTS), encoding="utf-8")
    dataset = tmp_path / "ds"
    result = CliRunner().invoke(cli, ["code", str(articles), "-o", str(dataset)])
    assert result.exit_code == 0, result.output
    con = query.connect(dataset)
    shelling = query.run_sql(
        con, "SELECT num_mentions, num_articles, num_sources FROM events_unique "
             "WHERE source_code = 'SDNMIL' AND target_code = 'SDNREB'").rows
    assert len(shelling) == 1 and shelling[0][1:] == (2, 2)
    # every title event that repeats a body event belongs to an event one of its body reports belongs to
    orphans = query.run_sql(
        con, "SELECT title.event_id FROM event_reports AS title WHERE title.headline_repeat AND NOT EXISTS ("
             "SELECT 1 FROM event_reports AS body WHERE body.article_id = title.article_id "
             "AND NOT body.headline_repeat AND body.event_key = title.event_key)").rows
    assert orphans == ()


def test_query_connect_rejects_a_negative_window(crisis_dataset: Path) -> None:
    with pytest.raises(QueryError, match="dedup window must be 0 or more days, got -1"):
        query.connect(crisis_dataset, dedup_window_days=-1)
