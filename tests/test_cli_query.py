"""The query, db, export and plot commands: exit codes, output and exact error text."""

from __future__ import annotations

import json
from pathlib import Path

import click
import duckdb
import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.query import VIEW_NAMES


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.output


def test_cli_query_sql_as_json(crisis_dataset: Path) -> None:
    code, output = _run("query", crisis_dataset, "SELECT count(*) AS n FROM events", "--format", "json")
    assert code == 0
    assert json.loads(output) == [{"n": 12}]


def test_cli_query_named_with_params(crisis_dataset: Path) -> None:
    code, output = _run("query", crisis_dataset, "--named", "top_dyads", "--param", "limit=1", "--param",
                        "count=reports", "--format", "csv")
    assert code == 0
    assert output.splitlines() == [
        "source_code,target_code,events,first_date,last_date,goldstein_mean,cooperation,conflict,counted",
        "USAGOV,VENGOV,8,2025-11-14,2025-11-18,-3.875,1,7,reports",
    ]


def test_cli_query_list(crisis_dataset: Path) -> None:
    code, output = _run("query", crisis_dataset, "--list")
    assert code == 0
    assert "roots_summary: Events by CAMEO root" in output
    assert "    --param baseline_weeks=<int>  (default: 4)" in output


@pytest.mark.parametrize("name", ["roots_summary", "top_dyads"])
def test_cli_query_demo_queries_run_without_params(crisis_dataset: Path, name: str) -> None:
    code, output = _run("query", crisis_dataset, "--named", name)
    assert code == 0
    assert output.splitlines()[1].startswith("---")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT 1", "--named", "top_dyads"], "Error: give either SQL or --named NAME, not both"),
        ([], "Error: give SQL, --named NAME or --list"),
        (["SELECT 1", "--param", "a=1"], "Error: --param needs --named NAME"),
        (["--named", "top_dyads", "--param", "limit"], "Error: --param must be KEY=VALUE, got 'limit'"),
        (["--named", "top_dyads", "--param", "limit=x"],
         "Error: parameter 'limit' of query 'top_dyads' must be an integer, got 'x'"),
        (["--named", "top_dyads", "--param", "colour=red"],
         "Error: unknown parameter 'colour' for query 'top_dyads' (accepted: limit, country, since, until, count, "
         "window_days)"),
        (["--named", "nope"], "Error: unknown named query 'nope' (known: actor_activity, airspace_restrictions, "
                              "category_counts, conflict_cooperation, escalation, roots_summary, "
                              "threats_and_ultimatums, timeline, top_dyads)"),
    ],
)
def test_cli_query_errors(crisis_dataset: Path, args: list[str], message: str) -> None:
    code, output = _run("query", crisis_dataset, *args)
    assert code == 2
    assert output.strip() == message


def test_cli_query_sql_error(crisis_dataset: Path) -> None:
    code, output = _run("query", crisis_dataset, "SELECT * FROM nowhere")
    assert code == 2
    assert output.startswith("Error: Catalog Error: Table with name nowhere does not exist!")


def test_cli_query_not_a_dataset(tmp_path: Path) -> None:
    code, output = _run("query", tmp_path, "SELECT 1")
    assert code == 2
    assert output == f"Error: {tmp_path} is not an eventcoder dataset (no events/ folder)\n"


def test_cli_query_hostile_param_is_data(crisis_dataset: Path) -> None:
    hostile = "country=VEN'; DROP TABLE events; --"
    code, output = _run("query", crisis_dataset, "--named", "timeline", "--param", hostile, "--format", "json")
    assert (code, json.loads(output)) == (0, [])
    assert _run("query", crisis_dataset, "SELECT count(*) AS n FROM events", "--format", "csv")[1] == "n\n12\n"


def test_cli_db_opens_in_plain_duckdb(crisis_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "crisis.duckdb"
    code, output = _run("db", crisis_dataset, "-o", out)
    assert (code, output) == (0, f"wrote {out}\n")
    con = duckdb.connect(str(out))
    for view in VIEW_NAMES:
        con.execute(f"SELECT * FROM {view}").fetchall()
    assert con.execute("SELECT count(*) FROM roots_summary()").fetchall() == [(7,)]


def test_cli_export_gdelt(crisis_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    code, output = _run("export", crisis_dataset, "--format", "gdelt-tsv", "-o", out)
    assert (code, output) == (0, f"wrote {out}\n")
    assert {len(line.split("\t")) for line in out.read_text().splitlines()} == {61}


def test_cli_export_unknown_format(crisis_dataset: Path, tmp_path: Path) -> None:
    code, output = _run("export", crisis_dataset, "--format", "xml", "-o", tmp_path / "x")
    assert code == 2
    assert "Invalid value for '--format': 'xml' is not one of" in output


def test_cli_plot(crisis_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "timeline.svg"
    code, output = _run("plot", crisis_dataset, "--kind", "timeline", "-o", out, "--dyad", "USA-VEN",
                        "--since", "2025-11-14", "--until", "2025-11-20", "--interval", "day")
    assert (code, output) == (0, f"wrote {out}\n")
    assert out.stat().st_size > 0


def test_cli_plot_bad_extension(crisis_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "timeline.pdf"
    code, output = _run("plot", crisis_dataset, "-o", out)
    assert (code, output) == (2, f"Error: cannot plot to {out}: the file name must end in .png or .svg\n")


@pytest.mark.parametrize("command", ["query", "db", "export", "plot"])
def test_cli_query_commands_have_help(command: str) -> None:
    cmd = cli.commands[command]
    assert cmd.help
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help, f"{command} {param.opts} has no help"
    assert _run(command, "--help")[0] == 0


def test_cli_query_sql_error_is_one_line(crisis_dataset: Path) -> None:
    result = CliRunner().invoke(cli, ["query", str(crisis_dataset), "select * from nope"])
    assert result.exit_code == 2
    assert result.output == "Error: Catalog Error: Table with name nope does not exist!\n"
